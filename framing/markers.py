"""Other framing markers: scare quotes and hedges / epistemic distancing.

Detector name: ``framing.markers.v1``. Hedges come from the versioned lexicon
``framing/lexicons/hedges.tsv``; scare quotes are short quotations that no speaker is credited
with, especially after a distancing word ("so-called", "self-styled").

References:
    Hyland, K. (1998). Hedging in Scientific Research Articles. John Benjamins.
    Predelli, S. (2003). Scare quotes and their relation to other semantic issues.
    Linguistics and Philosophy 26(1).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import pandas as pd

from framing._frames import build_frame
from framing._text import QuoteIndex, check_text, match_form, quote_spans
from framing.lexicon import Matcher, haystack, read_lexicon
from framing.types import MARKER_COLUMNS

DETECTOR = "framing.markers.v1"
MAX_SCARE_QUOTE_WORDS = 5
_SCHEMA = tuple(zip(MARKER_COLUMNS, ("int", "int", "str", "str", "str", "bool"), strict=True))
_DISTANCING_CATEGORY = "distancing"


@cache
def hedge_matcher() -> Matcher:
    lex = read_lexicon(
        "hedges",
        ["term", "pos", "marker_type"],
        {"marker_type": ("hedge", "epistemic_distancing", "unverified")},
    )
    return Matcher([lex])


@cache
def _distancing_words() -> frozenset[str]:
    from framing.loaded import get_matcher

    m = get_matcher()
    return frozenset(
        e["term"].lower() for e in m.entries if e.get("category") == _DISTANCING_CATEGORY
    ) | frozenset({"dubbed", "called", "calls", "termed", "labelled", "labeled", "branded"})


def find_markers(
    text: str,
    quotes: QuoteIndex,
    attribution_rows: Sequence[tuple],
    hay: str | None = None,
) -> list[tuple]:
    """Marker rows as tuples in :data:`MARKER_COLUMNS` order, sorted by position.

    ``attribution_rows`` are rows from :func:`framing.attribution.find_attributions`; a quotation
    that lies in an attribution's content is the speaker's words, not a scare quote.
    """
    rows = []
    matcher = hedge_matcher()
    for hit in matcher.find(text, hay):
        entry = matcher.entries[hit.entry]
        rows.append(
            (
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                entry["marker_type"],
                entry["term"],
                quotes.containing(hit.start, hit.end) is not None,
            )
        )
    attributed = [
        (r[11], r[12]) for r in attribution_rows if r[11] is not None and r[12] is not None
    ]
    distancing = _distancing_words()
    for q in quotes.spans:
        inner = text[q.inner_start : q.inner_end]
        words = inner.split()
        if not words or len(words) > MAX_SCARE_QUOTE_WORDS or inner.rstrip()[-1:] in ".!?,":
            continue
        if any(s <= q.inner_start and q.inner_end <= e for s, e in attributed):
            continue
        before = match_form(text[max(0, q.start - 30) : q.start]).split()
        cue = next((w for w in before[-2:] if w in distancing), None)
        if cue is None and not words[0][:1].islower():
            # A capitalised short quotation without a distancing word is usually a title or a
            # name ("the film “Red Harbour”"), not distance-taking.
            continue
        rows.append((q.start, q.end, text[q.start : q.end], "scare_quote", cue, False))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def to_frame(rows: list[tuple]) -> pd.DataFrame:
    df = build_frame(rows, _SCHEMA)
    df.attrs["detector"] = DETECTOR
    df.attrs["lexicons"] = [lex.label for lex in hedge_matcher().lexicons]
    return df


def markers(text: str) -> pd.DataFrame:
    """Find scare quotes and hedges in ``text``.

    Args:
        text: the article text.

    Returns:
        One row per marker: ``start, end, text, type, term, in_quote`` where ``type`` is
        ``scare_quote``, ``hedge``, ``epistemic_distancing`` or ``unverified``.

    Raises:
        TypeError: if ``text`` is not a ``str``.

    Examples:
        >>> df = markers("The so-called “peace plan” reportedly stalled.")
        >>> df[["text", "type"]].values.tolist()
        [['“peace plan”', 'scare_quote'], ['reportedly', 'epistemic_distancing']]
    """
    from framing.attribution import find_attributions

    check_text(text, "markers")
    quotes = QuoteIndex(quote_spans(text))
    return to_frame(find_markers(text, quotes, find_attributions(text), haystack(text)))
