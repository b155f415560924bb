"""Options several commands share: ``--column FIELD=SOURCE`` (``validate``, ``extract``,
``report``, ``sample``) and the streamed extraction's ``--n-jobs`` and ``--chunksize``
(``extract``, ``report``).

A corpus reader error suggests a mapping in Python's syntax; :func:`framing.cli.main` prints it
as these options (:func:`framing.errors.command_line_hints`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from framing import defaults


def add_column_option(parser: argparse.ArgumentParser) -> None:
    """``--column FIELD=SOURCE`` (repeatable): which column of the file holds a corpus field."""
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=SOURCE",
        help="map a corpus field to a column of the file, e.g. text=body (repeatable)",
    )


def add_extraction_options(parser: argparse.ArgumentParser, *, jobs: str, chunks: str) -> None:
    """``--n-jobs N`` and ``--chunksize N`` of the streamed extraction; ``jobs`` and ``chunks``
    end each option's help (what the option means for this command)."""
    parser.add_argument(
        "--n-jobs",
        type=int,
        default=defaults.CLI_N_JOBS,
        metavar="N",
        help=f"worker processes (default {defaults.CLI_N_JOBS}: one per CPU){jobs}",
    )
    parser.add_argument(
        "--chunksize",
        type=int,
        default=defaults.CHUNKSIZE,
        metavar="N",
        help=f"articles per chunk and per Parquet part (default {defaults.CHUNKSIZE}){chunks}",
    )


def add_engine_options(parser: argparse.ArgumentParser, *, what: str) -> None:
    """``--engine processes|dask`` and ``--scheduler ADDRESS``; ``what`` says what runs on the
    cluster for this command."""
    parser.add_argument(
        "--engine",
        choices=("processes", "dask"),
        default="processes",
        help=f"local worker processes (default), or a Dask cluster for {what}",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler to use with --engine dask, e.g. tcp://10.0.0.5:8786 "
        "(default: a local cluster of --n-jobs workers)",
    )


def check_engine_options(args: argparse.Namespace) -> str | None:
    """The scheduler address ``--engine``/``--scheduler`` ask for (``None``: a local cluster or
    no cluster).

    Raises:
        ValueError: ``--scheduler`` without ``--engine dask``.
    """
    if args.scheduler and args.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    return args.scheduler


def parse_column_options(options: Sequence[str]) -> dict[str, str]:
    """``--column FIELD=SOURCE`` options as a ``columns`` mapping for the corpus reader.

    Examples:
        >>> parse_column_options(["text=body", " outlet = source "])
        {'text': 'body', 'outlet': 'source'}
        >>> parse_column_options(["text"])
        Traceback (most recent call last):
        ...
        ValueError: --column expects FIELD=SOURCE (e.g. text=body), got 'text'
    """
    mapping: dict[str, str] = {}
    for option in options:
        target, sep, source = option.partition("=")
        if not sep or not target.strip() or not source.strip():
            raise ValueError(f"--column expects FIELD=SOURCE (e.g. text=body), got {option!r}")
        if target.strip() in mapping:
            raise ValueError(f"--column {target.strip()}=... given twice")
        mapping[target.strip()] = source.strip()
    return mapping
