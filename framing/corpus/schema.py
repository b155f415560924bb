"""The corpus schema: the columns every loaded corpus has, and how a cell becomes one of them.

See ``docs/corpus.md`` for the table. Readers hand over cells as they found them; the functions
here turn them into the schema's types (``string`` cells stripped, with ``\\n`` line endings,
``<NA>`` when empty; ``text`` never missing), and check the caller's ``columns`` mapping.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

#: Fields every article must have (``id``, ``outlet`` and ``title`` can be derived; see docs).
REQUIRED_FIELDS: tuple[str, ...] = ("id", "outlet", "published", "title", "text")
#: Optional fields, always present in a loaded frame (``<NA>`` when the input has none).
OPTIONAL_FIELDS: tuple[str, ...] = ("event", "url", "author", "section")
SCHEMA_FIELDS: tuple[str, ...] = REQUIRED_FIELDS + OPTIONAL_FIELDS
STRING_FIELDS: tuple[str, ...] = tuple(f for f in SCHEMA_FIELDS if f != "published")
PROVENANCE_COLUMNS: tuple[str, ...] = ("source_file", "source_row")

#: Columns of every loaded corpus, in order (extra input columns follow them).
CORPUS_COLUMNS: tuple[str, ...] = SCHEMA_FIELDS
#: Columns an article must have (``id``, ``outlet`` and ``title`` can be derived; see docs).
REQUIRED_COLUMNS: tuple[str, ...] = REQUIRED_FIELDS
#: Optional columns, always present in a loaded corpus (``<NA>`` where the input has none).
OPTIONAL_COLUMNS: tuple[str, ...] = OPTIONAL_FIELDS

#: Column names often used for the schema fields in exports; only used to suggest a mapping.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("article_id", "stories_id", "story_id", "doc_id", "guid", "uuid", "_id"),
    "outlet": ("source", "media_name", "publisher", "publication", "site", "domain", "outlet_name"),
    "published": ("date", "publish_date", "pub_date", "pubdate", "published_at", "datetime"),
    "title": ("headline", "heading", "article_title"),
    "text": ("body", "content", "article", "full_text", "story_text", "maintext", "article_text"),
}


def is_missing(value: Any) -> bool:
    """True for ``None``, ``<NA>``, ``NaT`` and float NaN."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def normalise_newlines(text: str) -> str:
    r"""Turn Windows (``\r\n``) and old Mac (``\r``) line endings into ``\n``.

    Examples:
        >>> normalise_newlines("a\r\nb\rc")
        'a\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_columns_mapping(columns: Mapping[str, str] | None) -> dict[str, str]:
    """Validate the user's ``columns`` mapping (field -> source column)."""
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise TypeError(
            f"columns must be a mapping like {{'text': 'body'}}, not {type(columns).__name__}"
        )
    mapping: dict[str, str] = {}
    for target, source in columns.items():
        if not isinstance(target, str) or not isinstance(source, str) or not target or not source:
            raise TypeError(
                "columns maps a field name to a column name (both strings), "
                f"got {target!r}: {source!r}"
            )
        mapping[target.strip()] = source.strip()
    return mapping


def _to_text(value: Any) -> Any:
    """One cell as a string (or ``None``): numbers and lists are written out, never dropped."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return str(bool(value)).lower()
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, int | float | np.integer | np.floating):
        return str(value)
    if isinstance(value, list | tuple | np.ndarray):
        return "; ".join(str(_to_text(v)) for v in value if not is_missing(v))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def clean_strings(values: pd.Series | Sequence[Any], *, keep_empty: bool = False) -> pd.Series:
    """Cells as pandas ``string`` dtype: stripped, ``\\n`` line endings, empty -> ``<NA>``.

    With ``keep_empty=True`` (the ``text`` column) missing values become ``""`` instead.

    Examples:
        >>> clean_strings(["  a\\r\\nb ", "", None, 7]).tolist()
        ['a\\nb', <NA>, <NA>, '7']
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if arrow_strings(series.dtype) and arrow_strings(pd.StringDtype()):
        return _clean_arrow_strings(series, keep_empty=keep_empty)
    converted = [_to_text(v) for v in series.astype(object)]
    cleaned = [None if v is None else normalise_newlines(v).strip() for v in converted]
    if keep_empty:
        cleaned = ["" if v is None else v for v in cleaned]
    else:
        cleaned = [v if v else None for v in cleaned]
    return pd.Series(cleaned, index=series.index, dtype=pd.StringDtype())


def arrow_strings(dtype: Any) -> bool:
    """Whether ``dtype`` is pandas' Arrow-backed string dtype (a Parquet file's strings): the
    columns the Arrow paths of :func:`clean_strings` and ``parse_published`` read."""
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def _clean_arrow_strings(series: pd.Series, *, keep_empty: bool) -> pd.Series:
    """:func:`clean_strings` of a column of Arrow-backed strings (a Parquet file's, a
    ``string[pyarrow]`` column): the same result from Arrow's compute functions, without a
    Python object per cell. ``utf8_trim_whitespace`` trims exactly the characters
    ``str.strip()`` does (checked over every code point in ``tests/corpus``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = (
        pa.chunked_array(pa.array(series.array))
        if len(series)
        else pa.chunked_array([], pa.large_string())
    )
    arr = pc.replace_substring(arr, "\r\n", "\n")
    arr = pc.replace_substring(arr, "\r", "\n")
    arr = pc.utf8_trim_whitespace(arr)
    if keep_empty:
        arr = pc.fill_null(arr, "")
    else:
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)
    return pd.Series(pd.array(arr, dtype=pd.StringDtype()), index=series.index)


def tidy_extra(values: pd.Series) -> pd.Series:
    """Extra columns are kept as read; text-only ones become ``string``, empty -> ``<NA>``."""
    if pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
        non_missing = [v for v in values.astype(object) if not is_missing(v)]
        if all(isinstance(v, str) for v in non_missing):
            cleaned = [
                None if is_missing(v) or not str(v).strip() else str(v)
                for v in values.astype(object)
            ]
            return pd.Series(cleaned, index=values.index, dtype=pd.StringDtype())
        return values.astype(object)
    return values


def finalise_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Re-apply the schema dtypes after concatenation (which may widen them to object)."""
    for name in STRING_FIELDS:
        if name in frame.columns and frame[name].dtype != pd.StringDtype():
            frame[name] = frame[name].astype(pd.StringDtype())
    if "text" in frame.columns:
        frame["text"] = frame["text"].fillna("")
    if "published" in frame.columns:
        frame["published"] = frame["published"].astype("datetime64[ns]")
    for column in frame.columns:
        if (
            column not in SCHEMA_FIELDS
            and column not in PROVENANCE_COLUMNS
            and frame[column].dtype == object
        ):
            frame[column] = tidy_extra(frame[column])
    return frame
