"""Attribution v8 (grammar 1.9.0): speakers that were words around the name.

Written for the project. Each case failed with attribution v7: the speaker came out as the word
that opens a complex preposition ("Prior", "Ahead"), a time noun before the name ("the day
Ruiz"), a wh-word ("why critics"), the office of a title ("of State Lena Holm"), or the "of"
left over when a sentence-opening word was dropped from a run of capitals ("of Okafor", which
then took the later mentions of the person).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Prior to the day Ruiz conceded the race, her aides said little.", "conceded", ["Ruiz"]),
        ("Ahead of the day Ruiz conceded the race, her aides said little.", "conceded", ["Ruiz"]),
        ("On the day Ruiz conceded the race, her aides said little.", "conceded", ["Ruiz"]),
        ("It remains unclear how voters will respond to the proposal.", "respond", ["voters"]),
        ("That is why critics say the scheme failed.", "say", ["critics"]),
        ("Secretary of State Lena Holm said the talks would resume.", "said", ["Lena Holm"]),
        ("Chief of Staff Denis Okafor told reporters the plan was dead.", "told", ["Denis Okafor"]),
        ("Mayor of Halvig Ana Ruiz said the port would close.", "said", ["Ana Ruiz"]),
        (
            "Port director Jonas Okafor stayed away. All of Okafor's staff left early. "
            "Okafor said later that nobody had asked him.",
            "said",
            ["Jonas Okafor"],
        ),
        (
            "Port director Jonas Okafor stayed away. Some of Okafor's allies were furious. "
            "He said later that nobody had asked him.",
            "said",
            ["Jonas Okafor"],
        ),
    ],
)
def test_the_speaker_is_the_person_not_the_words_around_them(speakers, text, verb, expected):
    assert speakers(text, verb) == expected


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # what the new rules must leave alone
        ("The Bank of Halvig said rates would rise.", "said", ["Bank of Halvig"]),
        ("Pia Wendt of Tessin said the vote was fair.", "said", ["Pia Wendt"]),
        ("The debate moderator Lena Holm said the rules were clear.", "said", ["Lena Holm"]),
        ("Prior to the vote, Ruiz conceded the race.", "conceded", ["Ruiz"]),
        ("Because of the storm, officials said the port would close.", "said", ["officials"]),
    ],
)
def test_names_with_of_and_openers_stay_as_they_were(speakers, text, verb, expected):
    assert speakers(text, verb) == expected
