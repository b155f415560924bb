"""What the report steps return: figures and text that display in Jupyter."""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from framing import plots
from framing.report.evidence import evidence_html

__all__ = ["HTML_DPI", "FigureOutput", "Outputs", "TableOutput", "TextOutput"]

#: Resolution of the PNG embedded in the HTML report (the PNG files are 300 dpi).
HTML_DPI = 110


@dataclass
class FigureOutput:
    """A figure written to disk, displayed in Jupyter as an embedded PNG with its caption.

    Attributes:
        name: file stem under ``figures/``.
        figure: the matplotlib figure.
        files: paths written (``pdf``, ``svg``, ``png``, ``json``).
        table: the table behind the figure (also under ``tables/``).
        caption: what the figure shows, in one sentence.
    """

    name: str
    figure: Any
    files: dict[str, Path]
    table: pd.DataFrame | None = None
    caption: str = ""
    #: Example sentences behind the figure (shown in a collapsible block after it).
    evidence: pd.DataFrame | None = None
    #: Whether the files are being written by another process
    #: (:class:`~framing.plots.background.FigureWriter`): then :meth:`png` draws the figure
    #: here rather than wait for its PNG file.
    written_elsewhere: bool = False

    def png(self, dpi: int = HTML_DPI) -> bytes:
        """The figure as PNG at ``dpi``: the 300-dpi file scaled down (cheaper than drawing
        the figure again), or a fresh rendering when there is no file or it is being written
        elsewhere."""
        buffer = io.BytesIO()
        source = self.files.get("png")
        if not self.written_elsewhere and source is not None and Path(source).is_file():
            from PIL import Image

            with Image.open(source) as image:
                scale = dpi / float(image.info.get("dpi", (300, 300))[0])
                size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
                image.convert("RGBA").resize(size, Image.Resampling.LANCZOS).save(
                    buffer, format="png", optimize=True
                )
            return buffer.getvalue()
        with plots.style():
            self.figure.savefig(buffer, format="png", dpi=dpi, metadata=None)
        plots.release_renderers(self.figure)
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        files = ", ".join(sorted(p.name for p in self.files.values()))
        alt = html.escape(self.caption or self.name, quote=True)
        return (
            f'<figure class="framing-figure" style="margin:0">'
            f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%">'
            f'<figcaption style="font-size:85%;color:#555">{html.escape(self.caption)} '
            f"<br>Files: <code>figures/{html.escape(files)}</code></figcaption></figure>"
            + (evidence_html(self.evidence) if self.evidence is not None else "")
        )

    def __repr__(self) -> str:
        return f"FigureOutput(name={self.name!r}, files={sorted(self.files)})"


@dataclass
class TextOutput:
    """Plain text shown as an escaped paragraph in Jupyter (never interpreted as HTML)."""

    text: str
    title: str = ""

    def _repr_html_(self) -> str:
        head = f"<p><strong>{html.escape(self.title)}</strong></p>" if self.title else ""
        return head + f'<p style="max-width:48em">{html.escape(self.text)}</p>'

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


@dataclass
class TableOutput:
    """A table written under ``tables/``, shown escaped in Jupyter with its caption."""

    name: str
    table: pd.DataFrame
    caption: str = ""

    def _repr_html_(self) -> str:
        shown = self.table.astype(object).where(self.table.notna(), "")
        body = shown.to_html(index=False, escape=True, float_format="{:.3f}".format)
        return (
            f'<div style="max-width:100%;overflow-x:auto">{body}</div>'
            f'<p style="font-size:85%;color:#555">{html.escape(self.caption)} '
            f"<br>Files: <code>tables/{html.escape(self.name)}.csv</code></p>"
        )

    def __repr__(self) -> str:
        return f"TableOutput(name={self.name!r}, rows={len(self.table)})"


class Outputs(list):
    """Several outputs of one report step, displayed one after the other in Jupyter."""

    def _repr_html_(self) -> str:
        return "".join(item._repr_html_() for item in self)
