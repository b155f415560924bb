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
import json
import logging
import math
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
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
from framing.corpus import corpus_fingerprint, load_corpus
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
    "HIT_COLUMNS",
    "WORD_PATTERN",
    "Extraction",
    "extract",
    "word_count",
]

logger = logging.getLogger("framing")

#: The word-count pattern (see the module docstring); shared with the corpus validator.
WORD_PATTERN: str = _WORD.pattern
#: Corpora with at least this many articles show a progress bar unless ``progress=False``.
PROGRESS_MIN_ARTICLES = 500
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
    return sum(1 for _ in _WORD.finditer(text))


# ---------------------------------------------------------------------------------------------
# One article


def _article_hits(
    text: str, matcher: Any
) -> tuple[list[tuple], list[tuple], list[tuple], QuoteIndex]:
    """Loaded, attribution and marker rows of one text, combined exactly as
    :func:`framing.analyze` combines them; loaded rows get the quotation's speaker appended."""
    hay = haystack(text)
    quotes = QuoteIndex(quote_spans(text))
    att_rows = attribution.find_attributions(text)
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


def _extract_chunk(
    records: list[tuple[str, str, Any, str]],
    lexicon: tuple[str, ...] | None,
    extra: tuple[str, ...] | None,
) -> list[tuple[list[int], list[tuple]]]:
    """Worker entry point (module level, so it can be pickled for a process pool)."""
    matcher = loaded.get_matcher(list(lexicon) if lexicon else None, list(extra) if extra else None)
    return [_extract_one(i, o, e, t, matcher) for i, o, e, t in records]


# ---------------------------------------------------------------------------------------------
# Corpus


def _as_corpus(corpus: pd.DataFrame | str | os.PathLike[str]) -> pd.DataFrame:
    if isinstance(corpus, str | os.PathLike):
        return load_corpus(corpus)
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            "framing.extract() expects a corpus DataFrame (from framing.load_corpus) or a path "
            f"to load, got {type(corpus).__name__}"
        )
    missing = [c for c in ("id", "outlet", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(
            f"corpus lacks column(s) {', '.join(missing)} (columns: "
            f"{', '.join(map(str, corpus.columns))}); read it with framing.load_corpus(...)"
        )
    return corpus


def _records(corpus: pd.DataFrame) -> list[tuple[str, str, Any, str]]:
    ids = corpus["id"].astype(object).tolist()
    outlets = corpus["outlet"].astype(object).tolist()
    events = corpus["event"].astype(object).tolist() if "event" in corpus else [None] * len(corpus)
    texts = corpus["text"].astype(object).tolist()
    records = []
    for position, (i, o, e, t) in enumerate(zip(ids, outlets, events, texts, strict=True)):
        if t is None or t is pd.NA or (isinstance(t, float) and math.isnan(t)):
            t = ""
        if not isinstance(t, str):
            raise TypeError(
                f"corpus row {position} (id {i!r}): text must be a str, got {type(t).__name__}"
            )
        records.append((_scalar(i), _scalar(o), _scalar(e), t))
    return records


def _scalar(value: Any) -> Any:
    return None if value is None or value is pd.NA or pd.isna(value) else str(value)


def _chunks(records: list, size: int) -> Iterator[list]:
    for start in range(0, len(records), size):
        yield records[start : start + size]


def _resolve_jobs(n_jobs: int) -> int:
    if not isinstance(n_jobs, int | np.integer) or isinstance(n_jobs, bool):
        raise TypeError(f"n_jobs must be an int, got {n_jobs!r}")
    if n_jobs == -1:
        return os.cpu_count() or 1
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive number of processes or -1 (all), got {n_jobs}")
    return int(n_jobs)


def _progress_bar(total: int, progress: bool | None) -> Any:
    from tqdm.std import tqdm as text_bar

    enabled = total >= PROGRESS_MIN_ARTICLES if progress is None else bool(progress)
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


def extract(
    corpus: pd.DataFrame | str | os.PathLike[str],
    n_jobs: int = 1,
    progress: bool | None = None,
    *,
    lexicon: LexiconSpec | None = None,
    extra: LexiconSpec | None = None,
) -> Extraction:
    r"""Run every detector on every article of a corpus.

    Args:
        corpus: a corpus DataFrame as returned by :func:`framing.load_corpus` (needs ``id``,
            ``outlet`` and ``text``; ``event``, ``published`` and ``title`` are kept when
            present), or a path to load with :func:`framing.load_corpus`.
        n_jobs: number of worker processes; ``1`` (default) runs in this process, ``-1`` uses
            every CPU. Articles are sent to the workers in chunks; the tables are the same, in
            the same order, whatever the value.
        progress: show a progress bar (``tqdm.auto``: a widget in Jupyter). ``None``
            (default) shows it for corpora of at least :data:`PROGRESS_MIN_ARTICLES`
            articles.
        lexicon: loaded-term lexicon(s) to use instead of the bundled one (as for
            :func:`framing.analyze`).
        extra: additional loaded-term lexicon file(s).

    Returns:
        An :class:`Extraction` with ``articles`` (one row per article, in corpus order),
        ``hits`` (one row per hit, by article in corpus order, then loaded terms, attributions
        and markers each in the detector's order) and ``provenance``.

    Raises:
        TypeError: ``corpus`` is neither a DataFrame nor a path, or a text is not a ``str``.
        ValueError: the corpus lacks ``id``, ``outlet`` or ``text``, or ``n_jobs`` is invalid.

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
        0  a1      9              2             2           1
        1  a2      8              0             1           0
        >>> ex.hits[["id", "detector", "start", "text", "label", "category", "speaker"]]
           id     detector  start        text      label        category    speaker
        0  a1       loaded     10  lashed out   lash out  emotive_speech       <NA>
        1  a1       loaded     28   so-called  so-called      distancing       <NA>
        2  a1  attribution     10  lashed out   lash out         emotive  Officials
        3  a1  attribution     56     claimed      claim           doubt    critics
        4  a2  attribution     43        said        say         neutral  the mayor
    """
    frame = _as_corpus(corpus)
    jobs = _resolve_jobs(n_jobs)
    lexicon_names, extra_names = _as_names(lexicon), _as_names(extra)
    records = _records(frame)
    _warn_duplicate_ids(records)

    results: list[tuple[list[int], list[tuple]]] = []
    with _progress_bar(len(records), progress) as bar:
        if jobs == 1 or len(records) < 2:
            matcher = loaded.get_matcher(lexicon, extra)
            for i, o, e, t in records:
                results.append(_extract_one(i, o, e, t, matcher))
                bar.update(1)
        else:
            size = max(1, min(256, math.ceil(len(records) / (jobs * 4))))
            chunks = list(_chunks(records, size))
            with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
                # map() yields results in submission order, so output order is input order.
                for chunk, done in zip(
                    chunks,
                    pool.map(
                        _extract_chunk,
                        chunks,
                        [lexicon_names] * len(chunks),
                        [extra_names] * len(chunks),
                    ),
                    strict=True,
                ):
                    results.extend(done)
                    bar.update(len(chunk))

    articles = _articles_frame(frame, [counts for counts, _ in results])
    hits = _hits_frame([row for _, rows in results for row in rows])
    provenance = _provenance(
        frame,
        corpus,
        lexicon,
        extra,
        parameters={
            "n_jobs": int(n_jobs),
            "lexicon": list(lexicon_names) if lexicon_names else None,
            "extra": list(extra_names) if extra_names else None,
            "word_pattern": WORD_PATTERN,
            "rate_per_words": 1000,
        },
        n_articles=len(articles),
        n_hits=len(hits),
    )
    return Extraction(articles, hits, provenance)


def _warn_duplicate_ids(records: list[tuple[str, str, Any, str]]) -> None:
    counts = Counter(r[0] for r in records)
    dupes = sorted((i for i, n in counts.items() if n > 1), key=str)
    if dupes:
        logger.warning(
            "%d article id(s) occur more than once (%s); hits cannot be told apart by id and "
            "comparisons treat them as one cluster; see framing.validate_corpus(...)",
            len(dupes),
            ", ".join(map(repr, dupes[:5])) + (" ..." if len(dupes) > 5 else ""),
        )


def _articles_frame(corpus: pd.DataFrame, counts: list[list[int]]) -> pd.DataFrame:
    n = len(corpus)
    out = pd.DataFrame(index=pd.RangeIndex(n))
    for name in ("id", "outlet", "event", "title"):
        values = corpus[name].to_numpy(dtype=object) if name in corpus else [pd.NA] * n
        out[name] = pd.array(values, dtype=STRING_DTYPE)
    published = corpus["published"] if "published" in corpus else pd.Series([pd.NaT] * n)
    out["published"] = pd.to_datetime(published.to_numpy(), errors="coerce").astype(
        "datetime64[ns]"
    )
    matrix = np.asarray(counts, dtype=np.int64).reshape(n, 1 + len(_COUNT_COLUMNS))
    out["words"] = matrix[:, 0]
    for j, name in enumerate(_COUNT_COLUMNS, start=1):
        out[name] = matrix[:, j]
    words = out["words"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        for rate, count in zip(
            _RATE_COLUMNS, ("loaded_outlet", "loaded_quoted", "scare_quotes", "hedges"), strict=True
        ):
            out[rate] = np.where(words > 0, out[count].to_numpy() * 1000.0 / words, np.nan)
        attributions = out["attributions"].to_numpy(dtype=float)
        out["anonymous_share"] = np.where(
            attributions > 0, out["attr_anonymous"].to_numpy() / attributions, np.nan
        )
    return out[list(ARTICLE_COLUMNS)]


def _hits_frame(rows: list[tuple]) -> pd.DataFrame:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(HIT_COLUMNS)
    data = {
        name: pd.array(list(values), dtype=_HIT_DTYPES[name])
        for name, values in zip(HIT_COLUMNS, columns, strict=True)
    }
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


# ---------------------------------------------------------------------------------------------
# Provenance


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
    frame: pd.DataFrame,
    corpus: Any,
    lexicon: LexiconSpec | None,
    extra: LexiconSpec | None,
    *,
    parameters: dict[str, Any],
    n_articles: int,
    n_hits: int,
) -> dict[str, Any]:
    from framing import __version__  # here: framing/__init__ imports this module

    return {
        "framing_version": __version__,
        "detectors": {
            "loaded": loaded.DETECTOR,
            "attribution": attribution.DETECTOR,
            "marker": MARKERS_DETECTOR,
        },
        "lexicons": _lexicon_records(lexicon, extra),
        "corpus_fingerprint": corpus_fingerprint(frame[["id", "text"]]),
        "corpus_source": os.fspath(corpus) if isinstance(corpus, str | os.PathLike) else None,
        "articles": n_articles,
        "hits": n_hits,
        "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "parameters": parameters,
    }


# ---------------------------------------------------------------------------------------------
# Result


@dataclass
class Extraction:
    """The feature tables of a corpus, with the provenance needed to reproduce them.

    Attributes:
        articles: one row per article; columns :data:`ARTICLE_COLUMNS`.
        hits: one row per detector hit; columns :data:`HIT_COLUMNS`.
        provenance: framing version, detector names, lexicon labels and sha256, corpus
            fingerprint, creation time (UTC, ISO 8601) and the parameters of :func:`extract`.
    """

    articles: pd.DataFrame
    hits: pd.DataFrame
    provenance: dict[str, Any] = field(default_factory=dict)

    def save(self, directory: str | os.PathLike[str]) -> Path:
        """Write ``articles.parquet``, ``hits.parquet`` and ``provenance.json`` to ``directory``.

        The directory is created if needed; existing files of those names are replaced.

        Returns:
            The directory, as a :class:`~pathlib.Path`.
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        self.articles.to_parquet(out / "articles.parquet", index=False)
        self.hits.to_parquet(out / "hits.parquet", index=False)
        (out / "provenance.json").write_text(
            json.dumps(self.provenance, indent=2, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8",
        )
        return out

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> Extraction:
        """Read an extraction written by :meth:`save`.

        Raises:
            FileNotFoundError: a file is missing (names it and what :meth:`save` writes).
            ValueError: a table lacks contract columns (names the file and the columns).
        """
        folder = Path(directory)
        missing = [name for name in _FILES if not (folder / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"{folder}: missing {', '.join(missing)}; an extraction directory holds "
                f"{', '.join(_FILES)} (written by Extraction.save or `framing extract`)"
            )
        tables = {}
        for name, columns in (("articles", ARTICLE_COLUMNS), ("hits", HIT_COLUMNS)):
            table = pd.read_parquet(folder / f"{name}.parquet")
            lacking = [c for c in columns if c not in table.columns]
            if lacking:
                raise ValueError(
                    f"{folder / (name + '.parquet')}: lacks column(s) {', '.join(lacking)}"
                )
            tables[name] = _restore_dtypes(table, name)
        provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
        return cls(tables["articles"], tables["hits"], provenance)

    def __repr__(self) -> str:
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


def _restore_dtypes(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Parquet may hand back other string/nullable dtypes; make them those :func:`extract` gives."""
    if name == "hits":
        return table[list(HIT_COLUMNS)].astype(_HIT_DTYPES)
    table = table[list(ARTICLE_COLUMNS)].copy()
    for column in ("id", "outlet", "event", "title"):
        table[column] = table[column].astype(STRING_DTYPE)
    table["published"] = table["published"].astype("datetime64[ns]")
    return table
