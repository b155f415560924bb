"""The report folder: written only inside it, built next to it, swapped in when complete.

A run builds the report in ``.NAME.building-*`` next to ``NAME`` (marked with
:data:`BUILD_MARKER`), and :func:`swap_in` replaces the earlier report with two renames. A failed
run is kept as ``NAME.failed`` (:func:`keep_failed`); :func:`recover_interrupted` tidies up after
runs that were killed. Nothing that is not marked as framing's is ever replaced or deleted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

__all__ = [
    "BUILD_MARKER",
    "FIGURE_WORKER",
    "REPORT_KIND",
    "is_ours",
    "keep_failed",
    "looks_like_report",
    "mark_build",
    "recover_interrupted",
    "swap_in",
    "under",
    "wait_for_figures",
]

logger = logging.getLogger("framing")

#: Marker that a folder holds a framing report (so ``--out`` never replaces anything else).
REPORT_KIND = "framing-report"
#: Written into a build folder so later runs know it is theirs to tidy (and whose it is).
BUILD_MARKER = ".framing-build.json"
#: While a report's figure worker runs: its process id (see :class:`framing.plots.FigureWriter`).
FIGURE_WORKER = ".framing-figures.pid"


def under(root: Path, *parts: str) -> Path:
    """``root/parts`` after checking it cannot leave ``root`` (names are ours, but be sure)."""
    path = root.joinpath(*parts).resolve()
    if path != root.resolve() and root.resolve() not in path.parents:
        raise ValueError(f"refusing to write outside the output folder: {path}")
    return path


def looks_like_report(folder: Path) -> bool:
    """Whether ``folder`` is empty or holds a framing report (so a run may replace it)."""
    if not any(folder.iterdir()):
        return True
    marker = folder / "provenance.json"
    if not marker.is_file():
        return False
    with contextlib.suppress(OSError, ValueError):
        return json.loads(marker.read_text(encoding="utf-8")).get("kind") == REPORT_KIND
    return False


def swap_in(build: Path, out: Path) -> None:
    """Replace ``out`` by ``build`` with two renames; an error restores the old report."""
    if not out.exists():
        build.rename(out)
        return
    old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}")
    out.rename(old)
    try:
        build.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def mark_build(build_dir: Path) -> None:
    """Write :data:`BUILD_MARKER` into ``build_dir``: this process, on this host, owns it."""
    import socket

    record = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
    (build_dir / BUILD_MARKER).write_text(json.dumps(record), encoding="utf-8")


def _build_owner(folder: Path) -> dict[str, Any] | None:
    with contextlib.suppress(OSError, ValueError):
        record = json.loads((folder / BUILD_MARKER).read_text(encoding="utf-8"))
        if isinstance(record, dict):
            return record
    return None


def _is_stale_build(folder: Path) -> bool:
    """A build folder of a run that is no longer running on this machine (killed, crashed)."""
    import socket

    owner = _build_owner(folder)
    if owner is None or owner.get("host") != socket.gethostname():
        return False
    try:
        pid = int(owner["pid"])
    except (ValueError, KeyError, TypeError):
        return False
    return process_gone(pid)


def process_gone(pid: int) -> bool:
    """Whether no process ``pid`` runs on this machine (one this user may not signal runs)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


#: Prefix of the private folders of the report kernel's Unix sockets (in the system's
#: temporary folder, whose short path keeps the socket paths within their length limit),
#: followed by the process ID of the run that made the folder.
SOCKETS_PREFIX = "framing-kernel-"


def sockets_folder() -> str:
    """A new private folder for the kernel's sockets, named after this process, after
    removing those of runs that were killed (SIGKILL, the out-of-memory killer) before they
    could remove their own."""
    remove_stale_sockets()
    return tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}{os.getpid()}-")


def remove_stale_sockets(root: str | None = None) -> list[str]:
    """Remove this user's kernel-socket folders whose run's process is gone; returns their
    names. A folder without a process ID in its name (framing before 2026-12-06) is left."""
    removed = []
    for path in Path(root or tempfile.gettempdir()).glob(f"{SOCKETS_PREFIX}*-*"):
        pid = path.name[len(SOCKETS_PREFIX) :].split("-", 1)[0]
        try:
            if not pid.isdigit() or path.lstat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        if process_gone(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def _siblings(out_dir: Path, infix: str) -> list[Path]:
    # Not glob: a report folder name may contain `[` or `*`.
    prefix = f".{out_dir.name}.{infix}-"
    with contextlib.suppress(OSError):
        return sorted(p for p in out_dir.parent.iterdir() if p.name.startswith(prefix))
    return []


def recover_interrupted(out_dir: Path) -> None:
    """Tidy up after earlier runs into ``out_dir`` that were killed (SIGKILL, power loss).

    A run killed between the two renames of :func:`swap_in` leaves ``out_dir`` missing and the
    earlier report in ``.NAME.old-*``: it is put back. One killed after the swap leaves the old
    copy behind: it is deleted. Build folders ``.NAME.building-*`` of processes that no longer
    run on this machine are deleted. Anything not marked as framing's is left alone.
    """
    for old in _siblings(out_dir, "old"):
        if not old.is_dir() or old.is_symlink() or not looks_like_report(old):
            continue
        if not out_dir.exists():
            old.rename(out_dir)
            logger.warning("restored the report %s moved aside by an interrupted run", out_dir)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for build in _siblings(out_dir, "building"):
        if build.is_dir() and not build.is_symlink() and _is_stale_build(build):
            logger.info("removing %s, left by a run that was killed", build)
            wait_for_figures(build)
            shutil.rmtree(build, ignore_errors=True)


def is_ours(failed_dir: Path) -> bool:
    """Whether ``OUT.failed`` is a failed framing run (and so may be replaced or deleted)."""
    return (
        failed_dir.is_dir()
        and not failed_dir.is_symlink()
        and (_build_owner(failed_dir) is not None or not any(failed_dir.iterdir()))
    )


def wait_for_figures(folder: Path) -> None:
    """Wait until the figures a run queued in ``folder`` are written (a notebook that failed
    or was killed leaves its figure worker finishing them, :data:`FIGURE_WORKER`)."""
    # Imported here: framing.plots imports matplotlib, which `framing report` (~30 MB, held
    # while the report's kernel runs) needs only when an earlier run left its worker.
    from framing.plots.background import wait_for_worker

    if not wait_for_worker(folder / FIGURE_WORKER):
        logger.warning("the figure worker of %s is still running; going on without it", folder)


def keep_failed(build_dir: Path, failed_dir: Path) -> Path:
    """Keep a failed build as ``OUT.failed`` (replacing an earlier failed run, never a folder
    that is not framing's: then the build stays under its own name), once the figures it
    queued are written."""
    wait_for_figures(build_dir)
    if failed_dir.exists() or failed_dir.is_symlink():
        if not is_ours(failed_dir):
            logger.warning(
                "%s is not a failed framing run; keeping this one in %s", failed_dir, build_dir
            )
            return build_dir / "report.ipynb"
        shutil.rmtree(failed_dir)
    build_dir.rename(failed_dir)
    return failed_dir / "report.ipynb"
