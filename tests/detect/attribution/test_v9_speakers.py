"""Attribution v9 (grammar 1.10.0): a preposition that opens a sentence before a name is no part
of the name.

Written for the project. Each case failed with attribution v8: a sentence opening "To Okafor,",
"Like Ruiz,", "Despite Holm's ..." founded a person "To Okafor" (the run of capitals took the
preposition), who then took the person's later mentions ("Okafor said").
"""

from __future__ import annotations

import pytest

INTRO = "Dock worker Mara Okafor joined the strike in March. "


@pytest.mark.parametrize(
    "opening",
    [
        "To Okafor, the vote was a betrayal.",
        "Like Okafor, dozens of crane drivers stayed home.",
        "Despite Okafor's warnings, the board voted on.",
        "From Okafor's union to the port's owners, nobody wanted a long strike.",
        "By Okafor's count, forty crews walked out.",
        "Unlike Okafor, the managers came to work.",
        "Among Okafor's allies, the mood was grim.",
    ],
)
def test_a_preposition_opening_a_sentence_is_no_part_of_the_name(speakers, opening):
    text = INTRO + opening + " Okafor said the talks would go on."
    assert speakers(text, "said") == ["Mara Okafor"]


def test_the_second_of_two_people_after_like_is_the_speaker(speakers):
    text = (
        "Port director Lena Holm and harbour master Ana Ruiz met on Monday. Like Holm, Ruiz "
        "also rejected the offer, saying it was too late."
    )
    assert speakers(text, "saying") == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # Names that begin with the letters of a preposition stay whole.
        ("Tobias Okafor said the port would reopen.", "said", ["Tobias Okafor"]),
        ("Byron Holm told the council the plan was dead.", "told", ["Byron Holm"]),
        ("Fromm Okafor said the crews were tired.", "said", ["Fromm Okafor"]),
    ],
)
def test_names_beginning_with_the_letters_of_a_preposition_are_kept(speakers, text, verb, expected):
    assert speakers(text, verb) == expected
