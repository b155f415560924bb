"""One raw chunk to the schema: map columns, derive missing fields, convert types, report.

Whatever a reader produced, :func:`normalise_chunk` gives the same columns and dtypes (see
:mod:`framing.corpus.schema`) plus the provenance columns ``source_file`` and ``source_row``,
and reports through the :class:`~framing.corpus.problems.ProblemLog` every value it had to
derive or could not read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus.dates import parse_published
from framing.corpus.problems import ProblemLog, add_missing_value
from framing.corpus.records import RawChunk, drop_bad_unicode
from framing.corpus.schema import (
    COLUMN_ALIASES,
    OPTIONAL_FIELDS,
    PROVENANCE_COLUMNS,
    REQUIRED_FIELDS,
    SCHEMA_FIELDS,
    clean_strings,
    tidy_extra,
)
from framing.errors import columns_hint


def _suggest(missing: Sequence[str], available: Sequence[str]) -> str:
    lowered = {c.lower(): c for c in available}
    hints = {}
    for name in missing:
        for alias in COLUMN_ALIASES.get(name, ()):
            if alias in lowered:
                hints[name] = lowered[alias]
                break
    if not hints:
        return ""
    return f"; to use another column, {columns_hint(hints)}"


def apply_mapping(
    chunk: RawChunk, mapping: Mapping[str, str], log: ProblemLog
) -> tuple[pd.DataFrame, set[str]]:
    """Rename columns to schema fields; return the frame and the required fields it lacks.

    * ``mapping`` entries win: the source column is renamed to the field (or copied, when two
      fields name the same column).
    * A column that already has a field's name but is displaced by the mapping is kept as
      ``<field>_original``.
    * Schema fields are matched case-insensitively when no column has the exact name.
    """
    frame = chunk.frame
    display = chunk.source.display if chunk.source else "DataFrame"
    columns = list(frame.columns)
    result: dict[str, Any] = {}
    consumed: set[str] = set()
    for target, source in mapping.items():
        if source in frame.columns:
            result[target] = frame[source]
            consumed.add(source)
        elif target in frame.columns:
            result[target] = frame[target]
            consumed.add(target)
            if chunk.kind == "table" and log.once("mapping-fallback", display, target):
                log.add(
                    "warning",
                    "mapping_unused",
                    f"columns maps {target!r} to {source!r}, which this file lacks; "
                    f"its own {target!r} column is used",
                    file=display,
                    column=target,
                )
        elif chunk.kind == "table" and log.once("mapping-missing", display, target):
            log.add(
                "error",
                "missing_column",
                f"columns maps {target!r} to {source!r}, but there is no column {source!r} "
                f"(columns: {', '.join(map(repr, columns)) or 'none'})",
                file=display,
                column=source,
            )
    for column in columns:
        if column in consumed:
            continue
        if column in result:
            renamed = f"{column}_original"
            result[renamed] = frame[column]
            if log.once("renamed", display, column):
                log.add(
                    "info",
                    "renamed_column",
                    f"column {column!r} kept as {renamed!r}, because columns maps "
                    f"{column!r} to {mapping[column]!r}",
                    file=display,
                    column=column,
                )
            continue
        result[column] = frame[column]
    lowered = {str(c).lower(): c for c in result if c not in SCHEMA_FIELDS}
    for name in SCHEMA_FIELDS:
        if name not in result and name in lowered:
            original = lowered[name]
            result[name] = result.pop(original)
    out = pd.DataFrame(result, index=frame.index)
    lacking = {name for name in REQUIRED_FIELDS if name not in out.columns}
    return out, lacking


def normalise_chunk(
    chunk: RawChunk,
    mapping: Mapping[str, str],
    log: ProblemLog,
    *,
    dayfirst: bool | None,
) -> pd.DataFrame:
    """Mapped, derived and typed frame with provenance columns ``source_file``/``source_row``."""
    if chunk.kind == "table":  # article files are decoded strictly: their text is valid
        chunk = drop_bad_unicode(chunk, log)
    frame, lacking = apply_mapping(chunk, mapping, log)
    if chunk.short_rows:
        _report_short_rows(chunk, mapping, log)
    n = len(frame)
    display = chunk.source.display if chunk.source else (chunk.files[0] if chunk.files else None)
    out: dict[str, Any] = {}

    # Columns that are missing altogether: derived (id), or reported once per file.
    if chunk.kind == "table":
        for name in sorted(lacking - {"id"}, key=REQUIRED_FIELDS.index):
            if log.once("missing-col", str(display), name):
                shown = ", ".join(map(repr, chunk.frame.columns)) or "none"
                log.add(
                    "error",
                    "missing_column",
                    f"required column {name!r} is missing (columns: {shown})"
                    + _suggest([name], list(frame.columns)),
                    file=display if chunk.source else None,
                    column=name,
                )

    ids = (
        clean_strings(frame["id"])
        if "id" in frame.columns
        else pd.Series([pd.NA] * n, dtype=pd.StringDtype())
    )
    if "id" not in frame.columns and chunk.kind == "table":
        if chunk.source is not None:
            derived = [f"{chunk.source.rel_id}-{row}" for row in chunk.rows]
            how = "the row number in the file (file name + '-' + row)"
        else:
            derived = [str(row) for row in chunk.rows]
            how = "the DataFrame index"
        ids = pd.Series(derived, dtype=pd.StringDtype())
        if derived:
            log.note_derived(str(display), "id", how, len(derived), derived[0])
    elif chunk.kind == "file":
        ids = _fill_from(ids, chunk, "id", log)
    out["id"] = ids.reset_index(drop=True)
    id_list = list(out["id"].astype(object))

    text = (
        clean_strings(frame["text"], keep_empty=True)
        if "text" in frame.columns
        else pd.Series([""] * n, dtype=pd.StringDtype())
    )

    for name in ("outlet", "title"):
        values = (
            clean_strings(frame[name])
            if name in frame.columns
            else pd.Series([pd.NA] * n, dtype=pd.StringDtype())
        )
        if chunk.kind == "file":
            if name == "title":
                needs = values.isna().to_numpy()
                if needs.any() and chunk.text_without_title is not None:
                    text = text.copy()
                    for position in np.flatnonzero(needs):
                        if (
                            chunk.fallbacks["title"][position] is not None
                            and "text" in frame.columns
                        ):
                            text.iloc[position] = chunk.text_without_title[position]
            values = _fill_from(values, chunk, name, log)
        out[name] = values.reset_index(drop=True)

    published_missing_col = "published" in lacking
    if "published" in frame.columns:
        published = parse_published(
            frame["published"].reset_index(drop=True),
            files=chunk.files,
            rows=chunk.rows,
            ids=id_list,
            log=log,
            dayfirst=dayfirst,
            column_missing=False,
        )
    else:
        published = pd.Series([pd.NaT] * n, dtype="datetime64[ns]")
        if chunk.kind == "file" or not published_missing_col:
            for position in range(n):
                add_missing_value(log, "published", chunk.files, chunk.rows, id_list, position)
    out["published"] = published.reset_index(drop=True)
    out["text"] = text.reset_index(drop=True)

    # Per-row missing values of the other required fields.
    for name in ("id", "outlet", "title"):
        if chunk.kind == "table" and name in lacking:
            continue
        hint = _MISSING_HINTS.get(name, "") if chunk.kind == "file" else ""
        for position in np.flatnonzero(out[name].isna().to_numpy()):
            add_missing_value(log, name, chunk.files, chunk.rows, id_list, position, hint)

    for name in OPTIONAL_FIELDS:
        out[name] = (
            clean_strings(frame[name]).reset_index(drop=True)
            if name in frame.columns
            else pd.Series([pd.NA] * n, dtype=pd.StringDtype())
        )
    result = pd.DataFrame({name: out[name] for name in SCHEMA_FIELDS})
    for column in frame.columns:
        if column not in SCHEMA_FIELDS and column not in PROVENANCE_COLUMNS:
            result[column] = tidy_extra(frame[column].reset_index(drop=True))
    result["source_file"] = pd.Series(chunk.files, dtype=object)
    result["source_row"] = pd.Series(chunk.rows, dtype=object)
    return result


def _report_short_rows(chunk: RawChunk, mapping: Mapping[str, str], log: ProblemLog) -> None:
    """Rows of a delimited file with fewer fields than the header.

    A row that ends before a column holding a required field (the text, an id, ...) is cut
    short or broken by a line break outside quotes: an error naming the row. A row that only
    omits trailing optional columns (some exporters drop empty trailing fields) is summed up in
    one note.
    """
    columns = list(chunk.frame.columns)
    lowered = {c.lower(): c for c in columns}
    required = set()
    for name in REQUIRED_FIELDS:
        source = mapping.get(name)
        if source in columns:
            required.add(source)
        elif name in columns:
            required.add(name)
        elif name in lowered:
            required.add(lowered[name])
    optional_only: list[int] = []
    omitted: dict[str, None] = {}
    display = chunk.source.display if chunk.source else None
    for position, (line, n, missing) in sorted(chunk.short_rows.items()):
        lost = [c for c in missing if c in required]
        row = chunk.rows[position]
        if not lost:
            optional_only.append(row)
            omitted.update(dict.fromkeys(missing))
            continue
        ident = chunk.frame["id"].iat[position] if "id" in chunk.frame.columns else None
        log.add(
            "error",
            "ragged_row",
            f"has {n} of the header's {len(columns)} fields (line {line}), so "
            f"{', '.join(map(repr, lost))} {'is' if len(lost) == 1 else 'are'} empty: the row "
            "is cut short, or a line break is outside quotes",
            file=display,
            row=row,
            id=ident or None,
        )
    if optional_only:
        shown = ", ".join(map(str, optional_only[:5])) + (
            f" and {len(optional_only) - 5} more" if len(optional_only) > 5 else ""
        )
        log.add(
            "info",
            "short_row",
            f"{len(optional_only)} row(s) end before the optional column(s) "
            f"{', '.join(map(repr, omitted))} (rows {shown}); read as empty",
            file=display,
        )


_MISSING_HINTS = {
    "title": " (no title field, and the first line is not a stand-alone headline)",
    "outlet": " (no outlet field, and no parent folder name to use)",
}


def _fill_from(values: pd.Series, chunk: RawChunk, name: str, log: ProblemLog) -> pd.Series:
    fallbacks = chunk.fallbacks.get(name)
    if not fallbacks:
        return values
    values = values.copy()
    for position in np.flatnonzero(values.isna().to_numpy()):
        fallback = fallbacks[position]
        if fallback is None:
            continue
        values.iloc[position] = fallback
        source = chunk.files[position]
        log.note_derived(_root_of(source, chunk), name, chunk.fallback_how[name], 1, fallback)
    return values


def _root_of(display: str, chunk: RawChunk) -> str:
    # Aggregate derivation notes per input folder (not per file).
    return str(Path(display).parent)
