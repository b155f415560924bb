"""Attribution v10 (grammar 1.11.0): an adverb, "that" or "besides" that opens a sentence before
a name is no part of the name.

Written for the project. Each case failed with attribution v9: a sentence opening "Then
Okafor ...", "Even Okafor's ...", "That Okafor ..." founded a person "Then Okafor" (the run of
capitals took the opening word), who then took the person's later mentions ("Okafor said"), or
spoke under that name when the cue followed at once.
"""

from __future__ import annotations

import pytest

import framing


def speakers(text: str, verb: str) -> list[str]:
    rows = framing.attributions(text)
    return rows.loc[rows["verb"] == verb, "speaker"].tolist()


INTRO = "Dock worker Mara Okafor joined the strike in March. "


@pytest.mark.parametrize(
    "opening",
    [
        "Then Okafor walked out of the meeting.",
        "Even Okafor's allies were surprised.",
        "Still Okafor refused to budge.",
        "Meanwhile Okafor met the board.",
        "That Okafor stayed surprised nobody.",
        "Once Okafor arrived, the talks began.",
        "Now Okafor faces a vote.",
        "Perhaps Okafor was right all along.",
        "Only Okafor voted no.",
        "Earlier Okafor had warned the board.",
        "Besides Okafor, nobody spoke.",
        "Without Okafor's crews, the port stood still.",
        "Suddenly Okafor stood up.",
    ],
)
def test_an_adverb_opening_a_sentence_is_no_part_of_the_name(opening):
    text = INTRO + opening + " Okafor said the talks would go on."
    assert speakers(text, "said") == ["Mara Okafor"]


@pytest.mark.parametrize("adverb", ["Then", "Even", "Now", "Later"])
def test_a_cue_right_after_the_adverb_and_name_speaks_for_the_person(adverb):
    text = INTRO + f"{adverb} Okafor said the talks would go on."
    assert speakers(text, "said") == ["Mara Okafor"]


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # Names that begin with the letters of an adverb, and a hyphenated former title, stay
        # as they were.
        ("Stillman Holm said the port would reopen.", "said", ["Stillman Holm"]),
        ("Evenson Holm said the port would reopen.", "said", ["Evenson Holm"]),
        ("Thena Okafor said the crews were tired.", "said", ["Thena Okafor"]),
        ("Onceta Ruiz told the council the plan was dead.", "told", ["Onceta Ruiz"]),
    ],
)
def test_names_beginning_with_the_letters_of_an_adverb_are_kept(text, verb, expected):
    assert speakers(text, verb) == expected
