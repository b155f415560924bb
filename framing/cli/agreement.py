"""``framing agreement``: reliability, precision, misses and corrected rates from coded sheets."""

from __future__ import annotations

import argparse
import json


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "agreement",
        help="agreement between coders, precision and misses per outlet, corrected rates",
        description="Read one coded sheet per coder (copies of the sheet `framing sample` "
        "wrote, with `code` filled in): Krippendorff's alpha and percent agreement (two or more "
        "coders), precision and misses per outlet with 95%% intervals, outlet rates corrected "
        "for both, and the items coders disagree on. See docs/validation-workflow.md.",
    )
    parser.add_argument("sheets", nargs="+", metavar="CODED.csv", help="coded sheets")
    parser.add_argument(
        "--key",
        default=None,
        metavar="NAME.meta.json",
        help="the sample's metadata (default: found beside the first sheet by the sample id)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the interval draws")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from framing.coding import agreement, read_coded_sheets

    report = agreement(read_coded_sheets(args.sheets, key=args.key), seed=args.seed)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        print(report.format())
    return 0
