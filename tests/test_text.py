"""Quotation, sentence and normalisation helpers."""

import pytest

from framing._text import check_text, match_form, quote_spans, sentence_spans


def inner(text):
    return [text[q.inner_start : q.inner_end] for q in quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "no way" today.', ["no way"]),
        ("She said “not now” and left.", ["not now"]),
        ("The headline: Mayor says rivals did 'nothing' at all", ["nothing"]),
        ("The workers’ pay and don’t stop", []),
        ("“Unbalanced quote runs on\nNext paragraph is narration.", ["Unbalanced quote runs on"]),
        (
            "“First part of the statement.\n\n“Second part, still quoted,” she said.",
            ["First part of the statement.\n\n“Second part, still quoted,"],
        ),
        ("Stray closing mark” then “real quote” here.", ["real quote"]),
        ("“Outer ‘inner’ words,” he said.", ["Outer ‘inner’ words,"]),
    ],
)
def test_quote_spans(text, expected):
    assert inner(text) == expected


def test_quote_spans_never_cross_unquoted_paragraph():
    text = "“Open at first\nplain narration here\n“Another” later"
    spans = quote_spans(text)
    assert all("plain narration" not in text[q.start : q.end] for q in spans)


def test_sentence_spans_respect_abbreviations():
    text = "Dr. Ana Pell said it. Gen. Moss agreed. The U.S. team left."
    spans = sentence_spans(text, frozenset({"dr", "gen", "u.s"}))
    assert [text[s:e] for s, e in spans] == [
        "Dr. Ana Pell said it.",
        "Gen. Moss agreed.",
        "The U.S. team left.",
    ]


def test_match_form_keeps_length_and_maps_punctuation():
    text = "İstanbul “So‑called” — x"
    out = match_form(text)
    assert len(out) == len(text)
    assert "so-called" in out


def test_check_text_rejects_non_str():
    with pytest.raises(TypeError, match="expects the article text as a str, got bytes"):
        check_text(b"abc", "loaded_terms")
