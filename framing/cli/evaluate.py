"""``framing evaluate``: precision, recall and F1 of the detectors on annotated data."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate", help="precision/recall/F1 of the detectors on annotated data"
    )
    parser.add_argument(
        "--devset", default=None, help="folder of annotated passages (default: bundled)"
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

    return evaluate.main_from_args(args)
