"""``framing report``: check everything, extract, then run the notebook in a build folder.

:func:`run_report` checks the parameters against the notebook's ``parameters`` cell and the
corpus *before* a kernel starts, extracts the corpus (or reads a saved extraction), makes a
build folder next to the report folder and hands a
:class:`~framing.report.execute.BuildPlan` to :func:`~framing.report.execute.build_report`,
which executes the notebook with papermill, renders ``report.html`` and only then swaps the
folder in. A failed run leaves an earlier report untouched and keeps the failed notebook in
``DIR.failed/``.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from framing import defaults
from framing.corpus.schema import check_columns_mapping
from framing.errors import ReportError
from framing.extract import Extraction, extract
from framing.extract.batch import cluster_threads, resolve_jobs
from framing.extract.on_dask import cluster_client
from framing.report.execute import BuildPlan, ReportResult, _Progress, build_report
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
    looks_like_report,
    mark_build,
    recover_interrupted,
)
from framing.report.heap import release_arrow_memory, trim_heap
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


def run_report(
    corpus: PathLike,
    out: PathLike,
    parameters: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
    *,
    notebook: PathLike | None = None,
    kernel_name: str = defaults.REPORT_KERNEL,
    timeout: int | None = None,
    columns: Mapping[str, str] | None = None,
    on_progress: Callable[[str], None] | None = None,
    n_jobs: int = defaults.CLI_N_JOBS,
    chunksize: int = defaults.CHUNKSIZE,
    engine: str = "processes",
    scheduler: str | None = None,
    hand_off: Callable[[BuildPlan], None] | None = None,
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
        timeout: seconds any one cell may run; default
            :func:`framing.defaults.report_timeout` of the corpus's articles (600, plus 1,800
            per million articles).
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
        hand_off: called with the checked run (a :class:`~framing.report.execute.BuildPlan`)
            once the corpus is extracted, before the kernel starts, to run the rest elsewhere
            (:func:`~framing.report.execute.build_report`) and not return:
            ``framing report`` replaces its process by a fresh one that imports neither pandas
            nor Arrow, so the ~190 MB the checks and the extraction leave behind are not held
            beside the kernel. If it returns, the run goes on in this process. Not called
            with ``engine="dask"`` (this process holds the cluster).

    Returns:
        A :class:`ReportResult`.

    Raises:
        ValueError: a parameter is unknown, reserved or of the wrong type, or names an
            outlet/event the corpus lacks (nothing has been started or written).
        ReportError: ``out`` is not a report folder, or the notebook failed (the message names
            the cell and the error; the failed notebook is in ``out.failed/report.ipynb`` and
            any earlier report in ``out`` is untouched), or the HTML is not self-contained.
    """
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
        n_articles = len(articles)
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
        n_articles = scan.articles

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
        plan = BuildPlan(
            notebook=nb_path,
            build_dir=build_dir,
            out_dir=out_dir,
            out=os.fspath(out),
            values=values,
            parameters={
                **values,
                "corpus": str(extraction_dir),
                "output_dir": ".",
                **({"scheduler": address} if client is not None else {}),
            },
            kernel_name=kernel_name,
            timeout=defaults.report_timeout(n_articles) if timeout is None else timeout,
            extraction=corpus_path if from_extraction else None,
            work_folder=None if from_extraction else extraction_dir,
            engine="processes" if client is None else f"dask {address}",
            seconds_before=time.perf_counter() - began,
        )
        if hand_off is not None and client is None:
            hand_off(plan)  # returns only if it could not
        return build_report(plan, on_progress)


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
