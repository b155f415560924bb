"""Attribution v10 (grammar 1.11.0, speakers 1.5.0): the writer's "I" and "others" as sources.

Written for the project. With attribution v9 a first-person "I said" (columns, first-person
reportage) was a one-word name the article never introduced, so it was typed `organization`;
"Others say ..." was an organisation or a named person, and "others say" no attribution.
"""

from __future__ import annotations

import pytest

import framing


def rows(text: str) -> list[list[object]]:
    return framing.attributions(text)[["speaker", "source_type", "kind"]].values.tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cNo,\u201d I replied.", [["I", "unresolved", "direct"]]),
        ("I told the council the plan was dead.", [["I", "unresolved", "indirect"]]),
        ("I left the room, saying nothing more would help.", [["I", "unresolved", "indirect"]]),
    ],
)
def test_the_writer_speaking_in_the_first_person_is_nobody_the_text_names(text, expected):
    assert rows(text) == expected


def test_the_writer_between_two_quotations_leaves_the_pronouns_around_it_alone():
    text = (
        "Dock worker Mara Okafor joined the strike. \u201cNo,\u201d she said. \u201cYes,\u201d "
        "I replied. \u201cMaybe,\u201d she said."
    )
    assert rows(text) == [
        ["Mara Okafor", "named", "direct"],
        ["I", "unresolved", "direct"],
        ["Mara Okafor", "named", "direct"],
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Others say the plan is sound.", "Others"),
        ("Others, however, say a change is overdue.", "Others"),
        ("Some back the levy, but others say it is not needed.", "others"),
        ("Many others said the plan was sound.", "Many others"),
    ],
)
def test_others_are_unnamed_people(text, speaker):
    assert rows(text) == [[speaker, "anonymous", "indirect"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "I" after a capitalised word is a numeral, and a clause of the writer's before the
        # speaker leaves the speaker alone.
        ("World War I veterans said the memorial was late.",
         [["World War I veterans", "anonymous", "indirect"]]),
        ("When I asked why, Lena Holm said the port was full.",
         [["Lena Holm", "named", "indirect"]]),
    ],
)  # fmt: skip
def test_what_the_first_person_rule_leaves_alone(text, expected):
    assert rows(text) == expected
