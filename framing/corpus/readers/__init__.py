"""One reader per file format; :func:`iter_raw_chunks` reads a list of files with the right ones.

Table files (:mod:`.delimited` for CSV/TSV, :mod:`.json_files`, :mod:`.parquet`) yield many
records per file; article files (:mod:`.text_files`, :mod:`.html_pages`, grouped by
:mod:`.article_files`) one record per file. :mod:`.dataframe` reads a DataFrame in memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from framing.corpus.discover import SourceFile
from framing.corpus.problems import ProblemLog
from framing.corpus.readers.article_files import file_chunk, read_article_file
from framing.corpus.readers.dataframe import frame_chunks
from framing.corpus.readers.delimited import read_delimited
from framing.corpus.readers.json_files import read_json, read_jsonl
from framing.corpus.readers.parquet import read_parquet
from framing.corpus.records import RawChunk
from framing.errors import CorpusError

__all__ = ["frame_chunks", "iter_raw_chunks"]


def iter_raw_chunks(
    sources: Iterable[SourceFile],
    log: ProblemLog,
    *,
    chunksize: int | None,
    encoding: str | None = None,
) -> Iterator[RawChunk]:
    """Yield raw chunks from every source, one file format at a time.

    ``chunksize=None`` reads each table file whole (one chunk per file) and groups up to 1000
    article files per chunk.
    """
    pending: list[tuple[SourceFile, dict[str, Any], dict[str, Any], Any]] = []
    group = chunksize or 1000
    for source in sources:
        if source.kind in ("text", "html"):
            record = read_article_file(source, log, encoding)
            if record is not None:
                pending.append((source, *record))
            if len(pending) >= group:
                yield file_chunk(pending)
                pending = []
            continue
        if pending:
            yield file_chunk(pending)
            pending = []
        reader = {
            "csv": read_delimited,
            "tsv": read_delimited,
            "jsonl": read_jsonl,
            "json": read_json,
            "parquet": read_parquet,
        }[source.kind]
        yielded = 0
        try:
            for chunk in reader(source, log, chunksize, encoding):
                yielded += len(chunk.frame)
                yield chunk
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            if isinstance(exc, CorpusError):
                raise
            what = "the file" if yielded == 0 else f"the file after its first {yielded} records"
            kind = "undecodable" if isinstance(exc, UnicodeDecodeError) else "unreadable_file"
            log.exclude(kind, f"cannot read {what}: {exc}", file=source.display)
    if pending:
        yield file_chunk(pending)
