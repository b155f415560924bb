"""Rates over time: a line per outlet, with its interval as a band."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from framing.plots.common import add_note, finish, require_columns
from framing.plots.style import outlet_colors, plain_text, style
from framing.stats.trends import period_label

__all__ = ["MAX_CONTEXT_LINES", "MAX_TREND_LINES", "trends_figure"]

_MAX_LABELLED_PERIODS = 12

#: Most outlets drawn as lines on one axes; with more, each outlet gets its own panel (the
#: others grey behind it). At 24 outlets one axes was 24 tangled lines and a legend taller
#: than the figure, which squashed the plot to a sliver.
MAX_TREND_LINES = 8
_PANEL_COLUMNS = 4
#: Most other outlets drawn as grey lines behind each panel. With more, each panel shows the
#: median outlet and the middle 80% of outlets per period instead: every outlet's line in
#: every panel grows with the square of the outlets (150 outlets: 22,350 lines, 35 s to
#: build), and so many grey lines are one grey smear anyway.
MAX_CONTEXT_LINES = 24
#: The context's band: these quantiles of the outlets' rates in each period.
_CONTEXT_BAND = (0.1, 0.9)


def trends_figure(
    trends: pd.DataFrame,
    *,
    title: str = "Loaded terms over time",
    ylabel: str = "per 1,000 words (outlet voice)",
    note: str | None = None,
) -> Figure:
    """A line per outlet through its rate in each period, with the interval as a band.

    ``trends`` is :func:`framing.stats.outlet_trends`. Periods with too few articles are gaps,
    never zeros. With more than :data:`MAX_TREND_LINES` outlets, small multiples: a panel per
    outlet (its line and band in its colour, every other outlet a thin grey line behind; with
    more than :data:`MAX_CONTEXT_LINES` others, the median outlet and the middle 80% of outlets
    in grey instead), sharing both axes.

    Examples:
        >>> df = pd.DataFrame({"outlet": ["A", "A", "A"], "period": pd.to_datetime(
        ...     ["2026-03-01", "2026-04-01", "2026-05-01"]), "rate": [1.0, float("nan"), 2.0],
        ...     "ci_low": [0.5, float("nan"), 1.5], "ci_high": [1.5, float("nan"), 2.5]})
        >>> fig = trends_figure(df)
        >>> len(fig.axes[0].lines)
        1
    """
    require_columns(trends, ["outlet", "period", "rate", "ci_low", "ci_high"], "trends_figure")
    outlets = sorted(trends["outlet"].astype(str).unique())
    colours = outlet_colors(outlets)
    if len(outlets) > MAX_TREND_LINES:
        return _panels(trends, outlets, colours, title=title, ylabel=ylabel, note=note)
    with style():
        fig = Figure(figsize=(7.2, 3.6), layout="constrained")
        ax = fig.add_subplot()
        for out in outlets:
            part = trends[trends["outlet"].astype(str) == out].sort_values("period")
            _draw_outlet(ax, part, out, colours[out], band=0.15, marker_size=5, width=1.6)
        ax.set_ylim(bottom=0)
        _period_ticks(ax, trends["period"], period=trends.attrs.get("period"))
        ax.set_ylabel(plain_text(ylabel))
        ax.set_title(plain_text(title), loc="left")
        if outlets:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        add_note(fig, note)
        return finish(fig)


def _draw_outlet(
    ax: Any,
    part: pd.DataFrame,
    outlet: str,
    look: tuple[str, str],
    *,
    band: float,
    marker_size: float,
    width: float,
) -> None:
    """One outlet's interval band and line through its rates (``look``: colour, marker)."""
    colour, marker = look
    ax.fill_between(
        part["period"], part["ci_low"], part["ci_high"], color=colour, alpha=band, linewidth=0
    )
    ax.plot(
        part["period"],
        part["rate"],
        color=colour,
        marker=marker,
        markersize=marker_size,
        linewidth=width,
        label=plain_text(outlet),
    )


def _panels(
    trends: pd.DataFrame,
    outlets: list[str],
    colours: dict[str, tuple[str, str]],
    *,
    title: str,
    ylabel: str,
    note: str | None,
) -> Figure:
    """Small multiples of :func:`trends_figure`: one panel per outlet."""
    import math

    rows = math.ceil(len(outlets) / _PANEL_COLUMNS)
    lines = {
        str(out): part.sort_values("period")
        for out, part in trends.groupby(trends["outlet"].astype(str), sort=False)
    }
    many = len(outlets) - 1 > MAX_CONTEXT_LINES
    context = _context(trends) if many else None
    if context is not None:
        low, high = _CONTEXT_BAND
        summary = (
            "Grey: in each period, the median outlet's rate (line) and the middle "
            f"{high - low:.0%} of the {len(outlets)} outlets (band)."
        )
        note = f"{note}\n{summary}" if note else summary
    with style():
        fig = Figure(figsize=(10.0, 1.75 * rows + 1.2), layout="constrained")
        # Many panels share their limits by hand: matplotlib's shared axes update each other
        # pairwise (150 panels took 25 s to build) and pickle one inside the other (past
        # Python's recursion limit, so the figure could not go to the figure worker).
        axes = fig.subplots(rows, _PANEL_COLUMNS, sharex=not many, sharey=not many, squeeze=False)
        for index, ax in enumerate(axes.flat):
            if index >= len(outlets):
                ax.set_axis_off()
                continue
            out = outlets[index]
            if context is not None:
                ax.fill_between(
                    context.index, context["low"], context["high"], color="#e4e4e4", linewidth=0
                )
                ax.plot(context.index, context["median"], color="#b0b0b0", linewidth=0.9)
            else:
                for other in outlets:
                    if other != out:
                        part = lines[other]
                        ax.plot(part["period"], part["rate"], color="#d0d0d0", linewidth=0.8)
            _draw_outlet(ax, lines[out], out, colours[out], band=0.2, marker_size=3.5, width=1.5)
            ax.set_title(plain_text(out), loc="left", fontsize=9)
            ax.set_ylim(bottom=0)
            ax.tick_params(labelsize=7.5)
        if many:
            _same_limits(axes.flat[: len(outlets)], trends["period"])
        else:
            _period_ticks(axes.flat[0], trends["period"], most=4, period=trends.attrs.get("period"))
        fig.supylabel(plain_text(ylabel), fontsize=9)
        fig.suptitle(plain_text(title), x=0.01, ha="left", fontweight="bold")
        add_note(fig, note)
        return finish(fig)


def _same_limits(axes: Any, periods: pd.Series) -> None:
    """What sharing both axes does, for panels that do not: every panel with the limits that
    hold all of them, the period ticks on each and tick labels only on the outer panels."""
    axes = list(axes)
    x_low = min(ax.get_xlim()[0] for ax in axes)
    x_high = max(ax.get_xlim()[1] for ax in axes)
    y_high = max(ax.get_ylim()[1] for ax in axes)
    for ax in axes:
        ax.set_xlim(x_low, x_high)
        ax.set_ylim(0, y_high)
        _period_ticks(ax, periods, most=4)
        ax.label_outer()


def _context(trends: pd.DataFrame) -> pd.DataFrame:
    """Per period (sorted), the median and the :data:`_CONTEXT_BAND` quantiles of the outlets'
    rates (periods where no outlet has a rate are left out)."""
    low, high = _CONTEXT_BAND
    rates = trends.dropna(subset=["rate"]).groupby("period")["rate"]
    return pd.DataFrame(
        {"median": rates.median(), "low": rates.quantile(low), "high": rates.quantile(high)}
    ).sort_index()


def _period_ticks(
    ax, periods: pd.Series, most: int = _MAX_LABELLED_PERIODS, period: str | None = None
) -> None:
    """Label each period (months as "Mar 2026", weeks by their first day, quarters as
    "Q1 2026", years as "2026"; ``period`` as :func:`framing.stats.outlet_trends` records it)
    when there are few; otherwise let matplotlib choose concise date ticks. Never overlapping
    full dates."""
    from matplotlib import dates, ticker

    stamps = pd.to_datetime(pd.Series(periods).dropna()).drop_duplicates().sort_values()
    if 0 < len(stamps) <= most:
        monthly = bool((stamps.dt.day == 1).all())
        if period in ("quarter", "year"):
            labels = [period_label(s, period) for s in stamps]
        else:
            labels = [s.strftime("%b %Y" if monthly else "%d %b") for s in stamps]
        ax.set_xticks(list(stamps))
        ax.set_xticklabels(
            labels,
            rotation=0 if len(stamps) <= 6 else 45,
            ha="center" if len(stamps) <= 6 else "right",
        )
        ax.xaxis.set_minor_locator(ticker.NullLocator())
        return
    locator = dates.AutoDateLocator(maxticks=min(8, most))
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(dates.ConciseDateFormatter(locator))
