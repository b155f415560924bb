"""JSON Lines (``.jsonl``, ``.ndjson``) and JSON arrays of articles (``.json``).

One module for both: a ``.json`` file may hold JSON Lines, and is then read by
:func:`read_jsonl`. Every line or array item that is not an article object is excluded and
listed with its line or item number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pandas as pd

from framing.corpus.decode import report_decoding, sniff_stream_encoding, text_stream
from framing.corpus.discover import SourceFile
from framing.corpus.problems import ProblemLog
from framing.corpus.records import RawChunk, exclude_bad_unicode, table_chunk


def _short_reason(exc: BaseException, limit: int = 160) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, RecursionError):
        text = "nested too deeply"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_jsonl(
    source: SourceFile, log: ProblemLog, chunksize: int | None, encoding: str | None
) -> Iterator[RawChunk]:
    """Records of a JSON Lines file, ``chunksize`` at a time; bad lines are excluded."""
    decoding = sniff_stream_encoding(source, encoding)
    report_decoding(decoding, source, log)
    records: list[dict[str, Any]] = []
    rows: list[int] = []
    first = True
    excluded = len(log.excluded)
    with text_stream(source, decoding) as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                log.exclude(
                    "malformed_record",
                    f"invalid JSON: {exc.msg} (column {exc.colno})",
                    file=source.display,
                    row=line_no,
                )
                continue
            except (ValueError, RecursionError) as exc:
                # Valid syntax Python will not build: nesting deeper than the recursion
                # limit, integers longer than sys.get_int_max_str_digits().
                log.exclude(
                    "malformed_record",
                    f"JSON cannot be read: {_short_reason(exc)}",
                    file=source.display,
                    row=line_no,
                )
                continue
            if not isinstance(record, dict):
                log.exclude(
                    "malformed_record",
                    f"expected a JSON object, found {type(record).__name__}",
                    file=source.display,
                    row=line_no,
                )
                continue
            if exclude_bad_unicode(record, log, file=source.display, row=line_no):
                continue
            records.append(record)
            rows.append(line_no)
            if chunksize is not None and len(records) >= chunksize:
                yield table_chunk(pd.DataFrame.from_records(records), source, rows, first=first)
                records, rows, first = [], [], False
    if records:
        yield table_chunk(pd.DataFrame.from_records(records), source, rows, first=first)
    elif first and len(log.excluded) == excluded:  # (a file of excluded lines is not empty)
        log.add("warning", "empty_file", "file has no records", file=source.display)


def read_json(
    source: SourceFile, log: ProblemLog, chunksize: int | None, encoding: str | None
) -> Iterator[RawChunk]:
    """A ``.json`` file: a JSON array of article objects, or JSON Lines under a .json name."""
    decoding = sniff_stream_encoding(source, encoding)
    with text_stream(source, decoding) as handle:
        first_line = handle.readline()
        while first_line and not first_line.strip():
            first_line = handle.readline()
    start = first_line.lstrip()[:1]
    if start != "[":
        try:
            json.loads(first_line)
        except (ValueError, RecursionError):
            # Not JSON Lines: a pretty-printed document. Say what it is instead of failing
            # on every line.
            try:
                with text_stream(source, decoding) as handle:
                    document = json.load(handle)
            except (ValueError, RecursionError) as exc:
                raise ValueError(
                    f"neither a JSON array of articles nor JSON Lines: {_short_reason(exc)}"
                ) from None
            if isinstance(document, dict):
                keys = ", ".join(map(repr, list(document)[:8]))
                raise ValueError(
                    f"a JSON object (keys: {keys}), not an array of articles or JSON Lines; "
                    "save the list of articles on its own"
                ) from None
        yield from read_jsonl(source, log, chunksize, encoding)
        return
    report_decoding(decoding, source, log)
    with text_stream(source, decoding) as handle:
        try:
            items = json.load(handle)
        except json.JSONDecodeError as exc:
            log.exclude(
                "unreadable_file",
                f"invalid JSON at line {exc.lineno}: {exc.msg}",
                file=source.display,
            )
            return
        except (ValueError, RecursionError) as exc:
            log.exclude(
                "unreadable_file",
                f"JSON cannot be read: {_short_reason(exc)}",
                file=source.display,
            )
            return
    records: list[dict[str, Any]] = []
    rows: list[int] = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            if exclude_bad_unicode(item, log, file=source.display, row=number):
                continue
            records.append(item)
            rows.append(number)
        else:
            log.exclude(
                "malformed_record",
                f"array item {number} is {type(item).__name__}, not an object",
                file=source.display,
                row=number,
            )
    if not records:
        log.add("warning", "empty_file", "file has no records", file=source.display)
        return
    step = chunksize or len(records)
    for number, start_at in enumerate(range(0, len(records), step)):
        part = records[start_at : start_at + step]
        yield table_chunk(
            pd.DataFrame.from_records(part),
            source,
            rows[start_at : start_at + step],
            first=number == 0,
        )
