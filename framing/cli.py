"""Command-line interface: ``framing evaluate|validate|extract|report``.

The CLI is the only place that prints; library code logs through ``logging.getLogger("framing")``.
Each sub-command lives in a small ``_cmd_*`` function that imports its module lazily, so
``framing --help`` stays fast and a missing optional dependency only affects its own command.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from framing import evaluate

    return evaluate.main_from_args(args)


def _cmd_validate(args: argparse.Namespace) -> int:
    from framing import corpus

    return corpus.validate_main(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", required=True)

    ev = sub.add_parser("evaluate", help="precision/recall/F1 of the detectors on annotated data")
    ev.add_argument(
        "--devset", default=None, help="folder of annotated passages (default: bundled)"
    )
    ev.add_argument(
        "--polnear", default=None, help="PolNeAR folder (articles/attributions .csv.gz)"
    )
    ev.add_argument("--babe", default=None, help="BABE folder (sentences.csv.gz)")
    ev.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    ev.add_argument("--misses", type=int, default=0, help="print up to N misses per detector")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.set_defaults(func=_cmd_evaluate)

    va = sub.add_parser("validate", help="check a corpus and report problems (exit 0/1/2)")
    va.add_argument("paths", nargs="+", help="corpus file(s) or folder(s)")
    va.add_argument("--strict", action="store_true", help="treat warnings as errors")
    va.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=SOURCE",
        help="map a corpus field to a column of the file, e.g. text=body (repeatable)",
    )
    order = va.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        default=None,
        help="read numeric dates like 03/04/2026 as day/month/year",
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="read numeric dates as month/day/year without ambiguity warnings",
    )
    va.add_argument(
        "--encoding", default=None, help="encoding of files that are not UTF-8 (default: guess)"
    )
    va.add_argument(
        "--near-duplicates",
        type=float,
        default=None,
        metavar="JACCARD",
        help="similarity from which articles of different outlets are flagged "
        "(default 0.5; 0 skips the check)",
    )
    va.add_argument(
        "--examples", type=int, default=5, metavar="N", help="problems shown per problem code"
    )
    va.add_argument("--json", action="store_true", help="print the report as JSON")
    va.set_defaults(func=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except (OSError, ValueError, TypeError) as exc:
        if args.debug:
            raise
        print(f"framing {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
