"""Source attribution: who is quoted or paraphrased, with which cue, and how.

A rule-based extractor in the tradition of quotation extractors for news (Pouliquen et al. 2007;
Pareti 2016 on attribution relations; Newell et al. 2018, PolNeAR): cue verbs come from the
versioned lexicon ``framing/lexicons/cues.tsv``; the speaker is the noun phrase in subject
position (or after an inverted cue, ``"...," said X``); the content is the adjacent quotation,
the reported clause, or both (a partial quote inside paraphrase). Speakers are then resolved
within the article: full names, surnames, pronouns and epithets ("the Ukrainian leader") map to
one canonical name. No parser or model is needed, so the detector runs anywhere, with no
downloads.

The steps, one module each: :mod:`.resources` (lexicons and word classes), :mod:`.entities`
(the article's people and organisations), :mod:`.phrases` (speaker noun phrases), :mod:`.cues`
(reporting act and subject), :mod:`.content` (what is reported), :mod:`.labels` (quotations
a colon introduces: a speaker's name, a document issued), :mod:`.resolve` (speaker
resolution).

References:
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
    Newell, E., Margolin, D. & Ruths, D. (2018). An attribution relations corpus for political
    news. LREC.
    Pouliquen, B., Steinberger, R. & Best, C. (2007). Automatic detection of quotations in
    multilingual news. RANLP.
"""

from __future__ import annotations

import re

import pandas as pd

from framing.detect.attribution.article import Article, Candidate
from framing.detect.attribution.content import split_shared_content
from framing.detect.attribution.cues import cue_attribution, read_cue
from framing.detect.attribution.entities import Entities
from framing.detect.attribution.labels import (
    issued_quotations,
    labelled_quotations,
    line_labels,
)
from framing.detect.attribution.quotations import continuations
from framing.detect.attribution.resolve import resolve
from framing.detect.attribution.resources import resources
from framing.tables import build_frame
from framing.text import Document
from framing.types import ATTRIBUTION_COLUMNS, AttributionRow

__all__ = ["DETECTOR", "attributions", "find_attributions", "to_frame"]

#: Name and version of the algorithm, written into every table it produces; bumped whenever
#: its rows change (tests/detect/test_versions.py holds a digest of its rows on fixed texts).
DETECTOR = "framing.attribution.v37"
_SCHEMA = tuple(
    (c, "Int64" if c.endswith(("_start", "_end")) else "str") for c in ATTRIBUTION_COLUMNS
)
# Each cue is read within a bounded window of its sentence, so a "sentence" of megabytes (text
# without full stops) costs the same per cue as a normal one.
_WINDOW_BEFORE = 400
_WINDOW_AFTER = 500
#: A quotation closed by a comma, "!" or "?" right before a word (the inverted "“...,” said X"),
#: or before its speaker's name ("“...,” Okafor added to the Ledger").
_CLOSED_QUOTATION = re.compile(r"[,!?](?:''|[\u201d\u2019\"'])\s+(?:[A-Z][\w.\u2019'-]*\s+){0,3}\Z")


def _candidates(doc: Document) -> list[Candidate]:
    res = resources()
    cues = res.cues
    text = doc.text

    def after_quotation(start: int, end: int) -> bool:
        # "“...,” added a local councillor": a verb that closes a quotation reports it,
        # whatever its guards say of the words after it ("added a third line").
        return _CLOSED_QUOTATION.search(text, max(0, start - 60), start) is not None

    hits = cues.find_in(doc, unguarded=after_quotation)
    quotes = doc.quotes
    if not hits and ":" not in text:
        return []
    art = Article(doc, doc.text, quotes, res, Entities(doc.text, res), [h.start for h in hits])
    found: list[Candidate] = []
    for hit in hits:
        if quotes.containing(hit.start, hit.end):
            continue
        sentence = doc.sentence_of(hit.start)
        window = (
            max(sentence[0], hit.start - _WINDOW_BEFORE),
            min(sentence[1], hit.end + _WINDOW_AFTER),
        )
        # A clipped window of a run-on "sentence" is tokenised for its cue only.
        stream = doc.token_stream(window, res.common_words, keep=window == sentence)
        toks, starts = stream.through(hit.end)
        cue = read_cue(hit.start, hit.end, cues.entries[hit.entry], sentence, window, toks, starts)
        if cue is None:
            continue
        candidate = cue_attribution(art, cue, found)
        if candidate is not None:
            found.append(candidate)
    labelled = (
        [*labelled_quotations(art, found), *issued_quotations(art, found)] if quotes.spans else []
    )
    if ":" in text:
        labelled += line_labels(art, [*found, *labelled])
    if labelled:
        found = sorted([*found, *labelled], key=lambda c: c.cue_start)
    if not found:
        return []
    resolve(art, found)
    split_shared_content(art, found)
    more = continuations(art, found)
    if more:
        found = sorted([*found, *more], key=lambda c: (c.cue_start, (c.content or (0, 0))[0]))
    return found


def find_attributions(doc: Document) -> list[AttributionRow]:
    """The attribution rows of a document, in the order of their cues."""
    text = doc.text
    rows = []
    for att in _candidates(doc):
        m = att.speaker_mention
        q = att.content
        entry = att.cue_entry
        rows.append(
            AttributionRow(
                speaker=att.speaker,
                speaker_start=m.start if m else None,
                speaker_end=m.end if m else None,
                speaker_text=text[m.start : m.end] if m else None,
                verb=text[att.cue_start : att.cue_end],
                verb_start=att.cue_start,
                verb_end=att.cue_end,
                verb_lemma=entry["term"],
                verb_class=entry["verb_class"],  # type: ignore[arg-type]
                kind=att.kind,  # type: ignore[arg-type]
                quote=text[q[0] : q[1]] if q else None,
                quote_start=q[0] if q else None,
                quote_end=q[1] if q else None,
                source_type=att.source_type,  # type: ignore[arg-type]
                sentence_start=att.sentence[0],
                sentence_end=att.sentence[1],
                speaker_gender=att.entity.gender if att.entity is not None else None,
            )
        )
    return rows


def to_frame(rows: list[AttributionRow]) -> pd.DataFrame:
    """The table of :func:`attributions` from its rows, with the detector and lexicon labels in
    ``attrs``."""
    df = build_frame(rows, _SCHEMA)
    df.attrs["detector"] = DETECTOR
    df.attrs["lexicons"] = list(resources().lexicon_labels)
    return df


def attributions(text: str | Document) -> pd.DataFrame:
    """Find who is quoted or paraphrased in ``text``, with which cue and how.

    Args:
        text: the article text (or a :class:`framing.Document` of it).

    Returns:
        One row per attribution, columns as in :data:`framing.types.ATTRIBUTION_COLUMNS`:
        ``speaker`` (canonical name within the article), ``speaker_start/end/text`` (the mention
        as written), ``verb`` and its offsets, ``verb_lemma``, ``verb_class`` (neutral, doubt,
        concession, endorsement, emotive, directive), ``kind`` (direct, indirect, mixed,
        according_to), ``quote`` and its offsets (the reported content), ``source_type``
        (named, organization, document, anonymous, unresolved), the sentence span and
        ``speaker_gender`` (``female``/``male`` where the article marks it with a pronoun
        resolved to the person or a gendered title; never guessed from a name).

    Raises:
        TypeError: if ``text`` is neither a ``str`` nor a :class:`framing.Document`.

    Examples:
        >>> text = ("Finance Minister Piet Ostrander spoke on Monday. “We will not move,” he said. "
        ...         "Ostrander claimed the offer was fair.")
        >>> for row in attributions(text)[["speaker", "verb", "verb_class", "kind"]].values:
        ...     print(list(row))
        ['Piet Ostrander', 'said', 'neutral', 'direct']
        ['Piet Ostrander', 'claimed', 'doubt', 'indirect']
    """
    return to_frame(find_attributions(Document.of(text, "attributions")))
