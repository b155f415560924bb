"""``framing report``: check everything, run the notebook in a build folder, swap it in.

:func:`run_report` checks the parameters against the notebook's ``parameters`` cell and the
corpus *before* a kernel starts, executes the notebook with papermill in a fresh folder next to
the report folder, renders ``report.html`` and only then swaps the folder in. A failed run leaves
an earlier report untouched and keeps the failed notebook in ``DIR.failed/``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing import defaults
from framing.corpus.schema import check_columns_mapping
from framing.errors import ReportError
from framing.extract import Extraction, extract
from framing.extract.batch import cluster_threads, resolve_jobs
from framing.extract.on_dask import cluster_client
from framing.report.compact import release_arrow_memory, trim_heap
from framing.report.extracted import (
    check_on_extraction,
    check_scan,
    check_selection,
    checked_columns,
    extraction_folder_problem,
    is_extraction,
    parts_hint,
    scan_corpus,
    work_folder,
)
from framing.report.folders import (
    BUILD_MARKER,
    is_ours,
    keep_failed,
    looks_like_report,
    mark_build,
    recover_interrupted,
    swap_in,
)
from framing.report.html import export_html
from framing.report.params import (
    DEFAULT_NOTEBOOK,
    DEFAULTS,
    RESERVED_PARAMETERS,
    coerce_parameters,
    notebook_parameters,
)

__all__ = ["ReportResult", "run_report"]

logger = logging.getLogger("framing")

PathLike = str | os.PathLike[str]


@dataclass
class ReportResult:
    """Where a finished report is, and how long it took; ``extraction`` is the extraction
    folder it read when it was given one."""

    output_dir: Path
    html: Path
    notebook: Path
    seconds: float
    parameters: dict[str, Any]
    extraction: Path | None = None

    def __str__(self) -> str:
        return f"report written to {self.html} ({self.seconds:.1f} s)"


def _check_kernel(kernel_name: str) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    manager = KernelSpecManager()
    try:
        manager.get_kernel_spec(kernel_name)
    except NoSuchKernel:
        available = ", ".join(sorted(manager.find_kernel_specs())) or "none"
        raise ReportError(
            f"no Jupyter kernel named {kernel_name!r}; available: {available} (`make setup` "
            "installs 'python3' into the virtual environment)"
        ) from None


def _cell_summary(source: str) -> str:
    lines = [line.strip() for line in (source or "").splitlines() if line.strip()]
    code = [line for line in lines if not line.startswith("#")]
    first = (code or lines or [""])[0]
    return first if len(first) <= 80 else first[:77] + "..."


class _Progress:
    """Reports the steps of a run to a callback (and the ``framing`` logger, at INFO).

    Its ``cell_*`` methods are nbclient's ``on_notebook_start`` and ``on_cell_execute`` hooks
    (papermill hands extra keyword arguments of ``execute_notebook`` to its nbclient client):
    ``cell 5/15: run.loaded_rates()``, numbered like the ``In [n]`` of the executed notebook.
    """

    def __init__(self, callback: Callable[[str], None] | None) -> None:
        self.callback = callback
        self.numbers: dict[int, int] = {}

    def __call__(self, message: str) -> None:
        logger.info("report: %s", message)
        if self.callback is None:
            return
        try:
            self.callback(message)
        except Exception:  # a broken progress display must not break the report
            logger.warning("progress callback failed; no more progress is reported", exc_info=True)
            self.callback = None

    def cell_start(self, notebook: Any, **_: Any) -> None:
        executed = [
            index
            for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and cell.source.strip()
        ]
        self.numbers = {index: number for number, index in enumerate(executed, start=1)}

    def cell_execute(self, cell: Any, cell_index: int, **_: Any) -> None:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags:
            what = "parameters given to the report"
        elif "parameters" in tags:
            what = "the notebook's default parameters"
        else:  # the first line that does something, not an import
            lines = cell.source.splitlines()
            doing = [line for line in lines if not line.lstrip().startswith(("import ", "from "))]
            what = _cell_summary("\n".join(doing)) or _cell_summary(cell.source)
        self(f"cell {self.numbers.get(cell_index, '?')}/{len(self.numbers)}: {what}")


def run_report(
    corpus: PathLike,
    out: PathLike,
    parameters: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
    *,
    notebook: PathLike | None = None,
    kernel_name: str = defaults.REPORT_KERNEL,
    timeout: int = defaults.REPORT_TIMEOUT,
    columns: Mapping[str, str] | None = None,
    on_progress: Callable[[str], None] | None = None,
    n_jobs: int = defaults.CLI_N_JOBS,
    chunksize: int = defaults.CHUNKSIZE,
    engine: str = "processes",
    scheduler: str | None = None,
) -> ReportResult:
    """Run the report notebook on a corpus (or a saved extraction) and write the report folder
    atomically.

    Steps: read the notebook's parameters (:func:`papermill.inspect_notebook`), check the
    names and types of ``parameters`` and their values against the corpus in one streamed
    pass (all before a kernel starts); extract the corpus on ``n_jobs`` processes, streamed
    and resumable, into ``.NAME.extraction`` next to ``out``
    (:func:`framing.extract` with ``output`` and ``for_report``; an interrupted run resumes
    from it, a finished one removes it); execute the notebook on that
    extraction with papermill in ``.NAME.building-*`` next to ``out`` (working directory = that
    folder, ``output_dir = "."``, so nothing is written elsewhere); render ``report.html``;
    rename the folder to ``out``. Given an extraction folder instead of a corpus
    (``framing extract CORPUS -o DIR --for-report``), the parameters are checked against its
    tables and the notebook reads it: the corpus is never read.

    Args:
        corpus: corpus file or folder, or an extraction folder.
        out: report folder. If it exists it must be empty or an earlier report.
        parameters: notebook parameters; ``str`` values are parsed as YAML (as ``-p`` does).
        notebook: the report notebook (default :data:`DEFAULT_NOTEBOOK`).
        kernel_name: Jupyter kernel to run the notebook with.
        timeout: seconds any one cell may run.
        columns: which column of the corpus file holds each field, e.g.
            ``{"text": "body"}`` (as for :func:`framing.load_corpus`); the extraction reads
            the corpus with it and records it, so the report names the original corpus and
            the mapping.
        on_progress: called with a short line at each step (``"validating the corpus"``,
            ``"starting the kernel"``, ``"cell 5/15: run.loaded_rates()"``,
            ``"writing report.html"``); the same lines go to the ``framing`` logger at INFO.
            ``framing report`` prints them to stderr (``--no-progress``: not at all); with a
            callback the extraction also shows a progress bar on stderr.
        n_jobs: worker processes of the extraction (``-1``: one per CPU).
        chunksize: articles per extraction part (part of the extraction's identity: a kept
            extraction made with another is redone).
        engine: ``"processes"`` (default): the extraction runs on ``n_jobs`` local processes
            and the notebook reads the extraction's parts on two threads. ``"dask"``: both
            run on a Dask cluster (:func:`framing.extract.on_dask.cluster_client`), whose
            workers must see the extraction folder at the same path; the notebook's kernel
            joins the cluster through its ``scheduler`` parameter. The tables are the same.
        scheduler: the cluster's scheduler address with ``engine="dask"``; ``None``: a local
            cluster of ``n_jobs`` worker processes, started and stopped by this run.

    Returns:
        A :class:`ReportResult`.

    Raises:
        ValueError: a parameter is unknown, reserved or of the wrong type, or names an
            outlet/event the corpus lacks (nothing has been started or written).
        ReportError: ``out`` is not a report folder, or the notebook failed (the message names
            the cell and the error; the failed notebook is in ``out.failed/report.ipynb`` and
            any earlier report in ``out`` is untouched), or the HTML is not self-contained.
    """
    from papermill.exceptions import PapermillExecutionError

    began = time.perf_counter()
    progress = _Progress(on_progress)
    nb_path = Path(notebook) if notebook is not None else DEFAULT_NOTEBOOK
    corpus_path = Path(corpus).absolute()
    if not corpus_path.exists():
        raise FileNotFoundError(f"corpus not found: {corpus}")
    out_dir = Path(out).absolute()
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(f"--out {out}: exists and is not a folder")
    if out_dir.is_dir() and not looks_like_report(out_dir):
        raise ReportError(
            f"--out {out}: the folder holds files that are not a framing report; refusing to "
            "replace it (choose a new or empty folder)"
        )
    raw = dict(parameters.items() if isinstance(parameters, Mapping) else parameters or [])
    spec = notebook_parameters(nb_path)
    if engine not in ("processes", "dask"):
        raise ValueError(f"engine must be 'processes' or 'dask', got {engine!r}")
    if scheduler and engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    needed = [n for n in RESERVED_PARAMETERS if n != "scheduler" or engine == "dask"]
    missing = [name for name in needed if name not in spec]
    if missing:
        raise ReportError(f"{nb_path}: the parameters cell lacks {', '.join(missing)}")
    values = coerce_parameters(raw, spec)
    # Read-only inputs: resolve against the caller's working directory (the notebook runs in
    # the build folder, where a relative path would point elsewhere).
    for key in ("extra_lexicons", "validation"):
        if values.get(key):
            values[key] = [str(Path(p).absolute()) for p in values[key]]
    _check_kernel(kernel_name)
    mapping = check_columns_mapping(columns)
    wanted = {**DEFAULTS, **values}
    hint = parts_hint(corpus_path)
    if hint:
        raise ValueError(hint)
    from_extraction = is_extraction(corpus_path)
    if from_extraction:
        if mapping:
            raise ValueError(
                f"{corpus}: an extraction folder; its corpus was read with the column mapping "
                "it records, so --column (columns=) does not apply"
            )
        problem = extraction_folder_problem(corpus_path)
        if problem:
            raise ValueError(problem)
        progress("reading the extraction")
        source = Extraction.load(corpus_path, lazy=True)
        progress("checking the parameters against the extraction")
        articles = checked_columns(corpus_path)
        check_on_extraction(wanted, source, articles)
        check_selection(articles, wanted)
        del articles, source  # the notebook reads the extraction: hold nothing of it here
        release_arrow_memory()
    else:
        progress("validating the corpus")
        scan = scan_corpus(corpus_path, wanted, mapping)
        if not scan.articles:
            _raise_unusable_corpus(corpus_path, mapping)
        if not scan.with_outlet:  # e.g. an outlet column under another name
            _raise_unusable_corpus(corpus_path, mapping, no_outlets=True)
        progress("checking the parameters against the corpus")
        check_scan(values, scan)

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover_interrupted(out_dir)
    if out_dir.is_dir() and not looks_like_report(out_dir):  # (a restored earlier report)
        raise ReportError(f"--out {out}: the folder holds files that are not a framing report")
    cluster = ExitStack()
    client = None
    if engine == "dask":
        client = cluster.enter_context(cluster_client(scheduler, n_jobs))
        address = client.scheduler.address
        dashboard = getattr(client, "dashboard_link", None)
        threads = cluster_threads(client)
        progress(
            f"using the Dask cluster at {address} ({threads} worker thread"
            + ("s" if threads != 1 else "")
            + (f"; dashboard {dashboard}" if dashboard else "")
            + ")"
        )
    with cluster:
        extraction_dir = corpus_path
        if not from_extraction:
            extraction_dir = work_folder(out_dir)
            workers = resolve_jobs(n_jobs)
            where = (
                "the Dask cluster"
                if client is not None
                else f"{workers} worker process{'es' if workers > 1 else ''}"
            )
            progress(
                f"extracting the corpus on {where} "
                f"into {extraction_dir.name} (an interrupted run resumes from it)"
            )
            extract(
                corpus_path,
                client=client,
                n_jobs=n_jobs,
                progress=None if on_progress is not None else False,
                output=extraction_dir,
                chunksize=chunksize,
                force=True,
                columns=mapping or None,
                extra=values.get("extra_lexicons"),
                for_report=True,
            )
        # What the checks and the extraction freed, back to the system before the kernel
        # starts: this process only waits for the notebook from here on.
        release_arrow_memory()
        trim_heap()
        build_dir = _new_build_folder(out_dir, out)
        executed = build_dir / "report.ipynb"
        failed_dir = out_dir.with_name(out_dir.name + ".failed")
        try:
            progress(f"starting the kernel ({kernel_name})")
            _execute(
                nb_path,
                executed,
                {
                    **values,
                    "corpus": str(extraction_dir),
                    "output_dir": ".",
                    **({"scheduler": address} if client is not None else {}),
                },
                kernel_name=kernel_name,
                timeout=timeout,
                progress=progress,
            )
            progress("writing report.html")
            document = export_html(executed)
            (build_dir / "report.html").write_text(document, encoding="utf-8")
            _stamp_provenance(
                build_dir, nb_path, kernel_name, values, time.perf_counter() - began,
                extraction=corpus_path if from_extraction else None,
                engine="processes" if client is None else f"dask {address}",
            )  # fmt: skip
        except PapermillExecutionError as exc:
            kept = keep_failed(build_dir, failed_dir)
            raise ReportError(
                f"cell In [{exc.exec_count}] `{_cell_summary(exc.source)}` raised "
                f"{exc.ename}: {exc.evalue}\n  failed notebook: {kept}\n  "
                + (
                    f"earlier report in {out} left untouched"
                    if out_dir.exists()
                    else "no report written"
                ),
                failed_notebook=kept,
                cell=exc.exec_count,
            ) from exc
        except ReportError as exc:
            kept = keep_failed(build_dir, failed_dir)
            raise ReportError(f"{exc}\n  failed notebook: {kept}", failed_notebook=kept) from exc
        except Exception as exc:
            kept = keep_failed(build_dir, failed_dir) if executed.exists() else None
            if kept is None:
                shutil.rmtree(build_dir, ignore_errors=True)
            raise ReportError(
                f"the report run failed: {type(exc).__name__}: {exc}"
                + (f"\n  failed notebook: {kept}" if kept else ""),
                failed_notebook=kept,
            ) from exc
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
    (build_dir / BUILD_MARKER).unlink(missing_ok=True)
    swap_in(build_dir, out_dir)
    if is_ours(failed_dir):  # stale: this run succeeded
        shutil.rmtree(failed_dir, ignore_errors=True)
    if not from_extraction:
        # Kept only to resume an interrupted run: the report holds the selected articles'
        # tables (extraction/), and a copy of the corpus texts does not belong beside it.
        shutil.rmtree(extraction_dir, ignore_errors=True)
    seconds = time.perf_counter() - began
    return ReportResult(
        out_dir, out_dir / "report.html", out_dir / "report.ipynb", seconds, values,
        corpus_path if from_extraction else None,
    )  # fmt: skip


def _new_build_folder(out_dir: Path, out: PathLike) -> Path:
    """A fresh ``.NAME.building-*`` folder next to ``out_dir``, marked as ours."""
    try:
        build_dir = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
        mark_build(build_dir)
    except OSError as exc:
        raise ReportError(
            f"--out {out}: cannot create a build folder in {out_dir.parent}: {exc.strerror or exc}"
        ) from exc
    return build_dir


def _execute(
    notebook: Path,
    executed: Path,
    parameters: Mapping[str, Any],
    *,
    kernel_name: str,
    timeout: int,
    progress: _Progress,
) -> None:
    """Run ``notebook`` with papermill into ``executed``, in ``executed``'s folder."""
    import papermill

    options: dict[str, Any] = {}
    sockets = None
    if os.name == "posix":
        # Talk to the kernel over Unix sockets in a private folder, not TCP on localhost:
        # nothing else on the machine can connect, and ipykernel has no reason to warn.
        from traitlets.config import Config

        sockets = tempfile.mkdtemp(prefix="framing-kernel-")
        options["config"] = Config(
            {"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}}
        )

    def cell_execute(**cell: Any) -> None:
        progress.cell_execute(**cell)
        # papermill saved the notebook after the last cell: hand that back to the system (a
        # 1M report's runner ended at 221 MB without this, 203 MB with it).
        trim_heap()

    try:
        with _kernel_environment():
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=dict(parameters),
                kernel_name=kernel_name,
                cwd=str(executed.parent),
                progress_bar=False,
                log_output=False,
                execution_timeout=timeout,
                on_notebook_start=progress.cell_start,
                on_cell_execute=cell_execute,
                extra_arguments=list(KERNEL_ARGUMENTS),
                **options,
            )
    finally:
        if sockets is not None:
            shutil.rmtree(sockets, ignore_errors=True)


#: Environment variables the report's kernel starts with, unless already set. Arrow's own
#: allocator (mimalloc) keeps memory it freed for later Arrow allocations, which pandas and
#: NumPy cannot use. With the C library's allocator, at a million articles, the kernel held
#: ~130 MB less after reading the extraction and the whole report peaked ~100 MB lower
#: (1,931-1,949 MB, against 2,038-2,049); its steps took longer in those runs (133-142 s
#: in all against 122-124 s, on a machine whose times varied by 15% that day).
KERNEL_ENVIRONMENT = {"ARROW_DEFAULT_MEMORY_POOL": "system"}


#: Command-line options of the report's kernel. No output cache: IPython keeps every cell's
#: result in ``Out``, ``_``, ``__`` and ``___`` for the session, and each step returns its
#: figure, tables and evidence, which the notebook has already shown and written. At a million
#: articles ``framing report DIR`` peaked ~50 MB lower so (1,855-1,876 MB, against
#: 1,907-1,927 MB, alternated runs), the kernel holding less in the later steps.
KERNEL_ARGUMENTS = ("--InteractiveShell.cache_size=0",)


@contextmanager
def _kernel_environment() -> Iterator[None]:
    """:data:`KERNEL_ENVIRONMENT` in this process's environment (which a kernel started now
    inherits) for the duration, without overriding what the user set."""
    added = {name: value for name, value in KERNEL_ENVIRONMENT.items() if name not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def _raise_unusable_corpus(
    corpus: Path, columns: Mapping[str, str], *, no_outlets: bool = False
) -> None:
    """A corpus that loads no article at all, or none with an outlet: say why, file by file,
    before anything starts."""
    from framing.corpus import CorpusError, validate_corpus
    from framing.corpus.problems import problems_message

    report = validate_corpus(corpus, columns=columns or None, near_duplicate_threshold=None)
    errors = report.errors[report.errors["code"] != "no_articles"]
    if no_outlets:
        errors = errors[errors["column"] == "outlet"]
        headline = f"{corpus}: no article has an outlet, so there is nothing to compare"
    else:
        headline = f"{corpus}: no article could be loaded"
    raise CorpusError(
        problems_message(errors.to_dict("records"), headline)
        if len(errors)
        else (headline if no_outlets else f"{corpus}: the corpus has no articles")
    )


def _stamp_provenance(
    build_dir: Path,
    notebook: Path,
    kernel: str,
    values: Mapping[str, Any],
    seconds: float,
    *,
    extraction: Path | None,
    engine: str,
) -> None:
    path = build_dir / "provenance.json"
    if not path.is_file():
        raise ReportError(f"{notebook.name} did not write provenance.json (call run.finish())")
    record = json.loads(path.read_text(encoding="utf-8"))
    # The extraction the notebook read: the one given, or none (the corpus's, made by this
    # run next to the report folder and removed).
    record.pop("extraction_source", None)
    if extraction is not None:
        record["extraction_source"] = os.fspath(extraction)
    record["run"] = {
        "notebook": notebook.name,
        "kernel": kernel,
        "engine": engine,
        "cli_parameters": dict(values),
        "seconds_until_html": round(seconds, 2),
        "html": "report.html",
        "executed_notebook": "report.ipynb",
    }
    path.write_text(
        json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
