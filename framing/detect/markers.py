"""Other framing markers: scare quotes and hedges / epistemic distancing.

Detector name: ``framing.markers.v10``. Hedges come from the versioned lexicon
``framing/lexicons/hedges.tsv``; scare quotes are short quotations that no speaker is credited
with, especially after a distancing word ("so-called", "self-styled"). Each marker has a
``voice``, as loaded terms do (:mod:`framing.detect.voice`): a hedge inside a quotation or
inside reported speech is the speaker's, not the outlet's.

References:
    Hyland, K. (1998). Hedging in Scientific Research Articles. John Benjamins.
    Predelli, S. (2003). Scare quotes and their relation to other semantic issues.
    Linguistics and Philosophy 26(1).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import pandas as pd

from framing.detect.attribution import find_attributions
from framing.detect.loaded import get_matcher
from framing.detect.voice import reported_spans, reporter_of
from framing.lexicons import Lexicon, Matcher, read_lexicon
from framing.lexicons.read import Grammar, read_grammar
from framing.tables import build_frame
from framing.text import Document, match_form
from framing.types import MARKER_COLUMNS, AttributionRow, MarkerRow, Voice

DETECTOR = "framing.markers.v10"
MAX_SCARE_QUOTE_WORDS = 5
_SCHEMA = tuple(
    zip(MARKER_COLUMNS, ("int", "int", "str", "str", "str", "bool", "str"), strict=True)
)
_DISTANCING_CATEGORY = "distancing"


@cache
def hedge_matcher() -> Matcher:
    lex = read_lexicon(
        "hedges",
        ["term", "pos", "marker_type"],
        {"marker_type": ("hedge", "epistemic_distancing", "unverified")},
    )
    guards = read_lexicon("hedges.guards", ["term", "side", "context"])
    return Matcher([lex], [guards])


@cache
def _distancing_words() -> frozenset[str]:
    # The bundled lexicon's distancing terms ("so-called") and the grammar's naming verbs
    # ("dubbed", "branded"): the words that put a short quotation at a distance.
    m = get_matcher()
    return frozenset(
        e["term"].lower() for e in m.entries if e.get("category") == _DISTANCING_CATEGORY
    ) | frozenset(read_grammar().data["naming_verbs"])


def marker_lexicons() -> list[Lexicon | Grammar]:
    """The data the markers come from: the hedge lexicon, and the bundled loaded-term lexicon
    and grammar whose distancing words and naming verbs mark scare quotes."""
    hedges = hedge_matcher()
    return [*hedges.lexicons, *hedges.guard_lexicons, get_matcher().lexicons[0], read_grammar()]


def find_markers(
    doc: Document,
    attributions: Sequence[AttributionRow],
    reported: list[tuple[int, int, str | None]] | None = None,
) -> list[MarkerRow]:
    """The marker rows of a document, sorted by position.

    ``attributions`` are the document's attribution rows (:func:`find_attributions`): a
    quotation that lies in an attribution's content is the speaker's words, not a scare quote,
    and a hedge in reported speech is the speaker's (``reported``: their
    :func:`~framing.detect.voice.reported_spans`, if the caller has them).
    """
    text = doc.text
    quotes = doc.quotes
    rows = []
    matcher = hedge_matcher()
    if reported is None:
        reported = reported_spans(attributions)
    # (a reporting verb is the outlet's choice even inside reported words, as for loaded terms)
    cues = {(a.verb_start, a.verb_end) for a in attributions}

    def voice(start: int, end: int, in_quote: bool) -> Voice:
        if in_quote:
            return "quoted"
        if (start, end) not in cues and reporter_of(reported, start, end) is not False:
            return "attributed"  # "Analysts said a deal was unlikely": the analysts hedge
        return "outlet"

    for hit in matcher.find_in(doc):
        entry = matcher.entries[hit.entry]
        in_quote = quotes.containing(hit.start, hit.end) is not None
        rows.append(
            MarkerRow(
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                entry["marker_type"],
                entry["term"],
                in_quote,
                voice(hit.start, hit.end, in_quote),
            )
        )
    attributed = [
        (a.quote_start, a.quote_end)
        for a in attributions
        if a.quote_start is not None and a.quote_end is not None
    ]
    distancing = _distancing_words()
    naming = frozenset(read_grammar().data["naming_verbs"])
    mention_nouns = frozenset(read_grammar().data["mention_nouns"])
    for q in quotes.spans:
        inner = text[q.inner_start : q.inner_end]
        words = inner.split()
        if not words or len(words) > MAX_SCARE_QUOTE_WORDS:
            continue
        before = match_form(text[max(0, q.start - 30) : q.start]).split()
        cue = next((w for w in before[-2:] if w in distancing), None)
        # After "so-called" the quotation is the outlet's distance whatever its case, even
        # with the comma of the sentence inside the closing mark (so-called “Victory Plan,”)
        # and inside a paraphrase; otherwise a quotation ending a sentence, or one that a
        # cue attributes, is someone's words.
        own = cue is not None and cue not in naming  # "so-called", not "he called it"
        if inner.rstrip()[-1:] in (".!?" if own else ".!?,"):
            continue
        if not own and any(s <= q.inner_start and q.inner_end <= e for s, e in attributed):
            continue
        if cue is None and before and before[-1] in mention_nouns:
            continue  # "the word “crisis”": a word mentioned, not the outlet's distance
        if cue is None and not words[0][:1].islower():
            # A capitalised short quotation without a distancing word is usually a title or a
            # name ("the film “Red Harbour”"), not distance-taking.
            continue
        # A scare quote is the outlet's distance by definition, also inside a paraphrase
        # after "so-called" ("claimed that his so-called “Recovery Plan” would ..."): a
        # speaker's quoted words inside reported speech were left out above.
        rows.append(
            MarkerRow(q.start, q.end, text[q.start : q.end], "scare_quote", cue, False, "outlet")
        )
    rows.sort(key=lambda r: (r.start, r.end))
    return rows


def to_frame(rows: list[MarkerRow]) -> pd.DataFrame:
    """The table of :func:`markers` from its rows, with the detector and lexicon labels in
    ``attrs``."""
    df = build_frame(rows, _SCHEMA)
    df.attrs["detector"] = DETECTOR
    df.attrs["lexicons"] = [lex.label for lex in marker_lexicons()]
    return df


def markers(text: str | Document) -> pd.DataFrame:
    """Find scare quotes and hedges in ``text``.

    Args:
        text: the article text (or a :class:`framing.Document` of it).

    Returns:
        One row per marker: ``start, end, text, type, term, in_quote, voice`` where
        ``type`` is ``scare_quote``, ``hedge``, ``epistemic_distancing`` or ``unverified``
        and ``voice`` is ``outlet``, ``quoted`` or ``attributed`` (whose words the marker is
        in, as for :func:`framing.loaded_terms`).

    Raises:
        TypeError: if ``text`` is neither a ``str`` nor a :class:`framing.Document`.

    Examples:
        >>> df = markers("The so-called “peace plan” reportedly stalled.")
        >>> df[["text", "type"]].values.tolist()
        [['“peace plan”', 'scare_quote'], ['reportedly', 'epistemic_distancing']]
    """
    doc = Document.of(text, "markers")
    return to_frame(find_markers(doc, find_attributions(doc)))
