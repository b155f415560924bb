"""Input handling shared by the statistics: column and parameter checks, canonical row order.

Every statistic sorts its rows first (:func:`sort_rows`), so no result depends on the order of the
input rows, and checks its inputs with messages that name the missing column or the bad value.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "attribution_hits",
    "check_bootstrap",
    "check_columns",
    "check_no_missing_groups",
    "count_column",
    "sort_rows",
]


def check_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise if ``frame`` (named ``what`` in the message) lacks any of ``columns``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} lacks column(s) {', '.join(missing)} (columns: "
            f"{', '.join(map(str, frame.columns))}); pass the tables of framing.extract(...)"
        )


def check_bootstrap(n_boot: int, ci: float, seed: int) -> None:
    """Raise unless ``n_boot`` is a positive int, ``ci`` in (0, 1) and ``seed`` a non-negative
    int."""
    if not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise ValueError(f"n_boot must be a positive number of resamples, got {n_boot!r}")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be a coverage between 0 and 1 (e.g. 0.95), got {ci!r}")
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")


def sort_rows(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Rows in a canonical order (by ``keys``, stable), so results ignore the input order."""
    return frame.sort_values(list(keys), kind="mergesort", na_position="last").reset_index(
        drop=True
    )


def count_column(articles: pd.DataFrame, measure: str, words: str) -> str:
    """The count column behind ``measure`` (``rate_X`` -> ``X``; a count column as is)."""
    counts = [
        c
        for c in articles.columns
        if c != words and pd.api.types.is_integer_dtype(articles[c].dtype)
    ]
    if measure in counts:
        return measure
    if measure.startswith("rate_") and measure[len("rate_") :] in counts:
        return measure[len("rate_") :]
    rates = [f"rate_{c}" for c in counts if f"rate_{c}" in articles.columns]
    raise ValueError(
        f"measure {measure!r} is not a count column or a rate of one; pooled rates need "
        f"counts and words. Valid: {', '.join(rates + counts)}"
    )


def check_no_missing_groups(frame: pd.DataFrame, by: str, what: str) -> None:
    """Raise if a row of ``frame`` has no value in the grouping column ``by``."""
    missing = int(frame[by].isna().sum())
    if missing:
        raise ValueError(f"{missing} row(s) of {what} have no {by!r}; fill or drop them first")


def attribution_hits(hits: pd.DataFrame, by: str) -> pd.DataFrame:
    """The attribution rows of ``hits`` with the columns the statistics use, in table order
    (the statistics that take them count and group, so the order does not matter; a table
    of attributions only, such as the report's slice, is not copied)."""
    check_columns(
        hits, ["id", by, "detector", "speaker", "category", "kind", "source_type"], "hits"
    )
    keys = ["id", by, "speaker", "category", "kind", "source_type"]
    attribution = (hits["detector"] == "attribution").to_numpy(dtype=bool, na_value=False)
    return hits[keys] if attribution.all() else hits.loc[attribution, keys]
