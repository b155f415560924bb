r"""Figures and tables people cite: one colour-blind-safe style, files with provenance.

Every figure function takes a tidy :class:`pandas.DataFrame` (the output of
:mod:`framing.stats`, or any frame with the named columns) and returns a
:class:`matplotlib.figure.Figure` built without :mod:`matplotlib.pyplot`, so nothing here touches
global state: the house style is applied through :func:`style`, a context manager around
:func:`matplotlib.rc_context`, and importing this package changes no ``rcParams``.

Labels that come from data (outlet, speaker, event and term names) are always drawn as plain
text: ``$`` is escaped so matplotlib's mathtext never interprets ``"$x$"``, and ``usetex`` is
off inside the style. Text in SVG files is XML-escaped by matplotlib, so ``"<script>"`` in an
outlet name stays text.

:func:`save_figure` writes PDF, SVG and a 300-dpi PNG with byte-identical output for identical
inputs (no creation dates, fixed SVG hash salt) plus a JSON sidecar with the provenance;
:func:`save_table` does the same for tables (CSV and LaTeX).

Colours follow Okabe & Ito (2008), *Color Universal Design*, the palette recommended for
readers with colour-vision deficiencies; each outlet keeps its colour in every figure.

Modules: :mod:`~framing.plots.style` (palette, style, plain text),
:mod:`~framing.plots.rates`, :mod:`~framing.plots.terms`, :mod:`~framing.plots.attribution`,
:mod:`~framing.plots.events`, :mod:`~framing.plots.shares`, :mod:`~framing.plots.trends`,
:mod:`~framing.plots.validation` (one per figure family),
:mod:`~framing.plots.save` (files and provenance sidecars), :mod:`~framing.plots.background`
(the same files written by a worker process while the caller goes on).
"""

from framing.plots.attribution import doubt_share_figure, verb_class_figure
from framing.plots.background import FigureWriteError, FigureWriter
from framing.plots.events import matched_events_figure
from framing.plots.rates import loaded_rate_figure
from framing.plots.save import (
    json_default,
    release_renderers,
    save_figure,
    save_table,
    sidecar_record,
)
from framing.plots.shares import panel_figure, share_of_voice_figure
from framing.plots.style import (
    OKABE_ITO,
    STYLE,
    VERB_CLASS_COLORS,
    outlet_colors,
    plain_text,
    style,
)
from framing.plots.terms import distinctive_terms_figure
from framing.plots.trends import trends_figure
from framing.plots.validation import validation_figure

__all__ = [
    "OKABE_ITO",
    "STYLE",
    "VERB_CLASS_COLORS",
    "FigureWriteError",
    "FigureWriter",
    "distinctive_terms_figure",
    "doubt_share_figure",
    "json_default",
    "loaded_rate_figure",
    "matched_events_figure",
    "outlet_colors",
    "panel_figure",
    "plain_text",
    "release_renderers",
    "save_figure",
    "save_table",
    "share_of_voice_figure",
    "sidecar_record",
    "style",
    "trends_figure",
    "validation_figure",
    "verb_class_figure",
]
