"""``framing validate``: check a corpus and print its problems.

Exit codes: 0 clean, 1 warnings (2 with ``--strict``), 2 errors.
"""

from __future__ import annotations

import argparse
import json

from framing import defaults
from framing.cli.options import add_column_option, parse_column_options
from framing.errors import command_line_hints


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("validate", help="check a corpus and report problems (exit 0/1/2)")
    parser.add_argument("paths", nargs="+", help="corpus file(s) or folder(s)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    add_column_option(parser)
    order = parser.add_mutually_exclusive_group()
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
    parser.add_argument(
        "--encoding", default=None, help="encoding of files that are not UTF-8 (default: guess)"
    )
    parser.add_argument(
        "--near-duplicates",
        type=float,
        default=defaults.NEAR_DUPLICATE_THRESHOLD,
        metavar="JACCARD",
        help="similarity from which articles of different outlets are flagged "
        f"(default {defaults.NEAR_DUPLICATE_THRESHOLD}; 0 skips the check)",
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=defaults.EXAMPLES_PER_CODE,
        metavar="N",
        help=f"problems shown per problem code (default {defaults.EXAMPLES_PER_CODE})",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """``framing validate PATH...``: print the report; exit 0 clean, 1 warnings, 2 errors."""
    from framing.corpus import validate_corpus

    threshold = args.near_duplicates
    report = validate_corpus(
        args.paths,
        columns=parse_column_options(args.column),
        strict=args.strict,
        dayfirst=args.dayfirst,
        encoding=args.encoding,
        near_duplicate_threshold=None if threshold == 0 else threshold,
    )
    if args.json:
        record = report.to_dict()
        for problem in record["problems"]:
            problem["message"] = command_line_hints(problem["message"])
        print(json.dumps(record, indent=2, ensure_ascii=False, default=str))
    else:
        print(command_line_hints(report.format(max_examples=args.examples)))
    return report.exit_code
