"""The validator: every check on a corpus, streamed chunk by chunk, and its report.

Per article (as chunks pass): the checks of :mod:`framing.corpus.article_checks`, a digest for
the fingerprint, a key for exact duplicates and a MinHash signature for near-duplicates
(:mod:`framing.corpus.duplicates`). At the end, corpus-wide: duplicate ids, duplicate texts,
near-duplicates across outlets (confirmed on the candidates' texts, re-read in a second pass),
and the summary tables of the :class:`~framing.corpus.validation_report.ValidationReport`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing import defaults
from framing.corpus.article_checks import check_article
from framing.corpus.duplicates import (
    CONTAINMENT_THRESHOLD,
    NEAR_DUPLICATE_MIN_WORDS,
    SHINGLE_SIZE,
    candidate_pairs,
    minhash_signature,
    shingle_hashes,
    text_key,
)
from framing.corpus.fingerprint import article_digest, fingerprint_of
from framing.corpus.problems import ProblemLog, location, problems_table
from framing.corpus.stream import Paths, concat, describe, normalised_chunks
from framing.corpus.validation_report import ValidationReport
from framing.text.tokens import words

#: Jaccard similarity of 5-word shingle sets from which two articles of different outlets are
#: reported as near-duplicates (shared wire copy).
NEAR_DUPLICATE_THRESHOLD = defaults.NEAR_DUPLICATE_THRESHOLD


@dataclass
class _Article:
    index: int
    id: Any
    outlet: Any
    file: Any
    row: Any


class _Validator:
    """Accumulates per-article facts chunk by chunk, then runs the corpus-wide checks."""

    def __init__(self, near_duplicate_threshold: float | None, *, digests: bool = True) -> None:
        self.threshold = near_duplicate_threshold
        #: Whether :meth:`add` keeps each article's digest (for the fingerprint).
        self.keep_digests = digests
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

    def add(
        self, frame: pd.DataFrame, log: ProblemLog, words_known: Sequence[int | None] = ()
    ) -> None:
        """Check and record the articles of ``frame``. ``words_known``: per row, the
        article's word count when the caller has it (``None``: count here), which is used
        only when no near-duplicate check needs the words themselves."""
        known = words_known if self.threshold is None else ()
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
            if self.keep_digests:
                self.digests.append(article_digest(article_id, text))
            given = known[position] if position < len(known) else None
            tokens = words(text) if given is None else []  # [] only without a threshold
            n_words = len(tokens) if given is None else given
            self.words.append(n_words)
            where = {"file": file, "row": row, "id": self.ids[-1]}
            if not check_article(text, columns["title"][position], n_words, where, log):
                continue
            # Exact duplicates ignore differences in whitespace only.
            key = text_key(text)
            members = self.text_keys.setdefault(key, [])
            members.append(index)
            if (
                self.threshold is not None
                and len(members) == 1
                and n_words >= NEAR_DUPLICATE_MIN_WORDS
            ):
                shingles = shingle_hashes(tokens)
                if len(shingles):
                    self.signature_rows.append(index)
                    self.signatures.append(minhash_signature(shingles))
        self.count += len(frame)

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
        log_duplicate_ids(log, self.ids, self.files, self.rows)

    def _duplicate_texts(self, log: ProblemLog) -> None:
        log_duplicate_texts(
            log, self.text_keys.values(), self.ids, self.outlets, self.files, self.rows
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
        for a, b in sorted(candidate_pairs(matrix)):
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
                cache[index] = shingle_hashes(texts[index])
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
                f"near-duplicate of id {a.id!r} ({a.outlet!r}, {location(a.file, a.row)}): "
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
        problems = problems_table(log.problems)
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
            fingerprint=fingerprint_of(self.digests),
            sources=sources,
            strict=strict,
        )


def log_duplicate_ids(
    log: ProblemLog, ids: Sequence[Any], files: Sequence[Any], rows: Sequence[Any]
) -> None:
    """Log a ``duplicate_id`` error for every article whose id another article also has
    (``ids``, ``files`` and ``rows`` in corpus order; ``None`` ids are not compared)."""
    by_id: dict[Any, list[int]] = {}
    for index, article_id in enumerate(ids):
        if article_id is not None:
            by_id.setdefault(article_id, []).append(index)
    for article_id, members in by_id.items():
        if len(members) < 2:
            continue
        for index in members:
            others = [location(files[o], rows[o]) for o in members if o != index]
            shown = "; ".join(others[:3]) + (
                f" and {len(others) - 3} more" if len(others) > 3 else ""
            )
            log.add(
                "error",
                "duplicate_id",
                f"id {article_id!r} is used {len(members)} times (also at {shown})",
                file=files[index],
                row=rows[index],
                column="id",
                id=article_id,
            )


def log_duplicate_texts(
    log: ProblemLog,
    groups: Iterable[Sequence[int]],
    ids: Sequence[Any],
    outlets: Sequence[Any],
    files: Sequence[Any],
    rows: Sequence[Any],
) -> None:
    """Log a ``duplicate_text`` warning for every article after the first of each group of
    articles sharing a text (``groups``: positions, in corpus order, by first appearance)."""
    for index, message in duplicate_texts(groups, ids, outlets, files, rows):
        log.add(
            "warning",
            "duplicate_text",
            message,
            file=files[index],
            row=rows[index],
            column="text",
            id=ids[index],
        )


def duplicate_texts(
    groups: Iterable[Sequence[int]],
    ids: Sequence[Any],
    outlets: Sequence[Any],
    files: Sequence[Any],
    rows: Sequence[Any],
) -> Iterator[tuple[int, str]]:
    """The position and message of every article after the first of each group of articles
    sharing a text, in the order :func:`log_duplicate_texts` logs them."""
    for members in groups:
        if len(members) < 2:
            continue
        first = members[0]
        same = f"text identical to id {ids[first]!r} ({location(files[first], rows[first])}) "
        for index in members[1:]:
            across = outlets[index] != outlets[first]
            kind = (
                f"across outlets ({outlets[first]!r} and {outlets[index]!r}): likely syndicated "
                "wire copy, which inflates similarity between outlets"
                if across
                else f"within outlet {outlets[index]!r}: the same article twice?"
            )
            yield index, same + kind


def validate_frame(
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
        frame = concat(list(normalised_chunks(data, log=log, chunksize=None, **options)))
        log.flush_derived()
        return validate_frame(
            frame,
            log,
            sources="DataFrame",
            strict=strict,
            near_duplicate_threshold=near_duplicate_threshold,
        )
    for frame in normalised_chunks(data, log=log, chunksize=chunksize, **options):
        validator.add(frame, log)
    log.flush_derived()

    def texts_for(wanted: set[int]) -> dict[int, str]:
        # Second pass: re-read the files (problems were already recorded in the first).
        found: dict[int, str] = {}
        offset = 0
        quiet = ProblemLog()
        for frame in normalised_chunks(data, log=quiet, chunksize=chunksize, **options):
            texts = frame["text"].astype(object).tolist()
            for index in wanted:
                if offset <= index < offset + len(frame):
                    found[index] = texts[index - offset]
            offset += len(frame)
            if len(found) == len(wanted):
                break
        return found

    return validator.finish(log, texts_for, sources=describe(data), strict=strict)
