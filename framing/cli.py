"""Command-line interface: ``framing evaluate|validate|extract|report``.

The CLI is the only place that prints; library code logs through ``logging.getLogger("framing")``.
Each sub-command lives in a small ``_cmd_*`` function that imports its module lazily, so
``framing --help`` stays fast and a missing optional dependency only affects its own command.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from framing import evaluate

    return evaluate.main_from_args(args)


def _cmd_validate(args: argparse.Namespace) -> int:
    from framing import corpus

    return corpus.validate_main(args)


def _cmd_extract(args: argparse.Namespace) -> int:
    from framing.extract import extract

    progress = False if args.no_progress else None
    if args.scheduler and args.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    options = {
        "n_jobs": args.n_jobs,
        "progress": progress,
        "output": args.output,
        "chunksize": args.chunksize,
        "force": args.force,
    }
    if args.engine == "dask":
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # an OSError subclass would be caught; say what to install
            raise ValueError(
                "--engine dask needs dask and distributed: pip install 'framing[dask]'"
            ) from exc
        if args.scheduler:
            with Client(args.scheduler) as client:
                result = extract(args.corpus, client=client, **options)
        else:
            workers = args.n_jobs if args.n_jobs > 0 else None
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
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
    print(
        f"{result.provenance['articles']:,} articles, {result.provenance['hits']:,} hits -> "
        f"{args.output} (manifest.json, provenance.json, {parts} parts in parts/)"
    )
    return 0


def _terminated(signum: int, frame: object) -> None:
    print("framing: terminated", file=sys.stderr)
    # An exception, not the default instant exit: the report run then deletes its build
    # folder and shuts its kernel down; the earlier report is untouched either way.
    raise SystemExit(128 + signum)


def _cmd_report(args: argparse.Namespace) -> int:
    from framing import report

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return _run_report(args, report)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run_report(args: argparse.Namespace, report: Any) -> int:
    try:
        parameters = report.parse_cli_parameters(args.parameters)
        result = report.run_report(
            args.corpus,
            args.out,
            parameters,
            notebook=args.notebook,
            kernel_name=args.kernel,
            timeout=args.timeout,
        )
    except report.ReportError as exc:
        if args.debug:
            raise
        print(f"framing report: failed: {exc}", file=sys.stderr)
        return 2
    print(f"Report written to {result.html} ({result.seconds:.1f} s)")
    print(f"  figures: {result.output_dir / 'figures'}")
    print(f"  tables: {result.output_dir / 'tables'}")
    print(f"  provenance: {result.output_dir / 'provenance.json'}")
    return 0


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

    ex = sub.add_parser(
        "extract",
        help="run every detector on a corpus; write articles/hits tables (Parquet)",
        description="Stream a corpus through every detector, writing DIR/parts/articles-NNNNN"
        ".parquet and hits-NNNNN.parquet per chunk and DIR/manifest.json. Run the same command "
        "again to resume an interrupted run. See docs/scaling.md.",
    )
    ex.add_argument("corpus", help="corpus file or folder (any format framing.load_corpus reads)")
    ex.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    ex.add_argument(
        "--n-jobs",
        type=int,
        default=-1,
        metavar="N",
        help="worker processes (default -1: one per CPU; 1: no worker processes)",
    )
    ex.add_argument(
        "--chunksize",
        type=int,
        default=2_000,
        metavar="N",
        help="articles per chunk and per Parquet part (default 2000); resume with the same",
    )
    ex.add_argument(
        "--force",
        action="store_true",
        help="discard parts of a different earlier run in DIR instead of stopping",
    )
    ex.add_argument(
        "--engine",
        choices=("processes", "dask"),
        default="processes",
        help="local worker processes (default), or a Dask cluster",
    )
    ex.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler to use with --engine dask, e.g. tcp://10.0.0.5:8786 "
        "(default: a local cluster of --n-jobs workers)",
    )
    ex.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    ex.set_defaults(func=_cmd_extract)

    rp = sub.add_parser(
        "report",
        help="comparative outlet report: run the report notebook; write HTML, figures, tables",
        description="Run notebooks/outlet_comparison.ipynb on a corpus. Parameters are checked "
        "before a kernel starts; the report folder is replaced only when the run succeeds (a "
        "failed run keeps its notebook in OUT.failed/). See docs/report.md.",
    )
    rp.add_argument("corpus", help="corpus file or folder (any format framing.load_corpus reads)")
    rp.add_argument("-o", "--out", required=True, metavar="DIR", help="report folder")
    rp.add_argument(
        "-p",
        "--parameter",
        dest="parameters",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help='notebook parameter, VALUE read as YAML (repeatable): -p outlets \'["A", "B"]\' '
        "-p n_boot 500 -p start 2026-03-01",
    )
    rp.add_argument("--notebook", default=None, help="report notebook (default: the bundled one)")
    rp.add_argument("--kernel", default="python3", help="Jupyter kernel (default: python3)")
    rp.add_argument(
        "--timeout", type=int, default=600, metavar="S", help="seconds one cell may run (600)"
    )
    rp.set_defaults(func=_cmd_report)
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
    except KeyboardInterrupt:
        if args.debug:
            raise
        print(f"framing {args.command}: interrupted", file=sys.stderr)
        return 130
    except (OSError, ValueError, TypeError) as exc:
        # Bad input (files, parameters, corpora): the message says what and where.
        if args.debug:
            raise
        print(f"framing {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        # Anything else is unexpected (a bug, a broken installation): still no traceback
        # unless asked for, but name the exception so a bug report can start from it.
        if args.debug:
            raise
        print(
            f"framing {args.command}: error: {type(exc).__name__}: {exc} "
            "(run with --debug for the traceback)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
