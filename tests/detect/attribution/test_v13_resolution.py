"""Attribution v13: speakers resolved within the article (sentences written for the project).

Two mistakes of v12, found through the development set's new "named speaker resolved" measure
(the mention can be right while the canonical name is not): a person named inside a
quotation took the pronoun of the cue after it from the person who spoke, and a full name
sharing a surname with a person introduced earlier resolved to that person.
"""

from __future__ import annotations

import pytest

import framing


def _speakers(text: str) -> list[tuple[str, str]]:
    return [(r.verb, r.speaker) for r in framing.attributions(text).itertuples()]


FIXED = [
    (
        "Harbour master Greta Olsen said she would meet the crews. “Tomas Berg knows the"
        " rules,” she said.",
        [("said", "Greta Olsen"), ("said", "Greta Olsen")],
    ),
    (
        "Coach Ivo Marsh said he was proud. “Ask Dana Kell how hard we trained,” he said.",
        [("said", "Ivo Marsh"), ("said", "Ivo Marsh")],
    ),
    (
        "Farmer Ruth Aldous, 61, lost her barn in the flood. Her brother Simon Aldous blasted"
        " the insurers.",
        [("blasted", "Simon Aldous")],
    ),
    (
        "Mayor Lena Roos opened the debate. Councillor Pia Roos said the budget was short.",
        [("said", "Pia Roos")],
    ),
    # then a surname alone: the most recent of the two introduced
    (
        "Ruth Aldous lost her barn. Her brother Simon Aldous blasted the insurers. Aldous said"
        " he would sue.",
        [("blasted", "Simon Aldous"), ("said", "Simon Aldous")],
    ),
]

LEFT_ALONE = [
    # Another person who became a sentence's subject since the last speaker takes the pronoun.
    (
        "Senator Ana Holm said the vote was close. Then Maria Voss took the stage. “We are"
        " ready,” she said.",
        [("said", "Ana Holm"), ("said", "Maria Voss")],
    ),
    # The speaker named inside her own quotation is still the speaker.
    (
        "Greta Olsen said she would stay. “Greta Olsen does not quit,” she said.",
        [("said", "Greta Olsen"), ("said", "Greta Olsen")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIXED)
def test_speaker_resolved(text, expected):
    assert _speakers(text) == expected


@pytest.mark.parametrize(("text", "expected"), LEFT_ALONE)
def test_speaker_resolution_left_alone(text, expected):
    assert _speakers(text) == expected
