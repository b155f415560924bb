"""Records as read, before mapping and normalisation, and the check that they hold storable text.

Every reader yields :class:`RawChunk` objects: original column names, original values, plus
where each record came from. :func:`framing.corpus.normalise.normalise_chunk` takes it from
there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus.discover import SourceFile
from framing.corpus.problems import ProblemLog


@dataclass
class RawChunk:
    """Records as read, before mapping and normalisation."""

    frame: pd.DataFrame
    kind: str  # "table" (one file, many records) or "file" (one record per file)
    files: list[str]
    rows: list[Any]
    #: per-record fallback values for fields missing from the record ("file" kind)
    fallbacks: dict[str, list[Any]] = field(default_factory=dict)
    #: derivation descriptions for the notes ("file name", "parent folder name", ...)
    fallback_how: dict[str, str] = field(default_factory=dict)
    #: text to use if the title had to be taken from the first line ("file" kind)
    text_without_title: list[Any] | None = None
    source: SourceFile | None = None
    first_chunk: bool = True
    #: delimited files: position -> (line, fields, columns it lacks) of rows shorter than the
    #: header (pandas fills the missing fields with "" without a word)
    short_rows: dict[int, tuple[int, int, list[str]]] = field(default_factory=dict)


def table_chunk(
    frame: pd.DataFrame, source: SourceFile, rows: list[Any], *, first: bool
) -> RawChunk:
    """Records of a table file (or part of one) as a chunk; column names are stripped."""
    frame = frame.reset_index(drop=True)
    frame.columns = [str(c).strip() for c in frame.columns]
    return RawChunk(
        frame=frame,
        kind="table",
        files=[source.display] * len(frame),
        rows=rows,
        source=source,
        first_chunk=first,
    )


def _unicode_problem(value: Any, depth: int = 0) -> str | None:
    """Why ``value`` is not storable text (a lone surrogate, bytes that are not UTF-8), or None.

    Lone surrogates reach a corpus through JSON escapes (``"\\ud800"``) or text decoded with
    ``errors="surrogateescape"``; no file format, hash or Arrow string can hold them.
    """
    if isinstance(value, str):
        if value.isascii():
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (
                f"a lone surrogate {value[exc.start]!r} at character {exc.start + 1} "
                "(not valid Unicode; bytes were decoded with errors='surrogateescape' or "
                "a JSON escape was cut in half upstream)"
            )
        return None
    if isinstance(value, bytes):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError as exc:
            return f"bytes that are not UTF-8 (0x{value[exc.start]:02X} at byte {exc.start + 1})"
        return None
    if depth < 20 and isinstance(value, Mapping):
        for item in value.values():
            problem = _unicode_problem(item, depth + 1)
            if problem:
                return problem
    if depth < 20 and isinstance(value, list | tuple | np.ndarray):
        for item in value:
            problem = _unicode_problem(item, depth + 1)
            if problem:
                return problem
    return None


def exclude_bad_unicode(
    record: Mapping[str, Any], log: ProblemLog, *, file: str | None, row: Any
) -> bool:
    """Exclude a record holding text that cannot be stored (see :func:`_unicode_problem`)."""
    for column, value in record.items():
        problem = _unicode_problem(value)
        if problem:
            log.exclude(
                "malformed_record",
                f"the {str(column)!r} value holds {problem}",
                file=file,
                row=row,
                column=str(column),
            )
            return True
    return False


def drop_bad_unicode(chunk: RawChunk, log: ProblemLog) -> RawChunk:
    """Exclude the rows of a table chunk whose cells hold text no format can store."""
    frame = chunk.frame
    checked = [
        column
        for column in frame.columns
        if frame[column].dtype == object
        or (
            isinstance(frame[column].dtype, pd.StringDtype)
            and frame[column].dtype.storage == "python"
        )
    ]
    if not checked or not len(frame):
        return chunk
    bad: list[int] = []
    for position, values in enumerate(zip(*(frame[c].tolist() for c in checked), strict=True)):
        record = dict(zip(checked, values, strict=True))
        file = chunk.files[position] if position < len(chunk.files) else None
        row = chunk.rows[position] if position < len(chunk.rows) else None
        if exclude_bad_unicode(record, log, file=file, row=row):
            bad.append(position)
    if not bad:
        return chunk
    dropped = set(bad)
    keep = [i for i in range(len(frame)) if i not in dropped]
    return replace(
        chunk,
        frame=frame.iloc[keep].reset_index(drop=True),
        files=[chunk.files[i] for i in keep],
        rows=[chunk.rows[i] for i in keep],
        short_rows={
            new: chunk.short_rows[old] for new, old in enumerate(keep) if old in chunk.short_rows
        },
    )
