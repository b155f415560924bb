"""Attribution v11: what a cue reports when a time, a place or a description stands beside it.

Written for the project. With attribution v10 a cue followed by a time or a place took it for
what was said ("The levy will stay, Holm said on Tuesday." gave "on Tuesday"); a day right after
the cue opened the reported clause ("Holm said Tuesday she would ..."); and a description of the
speaker before the name ("“...,” the union's president, Carla Mendes, said") parted the cue
clause from the quotation before it, so the quotation was no row of its own.
"""

from __future__ import annotations

import pytest

import framing


def reported(text: str, verb: str) -> list[tuple[str, str]]:
    """``(kind, reported words)`` of the rows of ``text`` whose cue is ``verb``."""
    frame = framing.attributions(text)
    frame = frame[frame["verb"] == verb]
    return [
        (kind, text[int(start) : int(end)])
        for kind, start, end in zip(
            frame["kind"], frame["quote_start"], frame["quote_end"], strict=True
        )
    ]


@pytest.mark.parametrize(
    ("text", "verb", "content"),
    [
        ("The levy will stay, Holm said on Tuesday.", "said", "The levy will stay"),
        ("The ferry will run again in May, the operator said in a statement on Friday.",
         "said", "The ferry will run again in May"),
        ("The fire is under control, officials said late Tuesday, after crews worked through "
         "the night.", "said", "The fire is under control"),
        ("The levy will stay, Holm told the Gazette on Sunday.", "told", "The levy will stay"),
        ("The harbour is safe, the inspectors said at a briefing in Carrow, adding that the "
         "cranes would be checked.", "said", "The harbour is safe"),
        ("The strike was a last resort, the union's president, Carla Mendes, said on Tuesday.",
         "said", "The strike was a last resort"),
        ("Taxes will fall, Finance Minister Piet Ostrander said on Tuesday as he presented the "
         "budget to parliament.", "said", "Taxes will fall"),
        # a participle's clause set off after the cue is its own cue's or the writer's
        ("The port would close, Holm told reporters, speaking outside the court.", "told",
         "The port would close"),
        ("The port would close, Holm said, adding that jobs would go.", "said",
         "The port would close"),
    ],
)  # fmt: skip
def test_a_time_or_place_after_the_cue_leaves_the_clause_before_it_reported(
    text: str, verb: str, content: str
) -> None:
    assert reported(text, verb) == [("indirect", content)]


@pytest.mark.parametrize(
    ("text", "verb", "content"),
    [
        ("Holm said Tuesday she would run again.", "said", "she would run again"),
        ("Holm said Tuesday night she would run again.", "said", "she would run again"),
        ("Holm told the Gazette on Sunday she would stand down.", "told",
         "she would stand down"),
        ("Officials said last week the bridge was safe.", "said", "the bridge was safe"),
        ("Holm said yesterday, the plan is dead.", "said", "the plan is dead"),
        # (a clause after the time is what was said, whatever stands before the cue)
        ("The port is busy, Holm said on Tuesday it would stay open.", "said",
         "it would stay open"),
    ],
)  # fmt: skip
def test_a_time_right_after_the_cue_is_no_part_of_what_was_said(
    text: str, verb: str, content: str
) -> None:
    assert reported(text, verb) == [("indirect", content)]


@pytest.mark.parametrize(
    ("text", "speaker", "verb"),
    [
        ("“We will not back down,” the union's president, Carla Mendes, told reporters on "
         "Tuesday.", "Carla Mendes", "told"),
        ("“We will not back down,” the union's president, Carla Mendes, said on Tuesday.",
         "Carla Mendes", "said"),
        ("“We will not back down,” Acme's chief executive, Jane Doe, said in a statement.",
         "Jane Doe", "said"),
    ],
)  # fmt: skip
def test_a_quotation_before_a_described_speaker_is_reported_direct(
    text: str, speaker: str, verb: str
) -> None:
    frame = framing.attributions(text)
    assert frame[["speaker", "verb", "kind", "quote"]].values.tolist() == [
        [speaker, verb, "direct", "We will not back down"]
    ]


def test_a_paraphrase_holding_a_quotation_before_the_cue_is_mixed() -> None:
    text = "The strike was “a last resort,” Mendes said on Tuesday."
    [(kind, content)] = reported(text, "said")
    assert kind == "mixed"
    assert content.startswith("The strike was “a last resort")


@pytest.mark.parametrize(
    ("text", "verb", "content"),
    [
        # the time word is the reported clause's subject
        ("Holm said years of neglect had ruined the port.", "said",
         "years of neglect had ruined the port"),
        ("Holm said this year will be hard.", "said", "this year will be hard"),
        # a preposition the verb takes is no adverbial of time or place
        ("In court documents, the union asked for a delay.", "asked", "a delay"),
        # "that" still opens the reported clause
        ("Holm said in a statement on Friday that the vote was fair.", "said",
         "the vote was fair"),
    ],
)  # fmt: skip
def test_what_the_rules_leave_as_it_was(text: str, verb: str, content: str) -> None:
    assert reported(text, verb) == [("indirect", content)]


@pytest.mark.parametrize(
    "text",
    [
        "CARROW, March 10 (Meridian Wire) - Taxes will fall, the minister said on Tuesday.",
        "CARROW \u2014 Taxes will fall, the minister said on Tuesday.",
        "CARROW (Meridian Wire) - Taxes will fall, the minister said on Tuesday.",
    ],
)
def test_a_dateline_is_no_part_of_what_was_said(text: str) -> None:
    assert reported(text, "said") == [("indirect", "Taxes will fall")]


def test_capitals_and_a_dash_inside_a_paragraph_are_no_dateline() -> None:
    text = "The vote is close. NATO - the alliance - will grow, officials said."
    assert reported(text, "said") == [("indirect", "NATO - the alliance - will grow")]


def test_an_opening_phrase_is_never_the_content() -> None:
    text = "Before stepping down, Holm responded with anger."
    assert all(not c.startswith("Before") for _, c in reported(text, "responded"))


@pytest.mark.parametrize(
    "text",
    [
        "The deal, Holm said, was the best available.",
        "The deal, Holm said on Tuesday, was the best available.",
        "The new levy, the port's director, Lena Holm, said, would be dropped.",
    ],
)
def test_a_cue_clause_inside_what_was_said_reports_the_whole_clause(text: str) -> None:
    [(kind, content)] = reported(text, "said")
    assert kind == "indirect"
    assert content == text[:-1]  # one span: the cue clause lies inside it


@pytest.mark.xfail(
    strict=True,
    reason="a sentence opening with 'That' is read as a clause before its subject ('That "
    "Okafor stayed ...', grammar leading_function_words), so the words before an "
    "interrupting cue clause are not taken as what was said",
)
def test_a_cue_clause_inside_a_clause_opening_with_that() -> None:
    text = "That deal, the minister insisted, would never pass the house."
    assert reported(text, "insisted") == [("indirect", text[:-1])]


def test_a_loaded_word_around_an_interrupting_cue_clause_is_the_speakers() -> None:
    frame = framing.loaded_terms("The deal, Holm fumed, was a sham.")
    assert dict(zip(frame["text"], frame["voice"], strict=True)) == {
        "fumed": "outlet",  # the cue is the outlet's choice of verb
        "sham": "attributed",
    }


def test_a_long_run_of_capitals_before_a_cue_is_read_in_linear_time() -> None:
    # The dateline pattern once let a run of capitals split in exponentially many ways; on a
    # shouted opening line with no dash it never finished.
    text = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN THE PLAN FAILED, Holm said."
    assert reported(text, "said") == [("indirect", text[: text.index(",")])]


@pytest.mark.parametrize(
    "text",
    [
        "“We tried,” Holm said, “and we will try again.”",
        "“We tried,” said Holm, “and we will try again.”",
        '"We tried," Holm said, "and we will try again."',
        "“We tried,” the union's president, Carla Mendes, said, “and we will try again.”",
    ],
)
def test_the_second_half_of_an_interrupted_quotation_is_a_row_of_its_own(text: str) -> None:
    frame = framing.attributions(text)
    assert frame[["verb", "kind", "quote"]].values.tolist() == [
        ["said", "direct", "We tried"],
        ["said", "direct", "and we will try again."],
    ]
    assert frame["speaker"].nunique() == 1


def test_a_quotation_after_a_participle_is_the_participles() -> None:
    frame = framing.attributions("“We tried,” Holm said, adding: “We failed.”")
    assert frame[["verb", "kind", "quote"]].values.tolist() == [
        ["said", "direct", "We tried"],
        ["adding", "direct", "We failed."],
    ]


def test_a_quotation_that_ends_the_paragraph_before_is_not_the_next_clauses() -> None:
    text = (
        '"We tried," Holm said, adding: "We will try again."\n\n'
        'Ruiz, who also campaigned in the port this week, tweeted, "Thank you Carrow! '
        '#Ruiz2026" on Friday afternoon.'
    )
    frame = framing.attributions(text)
    tweeted = frame[frame["verb"] == "tweeted"]
    assert len(tweeted) == 1
    assert "We will try again" not in tweeted["quote"].iloc[0]
