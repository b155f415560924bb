"""Command-line interface: ``framing validate|extract|report|evaluate|sample|agreement``.

The CLI is the only place that prints; library code logs through ``logging.getLogger("framing")``.
Each sub-command is a module here (``validate``, ``extract``, ``report``, ``evaluate``,
``sample``, ``agreement``) with
``add_parser`` (its options, whose defaults come from :mod:`framing.defaults`) and ``run`` (which
imports the library lazily, so ``framing --help`` stays fast and a missing optional dependency
only affects its own command).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from framing.cli import agreement, evaluate, extract, report, sample, validate
from framing.errors import command_line_hints
from framing.version import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in (validate, extract, report, evaluate, sample, agreement):
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, hand_off: bool | None = None) -> int:
    """Run a sub-command; returns its exit code.

    ``hand_off``: may ``framing report`` replace this process by a fresh one to run the
    notebook (:func:`framing.cli.report.resume`)? By default only when ``argv`` is ``None``,
    that is when this is the program (the ``framing`` command, ``python -m framing.cli``),
    never when called with arguments from Python.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    args.hand_off = argv is None if hand_off is None else hand_off
    return handled(args, args.func)


def handled(args: argparse.Namespace, run: Callable[[argparse.Namespace], int | None]) -> int:
    """``run(args)`` with the logging the options ask for, and its errors as messages and
    exit codes (tracebacks with ``--debug``)."""
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    # A Dask cluster (--engine dask) logs every worker and connection at INFO; read when
    # distributed is first imported, and inherited by its worker processes.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "debug" if args.debug else "warning")
    try:
        return int(run(args) or 0)
    except KeyboardInterrupt:
        if args.debug:
            raise
        print(f"framing {args.command}: interrupted", file=sys.stderr)
        return 130
    except (OSError, ValueError, TypeError) as exc:
        # Bad input (files, parameters, corpora): the message says what and where.
        if args.debug:
            raise
        # Hints name what to pass in the syntax of where the user is: options, not Python.
        print(f"framing {args.command}: error: {command_line_hints(str(exc))}", file=sys.stderr)
        return 2
    except Exception as exc:
        # Anything else is unexpected (a bug, a broken installation): still no traceback
        # unless asked for, but name the exception so a bug report can start from it.
        if args.debug:
            raise
        print(
            f"framing {args.command}: error: {type(exc).__name__}: "
            f"{command_line_hints(str(exc))} "
            "(run with --debug for the traceback)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
