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
    parser.add_argument(
        "sheets",
        nargs="+",
        metavar="CODED.csv",
        help="coded sheets, one per coder (of one sample, or of one sample per detector)",
    )
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
    from framing.coding import agreement, read_coded_samples

    reports = [
        agreement(sample, seed=args.seed)
        for sample in read_coded_samples(args.sheets, key=args.key)
    ]
    if args.json:
        result = [r.to_dict() for r in reports]
        print(json.dumps(result[0] if len(result) == 1 else result, indent=2, ensure_ascii=False,
                         default=str))  # fmt: skip
    else:
        print("\n\n".join(r.format() for r in reports))
    return 0
