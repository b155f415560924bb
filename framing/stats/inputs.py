"""Input handling shared by the statistics: column and parameter checks, canonical row order.

Every statistic sorts its rows first (:func:`sort_rows`), so no result depends on the order of the
input rows, and checks its inputs with messages that name the missing column or the bad value.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "attribution_hits",
    "check_bootstrap",
    "check_columns",
    "check_no_missing_groups",
    "count_column",
    "group_sizes",
    "id_sorted_groups",
    "isin_names",
    "most_quoted",
    "sort_rows",
    "speaker_codes",
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


#: Rows counted at a time by :func:`group_sizes` (the combined codes of one chunk, 8 MB).
_COUNT_CHUNK = 1 << 20

#: Most cells :func:`group_sizes` counts in one array (beyond: pandas' groupby).
_MOST_CELLS = 1 << 24


def group_sizes(frame: pd.DataFrame, by: Sequence[str]) -> pd.Series:
    """``frame.groupby(by, observed=True).size()``: the rows of each observed combination of
    the ``by`` columns, in their sorted order.

    Where every ``by`` column is a categorical, the rows are counted from their codes a
    chunk at a time (:func:`numpy.bincount` of the combined codes): pandas' groupby builds
    a 64-bit code per row and column and a sort of them, ~0.34 GB for the ten million
    attributions of a million articles, to count a table of a few dozen cells. Rows missing
    any of the values are not counted, as groupby drops them.

    Examples:
        >>> frame = pd.DataFrame({"outlet": ["B", "A", "B", None], "verb": ["x", "y", "x", "y"]},
        ...                      dtype="category")
        >>> group_sizes(frame, ["outlet", "verb"]).to_dict()
        {('A', 'y'): 1, ('B', 'x'): 2}
    """
    columns = [frame[c] for c in by]
    if not columns or not all(isinstance(c.dtype, pd.CategoricalDtype) for c in columns):
        return frame.groupby(list(by), observed=True).size()
    shape = tuple(len(c.cat.categories) for c in columns)
    cells = int(np.prod(shape, dtype=np.int64))
    if cells == 0 or cells > _MOST_CELLS:
        return frame.groupby(list(by), observed=True).size()
    codes = [c.array.codes for c in columns]  # read-only, not copied
    counts = np.zeros(cells, dtype=np.int64)
    for first in range(0, len(frame), _COUNT_CHUNK):
        chunk = [c[first : first + _COUNT_CHUNK] for c in codes]
        flat = np.zeros(len(chunk[0]), dtype=np.int64)
        known = np.ones(len(chunk[0]), dtype=bool)
        for part, size in zip(chunk, shape, strict=True):
            known &= part >= 0
            flat *= size
            flat += part
        counts += np.bincount(flat[known], minlength=cells)
    seen = np.flatnonzero(counts)
    levels = np.unravel_index(seen, shape)
    index = [
        pd.Categorical.from_codes(level.astype(c.cat.codes.dtype), dtype=c.dtype)
        for level, c in zip(levels, columns, strict=True)
    ]
    if len(index) == 1:
        keys = pd.CategoricalIndex(index[0], name=by[0])
    else:
        keys = pd.MultiIndex.from_arrays(index, names=list(by))
    return pd.Series(counts[seen], index=keys, dtype=np.int64)


def sort_rows(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Rows in a canonical order (by ``keys``, stable), so results ignore the input order."""
    return frame.sort_values(list(keys), kind="mergesort", na_position="last").reset_index(
        drop=True
    )


def id_sorted_groups(frame: pd.DataFrame, by: str) -> Iterator[tuple[Any, pd.DataFrame]]:
    """The groups of ``frame`` by ``by`` (sorted, observed), each with its rows sorted by id
    (stable, missing ids last): the groups and order of
    ``sort_rows(frame, ["id", by]).groupby(by)``, without a sorted copy of the whole table
    (the count columns of a million articles, ~0.2 GB).

    Examples:
        >>> frame = pd.DataFrame({"id": ["b", "a", "c", "a"], "outlet": ["X", "X", "Y", "Y"]})
        >>> [(g, rows["id"].tolist()) for g, rows in id_sorted_groups(frame, "outlet")]
        [('X', ['a', 'b']), ('Y', ['a', 'c'])]
    """
    # Each group's rows taken on their own: iterating a groupby first sorts a copy of the
    # whole frame (~0.11 GB of count columns at a million articles).
    values = frame[by]
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, groups = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, groups = pd.factorize(values, sort=True)
    if not len(codes):
        return
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.append(starts[1:], len(order))
    for first, last in zip(starts, ends, strict=True):
        if ordered[first] < 0:
            continue  # no group
        rows = frame.take(order[first:last])
        yield groups[ordered[first]], rows.sort_values("id", kind="mergesort", na_position="last")


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


def speaker_codes(speakers: pd.Series) -> tuple[np.ndarray, Any]:
    """Integer codes of ``speakers`` (-1: missing) and the names they stand for: a
    categorical's own codes (no string is touched), else :func:`pandas.factorize`."""
    if isinstance(speakers.dtype, pd.CategoricalDtype):
        # The categorical's own codes, read-only (``.cat.codes`` copies them: 42 MB for
        # the attributions of a million articles).
        return speakers.array.codes, speakers.cat.categories
    return pd.factorize(speakers.astype(object).to_numpy())


def isin_names(values: pd.Series, names: Any) -> np.ndarray:
    """Which rows of ``values`` are among ``names`` (a boolean array; a missing value matches
    nothing).

    A categorical whose categories are strings in sorted order (the report's slices) is
    matched by a binary search of its categories and a comparison of its codes. Pandas'
    ``isin`` on a categorical builds a hash table of every category and keeps it with them:
    at a million articles, a table of 4.5 M speaker names held for the rest of the run.

    Examples:
        >>> speakers = pd.Series(["Ana", "Ben", None, "Ana"], dtype="category")
        >>> isin_names(speakers, ["Ana", "Zoe"]).tolist()
        [True, False, False, True]
    """
    wanted = sorted({str(n) for n in names})
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories
        if categories.inferred_type in ("string", "empty") and categories.is_monotonic_increasing:
            known = categories.to_numpy()
            where = np.searchsorted(known, np.asarray(wanted, dtype=object))
            found = [int(w) for w, n in zip(where, wanted, strict=True)
                     if w < len(known) and known[w] == n]  # fmt: skip
            # A table of the wanted codes, looked up by each row's code (``np.isin`` sorts
            # the codes with the wanted ones once there are more than a hundred of them:
            # 0.19 GB for ten million attributions). A missing value's code, -1, looks up
            # the table's last entry, never wanted. A chunk at a time: NumPy widens the
            # codes to 64 bits to index with them.
            table = np.zeros(len(known) + 1, dtype=bool)
            table[found] = True
            codes = values.array.codes
            chosen = np.empty(len(codes), dtype=bool)
            for first in range(0, len(codes), _COUNT_CHUNK):
                chosen[first : first + _COUNT_CHUNK] = table[codes[first : first + _COUNT_CHUNK]]
            return chosen
    return values.isin(wanted).to_numpy(dtype=bool)


def most_quoted(
    codes: np.ndarray,
    names: Any,
    source_types: pd.Series,
    top: int,
    eligible: np.ndarray | None = None,
) -> pd.DataFrame:
    """The ``top`` speakers quoted most often (ties: by name), from the speaker ``codes`` of
    attributions (:func:`speaker_codes`), with their count ``n``, the source type of their
    first attribution and their ``code``. ``eligible``: which rows count (``None``: all)."""
    counts = np.zeros(0, dtype=np.int64)
    for first in range(0, len(codes), _COUNT_CHUNK):  # no copy of every known code
        part = codes[first : first + _COUNT_CHUNK]
        known = part >= 0
        if eligible is not None:
            known &= eligible[first : first + _COUNT_CHUNK]
        found = np.bincount(part[known], minlength=len(names))
        if first:
            counts += found
        else:
            counts = found
    if not len(codes):
        counts = np.zeros(len(names), dtype=np.int64)
    quoted = np.flatnonzero(counts)
    if len(quoted) > top:
        # Ranked by (-count, name) without sorting every name: the speakers quoted more often
        # than the top-th count, then the alphabetically first of those tied at it. (The
        # quoted speakers' counts are partitioned in place: most of the millions of
        # speakers' counts are zeros, which ``np.partition`` orders slowly.)
        found = counts[quoted]
        found.partition(len(found) - top)
        kth = found[len(found) - top]
        del found
        above = np.flatnonzero(counts > kth)
        tied = np.flatnonzero(counts == kth)
        tied = heapq.nsmallest(top - len(above), tied, key=lambda i: str(names[i]))
        quoted = np.concatenate([above, np.asarray(tied, dtype=above.dtype)])
    chosen = sorted(quoted.tolist(), key=lambda i: (-counts[i], str(names[i])))[:top]

    def first_row(code: int) -> int:
        said = codes == code
        return int(np.argmax(said if eligible is None else said & eligible))

    return pd.DataFrame(
        {
            "speaker": [names[i] for i in chosen],
            "n": [int(counts[i]) for i in chosen],
            # The first attribution of each chosen speaker only (a table of every speaker's
            # first row took ~0.16 GB at a million articles).
            "source_type": source_types.iloc[[first_row(i) for i in chosen]]
            .astype(object)
            .tolist(),
            "code": pd.Series(chosen, dtype="int64"),
        }
    )
