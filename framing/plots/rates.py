"""Rates per outlet: a dot plot with confidence intervals."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from framing.plots.common import (
    add_note,
    finish,
    mark_missing,
    require_columns,
    start_at_zero,
    ticks_above_when_tall,
)
from framing.plots.style import outlet_colors, plain_text, style

__all__ = ["loaded_rate_figure"]


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
    require_columns(rates, cols, "loaded_rate_figure")
    data = rates[cols].copy().sort_values(rate, ascending=True, kind="stable", na_position="first")
    colours = outlet_colors(data[outlet].astype(str).tolist())
    with style():
        fig = Figure(figsize=(6.4, 0.45 * len(data) + 1.4), layout="constrained")
        ax = fig.add_subplot()
        for y, values in enumerate(data.to_dict("records")):
            name = str(values[outlet])
            colour, marker = colours[name]
            if pd.isna(values[rate]):
                mark_missing(ax, y, min_note)
                continue
            x = float(values[rate])
            if low and high and not (pd.isna(values[low]) or pd.isna(values[high])):
                err = [[max(0.0, x - float(values[low]))], [max(0.0, float(values[high]) - x)]]
                ax.errorbar(x, y, xerr=err, fmt="none", ecolor=colour, elinewidth=1.8, capsize=3)
            ax.plot([x], [y], marker=marker, color=colour, markersize=8, linestyle="none")
        ax.set_yticks(range(len(data)), [plain_text(o) for o in data[outlet]])
        ax.set_ylim(-0.6, len(data) - 0.4)
        start_at_zero(ax)
        ticks_above_when_tall(ax, len(data))
        ax.set_xlabel(plain_text(xlabel))
        ax.set_title(plain_text(title), loc="left")
        add_note(fig, note)
        return finish(fig)
