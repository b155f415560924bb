"""framing.Document: one parse per text, shared by every detector."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text import Document, haystack, quote_spans, sentence_spans, word_count
from framing.text.sentences import default_abbreviations, sentence_boundaries

TEXT = "“No deal,” Dr. Ames said on Monday. The union's so-called “offer” stood.\n\nIt fell."


def test_parts_equal_the_plain_functions():
    doc = Document(TEXT)
    assert doc.lower == haystack(TEXT) and len(doc.lower) == len(TEXT)
    assert doc.quotes.spans == quote_spans(TEXT)
    assert doc.sentences == sentence_spans(TEXT, default_abbreviations(), *sentence_boundaries())
    assert doc.word_count == word_count(TEXT) == 14


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # "U.S." and "Inc." close a sentence before a word that opens one, not before a name.
        (
            "Visas ran out for students in the U.S. The ministry said it would help.",
            ["Visas ran out for students in the U.S.", "The ministry said it would help."],
        ),
        (
            "He sold shares in Orlen Inc. But the deal collapsed.",
            ["He sold shares in Orlen Inc.", "But the deal collapsed."],
        ),
        ("Troops from the U.S. Army arrived.", ["Troops from the U.S. Army arrived."]),
        ("Dr. The Hon. Mary Ode spoke.", ["Dr. The Hon. Mary Ode spoke."]),
    ],
)
def test_an_abbreviation_closes_a_sentence_only_before_a_word_that_opens_one(text, sentences):
    doc = Document(text)
    assert [text[s:e] for s, e in doc.sentences] == sentences


def test_parts_are_computed_once():
    doc = Document(TEXT)
    assert doc.quotes is doc.quotes
    assert doc.sentences is doc.sentences


@pytest.mark.parametrize(
    ("pos", "sentence"),
    [(0, "“No deal,” Dr. Ames said on Monday."), (40, "The union's so-called “offer” stood."),
     (len(TEXT) - 1, "It fell.")],
)  # fmt: skip
def test_sentence_of(pos, sentence):
    doc = Document(TEXT)
    start, end = doc.sentence_of(pos)
    assert TEXT[start:end] == sentence


def test_sentence_of_outside_every_sentence_is_the_whole_text():
    doc = Document("   ")
    assert doc.sentence_of(1) == (0, 3)


def test_token_streams_are_shared_per_window_and_dropped_for_clipped_windows():
    doc = Document(TEXT)
    common = frozenset({"the"})
    first = doc.token_stream((0, 35), common)
    assert doc.token_stream((0, 35), common) is first
    clipped = doc.token_stream((36, 50), common, keep=False)
    assert clipped is not first
    assert doc.token_stream((0, 35), common) is not first  # dropped with the clipped window


def test_of_passes_a_document_through_and_names_the_caller_on_bad_input():
    doc = Document(TEXT)
    assert Document.of(doc, "x") is doc
    assert Document.of(TEXT, "x").text == TEXT
    with pytest.raises(TypeError, match=r"framing\.loaded_terms\(\) expects .* got bytes"):
        Document.of(b"raw", "loaded_terms")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_lower_form_keeps_every_offset(text):
    doc = Document(text)
    assert len(doc.lower) == len(text)
    for s, e in doc.sentences:
        assert 0 <= s < e <= len(text)
