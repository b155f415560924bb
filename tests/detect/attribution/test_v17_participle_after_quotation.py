"""Attribution v17: a participle after a quotation takes the subject of the clause before it.

'X called the plan “a sham,” warning residents that ...': v16 read the words after the
participle as an inverted speaker ("“...,” said X"), so the residents warned. A participle takes
an object, never an inverted subject: its speaker is the subject of the cue before it in the
sentence, else of the main clause. In a sentence that opens with the quotation, a participle
right after it describes the speaker named after it ('“...,” fuming shop worker Dana Kell told
...') and reports nothing (v16 gave it a row of its own, a second row for the quotation). Read
on PolNeAR's speaker mismatches. Sentences written for the project.
"""

from __future__ import annotations

import pytest

import framing


def _rows(text: str) -> list[tuple[str | None, str]]:
    return [(r.speaker, r.verb) for r in framing.attributions(text).itertuples()]


FIXED = [
    (
        "The mayor called the plan “a sham,” warning residents that rents would rise.",
        [("The mayor", "called"), ("The mayor", "warning")],
    ),
    (
        "Okafor has praised the vote as “a triumph,” telling reporters in Dover that the port "
        "would thrive.",
        [("Okafor", "praised"), ("Okafor", "telling")],
    ),
    (
        "The union dismissed the offer as “an insult” urging members to reject it.",
        [("union", "dismissed"), ("union", "urging")],
    ),
    (
        "“We sat in the cold for a week,” fuming pensioner Mabel Ross told the Courier.",
        [("Mabel Ross", "told")],
    ),
]

LEFT_ALONE = [
    (
        "Okafor attacked Ruiz, saying, “She has failed,” adding, “She must go.”",
        [("Okafor", "attacked"), ("Okafor", "saying"), ("Okafor", "adding")],
    ),
    ("“It is a sham,” said Okafor.", [("Okafor", "said")]),
    (
        "“It is a sham,” said Okafor, warning residents that rents would rise.",
        [("Okafor", "said"), ("Okafor", "warning")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIXED + LEFT_ALONE)
def test_participle_after_a_quotation(text: str, expected: list) -> None:
    assert _rows(text) == expected
