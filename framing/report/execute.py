"""The second half of a report run: execute the notebook, render the HTML, swap the folder in.

:func:`framing.report.run_report` checks the parameters, extracts the corpus and makes a build
folder, then hands a :class:`BuildPlan` to :func:`build_report`. This module imports neither
pandas nor Arrow: the process that runs it only waits for the notebook's kernel, through the
whole report. ``framing report`` runs it in a fresh process
(:func:`framing.cli.report.resume`), so the memory of the checks and the extraction is not
held beside the kernel.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import ReportError
from framing.report.folders import BUILD_MARKER, is_ours, keep_failed, sockets_folder, swap_in
from framing.report.heap import trim_heap
from framing.report.html import export_html

__all__ = ["BuildPlan", "ReportResult", "build_report"]

logger = logging.getLogger("framing")


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


@dataclass
class BuildPlan:
    """A checked report run whose notebook has not run yet: what :func:`build_report` needs.

    Plain data (paths, parameter values, numbers), so that it can be handed to another process.
    """

    #: the report notebook
    notebook: Path
    #: ``.NAME.building-*``: the executed notebook and its outputs go here
    build_dir: Path
    #: the report folder, and how the caller named it (for messages)
    out_dir: Path
    out: str
    #: the parameters as given (checked), for the provenance
    values: dict[str, Any]
    #: the parameters the notebook runs with (``values`` and the reserved ones)
    parameters: dict[str, Any]
    kernel_name: str
    timeout: int
    #: the extraction folder given to the run, or ``None`` (a corpus, extracted by the run)
    extraction: Path | None
    #: the extraction this run made, removed once the report is in place
    work_folder: Path | None
    #: ``"processes"`` or ``"dask ADDRESS"``, for the provenance
    engine: str
    #: seconds the run took before the notebook
    seconds_before: float = 0.0
    started: float = field(default_factory=time.perf_counter, repr=False)

    @property
    def executed(self) -> Path:
        return self.build_dir / "report.ipynb"

    @property
    def failed_dir(self) -> Path:
        return self.out_dir.with_name(self.out_dir.name + ".failed")

    def elapsed(self) -> float:
        return self.seconds_before + time.perf_counter() - self.started

    def __getstate__(self) -> dict[str, Any]:
        # perf_counter's origin is this process's: carry the seconds so far instead.
        return {**self.__dict__, "seconds_before": self.elapsed(), "started": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, started=time.perf_counter())


def build_report(plan: BuildPlan, on_progress: Callable[[str], None] | None = None) -> ReportResult:
    """Execute the notebook of ``plan`` in its build folder, render ``report.html``, stamp the
    provenance and swap the folder in place of the report folder.

    Raises:
        ReportError: the notebook failed (the message names the cell and the error; the
            failed notebook is in ``DIR.failed/report.ipynb`` and any earlier report in
            ``DIR`` is untouched), or the HTML is not self-contained.
    """
    papermill = _import_papermill()
    progress = _Progress(on_progress)
    build_dir, out_dir, executed, failed_dir = (
        plan.build_dir, plan.out_dir, plan.executed, plan.failed_dir,
    )  # fmt: skip
    try:
        progress(f"starting the kernel ({plan.kernel_name})")
        _execute(
            plan.notebook,
            executed,
            plan.parameters,
            kernel_name=plan.kernel_name,
            timeout=plan.timeout,
            progress=progress,
        )
        progress("writing report.html")
        document = export_html(executed)
        (build_dir / "report.html").write_text(document, encoding="utf-8")
        _stamp_provenance(
            build_dir, plan.notebook, plan.kernel_name, plan.values, plan.elapsed(),
            extraction=plan.extraction, engine=plan.engine,
        )  # fmt: skip
    except papermill.PapermillExecutionError as exc:
        kept = keep_failed(build_dir, failed_dir)
        raise ReportError(
            f"cell In [{exc.exec_count}] `{_cell_summary(exc.source)}` raised "
            f"{exc.ename}: {exc.evalue}\n  failed notebook: {kept}\n  "
            + (
                f"earlier report in {plan.out} left untouched"
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
        timed_out = type(exc).__name__ == "CellTimeoutError"
        raise ReportError(
            f"the report run failed: {type(exc).__name__}: {exc}"
            + (
                f"\n  a cell may run {plan.timeout:,} s; give it more with --timeout S"
                " (report.run_report(timeout=...))"
                if timed_out
                else ""
            )
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
    if plan.work_folder is not None:
        # Kept only to resume an interrupted run: the report holds the selected articles'
        # tables (extraction/), and a copy of the corpus texts does not belong beside it.
        shutil.rmtree(plan.work_folder, ignore_errors=True)
    return ReportResult(
        out_dir, out_dir / "report.html", out_dir / "report.ipynb", plan.elapsed(),
        plan.values, plan.extraction,
    )  # fmt: skip


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
    papermill = _import_papermill()
    options: dict[str, Any] = {}
    sockets = None
    if os.name == "posix":
        # Talk to the kernel over Unix sockets in a private folder, not TCP on localhost:
        # nothing else on the machine can connect, and ipykernel has no reason to warn.
        from traitlets.config import Config

        sockets = sockets_folder()
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
#:
#: ``MALLOC_MMAP_THRESHOLD_`` (glibc; other C libraries ignore it): blocks of 4 MiB and more
#: are mapped and unmapped on their own. By default glibc raises that threshold each time
#: such a block is freed (up to 32 MiB), after which a step's large temporaries (a column of
#: a million values, a part's texts read for the evidence) come from the heap, where freed
#: memory stays until the next trim. At a million articles a step's memory climbed by up to
#: ~0.3 GB so. Runs alone at 1M, same files: glibc's default 1,401 MiB, 116.9 s; 1 MiB
#: 1,324-1,332 MiB, 140.5-142.5 s (every temporary of a million int32 values mapped and
#: faulted in anew); 4 MiB 1,328 MiB, 120.8 s. The figure worker, which the kernel starts,
#: inherits it.
KERNEL_ENVIRONMENT = {
    "ARROW_DEFAULT_MEMORY_POOL": "system",
    "MALLOC_MMAP_THRESHOLD_": str(4 * 2**20),
}


#: Command-line options of the report's kernel. No output cache: IPython keeps every cell's
#: result in ``Out``, ``_``, ``__`` and ``___`` for the session, and each step returns its
#: figure, tables and evidence, which the notebook has already shown and written. At a million
#: articles ``framing report DIR`` peaked ~50 MB lower so (1,855-1,876 MB, against
#: 1,907-1,927 MB, alternated runs), the kernel holding less in the later steps.
#:
#: ``--quiet``: the kernel logs nothing below CRITICAL to the terminal it shares with
#: ``framing report``. When a cell fails, stopping the kernel can interrupt it, and ipykernel
#: then printed "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel." to stderr before
#: ``framing report``'s own message (which names the cell and the error, and is what a reader
#: needs); the cell's error is in the kept notebook either way.
KERNEL_ARGUMENTS = ("--InteractiveShell.cache_size=0", "--quiet")


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


def _import_papermill() -> Any:
    """papermill, imported without Arrow where Arrow is not loaded yet.

    papermill imports ``pyarrow.fs`` for notebooks on HDFS, at import time (~60 MB with the
    NumPy it imports). The report's notebooks are local files, so in a process that has not
    loaded Arrow (the one ``framing report`` waits in) papermill is imported with
    ``pyarrow.fs`` marked missing, which papermill handles (its HDFS handler then says that
    pyarrow is needed). The mark is removed once papermill is imported.
    """
    if "papermill" in sys.modules or "pyarrow" in sys.modules:
        import papermill

        return papermill
    sys.modules["pyarrow.fs"] = None  # type: ignore[assignment]
    try:
        import papermill
    finally:
        if sys.modules.get("pyarrow.fs", 0) is None:
            del sys.modules["pyarrow.fs"]
    return papermill
