"""``framing report``: run the comparative report notebook on a corpus."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from framing import defaults
from framing.cli.options import (
    add_column_option,
    add_engine_options,
    add_extraction_options,
    parse_column_options,
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="comparative outlet report: run the report notebook; write HTML, figures, tables",
        usage="framing report CORPUS -o DIR [-f FILE.yaml] [-p NAME VALUE ...] [options]\n"
        "       framing report --help-parameters [--notebook NB]",
        description="Run notebooks/outlet_comparison.ipynb on a corpus. Parameters are checked "
        "before a kernel starts; the report folder is replaced only when the run succeeds (a "
        "failed run keeps its notebook in OUT.failed/). See docs/report.md.",
    )
    parser.add_argument(
        "corpus",
        nargs="?",
        metavar="CORPUS",
        help="corpus file or folder (any format framing.load_corpus reads)",
    )
    parser.add_argument("-o", "--out", metavar="DIR", help="report folder (required)")
    add_column_option(parser)
    parser.add_argument(
        "-f",
        "--parameters-file",
        metavar="FILE.yaml",
        default=None,
        help="notebook parameters as NAME: VALUE lines in a YAML file (papermill's -f); "
        "-p overrides it",
    )
    parser.add_argument(
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
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="print no progress lines (validating the corpus, starting the kernel, cell k/n)",
    )
    parser.add_argument(
        "--help-parameters",
        action="store_true",
        help="list the notebook's parameters with their types, defaults and help, and exit",
    )
    parser.add_argument(
        "--notebook", default=None, help="report notebook (default: the bundled one)"
    )
    add_extraction_options(
        parser,
        jobs=" extracting a corpus (not used on an extraction folder); with --engine dask and no "
        "--scheduler: the local cluster's workers",
        chunks="; an interrupted run resumes with the same",
    )
    add_engine_options(
        parser, what="the extraction and the notebook's reading of its parts (docs/scaling.md)"
    )
    parser.add_argument(
        "--kernel",
        default=defaults.REPORT_KERNEL,
        help=f"Jupyter kernel (default: {defaults.REPORT_KERNEL})",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=None,
        metavar="S",
        help=(
            f"seconds one cell may run (default: {defaults.REPORT_TIMEOUT}, plus "
            f"{defaults.REPORT_TIMEOUT_PER_MILLION:,} per million articles)"
        ),
    )
    parser.set_defaults(func=run, report_parser=parser)


def _print_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _terminated(signum: int, frame: object) -> None:
    print("framing: terminated", file=sys.stderr)
    # An exception, not the default instant exit: the report run then deletes its build
    # folder and shuts its kernel down; the earlier report is untouched either way.
    raise SystemExit(128 + signum)


def run(args: argparse.Namespace) -> int:
    from framing import report

    notebook = args.notebook if args.notebook is not None else report.DEFAULT_NOTEBOOK
    if args.help_parameters:
        print(report.parameters_help(notebook))
        return 0
    missing = [
        name for name, value in (("CORPUS", args.corpus), ("-o/--out", args.out)) if not value
    ]
    if missing:
        args.report_parser.error(f"the following arguments are required: {', '.join(missing)}")

    def report_run() -> Any:
        parameters = report.parse_cli_parameters(args.parameters)
        if args.parameters_file is not None:
            parameters = {
                **report.read_parameters_file(args.parameters_file, notebook),
                **parameters,  # -p overrides the file
            }
        return report.run_report(
            args.corpus,
            args.out,
            parameters,
            notebook=args.notebook,
            kernel_name=args.kernel,
            timeout=args.timeout,
            columns=parse_column_options(args.column),
            on_progress=None if args.no_progress else _print_progress,
            n_jobs=args.n_jobs,
            chunksize=args.chunksize,
            engine=args.engine,
            scheduler=args.scheduler,
            hand_off=_hand_off(args) if getattr(args, "hand_off", False) else None,
        )

    return _reported(args, report_run)


def _reported(args: argparse.Namespace, report_run: Callable[[], Any]) -> int:
    """Run a report (``report_run()``) with SIGTERM handled, and print where it is."""
    from framing.errors import ReportError

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        result = report_run()
    except ReportError as exc:
        if args.debug:
            raise
        print(f"framing report: failed: {exc}", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print(f"Report written to {result.html} ({result.seconds:.1f} s)")
    print(f"  figures: {result.output_dir / 'figures'}")
    print(f"  tables: {result.output_dir / 'tables'}")
    print(f"  provenance: {result.output_dir / 'provenance.json'}")
    return 0


#: What the fresh process runs: :func:`resume` on the handed-off run, with ``framing``
#: imported from where this process imported it.
_RESUME = (
    "import sys\n"
    "if sys.argv[2] not in sys.path:\n"
    "    sys.path.append(sys.argv[2])\n"
    "from framing.cli.report import resume\n"
    "sys.exit(resume(sys.argv[1]))\n"
)


def _hand_off(args: argparse.Namespace) -> Callable[[Any], None]:
    """Replace this process by a fresh Python that runs the notebook of a checked run.

    The checks and the extraction leave this process holding pandas, Arrow and their heaps
    (~190 MB at a million articles; ~220 MB on the sample), for nothing while it waits for
    the kernel. The new process (same PID, same terminal, same exit code for the shell)
    imports neither. POSIX only: elsewhere, or if the new process cannot start, the run goes
    on here.
    """

    def hand_off(plan: Any) -> None:
        import os
        import pickle
        import tempfile
        from pathlib import Path

        if os.name != "posix" or not sys.executable:
            return
        job = {"plan": plan, "debug": args.debug, "no_progress": args.no_progress}
        handle, path = tempfile.mkstemp(prefix="framing-report-", suffix=".pickle")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(job, file)
        root = str(Path(__file__).resolve().parents[2])
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            os.execv(sys.executable, [sys.executable, "-c", _RESUME, path, root])
        except OSError:
            os.unlink(path)

    return hand_off


def resume(path: str) -> int:
    """The rest of a ``framing report`` run handed off by :func:`_hand_off`: run the notebook
    (:func:`framing.report.execute.build_report`) and exit as ``framing report`` would."""
    import os
    import pickle

    from framing.cli import handled
    from framing.report.execute import build_report

    with open(path, "rb") as file:
        job = pickle.load(file)
    os.unlink(path)
    args = argparse.Namespace(command="report", debug=job["debug"], no_progress=job["no_progress"])
    progress = None if job["no_progress"] else _print_progress
    return handled(args, lambda args: _reported(args, lambda: build_report(job["plan"], progress)))
