r"""Figures and tables people cite: one colour-blind-safe style, files with provenance.

Every figure function takes a tidy :class:`pandas.DataFrame` (the output of
:mod:`framing.compare`, or any frame with the named columns) and returns a
:class:`matplotlib.figure.Figure` built without :mod:`matplotlib.pyplot`, so nothing here touches
global state: the house style is applied through :func:`style`, a context manager around
:func:`matplotlib.rc_context`, and importing this module changes no ``rcParams``.

Labels that come from data (outlet, speaker, event and term names) are always drawn as plain
text: ``$`` is escaped so matplotlib's mathtext never interprets ``"$x$"``, and ``usetex`` is
off inside the style. Text in SVG files is XML-escaped by matplotlib, so ``"<script>"`` in an
outlet name stays text.

:func:`save_figure` writes PDF, SVG and a 300-dpi PNG with byte-identical output for identical
inputs (no creation dates, fixed SVG hash salt) plus a JSON sidecar with the provenance;
:func:`save_table` does the same for tables (CSV and LaTeX).

Colours follow Okabe & Ito (2008), *Color Universal Design*, the palette recommended for
readers with colour-vision deficiencies; each outlet keeps its colour in every figure.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

__all__ = [
    "OKABE_ITO",
    "STYLE",
    "VERB_CLASS_COLORS",
    "distinctive_terms_figure",
    "doubt_share_figure",
    "loaded_rate_figure",
    "matched_events_figure",
    "outlet_colors",
    "plain_text",
    "save_figure",
    "save_table",
    "sidecar_record",
    "style",
    "verb_class_figure",
]

logger = logging.getLogger("framing")

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
_GREY = "#999999"
_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "h")

#: Colour and hatch of each attribution verb class (stacked bars stay readable in greyscale).
VERB_CLASS_COLORS: dict[str, tuple[str, str]] = {
    "neutral": (_GREY, ""),
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


def _require(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{what}: missing column(s) {missing}; columns present: {list(map(str, df.columns))}"
        )


def _finish(fig: Figure) -> Figure:
    # Create tick labels while the style is active, so the figure looks the same wherever
    # it is drawn later (ticks are otherwise created lazily at draw time from rcParams).
    fig.draw_without_rendering()
    return fig


def _start_at_zero(ax: Any) -> None:
    # Rates are never negative; leave a little room so dots at 0 are not cut by the spine.
    high = ax.get_xlim()[1]
    ax.set_xlim(-0.015 * high if high > 0 else -0.05, high)


def _note(fig: Figure, text: str | None) -> None:
    if text:
        fig.text(0.01, -0.01, plain_text(text), ha="left", va="top", fontsize=7.5, color="#555555")


# ---------------------------------------------------------------------------------------------
# Figures


def loaded_rate_figure(
    rates: pd.DataFrame,
    *,
    outlet: str = "outlet",
    rate: str = "rate",
    low: str | None = "ci_low",
    high: str | None = "ci_high",
    title: str = "Loaded terms in the outlet's own voice",
    xlabel: str = "loaded terms per 1,000 words (outlet voice)",
    note: str | None = None,
    min_note: str = "insufficient data",
) -> Figure:
    """Dot plot of a rate per outlet with confidence intervals as error bars.

    Outlets are sorted by rate, highest at the top. Outlets whose rate is missing (``NaN``,
    e.g. too few articles) are listed at the bottom with ``min_note`` instead of a dot, never
    drawn as 0.

    Args:
        rates: one row per outlet.
        outlet, rate, low, high: column names; ``low``/``high`` may be ``None`` (no bars).
        title, xlabel: texts (escaped like data labels).
        note: a footnote under the figure (e.g. how the interval was computed).
        min_note: text shown for an outlet without a rate.

    Returns:
        The figure (one axes).

    Examples:
        >>> df = pd.DataFrame({"outlet": ["A", "B"], "rate": [2.0, 5.0],
        ...                    "ci_low": [1.0, 4.0], "ci_high": [3.0, 6.5]})
        >>> fig = loaded_rate_figure(df)
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['A', 'B']
    """
    cols = [outlet, rate] + [c for c in (low, high) if c]
    _require(rates, cols, "loaded_rate_figure")
    data = rates[cols].copy().sort_values(rate, ascending=True, kind="stable", na_position="first")
    colours = outlet_colors(data[outlet].astype(str).tolist())
    with style():
        fig = Figure(figsize=(6.4, 0.45 * len(data) + 1.4), layout="constrained")
        ax = fig.add_subplot()
        for y, values in enumerate(data.to_dict("records")):
            name = str(values[outlet])
            colour, marker = colours[name]
            if pd.isna(values[rate]):
                ax.text(
                    0.01,
                    y,
                    plain_text(min_note),
                    transform=ax.get_yaxis_transform(),
                    va="center",
                    ha="left",
                    fontsize=8,
                    color="#666666",
                    style="italic",
                )
                continue
            x = float(values[rate])
            if low and high and not (pd.isna(values[low]) or pd.isna(values[high])):
                err = [[max(0.0, x - float(values[low]))], [max(0.0, float(values[high]) - x)]]
                ax.errorbar(x, y, xerr=err, fmt="none", ecolor=colour, elinewidth=1.8, capsize=3)
            ax.plot([x], [y], marker=marker, color=colour, markersize=8, linestyle="none")
        ax.set_yticks(range(len(data)), [plain_text(o) for o in data[outlet]])
        ax.set_ylim(-0.6, len(data) - 0.4)
        _start_at_zero(ax)
        ax.set_xlabel(plain_text(xlabel))
        ax.set_title(plain_text(title), loc="left")
        _note(fig, note)
        return _finish(fig)


def distinctive_terms_figure(
    terms: pd.DataFrame,
    *,
    outlet: str = "outlet",
    term: str = "term",
    z: str = "z",
    top: int = 8,
    ncols: int | None = None,
    title: str = "Distinctive terms per outlet",
    xlabel: str = "z-score of the log-odds ratio (dotted line: 1.96)",
    note: str | None = None,
) -> Figure:
    """Small multiples: the ``top`` terms with the highest z-score for each outlet.

    Args:
        terms: one row per (outlet, term), e.g. from :func:`framing.compare.distinctive_terms`.
        outlet, term, z: column names.
        top: terms shown per outlet (highest z first; only positive z-scores are shown).
        ncols: panels per row (default: up to 3).
        title, xlabel, note: texts.

    Returns:
        The figure, one axes per outlet (in sorted outlet order), titled with the outlet name.

    Examples:
        >>> df = pd.DataFrame({"outlet": ["A", "A", "B"], "term": ["x", "y", "z"],
        ...                    "z": [3.0, 2.0, 4.0]})
        >>> [ax.get_title(loc="left") for ax in distinctive_terms_figure(df).axes]
        ['A', 'B']
    """
    _require(terms, [outlet, term, z], "distinctive_terms_figure")
    outlets = sorted(dict.fromkeys(terms[outlet].astype(str)))
    colours = outlet_colors(outlets)
    n = max(1, len(outlets))
    ncols = ncols or min(3, n)
    nrows = math.ceil(n / ncols)
    with style(**{"axes.titleweight": "normal", "axes.titlesize": 9.5}):
        fig = Figure(
            figsize=(3.2 * ncols, 0.22 * top * nrows + 1.2 * nrows + 0.6), layout="constrained"
        )
        axes = fig.subplots(nrows, ncols, squeeze=False)
        flat = list(axes.flat)
        for ax, name in zip(flat, outlets, strict=False):
            part = terms[terms[outlet].astype(str) == name]
            part = part[part[z] > 0].sort_values(z, ascending=False, kind="stable").head(top)
            # Highest z at the top, panels aligned at the top whatever their length.
            positions = [top - 1 - i for i in range(len(part))]
            ax.barh(positions, part[z].astype(float), color=colours[name][0], height=0.7)
            ax.set_yticks(positions, [plain_text(t) for t in part[term]])
            ax.set_ylim(-0.6, max(top, 1) - 0.4)
            ax.set_title(plain_text(name), loc="left")
            if len(part):
                ax.set_xlim(left=0)
                ax.axvline(1.96, color="#888888", linewidth=0.8, linestyle=":")
            else:
                ax.text(
                    0.5,
                    0.5,
                    "no term used more than elsewhere",
                    transform=ax.transAxes,
                    ha="center",
                    va="center",
                    color="#777777",
                )
                ax.set_xticks([])
            ax.tick_params(axis="y", length=0)
        for ax in flat[len(outlets) :]:
            fig.delaxes(ax)
        fig.supxlabel(plain_text(xlabel), fontsize=9)
        fig.suptitle(plain_text(title), x=0.01, ha="left", fontweight="bold", fontsize=11)
        _note(fig, note)
        return _finish(fig)


def verb_class_figure(
    counts: pd.DataFrame,
    *,
    outlet: str = "outlet",
    verb_class: str = "verb_class",
    count: str = "count",
    order: Sequence[str] | None = None,
    title: str = "How outlets attribute speech: verb classes",
    xlabel: str = "share of attributions",
    note: str | None = None,
) -> Figure:
    """Stacked 100% bars: composition of attribution verb classes per outlet.

    Args:
        counts: one row per (outlet, verb class) with a count (missing pairs count as 0).
        outlet, verb_class, count: column names.
        order: outlets top to bottom (default: sorted names).
        title, xlabel, note: texts.

    Returns:
        The figure; the axes' legend lists the verb classes, and the number of attributions
        per outlet is written at the end of each bar.

    Examples:
        >>> df = pd.DataFrame({"outlet": ["A", "A", "B"], "count": [3, 1, 2],
        ...                    "verb_class": ["neutral", "doubt", "neutral"]})
        >>> ax = verb_class_figure(df).axes[0]
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['neutral', 'doubt']
    """
    _require(counts, [outlet, verb_class, count], "verb_class_figure")
    table = counts.pivot_table(
        index=outlet, columns=verb_class, values=count, aggfunc="sum", fill_value=0
    )
    table.index = table.index.astype(str)
    known = [c for c in VERB_CLASS_COLORS if c in table.columns]
    classes = known + sorted(str(c) for c in table.columns if c not in VERB_CLASS_COLORS)
    outlets = list(order) if order is not None else sorted(table.index)
    table = table.reindex(index=outlets, columns=classes, fill_value=0)
    totals = table.sum(axis=1)
    shares = table.div(totals.replace(0, np.nan), axis=0).fillna(0.0)
    extra = iter(list(OKABE_ITO.values()))
    with style(**{"axes.grid": False}):
        fig = Figure(figsize=(6.8, 0.45 * len(outlets) + 1.8), layout="constrained")
        ax = fig.add_subplot()
        y = np.arange(len(outlets))[::-1]
        left = np.zeros(len(outlets))
        handles = []
        for name in classes:
            colour, hatch = VERB_CLASS_COLORS.get(name, (next(extra, _GREY), ""))
            values = shares[name].to_numpy(dtype=float)
            ax.barh(
                y,
                values,
                left=left,
                color=colour,
                hatch=hatch,
                edgecolor="white",
                linewidth=0.5,
                height=0.7,
            )
            handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor="white"))
            left += values
        for yi, total in zip(y, totals, strict=True):
            ax.text(
                1.01,
                yi,
                f"n={int(total)}",
                va="center",
                ha="left",
                fontsize=8,
                transform=ax.get_yaxis_transform(),
            )
        ax.set_yticks(y, [plain_text(o) for o in outlets])
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.set_xlabel(plain_text(xlabel))
        ax.set_title(plain_text(title), loc="left")
        ax.legend(
            handles,
            [plain_text(c) for c in classes],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.22 if len(outlets) > 2 else -0.45),
            ncols=min(6, len(classes)),
            handlelength=1.6,
        )
        _note(fig, note)
        return _finish(fig)


def doubt_share_figure(
    table: pd.DataFrame,
    *,
    speaker: str = "speaker",
    outlet: str = "outlet",
    share: str = "share",
    n: str = "n",
    min_count: int = 3,
    speakers: Sequence[str] | None = None,
    outlets: Sequence[str] | None = None,
    title: str = "Doubt cues by speaker and outlet",
    colorbar_label: str = "share of the speaker's attributions with doubt cues",
    note: str | None = None,
) -> Figure:
    """Heat map of a share per speaker (rows) and outlet (columns).

    Cells resting on fewer than ``min_count`` attributions are not coloured as if they were
    0: they are hatched grey and labelled ``n<min_count``. Other cells show the share and
    ``n``.

    Args:
        table: one row per (speaker, outlet) with the share (0..1) and the number of
            attributions it rests on.
        speaker, outlet, share, n: column names.
        min_count: fewest attributions for a share to be shown.
        speakers, outlets: row and column order (default: speakers by total ``n``, outlets
            sorted).
        title, colorbar_label, note: texts.

    Returns:
        The figure (heat map axes plus a colour-bar axes).

    Examples:
        >>> df = pd.DataFrame({"speaker": ["V", "V"], "outlet": ["A", "B"],
        ...                    "share": [0.5, 0.0], "n": [4, 1]})
        >>> ax = doubt_share_figure(df, min_count=3).axes[0]
        >>> sorted(t.get_text() for t in ax.texts)
        ['50%\\nn=4', 'n<3']
    """
    _require(table, [speaker, outlet, share, n], "doubt_share_figure")
    data = table[[speaker, outlet, share, n]].copy()
    data[speaker] = data[speaker].astype(str)
    data[outlet] = data[outlet].astype(str)
    if speakers is None:
        speakers = (
            data.groupby(speaker)[n].sum().sort_values(ascending=False, kind="stable").index
        ).tolist()
    if outlets is None:
        outlets = sorted(data[outlet].unique())
    speakers, outlets = [str(s) for s in speakers], [str(o) for o in outlets]
    shares = data.pivot_table(index=speaker, columns=outlet, values=share, aggfunc="mean")
    counts = data.pivot_table(index=speaker, columns=outlet, values=n, aggfunc="sum")
    shares = shares.reindex(index=speakers, columns=outlets)
    counts = counts.reindex(index=speakers, columns=outlets).fillna(0)
    masked = shares.where(counts >= min_count)
    cmap = mpl.colormaps["cividis"].with_extremes(bad="#f2f2f2")
    norm = mpl.colors.Normalize(vmin=0.0, vmax=1.0)
    with style(**{"axes.grid": False, "axes.spines.left": False, "axes.spines.bottom": False}):
        fig = Figure(
            figsize=(1.3 * len(outlets) + 2.8, 0.5 * len(speakers) + 1.9), layout="constrained"
        )
        ax = fig.add_subplot()
        image = ax.imshow(
            np.ma.masked_invalid(masked.to_numpy(dtype=float)), cmap=cmap, norm=norm, aspect="auto"
        )
        for i in range(len(speakers)):
            for j in range(len(outlets)):
                count = int(counts.iat[i, j])
                value = masked.iat[i, j]
                if pd.isna(value):
                    ax.add_patch(
                        Rectangle(
                            (j - 0.5, i - 0.5),
                            1,
                            1,
                            facecolor="#f2f2f2",
                            hatch="///",
                            edgecolor="#c8c8c8",
                            linewidth=0,
                        )
                    )
                    ax.text(
                        j,
                        i,
                        f"n<{min_count}",
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="#666666",
                    )
                else:
                    r, g, b, _ = cmap(norm(float(value)))
                    ink = "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"
                    ax.text(
                        j,
                        i,
                        f"{float(value):.0%}\nn={count}",
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color=ink,
                    )
        ax.set_xticks(
            range(len(outlets)),
            [plain_text(o) for o in outlets],
            rotation=30,
            ha="right",
            rotation_mode="anchor",
        )
        ax.set_yticks(range(len(speakers)), [plain_text(s) for s in speakers])
        ax.tick_params(length=0)
        ax.set_xticks(np.arange(-0.5, len(outlets)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(speakers)), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        ax.set_title(plain_text(title), loc="left")
        bar = fig.colorbar(image, ax=ax, shrink=0.8, format=mpl.ticker.PercentFormatter(1.0))
        bar.set_label(plain_text(colorbar_label), fontsize=8)
        _note(fig, note or f"Hatched cells: fewer than {min_count} attributions.")
        return _finish(fig)


def matched_events_figure(
    matched: pd.DataFrame,
    *,
    event: str = "event",
    outlet: str = "outlet",
    value: str = "value",
    outlets: Sequence[str] | None = None,
    highlight: Sequence[str] = (),
    title: str = "The same events, outlet by outlet",
    xlabel: str = "loaded terms per 1,000 words (outlet voice)",
    note: str | None = None,
) -> Figure:
    """Dot plot per event: one row per event, one dot per outlet covering it.

    Comparing outlets within an event holds the story fixed, so differences are not due to
    outlets covering different news.

    Args:
        matched: one row per (event, outlet) with a value.
        event, outlet, value: column names.
        outlets: outlets in legend order (default: sorted).
        highlight: events whose labels are set in bold (e.g. those covered by every outlet).
        title, xlabel, note: texts.

    Returns:
        The figure; the legend names the outlets.

    Examples:
        >>> df = pd.DataFrame({"event": ["e1", "e1", "e2"], "outlet": ["A", "B", "A"],
        ...                    "value": [1.0, 4.0, 2.0]})
        >>> ax = matched_events_figure(df).axes[0]
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['e1', 'e2']
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['A', 'B']
    """
    _require(matched, [event, outlet, value], "matched_events_figure")
    data = matched[[event, outlet, value]].dropna(subset=[value]).copy()
    data[event] = data[event].astype(str)
    data[outlet] = data[outlet].astype(str)
    events = sorted(data[event].unique())
    names = [str(o) for o in outlets] if outlets is not None else sorted(data[outlet].unique())
    colours = outlet_colors(names)
    position = {e: len(events) - 1 - i for i, e in enumerate(events)}
    with style(**{"axes.grid.axis": "both"}):
        fig = Figure(figsize=(6.8, 0.4 * len(events) + 1.9), layout="constrained")
        ax = fig.add_subplot()
        for name, group in data.groupby(event, sort=True):
            ax.plot(
                [group[value].min(), group[value].max()],
                [position[name]] * 2,
                color="#bbbbbb",
                linewidth=1.2,
                zorder=1,
            )
        handles, labels = [], []
        # Dodge outlets vertically within an event row so equal values (often 0) stay visible.
        step = min(0.12, 0.6 / max(1, len(names)))
        for index, name in enumerate(names):
            part = data[data[outlet] == name]
            colour, marker = colours[name]
            offset = (index - (len(names) - 1) / 2) * step
            line = ax.plot(
                part[value].astype(float),
                [position[e] - offset for e in part[event]],
                marker=marker,
                color=colour,
                linestyle="none",
                markersize=7,
                alpha=0.9,
                zorder=2,
            )[0]
            handles.append(line)
            labels.append(plain_text(name))
        ax.set_yticks([position[e] for e in events], [plain_text(e) for e in events])
        bold = {str(e) for e in highlight}
        for label, name in zip(ax.get_yticklabels(), events, strict=True):
            if name in bold:
                label.set_fontweight("bold")
        ax.set_ylim(-0.6, len(events) - 0.4)
        _start_at_zero(ax)
        ax.set_xlabel(plain_text(xlabel))
        ax.set_title(plain_text(title), loc="left")
        ax.legend(
            handles,
            labels,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncols=min(3, max(1, len(names))),
        )
        _note(fig, note)
        return _finish(fig)


# ---------------------------------------------------------------------------------------------
# Files with provenance


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return str(value)


def _lexicon_entry(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        entry = dict(item)
        label = str(entry.get("label", ""))
        if "name" not in entry and "@" in label:
            entry["name"], entry["version"] = label.rsplit("@", 1)
        return entry
    text = str(item)
    name, _, version = text.rpartition("@") if "@" in text else (text, "", "")
    return {"name": name, "version": version or None}


def sidecar_record(provenance: Mapping[str, Any] | None, **extra: Any) -> dict[str, Any]:
    """Normalise a provenance mapping into the record written next to figures and tables.

    Accepts the provenance of :class:`framing.extract.Extraction` or of a report run, in any of
    the spellings used across the toolkit (``framing_version``/``version``,
    ``corpus_fingerprint``/``fingerprint``, ``created``/``created_at``; lexicons as
    ``"name@version"`` labels or mappings). Missing values are filled in: the installed
    framing version, the current UTC date.

    Returns:
        A dict with at least ``framing_version``, ``detectors``, ``lexicons`` (list of
        ``{"name", "version", ...}``), ``corpus_fingerprint``, ``parameters``, ``created``,
        plus everything in ``extra``.

    Examples:
        >>> r = sidecar_record({"lexicons": ["loaded_terms@1.0.0"], "fingerprint": "sha256:x"})
        >>> r["lexicons"], r["corpus_fingerprint"]
        ([{'name': 'loaded_terms', 'version': '1.0.0'}], 'sha256:x')
        >>> sorted(r)
        ['corpus_fingerprint', 'created', 'detectors', 'framing_version', 'lexicons', 'parameters']
    """
    from framing import __version__

    prov = dict(provenance or {})
    lexicons = prov.get("lexicons") or []
    if isinstance(lexicons, Mapping):
        lexicons = [
            {"name": k, **v} if isinstance(v, Mapping) else _lexicon_entry(v)
            for k, v in lexicons.items()
        ]
    detectors = prov.get("detectors") or []
    if isinstance(detectors, Mapping):
        detectors = list(detectors.values())
    record = {
        "framing_version": prov.get("framing_version") or prov.get("version") or __version__,
        "detectors": sorted(str(d) for d in detectors),
        "lexicons": [_lexicon_entry(x) for x in lexicons],
        "corpus_fingerprint": prov.get("corpus_fingerprint") or prov.get("fingerprint"),
        "parameters": dict(prov.get("parameters") or {}),
        "created": prov.get("created")
        or prov.get("created_at")
        or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    for key, value in prov.items():
        if key not in record and key not in ("version", "fingerprint", "created_at"):
            record[key] = value
    record.update(extra)
    return record


def _sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def _write_sidecar(path: Path, record: Mapping[str, Any]) -> None:
    text = json.dumps(record, indent=2, ensure_ascii=False, default=_json_default) + "\n"
    path.write_text(text, encoding="utf-8")


def save_figure(
    fig: Figure,
    path_stem: str | os.PathLike[str],
    provenance: Mapping[str, Any] | None = None,
    *,
    dpi: int = 300,
) -> dict[str, Path]:
    """Write ``fig`` as PDF, SVG and PNG, plus a JSON provenance sidecar.

    Identical figures give byte-identical files: the PDF carries no creation date, the SVG no
    date and a fixed hash salt, the PNG only matplotlib's version as metadata.

    Args:
        fig: the figure.
        path_stem: path without suffix (``out/figures/loaded_rate`` writes
            ``loaded_rate.pdf``, ``.svg``, ``.png`` and ``.json``); folders are created.
        provenance: toolkit version, lexicons, corpus fingerprint, parameters (see
            :func:`sidecar_record`).
        dpi: resolution of the PNG.

    Returns:
        The paths written, keyed ``pdf``, ``svg``, ``png``, ``json``.

    Examples:
        >>> import tempfile
        >>> fig = loaded_rate_figure(pd.DataFrame({"outlet": ["A"], "rate": [1.0],
        ...                                        "ci_low": [0.5], "ci_high": [1.5]}))
        >>> paths = save_figure(fig, Path(tempfile.mkdtemp()) / "rate", {"parameters": {}})
        >>> sorted(paths)
        ['json', 'pdf', 'png', 'svg']
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = {fmt: stem.with_name(f"{stem.name}.{fmt}") for fmt in ("pdf", "svg", "png", "json")}
    metadata = {"pdf": {"CreationDate": None}, "svg": {"Date": None}, "png": None}
    with style():
        for fmt in ("pdf", "svg", "png"):
            fig.savefig(
                paths[fmt],
                format=fmt,
                metadata=metadata[fmt],
                dpi=dpi if fmt == "png" else "figure",
            )
    files = {
        fmt: {"path": paths[fmt].name, "sha256": _sha256(paths[fmt])}
        for fmt in ("pdf", "svg", "png")
    }
    _write_sidecar(paths["json"], sidecar_record(provenance, kind="figure", dpi=dpi, files=files))
    logger.debug("figure written: %s.{pdf,svg,png,json}", stem)
    return paths


def save_table(
    df: pd.DataFrame,
    path_stem: str | os.PathLike[str],
    provenance: Mapping[str, Any] | None = None,
    *,
    caption: str | None = None,
    float_format: str = "{:.3f}",
) -> dict[str, Path]:
    """Write a table as CSV and LaTeX with a JSON provenance sidecar.

    The CSV is plain (``pd.read_csv`` reads it back without options); the LaTeX file starts
    with ``%`` comment lines naming the toolkit version, lexicons and corpus fingerprint, and
    every cell and header is escaped (``&``, ``%``, ``$``, ``_`` ... are text). Neither file
    holds a timestamp, so the same table gives byte-identical files; the creation time is in
    the sidecar.

    Args:
        df: the table (its index is written only if it is named).
        path_stem: path without suffix; writes ``.csv``, ``.tex`` and ``.json``.
        provenance: as for :func:`save_figure`.
        caption: LaTeX caption.
        float_format: format of floats in the LaTeX table (the CSV keeps full precision).

    Returns:
        The paths written, keyed ``csv``, ``tex``, ``json``.

    Examples:
        >>> import tempfile
        >>> paths = save_table(pd.DataFrame({"outlet": ["A & B"], "rate": [0.5]}),
        ...                    Path(tempfile.mkdtemp()) / "rates")
        >>> "A \\\\& B" in paths["tex"].read_text()
        True
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = {fmt: stem.with_name(f"{stem.name}.{fmt}") for fmt in ("csv", "tex", "json")}
    keep_index = any(name is not None for name in df.index.names)
    df.to_csv(paths["csv"], index=keep_index, lineterminator="\n")
    record = sidecar_record(
        provenance, kind="table", rows=len(df), columns=[str(c) for c in df.columns]
    )
    shown = df.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(
                lambda v: "" if pd.isna(v) else float_format.format(v)
            )
    latex = shown.to_latex(
        index=keep_index, escape=True, caption=caption, na_rep="", longtable=False
    )
    lexicons = (
        ", ".join(f"{x.get('name')}@{x.get('version')}" for x in record["lexicons"]) or "none"
    )
    # No creation time here: the same inputs give a byte-identical table file; when it was
    # made is in the sidecar (`created`).
    header = [
        f"% {stem.name}: generated by framing {record['framing_version']}",
        f"% corpus {record['corpus_fingerprint']}; lexicons {lexicons}",
        f"% detectors {', '.join(record['detectors']) or 'none'}",
        f"% provenance: {paths['json'].name} (parameters, creation time)",
    ]
    # A newline inside a `%` comment would end the comment; keep each on one line.
    header = [" ".join(line.split()) for line in header]
    paths["tex"].write_text("\n".join(header) + "\n" + latex, encoding="utf-8")
    record["files"] = {
        fmt: {"path": paths[fmt].name, "sha256": _sha256(paths[fmt])} for fmt in ("csv", "tex")
    }
    _write_sidecar(paths["json"], record)
    return paths
