"""``framing evaluate``: precision, recall and F1 of the detectors on annotated data."""

from __future__ import annotations

import argparse
import json


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate", help="precision/recall/F1 of the detectors on annotated data"
    )
    parser.add_argument(
        "--devset",
        default=None,
        help="folder of annotated passages (default: the set shipped with framing)",
    )
    parser.add_argument(
        "--polnear", default=None, help="PolNeAR folder (articles/attributions .csv.gz)"
    )
    parser.add_argument("--babe", default=None, help="BABE folder (sentences.csv.gz)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses per detector")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from framing import evaluate

    reports = []
    if args.polnear:
        reports.append(evaluate.evaluate_polnear(args.polnear, limit=args.limit))
    if args.babe:
        reports.append(evaluate.evaluate_babe(args.babe, limit=args.limit))
    if args.devset or not (args.polnear or args.babe):
        passages = evaluate.load_devset(args.devset)
        if args.limit:
            passages = passages[: args.limit]
        reports.append(evaluate.evaluate_devset(passages))
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], indent=2))
    else:
        print("\n\n".join(r.format(misses=args.misses) for r in reports))
    return 0
