"""``framing sample``: draw a coding sheet for checking a detector against human coders."""

from __future__ import annotations

import argparse
from pathlib import Path

from framing.cli.options import add_column_option, parse_column_options


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sample",
        help="draw a coding sheet: detector hits and sentences without a hit, per outlet",
        description="Draw a stratified, seeded sample of a detector's hits (to estimate its "
        "precision) and of sentences in which it found nothing (to estimate what it misses), "
        "per outlet, shuffled. Writes the sheet (CSV) and beside it NAME.key.csv (item -> "
        "outlet), NAME.meta.json and NAME.guide.md (what to mark). Coders fill in `code`; "
        "`framing agreement` reads their copies. See docs/validation-workflow.md.",
    )
    parser.add_argument(
        "source", help="corpus file or folder, or the output folder of `framing extract`"
    )
    parser.add_argument("-o", "--out", required=True, metavar="SHEET.csv", help="coding sheet")
    parser.add_argument(
        "--detector",
        choices=("loaded", "attribution", "markers"),
        default="loaded",
        help="detector to check (default: loaded terms in the outlet's own voice)",
    )
    parser.add_argument(
        "--per-outlet",
        type=int,
        default=50,
        metavar="N",
        help="hits and sentences without a hit per outlet, N of each (default 50)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--blind", action="store_true", help="leave the outlet out of the sheet (the key keeps it)"
    )
    add_column_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from framing.coding import draw_sample
    from framing.extract import Extraction

    source = Path(args.source)
    extraction = None
    corpus: str | Path = source
    columns = parse_column_options(args.column)
    if source.is_dir() and (source / "provenance.json").is_file():
        extraction = Extraction.load(source, lazy=True)
        recorded = extraction.provenance.get("corpus_source")
        if not recorded:
            raise ValueError(
                f"{source}: the extraction does not record the corpus it was made from; pass "
                "the corpus instead (the sheet needs the article texts)"
            )
        if not Path(recorded).exists():
            raise ValueError(
                f"{source}: the extraction was made from {recorded!r}, which is not found from "
                "here; pass the corpus instead (the sheet needs the article texts)"
            )
        corpus = recorded
        # Read the corpus the way the extraction read it, unless told otherwise.
        columns = columns or dict(extraction.provenance.get("parameters", {}).get("columns") or {})
    sample = draw_sample(
        corpus,
        detector=args.detector,
        per_outlet=args.per_outlet,
        seed=args.seed,
        blind=args.blind,
        extraction=extraction,
        columns=columns,
    )
    paths = sample.save(args.out)
    print(
        f"{len(sample.sheet)} items from {len(sample.meta['populations'])} outlets "
        f"(sample {sample.meta['sample']}, {args.detector}, seed {args.seed}) -> {paths['sheet']}"
    )
    for outlet, counts in sample.meta["sampled"].items():
        print(f"  {outlet}: {counts['hit']} hits, {counts['sentence']} sentences without a hit")
    print(f"  key (keep it from coders): {paths['key']}")
    print(f"  coding guide: {paths['guide']}")
    return 0
