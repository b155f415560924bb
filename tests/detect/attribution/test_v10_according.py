"""Attribution v10 (cues.guards 1.3.0, speakers 1.5.0): the source after "according to".

Written for the project. With attribution v9 "according to" gave no row when the words after it
held no speaker noun the lexicon knows ("one global index", "early returns"), when a participle
followed the source ("a document provided by ..."), when "law" modified the source ("law
enforcement officials", read as "according to law"), and for "according to him".
"""

from __future__ import annotations

import pytest

import framing


def rows(text: str) -> list[list[object]]:
    frame = framing.attributions(text)
    return frame[["speaker", "verb", "kind", "source_type"]].values.tolist()


@pytest.mark.parametrize(
    ("text", "speaker", "source_type"),
    [
        ("According to law enforcement officials, the port will close.",
         "law enforcement officials", "anonymous"),
        ("The port will close, according to a senior law enforcement official.",
         "a senior law enforcement official", "anonymous"),
        ("The port will close, according to a document provided by the union's lawyer.",
         "document", "document"),
        ("Turnout rose, according to exit polls reported by two networks.",
         "exit polls", "document"),
        ("The port ranks first, according to one global index.", "one global index", "document"),
        ("Okafor won, according to complete but unofficial returns.",
         "complete but unofficial returns", "document"),
        ("The port will close, according to a study last year by two economists.",
         "study", "document"),
        ("The crews left at ten, according to a congressional timeline.",
         "congressional timeline", "document"),
        ("The board met twice, according to someone in attendance.", "someone", "anonymous"),
    ],
)  # fmt: skip
def test_the_words_after_according_to_are_its_source(text, speaker, source_type):
    found = [r for r in rows(text) if r[1].lower() == "according to"]
    assert found == [[speaker, found[0][1] if found else None, "according_to", source_type]]


def test_according_to_him_takes_up_the_person_named_before():
    text = "Dock worker Mara Okafor runs the crane. According to her, the port will close."
    assert rows(text) == [["Mara Okafor", "According to", "according_to", "named"]]


@pytest.mark.parametrize(
    "text",
    [
        # "in line with": no source
        "Voters must register according to law.",
        "According to the new law, voters must register.",
        "According to her plan, the port will close.",
        "Voters chose according to their instinctive preference.",
        "The work went ahead according to plan.",
        "Seats are shared out according to how the vote went.",
    ],
)
def test_according_to_in_line_with_has_no_source(text):
    assert rows(text) == []


def test_someone_takes_no_words_before_it():
    assert rows("Looks like someone told the mayor that the port would close.") == [
        ["someone", "told", "indirect", "anonymous"]
    ]


@pytest.mark.xfail(
    strict=True,
    reason="a speaker noun the lexicon knows ('council') ends the source phrase, so a noun "
    "after it that the lexicon does not know ('chronology') is dropped: the source is the council",
)
def test_an_unknown_head_after_a_known_modifier_is_the_source():
    # ("timeline", the example first written here, is a document noun since speakers 1.11.0)
    found = rows("The crews left at ten, according to a council chronology.")
    assert found == [["council chronology", "according to", "according_to", "document"]]


def test_a_known_document_head_after_a_known_modifier_is_the_source():
    found = rows("The crews left at ten, according to a council timeline.")
    assert found == [["council timeline", "according to", "according_to", "document"]]


def test_someone_after_a_clause_opening_is_someone():
    text = 'So if somebody rings the depot and says, "Send ten crates of rope," the clerk checks.'
    assert rows(text) == [["somebody", "says", "direct", "anonymous"]]


def test_a_source_at_the_end_of_a_text_without_a_full_stop_is_read():
    assert rows("Okafor won the seat, according to early returns") == [
        ["early returns", "according to", "according_to", "document"]
    ]
