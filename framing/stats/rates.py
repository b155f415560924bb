"""Pooled rates per 1,000 words per outlet, with cluster-bootstrap intervals."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from framing.defaults import PER_WORDS
from framing.stats.bootstrap import ArticleResamples, percentile_ratio, shared_resamples
from framing.stats.inputs import (
    check_bootstrap,
    check_columns,
    check_no_missing_groups,
    count_column,
    sort_rows,
)

__all__ = ["outlet_rates"]


def outlet_rates(
    articles: pd.DataFrame,
    measure: str = "rate_loaded_outlet",
    *,
    by: str = "outlet",
    words: str = "words",
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    min_articles: int = 5,
    resamples: ArticleResamples | None = None,
) -> pd.DataFrame:
    r"""Pooled rate per 1,000 words for each outlet, with a cluster-bootstrap interval.

    The rate of outlet :math:`o` is :math:`1000 \sum_a c_a / \sum_a w_a` over its articles
    (``c`` the count, ``w`` the words), so long articles weigh more than short ones, as each
    word is one opportunity. The interval is a percentile bootstrap that resamples whole
    articles within the outlet with replacement (a cluster bootstrap: terms of one article are
    not independent draws, so resampling hits would understate the uncertainty).

    Args:
        articles: ``Extraction.articles`` (or any table with ``id``, ``by``, the count and
            ``words``).
        measure: a rate column (``"rate_loaded_outlet"``, ``"rate_hedges"``, ...) or any count
            column (``"loaded_outlet_hyperbole"``, ``"attr_doubt"``, ...); the rate is
            computed from the count, never by averaging article rates.
        by: the grouping column.
        words: the column of word counts.
        n_boot: bootstrap resamples.
        seed: seed of the random streams (each outlet gets its own, from ``seed`` and its name).
        ci: coverage of the interval.
        min_articles: outlets with fewer articles get ``below_min=True`` and ``NaN`` rate and
            interval (shown as insufficient data, never as 0).
        resamples: the outlets' article resamples, shared with the run's other estimates
            (default: drawn here; the same draws either way, see
            :class:`~framing.stats.bootstrap.ArticleResamples`).

    Returns:
        One row per outlet (sorted by name): ``outlet, articles, words, count, rate, ci_low,
        ci_high, below_min``. ``attrs`` records the measure, count column and parameters.

    Raises:
        ValueError: unknown measure or column, missing outlet, or invalid parameters.

    References:
        Efron & Tibshirani (1993), ch. 13 (percentile interval); Field & Welsh (2007) and
        Cameron, Gelbach & Miller (2008) on resampling whole clusters.

    Examples:
        >>> articles = pd.DataFrame({
        ...     "id": ["a", "b", "c", "d"], "outlet": ["X", "X", "X", "Y"],
        ...     "words": [100, 200, 300, 400], "loaded_outlet": [1, 2, 3, 1],
        ... })
        >>> rates = outlet_rates(articles, "loaded_outlet", min_articles=2)
        >>> rates[["outlet", "articles", "words", "count", "rate", "below_min"]]
          outlet  articles  words  count  rate  below_min
        0      X         3    600      6  10.0      False
        1      Y         1    400      1   NaN       True
        >>> rates.loc[0, ["ci_low", "ci_high"]].tolist()  # every article has rate 10
        [10.0, 10.0]
    """
    check_bootstrap(n_boot, ci, seed)
    check_columns(articles, ["id", by, words], "articles")
    count = count_column(articles, measure, words)
    check_no_missing_groups(articles, by, "articles")
    frame = sort_rows(articles[["id", by, words, count]], ["id", by, words, count])
    resamples = shared_resamples(resamples, seed, n_boot)
    rows = []
    for name, group in frame.groupby(by, sort=True, observed=True):
        counts = group[count].to_numpy(dtype=float)
        word_counts = group[words].to_numpy(dtype=float)
        total_words = int(word_counts.sum())
        total = int(counts.sum())
        below = len(group) < min_articles
        rate = low = high = math.nan
        if not below and total_words > 0:
            rate = total * PER_WORDS / total_words
            sums = resamples.sums(name, group["id"].astype(str).tolist(),
                                  np.column_stack([counts, word_counts]))  # fmt: skip
            lows, highs = percentile_ratio(sums[:, :1], sums[:, 1], ci=ci, scale=PER_WORDS)
            low, high = float(lows[0]), float(highs[0])
        rows.append((name, len(group), total_words, total, rate, low, high, below))
    out = pd.DataFrame(
        rows,
        columns=[by, "articles", "words", "count", "rate", "ci_low", "ci_high", "below_min"],
    ).astype({"articles": "int64", "words": "int64", "count": "int64", "below_min": "bool"})
    out.attrs.update(
        {
            "measure": measure,
            "count_column": count,
            "per_words": PER_WORDS,
            "n_boot": int(n_boot),
            "seed": int(seed),
            "ci": float(ci),
            "min_articles": int(min_articles),
            "method": f"percentile bootstrap, articles resampled within {by}",
        }
    )
    return out
