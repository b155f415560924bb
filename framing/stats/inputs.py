"""Input handling shared by the statistics: column and parameter checks, canonical row order.

Every statistic sorts its rows first (:func:`sort_rows`), so no result depends on the order of the
input rows, and checks its inputs with messages that name the missing column or the bad value.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "arrow_strings",
    "attribution_hits",
    "check_bootstrap",
    "check_columns",
    "check_no_missing_groups",
    "code_counts",
    "count_column",
    "group_codes",
    "group_sizes",
    "id_sorted_groups",
    "is_sorted",
    "isin_names",
    "most_quoted",
    "name_codes",
    "sort_rows",
    "speaker_codes",
    "take_by_codes",
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


#: Rows counted or looked up at a time over ten million attributions (:func:`group_sizes`,
#: :func:`code_counts`, :func:`take_by_codes`): one chunk's 64-bit codes take 8 MB.
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


def code_counts(codes: np.ndarray, size: int, rows: np.ndarray | None = None) -> np.ndarray:
    """How many rows have each of ``size`` codes (-1, a missing value, not counted; only the
    ``rows`` marked, if given), counted a chunk at a time (no copy of every known code).

    Examples:
        >>> code_counts(np.array([2, -1, 0, 2], dtype=np.int8), 4).tolist()
        [1, 0, 2, 0]
    """
    counts = np.zeros(0, dtype=np.int64)
    for first in range(0, len(codes), _COUNT_CHUNK):
        part = codes[first : first + _COUNT_CHUNK]
        known = part >= 0
        if rows is not None:
            known &= rows[first : first + _COUNT_CHUNK]
        found = np.bincount(part[known], minlength=size)
        if first:
            counts += found
        else:  # the first chunk's counts, not a zeroed array beside them
            counts = found
    return counts if len(codes) else np.zeros(size, dtype=np.int64)


def take_by_codes(table: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``table[codes]`` a chunk at a time (NumPy widens the codes to 64 bits to index with
    them: 84 MB for ten million rows at once). ``table`` has one entry per code and a last
    one, which a missing value's code, -1, looks up.

    Examples:
        >>> take_by_codes(np.array([10, 20, 0]), np.array([1, -1, 0], dtype=np.int8)).tolist()
        [20, 0, 10]
    """
    out = np.empty(len(codes), dtype=table.dtype)
    for first in range(0, len(codes), _COUNT_CHUNK):
        out[first : first + _COUNT_CHUNK] = table[codes[first : first + _COUNT_CHUNK]]
    return out


def group_codes(values: pd.Series) -> tuple[np.ndarray, Any]:
    """The codes of ``values`` (-1: missing) and the groups they stand for, in sorted order:
    a categorical's own codes (read-only, not copied) and categories, else
    ``pd.factorize(values, sort=True)``."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.array.codes, values.cat.categories
    return pd.factorize(values, sort=True)


def sort_rows(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Rows in a canonical order (by ``keys``, stable), so results ignore the input order.

    Where every value of the first key is there and none repeats (the statistics sort
    articles by id first), the order by every key is its order alone: the rows are taken in
    it, without pandas' sort on several keys, which at a million articles held ~0.18 GB more
    for a moment (it turns the ids into a categorical). Otherwise pandas sorts on every key.

    Examples:
        >>> frame = pd.DataFrame({"id": ["b", "c", "a"], "outlet": ["X", "X", "Y"]})
        >>> sort_rows(frame, ["id", "outlet"])["id"].tolist()
        ['a', 'b', 'c']
        >>> sort_rows(frame.assign(id=["b", "a", "a"]), ["id", "outlet"])["outlet"].tolist()
        ['X', 'Y', 'X']
    """
    keys = list(keys)
    order = _distinct_order(frame[keys[0]]) if keys else None
    if order is not None:
        return frame.take(order).reset_index(drop=True)
    return frame.sort_values(keys, kind="mergesort", na_position="last").reset_index(drop=True)


def _distinct_order(values: pd.Series) -> np.ndarray | None:
    """The rows in the order of ``values``, or ``None`` where a value is missing or repeated
    (then the other keys decide between rows, and the caller sorts on them all)."""
    if not len(values) or values.isna().any():
        return None
    order = np.asarray(values.argsort(kind="stable"))
    ordered = values.array.take(order)
    if bool(np.asarray(ordered[1:] == ordered[:-1], dtype=bool).any()):
        return None
    return order


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
    codes, groups = group_codes(frame[by])
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


def arrow_strings(index: pd.Index) -> Any:
    """The Arrow strings behind ``index`` when it holds pandas' Arrow-backed ``str`` dtype
    (an Arrow array or chunked array, no copy), else ``None``."""
    array = index.array
    if isinstance(array, pd.arrays.ArrowStringArray):
        return array.__arrow_array__()
    return None


def is_sorted(categories: pd.Index) -> bool:
    """Whether ``categories`` are strings in sorted order (as Python sorts strings).

    Arrow-backed strings are compared in Arrow, each with the next (UTF-8 bytes sort as code
    points do): pandas' ``is_monotonic_increasing`` would first build a hash table of them
    all as Python strings (~0.4 GB for the 4.5 M speakers of a million articles).
    """
    arrow = arrow_strings(categories)
    if arrow is None:
        return categories.inferred_type in ("string", "empty") and bool(
            categories.is_monotonic_increasing
        )
    import pyarrow.compute as pc

    if arrow.null_count:
        return False
    if len(arrow) < 2:
        return True
    ascending = pc.less_equal(arrow.slice(0, len(arrow) - 1), arrow.slice(1))
    return bool(pc.all(ascending).as_py())


def name_codes(categories: pd.Index, names: Iterable[str]) -> dict[str, int]:
    """The positions in ``categories`` (strings in sorted order, :func:`is_sorted`) of those
    of ``names`` that are there. Each name is found by bisecting the categories (a few dozen
    names): the categories are never copied, as Python strings or in a hash table.

    Examples:
        >>> name_codes(pd.Index(["Ana", "Ben", "Cy"]), ["Cy", "Zoe", "Ana"])
        {'Cy': 2, 'Ana': 0}
    """
    found = {}
    for name in names:
        where = bisect.bisect_left(categories, name)
        if where < len(categories) and categories[where] == name:
            found[name] = where
    return found


#: Names :func:`isin_names` finds by bisecting sorted categories; beyond, Arrow's ``is_in``.
_BISECTED_NAMES = 256


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
        arrow = arrow_strings(categories)
        if arrow is not None and len(wanted) > _BISECTED_NAMES:
            # Many names (the articles of a period, by id): one Arrow pass over the
            # categories with a hash table of the names, not of the categories (bisecting
            # for 83,000 ids of a million articles took 9.7 s).
            import pyarrow as pa
            import pyarrow.compute as pc

            present = pc.is_in(arrow, value_set=pa.array(wanted, type=pa.string()))
            table = np.zeros(len(categories) + 1, dtype=bool)
            table[:-1] = pc.fill_null(present, False).to_numpy(zero_copy_only=False)
            return take_by_codes(table, values.array.codes)
        if is_sorted(categories):
            found = list(name_codes(categories, wanted).values())
            # A table of the wanted codes, looked up by each row's code (``np.isin`` sorts
            # the codes with the wanted ones once there are more than a hundred of them:
            # 0.19 GB for ten million attributions). Its last entry, a missing value's,
            # is never wanted.
            table = np.zeros(len(categories) + 1, dtype=bool)
            table[found] = True
            return take_by_codes(table, values.array.codes)
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
    counts = code_counts(codes, len(names), eligible)
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
