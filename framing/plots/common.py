"""Steps every figure function shares: check the columns, start rates at 0, add a footnote,
finish the figure while the style is active."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from framing.plots.style import plain_text

__all__ = [
    "add_note",
    "finish",
    "mark_missing",
    "percent_label",
    "require_columns",
    "start_at_zero",
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


def percent_label(value: float, _position: Any = None) -> str:
    """Tick label of a share: ``0.25`` -> ``"25%"`` (a module-level function, so a figure
    using it can be pickled and written by :class:`~framing.plots.background.FigureWriter`).

    Examples:
        >>> percent_label(0.25), percent_label(1.0)
        ('25%', '100%')
    """
    return f"{value:.0%}"


def start_at_zero(ax: Any) -> None:
    """Start the x axis just below 0."""
    # Rates are never negative; leave a little room so dots at 0 are not cut by the spine.
    high = ax.get_xlim()[1]
    ax.set_xlim(-0.015 * high if high > 0 else -0.05, high)


def add_note(fig: Figure, text: str | None) -> None:
    """Add ``text`` (if any) as a footnote under the figure."""
    if text:
        fig.text(0.01, -0.01, plain_text(text), ha="left", va="top", fontsize=7.5, color="#555555")


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
