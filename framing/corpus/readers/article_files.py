"""Folders of article files, one article per file: each file decoded whole, read as a saved
page or a text file, and grouped into chunks of records."""

from __future__ import annotations

import zlib
from typing import Any

import pandas as pd

from framing.corpus.decode import decode_bytes, open_binary, report_decoding
from framing.corpus.discover import SourceFile
from framing.corpus.problems import ProblemLog
from framing.corpus.readers.html_pages import extract_html
from framing.corpus.readers.text_files import read_text_article
from framing.corpus.records import RawChunk
from framing.corpus.schema import normalise_newlines


def read_article_file(
    source: SourceFile, log: ProblemLog, encoding: str | None
) -> tuple[dict[str, Any], dict[str, Any], Any] | None:
    """One article file as ``(record, fallbacks, text without its title line)``, or ``None``
    when the file is excluded (unreadable, undecodable, unclosed front matter).

    ``fallbacks`` are the values of ``id``, ``outlet`` and ``title`` to use where the record
    has none: the path inside the corpus folder, the parent folder name, the headline line.
    """
    text = _decode_file(source, log, encoding)
    if text is None:
        return None
    parent = source.path.parent.name
    fallbacks: dict[str, Any] = {"id": source.rel_id, "outlet": parent or None}
    if source.kind == "html":
        record = extract_html(text, source, log)
        return record, fallbacks, None
    read = read_text_article(text, source, log)
    if read is None:
        return None
    record, title, rest = read
    fallbacks["title"] = title
    return record, fallbacks, rest


def file_chunk(pending: list[tuple[SourceFile, dict[str, Any], dict[str, Any], Any]]) -> RawChunk:
    """Article files read by :func:`read_article_file` as one chunk of records."""
    records = [record for _, record, _, _ in pending]
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    fallbacks: dict[str, list[Any]] = {}
    for name in ("id", "outlet", "title"):
        fallbacks[name] = [fb.get(name) for _, _, fb, _ in pending]
    return RawChunk(
        frame=frame.reset_index(drop=True),
        kind="file",
        files=[source.display for source, _, _, _ in pending],
        rows=[None] * len(pending),
        fallbacks=fallbacks,
        fallback_how={
            "id": "the file path inside the corpus folder",
            "outlet": "the parent folder name",
            "title": "the headline on the first line of the text",
        },
        text_without_title=[rest for _, _, _, rest in pending],
    )


def _read_all_bytes(source: SourceFile, log: ProblemLog) -> bytes | None:
    try:
        with open_binary(source) as handle:
            return handle.read()
    except (OSError, EOFError, zlib.error) as exc:
        log.exclude("unreadable_file", f"cannot read file: {exc}", file=source.display)
        return None


def _decode_file(source: SourceFile, log: ProblemLog, encoding: str | None) -> str | None:
    data = _read_all_bytes(source, log)
    if data is None:
        return None
    try:
        text, decoding = decode_bytes(data, source.display, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
        log.exclude("undecodable", f"bytes cannot be decoded: {reason}", file=source.display)
        return None
    report_decoding(decoding, source, log)
    return normalise_newlines(text)
