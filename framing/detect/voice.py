"""Whose words a hit is in: the outlet's own, a speaker's quoted words, or a speaker's words
reported by the outlet (the content of an indirect, mixed or according-to attribution).

Loaded terms (:func:`framing.detect.loaded.credit_speakers`) and markers
(:func:`framing.detect.markers.find_markers`) read the attributions the same way, so a rate "in
the outlet's own voice" means one thing for both.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Literal

from framing.detect.attribution.labels import LABEL_ENTRY
from framing.detect.attribution.resources import resources
from framing.text.tokens import apostrophe_words
from framing.types import AttributionRow

__all__ = ["names_a_target", "reported_spans", "reporter_of"]

#: Kinds of attribution whose content is reported speech (not a direct quotation).
REPORTED_KINDS = ("indirect", "mixed", "according_to")
#: The cue of a label's attribution: its colon (as written in the rows' ``verb``).
LABEL_CUE = LABEL_ENTRY["term"]
#: Longest reported content: the attribution rules read within 400 characters before a cue and
#: 500 after it.
_MAX_CONTENT = 1000
#: Verb classes whose verbs take what is attacked, praised or disputed as their object.
_TARGET_CLASSES = ("emotive", "endorsement", "doubt")
#: Words that make the content the speaker's characterisation rather than a bare object:
#: "slammed the plan as reckless", "urged them to", "blasted him for", "warned that".
_CHARACTERISING = frozenset(
    ("that", "to", "as", "for", "because", "if", "whether", "it", "you", "not", "saying")
)
#: Longest object noun phrase, in words.
_MAX_TARGET_WORDS = 10


def reported_spans(attributions: Sequence[AttributionRow]) -> list[tuple[int, int, str | None]]:
    """The reported contents of ``attributions`` as ``(start, end, speaker)``, sorted: those of
    indirect, mixed and according-to attributions, except a bare target of an attack or praise
    (:func:`names_a_target`), and the lines a label attributes ("VOSS: We will not move.", a
    transcript's words printed without quotation marks; what a label introduces in quotation
    marks is a quotation, which a hit's ``in_quote`` says first)."""
    return sorted(
        (att.quote_start, att.quote_end, att.speaker)
        for att in attributions
        if (att.kind in REPORTED_KINDS or att.verb == LABEL_CUE)
        and att.quote_start is not None
        and att.quote_end is not None
        and not names_a_target(att)
    )


def names_a_target(att: AttributionRow) -> bool:
    """True when an attack, praise or dispute reports only the noun phrase it is aimed at
    ("Critics blasted the draconian bill"): that phrase names the target in the outlet's words,
    so a loaded term in it stays in the outlet's voice. Reported clauses ("claimed the plan
    was reckless"), characterisations ("slammed the plan as reckless") and anything with
    punctuation or quotation marks stay the speaker's."""
    if att.kind != "indirect" or att.verb_class not in _TARGET_CLASSES or not att.quote:
        return False
    if any(ch in att.quote for ch in ',;:"\u201c\u201d\u2018()'):  # (\u2019 is an apostrophe)
        return False
    words = [w.lower() for w in apostrophe_words(att.quote).findall(att.quote)]
    if not words or len(words) > _MAX_TARGET_WORDS:
        return False
    openers = resources().clause_openers
    return not any(w in openers or w in _CHARACTERISING for w in words)


def reporter_of(
    spans: list[tuple[int, int, str | None]], start: int, end: int
) -> str | Literal[False] | None:
    """The speaker of the reported content (of :func:`reported_spans`) holding
    ``[start, end)``, or False if none does.

    Content is read within a cue's window of the sentence, so a span holding the hit starts at
    most :data:`_MAX_CONTENT` characters before it: the look-back stops there and stays linear
    however many attributions a text holds.

    Examples:
        >>> reporter_of([(0, 20, "Ana Ruiz")], 5, 9), reporter_of([(0, 20, "Ana Ruiz")], 25, 29)
        ('Ana Ruiz', False)
    """
    k = bisect.bisect_right(spans, (start, float("inf"), "")) - 1
    while k >= 0 and spans[k][0] >= start - _MAX_CONTENT:
        s, e, speaker = spans[k]
        if s <= start and end <= e:
            return speaker
        k -= 1
    return False
