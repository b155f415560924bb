"""Sentence spans: rule-based, with abbreviations from the bundled grammar resource."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from framing.text.normalise import first_nonspace
from framing.text.tokens import DOUBLE_APOSTROPHE

# A sentence ends at a run of ".", "!" or "?" (plus closing quotes or brackets) before white space
# and a capital or digit (after an opening quote or bracket), or at line breaks. Written to start
# with one character class, which the regular-expression engine scans for quickly, rather than
# as an alternation.
_END = r"""[.!?\n](?:(?<=[.!?])[.!?]*["'\u201d\u2019)\]]*(?=\s+{opening}[A-Z0-9])|(?<=\n)\n*)"""
_OPENING = r"""["'\u201c\u2018(\[]?"""
_SENTENCE_END = re.compile(_END.format(opening=_OPENING))
# In a text that writes a double quotation mark as two apostrophes (''Like this''), a sentence
# may open with them too; this pattern is slower, so it is used only in such a text.
_SENTENCE_END_BESIDE_DOUBLED = re.compile(_END.format(opening=f"(?:''|{_OPENING})"))
_LEADING_QUOTES = "\"'\u201c\u2018("


def _word_before(text: str, start: int, k: int, reach: int) -> str | None:
    """The white-space-delimited word in ``text[start:k]`` that ends at ``k``, lower-cased and
    without opening quotes, when it can be ``reach`` characters or shorter; else ``None``."""
    lo = k - reach - 2 if k - reach - 2 > start else start
    seg = text[lo:k]
    if not seg or seg[-1].isspace():
        return ""
    parts = seg.rsplit(None, 1)
    if len(parts) == 2 or lo == start or seg[0].isspace():
        return parts[-1].lstrip(_LEADING_QUOTES).lower()
    if seg[0] in _LEADING_QUOTES:
        # Longer than the look-back only because of opening quotes: find the whole word.
        j = k
        while j > start and not text[j - 1].isspace():
            j -= 1
        return text[j:k].lstrip(_LEADING_QUOTES).lower()
    return None  # a long word: no abbreviation


def sentence_spans(
    text: str,
    abbreviations: frozenset[str],
    final: frozenset[str] = frozenset(),
    openers: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)``.

    A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) followed by a capital
    or a digit, or at a line break. A full stop after a known abbreviation ("Dr.", "Gen.", "U.S.")
    or a single initial ("J.") does not end a sentence, unless the abbreviation is one that can
    close a sentence (``final``: "U.S.", "Inc.") and the next word is a capitalised word that
    opens sentences, not names (``openers``: "... entering the U.S. The proposal ...").

    Examples:
        >>> text = "Dr. Ames spoke. J. Ode left the U.S. on Monday.\\nNew line"
        >>> [text[s:e] for s, e in sentence_spans(text, frozenset({"dr", "u.s"}))]
        ['Dr. Ames spoke.', 'J. Ode left the U.S. on Monday.', 'New line']
        >>> text = "She left the U.S. The visa had lapsed. U.S. Army units stayed."
        >>> abbr = frozenset({"u.s"})
        >>> [text[s:e] for s, e in sentence_spans(text, abbr, abbr, frozenset({"the"}))]
        ['She left the U.S.', 'The visa had lapsed.', 'U.S. Army units stayed.']
    """
    spans = []
    start = 0
    reach = max(map(len, abbreviations), default=1)
    ends = _SENTENCE_END_BESIDE_DOUBLED if DOUBLE_APOSTROPHE in text else _SENTENCE_END
    for m in ends.finditer(text):
        k = m.start()
        if text[k] == ".":
            token = _word_before(text, start, k, reach)
            if (
                token is not None
                and (token in abbreviations or (len(token) == 1 and token.isalpha()))
                and not (token in final and _opens_sentence(text, m.end(), openers))
            ):
                continue
        end = m.end()
        if end > start:
            s = first_nonspace(text, start, end)
            if s < end:
                spans.append((s, end))
        start = end
    s = first_nonspace(text, start, len(text))
    if s < len(text):
        spans.append((s, len(text)))
    return spans


_NEXT_WORD = re.compile(r"\s+(?:''|[\"'\u201c\u2018(\[])?([A-Z][a-z]*)\b(?![.\w])")


def _opens_sentence(text: str, pos: int, openers: frozenset[str]) -> bool:
    """Whether the word after ``pos`` is a capitalised sentence opener ("The", "But")."""
    match = _NEXT_WORD.match(text, pos)
    return match is not None and match.group(1).lower() in openers


@cache
def default_abbreviations() -> frozenset[str]:
    """Abbreviations whose full stop ends no sentence ("Dr.", "Gen.", "U.S."), from the bundled
    ``framing/lexicons/grammar.json`` (read as data, so this layer imports nothing above it)."""
    return frozenset(_grammar()["abbreviations"])


@cache
def sentence_boundaries() -> tuple[frozenset[str], frozenset[str]]:
    """The abbreviations that can close a sentence ("U.S.", "Inc.") and the capitalised words
    after which they do ("The", "But"), from the bundled ``grammar.json``."""
    grammar = _grammar()
    return (
        frozenset(grammar["sentence_final_abbreviations"]),
        frozenset(grammar["sentence_openers"]),
    )


def _grammar() -> dict[str, list[str]]:
    grammar = resources.files("framing").joinpath("lexicons/grammar.json").read_text("utf-8")
    return json.loads(grammar)
