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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An organisation noun before a title and a name: the person holds an office of the
        # organisation; the run is no organisation, and the later surname is the person.
        ("At the meeting, party Chairman Lena Holm scolded the board. Holm said the plan was "
         "dead.", [["Lena Holm", "named", "indirect"], ["Lena Holm", "named", "indirect"]]),
        ("\u201cWe won,\u201d campaign Chairman Jon Pesta told reporters.",
         [["Jon Pesta", "named", "direct"]]),
        # "Whip" is a title like "Leader": the run is a person, not the Senate.
        ("Senate Majority Whip Jon Cornell responded by saying the plan was dead.",
         [["Jon Cornell", "named", "indirect"]]),
        # A plural possessive ends the possessor's name before a person's.
        ("Democracy Corps\u2019 Stan Greenfield, a pollster, said the plan was dead. "
         "Greenfield said the plan had failed.",
         [["Stan Greenfield", "named", "indirect"], ["Stan Greenfield", "named", "indirect"]]),
    ],
)  # fmt: skip
def test_a_person_named_after_an_organisation_is_the_person(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grid operator Westgrid said the plan was sound.",
         [["Grid operator Westgrid", "organization", "indirect"]]),
        # (the union's name is one entity, so "the union" is the Harbour Workers Union)
        ("The Harbour Workers' Union is on strike. The union said the plan was dead.",
         [["Harbour Workers Union", "organization", "indirect"]]),
    ],
)  # fmt: skip
def test_organisations_after_an_organisation_noun_or_a_plural_possessive_stay(text, expected):
    assert rows(text) == expected


def test_a_company_named_in_full_is_the_source_of_its_short_name():
    text = (
        "Harbour Gas Energy runs the terminal. Harbour Gas Energy said supplies were safe. "
        "Lena Holm, its chief executive, said the pipeline would reopen. Harbour said repairs "
        "would take a week."
    )
    assert rows(text) == [
        ["Harbour Gas Energy", "organization", "indirect"],
        ["Lena Holm", "named", "indirect"],
        ["Harbour Gas Energy", "organization", "indirect"],
    ]


def test_a_company_word_makes_the_name_a_company_and_leaves_pronouns_to_people():
    text = (
        "Northline Energy said about 60,000 homes lost power. Mara Okafor, its chief "
        "executive, said crews were at work. \u201cSome lines will take longer,\u201d she added."
    )
    assert rows(text) == [
        ["Northline Energy", "organization", "indirect"],
        ["Mara Okafor", "named", "indirect"],
        ["Mara Okafor", "named", "direct"],
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A name that only begins an organisation's name is not that organisation.
        ("Supporters rode the Trump Train to the rally. Trump said the crowd was huge.",
         "Trump"),
        ("The Cleveland Police Association met. Cleveland showed that the plan worked.",
         "Cleveland"),
    ],
)  # fmt: skip
def test_a_word_that_begins_an_organisations_name_is_not_that_organisation(text, speaker):
    assert [r[0] for r in rows(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A dateline with a date and an agency before its dash is no speaker.
        ("HALVIG, May 5 (Harbour Wire) - The Bank of Halvig raised its rate on Tuesday, "
         "citing inflation that stays high.",
         [["Bank of Halvig", "organization", "indirect"]]),
        ("HALVIG \u2015 After a year of delays, Lena Holm opened the port, saying the wait "
         "was over.", [["Lena Holm", "named", "indirect"]]),
        # A role between two runs of capitals: the name after it is the subject.
        ("Port director Lena Holm unveiled the plan, criticizing the levy.",
         [["Lena Holm", "named", "indirect"]]),
    ],
)  # fmt: skip
def test_the_subject_of_a_participle_is_no_dateline_and_no_role_word(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Okafor's deputy rallied supporters, saying the plan was sound.",
         [["Okafor's deputy", "anonymous", "indirect"]]),
        ("Okafor's campaign manager rallied supporters, saying the plan was sound.",
         [["Okafor's campaign manager", "anonymous", "indirect"]]),
        # no speaker noun after the possessive: the possessor stays the subject
        ("Dock worker Mara Okafor spoke first. Okafor's plan failed, leaving the port shut, "
         "saying nothing had changed.", [["Mara Okafor", "named", "indirect"]]),
    ],
)  # fmt: skip
def test_the_subject_of_a_participle_is_what_a_possessive_name_owns(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some Democrats said the plan was sound.", [["Some Democrats", "anonymous", "indirect"]]),
        ("Republicans said the plan was sound.", [["Republicans", "anonymous", "indirect"]]),
        ("Republican Ada Voss won the seat. The Republican said the plan was sound.",
         [["Ada Voss", "named", "indirect"]]),
        ("Democrat Lena Holm won the seat. Holm said the plan was sound.",
         [["Lena Holm", "named", "indirect"]]),
        ("The Republican National Committee said the plan was sound.",
         [["Republican National Committee", "organization", "indirect"]]),
        # a surname that is a role noun stays the person's
        ("Mayor Don Guardian spoke. \u201cThe casino is in trouble,\u201d Guardian said.",
         [["Don Guardian", "named", "direct"]]),
    ],
)  # fmt: skip
def test_party_labels_are_roles_and_unnamed_party_members_anonymous(text, expected):
    assert rows(text) == expected


def test_the_subject_before_a_relative_clause_speaks_for_a_participle_cue():
    text = (
        "Opposition leader Tomas Ardent, whose party counts the union among its donors, "
        "rushed to back the strike, claiming the deal was bad."
    )
    assert rows(text) == [["Tomas Ardent", "named", "indirect"]]


def test_a_named_person_with_others_is_the_named_person():
    text = "Dock worker Mara Okafor joined. Okafor and others said the plan was sound."
    assert rows(text) == [["Mara Okafor", "named", "indirect"]]
