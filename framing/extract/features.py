r"""The feature tables of an extraction: one row per article (counts and rates) and one row per
hit (with character offsets, so every count can be traced back to its words).

The columns are the contract in ``docs/FORMATS.md`` ("Extracted feature tables"). ``words`` is
:func:`framing.text.tokens.word_count` of the whole article, quotations included; rates are per
1,000 such words.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus import article_digest
from framing.corpus.article_facts import article_facts
from framing.detect.pipeline import detect
from framing.lexicons import Matcher
from framing.text import Document
from framing.types import (
    ATTRIBUTION_KINDS,
    HIT_COLUMNS,
    LOADED_CATEGORIES,
    SOURCE_TYPES,
    STRING_DTYPE,
    VERB_CLASSES,
    HitRow,
)

logger = logging.getLogger("framing")

#: Hedge-like marker types counted in ``hedges`` (in the outlet's own voice).
HEDGE_TYPES = ("hedge", "epistemic_distancing", "unverified")


def own_markers(markers: pd.DataFrame) -> pd.Series:
    """Which rows of ``markers`` (marker hits) the articles' ``hedges`` and ``scare_quotes``
    count: those in the outlet's own voice; in an extraction made before markers had a voice
    (``framing.markers.v9`` and earlier), those outside quotations, as its counts took them.

    Examples:
        >>> hits = pd.DataFrame({"voice": ["outlet", "attributed", None, None],
        ...                      "in_quote": [False, False, False, True]})
        >>> own_markers(hits).tolist()
        [True, False, True, False]
    """
    unquoted = ~markers["in_quote"].fillna(False).astype(bool)
    if "voice" not in markers:
        return unquoted
    voice = markers["voice"]
    return ((voice == "outlet").fillna(False) | (voice.isna() & unquoted)).astype(bool)


#: Values of ``hits["detector"]``, in the order hits of one article are listed.
DETECTORS = ("loaded", "attribution", "marker")


META_COLUMNS = ("id", "outlet", "event", "published", "title")


COUNT_COLUMNS = (
    "loaded_outlet",
    "loaded_quoted",
    "loaded_attributed",
    *(f"loaded_outlet_{c}" for c in LOADED_CATEGORIES),
    "attributions",
    *(f"attr_{v}" for v in VERB_CLASSES),
    *(f"attr_{k}" for k in ATTRIBUTION_KINDS),
    *(f"attr_{s}" for s in SOURCE_TYPES),
    "scare_quotes",
    "hedges",
)


RATE_COLUMNS = (
    "rate_loaded_outlet",
    "rate_loaded_quoted",
    "rate_loaded_attributed",
    "rate_scare_quotes",
    "rate_hedges",
)


#: Columns of :attr:`Extraction.articles`, in order.
ARTICLE_COLUMNS: tuple[str, ...] = (
    *META_COLUMNS,
    "words",
    *COUNT_COLUMNS,
    *RATE_COLUMNS,
    "anonymous_share",
)


HIT_DTYPES: dict[str, Any] = {
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
    "speaker_gender": STRING_DTYPE,
    "voice": STRING_DTYPE,
}


#: Columns of :attr:`Extraction.texts` (kept with ``for_report=True``, ``--for-report``): the
#: article's id, its digest as :func:`framing.corpus_fingerprint` defines it (so the report
#: can fingerprint any selection), the key of exact duplicates and the problems found on the
#: article alone (:func:`framing.corpus.article_facts.article_facts`), and its text (for the
#: sentences behind the report's figures).
TEXT_COLUMNS: tuple[str, ...] = ("id", "digest", "text_key", "problems", "text")


TEXT_DTYPES: dict[str, Any] = {
    "id": STRING_DTYPE,
    "digest": object,
    "text_key": object,
    "problems": STRING_DTYPE,
    "text": STRING_DTYPE,
}


def article_features(
    article_id: str | None, outlet: str | None, event: str | None, text: str, matcher: Matcher
) -> tuple[list[int], list[HitRow]]:
    """Counts (``words``, then :data:`COUNT_COLUMNS`) and hit rows of one article, found by the
    one pipeline :func:`framing.detect.pipeline.detect` also runs for :func:`framing.analyze`."""
    doc = Document(text)
    found = detect(doc, matcher=matcher)
    hits = [
        HitRow(article_id, outlet, event, "loaded", r.start, r.end, r.text, r.term, r.category,
               r.in_quote, r.speaker, None, None, None, None, None, r.voice)
        for r in found.loaded
    ]  # fmt: skip
    quotes = doc.quotes
    hits += [
        HitRow(article_id, outlet, event, "attribution", a.verb_start, a.verb_end, a.verb,
               a.verb_lemma, a.verb_class, quotes.containing(a.verb_start, a.verb_end) is not None,
               a.speaker, a.kind, a.source_type, a.speaker_start, a.speaker_end, a.speaker_gender)
        for a in found.attributions
    ]  # fmt: skip
    hits += [
        HitRow(article_id, outlet, event, "marker", r.start, r.end, r.text, r.term, r.type,
               r.in_quote, None, None, None, None, None, None, r.voice)
        for r in found.markers
    ]  # fmt: skip
    voices = Counter(r.voice for r in found.loaded)
    outlet_categories = Counter(r.category for r in found.loaded if r.voice == "outlet")
    verb_classes = Counter(a.verb_class for a in found.attributions)
    kinds = Counter(a.kind for a in found.attributions)
    source_types = Counter(a.source_type for a in found.attributions)
    # (markers in the outlet's own voice: a hedge in a quotation or in reported speech is the
    # speaker's)
    marker_types: Counter[str] = Counter(r.type for r in found.markers if r.voice == "outlet")
    _warn_unknown(article_id, "loaded category", outlet_categories, LOADED_CATEGORIES)
    _warn_unknown(article_id, "verb class", verb_classes, VERB_CLASSES)
    _warn_unknown(article_id, "attribution kind", kinds, ATTRIBUTION_KINDS)
    _warn_unknown(article_id, "source type", source_types, SOURCE_TYPES)
    counts = [
        doc.word_count,
        voices["outlet"],
        voices["quoted"],
        voices["attributed"],
        *(outlet_categories[c] for c in LOADED_CATEGORIES),
        len(found.attributions),
        *(verb_classes[v] for v in VERB_CLASSES),
        *(kinds[k] for k in ATTRIBUTION_KINDS),
        *(source_types[s] for s in SOURCE_TYPES),
        marker_types["scare_quote"],
        sum(marker_types[t] for t in HEDGE_TYPES),
    ]
    return counts, hits


def _warn_unknown(article_id: str | None, what: str, seen: Counter, known: Sequence[str]) -> None:
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


def articles_frame(batch: dict[str, Any], counts: list[list[int]]) -> pd.DataFrame:
    n = batch["n"]
    data: dict[str, Any] = {}
    for name in ("id", "outlet", "event", "title"):
        values = batch[name] if batch[name] is not None else [pd.NA] * n
        data[name] = pd.array(values, dtype=STRING_DTYPE)
    published = batch["published"]
    if published is None:
        published = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    data["published"] = pd.to_datetime(published, errors="coerce").astype("datetime64[ns]")
    matrix = np.asarray(counts, dtype=np.int64).reshape(n, 1 + len(COUNT_COLUMNS))
    data["words"] = matrix[:, 0]
    for j, name in enumerate(COUNT_COLUMNS, start=1):
        data[name] = matrix[:, j]
    words = matrix[:, 0].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        for rate in RATE_COLUMNS:
            count = rate.removeprefix("rate_")
            data[rate] = np.where(words > 0, data[count] * 1000.0 / words, np.nan)
        attributions = data["attributions"].astype(float)
        data["anonymous_share"] = np.where(
            attributions > 0, data["attr_anonymous"] / attributions, np.nan
        )
    return pd.DataFrame({name: data[name] for name in ARTICLE_COLUMNS}, index=pd.RangeIndex(n))


def hits_frame(rows: list[tuple]) -> pd.DataFrame:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(HIT_COLUMNS)
    data = {
        name: pd.array(list(values), dtype=HIT_DTYPES[name])
        for name, values in zip(HIT_COLUMNS, columns, strict=True)
    }
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def texts_frame(batch: dict[str, Any], words: Sequence[int] | None = None) -> pd.DataFrame:
    """The texts table of a batch: id, digest, duplicate key, problems, text (in row order).

    ``words``: the articles' word counts, when known (as :func:`article_features` counts
    them), so the corpus checks do not count them again; the digests are the batch's own
    (``batch["digests"]``) when its reader made them."""
    n = batch["n"]
    corpus = {"text": batch["text"]}
    for name in ("id", "outlet", "event", "title", "published"):
        if batch[name] is not None:
            corpus[name] = batch[name]
    frame = pd.DataFrame(corpus, index=pd.RangeIndex(n))
    keys, problems = article_facts(frame, words)
    ids = batch["id"] if batch["id"] is not None else [None] * n
    digests = batch.get("digests")  # made by the streamed extraction's reader already
    if digests is None:
        digests = [article_digest(i, t) for i, t in zip(ids, batch["text"], strict=True)]
    data = {
        "id": pd.array([None if v is None or v is pd.NA else str(v) for v in ids],
                       dtype=STRING_DTYPE),
        "digest": pd.Series(digests, dtype=object),
        "text_key": pd.Series(keys, dtype=object),
        "problems": pd.array(problems, dtype=STRING_DTYPE),
        "text": pd.array(batch["text"], dtype=STRING_DTYPE),
    }  # fmt: skip
    return pd.DataFrame(data, index=pd.RangeIndex(n))


def concat_parts(parts: list[pd.DataFrame], name: str) -> pd.DataFrame:
    if not parts:
        return empty_table(name)
    if len(parts) == 1:
        return parts[0]
    return restore_dtypes(pd.concat(parts, ignore_index=True), name)


def empty_table(name: str) -> pd.DataFrame:
    if name == "hits":
        return hits_frame([])
    if name == "texts":
        return pd.DataFrame({c: pd.Series(dtype=TEXT_DTYPES[c]) for c in TEXT_COLUMNS})
    empty = {"n": 0, "text": [], "id": None, "outlet": None, "event": None, "title": None,
             "published": None}  # fmt: skip
    return articles_frame(empty, [])


#: Article columns of text.
ARTICLE_STRINGS = ("id", "outlet", "event", "title")


def restore_dtypes(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Parquet may hand back other string/nullable dtypes; make them those :func:`extract` gives."""
    if name == "hits":
        return table[list(HIT_COLUMNS)].astype(HIT_DTYPES)
    if name == "texts":
        table = table[list(TEXT_COLUMNS)].astype(TEXT_DTYPES)
        for column in ("digest", "text_key"):  # Parquet may give them back as another type
            table[column] = [None if v is None else bytes(v) for v in table[column]]
        return table
    table = table[list(ARTICLE_COLUMNS)].copy()
    for column in (*ARTICLE_STRINGS, "published"):
        table[column] = restore_article_column(table[column])
    return table


def restore_article_column(values: pd.Series) -> pd.Series:
    """An articles column read from Parquet in the dtype :func:`extract` gives it."""
    if values.name in ARTICLE_STRINGS:
        return values.astype(STRING_DTYPE)
    if values.name == "published":
        return values.astype("datetime64[ns]")
    return values
