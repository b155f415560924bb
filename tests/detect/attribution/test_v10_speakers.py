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
def test_an_adverb_opening_a_sentence_is_no_part_of_the_name(speakers, opening):
    text = INTRO + opening + " Okafor said the talks would go on."
    assert speakers(text, "said") == ["Mara Okafor"]


@pytest.mark.parametrize("adverb", ["Then", "Even", "Now", "Later"])
def test_a_cue_right_after_the_adverb_and_name_speaks_for_the_person(speakers, adverb):
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
def test_names_beginning_with_the_letters_of_an_adverb_are_kept(speakers, text, verb, expected):
    assert speakers(text, verb) == expected


def test_a_long_run_of_capitals_in_a_headline_names_nobody():
    # v9 made a person "Laughs" (titled "Campaign Manager") of the headline, and "the campaign
    # manager" of the story resolved to it.
    text = (
        "Okafor Campaign Manager Laughs, Dodges Question On Levy.\n\n"
        "The campaign manager was asked about the levy on Monday. The campaign manager said "
        "the levy was dead."
    )
    assert framing.attributions(text)[["speaker", "source_type"]].values.tolist() == [
        ["The campaign manager", "anonymous"]
    ]


@pytest.mark.xfail(
    strict=True,
    reason="a name that opens a long run of capitals in a headline is not introduced: the run "
    "is no person, and the later surname alone is read as an organisation",
)
def test_a_name_that_opens_a_headline_is_introduced(speakers):
    text = "Lena Holm Rejects Levy Plan In Harbour Vote.\n\nHolm said the levy was dead."
    assert speakers(text, "said") == ["Lena Holm"]


def test_role_words_before_an_abbreviated_title_are_the_persons_roles(speakers):
    # "Republican Sen." ends a run of capitals at the abbreviation; v9 kept only "sen".
    text = (
        "Republican Sen. Ada Voss spoke first. Then the port director spoke. \u201cThe levy "
        "is dead,\u201d the Republican said."
    )
    assert speakers(text, "said") == ["Ada Voss"]
