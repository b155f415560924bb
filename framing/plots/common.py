"""Steps every figure function shares: check the columns, start rates at 0, add a footnote,
finish the figure while the style is active."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from framing.plots.style import plain_text

__all__ = [
    "LEGEND_GAP_POINTS",
    "TALL_ROWS",
    "add_note",
    "finish",
    "legend_below",
    "mark_missing",
    "percent_label",
    "require_columns",
    "start_at_zero",
    "ticks_above_when_tall",
]


def require_columns(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise if ``df`` lacks any of ``columns``, naming the figure (``what``) and the columns."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{what}: missing column(s) {missing}; columns present: {list(map(str, df.columns))}"
        )


def finish(fig: Figure) -> Figure:
    """Lay out ``fig`` now, while the style is active; returns it."""
    # Create tick labels while the style is active, so the figure looks the same wherever
    # it is drawn later (ticks are otherwise created lazily at draw time from rcParams).
    fig.draw_without_rendering()
    return fig


#: Rows (outlets) beyond which a figure with a row per outlet repeats its x tick labels above
#: its top row: at 150 outlets the loaded-rate dot plot is ~70 inches tall, its scale far
#: below the rows a reader starts with.
TALL_ROWS = 25


def ticks_above_when_tall(ax: Any, rows: int) -> None:
    """With more than :data:`TALL_ROWS` rows, the x tick labels of ``ax`` above it as well
    as below."""
    if rows > TALL_ROWS:
        ax.tick_params(axis="x", top=True, labeltop=True)


#: Distance from an axes' bottom edge to the top of a legend below it, in points: room for the
#: tick labels and the axis label, whatever the axes' height (an offset in axes fractions put
#: the legend of a 24-outlet figure two inches below its axis label).
LEGEND_GAP_POINTS = 36


def legend_below(
    ax: Any, handles: Sequence[Any], labels: Sequence[str], *, ncols: int, **options: Any
) -> Any:
    """A legend centred under ``ax``, :data:`LEGEND_GAP_POINTS` below its bottom edge
    (``options``: more :meth:`~matplotlib.axes.Axes.legend` arguments)."""
    from matplotlib.transforms import offset_copy

    anchor = offset_copy(ax.transAxes, fig=ax.figure, y=-LEGEND_GAP_POINTS, units="points")
    return ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=anchor,
        ncols=ncols,
        **options,
    )


#: Tick label of a share: ``percent_label(0.25)`` -> ``"25%"`` (matplotlib calls it with the
#: tick's position too, which it ignores). A method of a string, not a function of the toolkit,
#: so a figure using it unpickles where matplotlib alone is imported
#: (:mod:`framing.plots.drawing`).
percent_label = "{:.0%}".format


def start_at_zero(ax: Any) -> None:
    """Start the x axis just below 0."""
    # Rates are never negative; leave a little room so dots at 0 are not cut by the spine.
    high = ax.get_xlim()[1]
    ax.set_xlim(-0.015 * high if high > 0 else -0.05, high)


#: Points per character of a footnote line (7.5-point sans serif runs ~0.55 em a character).
_NOTE_FONT_SIZE = 7.5
_NOTE_CHARACTER_POINTS = 0.55 * _NOTE_FONT_SIZE


def add_note(fig: Figure, text: str | None) -> None:
    """Add ``text`` (if any) as a footnote under the figure, wrapped to the figure's width (a
    long footnote on one line widened the saved figure, which is cropped to what it draws, and
    shrank the plot in it to a third of its width)."""
    if text:
        import textwrap

        width = max(40, int(fig.get_figwidth() * 72 / _NOTE_CHARACTER_POINTS))
        lines = [
            textwrap.fill(part, width, break_long_words=False, break_on_hyphens=False)
            for part in plain_text(text).split("\n")
        ]
        fig.text(
            0.01,
            -0.01,
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=_NOTE_FONT_SIZE,
            color="#555555",
        )


def mark_missing(ax: Any, y: float, text: str, *, x: float = 0.01, fontsize: float = 8) -> None:
    """Write ``text`` (grey italics) at the left of row ``y`` where a value is missing: a row
    without data says why instead of showing an empty line or a 0."""
    ax.text(
        x,
        y,
        plain_text(text),
        transform=ax.get_yaxis_transform(),
        va="center",
        ha="left",
        fontsize=fontsize,
        color="#666666",
        style="italic",
    )
