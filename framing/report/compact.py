"""The tables a report holds, in compact dtypes, and the texts it reads only where it quotes them.

A report at corpus scale holds one row per hit (about 14 per article). Held as Python strings,
a hit costs ~820 bytes in pandas; with its repeated values as categoricals (sorted categories,
so sorting and grouping give the order strings give) and offsets as 32-bit integers it costs
~40. The hits of an extraction folder are read part by part as Arrow dictionaries and joined
once (:func:`read_compact_hits`), so the string form is never built.

The texts themselves are not held at all: the report quotes a few hundred sentences, and
:class:`TextReader` reads the texts of just those articles from the parts that hold them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.extract.features import (
    HIT_COLUMNS,
    RATE_COLUMNS,
    TEXT_COLUMNS,
    restore_article_column,
)
from framing.extract.result import checked_table_paths, table_paths
from framing.report.gathered import join_pieces, pieces_of

__all__ = [
    "DERIVED_ARTICLE_COLUMNS",
    "HIT_CATEGORIES",
    "TextReader",
    "arrow_articles_to_compact",
    "arrow_columns_to_compact",
    "compact_article_column",
    "compact_articles",
    "compact_hits",
    "finish_compact",
    "hit_paths",
    "read_compact_hits",
    "read_facts",
    "without_unused_categories",
]

#: Hit columns held as categoricals (their values repeat: outlets, labels, speakers, ids).
HIT_CATEGORIES = (
    "id", "outlet", "event", "detector", "text", "label", "category", "speaker", "kind",
    "source_type", "speaker_gender", "voice",
)  # fmt: skip
_INT32 = {"start": "int32", "end": "int32", "speaker_start": "Int32", "speaker_end": "Int32"}


def _sorted_categorical(values: pd.Series) -> pd.Series:
    """``values`` as a categorical whose categories are sorted (as strings sort), held as
    Python strings (whichever string type they were read as)."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        kept = values.astype(object).where(values.notna(), None)
        return pd.Series(pd.Categorical(kept), index=values.index, name=values.name)
    if values.cat.categories.dtype == object and values.cat.categories.is_monotonic_increasing:
        return values  # sorted already (read_compact_hits joins the parts sorted)
    categories = values.cat.categories.astype(object).tolist()
    order = sorted(range(len(categories)), key=categories.__getitem__)
    position = np.empty(len(categories), dtype=np.int64)
    position[order] = np.arange(len(categories))
    codes = values.cat.codes.to_numpy()
    codes = np.where(codes < 0, -1, position[np.maximum(codes, 0)]) if len(order) else codes
    sorted_categories = pd.Index([categories[i] for i in order], dtype=object)
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=sorted_categories),
        index=values.index,
        name=values.name,
    )


def compact_hits(hits: pd.DataFrame) -> pd.DataFrame:
    """``hits`` with categoricals for its repeated strings and 32-bit offsets (same values).

    Examples:
        >>> hits = pd.DataFrame({"id": ["b", "a", "b"], "start": [5, 1, 9],
        ...                      "speaker": ["X", None, "X"]})
        >>> small = compact_hits(hits)
        >>> small.dtypes.astype(str).tolist()
        ['category', 'int32', 'category']
        >>> list(small["id"].cat.categories), small["speaker"].isna().tolist()
        (['a', 'b'], [False, True, False])
    """
    out = {}
    for column in hits.columns:
        values = hits[column]
        if column in HIT_CATEGORIES:
            values = _sorted_categorical(values)
        elif column in _INT32 and len(values) and _fits_int32(values):
            values = values.astype(_INT32[column])
        out[column] = values
    return pd.DataFrame(out, index=hits.index)


#: Article columns held as categoricals (a few outlets and events repeat over every article).
ARTICLE_CATEGORIES = ("outlet", "event")

#: Article columns held as Arrow strings (pandas' ``string[pyarrow]``, missing values
#: ``pd.NA`` as in the extraction's ``string`` columns): a million ids take 66 MB as Python
#: strings and 17 MB so; the benchmark's titles 73 and 24 MB.
ARTICLE_ARROW_STRINGS = ("id", "title")
ARROW_STRING = pd.StringDtype("pyarrow")


#: Article columns the report does not hold: each is a count divided by another (``rate_X``
#: is ``X`` per 1,000 words, ``anonymous_share`` is ``attr_anonymous / attributions``), and
#: the statistics take the counts (a rate measure names its count:
#: :func:`framing.stats.inputs.count_column`). 48 MB at a million articles. The report's copy
#: of the articles (``extraction/articles.parquet``) keeps them.
DERIVED_ARTICLE_COLUMNS = (*RATE_COLUMNS, "anonymous_share")


def compact_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` as the report holds them: its outlets and events as categoricals (sorted
    categories, so sorting and grouping give the order strings give), its ids and titles as
    Arrow strings (:data:`ARTICLE_ARROW_STRINGS`), its integer columns as 32-bit integers
    where their values fit (same values; sums over articles are 64-bit in pandas), and
    without the derived columns (:data:`DERIVED_ARTICLE_COLUMNS`).
    At a million articles: 0.56 GB -> 0.22 GB (ids and titles as Arrow strings).

    Examples:
        >>> articles = pd.DataFrame({"id": ["a", "b"], "outlet": ["Y", "X"], "words": [90, 7],
        ...                          "rate_hedges": [0.0, 0.0]})
        >>> small = compact_articles(articles)
        >>> small.dtypes.astype(str).tolist(), list(small["outlet"].cat.categories)
        (['string', 'category', 'int32'], ['X', 'Y'])
    """
    out = {
        column: compact_article_column(articles[column])
        for column in articles.columns
        if column not in DERIVED_ARTICLE_COLUMNS
    }
    return pd.DataFrame(out, index=articles.index)


def compact_article_column(values: pd.Series) -> pd.Series:
    """A column of an articles table as :func:`compact_articles` holds it."""
    if values.name in ARTICLE_CATEGORIES:
        return _sorted_categorical(values)
    if values.name in ARTICLE_ARROW_STRINGS:
        return values.astype(ARROW_STRING)
    if values.dtype == np.int64 and len(values) and _fits_int32(values):
        return values.astype(np.int32)
    return values


def arrow_articles_to_compact(table: Any) -> pd.DataFrame:
    """The articles of an Arrow table of an extraction's articles
    (:func:`framing.extract.result.read_arrow_table`) as :func:`compact_articles` makes them
    of :attr:`Extraction.articles <framing.extract.Extraction.articles>`, converted a column
    at a time. At a million articles the whole table in the extraction's dtypes (0.56 GB,
    with 1M Python strings in each of its four text columns) is never built."""
    out = {}
    for name in table.column_names:
        if name in DERIVED_ARTICLE_COLUMNS:
            continue
        values = pd.Series(table.column(name).to_pandas(), name=name)
        if name not in ARTICLE_ARROW_STRINGS:  # those go from Arrow to Arrow strings
            values = restore_article_column(values)
        out[name] = compact_article_column(values)
        del values
    return pd.DataFrame(out)


def without_unused_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each categorical's categories cut to the values it holds (a selection
    of rows keeps every category otherwise)."""
    return frame.apply(
        lambda c: (
            c.cat.remove_unused_categories() if isinstance(c.dtype, pd.CategoricalDtype) else c
        )
    )


def _fits_int32(values: pd.Series) -> bool:
    top = values.max()
    return bool(pd.isna(top) or top < 2**31)


def hit_paths(folder: str | os.PathLike[str]) -> list[Path]:
    """The hits parts of an extraction folder, in chunk order, each checked to hold every
    column of :data:`HIT_COLUMNS`.

    Raises:
        ValueError: a part lacks columns (names the file and the columns).
    """
    return checked_table_paths(Path(folder), "hits")


def read_compact_hits(folder: str | os.PathLike[str]) -> pd.DataFrame:
    """The hits of an extraction folder in compact dtypes (equal in value to
    ``Extraction.load(folder).hits``), read part by part as Arrow dictionaries."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from framing.extract.features import empty_table, restore_dtypes

    paths = hit_paths(folder)
    if not paths:
        return compact_hits(empty_table("hits"))

    # One column at a time, read from every part, its dictionaries unified and sorted in
    # Arrow, then converted: memory holds the result and one column in flight (reading the
    # whole table first held three copies of the hits: 5.9 GB for 15.8 M hits whose result
    # is 1.0 GB).
    def column(name: str) -> Any:
        encoded = [name] if name in HIT_CATEGORIES else None
        parts = [pq.read_table(path, columns=[name], read_dictionary=encoded) for path in paths]
        return pa.concat_tables(parts, promote_options="permissive").column(0)

    frame = arrow_columns_to_compact({name: column for name in HIT_COLUMNS})
    if frame.empty:
        return compact_hits(restore_dtypes(frame, "hits"))
    return frame


def arrow_columns_to_compact(columns: dict[str, Any]) -> pd.DataFrame:
    """A compact hits table (as :func:`compact_hits` makes) from Arrow columns of hits.

    Args:
        columns: name -> a chunked Arrow array (dictionary-encoded or not), or a function
            giving it; converted and released one column at a time.
    """
    import pyarrow as pa

    pool = pa.default_memory_pool()
    data: dict[str, pd.Series] = {}
    for name in list(columns):
        chunks = columns.pop(name)
        if callable(chunks):
            chunks = chunks(name)
        if name in HIT_CATEGORIES:
            values = join_pieces(pieces_of(chunks), name)
        else:
            values = pd.Series(chunks.to_pandas(), name=name)
        del chunks
        data[name] = values
        del values
        pool.release_unused()
    frame = pd.DataFrame(data, copy=False)
    del data
    return finish_compact(frame)


def finish_compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Hits converted from Arrow column by column, in the dtypes of :func:`compact_hits`:
    ``in_quote`` boolean, offsets 32-bit where they fit."""
    if frame.empty:
        return frame
    if "in_quote" in frame:
        frame["in_quote"] = frame["in_quote"].astype(bool)
    for name, dtype in _INT32.items():
        if name in frame:
            frame[name] = frame[name].astype(dtype if _fits_int32(frame[name]) else "Int64")
    return frame


def read_facts(folder: str | os.PathLike[str]) -> pd.DataFrame:
    """The texts table of an extraction folder without the texts: id, digest, duplicate key
    and the article's corpus-check problems (what the report needs of every article)."""
    from framing.extract.features import TEXT_DTYPES

    columns = [c for c in TEXT_COLUMNS if c != "text"]
    frames = [pd.read_parquet(path, columns=columns) for path in table_paths(Path(folder), "texts")]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=TEXT_DTYPES[c]) for c in columns})
    table = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    table = table.astype({c: TEXT_DTYPES[c] for c in columns})
    for column in ("digest", "text_key"):  # Parquet may give them back as another type
        table[column] = [None if v is None else bytes(v) for v in table[column]]
    return table


#: Threads reading texts parts at once (:meth:`TextReader.texts`).
_TEXT_READERS = 2


class TextReader:
    """Reads the texts of chosen articles from an extraction folder's texts parts, a part at a
    time, only the parts holding them and, in each, only the Parquet row groups holding them.

    Args:
        folder: the extraction folder (made ``for_report``).
        positions: for each article of the report (in its order), its row in the whole
            extraction (the report may select some articles).
    """

    def __init__(self, folder: str | os.PathLike[str], positions: Sequence[int] | np.ndarray):
        import pyarrow.parquet as pq

        self.paths = table_paths(Path(folder), "texts")
        sizes = [pq.ParquetFile(path).metadata.num_rows for path in self.paths]
        self.starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.positions = np.asarray(positions, dtype=np.int64)

    def texts(self, rows: Iterable[int]) -> dict[int, str]:
        """The text of each of the report's articles ``rows`` (its row in the report), keyed by
        that row; a missing text is ``""``."""
        import pyarrow.parquet as pq

        wanted = sorted(set(int(r) for r in rows))
        found: dict[int, str] = {}
        if not wanted:
            return found
        where = self.positions[wanted]
        parts = np.searchsorted(self.starts, where, side="right") - 1

        def read(part: int) -> tuple[np.ndarray, list[Any]]:
            chosen = np.flatnonzero(parts == part)
            rows = where[chosen] - self.starts[part]
            # Only the row groups holding the chosen texts (framing.extract writes texts
            # TEXT_ROW_GROUP to a group; a part of an earlier version is one group).
            file = pq.ParquetFile(self.paths[part])
            meta = file.metadata
            sizes = [meta.row_group(g).num_rows for g in range(meta.num_row_groups)]
            bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
            groups = np.searchsorted(bounds, rows, side="right") - 1
            needed = np.unique(groups)
            # Where each needed group starts in what is read (the needed groups, in order).
            lengths = bounds[needed + 1] - bounds[needed]
            read_starts = np.cumsum(lengths) - lengths
            local = rows - bounds[groups] + read_starts[np.searchsorted(needed, groups)]
            column = file.read_row_groups(needed.tolist(), columns=["text"]).column("text")
            return chosen, column.take(local).to_pylist()

        # Parts are read on two threads (Arrow decompresses without the GIL): a figure's
        # evidence at a million articles reads 140-420 parts.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(_TEXT_READERS) as pool:
            for chosen, picked in pool.map(read, np.unique(parts).tolist()):
                for index, text in zip(chosen, picked, strict=True):
                    found[wanted[index]] = "" if text is None else str(text)
        return found
