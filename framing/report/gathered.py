"""Columns of hits gathered part by part in narrow integers, and joined once at the end.

The report's pass over an extraction's hits parts
(:func:`~framing.report.hit_tables.stream_report_hits`) keeps each part's share of a slice
until the last part is read. Kept as Arrow dictionary arrays, every repeated-string column
cost four bytes a row (Arrow's dictionary indices are 32-bit) and every offset eight: at a
million articles the gathered slices took 1.46 GB. Here a part's column keeps its own small
dictionary and codes in the narrowest integer type that holds them (a part's outlets in one
byte, its ids in two), and offsets in four bytes where they fit: 0.90 GB.

At the end, :func:`join_pieces` makes each column a pandas categorical in one pass: one sort
of all the parts' dictionaries together (:func:`sort_ranks`; as Python sorts strings, UTF-8
bytes sort as code points), equal neighbours made one value, and each part's codes written
into the column's codes. The result equals, category for category and code for code, what
Arrow's ``unify_dictionaries`` then a sort gave (a hash over every value: at a million
articles the join peaked ~0.5 GB higher). :func:`~framing.report.compact.read_compact_hits`
joins the columns it reads from every part the same way (:func:`pieces_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Piece",
    "arrow_categorical",
    "categorical",
    "code_dtype",
    "encode_piece",
    "index_dtype",
    "join_codes",
    "join_pieces",
    "narrow_offsets",
    "pieces_of",
    "sort_ranks",
]


def index_dtype(length: int) -> np.dtype[Any]:
    """The integer type positions into ``length`` things are held in: 32 bits where they
    fit, else 64 (NumPy indexes with either).

    Examples:
        >>> str(index_dtype(5_800_000)), str(index_dtype(2**31))
        ('int32', 'int64')
    """
    return np.dtype(np.int32 if length < np.iinfo(np.int32).max else np.int64)


def code_dtype(categories: int) -> np.dtype[Any]:
    """The integer type pandas keeps a categorical's codes in, for ``categories`` categories
    (it holds -1, a missing value, too).

    Examples:
        >>> [str(code_dtype(n)) for n in (2, 127, 40_000)]
        ['int8', 'int16', 'int32']
    """
    for dtype in (np.int8, np.int16, np.int32):
        if categories < np.iinfo(dtype).max:
            return np.dtype(dtype)
    return np.dtype(np.int64)


@dataclass(frozen=True)
class Piece:
    """One part's rows of a repeated-string column: its distinct values (an Arrow string
    array) and, per row, the position of its value there (-1: missing; an Arrow integer
    array, so the memory is Arrow's pool's, handed back to the system when the report lets
    it go, where NumPy's freed pieces stayed in the process's heap: ~0.2 GB at 1M)."""

    dictionary: Any
    codes: Any

    def __len__(self) -> int:
        return len(self.codes)


def encode_piece(values: Any) -> Piece:
    """A :class:`Piece` of an Arrow string column (an array or a chunked array).

    Examples:
        >>> import pyarrow as pa
        >>> piece = encode_piece(pa.array(["b", None, "a", "b"]))
        >>> piece.dictionary.to_pylist(), piece.codes.to_pylist(), str(piece.codes.type)
        (['b', 'a'], [0, -1, 1, 0], 'int8')
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], pa.string())
    if pa.types.is_null(values.type):  # a column with no value at all
        values = values.cast(pa.string())
    encoded = values.dictionary_encode()
    narrow = pa.from_numpy_dtype(code_dtype(len(encoded.dictionary)))
    return Piece(encoded.dictionary, pc.fill_null(encoded.indices, -1).cast(narrow))


def pieces_of(chunks: Any) -> list[Piece]:
    """The :class:`Piece` of each chunk of an Arrow string column, dictionary-encoded (as
    Parquet's ``read_dictionary`` reads it: its own dictionary and indices) or not.

    Examples:
        >>> import pyarrow as pa
        >>> column = pa.chunked_array([pa.array(["b", "a"]).dictionary_encode(), ["a", None]])
        >>> [(p.dictionary.to_pylist(), p.codes.to_pylist()) for p in pieces_of(column)]
        [(['b', 'a'], [0, 1]), (['a'], [0, -1])]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    pieces = []
    for chunk in chunks.chunks:
        if pa.types.is_dictionary(chunk.type):
            pieces.append(Piece(chunk.dictionary, pc.fill_null(chunk.indices, -1)))
        else:
            pieces.append(encode_piece(chunk))
    return pieces


def join_pieces(pieces: list[Piece], name: str, *, arrow: bool = False) -> pd.Series:
    """The column ``name`` of every piece, in order, as a pandas categorical whose categories
    are the distinct values sorted (as Python strings sort), held as Python strings (``arrow``:
    as Arrow strings, :func:`arrow_categorical`)."""
    return (arrow_categorical if arrow else categorical)(*join_codes(pieces), name)


def join_codes(pieces: list[Piece]) -> tuple[Any, np.ndarray]:
    """The distinct values of every piece, sorted (an Arrow array), and each row's position
    among them (-1: missing), in the integer type of :func:`code_dtype`."""
    import pyarrow as pa

    dictionaries = [p.dictionary for p in pieces]
    # Sorted as chunks, not concatenated first (a copy of every part's names).
    together = pa.chunked_array(dictionaries) if dictionaries else pa.array([], pa.string())
    del dictionaries
    where, ordered = sort_ranks(together)
    del together
    codes = np.empty(sum(len(p) for p in pieces), dtype=code_dtype(len(ordered)))
    start = row = 0
    for piece in pieces:
        mapping = where[start : start + len(piece.dictionary)].astype(codes.dtype)
        start += len(piece.dictionary)
        local = piece.codes.to_numpy(zero_copy_only=False)
        target = codes[row : row + len(local)]
        row += len(local)
        if len(mapping):
            np.take(mapping, np.maximum(local, 0), out=target)
            target[local < 0] = -1
        else:
            target[:] = -1
    return ordered, codes


def sort_ranks(values: Any) -> tuple[np.ndarray, Any]:
    """For an Arrow string array (or chunked array) without missing values: each value's
    rank among the distinct values (:func:`index_dtype` integers) and those values, sorted
    (as Python sorts strings: UTF-8 bytes sort as code points).

    Found by Arrow's dense rank, not by hashing: Arrow's hash of the 5.8 M names in the parts
    of a million articles took ~0.85 GB for a moment. The rank copies only the distinct
    values (a sorted copy of every value, then marking equal neighbours, held ~70 MB more).

    Examples:
        >>> import pyarrow as pa
        >>> ranks, distinct = sort_ranks(pa.array(["b", "a", "b", "c"]))
        >>> ranks.tolist(), distinct.to_pylist()
        ([1, 0, 1, 2], ['a', 'b', 'c'])
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(values) == 0:
        return np.empty(0, dtype=np.int64), pa.array([], type=values.type)
    dense = pc.rank(values, sort_keys="ascending", tiebreaker="dense")  # 1, 2, ...
    # Rows and ranks in 32 bits where they fit (5.8 M names: 23 MB an array, not 46).
    rows = index_dtype(len(values))
    ranks = np.subtract(dense.to_numpy(zero_copy_only=False), 1, dtype=rows)
    del dense
    # The first row holding each rank (the last written, going backwards).
    first = np.empty(int(ranks.max()) + 1, dtype=rows)
    first[ranks[::-1]] = np.arange(len(ranks) - 1, -1, -1, dtype=rows)
    distinct = values.take(pa.array(first))
    if isinstance(distinct, pa.ChunkedArray):
        distinct = distinct.combine_chunks()
    return ranks, distinct


def categorical(values: Any, codes: np.ndarray, name: str) -> pd.Series:
    """A pandas categorical from sorted distinct ``values`` (Arrow) and ``codes``: the
    categories become Python strings once, here."""
    categories = pd.Index(values.to_numpy(zero_copy_only=False), dtype=object)
    return pd.Series(pd.Categorical.from_codes(codes, categories=categories), name=name)


def arrow_categorical(values: Any, codes: np.ndarray, name: str) -> pd.Series:
    """A pandas categorical from sorted distinct ``values`` (Arrow strings) and ``codes``,
    whose categories stay Arrow strings (pandas' ``str`` dtype) instead of becoming Python
    strings: the 4.5 M speakers' names of a million articles take 322 MB as Python strings,
    102 MB as Arrow's.

    Pandas checks a new categorical's categories for duplicates through a hash table of
    them as Python strings, as big again for a moment; ``values`` are distinct already (a
    sort made them), so the check is skipped. Where this pandas has no way to skip it, the
    categories are Python strings (:func:`categorical`).
    The categories' index must then never be looked up by pandas (``get_loc``,
    ``is_monotonic_increasing``...), which builds the same table:
    :func:`framing.stats.inputs.isin_names` and :func:`framing.stats.inputs.is_sorted` read
    the Arrow strings instead.

    Examples:
        >>> import pyarrow as pa
        >>> speakers = arrow_categorical(pa.array(["Ana", "Ben"]), np.array([1, -1, 0]), "s")
        >>> speakers.tolist(), str(speakers.cat.categories.dtype)
        (['Ben', nan, 'Ana'], 'str')
    """
    fastpath = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    if fastpath is None:  # pragma: no cover - pandas without it
        return categorical(values, codes, name)
    categories = pd.Index(pd.array(values, dtype="str"), copy=False)
    dtype = fastpath(categories, ordered=False)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False), name=name)


def narrow_offsets(values: Any) -> Any:
    """An Arrow integer column as 32-bit integers where every value fits, else as it is."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(values) == 0 or values.null_count == len(values):
        return values.cast(pa.int32())
    low, high = pc.min_max(values).values()
    if low.as_py() >= -(2**31) and high.as_py() < 2**31:
        return values.cast(pa.int32())
    return values
