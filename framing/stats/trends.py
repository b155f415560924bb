"""Rates over time: per outlet and week, month, quarter or year, with cluster-bootstrap
intervals."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pandas as pd

from framing.defaults import PER_WORDS
from framing.stats.bootstrap import bounded_map, group_rng, pass_threads, ratio_bootstrap
from framing.stats.inputs import check_bootstrap, check_columns, count_column, sort_rows

__all__ = [
    "MAX_PERIODS",
    "MIN_PERIODS",
    "PERIODS",
    "outlet_trends",
    "period_label",
    "period_starts",
    "trend_period",
]

#: Fewest periods a trend needs; a shorter span gets no trend (a note says why).
MIN_PERIODS = 3

#: Most periods an automatic trend has: beyond it the next coarser period is taken (a month
#: over 31 years is 372 points of two or three articles each per outlet, noise, not a trend).
MAX_PERIODS = 60

#: Periods from finest to coarsest, with their pandas frequency (weeks start on Monday).
PERIODS = {"week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


def trend_period(published: pd.Series) -> str | None:
    """The period of a trend over these dates: the finest of month, quarter and year that
    gives from :data:`MIN_PERIODS` to :data:`MAX_PERIODS` periods; ``"week"`` when the dates
    span fewer than :data:`MIN_PERIODS` months but at least as many weeks; ``None`` when they
    span fewer weeks (too short for a trend).

    Examples:
        >>> trend_period(pd.Series(pd.to_datetime(["2026-03-02", "2026-05-20"])))
        'month'
        >>> trend_period(pd.Series(pd.to_datetime(["2026-03-02", "2026-03-30"])))
        'week'
        >>> trend_period(pd.Series(pd.to_datetime(["2026-03-02", "2026-03-09"]))) is None
        True
        >>> trend_period(pd.Series(pd.to_datetime(["2015-01-05", "2026-03-02"])))
        'quarter'
        >>> trend_period(pd.Series(pd.to_datetime(["1995-01-05", "2026-03-02"])))
        'year'
    """
    dates = pd.to_datetime(published, errors="coerce").dropna()
    if dates.empty:
        return None
    first, last = dates.min(), dates.max()

    def count(period: str) -> int:
        freq = PERIODS[period]
        return int((last.to_period(freq) - first.to_period(freq)).n) + 1

    if count("month") < MIN_PERIODS:
        return "week" if count("week") >= MIN_PERIODS else None
    for period in ("month", "quarter"):
        if count(period) <= MAX_PERIODS:
            return period
    return "year"


def period_starts(published: pd.Series, period: str) -> pd.Series:
    """The first day of each date's ``period`` (a key of :data:`PERIODS`), ``NaT`` where the
    date does not parse: the periods :func:`outlet_trends` groups articles by.

    Examples:
        >>> period_starts(pd.Series(["2026-03-18", "2026-05-02", None]), "quarter").tolist()
        [Timestamp('2026-01-01 00:00:00'), Timestamp('2026-04-01 00:00:00'), NaT]
    """
    dates = pd.to_datetime(published, errors="coerce")
    return dates.dt.to_period(PERIODS[period]).dt.start_time


def period_label(start: pd.Timestamp, period: str) -> str:
    """How a period is named in the report: ``"Mar 2026"``, ``"week of 02 Mar 2026"``,
    ``"Q1 2026"``, ``"2026"``.

    Examples:
        >>> period_label(pd.Timestamp("2026-03-02"), "week")
        'week of 02 Mar 2026'
        >>> period_label(pd.Timestamp("2026-04-01"), "quarter")
        'Q2 2026'
    """
    if period == "week":
        return start.strftime("week of %d %b %Y")
    if period == "quarter":
        return f"Q{start.quarter} {start.year}"
    if period == "year":
        return str(start.year)
    return start.strftime("%b %Y")


def outlet_trends(
    articles: pd.DataFrame,
    measure: str = "rate_loaded_outlet",
    *,
    period: str = "auto",
    by: str = "outlet",
    words: str = "words",
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    min_articles: int = 2,
) -> pd.DataFrame:
    """Pooled rate per 1,000 words per outlet and period, with cluster-bootstrap intervals.

    Args:
        articles: ``Extraction.articles`` (needs ``published``).
        measure: a rate or count column, as for :func:`framing.stats.outlet_rates`.
        period: ``"week"`` (weeks starting on Monday), ``"month"``, ``"quarter"``,
            ``"year"``, or ``"auto"`` (:func:`trend_period` of the dates).
        min_articles: cells with fewer articles get ``NaN`` and ``below_min=True``.

    Returns:
        One row per outlet and period with articles: ``outlet, period (the period's first
        day), articles, words, count, rate, ci_low, ci_high, below_min``; empty when the span is
        too short (``attrs["period"]`` is then ``None``).

    Raises:
        ValueError: an unknown period or measure.
    """
    check_bootstrap(n_boot, ci, seed)
    check_columns(articles, ["id", by, words, "published"], "articles")
    count = count_column(articles, measure, words)
    if period == "auto":
        chosen = trend_period(articles["published"])
    elif period in PERIODS:
        chosen = period
    else:
        valid = ", ".join(map(repr, ["auto", *PERIODS]))
        raise ValueError(f"unknown period {period!r}; valid: {valid}")
    columns = [by, "period", "articles", "words", "count", "rate", "ci_low", "ci_high", "below_min"]
    out_rows = []
    if chosen is not None:
        frame = articles[["id", by, words, count]].assign(
            period=period_starts(articles["published"], chosen)
        )
        frame = frame.dropna(subset=["period"])
        frame = sort_rows(frame, ["id", by, "period"])

        # Each cell draws from its own stream: two cells' bootstraps at once, in order.
        def cells() -> Iterator[tuple[object, object, np.ndarray, np.ndarray]]:
            for (name, start), group in frame.groupby([by, "period"], sort=True, observed=True):
                counts = group[count].to_numpy(dtype=float)
                yield name, start, counts, group[words].to_numpy(dtype=float)

        def interval(cell: tuple[object, object, np.ndarray, np.ndarray]) -> tuple[float, ...]:
            return _cell_interval(*cell, n_boot=n_boot, ci=ci, seed=seed, min_articles=min_articles)

        for (name, start, counts, word_counts), rate_low_high in bounded_map(
            interval, cells(), pass_threads()
        ):
            below = len(counts) < min_articles
            out_rows.append(
                (
                    name,
                    start,
                    len(counts),
                    int(word_counts.sum()),
                    int(counts.sum()),
                    *rate_low_high,
                    below,
                )
            )
    out = pd.DataFrame(out_rows, columns=columns)
    out.attrs.update(
        {
            "measure": measure,
            "period": chosen,
            "n_boot": int(n_boot),
            "seed": int(seed),
            "ci": float(ci),
            "min_articles": int(min_articles),
        }
    )
    return out


def _cell_interval(
    name: object,
    start: object,
    counts: np.ndarray,
    word_counts: np.ndarray,
    *,
    n_boot: int,
    ci: float,
    seed: int,
    min_articles: int,
) -> tuple[float, float, float]:
    """A cell's rate and interval (``NaN`` below ``min_articles`` or without words)."""
    if len(counts) < min_articles or word_counts.sum() <= 0:
        return math.nan, math.nan, math.nan
    lows, highs = ratio_bootstrap(
        counts[:, None],
        word_counts,
        n_boot=n_boot,
        ci=ci,
        rng=group_rng(seed, "trend", name, str(start)),
        scale=PER_WORDS,
    )
    return counts.sum() * PER_WORDS / word_counts.sum(), float(lows[0]), float(highs[0])
