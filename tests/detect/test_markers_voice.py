"""Whose words a hedge is (framing.markers.v10), as for loaded terms; a scare quote is the
outlet's.

Written for the project. Until v9 a hedge inside a direct quotation or inside reported speech
counted as the outlet's hedging ("Analysts said the deal was unlikely to collapse"), so an
outlet that quotes cautious sources looked cautious itself: on PolNeAR's 840 articles 14% of
the hedges outside quotation marks lie in reported speech, from 8% in one outlet to 22% in
another (docs/validation.md, section 31). The article counts ``hedges`` and ``scare_quotes``
now count the outlet's own voice only; the hits keep every marker with its ``voice``.
"""

from __future__ import annotations

import pytest

import framing
from framing.detect.loaded import get_matcher
from framing.extract.features import COUNT_COLUMNS, article_features


def voices(text: str) -> list[tuple[str, str]]:
    frame = framing.markers(text)
    return list(zip(frame["text"], frame["voice"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reported speech: the speaker hedges
        ("Analysts at Kessler Bank said the deal was unlikely to collapse.",
         [("unlikely", "attributed")]),
        ("Officials warned that the repairs would probably take a year.",
         [("probably", "attributed")]),
        # a direct quotation: the speaker's words
        ("“The deal will likely collapse,” the minister said.", [("likely", "quoted")]),
        # the outlet's own voice, beside an attribution
        ("The deal appears unlikely to pass, and the minister said she would vote against it.",
         [("appears", "outlet"), ("unlikely", "outlet")]),
        ("The minister reportedly said the deal was dead.", [("reportedly", "outlet")]),
        # a scare quote is the outlet's distance, also after "so-called" inside a paraphrase
        ("Ardent claimed that his so-called “fair rent” plan would pass.",
         [("“fair rent”", "outlet")]),
        ("The so-called “reform” passed on Tuesday.", [("“reform”", "outlet")]),
    ],
)  # fmt: skip
def test_a_marker_has_the_voice_of_whoever_chose_it(text, expected):
    assert voices(text) == expected


def test_article_counts_hold_the_outlets_own_markers_only():
    text = (
        "The deal appears unlikely to pass. Analysts said a vote was unlikely before May. "
        "“It will probably fail,” the minister said. The so-called “reform” stalled."
    )
    counts, hits = article_features("a", "Ledger", None, text, get_matcher())
    markers = [h for h in hits if h.detector == "marker"]
    assert sorted(h.voice for h in markers) == [
        "attributed", "outlet", "outlet", "outlet", "quoted"
    ]  # fmt: skip
    columns = dict(zip(COUNT_COLUMNS, counts[1:], strict=True))
    assert (columns["hedges"], columns["scare_quotes"]) == (2, 1)
