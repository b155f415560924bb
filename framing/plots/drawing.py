"""A figure's files drawn with matplotlib alone: the figure worker runs this file by itself.

:class:`~framing.plots.background.FigureWriter`'s worker draws the report's figures while the
kernel goes on. Started as ``python -P -c "import runpy, sys; runpy.run_path(sys.argv[1],
run_name='__main__')" .../drawing.py``, it runs this file without importing the ``framing``
package, whose import brings pandas and the rest of the toolkit (~140 MB against ~70 MB with
matplotlib alone, held by the worker while the kernel is at its peak). So this module imports
nothing from ``framing``; what it needs comes with each figure: the sidecar record (JSON
values, its ``files`` filled in here) and the house style's rc settings. A figure pickled for
it may only refer to matplotlib, NumPy and the standard library (a percent tick label is
``"{:.0%}".format``, not a function of the toolkit).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import pickle
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

__all__ = ["draw_files", "main", "serve", "sha256_of", "write_pickled", "write_record"]

#: Metadata that keeps the files byte-identical for identical figures (no creation dates).
_METADATA: dict[str, Any] = {"pdf": {"CreationDate": None}, "svg": {"Date": None}, "png": None}


def draw_files(
    fig: Any,
    paths: Mapping[str, Path],
    record: Mapping[str, Any],
    rc: Mapping[str, Any],
    dpi: int,
) -> None:
    """Draw ``fig`` into ``paths`` (PDF, SVG, PNG) under the rc settings ``rc``, then write
    ``record`` (JSON values) to ``paths["json"]`` with its ``files`` set to the files' names
    and SHA-256 digests."""
    import matplotlib as mpl

    engine = fig.get_layout_engine()
    try:
        with mpl.rc_context(dict(rc)):
            for fmt in ("pdf", "svg", "png"):
                canvas = fig.canvas
                if fmt == "png":
                    _measuring_canvas()(fig)
                try:
                    fig.savefig(
                        paths[fmt],
                        format=fmt,
                        metadata=_METADATA[fmt],
                        dpi=dpi if fmt == "png" else "figure",
                    )
                finally:
                    fig.set_canvas(canvas)  # a figure shown in a window keeps its own
                if engine is not None and fmt == "pdf":
                    # Laid out once (for the PDF); the SVG and PNG keep that layout instead
                    # of running the layout engine again (a third of a drawing's time).
                    fig.set_layout_engine("none")
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    sidecar = dict(record)
    sidecar["files"] = {
        fmt: {"path": Path(paths[fmt]).name, "sha256": sha256_of(Path(paths[fmt]))}
        for fmt in ("pdf", "svg", "png")
    }
    write_record(Path(paths["json"]), sidecar)


@functools.cache
def _measuring_canvas() -> type:
    """An Agg canvas that measures a figure for its tight bounding box on a 1x1 renderer.

    To save a PNG with ``bbox_inches="tight"`` (the house style), matplotlib first draws the
    figure with drawing disabled, to measure it, on a renderer the size of the whole figure
    at the PNG's resolution, and keeps that renderer while it draws the cropped figure on a
    second one. Each holds 4 bytes a pixel: the report's largest figures (22-24 megapixels
    at 300 dpi) took ~180 MB more to save than to draw. Measuring needs only the renderer's
    resolution (text extents and point sizes), not its pixels: this canvas hands the
    measuring pass (the one during which matplotlib replaces the figure's ``draw`` to stop
    it, so an attribute of the instance) a 1x1 renderer at the same resolution. The PNG's
    bytes are the same (tested); elsewhere the canvas is matplotlib's own.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

    class MeasuringCanvas(FigureCanvasAgg):
        def get_renderer(self) -> Any:
            if "draw" in vars(self.figure):  # matplotlib's measuring pass
                self._lastKey = None  # the next draw makes its own renderer
                return RendererAgg(1, 1, self.figure.dpi)
            return super().get_renderer()

    return MeasuringCanvas


def write_record(path: Path, record: Mapping[str, Any], default: Any = None) -> None:
    """Write a sidecar ``record`` as the JSON files of figures and tables are written
    (``default``: :func:`json.dumps`'s, for values that are not JSON)."""
    text = json.dumps(record, indent=2, ensure_ascii=False, default=default) + "\n"
    path.write_text(text, encoding="utf-8")


def sha256_of(path: Path) -> str:
    """``"sha256:"`` and the hex digest of the file at ``path`` (as sidecars record files)."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def write_pickled(file: Path) -> None:
    """Draw the figure pickled in ``file`` as ``(fig, paths, record, rc, dpi)``."""
    fig, paths, record, rc, dpi = pickle.loads(Path(file).read_bytes())
    draw_files(fig, paths, record, rc, dpi)


def serve(requests: IO[str], replies: IO[str]) -> None:
    """The worker's loop: for each request line, write the figure it names, answer a line,
    delete the figure's pickle; when the requests end, remove their folders if empty (the
    caller may have died without tidying up)."""
    answering = True
    folders = set()
    for line in requests:
        if not line.strip():
            continue
        request = json.loads(line)
        file = Path(request["file"])
        folders.add(file.parent)
        error = None
        try:
            write_pickled(file)
        except Exception:
            error = traceback.format_exc()
        if answering:
            try:
                replies.write(json.dumps({"task": request["task"], "error": error}) + "\n")
                replies.flush()
            except OSError:  # the caller has gone: write the rest of its figures anyway
                answering = False
        # After the answer: a caller that sees the worker end unanswered writes from it.
        file.unlink(missing_ok=True)
        # A figure's artists refer to each other, so the figure, and the canvas that holds
        # the PNG's pixels, go only when the cycle collector runs. Collected now, not while
        # the next figure is drawn, and the freed memory handed back: at a million articles
        # the worker waited at 184-198 MB between figures, ~130 MB once they were collected
        # and ~105 MB with the memory handed back.
        gc.collect()
        _give_back_freed_memory()
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _give_back_freed_memory() -> None:
    """glibc's ``malloc_trim``: the C heap's free memory back to the system (a no-op where
    the C library has none). Standalone, as this file imports nothing from ``framing``."""
    import ctypes

    with contextlib.suppress(AttributeError, OSError, TypeError):
        ctypes.CDLL(None).malloc_trim(0)


def main() -> None:
    """The worker process (this file run by itself, see the module's docstring)."""
    import matplotlib

    matplotlib.use("Agg")
    # Answers go to the original standard output; anything else printed goes to stderr.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    serve(sys.stdin, replies)


if __name__ == "__main__":
    main()
