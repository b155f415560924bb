r"""Feature extraction at corpus level: every detector on every article, as two tidy tables.

:func:`extract` runs the loaded-term, attribution and marker detectors over a corpus (as read by
:func:`framing.load_corpus`) and returns an :class:`Extraction` with

- ``articles``: one row per article: word count, counts and rates per 1,000 words of loaded
  terms by voice and category, attributions by verb class, kind and source type, the share of
  anonymous sources, scare quotes and hedges;
- ``hits``: one row per detector hit, with character offsets into the article text, so every
  number in ``articles`` (and in any statistic computed from it) can be traced back to the
  words that produced it.

The columns are the contract in ``docs/FORMATS.md`` ("Extracted feature tables") and are listed
in :data:`ARTICLE_COLUMNS` and :data:`HIT_COLUMNS`. Results are identical to running
:func:`framing.analyze` on each article, and identical (same rows, same order) whatever
``n_jobs`` is.

**Word count.** ``words`` is the number of matches of the regular expression
:data:`WORD_PATTERN`, ``\w+(?:['’\-]\w+)*``: runs of letters and digits, joined across inner
hyphens and apostrophes ("so-called" and "union's" are one word each, "3,400" is two).
It is the same definition the corpus validator uses for short texts. Rates are per 1,000 such
words of the whole article, quotations included.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
import json
import logging
import math
import os
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing import attribution, loaded
from framing._corpus_io import _WORD
from framing._text import QuoteIndex, quote_spans
from framing.analysis import _speakers_for  # the one definition analyze() uses too
from framing.corpus import _article_digest, _fingerprint_of, corpus_fingerprint, load_corpus
from framing.lexicon import Lexicon, haystack, read_lexicon
from framing.loaded import LexiconSpec

# `framing.markers` is the detector function once the package is imported (the package
# re-exports it under the module's name), so take what is needed from the module directly.
from framing.markers import DETECTOR as MARKERS_DETECTOR
from framing.markers import find_markers, hedge_matcher
from framing.types import (
    ATTRIBUTION_COLUMNS,
    ATTRIBUTION_KINDS,
    LOADED_CATEGORIES,
    LOADED_TERM_COLUMNS,
    MARKER_COLUMNS,
    SOURCE_TYPES,
    STRING_DTYPE,
    VERB_CLASSES,
)

__all__ = [
    "ARTICLE_COLUMNS",
    "DEFAULT_CHUNKSIZE",
    "HIT_COLUMNS",
    "WORD_PATTERN",
    "DaskExtraction",
    "Extraction",
    "ExtractionMismatch",
    "extract",
    "word_count",
]

logger = logging.getLogger("framing")

#: The word-count pattern (see the module docstring); shared with the corpus validator.
WORD_PATTERN: str = _WORD.pattern
#: Corpora with at least this many articles show a progress bar unless ``progress=False``.
PROGRESS_MIN_ARTICLES = 500
#: Articles per chunk (and per Parquet part of a streamed run): about 4 MB of news text, a
#: few seconds of work, so parts are small enough to resume cheaply and many enough to share.
DEFAULT_CHUNKSIZE = 2_000
#: Layout of a streamed run: ``DIR/manifest.json`` and ``DIR/parts/{articles,hits}-NNNNN.parquet``.
MANIFEST = "manifest.json"
PARTS_DIR = "parts"
MANIFEST_FORMAT = "framing.extract.parts/1"
#: Hedge-like marker types counted in ``hedges``.
HEDGE_TYPES = ("hedge", "epistemic_distancing", "unverified")
#: Values of ``hits["detector"]``, in the order hits of one article are listed.
DETECTORS = ("loaded", "attribution", "marker")

# Positions of the detectors' row tuples (documented to follow the column contracts in types.py).
_LOADED = {name: i for i, name in enumerate(LOADED_TERM_COLUMNS)}
_ATTRIBUTION = {name: i for i, name in enumerate(ATTRIBUTION_COLUMNS)}
_MARKER = {name: i for i, name in enumerate(MARKER_COLUMNS)}

_META_COLUMNS = ("id", "outlet", "event", "published", "title")
_COUNT_COLUMNS = (
    "loaded_outlet",
    "loaded_quoted",
    *(f"loaded_outlet_{c}" for c in LOADED_CATEGORIES),
    "attributions",
    *(f"attr_{v}" for v in VERB_CLASSES),
    *(f"attr_{k}" for k in ATTRIBUTION_KINDS),
    *(f"attr_{s}" for s in SOURCE_TYPES),
    "scare_quotes",
    "hedges",
)
_RATE_COLUMNS = ("rate_loaded_outlet", "rate_loaded_quoted", "rate_scare_quotes", "rate_hedges")

#: Columns of :attr:`Extraction.articles`, in order.
ARTICLE_COLUMNS: tuple[str, ...] = (
    *_META_COLUMNS,
    "words",
    *_COUNT_COLUMNS,
    *_RATE_COLUMNS,
    "anonymous_share",
)
#: Columns of :attr:`Extraction.hits`, in order.
HIT_COLUMNS: tuple[str, ...] = (
    "id",
    "outlet",
    "event",
    "detector",
    "start",
    "end",
    "text",
    "label",
    "category",
    "in_quote",
    "speaker",
    "kind",
    "source_type",
    "speaker_start",
    "speaker_end",
)

_HIT_DTYPES: dict[str, Any] = {
    "id": STRING_DTYPE,
    "outlet": STRING_DTYPE,
    "event": STRING_DTYPE,
    "detector": STRING_DTYPE,
    "start": "int64",
    "end": "int64",
    "text": STRING_DTYPE,
    "label": STRING_DTYPE,
    "category": STRING_DTYPE,
    "in_quote": "bool",
    "speaker": STRING_DTYPE,
    "kind": STRING_DTYPE,
    "source_type": STRING_DTYPE,
    "speaker_start": "Int64",
    "speaker_end": "Int64",
}
_FILES = ("articles.parquet", "hits.parquet", "provenance.json")


def word_count(text: str) -> int:
    """Number of words in ``text`` as counted for ``articles["words"]``.

    A word is a match of :data:`WORD_PATTERN`: letters and digits, joined across inner
    hyphens and apostrophes.

    Examples:
        >>> word_count("The so-called “reform” isn't new: 3,400 dockers struck.")
        9
    """
    return len(_WORD.findall(text))


# ---------------------------------------------------------------------------------------------
# One article


def _article_hits(
    text: str, matcher: Any
) -> tuple[list[tuple], list[tuple], list[tuple], QuoteIndex]:
    """Loaded, attribution and marker rows of one text, combined exactly as
    :func:`framing.analyze` combines them; loaded rows get the quotation's speaker appended."""
    hay = haystack(text)
    quotes = QuoteIndex(quote_spans(text))
    att_rows = attribution.find_attributions(text, quotes, hay)
    loaded_rows = loaded.find_loaded(text, matcher, quotes, hay)
    marker_rows = find_markers(text, quotes, att_rows, hay)
    speakers = _speakers_for(loaded_rows, att_rows, quotes)
    with_speaker = [(*row, speaker) for row, speaker in zip(loaded_rows, speakers, strict=True)]
    return with_speaker, att_rows, marker_rows, quotes


def _extract_one(
    article_id: str, outlet: str, event: Any, text: str, matcher: Any
) -> tuple[list[int], list[tuple]]:
    """Counts (in ``_COUNT_COLUMNS`` order, after ``words``) and hit rows of one article."""
    loaded_rows, att_rows, marker_rows, quotes = _article_hits(text, matcher)
    lt, at, mk = _LOADED, _ATTRIBUTION, _MARKER
    speaker_of_loaded = len(LOADED_TERM_COLUMNS)  # appended by _article_hits
    hits: list[tuple] = []
    for r in loaded_rows:
        hits.append(
            (article_id, outlet, event, "loaded", r[lt["start"]], r[lt["end"]], r[lt["text"]],
             r[lt["term"]], r[lt["category"]], bool(r[lt["in_quote"]]), r[speaker_of_loaded],
             None, None, None, None)
        )  # fmt: skip
    for r in att_rows:
        verb_start, verb_end = r[at["verb_start"]], r[at["verb_end"]]
        hits.append(
            (article_id, outlet, event, "attribution", verb_start, verb_end, r[at["verb"]],
             r[at["verb_lemma"]], r[at["verb_class"]],
             quotes.containing(verb_start, verb_end) is not None, r[at["speaker"]],
             r[at["kind"]], r[at["source_type"]], r[at["speaker_start"]], r[at["speaker_end"]])
        )  # fmt: skip
    for r in marker_rows:
        hits.append(
            (article_id, outlet, event, "marker", r[mk["start"]], r[mk["end"]], r[mk["text"]],
             r[mk["term"]], r[mk["type"]], bool(r[mk["in_quote"]]), None, None, None, None,
             None)
        )  # fmt: skip

    in_quote = [bool(r[lt["in_quote"]]) for r in loaded_rows]
    outlet_categories = Counter(
        r[lt["category"]] for r, quoted in zip(loaded_rows, in_quote, strict=True) if not quoted
    )
    verb_classes = Counter(r[at["verb_class"]] for r in att_rows)
    kinds = Counter(r[at["kind"]] for r in att_rows)
    source_types = Counter(r[at["source_type"]] for r in att_rows)
    marker_types = Counter(r[mk["type"]] for r in marker_rows)
    _warn_unknown(article_id, "loaded category", outlet_categories, LOADED_CATEGORIES)
    _warn_unknown(article_id, "verb class", verb_classes, VERB_CLASSES)
    _warn_unknown(article_id, "attribution kind", kinds, ATTRIBUTION_KINDS)
    _warn_unknown(article_id, "source type", source_types, SOURCE_TYPES)
    quoted = sum(in_quote)
    counts = [
        word_count(text),
        len(loaded_rows) - quoted,
        quoted,
        *(outlet_categories[c] for c in LOADED_CATEGORIES),
        len(att_rows),
        *(verb_classes[v] for v in VERB_CLASSES),
        *(kinds[k] for k in ATTRIBUTION_KINDS),
        *(source_types[s] for s in SOURCE_TYPES),
        marker_types["scare_quote"],
        sum(marker_types[t] for t in HEDGE_TYPES),
    ]
    return counts, hits


def _warn_unknown(article_id: str, what: str, seen: Counter, known: Sequence[str]) -> None:
    unknown = sorted(set(seen) - set(known), key=str)
    if unknown:
        logger.warning(
            "article %r: %s value(s) %s are not in the table contract (%s) and are only in "
            "`hits`, not counted in `articles`",
            article_id,
            what,
            ", ".join(map(repr, unknown)),
            ", ".join(known),
        )


# ---------------------------------------------------------------------------------------------
# One batch of articles: the unit of work sent to a worker (local process or Dask task)
#
# A batch is a plain dict of column arrays (metadata as object arrays, texts as a list of str),
# not a DataFrame: it pickles cheaply, and the worker builds the two result tables once per
# batch rather than once per article.


def _texts(frame: pd.DataFrame, offset: int) -> list[str]:
    """The ``text`` column as ``str`` (missing: ""), checked; rows are numbered from ``offset``."""
    texts = frame["text"].astype(object).tolist()
    for position, t in enumerate(texts):
        if isinstance(t, str):
            continue
        if t is None or t is pd.NA or (isinstance(t, float) and math.isnan(t)):
            texts[position] = ""
            continue
        article_id = frame["id"].iloc[position]
        raise TypeError(
            f"corpus row {offset + position} (id {article_id!r}): text must be a str, got "
            f"{type(t).__name__}"
        )
    return texts


def _batch(frame: pd.DataFrame, offset: int = 0) -> dict[str, Any]:
    """The columns of ``frame`` that extraction needs, as plain arrays."""
    batch: dict[str, Any] = {"n": len(frame), "text": _texts(frame, offset)}
    for name in ("id", "outlet", "event", "title"):
        batch[name] = frame[name].to_numpy(dtype=object) if name in frame else None
    batch["published"] = frame["published"].to_numpy() if "published" in frame else None
    return batch


def _run_batch(
    batch: dict[str, Any],
    lexicon: tuple[str, ...] | None,
    extra: tuple[str, ...] | None,
    target: tuple[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame] | tuple[int, int]:
    """Worker entry point (module level, so a process pool or Dask can pickle it).

    Returns the ``(articles, hits)`` tables of the batch, or, when ``target`` names two Parquet
    files, writes the tables there (atomically) and returns only their row counts, so the hits
    never travel back to the parent process.
    """
    matcher = loaded.get_matcher(list(lexicon) if lexicon else None, list(extra) if extra else None)
    n = batch["n"]
    ids = batch["id"] if batch["id"] is not None else [None] * n
    outlets = batch["outlet"] if batch["outlet"] is not None else [None] * n
    events = batch["event"] if batch["event"] is not None else [None] * n
    counts: list[list[int]] = []
    rows: list[tuple] = []
    for i, o, e, t in zip(ids, outlets, events, batch["text"], strict=True):
        article_counts, article_hits = _extract_one(_scalar(i), _scalar(o), _scalar(e), t, matcher)
        counts.append(article_counts)
        rows.extend(article_hits)
    articles = _articles_frame(batch, counts)
    hits = _hits_frame(rows)
    if target is None:
        return articles, hits
    _write_part(articles, Path(target[0]))
    _write_part(hits, Path(target[1]))
    return len(articles), len(hits)


def _write_part(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` to ``path`` atomically: no reader or resumed run sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    table.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def _warm_worker(lexicon: tuple[str, ...] | None, extra: tuple[str, ...] | None) -> None:
    """Process-pool initializer: compile the lexicons once per worker, not once per batch."""
    _run_batch(_batch(pd.DataFrame({"id": ["warm-up"], "outlet": ["-"], "text": ["x said."]})),
               lexicon, extra)  # fmt: skip


class _InlineExecutor(Executor):
    """Runs each call at once in this process (``n_jobs=1``): same code path, no pool."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


# ---------------------------------------------------------------------------------------------
# Corpus


def _as_corpus(corpus: pd.DataFrame | str | os.PathLike[str]) -> pd.DataFrame:
    if isinstance(corpus, str | os.PathLike):
        return load_corpus(corpus)
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            "framing.extract() expects a corpus DataFrame (from framing.load_corpus), a "
            f"dask.dataframe.DataFrame or a path to load, got {type(corpus).__name__}"
        )
    return _check_corpus_columns(corpus)


def _check_corpus_columns(corpus: Any) -> Any:
    missing = [c for c in ("id", "outlet", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(
            f"corpus lacks column(s) {', '.join(missing)} (columns: "
            f"{', '.join(map(str, corpus.columns))}); read it with framing.load_corpus(...)"
        )
    return corpus


def _is_dask_frame(corpus: Any) -> bool:
    module = type(corpus).__module__
    return module.startswith("dask") and hasattr(corpus, "map_partitions")


def _scalar(value: Any) -> Any:
    return None if value is None or value is pd.NA or pd.isna(value) else str(value)


def _resolve_jobs(n_jobs: int) -> int:
    if not isinstance(n_jobs, int | np.integer) or isinstance(n_jobs, bool):
        raise TypeError(f"n_jobs must be an int, got {n_jobs!r}")
    if n_jobs == -1:
        return os.cpu_count() or 1
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive number of processes or -1 (all), got {n_jobs}")
    return int(n_jobs)


def _progress_bar(total: int | None, progress: bool | None) -> Any:
    from tqdm.std import tqdm as text_bar

    if progress is None:
        # A streamed corpus has no known length: show the bar, counting articles as they go.
        enabled = total is None or total >= PROGRESS_MIN_ARTICLES
    else:
        enabled = bool(progress)
    options = {"total": total, "disable": not enabled, "desc": "framing.extract", "unit": "article"}
    if not enabled:
        return text_bar(**options)
    try:
        from tqdm.auto import tqdm  # a widget in Jupyter, a text bar elsewhere

        return tqdm(**options)
    except ImportError:  # Jupyter without ipywidgets: tqdm's widget cannot be drawn
        return text_bar(**options)


def _as_names(spec: LexiconSpec | None) -> tuple[str, ...] | None:
    if spec is None:
        return None
    if isinstance(spec, str | os.PathLike):
        return (os.fspath(spec),)
    return tuple(os.fspath(s) for s in spec)


def _check_chunksize(chunksize: int) -> int:
    if not isinstance(chunksize, int | np.integer) or isinstance(chunksize, bool) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive number of articles, got {chunksize!r}")
    return int(chunksize)


def _executor(jobs: int, client: Any, lexicon: Any, extra: Any) -> Executor:
    if client is not None:
        # a distributed.Client (or anything with the same get_executor), or an Executor as is
        if hasattr(client, "get_executor"):
            return client.get_executor(pure=False)
        if isinstance(client, Executor):
            return client
        raise TypeError(
            f"client must be a distributed.Client or a concurrent.futures.Executor, got "
            f"{type(client).__name__}"
        )
    if jobs == 1:
        return _InlineExecutor()
    # Long-lived workers, each compiling the lexicons once (the initializer); under the
    # default `fork` start method on Linux they inherit the parent's already compiled ones.
    return ProcessPoolExecutor(
        max_workers=jobs, initializer=_warm_worker, initargs=(lexicon, extra)
    )


def extract(
    corpus: pd.DataFrame | str | os.PathLike[str] | Any,
    n_jobs: int = 1,
    progress: bool | None = None,
    *,
    lexicon: LexiconSpec | None = None,
    extra: LexiconSpec | None = None,
    output: str | os.PathLike[str] | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    force: bool = False,
    client: Any = None,
) -> Extraction | DaskExtraction:
    r"""Run every detector on every article of a corpus.

    Three ways to run, one per-batch code path (:func:`_run_batch`), hence the same rows:

    - in memory (default): the tables are returned as an :class:`Extraction`;
    - streamed (``output=DIR``): the corpus is read ``chunksize`` articles at a time
      (:func:`framing.iter_corpus` for a path), each chunk is processed by a worker, which
      writes ``DIR/parts/articles-NNNNN.parquet`` and ``hits-NNNNN.parquet`` atomically, and
      ``DIR/manifest.json`` records every finished part. Memory stays bounded whatever the
      corpus size. Running the same call again resumes: finished parts whose input is
      unchanged are kept, the rest are done; the result is identical to an uninterrupted run.
      The returned :class:`Extraction` reads the parts only when its tables are used.
    - Dask (``corpus`` a ``dask.dataframe.DataFrame``): returns a :class:`DaskExtraction`
      whose ``articles`` and ``hits`` are lazy Dask DataFrames computed partition by partition.

    Args:
        corpus: a corpus DataFrame as returned by :func:`framing.load_corpus` (needs ``id``,
            ``outlet`` and ``text``; ``event``, ``published`` and ``title`` are kept when
            present), a path to read with :func:`framing.load_corpus` (or, with ``output``,
            :func:`framing.iter_corpus`), or a ``dask.dataframe.DataFrame`` with those columns.
        n_jobs: number of worker processes; ``1`` (default) runs in this process, ``-1`` uses
            every CPU. The tables are the same, in the same order, whatever the value.
            Ignored for a Dask DataFrame or with ``client``.
        progress: show a progress bar (``tqdm.auto``: a widget in Jupyter). ``None``
            (default) shows it for corpora of at least :data:`PROGRESS_MIN_ARTICLES`
            articles, and for streamed paths (whose length is not known in advance).
        lexicon: loaded-term lexicon(s) to use instead of the bundled one (as for
            :func:`framing.analyze`).
        extra: additional loaded-term lexicon file(s).
        output: directory to stream the tables to (see above).
        chunksize: articles per chunk, and per Parquet part with ``output``
            (default :data:`DEFAULT_CHUNKSIZE`). Part of a run's identity: resume with the same.
        force: with ``output``, discard parts of an earlier run that does not match this one
            (other corpus, chunking, parameters or lexicon/detector versions) instead of
            raising :class:`ExtractionMismatch`.
        client: a ``distributed.Client`` (or a ``concurrent.futures.Executor``) to run the
            batches on instead of local processes, e.g. an existing Dask cluster. With
            ``output``, its workers must see ``output`` at the same path (shared disk).

    Returns:
        An :class:`Extraction` with ``articles`` (one row per article, in corpus order),
        ``hits`` (one row per hit, by article in corpus order, then loaded terms, attributions
        and markers each in the detector's order) and ``provenance``; for a Dask DataFrame a
        :class:`DaskExtraction` (``.compute()`` gives the :class:`Extraction`).

    Raises:
        TypeError: ``corpus`` is neither a DataFrame nor a path, or a text is not a ``str``.
        ValueError: the corpus lacks ``id``, ``outlet`` or ``text``, or ``n_jobs`` or
            ``chunksize`` is invalid.
        ExtractionMismatch: ``output`` holds parts of a different run and ``force`` is not set.

    Examples:
        >>> corpus = pd.DataFrame({
        ...     "id": ["a1", "a2"],
        ...     "outlet": ["Courier", "Ledger"],
        ...     "text": ["Officials lashed out at the so-called “reform”, critics claimed.",
        ...              "The council approved the budget, the mayor said."],
        ... })
        >>> ex = extract(corpus)
        >>> ex.articles[["id", "words", "loaded_outlet", "attributions", "attr_doubt"]]
           id  words  loaded_outlet  attributions  attr_doubt
        0  a1      9              3             2           1
        1  a2      8              0             1           0
        >>> ex.hits[["id", "detector", "start", "text", "label", "category", "speaker"]]
           id     detector  start        text      label        category    speaker
        0  a1       loaded     10  lashed out   lash out  emotive_speech       <NA>
        1  a1       loaded     28   so-called  so-called      distancing       <NA>
        2  a1       loaded     56     claimed      claim      distancing       <NA>
        3  a1  attribution     10  lashed out   lash out         emotive  Officials
        4  a1  attribution     56     claimed      claim           doubt    critics
        5  a2  attribution     43        said        say         neutral  the mayor

        Streamed to Parquet parts, one per chunk:

        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "features"
        >>> streamed = extract(corpus, output=out, chunksize=1)
        >>> sorted(p.name for p in (out / "parts").iterdir())
        ['articles-00000.parquet', 'articles-00001.parquet', 'hits-00000.parquet', 'hits-00001.parquet']
        >>> streamed.articles.equals(ex.articles) and streamed.hits.equals(ex.hits)
        True
    """  # noqa: E501
    jobs = _resolve_jobs(n_jobs)
    chunksize = _check_chunksize(chunksize)
    lexicon_names, extra_names = _as_names(lexicon), _as_names(extra)
    parameters = {
        "n_jobs": int(n_jobs),
        "lexicon": list(lexicon_names) if lexicon_names else None,
        "extra": list(extra_names) if extra_names else None,
        "word_pattern": WORD_PATTERN,
        "rate_per_words": 1000,
    }
    if _is_dask_frame(corpus):
        return _extract_dask(corpus, lexicon, extra, parameters)
    if output is not None:
        return _extract_streamed(
            corpus, Path(output), jobs, progress, lexicon, extra, parameters, chunksize, force,
            client,
        )  # fmt: skip

    frame = _as_corpus(corpus)
    _warn_duplicate_ids(frame["id"].astype(object).tolist())
    n = len(frame)
    # Small batches when there are several workers, so they share the work evenly.
    size = (
        chunksize
        if jobs == 1 and client is None
        else max(1, min(chunksize, 256, -(-n // (jobs * 4))))
    )
    articles_parts: list[pd.DataFrame] = []
    hits_parts: list[pd.DataFrame] = []
    with (
        _progress_bar(n, progress) as bar,
        _executor(jobs, client, lexicon_names, extra_names) as pool,
    ):
        futures = [
            (stop - start, pool.submit(_run_batch, _batch(frame.iloc[start:stop], start),
                                       lexicon_names, extra_names))
            for start, stop in ((s, min(s + size, n)) for s in range(0, n, size))
        ]  # fmt: skip
        for rows, future in futures:  # submission order is corpus order
            articles_part, hits_part = future.result()
            articles_parts.append(articles_part)
            hits_parts.append(hits_part)
            bar.update(rows)
    articles = _concat_parts(articles_parts, "articles")
    hits = _concat_parts(hits_parts, "hits")
    provenance = _provenance(
        corpus_fingerprint(frame[["id", "text"]]),
        corpus,
        lexicon,
        extra,
        parameters=parameters,
        n_articles=len(articles),
        n_hits=len(hits),
    )
    return Extraction(articles, hits, provenance)


def _concat_parts(parts: list[pd.DataFrame], name: str) -> pd.DataFrame:
    if not parts:
        return _empty_table(name)
    if len(parts) == 1:
        return parts[0]
    return _restore_dtypes(pd.concat(parts, ignore_index=True), name)


def _empty_table(name: str) -> pd.DataFrame:
    if name == "hits":
        return _hits_frame([])
    return _articles_frame(_batch(pd.DataFrame({"id": [], "outlet": [], "text": []})), [])


def _warn_duplicate_ids(ids: list[Any]) -> None:
    counts = Counter(ids)
    dupes = sorted((i for i, n in counts.items() if n > 1), key=str)
    if dupes:
        logger.warning(
            "%d article id(s) occur more than once (%s); hits cannot be told apart by id and "
            "comparisons treat them as one cluster; see framing.validate_corpus(...)",
            len(dupes),
            ", ".join(map(repr, dupes[:5])) + (" ..." if len(dupes) > 5 else ""),
        )


def _articles_frame(batch: dict[str, Any], counts: list[list[int]]) -> pd.DataFrame:
    n = batch["n"]
    data: dict[str, Any] = {}
    for name in ("id", "outlet", "event", "title"):
        values = batch[name] if batch[name] is not None else [pd.NA] * n
        data[name] = pd.array(values, dtype=STRING_DTYPE)
    published = batch["published"]
    if published is None:
        published = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    data["published"] = pd.to_datetime(published, errors="coerce").astype("datetime64[ns]")
    matrix = np.asarray(counts, dtype=np.int64).reshape(n, 1 + len(_COUNT_COLUMNS))
    data["words"] = matrix[:, 0]
    for j, name in enumerate(_COUNT_COLUMNS, start=1):
        data[name] = matrix[:, j]
    words = matrix[:, 0].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        for rate, count in zip(
            _RATE_COLUMNS, ("loaded_outlet", "loaded_quoted", "scare_quotes", "hedges"), strict=True
        ):
            data[rate] = np.where(words > 0, data[count] * 1000.0 / words, np.nan)
        attributions = data["attributions"].astype(float)
        data["anonymous_share"] = np.where(
            attributions > 0, data["attr_anonymous"] / attributions, np.nan
        )
    return pd.DataFrame({name: data[name] for name in ARTICLE_COLUMNS}, index=pd.RangeIndex(n))


def _hits_frame(rows: list[tuple]) -> pd.DataFrame:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(HIT_COLUMNS)
    data = {
        name: pd.array(list(values), dtype=_HIT_DTYPES[name])
        for name, values in zip(HIT_COLUMNS, columns, strict=True)
    }
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


# ---------------------------------------------------------------------------------------------
# Streamed extraction: Parquet parts, manifest, resume


class ExtractionMismatch(ValueError):
    """An output directory holds parts of a different extraction run than the one asked for."""


def _part_paths(directory: Path, index: int) -> tuple[Path, Path]:
    parts = directory / PARTS_DIR
    return parts / f"articles-{index:05d}.parquet", parts / f"hits-{index:05d}.parquet"


def _chunk_digest(digests: list[bytes]) -> str:
    # Order matters here (unlike corpus_fingerprint): a reordered chunk gives other rows.
    return "sha256:" + hashlib.sha256(b"".join(digests)).hexdigest()


def _run_settings(
    lexicon: LexiconSpec | None, extra: LexiconSpec | None, parameters: dict[str, Any]
) -> dict[str, Any]:
    """What a resumed run must share with the run that wrote the parts."""
    from framing import __version__

    return {
        "framing_version": __version__,
        "detectors": _detectors(),
        "lexicons": [
            {"label": r["label"], "sha256": r["sha256"]} for r in _lexicon_records(lexicon, extra)
        ],
        "parameters": {k: v for k, v in parameters.items() if k != "n_jobs"},
    }


def _read_manifest(directory: Path) -> dict[str, Any] | None:
    path = directory / MANIFEST
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExtractionMismatch(f"{path}: unreadable manifest ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise ExtractionMismatch(
            f"{path}: not a manifest of framing.extract (expected format {MANIFEST_FORMAT!r})"
        )
    return manifest


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(
        json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    os.replace(tmp, path)


def _clear_run(directory: Path) -> None:
    """Remove what a streamed run writes (and nothing else) from ``directory``."""
    parts = directory / PARTS_DIR
    if parts.is_dir():
        for path in parts.iterdir():
            if path.suffix in (".parquet", ".tmp") and path.name.startswith(
                ("articles-", "hits-", ".articles-", ".hits-")
            ):
                path.unlink()
    for name in (MANIFEST, "provenance.json"):
        (directory / name).unlink(missing_ok=True)


def _streamed_chunks(
    corpus: pd.DataFrame | str | os.PathLike[str], chunksize: int
) -> Iterator[pd.DataFrame]:
    if isinstance(corpus, str | os.PathLike):
        from framing.corpus import iter_corpus

        yield from iter_corpus(corpus, chunksize=chunksize)
        return
    frame = _as_corpus(corpus)
    for start in range(0, len(frame), chunksize):
        yield frame.iloc[start : start + chunksize]


def _extract_streamed(
    corpus: pd.DataFrame | str | os.PathLike[str],
    directory: Path,
    jobs: int,
    progress: bool | None,
    lexicon: LexiconSpec | None,
    extra: LexiconSpec | None,
    parameters: dict[str, Any],
    chunksize: int,
    force: bool,
    client: Any,
) -> Extraction:
    if not isinstance(corpus, str | os.PathLike | pd.DataFrame):
        _as_corpus(corpus)  # raises the TypeError
    parameters = {**parameters, "chunksize": chunksize}
    settings = _run_settings(lexicon, extra, parameters)
    # Read the first chunk before creating anything: a corpus that cannot be read at all then
    # fails with nothing written. Later chunks are safe: parts are renamed into place whole and
    # the manifest lists only finished ones.
    chunks = _streamed_chunks(corpus, chunksize)
    first_chunk = next(chunks, None)
    chunks = itertools.chain(() if first_chunk is None else (first_chunk,), chunks)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / PARTS_DIR).mkdir(exist_ok=True)
    previous = _read_manifest(directory)
    if previous is not None and previous.get("settings") != settings:
        if not force:
            raise ExtractionMismatch(
                f"{directory} holds parts of another extraction run "
                f"({_settings_difference(previous.get('settings'), settings)}); "
                "use another output directory, or force=True (--force) to discard them"
            )
        logger.warning("%s: discarding the parts of a different extraction run", directory)
        _clear_run(directory)
        previous = None
    elif previous is None and any((directory / PARTS_DIR).iterdir()):
        _clear_run(directory)  # parts without a manifest entry are never trusted
    done: dict[int, dict[str, Any]] = {
        int(entry["index"]): entry for entry in (previous or {}).get("chunks", [])
    }
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "settings": settings,
        "corpus_source": os.fspath(corpus) if isinstance(corpus, str | os.PathLike) else None,
        "complete": False,
        "chunks": [],
    }
    lexicon_names, extra_names = _as_names(lexicon), _as_names(extra)
    finished: dict[int, dict[str, Any]] = {}
    digests = bytearray()  # 32 bytes per article, for the corpus fingerprint
    id_hashes: list[np.ndarray] = []
    skipped = 0
    pending: deque[tuple[dict[str, Any], Future]] = deque()
    max_pending = 2 * (jobs if client is None else _cluster_threads(client))

    def finish(entry: dict[str, Any], future: Future) -> None:
        entry["articles"], entry["hits"] = future.result()
        finished[entry["index"]] = entry
        manifest["chunks"] = [finished[i] for i in sorted(finished)]
        _write_json(directory / MANIFEST, manifest)
        bar.update(entry["rows"])
        _after_part(entry["index"])

    total = len(corpus) if isinstance(corpus, pd.DataFrame) else None
    with (
        _progress_bar(total, progress) as bar,
        _executor(jobs, client, lexicon_names, extra_names) as pool,
    ):
        first_row = n_chunks = 0
        for index, chunk in enumerate(chunks):
            n_chunks = index + 1
            chunk_digests = _digests(chunk)
            digests += b"".join(chunk_digests)
            id_hashes.append(_id_hashes(chunk["id"]))
            entry = {
                "index": index,
                "first_row": first_row,
                "rows": len(chunk),
                "content": _chunk_digest(chunk_digests),
                "files": [p.name for p in _part_paths(directory, index)],
            }
            first_row += len(chunk)
            old = done.pop(index, None)
            if old is not None and all(p.is_file() for p in _part_paths(directory, index)):
                same = {k: old.get(k) for k in ("first_row", "rows", "content")} == {
                    k: entry[k] for k in ("first_row", "rows", "content")
                }
                if not same and not force:
                    raise ExtractionMismatch(
                        f"{directory}: chunk {index} (rows {entry['first_row']}-"
                        f"{entry['first_row'] + entry['rows'] - 1}) differs from the run being "
                        "resumed: the corpus changed; use another output directory, or "
                        "force=True (--force) to redo the changed chunks"
                    )
                if same:
                    finished[index] = old
                    skipped += 1
                    bar.update(entry["rows"])
                    continue
            target = tuple(os.fspath(p) for p in _part_paths(directory, index))
            future = pool.submit(_run_batch, _batch(chunk, entry["first_row"]), lexicon_names,
                                 extra_names, target)  # fmt: skip
            pending.append((entry, future))
            while len(pending) >= max_pending:
                finish(*pending.popleft())
        while pending:
            finish(*pending.popleft())

    # Parts beyond the corpus' end (an earlier run over a longer corpus, with force) go.
    for stale in sorted(i for i in done if i >= n_chunks):
        for path in _part_paths(directory, stale):
            path.unlink(missing_ok=True)
    if skipped:
        logger.info("%s: resumed; %d of %d parts were already done", directory, skipped, n_chunks)
    _warn_duplicate_hashes(id_hashes)
    manifest["chunks"] = [finished[i] for i in sorted(finished)]
    manifest["complete"] = True
    n_articles = sum(e["articles"] for e in manifest["chunks"])
    n_hits = sum(e["hits"] for e in manifest["chunks"])
    provenance = _provenance(
        _fingerprint_of(digests),
        corpus,
        lexicon,
        extra,
        parameters=parameters,
        n_articles=n_articles,
        n_hits=n_hits,
    )
    _write_json(directory / "provenance.json", provenance)
    _write_json(directory / MANIFEST, manifest)
    return Extraction.load(directory, lazy=True)


def _digests(chunk: pd.DataFrame) -> list[bytes]:
    """Per-article digests of :func:`framing.corpus_fingerprint`, in row order."""
    ids, texts = chunk["id"].astype(object), chunk["text"].astype(object)
    return [_article_digest(i, t) for i, t in zip(ids, texts, strict=True)]


def _after_part(index: int) -> None:
    """Called after each part is recorded in the manifest (a seam for tests: interruption)."""


def _cluster_threads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # an Executor without nthreads(): assume a couple of workers
        return 2


def _id_hashes(ids: pd.Series) -> np.ndarray:
    return pd.util.hash_array(ids.astype(object).to_numpy(), categorize=False).astype(np.uint64)


def _warn_duplicate_hashes(id_hashes: list[np.ndarray]) -> None:
    """Duplicate ids across a streamed corpus, from 8 bytes per article rather than the ids."""
    if not id_hashes:
        return
    _, counts = np.unique(np.concatenate(id_hashes), return_counts=True)
    dupes = int((counts > 1).sum())
    if dupes:
        logger.warning(
            "%d article id(s) occur more than once; hits cannot be told apart by id and "
            "comparisons treat them as one cluster; see framing.validate_corpus(...)",
            dupes,
        )


def _settings_difference(old: Any, new: dict[str, Any]) -> str:
    if not isinstance(old, dict):
        return "no settings recorded"
    changed = [key for key in new if old.get(key) != new[key]]
    parts = []
    for key in changed:
        if key == "parameters":
            keys = sorted(
                k for k in {*old.get(key, {}), *new[key]}
                if old.get(key, {}).get(k) != new[key].get(k)
            )  # fmt: skip
            parts += [
                f"{k}: {old.get(key, {}).get(k)!r} there, {new[key].get(k)!r} now" for k in keys
            ]
        elif key == "lexicons":
            parts.append("other lexicon versions")
        else:
            parts.append(f"{key}: {old.get(key)!r} there, {new[key]!r} now")
    return "; ".join(parts) or "different settings"


# ---------------------------------------------------------------------------------------------
# Dask


def _extract_partition(
    part: pd.DataFrame, lexicon: tuple[str, ...] | None, extra: tuple[str, ...] | None
) -> tuple[pd.DataFrame, pd.DataFrame, bytes]:
    """One Dask partition: the same batch code as the pandas path, plus the fingerprint digests."""
    _check_corpus_columns(part)
    articles, hits = _run_batch(_batch(part), lexicon, extra)
    return articles, hits, b"".join(_digests(part))


def _write_partition(
    result: tuple[pd.DataFrame, pd.DataFrame, bytes], directory: str, index: int
) -> tuple[int, int, bytes]:
    articles, hits, digests = result
    articles_path, hits_path = _part_paths(Path(directory), index)
    _write_part(articles, articles_path)
    _write_part(hits, hits_path)
    return len(articles), len(hits), digests


def _extract_dask(
    frame: Any, lexicon: LexiconSpec | None, extra: LexiconSpec | None, parameters: dict[str, Any]
) -> DaskExtraction:
    import dask
    import dask.dataframe as dd

    _check_corpus_columns(frame)
    lexicon_names, extra_names = _as_names(lexicon), _as_names(extra)
    run = dask.delayed(_extract_partition, pure=True)
    results = [run(part, lexicon_names, extra_names) for part in frame.to_delayed()]
    articles = dd.from_delayed(
        [r[0] for r in results], meta=_empty_table("articles"), verify_meta=False
    )
    hits = dd.from_delayed([r[1] for r in results], meta=_empty_table("hits"), verify_meta=False)
    provenance = _provenance(
        None,
        None,
        lexicon,
        extra,
        parameters={**parameters, "engine": "dask", "n_jobs": None},
        n_articles=None,
        n_hits=None,
    )
    return DaskExtraction(articles, hits, provenance, results)


@dataclass
class DaskExtraction:
    """The lazy result of :func:`extract` on a ``dask.dataframe.DataFrame``.

    ``articles`` and ``hits`` are Dask DataFrames with the columns and dtypes of
    :class:`Extraction`, one partition per input partition (each with its own ``RangeIndex``).
    Use :meth:`compute` for an in-memory :class:`Extraction` (equal row for row to the pandas
    path, with the same provenance), or :meth:`save` to have the workers write Parquet parts
    that :meth:`Extraction.load` reads. Both run each partition's detectors once, however many
    of the tables are asked for; computing ``articles`` and ``hits`` separately runs them twice.

    Attributes:
        articles: Dask DataFrame, columns :data:`ARTICLE_COLUMNS`.
        hits: Dask DataFrame, columns :data:`HIT_COLUMNS`.
        provenance: as for :class:`Extraction`; the corpus fingerprint and row counts are
            filled in by :meth:`compute` and :meth:`save`.
    """

    articles: Any
    hits: Any
    provenance: dict[str, Any]
    _results: list[Any] = field(repr=False, default_factory=list)

    def compute(self, **kwargs: Any) -> Extraction:
        """Compute both tables in one pass; ``kwargs`` go to ``dask.compute``."""
        import dask

        (results,) = dask.compute(self._results, **kwargs)
        articles = _concat_parts([r[0] for r in results], "articles")
        hits = _concat_parts([r[1] for r in results], "hits")
        digests = b"".join(r[2] for r in results)
        return Extraction(articles, hits, self._final_provenance(digests, len(articles), len(hits)))

    def save(self, directory: str | os.PathLike[str], **kwargs: Any) -> Path:
        """Write the parts layout of a streamed run (``manifest.json``, ``parts/``, provenance)
        from the workers, one part per partition; the tables never reach this process.

        The workers must see ``directory`` at the same path (a local cluster, or a shared
        disk). Returns the directory; read it with :meth:`Extraction.load`.
        """
        import dask

        folder = Path(directory)
        (folder / PARTS_DIR).mkdir(parents=True, exist_ok=True)
        _clear_run(folder)
        write = dask.delayed(_write_partition, pure=False)
        tasks = [write(r, os.fspath(folder), i) for i, r in enumerate(self._results)]
        (written,) = dask.compute(tasks, **kwargs)
        chunks, first_row = [], 0
        for index, (n_articles, n_hits, _) in enumerate(written):
            chunks.append({
                "index": index, "first_row": first_row, "rows": n_articles,
                "articles": n_articles, "hits": n_hits,
                "files": [p.name for p in _part_paths(folder, index)],
            })  # fmt: skip
            first_row += n_articles
        digests = b"".join(w[2] for w in written)
        provenance = self._final_provenance(digests, first_row, sum(c["hits"] for c in chunks))
        parameters = {k: v for k, v in provenance["parameters"].items() if k != "n_jobs"}
        settings = {**_run_settings(None, None, {}), "parameters": parameters}
        settings["lexicons"] = [
            {"label": r["label"], "sha256": r["sha256"]} for r in provenance["lexicons"]
        ]
        _write_json(folder / "provenance.json", provenance)
        _write_json(
            folder / MANIFEST,
            {"format": MANIFEST_FORMAT, "settings": settings, "corpus_source": None,
             "complete": True, "chunks": chunks},
        )  # fmt: skip
        return folder

    def _final_provenance(self, digests: bytes, n_articles: int, n_hits: int) -> dict[str, Any]:
        return {
            **self.provenance,
            "corpus_fingerprint": _fingerprint_of(digests),
            "articles": n_articles,
            "hits": n_hits,
            "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        }


# ---------------------------------------------------------------------------------------------
# Provenance


def _detectors() -> dict[str, str]:
    return {
        "loaded": loaded.DETECTOR,
        "attribution": attribution.DETECTOR,
        "marker": MARKERS_DETECTOR,
    }


def _lexicon_record(lex: Lexicon, detector: str) -> dict[str, Any]:
    return {"detector": detector, "label": lex.label, **lex.provenance()}


def _lexicon_records(lexicon: LexiconSpec | None, extra: LexiconSpec | None) -> list[dict]:
    res = attribution.resources_()
    attribution_lexicons = [*res.cues.lexicons, *res.cues.guard_lexicons]
    known = {lex.label for lex in attribution_lexicons}
    for label in res.lexicon_labels:
        name = label.split("@", 1)[0]
        if label in known or name == "grammar":
            continue
        attribution_lexicons.append(read_lexicon(name, ["term"]))
    records = [
        _lexicon_record(lex, loaded.DETECTOR) for lex in loaded.lexicons_used(lexicon, extra)
    ]
    records += [_lexicon_record(lex, attribution.DETECTOR) for lex in attribution_lexicons]
    grammar = resources.files("framing").joinpath("lexicons/grammar.json").read_bytes()
    grammar_label = next((x for x in res.lexicon_labels if x.startswith("grammar@")), "grammar")
    records.append(
        {
            "detector": attribution.DETECTOR,
            "label": grammar_label,
            "name": "grammar",
            "version": grammar_label.partition("@")[2],
            "sha256": hashlib.sha256(grammar).hexdigest(),
            "source": "framing/lexicons/grammar.json",
        }
    )
    records += [_lexicon_record(lex, MARKERS_DETECTOR) for lex in hedge_matcher().lexicons]
    return records


def _provenance(
    fingerprint: str | None,
    corpus: Any,
    lexicon: LexiconSpec | None,
    extra: LexiconSpec | None,
    *,
    parameters: dict[str, Any],
    n_articles: int | None,
    n_hits: int | None,
) -> dict[str, Any]:
    from framing import __version__  # here: framing/__init__ imports this module

    return {
        "framing_version": __version__,
        "detectors": _detectors(),
        "lexicons": _lexicon_records(lexicon, extra),
        "corpus_fingerprint": fingerprint,
        "corpus_source": os.fspath(corpus) if isinstance(corpus, str | os.PathLike) else None,
        "articles": n_articles,
        "hits": n_hits,
        "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "parameters": parameters,
    }


# ---------------------------------------------------------------------------------------------
# Result


class Extraction:
    """The feature tables of a corpus, with the provenance needed to reproduce them.

    ``Extraction(articles, hits, provenance)`` holds tables in memory;
    :meth:`Extraction.load` (and :func:`extract` with ``output``) can instead point at a
    directory and read each table on first use.

    Attributes:
        articles: one row per article; columns :data:`ARTICLE_COLUMNS`.
        hits: one row per detector hit; columns :data:`HIT_COLUMNS`.
        provenance: framing version, detector names, lexicon labels and sha256, corpus
            fingerprint, creation time (UTC, ISO 8601) and the parameters of :func:`extract`.
    """

    def __init__(
        self,
        articles: pd.DataFrame | None = None,
        hits: pd.DataFrame | None = None,
        provenance: dict[str, Any] | None = None,
    ) -> None:
        self._tables: dict[str, pd.DataFrame | None] = {"articles": articles, "hits": hits}
        self.provenance: dict[str, Any] = {} if provenance is None else provenance
        self._directory: Path | None = None

    @property
    def articles(self) -> pd.DataFrame:
        return self._table("articles")

    @articles.setter
    def articles(self, value: pd.DataFrame) -> None:
        self._tables["articles"] = value

    @property
    def hits(self) -> pd.DataFrame:
        return self._table("hits")

    @hits.setter
    def hits(self, value: pd.DataFrame) -> None:
        self._tables["hits"] = value

    @property
    def directory(self) -> Path | None:
        """The directory the tables are read from, if any."""
        return self._directory

    def _table(self, name: str) -> pd.DataFrame:
        table = self._tables[name]
        if table is None:
            if self._directory is None:
                raise AttributeError(f"this Extraction has no {name} table")
            table = self._tables[name] = _read_table(self._directory, name)
        return table

    def save(self, directory: str | os.PathLike[str]) -> Path:
        """Write ``articles.parquet``, ``hits.parquet`` and ``provenance.json`` to ``directory``.

        The directory is created if needed; existing files of those names are replaced.

        Returns:
            The directory, as a :class:`~pathlib.Path`.

        Raises:
            FileExistsError: ``directory`` holds a streamed extraction (``manifest.json``),
                which :meth:`load` would read instead of the files written here.
        """
        out = Path(directory)
        if (out / MANIFEST).is_file():
            raise FileExistsError(
                f"{out} holds a streamed extraction ({MANIFEST}, {PARTS_DIR}/); save to another "
                "directory"
            )
        out.mkdir(parents=True, exist_ok=True)
        self.articles.to_parquet(out / "articles.parquet", index=False)
        self.hits.to_parquet(out / "hits.parquet", index=False)
        _write_json(out / "provenance.json", self.provenance)
        return out

    @classmethod
    def load(cls, directory: str | os.PathLike[str], *, lazy: bool = False) -> Extraction:
        """Read an extraction written by :meth:`save` or by a streamed :func:`extract`.

        A streamed extraction (``manifest.json`` and ``parts/``) is read part by part in
        chunk order; the single-file layout of :meth:`save` otherwise.

        Args:
            directory: the extraction directory.
            lazy: read each table only when it is first used (the files are checked now).

        Raises:
            FileNotFoundError: a file is missing (names it and what :meth:`save` writes).
            ValueError: a table lacks contract columns (names the file and the columns), or
                a streamed run has not finished (resume it by running it again).
        """
        folder = Path(directory)
        manifest = _read_manifest(folder)
        if manifest is not None:
            if not manifest.get("complete"):
                raise ValueError(
                    f"{folder}: the extraction has not finished ({len(manifest['chunks'])} "
                    "part(s) done); run the same framing.extract(..., output=...) or "
                    "`framing extract` again to resume it"
                )
            required = [
                f"{PARTS_DIR}/{name}" for entry in manifest["chunks"] for name in entry["files"]
            ]
            required.append("provenance.json")
        else:
            required = list(_FILES)
        missing = [name for name in required if not (folder / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"{folder}: missing {', '.join(missing[:5])}"
                + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
                + f"; an extraction directory holds {', '.join(_FILES)} (written by "
                f"Extraction.save) or {MANIFEST}, provenance.json and {PARTS_DIR}/ (written by "
                "a streamed framing.extract or `framing extract`)"
            )
        provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
        result = cls(None, None, provenance)
        result._directory = folder
        if not lazy:
            _ = (result.articles, result.hits)  # read both now
        return result

    def __repr__(self) -> str:
        if self._tables["articles"] is None:
            n_articles, n_hits = self.provenance.get("articles"), self.provenance.get("hits")
            return (
                f"Extraction(articles={n_articles}, hits={n_hits}, directory={self._directory}, "
                f"fingerprint={self.provenance.get('corpus_fingerprint')!r})"
            )
        outlets = self.articles["outlet"].nunique() if "outlet" in self.articles else 0
        return (
            f"Extraction(articles={len(self.articles)}, hits={len(self.hits)}, "
            f"outlets={outlets}, fingerprint={self.provenance.get('corpus_fingerprint')!r})"
        )

    def summary(self) -> pd.DataFrame:
        """Per outlet: articles, words and counts of the main features (pooled rates)."""
        grouped = self.articles.groupby("outlet", sort=True, observed=True)
        out = grouped.agg(
            articles=("id", "size"),
            words=("words", "sum"),
            loaded_outlet=("loaded_outlet", "sum"),
            loaded_quoted=("loaded_quoted", "sum"),
            attributions=("attributions", "sum"),
            attr_anonymous=("attr_anonymous", "sum"),
            scare_quotes=("scare_quotes", "sum"),
            hedges=("hedges", "sum"),
        )
        out["rate_loaded_outlet"] = out["loaded_outlet"] * 1000.0 / out["words"]
        return out.reset_index()

    def _repr_html_(self) -> str:
        import html

        head = html.escape(repr(self))
        return f"<p><code>{head}</code></p>" + self.summary().to_html(index=False, escape=True)


def _read_table(folder: Path, name: str) -> pd.DataFrame:
    manifest = _read_manifest(folder)
    if manifest is None:
        paths = [folder / f"{name}.parquet"]
    else:
        position = 0 if name == "articles" else 1
        paths = [
            folder / PARTS_DIR / entry["files"][position]
            for entry in sorted(manifest["chunks"], key=lambda e: e["index"])
        ]
    if not paths:
        return _empty_table(name)
    columns = ARTICLE_COLUMNS if name == "articles" else HIT_COLUMNS
    tables = []
    for path in paths:
        table = pd.read_parquet(path)
        lacking = [c for c in columns if c not in table.columns]
        if lacking:
            raise ValueError(f"{path}: lacks column(s) {', '.join(lacking)}")
        tables.append(table)
    table = tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)
    return _restore_dtypes(table, name)


def _restore_dtypes(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Parquet may hand back other string/nullable dtypes; make them those :func:`extract` gives."""
    if name == "hits":
        return table[list(HIT_COLUMNS)].astype(_HIT_DTYPES)
    table = table[list(ARTICLE_COLUMNS)].copy()
    for column in ("id", "outlet", "event", "title"):
        table[column] = table[column].astype(STRING_DTYPE)
    table["published"] = table["published"].astype("datetime64[ns]")
    return table
