"""Figure files written by a worker process while the caller goes on.

Writing a figure draws it three times (PDF, SVG, a 300-dpi PNG): in a report that is about as
much time as its statistics on a 200,000-article corpus, spent on one core while the other
idles. :class:`FigureWriter` hands each figure, pickled, to one worker process that draws and
writes the same files :func:`~framing.plots.save.save_figure` writes (the same function draws
them, so the files are byte-identical), and returns at once; :meth:`FigureWriter.wait` waits
for every file and raises what failed.

The worker is a fresh interpreter, not a fork: it shares no memory or threads with a Jupyter
kernel and re-runs no user script (which :mod:`multiprocessing`'s ``spawn`` does for a script
without a ``__main__`` guard). It runs :mod:`framing.plots.drawing` as a file by itself
(:func:`worker_command`), importing matplotlib and not the toolkit or pandas: ~70 MB idle
(~140 MB when it imported ``framing``), up to ~310 MB while it draws the largest figure of
a report (a 24-megapixel PNG).
Each figure travels as a pickle in a temporary file; a line on the worker's standard input
names it, a line on its standard output answers. A figure that cannot be pickled is written
in this process, and so is every figure still pending if the worker dies.

The worker runs in a session of its own, so a notebook that fails or is killed does not take
the figures it had queued with it: the worker writes them and exits when its input ends. A
process that then moves or deletes the folder waits for it first (:func:`wait_for_worker`,
given the file where the writer keeps the worker's process id).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from matplotlib.figure import Figure

from framing.plots import drawing
from framing.plots.save import figure_job, figure_paths, release_renderers

__all__ = ["FigureWriteError", "FigureWriter", "wait_for_worker", "worker_command"]

logger = logging.getLogger("framing")

#: Longest wait for the worker to finish its figures (when stopping it, or from outside).
WAIT_SECONDS = 600.0


class FigureWriteError(RuntimeError):
    """A figure's files could not be written (the message names the figure and the cause)."""


class _WorkerGone(Exception):
    """The worker process ended before answering."""


@dataclass
class _Task:
    name: str
    file: Path
    future: Future[None]


class FigureWriter:
    """Writes figures' files (PDF, SVG, PNG and the provenance sidecar) in a worker process.

    :meth:`save` takes the same arguments as :func:`~framing.plots.save.save_figure` and
    returns the same paths, before the files exist; :meth:`wait` returns when all are written.
    The figure is written as it is when :meth:`save` is called. Use it as a context manager,
    or call :meth:`close` (which waits); the worker starts on the first figure.

    Examples:
        >>> import tempfile
        >>> import pandas as pd
        >>> from framing.plots import loaded_rate_figure
        >>> fig = loaded_rate_figure(pd.DataFrame({"outlet": ["A"], "rate": [1.0],
        ...                                        "ci_low": [0.5], "ci_high": [1.5]}))
        >>> with FigureWriter() as writer:
        ...     paths = writer.save(fig, Path(tempfile.mkdtemp()) / "rate")
        >>> sorted(p.suffix for p in paths.values() if p.is_file())
        ['.json', '.pdf', '.png', '.svg']
    """

    def __init__(self, pid_file: str | os.PathLike[str] | None = None) -> None:
        #: Where the worker's process id is kept while it runs (``None``: nowhere), so that
        #: another process can wait for the files (:func:`wait_for_worker`).
        self.pid_file = Path(pid_file) if pid_file is not None else None
        self._lock = threading.Lock()
        self._tasks: dict[int, _Task] = {}
        self._count = 0
        self._process: subprocess.Popen[str] | None = None
        self._folder: Path | None = None
        self._finalizer: weakref.finalize | None = None
        #: Figures written in this process: those that could not be pickled, and those
        #: pending when the worker ended.
        self.written_here = 0

    # -- public -------------------------------------------------------------------------------

    def save(
        self,
        fig: Figure,
        path_stem: str | os.PathLike[str],
        provenance: Mapping[str, Any] | None = None,
        *,
        dpi: int = 300,
    ) -> dict[str, Path]:
        """Queue ``fig``'s files for the worker; the paths they will have (as
        :func:`~framing.plots.save.save_figure` returns them).

        Raises:
            FigureWriteError: an earlier figure failed (raised here rather than lost).
        """
        self._raise_failed()
        paths = figure_paths(path_stem)
        job = figure_job(fig, paths, provenance, dpi=dpi)  # the record as it is now
        try:
            data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, AttributeError, TypeError, RecursionError) as exc:
            # (RecursionError: matplotlib pickles axes that share an axis one inside the
            # other; some 150 panels sharing theirs exceed Python's recursion limit.)
            logger.debug("figure %s written here (it cannot be pickled: %r)", path_stem, exc)
            drawing.draw_files(*job)
            release_renderers(fig)
            self.written_here += 1
            return paths
        with self._lock:
            process = self._ensure_worker()
            assert self._folder is not None
            self._count += 1
            number = self._count
            file = self._folder / f"figure-{number:05d}.pickle"
            file.write_bytes(data)
            task = _Task(Path(path_stem).name, file, Future())
            self._tasks[number] = task
            if process.poll() is None:
                try:
                    assert process.stdin is not None
                    process.stdin.write(json.dumps({"task": number, "file": str(file)}) + "\n")
                    process.stdin.flush()
                    return paths
                except OSError:
                    pass
            task.future.set_exception(_WorkerGone())
        return paths

    @property
    def pending(self) -> int:
        """Figures queued and not yet written."""
        with self._lock:
            return sum(not t.future.done() for t in self._tasks.values())

    def wait(self) -> None:
        """Return when every queued figure is written; figures the worker could not write
        because it ended are written here.

        Raises:
            FigureWriteError: a figure failed (the first, with the worker's traceback).
        """
        with self._lock:
            tasks = sorted(self._tasks.items())
        errors = []
        for number, task in tasks:
            try:
                task.future.result()
            except _WorkerGone:
                drawing.write_pickled(task.file)
                self.written_here += 1
            except FigureWriteError as exc:
                errors.append(exc)
            with self._lock:
                self._tasks.pop(number, None)
            task.file.unlink(missing_ok=True)
        if errors:
            raise errors[0]

    def close(self) -> None:
        """Wait for every figure (:meth:`wait`), then stop the worker."""
        try:
            self.wait()
        finally:
            if self._finalizer is not None:
                self._finalizer()
            self._process = self._finalizer = self._folder = None

    def __enter__(self) -> FigureWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- worker -------------------------------------------------------------------------------

    def _ensure_worker(self) -> subprocess.Popen[str]:
        if self._process is not None:
            return self._process
        self._folder = Path(tempfile.mkdtemp(prefix="framing-figures-"))
        # A session of its own: the signals that stop a Jupyter kernel's process group
        # (a failed cell, a shutdown) do not stop it; when its input ends it writes what it
        # was given and exits.
        process = subprocess.Popen(
            worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        self._process = process
        if self.pid_file is not None:
            self.pid_file.write_text(str(process.pid), encoding="utf-8")
        reader = threading.Thread(
            target=self._read, args=(process.stdout,), name="framing-figures", daemon=True
        )
        reader.start()
        # At exit or when dropped: end the worker's input (it finishes what it has), wait
        # for it, remove the folder.
        self._finalizer = weakref.finalize(self, _stop, process, self._folder, self.pid_file)
        return process

    def _read(self, stdout: IO[str] | None) -> None:
        """Resolve each figure as the worker answers; on its exit, fail the rest."""
        assert stdout is not None
        for line in stdout:
            try:
                reply = json.loads(line)
            except ValueError:
                continue
            with self._lock:
                task = self._tasks.get(int(reply.get("task", -1)))
            if task is None or task.future.done():
                continue
            if reply.get("error"):
                task.future.set_exception(
                    FigureWriteError(f"figure {task.name} was not written:\n{reply['error']}")
                )
            else:
                task.future.set_result(None)
        with self._lock:
            for task in self._tasks.values():
                if not task.future.done():
                    task.future.set_exception(_WorkerGone())

    def _raise_failed(self) -> None:
        with self._lock:
            done = [t.future for t in self._tasks.values() if t.future.done()]
        if any(isinstance(f.exception(), FigureWriteError) for f in done):
            self.wait()


def _stop(process: subprocess.Popen[str], folder: Path, pid_file: Path | None) -> None:
    try:
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=WAIT_SECONDS)
    except (OSError, subprocess.TimeoutExpired):
        process.kill()
    shutil.rmtree(folder, ignore_errors=True)
    if pid_file is not None:
        pid_file.unlink(missing_ok=True)


def wait_for_worker(pid_file: str | os.PathLike[str], timeout: float = WAIT_SECONDS) -> bool:
    """Wait until the worker named in ``pid_file`` (see :class:`FigureWriter`) has ended,
    at most ``timeout`` seconds: a process that moves or deletes a report folder calls it
    first, so that figures queued before a notebook failed or was killed are written in
    place. ``True`` when no worker runs (any more)."""
    try:
        pid = int(Path(pid_file).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return True
    for _ in range(max(1, int(timeout / 0.05))):  # bounded polling; no clock is read
        try:
            os.kill(pid, 0)
        except OSError:  # no such process (or not ours to signal)
            return True
        if _is_zombie(pid):
            return True
        time.sleep(0.05)
    return False


def _is_zombie(pid: int) -> bool:
    """A process that has ended and waits for its parent to collect it (Linux)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def worker_command() -> list[str]:
    """The worker's command line: :mod:`framing.plots.drawing` run as a file by itself, with
    no folder put first on the import path (``-P``), so that only matplotlib is imported."""
    return [
        sys.executable,
        "-P",
        "-c",
        "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')",
        drawing.__file__,
    ]
