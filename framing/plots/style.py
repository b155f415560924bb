"""The house style: Okabe-Ito colours, one colour per outlet, labels drawn as plain text.

Colours follow Okabe & Ito (2008), *Color Universal Design*, the palette recommended for
readers with colour-vision deficiencies; each outlet keeps its colour in every figure. The style
is applied through :func:`style`, a context manager around :func:`matplotlib.rc_context`, so
importing this module changes no ``rcParams``.

Labels that come from data (outlet, speaker, event and term names) are always drawn as plain
text (:func:`plain_text`): ``$`` is escaped so matplotlib's mathtext never interprets
``"$x$"``, and ``usetex`` is off inside the style.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import matplotlib as mpl
import pandas as pd

__all__ = [
    "GREY",
    "OKABE_ITO",
    "STYLE",
    "VERB_CLASS_COLORS",
    "outlet_colors",
    "plain_text",
    "style",
]

#: Okabe-Ito palette (Okabe & Ito 2008), in the order outlets receive colours. Yellow comes
#: last among the colours because it is hard to see as a small dot on white.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "yellow": "#F0E442",
}
#: Grey for neutral verb classes and anything without a colour of its own.
GREY = "#999999"
_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "h")

#: Colour and hatch of each attribution verb class (stacked bars stay readable in greyscale).
VERB_CLASS_COLORS: dict[str, tuple[str, str]] = {
    "neutral": (GREY, ""),
    "endorsement": (OKABE_ITO["bluish_green"], "//"),
    "concession": (OKABE_ITO["yellow"], ".."),
    "directive": (OKABE_ITO["blue"], "\\\\"),
    "emotive": (OKABE_ITO["reddish_purple"], "xx"),
    "doubt": (OKABE_ITO["vermillion"], "--"),
}

#: The house style as an rc dict; use it through :func:`style`.
STYLE: dict[str, Any] = {
    "axes.prop_cycle": mpl.cycler(color=list(OKABE_ITO.values())),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.axisbelow": True,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "hatch.linewidth": 0.6,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.1,
    "image.cmap": "cividis",
    # Data labels are never TeX or mathtext; plain_text() escapes `$` for mathtext.
    "text.usetex": False,
    # Deterministic, self-contained files: glyphs as paths (no font dependency in SVG), a
    # fixed hash salt for SVG ids, TrueType fonts embedded in PDF.
    "svg.fonttype": "path",
    "svg.hashsalt": "framing",
    "pdf.fonttype": 42,
}


@contextlib.contextmanager
def style(**overrides: Any) -> Iterator[None]:
    """Apply the house style (and any rc ``overrides``) inside a ``with`` block.

    Examples:
        >>> import matplotlib as mpl
        >>> before = mpl.rcParams["svg.hashsalt"]
        >>> with style():
        ...     mpl.rcParams["svg.hashsalt"]
        'framing'
        >>> mpl.rcParams["svg.hashsalt"] == before
        True
    """
    with mpl.rc_context({**STYLE, **overrides}):
        yield


def plain_text(value: Any) -> str:
    r"""A data label as matplotlib text that is drawn literally (``$`` is never mathtext).

    Examples:
        >>> plain_text("$x$ & <script>")
        '\\$x\\$ & <script>'
        >>> plain_text(None)
        '(missing)'
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "(missing)"
    return str(value).replace("$", r"\$")


def outlet_colors(outlets: Sequence[str]) -> dict[str, tuple[str, str]]:
    """A stable ``(colour, marker)`` per outlet, assigned in sorted-name order.

    Sorting first means an outlet keeps its colour whatever order a figure shows outlets in and
    whichever subset of outlets a report compares. Beyond eight outlets colours repeat with a
    different marker.

    Examples:
        >>> outlet_colors(["B", "A"])
        {'A': ('#E69F00', 'o'), 'B': ('#56B4E9', 'o')}
    """
    colours = list(OKABE_ITO.values())
    out = {}
    for i, name in enumerate(sorted(dict.fromkeys(str(o) for o in outlets))):
        out[name] = (colours[i % len(colours)], _MARKERS[(i // len(colours)) % len(_MARKERS)])
    return out
