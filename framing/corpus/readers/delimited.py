"""CSV and TSV files (optionally gzip-compressed), streamed in chunks.

pandas reads the values; one extra pass with :mod:`csv` finds the rows whose number of fields
differs from the header's, which pandas would pad or shift without a word.
"""

from __future__ import annotations

import csv
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from framing.corpus.decode import Decoding, report_decoding, sniff_stream_encoding, text_stream
from framing.corpus.discover import SourceFile
from framing.corpus.problems import ProblemLog
from framing.corpus.records import RawChunk, table_chunk


def read_delimited(
    source: SourceFile, log: ProblemLog, chunksize: int | None, encoding: str | None
) -> Iterator[RawChunk]:
    """Records of a CSV or TSV file, ``chunksize`` at a time (``None``: the whole file)."""
    decoding = sniff_stream_encoding(source, encoding)
    report_decoding(decoding, source, log)
    options: dict[str, Any] = {
        "sep": "\t" if source.kind == "tsv" else ",",
        "dtype": str,
        "keep_default_na": False,
        "na_filter": False,
        "encoding": decoding.encoding,
        "encoding_errors": "strict",
        "compression": "gzip" if source.compressed else None,
    }
    width, ragged, last = _ragged_records(source, decoding, options["sep"])
    longer = [(record, line, n) for record, line, n in ragged if n > width]
    if longer:
        record, line, n = longer[0]
        more = f" ({len(longer)} such rows)" if len(longer) > 1 else ""
        raise ValueError(
            f"row {record} (line {line}) has {n} fields, the header has {width}{more}; "
            "values would land in the wrong columns: check the delimiter and quoting"
        )
    shorter = {record: (line, n) for record, line, n in ragged}
    row = 0
    try:
        if chunksize is None:
            frames: Iterable[pd.DataFrame] = [pd.read_csv(source.path, **options)]
        else:
            frames = pd.read_csv(source.path, chunksize=chunksize, **options)
        for number, frame in enumerate(frames):
            if not isinstance(frame.index, pd.RangeIndex):
                # pandas turns the first column into the index when data rows have one field
                # more than the header; that shifts every value, so refuse the file instead.
                raise ValueError(
                    f"data rows have more fields than the header's {len(frame.columns)} "
                    "columns; check the delimiter and quoting"
                )
            rows = list(range(row + 1, row + len(frame) + 1))
            row += len(frame)
            chunk = table_chunk(frame, source, rows, first=number == 0)
            header = list(chunk.frame.columns)
            chunk.short_rows = {
                position: (shorter[record][0], shorter[record][1], header[shorter[record][1] :])
                for position, record in enumerate(rows)
                if record in shorter
            }
            yield chunk
    except pd.errors.EmptyDataError:
        log.add("warning", "empty_file", "file is empty (no header, no rows)", file=source.display)
    except pd.errors.ParserError as exc:
        if "EOF inside string" in str(exc) and last is not None:
            raise ValueError(
                f"row {last[0]} (line {last[1]}): a quoted field never closes; the file is "
                "truncated or a quote is unbalanced"
            ) from None
        raise


def _ragged_records(
    source: SourceFile, decoding: Decoding, sep: str
) -> tuple[int, list[tuple[int, int, int]], tuple[int, int] | None]:
    """The header's width, every record with another number of fields (``(record, line,
    fields)``, records numbered from 1 after the header as ``source_row`` is), and the last
    record's ``(record, line)``.

    pandas pads short rows with empty fields without a word, so a truncated export or a line
    break outside quotes would load silently; one streaming pass with :mod:`csv` (same quoting
    rules, blank lines skipped as pandas does) finds them.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts exceed the 128 KB default
    ragged: list[tuple[int, int, int]] = []
    width = 0
    try:
        with text_stream(source, decoding) as handle:
            reader = csv.reader(handle, delimiter=sep, quotechar='"', doublequote=True)
            record = -1
            line = start = 1
            for fields in reader:
                start, line = line, reader.line_num + 1
                if not fields or (len(fields) == 1 and fields[0] and not fields[0].strip()):
                    continue  # blank or whitespace-only line: pandas skips it too
                record += 1
                if record == 0:
                    width = len(fields)
                elif len(fields) != width:
                    ragged.append((record, start, len(fields)))
    except (csv.Error, UnicodeDecodeError, OSError, EOFError, zlib.error):
        return width, [], None  # pandas reports what is wrong with the file
    finally:
        csv.field_size_limit(limit)
    return width, ragged, ((record, start) if record > 0 else None)
