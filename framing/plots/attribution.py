"""How outlets attribute speech: verb-class composition and per-speaker shares."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from framing.plots.common import (
    TALL_ROWS,
    add_note,
    finish,
    legend_below,
    require_columns,
    ticks_above_when_tall,
)
from framing.plots.style import GREY, OKABE_ITO, VERB_CLASS_COLORS, plain_text, style

__all__ = ["MAX_OUTLET_COLUMNS", "doubt_share_figure", "verb_class_figure"]

#: Most outlets the speaker heat map shows as columns: a cell is 1.3 inches wide, so eight
#: fill a page's width; with more outlets (and more outlets than speakers) the outlets are
#: its rows (at 24 outlets the map was 34 inches wide, its labels unreadable in the report).
MAX_OUTLET_COLUMNS = 8


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
    require_columns(counts, [outlet, verb_class, count], "verb_class_figure")
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
            colour, hatch = VERB_CLASS_COLORS.get(name, (next(extra, GREY), ""))
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
        if len(outlets) > TALL_ROWS:
            # (matplotlib's 5% margins grow with the rows: 30 empty rows above and below
            # the bars of 600 outlets)
            ax.set_ylim(-0.6, len(outlets) - 0.4)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ticks_above_when_tall(ax, len(outlets))
        ax.set_xlabel(plain_text(xlabel))
        ax.set_title(plain_text(title), loc="left")
        labels = [plain_text(c) for c in classes]
        legend_below(ax, handles, labels, ncols=min(6, len(classes)), handlelength=1.6)
        add_note(fig, note)
        return finish(fig)


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
    rows: str = "auto",
) -> Figure:
    """Heat map of a share per speaker and outlet: speakers as rows and outlets as columns,
    or, with more outlets than a page's width holds (:data:`MAX_OUTLET_COLUMNS`) and more
    outlets than speakers, the other way round (a column of each outlet's cells).

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
        rows: ``"speakers"``, ``"outlets"``, or ``"auto"`` (the rule above).

    Returns:
        The figure (heat map axes plus a colour-bar axes).

    Examples:
        >>> df = pd.DataFrame({"speaker": ["V", "V"], "outlet": ["A", "B"],
        ...                    "share": [0.5, 0.0], "n": [4, 1]})
        >>> ax = doubt_share_figure(df, min_count=3).axes[0]
        >>> sorted(t.get_text() for t in ax.texts)
        ['50%\\nn=4', 'n<3']
    """
    require_columns(table, [speaker, outlet, share, n], "doubt_share_figure")
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
    if rows not in ("auto", "speakers", "outlets"):
        raise ValueError(f"rows must be 'auto', 'speakers' or 'outlets', not {rows!r}")
    if rows == "auto":
        wide = len(outlets) > max(MAX_OUTLET_COLUMNS, len(speakers))
        rows = "outlets" if wide else "speakers"
    if rows == "outlets":
        masked, counts = masked.T, counts.T
    row_labels, column_labels = (outlets, speakers) if rows == "outlets" else (speakers, outlets)
    cmap = mpl.colormaps["cividis"].with_extremes(bad="#f2f2f2")
    norm = mpl.colors.Normalize(vmin=0.0, vmax=1.0)
    with style(**{"axes.grid": False, "axes.spines.left": False, "axes.spines.bottom": False}):
        fig = Figure(
            figsize=(1.3 * len(column_labels) + 2.8, 0.5 * len(row_labels) + 1.9),
            layout="constrained",
        )
        ax = fig.add_subplot()
        # Cells as a mesh of quadrilaterals, not an image: an image is resampled to the
        # output's pixels in floating point (drawing a 24 x 8 map at 300 dpi took ~570 MB),
        # and in PDF and SVG the cells stay vectors.
        image = ax.pcolormesh(
            np.arange(len(column_labels) + 1) - 0.5,
            np.arange(len(row_labels) + 1) - 0.5,
            np.ma.masked_invalid(masked.to_numpy(dtype=float)),
            cmap=cmap,
            norm=norm,
        )
        ax.set_xlim(-0.5, len(column_labels) - 0.5)
        ax.set_ylim(len(row_labels) - 0.5, -0.5)  # the first row at the top, as an image
        for i in range(len(row_labels)):
            for j in range(len(column_labels)):
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
            range(len(column_labels)),
            [plain_text(o) for o in column_labels],
            rotation=30,
            ha="right",
            rotation_mode="anchor",
        )
        ax.set_yticks(range(len(row_labels)), [plain_text(s) for s in row_labels])
        ax.tick_params(length=0)
        ax.set_xticks(np.arange(-0.5, len(column_labels)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(row_labels)), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.set_axisbelow(False)  # the white lines between cells, over the cells
        ax.tick_params(which="minor", length=0)
        ax.set_title(plain_text(title), loc="left")
        bar = fig.colorbar(image, ax=ax, shrink=0.8, format=mpl.ticker.PercentFormatter(1.0))
        bar.set_label(plain_text(colorbar_label), fontsize=8)
        add_note(fig, note or f"Hatched cells: fewer than {min_count} attributions.")
        return finish(fig)
