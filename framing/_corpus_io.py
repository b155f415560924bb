"""Readers behind :mod:`framing.corpus`: find article files, decode them, turn every format into
the same normalised table, and record every decision the loader had to make.

Nothing here is public API. The public functions (``load_corpus``, ``iter_corpus``,
``validate_corpus``) live in :mod:`framing.corpus`; this module only knows how to read.

Every reader yields :class:`RawChunk` objects (original column names, original values, plus where
each record came from). :func:`normalise_chunk` then applies the ``columns`` mapping, derives
missing fields, converts types and reports, through a :class:`ProblemLog`, everything it could
not take as given. A record is only ever left out through :meth:`ProblemLog.exclude`, which lists
it with the reason.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import glob
import gzip
import io
import json
import math
import re
import sys
import unicodedata
import warnings
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from framing.errors import CorpusError, FrontMatterError
from framing.text.tokens import words

#: Fields every article must have (``id``, ``outlet`` and ``title`` can be derived; see docs).
REQUIRED_FIELDS: tuple[str, ...] = ("id", "outlet", "published", "title", "text")
#: Optional fields, always present in a loaded frame (``<NA>`` when the input has none).
OPTIONAL_FIELDS: tuple[str, ...] = ("event", "url", "author", "section")
SCHEMA_FIELDS: tuple[str, ...] = REQUIRED_FIELDS + OPTIONAL_FIELDS
STRING_FIELDS: tuple[str, ...] = tuple(f for f in SCHEMA_FIELDS if f != "published")
PROVENANCE_COLUMNS: tuple[str, ...] = ("source_file", "source_row")

#: Column names often used for the schema fields in exports; only used to suggest a mapping.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("article_id", "stories_id", "story_id", "doc_id", "guid", "uuid", "_id"),
    "outlet": ("source", "media_name", "publisher", "publication", "site", "domain", "outlet_name"),
    "published": ("date", "publish_date", "pub_date", "pubdate", "published_at", "datetime"),
    "title": ("headline", "heading", "article_title"),
    "text": ("body", "content", "article", "full_text", "story_text", "maintext", "article_text"),
}

TABLE_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}
TEXT_FORMATS: dict[str, str] = {".txt": "text", ".md": "text", ".markdown": "text"}
HTML_FORMATS: dict[str, str] = {".html": "html", ".htm": "html"}
FORMATS: dict[str, str] = {**TABLE_FORMATS, **TEXT_FORMATS, **HTML_FORMATS}

#: Files in a corpus folder that are documentation, not articles.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "citation", "notice"})

_FRONT_MATTER_LINE = re.compile(r"^\s*([A-Za-z_][\w\- ]*?)\s*:(?:\s(.*)|)$")
_GLOB_CHARS = re.compile(r"[*?\[]")
_SPACES = re.compile(r"\s+")
_MAX_TITLE_WORDS = 25


# ---------------------------------------------------------------------------------------------
# Problems


@dataclass
class ProblemLog:
    """Collects problems, excluded records and notes about derived fields while loading."""

    problems: list[dict[str, Any]] = field(default_factory=list)
    excluded: list[dict[str, Any]] = field(default_factory=list)
    #: (input, field, how) -> [count, example]
    derived: dict[tuple[str, str, str], list[Any]] = field(default_factory=dict)
    seen: set[tuple[str, ...]] = field(default_factory=set)

    def add(
        self,
        severity: str,
        code: str,
        message: str,
        *,
        file: str | None = None,
        row: Any = None,
        column: str | None = None,
        id: Any = None,
    ) -> None:
        problem = {
            "severity": severity,
            "code": code,
            "message": message,
            "file": file,
            "row": row,
            "column": column,
            "id": None if _is_missing(id) else id,
        }
        self.problems.append(problem)

    def once(self, *key: str) -> bool:
        """True the first time ``key`` is seen (to report per-file facts once across chunks)."""
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def exclude(
        self,
        code: str,
        message: str,
        *,
        file: str | None,
        row: Any = None,
        column: str | None = None,
    ) -> None:
        """Leave a record (or a whole file) out, listing it as an error with the reason."""
        self.excluded.append({"file": file, "row": row, "code": code, "reason": message})
        self.add("error", code, f"{message} (excluded)", file=file, row=row, column=column)

    def note_derived(
        self, source: str, field_name: str, how: str, count: int, example: Any
    ) -> None:
        if isinstance(example, str) and len(example) > 60:
            example = example[:57] + "..."
        entry = self.derived.setdefault((source, field_name, how), [0, example])
        entry[0] += count

    def flush_derived(self) -> None:
        """Turn the aggregated derivation notes into ``info`` problems (once, at the end)."""
        for (source, field_name, how), (count, example) in self.derived.items():
            noun = "article" if count == 1 else "articles"
            self.add(
                "info",
                "derived_field",
                f"{field_name} derived from {how} for {count} {noun} (e.g. {example!r})",
                file=source,
                column=field_name,
            )
        self.derived.clear()


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


# ---------------------------------------------------------------------------------------------
# Finding files


@dataclass(frozen=True)
class SourceFile:
    """One input file: where it is, how to show it, which input it came from, its format."""

    path: Path
    display: str
    root: str
    kind: str
    compressed: bool
    #: path relative to the input folder, without suffixes ("sentinel/e01"); the file's stem
    #: when the input was the file itself
    rel_id: str


def _split_suffix(path: Path) -> tuple[str, bool]:
    """Format suffix and whether the file is gzip-compressed (``a.csv.gz`` -> ``.csv``, True)."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] in (".gz", ".gzip")
    if compressed:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), compressed


def _bare_name(path: Path) -> str:
    """File name without the format and compression suffixes."""
    name = path.name
    suffix, compressed = _split_suffix(path)
    if compressed:
        name = name[: name.lower().rfind(".g")]
    if suffix and name.lower().endswith(suffix):
        name = name[: -len(suffix)]
    return name


def discover(paths: str | Path | Sequence[str | Path], log: ProblemLog) -> list[SourceFile]:
    """Expand files, folders and glob patterns into the list of files to read, in reading order.

    Folders are searched recursively; files are read in sorted order of their path inside the
    folder. Hidden files and folders (``.name``) are ignored; other files that are not articles
    (unsupported suffix, README/LICENSE...) are listed as ``skipped_file`` notes.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise CorpusError("no corpus path given")
    found: list[SourceFile] = []
    for raw in paths:
        text = str(raw)
        path = Path(raw)
        if not path.exists() and _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no files match the pattern {text!r}")
            found.extend(_discover_one(Path(m), m, log) for m in matches if Path(m).is_file())
            continue
        if not path.exists():
            raise FileNotFoundError(f"corpus path not found: {text!r}")
        if path.is_dir():
            found.extend(_discover_folder(path, text, log))
        else:
            found.append(_discover_one(path, text, log))
    found = [f for f in found if f.kind]
    if not found:
        shown = ", ".join(repr(str(p)) for p in paths)
        raise CorpusError(
            f"no article files found in {shown}; supported: "
            + ", ".join(sorted(FORMATS))
            + " (optionally .gz-compressed)"
        )
    return found


def _discover_one(path: Path, display: str, log: ProblemLog) -> SourceFile:
    suffix, compressed = _split_suffix(path)
    kind = FORMATS.get(suffix, "")
    if not kind:
        raise CorpusError(
            f"{display}: unsupported file type {suffix or '(no suffix)'!r}; supported: "
            + ", ".join(sorted(FORMATS))
            + " (optionally .gz-compressed)"
        )
    return SourceFile(path, display, display, kind, compressed, _bare_name(path))


def _discover_folder(folder: Path, display: str, log: ProblemLog) -> Iterator[SourceFile]:
    entries = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_file():
            entries.append((rel.as_posix(), path, rel))
    for rel_text, path, rel in sorted(entries):
        shown = str(Path(display) / rel)
        suffix, compressed = _split_suffix(path)
        kind = FORMATS.get(suffix, "")
        bare = _bare_name(path)
        if not kind or (kind == "text" and bare.lower() in NOT_ARTICLES):
            why = "not an article file" if kind else f"unsupported file type {suffix or '(none)'}"
            log.add("info", "skipped_file", f"{rel_text} skipped: {why}", file=shown)
            continue
        rel_id = (rel.parent / bare).as_posix() if rel.parent != Path(".") else bare
        yield SourceFile(path, shown, display, kind, compressed, rel_id)


# ---------------------------------------------------------------------------------------------
# Bytes and encodings


def open_binary(source: SourceFile) -> IO[bytes]:
    if source.compressed:
        return gzip.open(source.path, "rb")
    return open(source.path, "rb")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
#: Western news text that is not UTF-8 is overwhelmingly Windows-1252; charset-normalizer's
#: statistics on short articles often pick a sibling code page (cp1250, cp1257) that decodes
#: the same bytes to different letters, so cp1252 wins whenever it is a close candidate.
_PREFERRED_GUESSES = ("cp1252",)
_WORD_BREAKS = {bytes([b]) for b in b" \t\r\n,;\"'<>"}
_CLOSE_CHAOS = 10.0


@dataclass
class Decoding:
    """How a file's bytes were decoded."""

    encoding: str
    #: None when the file is valid UTF-8 (or has a BOM); else why another encoding was used
    note: str | None = None
    guessed: bool = False


def _bad_byte_context(data: bytes, start: int, line: int, encoding: str) -> str:
    """Describe the first non-UTF-8 byte and show how it reads in ``encoding``."""
    lo = start
    while lo > 0 and start - lo < 30 and data[lo - 1 : lo] not in _WORD_BREAKS:
        lo -= 1
    hi = start + 1
    while hi < len(data) and hi - start < 30 and data[hi : hi + 1] not in _WORD_BREAKS:
        hi += 1
    word = data[lo:hi].decode(encoding, errors="replace").strip()
    return f"first non-UTF-8 byte 0x{data[start]:02X} at line {line} reads as {word!r}"


def _guess(sample: bytes) -> tuple[str | None, list[str]]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample))
    if not matches:
        return None, []
    names = [m.encoding for m in matches]
    best = matches[0]
    for preferred in _PREFERRED_GUESSES:
        for match in matches:
            if match.encoding == preferred and match.percent_chaos <= (
                best.percent_chaos + _CLOSE_CHAOS
            ):
                return preferred, names
        # A sibling code page that reads these bytes exactly as cp1252 does is cp1252 in
        # all but name; report the common name.
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            if sample.decode(preferred) == sample.decode(best.encoding):
                return preferred, names
    return best.encoding, names


def decode_bytes(data: bytes, display: str, encoding: str | None = None) -> tuple[str, Decoding]:
    """Decode a whole file strictly; never replaces a character.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as they are. Otherwise the
    ``encoding`` given by the caller is used, or a ``<meta charset>`` declaration for HTML, or
    a guess by charset-normalizer; the caller reports which (see :class:`Decoding`).

    Raises:
        UnicodeDecodeError: when no encoding decodes every byte.

    Examples:
        >>> decode_bytes("café".encode("utf-8"), "a.txt")[1].encoding
        'utf-8'
        >>> text, how = decode_bytes("café naïve".encode("cp1252"), "a.txt")
        >>> text, how.encoding, how.guessed
        ('café naïve', 'cp1252', True)
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), Decoding(name)
    try:
        return data.decode("utf-8"), Decoding("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    line = data.count(b"\n", 0, start) + 1
    if encoding:
        text = data.decode(encoding)
        where = _bad_byte_context(data, start, line, encoding)
        return text, Decoding(encoding, f"not UTF-8 ({where}); decoded as {encoding} as requested")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            text = data.decode(name)
            where = _bad_byte_context(data, start, line, name)
            return text, Decoding(
                name, f"not UTF-8 ({where}); decoded as {name}, as the page declares"
            )
    guess, candidates = _guess(data)
    if guess is None:
        raise UnicodeDecodeError(
            "utf-8",
            data,
            start,
            start + 1,
            f"not UTF-8 (first bad byte 0x{data[start]:02X} at line {line}) and no other "
            "encoding fits; is it a text file?",
        )
    text = data.decode(guess)
    where = _bad_byte_context(data, start, line, guess)
    others = ", ".join([c for c in candidates if c != guess][:3])
    note = (
        f"not UTF-8 ({where}); decoded as {guess}, guessed by charset-normalizer"
        + (f" (other candidates: {others})" if others else "")
        + "; check the text, or pass encoding=... / re-save the file as UTF-8"
    )
    return text, Decoding(guess, note, guessed=True)


def sniff_stream_encoding(source: SourceFile, encoding: str | None) -> Decoding:
    """Check a (possibly huge) file's encoding in one streaming pass, without holding it.

    Returns the encoding to read it with; raises :class:`UnicodeDecodeError` when even the
    guessed encoding fails somewhere in the file.
    """
    block_size = 1 << 20
    with open_binary(source) as handle:
        head = handle.read(block_size)
        for bom, name in _BOMS:
            if head.startswith(bom) and name != "utf-8-sig":
                return Decoding(name)
        clean = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        offset, lines, block, bad = 0, 0, head, None
        while block:
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                bad = (offset + exc.start, lines + block.count(b"\n", 0, exc.start) + 1, block, exc)
                break
            lines += block.count(b"\n")
            offset += len(block)
            block = handle.read(block_size)
        if bad is None:
            try:
                decoder.decode(b"", final=True)
                return Decoding(clean)
            except UnicodeDecodeError as exc:
                bad = (offset, lines + 1, b"", exc)
    position, line, block, _exc = bad
    local = position - (offset if block else 0)
    sample = head + (block[max(0, local - 65536) : local + 65536] if block is not head else b"")
    if encoding:
        chosen, how, guessed = encoding, "as requested", False
    else:
        guessed_name, candidates = _guess(sample)
        if guessed_name is None:
            raise UnicodeDecodeError("utf-8", block or head, 0, 1, "no encoding decodes this file")
        others = ", ".join([c for c in candidates if c != guessed_name][:3])
        chosen, guessed = guessed_name, True
        how = "guessed by charset-normalizer" + (f" (other candidates: {others})" if others else "")
    where = _bad_byte_context(block or head, local if block else 0, line, chosen)
    # The guess must hold for the whole file, not just the sample: check before reading.
    decoder = codecs.getincrementaldecoder(chosen)("strict")
    with open_binary(source) as handle:
        while chunk := handle.read(block_size):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    note = f"not UTF-8 ({where}); decoded as {chosen}, {how}"
    if guessed:
        note += "; check the text, or pass encoding=... / re-save the file as UTF-8"
    return Decoding(chosen, note, guessed=guessed)


def _report_decoding(decoding: Decoding, source: SourceFile, log: ProblemLog) -> None:
    if decoding.note is None:
        return
    severity = "warning" if decoding.guessed else "info"
    log.add(
        severity,
        "encoding_guessed" if decoding.guessed else "encoding",
        decoding.note,
        file=source.display,
    )


# ---------------------------------------------------------------------------------------------
# Raw records


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
            record = _read_article_file(source, log, encoding)
            if record is not None:
                pending.append((source, *record))
            if len(pending) >= group:
                yield _file_chunk(pending)
                pending = []
            continue
        if pending:
            yield _file_chunk(pending)
            pending = []
        reader = {
            "csv": _read_delimited,
            "tsv": _read_delimited,
            "jsonl": _read_jsonl,
            "json": _read_json,
            "parquet": _read_parquet,
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
        yield _file_chunk(pending)


def _file_chunk(pending: list[tuple[SourceFile, dict[str, Any], dict[str, Any], Any]]) -> RawChunk:
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
    _report_decoding(decoding, source, log)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    r"""Turn Windows (``\r\n``) and old Mac (``\r``) line endings into ``\n``.

    Examples:
        >>> normalise_newlines("a\r\nb\rc")
        'a\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_article_file(
    source: SourceFile, log: ProblemLog, encoding: str | None
) -> tuple[dict[str, Any], dict[str, Any], Any] | None:
    text = _decode_file(source, log, encoding)
    if text is None:
        return None
    parent = source.path.parent.name
    fallbacks: dict[str, Any] = {"id": source.rel_id, "outlet": parent or None}
    if source.kind == "html":
        record = _extract_html(text, source, log)
        return record, fallbacks, None
    try:
        meta, body = parse_front_matter(text)
    except FrontMatterError as exc:
        log.exclude("bad_front_matter", str(exc), file=source.display)
        return None
    record: dict[str, Any] = {}
    for line_no, key, value, issue in meta:
        if issue:
            log.add(
                "error",
                "bad_front_matter",
                f"line {line_no}: {issue}; the line is ignored",
                file=source.display,
                column=key or None,
            )
            continue
        if key == "text":
            key = "text_original"
        if key in record:
            log.add(
                "error",
                "bad_front_matter",
                f"line {line_no}: {key!r} given twice; the first value "
                f"{record[key]!r} is kept, {value!r} is not",
                file=source.display,
                column=key,
            )
            continue
        record[key] = value
    record["text"] = body
    title, rest = split_title_line(body)
    fallbacks["title"] = title
    return record, fallbacks, rest


def parse_front_matter(text: str) -> tuple[list[tuple[int, str, str, str | None]], str]:
    """Split an article file into front-matter entries and body.

    Returns ``(entries, body)`` where each entry is ``(line, key, value, issue)``;
    ``issue`` is a message for a line that is not ``key: value`` (its key and value are then
    empty). A value wrapped in one pair of matching quotes loses them (``"A: b"`` -> ``A: b``),
    as in YAML. The body is stripped of surrounding whitespace.

    Raises:
        FrontMatterError: when a front-matter block is opened but never closed.

    Examples:
        >>> text = "---\\nid: a1\\ntitle: 'Hi: there'\\n---\\n\\nBody.\\n"
        >>> entries, body = parse_front_matter(text)
        >>> [(key, value) for _, key, value, _ in entries], body
        ([('id', 'a1'), ('title', 'Hi: there')], 'Body.')
        >>> parse_front_matter("Just text.")[1]
        'Just text.'
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return [], text.strip()
    entries: list[tuple[int, str, str, str | None]] = []
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() in ("---", "..."):
            body = "\n".join(lines[index + 1 :]).strip()
            return entries, body
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FRONT_MATTER_LINE.match(line)
        if not match:
            shown = line if len(line) <= 60 else line[:57] + "..."
            entries.append((index + 1, "", "", f"not a 'key: value' line: {shown!r}"))
            continue
        key = match.group(1).strip()
        value = (match.group(2) or "").strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        entries.append((index + 1, key, value, None))
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed")


def split_title_line(body: str) -> tuple[str | None, str]:
    """Headline on the first line of an article file, and the text without it.

    The first line is taken as the title when it is a Markdown heading (``# ...``), or when it
    stands alone (a blank line follows), has at most 25 words and does not end like a sentence
    (``.``, ``,``, ``;``, ``:``). Otherwise there is no title and the text is left whole, so a
    lead paragraph is never mistaken for a headline.

    Examples:
        >>> split_title_line("# Port strike ends\\n\\nWorkers returned.")
        ('Port strike ends', 'Workers returned.')
        >>> split_title_line("Port strike ends\\n\\nWorkers returned.")
        ('Port strike ends', 'Workers returned.')
        >>> split_title_line("Workers returned on Monday.\\n\\nThe union said so.")
        (None, 'Workers returned on Monday.\\n\\nThe union said so.')
    """
    stripped = body.strip()
    first, _, rest = stripped.partition("\n")
    line = first.strip()
    if line.startswith("#"):
        return (line.lstrip("#").strip() or None), rest.strip()
    stands_alone = bool(rest) and not rest.split("\n", 1)[0].strip()
    if (
        stands_alone
        and len(words(line)) <= _MAX_TITLE_WORDS
        and not line.endswith((".", ",", ";", ":"))
    ):
        return line, rest.strip()
    return None, stripped


def _extract_html(html: str, source: SourceFile, log: ProblemLog) -> dict[str, Any]:
    """Article text and metadata of a saved page, by trafilatura (no hand-written tag stripping)."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # Dates from the page's own metadata only: no guessing from the text or URL.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    if result is None:
        return {"text": ""}
    data = result if isinstance(result, dict) else result.as_dict()
    text = (data.get("text") or "").strip()
    title = (data.get("title") or "").strip()
    first, _, rest = text.partition("\n")
    if title and _SPACES.sub(" ", first).strip().casefold() == _SPACES.sub(" ", title).casefold():
        # The extractor keeps the page's <h1>; the headline belongs in `title` only.
        text = rest.strip()
    # One paragraph per line from the extractor; blank lines between them, as in text files.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    hostname = data.get("hostname")
    sitename = data.get("sitename")
    if sitename and hostname and sitename.removeprefix("www.") == hostname.removeprefix("www."):
        # trafilatura falls back to the host name; only a name the page declares is an outlet.
        sitename = None
    record: dict[str, Any] = {
        "title": data.get("title"),
        "outlet": sitename,
        "published": data.get("date"),
        "author": data.get("author"),
        "url": data.get("url"),
        "hostname": hostname,
    }
    record = {key: value for key, value in record.items() if value not in (None, "")}
    return record | {"text": text}


def _read_delimited(
    source: SourceFile, log: ProblemLog, chunksize: int | None, encoding: str | None
) -> Iterator[RawChunk]:
    decoding = sniff_stream_encoding(source, encoding)
    _report_decoding(decoding, source, log)
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
            chunk = _table_chunk(frame, source, rows, first=number == 0)
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
        with _text_stream(source, decoding) as handle:
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


def _table_chunk(
    frame: pd.DataFrame, source: SourceFile, rows: list[Any], *, first: bool
) -> RawChunk:
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


def _text_stream(source: SourceFile, decoding: Decoding) -> IO[str]:
    return io.TextIOWrapper(
        open_binary(source), encoding=decoding.encoding, errors="strict", newline=""
    )


def _short_reason(exc: BaseException, limit: int = 160) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, RecursionError):
        text = "nested too deeply"
    return text if len(text) <= limit else text[: limit - 3] + "..."


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


def _exclude_bad_unicode(
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


def _drop_bad_unicode(chunk: RawChunk, log: ProblemLog) -> RawChunk:
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
        if _exclude_bad_unicode(record, log, file=file, row=row):
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


def _read_jsonl(
    source: SourceFile, log: ProblemLog, chunksize: int | None, encoding: str | None
) -> Iterator[RawChunk]:
    decoding = sniff_stream_encoding(source, encoding)
    _report_decoding(decoding, source, log)
    records: list[dict[str, Any]] = []
    rows: list[int] = []
    first = True
    excluded = len(log.excluded)
    with _text_stream(source, decoding) as handle:
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
            if _exclude_bad_unicode(record, log, file=source.display, row=line_no):
                continue
            records.append(record)
            rows.append(line_no)
            if chunksize is not None and len(records) >= chunksize:
                yield _table_chunk(pd.DataFrame.from_records(records), source, rows, first=first)
                records, rows, first = [], [], False
    if records:
        yield _table_chunk(pd.DataFrame.from_records(records), source, rows, first=first)
    elif first and len(log.excluded) == excluded:  # (a file of excluded lines is not empty)
        log.add("warning", "empty_file", "file has no records", file=source.display)


def _read_json(
    source: SourceFile, log: ProblemLog, chunksize: int | None, encoding: str | None
) -> Iterator[RawChunk]:
    """A ``.json`` file: a JSON array of article objects, or JSON Lines under a .json name."""
    decoding = sniff_stream_encoding(source, encoding)
    with _text_stream(source, decoding) as handle:
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
                with _text_stream(source, decoding) as handle:
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
        yield from _read_jsonl(source, log, chunksize, encoding)
        return
    _report_decoding(decoding, source, log)
    with _text_stream(source, decoding) as handle:
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
            if _exclude_bad_unicode(item, log, file=source.display, row=number):
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
        yield _table_chunk(
            pd.DataFrame.from_records(part),
            source,
            rows[start_at : start_at + step],
            first=number == 0,
        )


def _read_parquet(
    source: SourceFile, log: ProblemLog, chunksize: int | None, encoding: str | None
) -> Iterator[RawChunk]:
    import pyarrow.parquet as pq

    if source.compressed:
        with open_binary(source) as handle:
            target: Any = io.BytesIO(handle.read())
    else:
        target = source.path
    # pre_buffer=False: with pyarrow's default (True) the reader keeps every column chunk it has
    # pre-buffered until it is closed, so streaming a large file grew by ~300 bytes per
    # article (measured: 250 MB of live Arrow memory after 300k articles; flat without it).
    parquet = pq.ParquetFile(target, pre_buffer=False)
    row = 0
    if chunksize is None:
        batches: Iterable[Any] = [parquet.read()]
    else:
        batches = parquet.iter_batches(batch_size=chunksize)
    for number, batch in enumerate(batches):
        frame = batch.to_pandas()
        if not isinstance(frame.index, pd.RangeIndex):
            frame = frame.reset_index()  # an index saved with the data is data: keep it
        rows = list(range(row + 1, row + len(frame) + 1))
        row += len(frame)
        yield _table_chunk(frame, source, rows, first=number == 0)
    if row == 0 and chunksize is not None:
        yield _table_chunk(parquet.schema_arrow.empty_table().to_pandas(), source, [], first=True)


def frame_chunks(frame: pd.DataFrame, chunksize: int | None) -> Iterator[RawChunk]:
    """An in-memory DataFrame as raw chunks (``row`` = index label; provenance kept if present)."""
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    files: list[Any] = [None] * len(frame)
    rows: list[Any] = list(frame.index)
    if "source_file" in frame.columns:
        files = [None if _is_missing(v) else str(v) for v in frame.pop("source_file")]
    if "source_row" in frame.columns:
        rows = [None if _is_missing(v) else int(v) for v in frame.pop("source_row")]
    step = chunksize or max(len(frame), 1)
    for number, start in enumerate(range(0, max(len(frame), 1), step)):
        part = frame.iloc[start : start + step].reset_index(drop=True)
        yield RawChunk(
            frame=part,
            kind="table",
            files=files[start : start + step],
            rows=rows[start : start + step],
            source=None,
            first_chunk=number == 0,
        )


# ---------------------------------------------------------------------------------------------
# Mapping and normalisation


def check_encoding(encoding: str | None) -> str | None:
    """The codec name for ``encoding``, or a :class:`ValueError` naming the bad value."""
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(
            f"unknown encoding {encoding!r}; use a Python codec name such as 'cp1252', "
            "'latin-1' or 'utf-16'"
        ) from None


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
    return f"; to use another column, pass columns={hints!r}"


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


def _to_text(value: Any) -> Any:
    """One cell as a string (or ``None``): numbers and lists are written out, never dropped."""
    if _is_missing(value):
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
        return "; ".join(str(_to_text(v)) for v in value if not _is_missing(v))
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
    converted = [_to_text(v) for v in series.astype(object)]
    cleaned = [None if v is None else normalise_newlines(v).strip() for v in converted]
    if keep_empty:
        cleaned = ["" if v is None else v for v in cleaned]
    else:
        cleaned = [v if v else None for v in cleaned]
    return pd.Series(cleaned, index=series.index, dtype=pd.StringDtype())


# Dates ---------------------------------------------------------------------------------------

_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?=$|[ T,])(.*)$")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
# "GMT+1" as people write it (UTC+01:00); dateutil would apply the POSIX sign (UTC-01:00).
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b", re.IGNORECASE)
_REDUCED_ISO = re.compile(r"^\d{4}(-\d{2})?$")
_DIGITS = re.compile(r"^-?\d{9,19}(\.\d+)?$")
_EPOCH_UNITS = ((1e11, "s"), (1e14, "ms"), (1e17, "us"), (math.inf, "ns"))
_UNIT_NAMES = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}


def _naive_utc(values: pd.Series) -> pd.Series:
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_convert("UTC").dt.tz_localize(None)
    return values.astype("datetime64[ns]")


def _epoch(number: float) -> tuple[pd.Timestamp | None, str]:
    magnitude = abs(number)
    if magnitude < 1e8 or not math.isfinite(magnitude):  # NaN/Infinity: JSON allows them
        return None, ""
    unit = next(u for limit, u in _EPOCH_UNITS if magnitude < limit)
    try:
        return pd.Timestamp(int(number) if unit != "s" else number, unit=unit), unit
    except (OverflowError, ValueError):
        return None, ""


def _epoch_problem(value: Any) -> str:
    try:
        magnitude = abs(float(value))
    except OverflowError:
        magnitude = math.inf
    if magnitude < 1e8:
        return "a number too small to be a Unix timestamp"
    return "a number outside the range of Unix timestamps"


def parse_published(
    values: pd.Series,
    *,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    log: ProblemLog,
    dayfirst: bool | None,
    column_missing: bool,
) -> pd.Series:
    """Parse publication dates to tz-naive ``datetime64[ns]`` (UTC where an offset is given).

    Accepted, in this order: datetime values; ISO 8601 strings (``2026-03-04``,
    ``2026-03-04T10:00:00+01:00``); numeric day/month/year strings (month first unless
    ``dayfirst``); other strings that contain a four-digit year (``March 4, 2026``,
    ``Wed, 04 Mar 2026 10:00:00 GMT``); Unix timestamps (unit from the magnitude). Anything else
    becomes ``NaT`` with an ``unparseable_date`` error naming the row; a missing value gives a
    ``missing_value`` warning.
    """
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        result = _naive_utc(values)
        if not column_missing:
            for position in np.flatnonzero(result.isna().to_numpy()):
                _missing(log, "published", files, rows, ids, position)
        return result.reset_index(drop=True)
    raw = list(values.astype(object))
    out: list[Any] = [pd.NaT] * len(raw)
    strings: dict[int, str] = {}
    epoch_units: dict[str, int] = {}
    for position, value in enumerate(raw):
        if _is_missing(value) or (isinstance(value, str) and not value.strip()):
            if not column_missing:
                _missing(log, "published", files, rows, ids, position)
            continue
        if isinstance(value, pd.Timestamp | dt.datetime):
            stamp = pd.Timestamp(value)
            out[position] = stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp
        elif isinstance(value, dt.date):
            out[position] = pd.Timestamp(value)
        elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(
            value, bool
        ):
            try:
                stamp, unit = _epoch(float(value))
            except OverflowError:  # an integer beyond any float
                stamp, unit = None, ""
            if stamp is None:
                _unparseable(
                    log,
                    files,
                    rows,
                    ids,
                    position,
                    value,
                    _epoch_problem(value),
                )
            else:
                out[position] = stamp
                epoch_units[unit] = epoch_units.get(unit, 0) + 1
        else:
            text = str(value).strip()
            if _DIGITS.match(text):
                stamp, unit = _epoch(float(text))
                if stamp is not None:
                    out[position] = stamp
                    epoch_units[unit] = epoch_units.get(unit, 0) + 1
                    continue
            strings[position] = text
    if strings:
        _parse_date_strings(strings, out, files, rows, ids, log, dayfirst)
    for unit, count in epoch_units.items():
        where = files[0] if files else None
        if log.once("epoch", str(where), unit):
            log.add(
                "info",
                "numeric_date",
                f"{count} numeric published value(s) read as Unix time in "
                f"{_UNIT_NAMES[unit]} (UTC)",
                file=where,
                column="published",
            )
    return pd.to_datetime(pd.Series(out, dtype=object)).astype("datetime64[ns]")


def _parse_date_strings(
    strings: dict[int, str],
    out: list[Any],
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    log: ProblemLog,
    dayfirst: bool | None,
) -> None:
    positions = list(strings)
    texts = pd.Series([strings[p] for p in positions], dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        iso = pd.to_datetime(texts, format="ISO8601", utc=True, errors="coerce")
    iso = iso.dt.tz_convert("UTC").dt.tz_localize(None)
    rest: dict[int, str] = {}
    for position, text, stamp in zip(positions, texts, iso, strict=True):
        if pd.isna(stamp):
            rest[position] = text
            continue
        out[position] = stamp
        if _REDUCED_ISO.match(text):
            _ambiguous(
                log,
                files,
                rows,
                ids,
                position,
                text,
                f"only {'year' if len(text) == 4 else 'year and month'} given; "
                f"read as {stamp:%Y-%m-%d}",
            )
    mixed: dict[int, str] = {}
    for position, text in rest.items():
        match = _NUMERIC_DMY.match(text)
        if match:
            _numeric_date(match, position, text, out, files, rows, ids, log, dayfirst)
        elif _YEAR.search(text):
            mixed[position] = _GMT_OFFSET.sub(
                lambda m: f" {m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}", text
            )
        else:
            _unparseable(
                log,
                files,
                rows,
                ids,
                position,
                text,
                "no recognisable date (a four-digit year is needed)",
            )
    if mixed:
        keys = list(mixed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = pd.to_datetime(
                pd.Series([mixed[k] for k in keys], dtype=object),
                format="mixed",
                utc=True,
                errors="coerce",
                dayfirst=bool(dayfirst),
            )
        for position, stamp in zip(keys, parsed, strict=True):
            if pd.isna(stamp):
                _unparseable(
                    log,
                    files,
                    rows,
                    ids,
                    position,
                    mixed[position],
                    "not a date format framing understands",
                )
            else:
                out[position] = stamp.tz_convert("UTC").tz_localize(None)


def _numeric_date(
    match: re.Match[str],
    position: int,
    text: str,
    out: list[Any],
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    log: ProblemLog,
    dayfirst: bool | None,
) -> None:
    first, second, year_text, remainder = match.groups()
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 70 else 1900
    a, b = int(first), int(second)
    day, month = (a, b) if dayfirst else (b, a)
    order = "day/month/year" if dayfirst else "month/day/year"
    try:
        date = pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        other = "dayfirst=False" if dayfirst else "dayfirst=True"
        _unparseable(
            log,
            files,
            rows,
            ids,
            position,
            text,
            f"not a valid {order} date; pass {other} if the file writes dates the other way round",
        )
        return
    if remainder.strip():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clock = pd.to_datetime(
                f"{date:%Y-%m-%d} {remainder.strip(' ,T')}", utc=True, errors="coerce"
            )
        if pd.isna(clock):
            _unparseable(
                log,
                files,
                rows,
                ids,
                position,
                text,
                f"date read as {order}, but the time {remainder.strip()!r} is not understood",
            )
            return
        out[position] = clock.tz_convert("UTC").tz_localize(None)
    else:
        out[position] = date
    if dayfirst is None and a <= 12 and b <= 12 and a != b:
        _ambiguous(
            log,
            files,
            rows,
            ids,
            position,
            text,
            f"read as {order} ({date:%Y-%m-%d}); pass dayfirst=True if it is "
            "day/month/year, or dayfirst=False to confirm",
        )


def _where(files: Sequence[Any], rows: Sequence[Any], position: int) -> tuple[Any, Any]:
    return (
        files[position] if position < len(files) else None,
        rows[position] if position < len(rows) else None,
    )


def _missing(
    log: ProblemLog,
    name: str,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    position: int,
    hint: str = "",
) -> None:
    file, row = _where(files, rows, position)
    severity = "error" if name in ("id", "outlet") else "warning"
    log.add(
        severity,
        "missing_value",
        f"no {name} value{hint}",
        file=file,
        row=row,
        column=name,
        id=ids[position] if position < len(ids) else None,
    )


def _date_problem(
    log: ProblemLog,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    position: int,
    severity: str,
    code: str,
    message: str,
) -> None:
    file, row = _where(files, rows, position)
    log.add(
        severity,
        code,
        message,
        file=file,
        row=row,
        column="published",
        id=ids[position] if position < len(ids) else None,
    )


def _unparseable(
    log: ProblemLog,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    position: int,
    value: Any,
    why: str,
) -> None:
    message = f"published {str(value)[:60]!r} cannot be read as a date ({why}); it is NaT"
    _date_problem(log, files, rows, ids, position, "error", "unparseable_date", message)


def _ambiguous(
    log: ProblemLog,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    position: int,
    value: str,
    why: str,
) -> None:
    message = f"published {value!r}: {why}"
    _date_problem(log, files, rows, ids, position, "warning", "ambiguous_date", message)


def normalise_chunk(
    chunk: RawChunk,
    mapping: Mapping[str, str],
    log: ProblemLog,
    *,
    dayfirst: bool | None,
) -> pd.DataFrame:
    """Mapped, derived and typed frame with provenance columns ``source_file``/``source_row``."""
    if chunk.kind == "table":  # article files are decoded strictly: their text is valid
        chunk = _drop_bad_unicode(chunk, log)
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
                _missing(log, "published", chunk.files, chunk.rows, id_list, position)
    out["published"] = published.reset_index(drop=True)
    out["text"] = text.reset_index(drop=True)

    # Per-row missing values of the other required fields.
    for name in ("id", "outlet", "title"):
        if chunk.kind == "table" and name in lacking:
            continue
        hint = _MISSING_HINTS.get(name, "") if chunk.kind == "file" else ""
        for position in np.flatnonzero(out[name].isna().to_numpy()):
            _missing(log, name, chunk.files, chunk.rows, id_list, position, hint)

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


def tidy_extra(values: pd.Series) -> pd.Series:
    """Extra columns are kept as read; text-only ones become ``string``, empty -> ``<NA>``."""
    if pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
        non_missing = [v for v in values.astype(object) if not _is_missing(v)]
        if all(isinstance(v, str) for v in non_missing):
            cleaned = [
                None if _is_missing(v) or not str(v).strip() else str(v)
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


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
