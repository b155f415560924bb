"""Attribution v14: a description after an inverted speaker is not what was said.

"..., said Jake Horowitz, editor of the Harbour Ledger." reported "editor of the Harbour
Ledger" as the content of "said" (v13 and before): the words after an inverted speaker, set off
by a comma, describe the speaker. Read on PolNeAR, the most common content that shared no letter
with the human-marked one. Sentences written for the project.
"""

from __future__ import annotations

import pytest

import framing


def _row(text: str) -> tuple[str, str, str]:
    df = framing.attributions(text)
    assert len(df) == 1, df
    row = df.iloc[0]
    return row["speaker"], row["kind"], row["quote"]


FIXED = [
    (
        "Turnout will decide the race, said Jake Horowitz, editor of the Harbour Ledger.",
        ("Jake Horowitz", "indirect", "Turnout will decide the race"),
    ),
    (
        "Turnout “will decide the race,” said Jake Horowitz, editor of the Harbour Ledger.",
        ("Jake Horowitz", "mixed", "Turnout “will decide the race,”"),
    ),
    (
        "The fund ran dry years ago, said Ana Ruiz, an analyst at the Coastal Bank that tracks it.",
        ("Ana Ruiz", "indirect", "The fund ran dry years ago"),
    ),
    (
        "The port will close, said Holm, who heads the dockers' union.",
        ("Holm", "indirect", "The port will close"),
    ),
    # the cue clause and the description inside what was said: the whole clause
    (
        "The paradox of the plan, says Ana Ruiz, a historian at the city library, is that"
        " nobody wanted it.",
        (
            "Ana Ruiz",
            "indirect",
            "The paradox of the plan, says Ana Ruiz, a historian at the city library, is that"
            " nobody wanted it",
        ),
    ),
]

LEFT_ALONE = [
    (
        "“We will stay,” said Ines Holm, the union's treasurer.",
        ("Ines Holm", "direct", "We will stay"),
    ),
    (
        "The port will close, Ines Holm said on Tuesday.",
        ("Ines Holm", "indirect", "The port will close"),
    ),
    (
        "Officials said on Tuesday that the port would close.",
        ("Officials", "indirect", "the port would close"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIXED)
def test_a_description_after_the_speaker_is_not_what_was_said(text, expected):
    assert _row(text) == expected


@pytest.mark.parametrize(("text", "expected"), LEFT_ALONE)
def test_left_alone(text, expected):
    assert _row(text) == expected
