"""Quotation, sentence and normalisation helpers."""

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text import check_text, match_form, quote_spans, sentence_spans, tokens
from framing.text.normalise import match_words
from framing.text.tokens import WORD_PATTERN, word_count, words


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
        ("''We will not sell,'' Ms. Arno said. The pier's owner disagreed.", ["We will not sell,"]),
        ("''First part.\n\n''Second part,'' he said.", ["First part.\n\n''Second part,"]),
        ("The dockers' union and the owners' group met.", []),
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


# ---------------------------------------------------------------------------------------------
# The fast tokeniser and sentence splitter equal their plain definitions on any text
#
# ``tokens`` and ``sentence_spans`` were rewritten for speed (rules folded into one pattern, a
# bounded look-back for abbreviations); the definitions below are the straightforward versions
# they replaced, kept here as the specification.

# A sentence may open with two apostrophes written for a double quotation mark (''Like this'').
_REFERENCE_WORD = re.compile(r"[^\W_]+(?:[-'\u2019.][^\W_]+)*\.?|[^\w\s]")
_REFERENCE_END = re.compile(
    r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+(?:''|["'\u201c\u2018(\[])?[A-Z0-9])|\n+"""
)


def reference_tokens(text):
    out = []
    for m in _REFERENCE_WORD.finditer(text):
        s, e, word = m.start(), m.end(), m.group()
        if len(word) > 2 and word.endswith(".") and "." not in word[:-1]:
            out += [(word[:-1], s, e - 1), (".", e - 1, e)]
        else:
            out.append((word, s, e))
    return out


def reference_sentences(text, abbreviations):
    spans, start = [], 0
    for m in _REFERENCE_END.finditer(text):
        if text[m.start()] == ".":
            j = k = m.start()
            while j > start and not text[j - 1].isspace():
                j -= 1
            token = text[j:k].lstrip("\"'\u201c\u2018(").lower()
            if token in abbreviations or (len(token) == 1 and token.isalpha()):
                continue
        s = start
        while s < m.end() and text[s].isspace():
            s += 1
        if s < m.end():
            spans.append((s, m.end()))
        start = m.end()
    s = start
    while s < len(text) and text[s].isspace():
        s += 1
    if s < len(text):
        spans.append((s, len(text)))
    return spans


PIECES = st.sampled_from(
    ["Dr", "U.S", "J", "gen", "Corp", "word", "x", "5", "Ab", "e.g", "don't", "so-called",
     "O’Neil", "_", ".", "..", "!", "?", "'", '"', "“", "”", "‘", "(", ")", "-", "—", " ", "  ",
     "\n", "\n\n", "\t", "\xa0", "Éa", "ß", "İ", "٣", "A.B.", "((\"", "Approx", "Dr. Ames",
     " Corp. Lin", "(Approx. 5", ". The", "? “We", " J. Ode", "u.s. Team", "“((Gen. Ro", "''",
     ". ''We"]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_tokens_equal_the_reference_definition(text):
    assert [(t.text, t.start, t.end) for t in tokens(text)] == reference_tokens(text)
    assert all(t.lower == t.text.lower() for t in tokens(text))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_word_count_matches_the_documented_word_pattern(text):
    # framing.text.tokens.WORD is WORD_PATTERN with possessive quantifiers.
    assert words(text) == re.findall(WORD_PATTERN, text)
    assert word_count(text) == len(re.findall(WORD_PATTERN, text))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_sentence_spans_equal_the_reference_definition(text):
    abbreviations = frozenset({"dr", "gen", "u.s", "corp", "approx", "e.g"})
    assert sentence_spans(text, abbreviations) == reference_sentences(text, abbreviations)


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXTS, st.lists(st.sampled_from(["a", "B", " ", "\x1c", "\u2011", "\u00ad", "-",
                                                   "\u2019", ",", "İ", "Σ"]),
                                 max_size=30).map("".join)))  # fmt: skip
def test_match_words_are_the_words_of_the_match_form(text):
    assert match_words(text) == match_form(text).split()


def test_match_words_split_at_every_white_space_character():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert all(match_words(f"a{ch}b") == ["a", "b"] for ch in spaces)
