"""Quotation marks written as two apostrophes, as some archives' plain text has them.

Newspaper archives and research corpora built from them (the New York Times' archive text
among them) write a double quotation mark as two apostrophes: ''like this''. Each passage below
(written for the project) is read twice, once with curly marks and once with two apostrophes
for each: the rows must be the same, since the marks stand for the same thing. Before attribution
v12 the sentence after a quotation opening with two apostrophes was not split off, so a
paraphrase ran on into the next speaker's quotation and that quotation was no continuation.
"""

from __future__ import annotations

import pytest

import framing

PASSAGES = [
    # a continuation in the next sentence
    "“We will win this,” said Ms. Varga, the union's treasurer. “Nobody here is leaving.”",
    # a paraphrase, then another speaker's quotation in the next sentence
    "Ms. Varga said she had voted for the plan twice. “It was a sham all along,” Mr. Lund said.",
    # an interrupted quotation
    "“The harbour is ours,” Mr. Lund said, “and it will stay ours.”",
    # a cue that closes a quotation, whatever follows it
    "“Nobody asked us,” added a docker who has worked the quay for 20 years.",
    # a partial quotation in a paraphrase, and a loaded word in the outlet's voice
    "The mayor slammed the levy as “a tax on breathing” and said it would go.",
    # a quotation ending a paragraph is not the next paragraph's
    "Ms. Varga spoke first. “We are tired,” she said.\n\nThe council met again on Friday.",
    # the quotation before a described speaker
    "“It is over,” the port's director, Anne Berg, told reporters after the vote.",
]


def _archive(text: str) -> str:
    return text.replace("“", "''").replace("”", "''")


def _rows(text: str) -> list[tuple]:
    df = framing.attributions(text)
    return [
        (r.speaker, r.verb, r.verb_class, r.kind, r.source_type, _archive(r.quote or ""))
        for r in df.itertuples()
    ]


def _voices(text: str) -> list[tuple]:
    df = framing.loaded_terms(text)
    return [(r.text, r.voice) for r in df.itertuples()]


@pytest.mark.parametrize("text", PASSAGES)
def test_two_apostrophes_read_as_a_double_quotation_mark(text):
    archive = _archive(text)
    assert _rows(archive) == _rows(text)
    assert _voices(archive) == _voices(text)


def test_the_sentence_after_an_archive_quotation_is_its_own():
    text = _archive(PASSAGES[1])
    rows = framing.attributions(text)
    said = rows[rows["verb"] == "said"].iloc[0]
    assert said["quote"] == "she had voted for the plan twice"
    assert said["kind"] == "indirect"
    sham = framing.loaded_terms(text).set_index("text").loc["sham"]
    assert sham["voice"] == "quoted"


def test_an_archive_continuation_is_a_row_of_the_speaker():
    text = _archive(PASSAGES[0])
    rows = framing.attributions(text)
    assert rows["quote"].tolist() == ["We will win this", "Nobody here is leaving."]
    assert rows["speaker"].nunique() == 1
    assert rows["kind"].tolist() == ["direct", "direct"]
