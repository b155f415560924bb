"""``framing extract``: stream a corpus through every detector into Parquet parts."""

from __future__ import annotations

import argparse
import sys

from framing.cli.options import (
    add_column_option,
    add_engine_options,
    add_extraction_options,
    check_engine_options,
    parse_column_options,
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "extract",
        help="run every detector on a corpus; write articles/hits tables (Parquet)",
        description="Stream a corpus through every detector, writing DIR/parts/articles-NNNNN"
        ".parquet and hits-NNNNN.parquet per chunk and DIR/manifest.json. Run the same command "
        "again to resume an interrupted run. See docs/scaling.md.",
    )
    parser.add_argument(
        "corpus", help="corpus file or folder (any format framing.load_corpus reads)"
    )
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    add_column_option(parser)
    add_extraction_options(parser, jobs="; 1: no worker processes", chunks="; resume with the same")
    parser.add_argument(
        "--for-report",
        action="store_true",
        help="also keep what `framing report DIR` needs: each article's text, digest and corpus "
        "checks (parts/texts-NNNNN.parquet), so the report never reads the corpus again",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="discard parts of a different earlier run in DIR instead of stopping",
    )
    add_engine_options(parser, what="the chunks (workers write the parts)")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from framing.extract import extract

    progress = False if args.no_progress else None
    scheduler = check_engine_options(args)
    options = {
        "n_jobs": args.n_jobs,
        "progress": progress,
        "output": args.output,
        "chunksize": args.chunksize,
        "force": args.force,
        "columns": parse_column_options(args.column),
        "for_report": args.for_report,
    }
    if args.engine == "dask":
        from framing.extract.on_dask import cluster_client

        with cluster_client(scheduler, args.n_jobs) as client:
            result = extract(args.corpus, client=client, **options)
    else:
        result = extract(args.corpus, **options)
    if not result.provenance["articles"]:
        print(
            f"framing extract: error: no article could be read from {args.corpus}"
            f" (run `framing validate {args.corpus}` to see why)",
            file=sys.stderr,
        )
        return 2
    parts = len(list((result.directory or args.output).glob("parts/articles-*.parquet")))
    kept = " with texts for a report" if args.for_report else ""
    print(
        f"{result.provenance['articles']:,} articles, {result.provenance['hits']:,} hits -> "
        f"{args.output} (manifest.json, provenance.json, {parts} parts in parts/{kept})"
    )
    return 0
