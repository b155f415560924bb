r"""Load, iterate, fingerprint and validate news corpora.

Researchers arrive with articles in many shapes: CSV/TSV exports, JSON Lines, Parquet, folders
of text or Markdown files with a small front-matter header, folders of saved web pages; any of
them gzip-compressed. Every one is read into the same table (see ``docs/corpus.md``):

============  ==========================================================================
column        meaning
============  ==========================================================================
``id``        article id (string); derived from the file path or row number if absent
``outlet``    outlet name; for article files, the parent folder name if not given
``published`` ``datetime64[ns]``, tz-naive; values with a UTC offset are converted to UTC
``title``     headline; for article files, a stand-alone headline line if not given
``text``      article text (``""`` when missing, never ``<NA>``)
``event``     optional story/event key for matched comparisons across outlets
``url``,      optional metadata
``author``,
``section``
...           any other column of the input, kept as read
============  ==========================================================================

Nothing is dropped or changed silently: every decision the loader takes (a guessed encoding,
an unreadable date, a derived id, an excluded record) is listed in a :class:`ValidationReport`
with the file, row and column it concerns.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.entities import html5 as _HTML5_ENTITIES
from itertools import combinations
from typing import Any, Literal, overload

import numpy as np
import pandas as pd

from framing import defaults
from framing._corpus_io import (
    OPTIONAL_FIELDS,
    PROVENANCE_COLUMNS,
    REQUIRED_FIELDS,
    SCHEMA_FIELDS,
    ProblemLog,
    check_columns_mapping,
    check_encoding,
    discover,
    finalise_dtypes,
    frame_chunks,
    iter_raw_chunks,
    nfc,
    normalise_chunk,
    normalise_newlines,
)
from framing.errors import CorpusError
from framing.text.tokens import words

__all__ = [
    "CORPUS_COLUMNS",
    "NEAR_DUPLICATE_THRESHOLD",
    "CorpusError",
    "ValidationReport",
    "corpus_fingerprint",
    "iter_corpus",
    "load_corpus",
    "validate_corpus",
]

logger = logging.getLogger("framing")

PathLike = str | os.PathLike[str]
Paths = PathLike | Sequence[PathLike]

#: Columns of every loaded corpus, in order (extra input columns follow them).
CORPUS_COLUMNS: tuple[str, ...] = SCHEMA_FIELDS
#: Columns an article must have (``id``, ``outlet`` and ``title`` can be derived; see docs).
REQUIRED_COLUMNS: tuple[str, ...] = REQUIRED_FIELDS
#: Optional columns, always present in a loaded corpus (``<NA>`` where the input has none).
OPTIONAL_COLUMNS: tuple[str, ...] = OPTIONAL_FIELDS
#: Jaccard similarity of 5-word shingle sets from which two articles of different outlets are
#: reported as near-duplicates (shared wire copy).
NEAR_DUPLICATE_THRESHOLD = defaults.NEAR_DUPLICATE_THRESHOLD
#: Share of the shorter article's shingles found in the longer one from which a pair is reported
#: even when the Jaccard similarity is lower (a trimmed copy of a wire story).
CONTAINMENT_THRESHOLD = 0.9
SHINGLE_SIZE = 5
#: Articles shorter than this are left out of the near-duplicate check (exact duplicates of
#: short texts are still reported).
NEAR_DUPLICATE_MIN_WORDS = 20
#: Texts with fewer words are reported as ``short_text`` (stubs, paywall notices, failed
#: extraction from a web page).
SHORT_TEXT_WORDS = 20

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
_PROBLEM_COLUMNS = ["severity", "code", "message", "file", "row", "column", "id"]


# ---------------------------------------------------------------------------------------------
# Loading


def _normalised_chunks(
    data: pd.DataFrame | Paths,
    *,
    columns: Mapping[str, str] | None,
    log: ProblemLog,
    chunksize: int | None,
    dayfirst: bool | None,
    encoding: str | None,
) -> Iterator[pd.DataFrame]:
    mapping = check_columns_mapping(columns)
    encoding = check_encoding(encoding)
    if isinstance(data, pd.DataFrame):
        raw = frame_chunks(data, chunksize)
    else:
        raw = iter_raw_chunks(discover(data, log), log, chunksize=chunksize, encoding=encoding)
    for chunk in raw:
        yield normalise_chunk(chunk, mapping, log, dayfirst=dayfirst)


def _drop_provenance(frame: pd.DataFrame, provenance: bool) -> pd.DataFrame:
    if provenance:
        frame["source_row"] = frame["source_row"].astype("Int64")
        frame["source_file"] = frame["source_file"].astype(pd.StringDtype())
        return frame
    return frame.drop(columns=list(PROVENANCE_COLUMNS))


def _raise_if_no_text(log: ProblemLog) -> None:
    lacking = [p for p in log.problems if p["code"] == "missing_column" and p["column"] == "text"]
    if lacking:
        where = "; ".join(f"{p['file']}: {p['message']}" for p in lacking[:3])
        raise CorpusError(f"no article text to load: {where}")


def _empty_corpus() -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype=pd.StringDtype()) for name in SCHEMA_FIELDS})
    frame["published"] = pd.Series(dtype="datetime64[ns]")
    frame["text"] = pd.Series(dtype=pd.StringDtype())
    frame["source_file"] = pd.Series(dtype=object)
    frame["source_row"] = pd.Series(dtype=object)
    return frame


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)] or frames[:1]
    if not frames:
        return _empty_corpus()
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    extras = [c for c in frame.columns if c not in SCHEMA_FIELDS and c not in PROVENANCE_COLUMNS]
    frame = frame[[*SCHEMA_FIELDS, *extras, *PROVENANCE_COLUMNS]]
    return finalise_dtypes(frame.reset_index(drop=True))


def _log_summary(log: ProblemLog, n_articles: int, what: str) -> None:
    serious = [p for p in log.problems if p["severity"] in ("error", "warning")]
    if not serious:
        return
    counts: dict[str, int] = {}
    for problem in serious:
        counts[problem["code"]] = counts.get(problem["code"], 0) + 1
    listed = ", ".join(f"{code} x{n}" for code, n in counts.items())
    excluded = f"; {len(log.excluded)} record(s) excluded" if log.excluded else ""
    logger.warning(
        "%s: %d articles loaded with %d problem(s) (%s)%s; see "
        "framing.validate_corpus(...) or load_corpus(..., return_report=True)",
        what,
        n_articles,
        len(serious),
        listed,
        excluded,
    )


def _describe(data: Any) -> str:
    if isinstance(data, pd.DataFrame):
        return "DataFrame"
    if isinstance(data, (str, os.PathLike)):
        return str(data)
    items = [str(d) for d in data]
    return ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")


@overload
def load_corpus(
    paths: Paths | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = ...,
    strict: bool = ...,
    dayfirst: bool | None = ...,
    encoding: str | None = ...,
    provenance: bool = ...,
    return_report: Literal[False] = ...,
) -> pd.DataFrame: ...


@overload
def load_corpus(
    paths: Paths | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = ...,
    strict: bool = ...,
    dayfirst: bool | None = ...,
    encoding: str | None = ...,
    provenance: bool = ...,
    return_report: Literal[True],
) -> tuple[pd.DataFrame, ValidationReport]: ...


def load_corpus(
    paths: Paths | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    dayfirst: bool | None = None,
    encoding: str | None = None,
    provenance: bool = False,
    return_report: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, ValidationReport]:
    r"""Read a corpus from files or folders into one normalised DataFrame.

    Supported inputs (each may be gzip-compressed, ``name.csv.gz``): CSV (``.csv``), TSV
    (``.tsv``, ``.tab``), JSON Lines (``.jsonl``, ``.ndjson``, ``.json``), a JSON array of
    objects (``.json``), Parquet (``.parquet``, ``.pq``), and folders of article files: text or
    Markdown (``.txt``, ``.md``) with an optional front-matter header, or saved web pages
    (``.html``, ``.htm``; article text extracted with trafilatura). Folders are read
    recursively in sorted path order; glob patterns (``"exports/*.csv"``) are expanded.

    Problems never disappear: rows are kept (and flagged) unless they cannot be read at all;
    those are excluded and listed. Without ``strict`` or ``return_report`` only the loading
    checks run (encodings, dates, missing values and columns, excluded records) and a warning
    summarising them is logged; :func:`validate_corpus` runs every check.

    Args:
        paths: a file, a folder, a glob pattern, or a list of them; or a DataFrame already in
            memory, to normalise it the same way (its index labels serve as row numbers).
        columns: map schema fields to the input's column names, e.g.
            ``{"text": "body", "outlet": "source"}``. Applies to front-matter keys too.
        strict: run every check of :func:`validate_corpus` and raise :class:`CorpusError` if
            there is any error or warning.
        dayfirst: how to read numeric dates such as ``03/04/2026``: ``None`` (default) reads
            them month first and warns where the order is ambiguous; ``True`` day first;
            ``False`` month first without warnings.
        encoding: encoding to use for files that are not valid UTF-8 (default: guess, and
            report the guess as a warning).
        provenance: add ``source_file`` and ``source_row`` columns (``source_row`` is the
            1-based record number in a table file, the line number in JSON Lines, ``<NA>`` for
            one-article files).
        return_report: also run :func:`validate_corpus` on the loaded frame and return
            ``(frame, report)``.

    Returns:
        The corpus as a DataFrame with a fresh ``RangeIndex`` (and the report, if asked).

    Raises:
        FileNotFoundError: a path does not exist.
        CorpusError: no article files were found, a table has no text column, or ``strict``
            is set and there are problems.

    Examples:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp()) / "harbor-sentinel"
        >>> folder.mkdir()
        >>> _ = (folder / "e01.md").write_text(
        ...     "---\npublished: 2026-03-04\nevent: e01-port-strike\n---\n"
        ...     "# Port strike ends\n\nDock workers returned on Monday, the union said.\n",
        ...     encoding="utf-8",
        ... )
        >>> df = load_corpus(folder)
        >>> df.loc[0, ["id", "outlet", "title"]].tolist()
        ['e01', 'harbor-sentinel', 'Port strike ends']
        >>> df.loc[0, "text"]
        'Dock workers returned on Monday, the union said.'
        >>> df["published"].dtype
        dtype('<M8[ns]')
    """
    log = ProblemLog()
    frames = list(
        _normalised_chunks(
            paths, columns=columns, log=log, chunksize=None, dayfirst=dayfirst, encoding=encoding
        )
    )
    log.flush_derived()
    _raise_if_no_text(log)
    frame = _concat(frames)
    report = None
    if strict or return_report:
        report = _validate_frame(frame, log, sources=_describe(paths), strict=strict)
        if strict:
            report.raise_for_problems()
    else:
        _log_summary(log, len(frame), _describe(paths))
    frame = _drop_provenance(frame, provenance)
    if return_report:
        assert report is not None
        return frame, report
    return frame


def iter_corpus(
    paths: Paths,
    *,
    chunksize: int = 10_000,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    dayfirst: bool | None = None,
    encoding: str | None = None,
    provenance: bool = False,
) -> Iterator[pd.DataFrame]:
    r"""Yield a corpus in chunks, so a multi-gigabyte corpus never sits in memory at once.

    CSV/TSV and JSON Lines are read ``chunksize`` records at a time, Parquet in batches of at
    most ``chunksize`` rows (following its row groups), folders ``chunksize`` files at a time
    (a chunk never mixes files of different formats). Each chunk is normalised exactly as
    :func:`load_corpus` would (same columns, dtypes and derived fields), but has its own
    ``RangeIndex`` and only the extra columns of its own files. A JSON array (``.json``) is
    parsed whole, then chunked.

    Checks that need the whole corpus (duplicates, near-duplicates) are not run; use
    :func:`validate_corpus`, which streams too. Loading problems are logged as a warning at
    the end; with ``strict`` the first chunk that has one raises :class:`CorpusError` instead
    of being yielded.

    Args:
        paths: a file, a folder, a glob pattern, or a list of them.
        chunksize: records (or article files) per chunk.
        columns, dayfirst, encoding, provenance: as for :func:`load_corpus`.
        strict: raise instead of yielding a chunk with any loading error or warning.

    Yields:
        Normalised DataFrames.

    Raises:
        CorpusError: as for :func:`load_corpus`.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "articles.csv"
        >>> rows = "".join(f"a{i},Outlet,2026-03-0{i},Title {i},Text {i}.\n" for i in range(1, 6))
        >>> _ = path.write_text("id,outlet,published,title,text\n" + rows, encoding="utf-8")
        >>> [len(chunk) for chunk in iter_corpus(path, chunksize=2)]
        [2, 2, 1]
    """
    if chunksize < 1:
        raise ValueError(f"chunksize must be a positive number of records, got {chunksize}")
    log = ProblemLog()
    seen = 0
    total = 0
    for frame in _normalised_chunks(
        paths, columns=columns, log=log, chunksize=chunksize, dayfirst=dayfirst, encoding=encoding
    ):
        _raise_if_no_text(log)
        if strict:
            fresh = [p for p in log.problems[seen:] if p["severity"] in ("error", "warning")]
            if fresh:
                raise CorpusError(_problems_message(fresh, "corpus has problems (strict mode)"))
            seen = len(log.problems)
        total += len(frame)
        yield _drop_provenance(finalise_dtypes(frame), provenance)
    log.flush_derived()
    if strict:
        fresh = [p for p in log.problems[seen:] if p["severity"] in ("error", "warning")]
        if fresh:
            raise CorpusError(_problems_message(fresh, "corpus has problems (strict mode)"))
    else:
        _log_summary(log, total, _describe(paths))


# ---------------------------------------------------------------------------------------------
# Fingerprint


def _article_digest(article_id: Any, text: Any) -> bytes:
    ident = "" if article_id is None or pd.isna(article_id) else nfc(str(article_id).strip())
    body = "" if text is None or pd.isna(text) else nfc(normalise_newlines(str(text)).strip())
    # "surrogatepass": the same bytes as UTF-8 for every valid string, and a raw frame holding
    # a lone surrogate (text decoded with errors="surrogateescape") still gets a fingerprint.
    return hashlib.sha256(f"{ident}\x1f{body}".encode("utf-8", "surrogatepass")).digest()


def _fingerprint_of(digests: Iterable[bytes] | bytes | bytearray) -> str:
    """sha256 of the articles' 32-byte digests in sorted order (so row order does not count).

    ``digests`` may be packed, the digests concatenated in one buffer: 32 bytes per article
    instead of a Python object each, sorted as four big-endian 64-bit words per digest, which
    is the same order as sorting the digests as bytes.
    """
    if isinstance(digests, bytes | bytearray):
        words = np.frombuffer(digests, dtype=">u8").reshape(-1, 4)
        ordered = words[np.lexsort(words.T[::-1])].tobytes()
    else:
        ordered = b"".join(sorted(digests))
    return "sha256:" + hashlib.sha256(ordered).hexdigest()


def corpus_fingerprint(corpus: pd.DataFrame | Iterable[pd.DataFrame] | Paths) -> str:
    r"""Stable hash of a corpus' ids and texts, for provenance.

    For each article, ``sha256(id + "\x1f" + text)`` is taken, where ``id`` is stripped and
    Unicode-NFC-normalised and ``text`` is NFC-normalised with ``\n`` line endings and stripped
    (UTF-8 bytes). The fingerprint is ``"sha256:"`` followed by the hex SHA-256 of those
    32-byte digests sorted and concatenated. The same articles therefore give the same
    fingerprint whatever the file format or row order; metadata (outlet, dates, titles) does
    not enter it.

    Args:
        corpus: a DataFrame with ``id`` and ``text`` columns, an iterable of such chunks (e.g.
            from :func:`iter_corpus`), or paths to load with :func:`iter_corpus`.

    Returns:
        ``"sha256:<64 hex digits>"``.

    Raises:
        CorpusError: a frame lacks ``id`` or ``text``.

    Examples:
        >>> a = pd.DataFrame({"id": ["x", "y"], "text": ["One.", "Two."]})
        >>> b = pd.DataFrame({"id": ["y", "x"], "text": ["Two.\r\n", "One."]})
        >>> corpus_fingerprint(a) == corpus_fingerprint(b)
        True
        >>> corpus_fingerprint(a)
        'sha256:...'
    """
    if isinstance(corpus, pd.DataFrame):
        chunks: Iterable[pd.DataFrame] = [corpus]
    elif isinstance(corpus, (str, os.PathLike)) or (
        isinstance(corpus, Sequence) and all(isinstance(p, (str, os.PathLike)) for p in corpus)
    ):
        chunks = iter_corpus(corpus)  # type: ignore[arg-type]
    else:
        chunks = corpus  # type: ignore[assignment]
    digests: list[bytes] = []
    for chunk in chunks:
        missing = [c for c in ("id", "text") if c not in chunk.columns]
        if missing:
            raise CorpusError(
                f"a corpus fingerprint needs columns 'id' and 'text'; missing {missing} "
                f"(columns: {', '.join(map(str, chunk.columns))})"
            )
        digests.extend(
            _article_digest(i, t)
            for i, t in zip(chunk["id"].astype(object), chunk["text"].astype(object), strict=True)
        )
    return _fingerprint_of(digests)


# ---------------------------------------------------------------------------------------------
# Text checks

_HTML_TAG = re.compile(
    r"</?(?:p|div|span|br|a|b|i|u|em|strong|img|script|style|table|tr|td|th|li|ul|ol|h[1-6]"
    r"|iframe|figure|figcaption|blockquote|section|article|header|footer|nav|font|center|small"
    r"|sup|sub|hr|meta|link|noscript|form|input|button|label|time|picture|source|video|audio"
    r"|svg|body|html|head|title)\b[^<>]{0,300}?/?>|<!--|-->|<!\[CDATA\[",
    re.IGNORECASE,
)
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# UTF-8 bytes read as Windows-1252/Latin-1: a lead byte's character (Â, Ã, Ä, Å for two-byte
# sequences; â..ï for three-byte ones) followed by continuation-byte characters.
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(
    f"[ÂÃÄÅ][{_CONTINUATION}]|[\u00e2-\u00ef][{_CONTINUATION}]{{2}}|ï»¿|[\u0080-\u009f]"
)
_PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def _html_remnants(text: str) -> list[str]:
    found = [m.group(0) for m in _HTML_TAG.finditer(text)]
    found += [
        m.group(0)
        for m in _HTML_ENTITY.finditer(text)
        if m.group(0)[1] == "#" or m.group(0)[1:] in _HTML5_ENTITIES
    ]
    return found


def _summarise_hits(hits: list[str], limit: int = 3) -> str:
    counts: dict[str, int] = {}
    for hit in hits:
        shown = hit if len(hit) <= 30 else hit[:27] + "..."
        counts[shown] = counts.get(shown, 0) + 1
    parts = [f"{h!r} x{n}" if n > 1 else repr(h) for h, n in list(counts.items())[:limit]]
    more = len(counts) - limit
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")


# ---------------------------------------------------------------------------------------------
# Near-duplicates: MinHash signatures of 5-word shingle sets, banded LSH for candidates, exact
# Jaccard/containment to confirm (Broder 1997; Leskovec, Rajaraman & Ullman, Mining of Massive
# Datasets, ch. 3).

_NUM_PERM = 128
_ROWS_PER_BAND = 2  # 64 bands of 2: pairs with Jaccard >= 0.3 become candidates with p > 0.99
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)
_rng = np.random.default_rng(20260304)
# Multiply-shift hashing (Dietzfelbinger et al. 1997): (a * x + b) mod 2**64, top 32 bits.
_PERM_A = _rng.integers(1, 1 << 63, size=_NUM_PERM, dtype=np.uint64) | np.uint64(1)
_PERM_B = _rng.integers(0, 1 << 63, size=_NUM_PERM, dtype=np.uint64)


def _shingles(text: str | Sequence[str], size: int = SHINGLE_SIZE) -> np.ndarray:
    """Sorted unique 32-bit hashes of the case-folded word ``size``-grams of ``text``.

    ``text`` may be given already split into words (see :func:`framing.text.tokens.words`). Word
    hashes come from :func:`pandas.util.hash_array` with its fixed default key, so they are the
    same in every run.
    """
    tokens = words(text) if isinstance(text, str) else text
    if len(tokens) < size:
        return np.empty(0, dtype=np.uint64)
    folded = np.array([t.casefold() for t in tokens], dtype=object)
    ids = pd.util.hash_array(folded, categorize=False) & _MASK32
    n = len(tokens) - size + 1
    hashes = np.zeros(n, dtype=np.uint64)
    for offset in range(size):
        hashes = (hashes * np.uint64(1_000_003) + ids[offset : offset + n]) & _MASK32
    return np.unique(hashes)


def _signature(shingles: np.ndarray) -> np.ndarray:
    minimum = np.full(_NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(shingles), 4096):
        block = shingles[start : start + 4096]
        # uint64 arithmetic wraps modulo 2**64, as multiply-shift hashing intends.
        values = (_PERM_A[:, None] * block[None, :] + _PERM_B[:, None]) >> _SHIFT32
        minimum = np.minimum(minimum, values.min(axis=1))
    return minimum.astype(np.uint32)


def _candidate_pairs(signatures: np.ndarray) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    if len(signatures) < 2:
        return pairs
    for start in range(0, _NUM_PERM, _ROWS_PER_BAND):
        band = signatures[:, start : start + _ROWS_PER_BAND].astype(np.uint64)
        keys = (band[:, 0] << np.uint64(32)) | band[:, 1]
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        # Only buckets holding two or more signatures matter: walk the runs of equal keys.
        same = np.flatnonzero(ordered[1:] == ordered[:-1])
        if not len(same):
            continue
        gaps = np.diff(same) > 1
        starts = same[np.r_[True, gaps]]
        ends = same[np.r_[gaps, True]] + 2
        for begin, end in zip(starts, ends, strict=True):
            group = sorted(int(g) for g in order[begin:end])
            pairs.update(combinations(group, 2))
    return pairs


# ---------------------------------------------------------------------------------------------
# Validation


def _location(file: Any, row: Any) -> str:
    parts = []
    if file is not None and not (isinstance(file, float) and pd.isna(file)):
        parts.append(str(file))
    if row is not None and not (isinstance(row, float) and pd.isna(row)):
        parts.append(f"row {row}")
    return ", ".join(parts)


@dataclass
class _Article:
    index: int
    id: Any
    outlet: Any
    file: Any
    row: Any


class _Validator:
    """Accumulates per-article facts chunk by chunk, then runs the corpus-wide checks."""

    def __init__(self, near_duplicate_threshold: float | None) -> None:
        self.threshold = near_duplicate_threshold
        self.ids: list[Any] = []
        self.outlets: list[Any] = []
        self.events: list[Any] = []
        self.published: list[pd.Series] = []
        self.words: list[int] = []
        self.files: list[Any] = []
        self.rows: list[Any] = []
        self.text_keys: dict[bytes, list[int]] = {}
        self.digests: list[bytes] = []
        self.signature_rows: list[int] = []
        self.signatures: list[np.ndarray] = []
        self.count = 0

    def add(self, frame: pd.DataFrame, log: ProblemLog) -> None:
        self.published.append(frame["published"].astype("datetime64[ns]"))
        columns = {
            name: frame[name].astype(object).tolist()
            for name in ("id", "outlet", "event", "title", "text", "source_file", "source_row")
        }
        for position in range(len(frame)):
            index = self.count + position
            article_id = columns["id"][position]
            file = columns["source_file"][position]
            row = columns["source_row"][position]
            text = columns["text"][position]
            text = "" if text is None or text is pd.NA else str(text)
            self.ids.append(None if article_id is pd.NA else article_id)
            outlet = columns["outlet"][position]
            self.outlets.append(None if outlet is pd.NA else outlet)
            event = columns["event"][position]
            self.events.append(None if event is pd.NA else event)
            self.files.append(file)
            self.rows.append(row)
            self.digests.append(_article_digest(article_id, text))
            tokens = words(text)
            n_words = len(tokens)
            self.words.append(n_words)
            where = {"file": file, "row": row, "id": self.ids[-1]}
            from_page = isinstance(file, str) and file.lower().endswith(_PAGE_SUFFIXES)
            if not text.strip():
                hint = " (the extractor found no article text in the page)" if from_page else ""
                log.add(
                    "warning",
                    "empty_text",
                    f"text is empty or only whitespace{hint}",
                    column="text",
                    **where,
                )
                continue
            if n_words < SHORT_TEXT_WORDS:
                hint = (
                    "did the extractor find the article?"
                    if from_page
                    else ("a stub, a paywall notice or a truncated export?")
                )
                log.add(
                    "warning",
                    "short_text",
                    f"text has only {n_words} word{'s' if n_words != 1 else ''} ({hint})",
                    column="text",
                    **where,
                )
            title = columns["title"][position]
            for column, value in (("title", title), ("text", text)):
                if value is None or value is pd.NA:
                    continue
                self._check_text(str(value), column, where, log)
            # Exact duplicates ignore differences in whitespace only.
            key = hashlib.blake2b(
                nfc(" ".join(text.split())).encode("utf-8", "surrogatepass"), digest_size=16
            ).digest()
            members = self.text_keys.setdefault(key, [])
            members.append(index)
            if (
                self.threshold is not None
                and len(members) == 1
                and n_words >= NEAR_DUPLICATE_MIN_WORDS
            ):
                shingles = _shingles(tokens)
                if len(shingles):
                    self.signature_rows.append(index)
                    self.signatures.append(_signature(shingles))
        self.count += len(frame)

    @staticmethod
    def _check_text(value: str, column: str, where: dict[str, Any], log: ProblemLog) -> None:
        remnants = _html_remnants(value)
        if remnants:
            log.add(
                "warning",
                "html_remnant",
                f"HTML markup left in the {column}: {_summarise_hits(remnants)} "
                f"({len(remnants)} in all); extract the text from the page again or unescape it",
                column=column,
                **where,
            )
        garbled = _MOJIBAKE.findall(value)
        if garbled:
            log.add(
                "warning",
                "mojibake",
                f"garbled characters in the {column}: {_summarise_hits(garbled)} "
                f"({len(garbled)} in all); looks like UTF-8 read as Windows-1252 or Latin-1 "
                "somewhere upstream; re-export as UTF-8 or repair it (e.g. with ftfy)",
                column=column,
                **where,
            )
        lost = value.count("\ufffd")
        if lost:
            log.add(
                "warning",
                "replacement_character",
                f"the {column} contains {lost} U+FFFD replacement character(s): bytes were "
                "lost when it was decoded before it reached framing",
                column=column,
                **where,
            )

    def _article(self, index: int) -> _Article:
        return _Article(
            index, self.ids[index], self.outlets[index], self.files[index], self.rows[index]
        )

    def finish(
        self,
        log: ProblemLog,
        texts_for: Callable[[set[int]], dict[int, str]],
        *,
        sources: str,
        strict: bool,
    ) -> ValidationReport:
        self._duplicate_ids(log)
        self._duplicate_texts(log)
        near = self._near_duplicates(log, texts_for)
        if self.count == 0 and not any(p["code"] == "no_articles" for p in log.problems):
            log.add("error", "no_articles", "the corpus has no articles")
        return self._report(log, near, sources=sources, strict=strict)

    def _duplicate_ids(self, log: ProblemLog) -> None:
        by_id: dict[Any, list[int]] = {}
        for index, article_id in enumerate(self.ids):
            if article_id is not None:
                by_id.setdefault(article_id, []).append(index)
        for article_id, members in by_id.items():
            if len(members) < 2:
                continue
            for index in members:
                others = [_location(self.files[o], self.rows[o]) for o in members if o != index]
                shown = "; ".join(others[:3]) + (
                    f" and {len(others) - 3} more" if len(others) > 3 else ""
                )
                log.add(
                    "error",
                    "duplicate_id",
                    f"id {article_id!r} is used {len(members)} times (also at {shown})",
                    file=self.files[index],
                    row=self.rows[index],
                    column="id",
                    id=article_id,
                )

    def _duplicate_texts(self, log: ProblemLog) -> None:
        for members in self.text_keys.values():
            if len(members) < 2:
                continue
            first = self._article(members[0])
            for index in members[1:]:
                article = self._article(index)
                across = article.outlet != first.outlet
                kind = (
                    f"across outlets ({first.outlet!r} and {article.outlet!r}): likely syndicated "
                    "wire copy, which inflates similarity between outlets"
                    if across
                    else f"within outlet {article.outlet!r}: the same article twice?"
                )
                log.add(
                    "warning",
                    "duplicate_text",
                    f"text identical to id {first.id!r} "
                    f"({_location(first.file, first.row)}) {kind}",
                    file=article.file,
                    row=article.row,
                    column="text",
                    id=article.id,
                )

    def _near_duplicates(
        self, log: ProblemLog, texts_for: Callable[[set[int]], dict[int, str]]
    ) -> pd.DataFrame:
        columns = [
            "id_a",
            "outlet_a",
            "id_b",
            "outlet_b",
            "jaccard",
            "containment",
            "file_a",
            "row_a",
            "file_b",
            "row_b",
        ]
        if self.threshold is None or len(self.signatures) < 2:
            return pd.DataFrame(columns=columns)
        matrix = np.vstack(self.signatures)
        pairs = []
        for a, b in sorted(_candidate_pairs(matrix)):
            first, second = self.signature_rows[a], self.signature_rows[b]
            outlet_a, outlet_b = self.outlets[first], self.outlets[second]
            if outlet_a is None or outlet_b is None or outlet_a == outlet_b:
                continue
            pairs.append((first, second))
        if not pairs:
            return pd.DataFrame(columns=columns)
        texts = texts_for({i for pair in pairs for i in pair})
        cache: dict[int, np.ndarray] = {}

        def shingles_of(index: int) -> np.ndarray:
            if index not in cache:
                cache[index] = _shingles(texts[index])
            return cache[index]

        records = []
        for first, second in pairs:
            sa, sb = shingles_of(first), shingles_of(second)
            shared = len(np.intersect1d(sa, sb, assume_unique=True))
            jaccard = shared / (len(sa) + len(sb) - shared)
            containment = shared / min(len(sa), len(sb))
            if jaccard < self.threshold and containment < CONTAINMENT_THRESHOLD:
                continue
            a, b = self._article(first), self._article(second)
            records.append(
                [
                    a.id,
                    a.outlet,
                    b.id,
                    b.outlet,
                    round(jaccard, 3),
                    round(containment, 3),
                    a.file,
                    a.row,
                    b.file,
                    b.row,
                ]
            )
            log.add(
                "warning",
                "near_duplicate",
                f"near-duplicate of id {a.id!r} ({a.outlet!r}, {_location(a.file, a.row)}): "
                f"Jaccard {jaccard:.2f}, containment {containment:.2f} of {SHINGLE_SIZE}-word "
                "shingles; shared wire copy inflates similarity between outlets",
                file=b.file,
                row=b.row,
                column="text",
                id=b.id,
            )
        frame = pd.DataFrame(records, columns=columns)
        return frame.sort_values(
            ["jaccard", "id_a", "id_b"], ascending=[False, True, True], ignore_index=True
        )

    def _report(
        self, log: ProblemLog, near: pd.DataFrame, *, sources: str, strict: bool
    ) -> ValidationReport:
        published = (
            pd.concat(self.published, ignore_index=True)
            if self.published
            else pd.Series(dtype="datetime64[ns]")
        )
        meta = pd.DataFrame(
            {
                "outlet": pd.Series(self.outlets, dtype=object),
                "event": pd.Series(self.events, dtype=object),
                "words": pd.Series(self.words, dtype="int64"),
                "published": published.reset_index(drop=True),
            }
        )
        meta["outlet"] = meta["outlet"].fillna("<missing outlet>")
        outlets = (
            meta.groupby("outlet", sort=True)
            .agg(
                articles=("words", "size"),
                words=("words", "sum"),
                mean_words=("words", "mean"),
                events=("event", "nunique"),
                first_published=("published", "min"),
                last_published=("published", "max"),
            )
            .reset_index()
        )
        outlets["mean_words"] = outlets["mean_words"].round(1)
        with_event = meta.dropna(subset=["event"])
        events = (
            with_event.groupby("event", sort=True)
            .agg(
                outlets=("outlet", "nunique"),
                articles=("outlet", "size"),
                outlet_names=("outlet", lambda s: "; ".join(sorted(set(s)))),
            )
            .reset_index()
        )
        events = events.sort_values(
            ["outlets", "event"], ascending=[False, True], ignore_index=True
        )
        problems = pd.DataFrame(log.problems, columns=_PROBLEM_COLUMNS)
        # Rows are record numbers or index labels; with a file-level problem (row None) in the
        # same table pandas would turn them into floats ("row 2.0").
        problems["row"] = pd.Series([p["row"] for p in log.problems], dtype=object)
        if len(problems):
            problems["_rank"] = problems["severity"].map(_SEVERITY_RANK)
            problems["_order"] = range(len(problems))
            problems = problems.sort_values(["_rank", "code", "_order"], ignore_index=True)
            problems = problems.drop(columns=["_rank", "_order"])
        problems["severity"] = pd.Categorical(
            problems["severity"], categories=list(_SEVERITY_RANK), ordered=True
        )
        valid_dates = published.dropna()
        return ValidationReport(
            problems=problems,
            outlets=outlets,
            events=events,
            near_duplicates=near,
            excluded=pd.DataFrame(log.excluded, columns=["file", "row", "code", "reason"]),
            n_articles=self.count,
            n_words=int(sum(self.words)),
            date_range=(
                (valid_dates.min(), valid_dates.max()) if len(valid_dates) else (None, None)
            ),
            fingerprint=_fingerprint_of(self.digests),
            sources=sources,
            strict=strict,
        )


def _validate_frame(
    frame: pd.DataFrame,
    log: ProblemLog,
    *,
    sources: str,
    strict: bool,
    near_duplicate_threshold: float | None = NEAR_DUPLICATE_THRESHOLD,
) -> ValidationReport:
    """Corpus-wide checks on an already loaded frame (with provenance columns)."""
    validator = _Validator(near_duplicate_threshold)
    validator.add(frame, log)
    texts = frame["text"].astype(object).tolist()
    return validator.finish(
        log, lambda wanted: {i: texts[i] for i in wanted}, sources=sources, strict=strict
    )


def validate_corpus(
    data: pd.DataFrame | Paths,
    *,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    dayfirst: bool | None = None,
    encoding: str | None = None,
    near_duplicate_threshold: float | None = NEAR_DUPLICATE_THRESHOLD,
    chunksize: int = 50_000,
) -> ValidationReport:
    """Check a corpus and report what it holds and everything that looks wrong.

    Files are streamed chunk by chunk, so corpora larger than memory can be validated (a
    second pass re-reads only the articles involved in near-duplicate candidates).

    Summary: articles and words per outlet, date range, events covered by several outlets.
    Problems (codes documented in ``docs/corpus.md``): missing columns and values, duplicate
    ids, empty texts, exact and near-duplicate texts across outlets, unparseable and ambiguous
    dates, HTML remnants, mojibake, replacement characters, guessed encodings, malformed or
    undecodable records (which are excluded and listed).

    Args:
        data: a DataFrame (raw or from :func:`load_corpus`; its ``source_file``/``source_row``
            columns are used for locations if present, else ``row`` is the index label), or
            paths as for :func:`load_corpus`.
        columns, dayfirst, encoding: as for :func:`load_corpus`.
        strict: count warnings as errors in :attr:`ValidationReport.exit_code`.
        near_duplicate_threshold: Jaccard similarity of 5-word shingle sets from which two
            articles of different outlets are reported (a pair is also reported when 90% of the
            shorter one's shingles are in the other); ``None`` skips the check.
        chunksize: records per chunk when streaming files.

    Returns:
        A :class:`ValidationReport`.

    Raises:
        FileNotFoundError: a path does not exist.
        CorpusError: no article files were found.

    Examples:
        >>> lead = "Dock workers returned to Port Belmar on Monday after a three-day strike."
        >>> lead += " The union said night crews would get a fourth team."
        >>> df = pd.DataFrame({
        ...     "id": ["a1", "a1"], "outlet": ["Sentinel", "Courier"],
        ...     "published": ["2026-03-04", "yesterday"], "title": ["T", "T"],
        ...     "text": [lead, f"<p>{lead}</p>"],
        ... })
        >>> report = validate_corpus(df)
        >>> report.exit_code
        2
        >>> sorted(set(report.problems["code"]))
        ['duplicate_id', 'html_remnant', 'near_duplicate', 'unparseable_date']
    """
    if near_duplicate_threshold is not None and not 0 < near_duplicate_threshold <= 1:
        raise ValueError(
            f"near_duplicate_threshold must be in (0, 1] or None, got {near_duplicate_threshold}"
        )
    log = ProblemLog()
    validator = _Validator(near_duplicate_threshold)
    options = {"columns": columns, "dayfirst": dayfirst, "encoding": encoding}
    if isinstance(data, pd.DataFrame):
        frame = _concat(list(_normalised_chunks(data, log=log, chunksize=None, **options)))
        log.flush_derived()
        return _validate_frame(
            frame,
            log,
            sources="DataFrame",
            strict=strict,
            near_duplicate_threshold=near_duplicate_threshold,
        )
    for frame in _normalised_chunks(data, log=log, chunksize=chunksize, **options):
        validator.add(frame, log)
    log.flush_derived()

    def texts_for(wanted: set[int]) -> dict[int, str]:
        # Second pass: re-read the files (problems were already recorded in the first).
        found: dict[int, str] = {}
        offset = 0
        quiet = ProblemLog()
        for frame in _normalised_chunks(data, log=quiet, chunksize=chunksize, **options):
            texts = frame["text"].astype(object).tolist()
            for index in wanted:
                if offset <= index < offset + len(frame):
                    found[index] = texts[index - offset]
            offset += len(frame)
            if len(found) == len(wanted):
                break
        return found

    return validator.finish(log, texts_for, sources=_describe(data), strict=strict)


# ---------------------------------------------------------------------------------------------
# Report


def _problems_message(problems: Sequence[Mapping[str, Any]], headline: str, limit: int = 10) -> str:
    lines = [f"{headline}:"]
    for problem in list(problems)[:limit]:
        lines.append("  " + _problem_line(problem))
    if len(problems) > limit:
        lines.append(
            f"  ... and {len(problems) - limit} more; run framing.validate_corpus(...) for all"
        )
    return "\n".join(lines)


def _problem_line(problem: Mapping[str, Any]) -> str:
    where = _location(problem.get("file"), problem.get("row"))
    column = problem.get("column")
    if isinstance(column, str):
        where += f", column {column!r}" if where else f"column {column!r}"
    where = f"{where}: " if where else ""
    return f"{problem['severity']} {problem['code']}: {where}{problem['message']}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@dataclass
class ValidationReport:
    """What a corpus holds and what is wrong with it.

    Attributes:
        problems: one row per problem, columns ``severity`` (``error``, ``warning`` or
            ``info``), ``code``, ``message``, ``file``, ``row``, ``column``, ``id``; sorted by
            severity, then code.
        outlets: per outlet: ``articles``, ``words``, ``mean_words``, ``events``,
            ``first_published``, ``last_published``.
        events: per event: number of ``outlets`` and ``articles``, ``outlet_names``.
        near_duplicates: pairs of articles of different outlets with their ``jaccard`` and
            ``containment`` similarity.
        excluded: records or files that could not be loaded, with the reason.
        n_articles: articles loaded.
        n_words: words in all texts.
        date_range: earliest and latest publication date (``None`` if there are none).
        fingerprint: :func:`corpus_fingerprint` of the loaded articles.
        sources: what was validated.
        strict: whether warnings count as errors.
    """

    problems: pd.DataFrame
    outlets: pd.DataFrame
    events: pd.DataFrame
    near_duplicates: pd.DataFrame
    excluded: pd.DataFrame
    n_articles: int
    n_words: int
    date_range: tuple[pd.Timestamp | None, pd.Timestamp | None]
    fingerprint: str
    sources: str = ""
    strict: bool = False

    @property
    def errors(self) -> pd.DataFrame:
        """Problems with severity ``error``."""
        return self.problems[self.problems["severity"] == "error"]

    @property
    def warnings(self) -> pd.DataFrame:
        """Problems with severity ``warning``."""
        return self.problems[self.problems["severity"] == "warning"]

    @property
    def notes(self) -> pd.DataFrame:
        """Informational entries (derived fields, skipped files): not problems."""
        return self.problems[self.problems["severity"] == "info"]

    @property
    def shared_events(self) -> pd.DataFrame:
        """Events covered by two or more outlets (the basis of matched comparisons)."""
        return self.events[self.events["outlets"] >= 2].reset_index(drop=True)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 warnings, 2 errors (or warnings in strict mode)."""
        if len(self.errors) or (self.strict and len(self.warnings)):
            return 2
        return 1 if len(self.warnings) else 0

    @property
    def ok(self) -> bool:
        """True when there is no error or warning."""
        return self.exit_code == 0

    def raise_for_problems(self) -> None:
        """Raise :class:`CorpusError` listing the errors and warnings, if there are any."""
        serious = self.problems[self.problems["severity"] != "info"]
        if len(serious):
            raise CorpusError(
                _problems_message(
                    serious.to_dict("records"),
                    f"corpus has {_plural(len(self.errors), 'error')} and "
                    f"{_plural(len(self.warnings), 'warning')} (strict mode)",
                )
            )

    def _date_text(self) -> str:
        first, last = self.date_range
        if first is None or last is None:
            return "no publication dates"
        return f"published {first:%Y-%m-%d} to {last:%Y-%m-%d}"

    def _verdict(self) -> str:
        code = self.exit_code
        label = {0: "clean", 1: "warnings", 2: "errors"}[code]
        if code == 2 and not len(self.errors):
            label = "warnings (strict: counted as errors)"
        return f"Result: {label} (exit code {code})"

    def format(self, max_examples: int = 5) -> str:
        """Plain-text report, as printed by ``framing validate``.

        Args:
            max_examples: problems shown per problem code (all are in :attr:`problems`).
        """
        lines = [
            f"Corpus: {self.sources}",
            f"  {_plural(self.n_articles, 'article')}, {_plural(len(self.outlets), 'outlet')}, "
            f"{_plural(self.n_words, 'word')}; {self._date_text()}",
            f"  fingerprint {self.fingerprint}",
        ]
        if len(self.outlets):
            table = self.outlets.copy()
            for column in ("first_published", "last_published"):
                table[column] = table[column].dt.strftime("%Y-%m-%d").fillna("-")
            lines += ["", "Outlets", _indent(_table_text(table))]
        shared = self.shared_events
        lines += ["", f"Events covered by several outlets: {len(shared)} of {len(self.events)}"]
        if len(shared):
            shown = shared.head(20).copy()
            shown["outlet_names"] = [
                names if len(names) <= 70 else names[:67] + "..." for names in shown["outlet_names"]
            ]
            lines.append(_indent(_table_text(shown)))
            if len(shared) > 20:
                lines.append(f"  ... and {len(shared) - 20} more")
        if len(self.excluded):
            lines += [
                "",
                f"Excluded: {_plural(len(self.excluded), 'record')} (see the errors below)",
            ]
        counts = [
            _plural(len(self.errors), "error"),
            _plural(len(self.warnings), "warning"),
            _plural(len(self.notes), "note"),
        ]
        lines += ["", "Problems: " + ", ".join(counts)]
        if not len(self.problems):
            lines.append("  none")
        for (severity, code), group in self.problems.groupby(
            ["severity", "code"], sort=False, observed=True
        ):
            lines.append(f"  {severity} {code} ({len(group)})")
            for problem in group.head(max_examples).to_dict("records"):
                where = _location(problem["file"], problem["row"])
                column = problem["column"]
                if isinstance(column, str):
                    where += f", column {column!r}" if where else f"column {column!r}"
                lines.append(
                    f"    {where}: {problem['message']}" if where else f"    {problem['message']}"
                )
            if len(group) > max_examples:
                lines.append(f"    ... and {len(group) - max_examples} more")
        lines += ["", self._verdict()]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary (``framing validate --json``)."""
        first, last = self.date_range

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return json.loads(frame.to_json(orient="records", date_format="iso"))

        return {
            "sources": self.sources,
            "articles": self.n_articles,
            "words": self.n_words,
            "first_published": None if first is None else first.isoformat(),
            "last_published": None if last is None else last.isoformat(),
            "fingerprint": self.fingerprint,
            "exit_code": self.exit_code,
            "strict": self.strict,
            "outlets": records(self.outlets),
            "events": records(self.events),
            "near_duplicates": records(self.near_duplicates),
            "excluded": records(self.excluded),
            "problems": records(self.problems.astype({"severity": str})),
        }

    def _repr_html_(self) -> str:
        esc = html.escape
        colour = {0: "#1a7f37", 1: "#9a6700", 2: "#cf222e"}[self.exit_code]
        parts = [
            "<div class='framing-validation'>",
            f"<p><strong>Corpus</strong> {esc(self.sources)}: "
            f"{esc(_plural(self.n_articles, 'article'))}, "
            f"{esc(_plural(len(self.outlets), 'outlet'))}, {esc(_plural(self.n_words, 'word'))}; "
            f"{esc(self._date_text())}<br><code>{esc(self.fingerprint)}</code></p>",
            f"<p style='color:{colour}'><strong>{esc(self._verdict())}</strong> &mdash; "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings, "
            f"{len(self.notes)} notes</p>",
        ]
        if len(self.outlets):
            parts += ["<h4>Outlets</h4>", self.outlets.to_html(index=False, escape=True)]
        if len(self.shared_events):
            parts += [
                "<h4>Events covered by several outlets</h4>",
                self.shared_events.head(50).to_html(index=False, escape=True),
            ]
        if len(self.problems):
            shown = self.problems.head(200)
            parts += [
                f"<h4>Problems (first {len(shown)} of {len(self.problems)})</h4>",
                shown.to_html(index=False, escape=True, na_rep=""),
            ]
        parts.append("</div>")
        return "\n".join(parts)


def _table_text(frame: pd.DataFrame) -> str:
    """Plain-text table: text left-aligned, numbers right-aligned, missing values as ``-``."""
    columns = []
    for name in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[name].dtype)
        values = [
            "-"
            if pd.isna(value)
            else f"{value:,}"
            if isinstance(value, int | np.integer)
            else str(value)
            for value in frame[name]
        ]
        width = max([len(str(name))] + [len(v) for v in values])
        columns.append((str(name), values, width, numeric))

    def line(cells: Iterable[tuple[str, int, bool]]) -> str:
        return "  ".join(c.rjust(w) if right else c.ljust(w) for c, w, right in cells).rstrip()

    lines = [line((name, width, numeric) for name, _, width, numeric in columns)]
    for position in range(len(frame)):
        lines.append(
            line((values[position], width, numeric) for _, values, width, numeric in columns)
        )
    return "\n".join(lines)


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())
