"""A match's context, bounded: what evidence and coding sheets show around a match."""

from __future__ import annotations

import re

from framing.text.document import Document

__all__ = ["CONTEXT_CHARS", "sentence_context", "within_context"]

#: Most characters of a match's sentence shown on either side of the match (the report's
#: evidence, the coding sheets' hits). A text without sentence ends (a transcript, a page
#: scraped without its punctuation) is otherwise one "sentence" of its whole length, repeated
#: in every example drawn from it (a 129,036-character text gave a 129,036-character
#: example). News sentences fit: the longest side in the evidence of a 1M-article report was
#: 253 characters.
CONTEXT_CHARS = 400


def within_context(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """The span ``[s, e)`` around the match ``[start, end)`` of ``text``, each side cut to at
    most :data:`CONTEXT_CHARS` characters at the first whitespace inside that reach (or at the
    reach itself when there is none).

    Examples:
        >>> text = "a " * 300 + "MATCH" + " b" * 300
        >>> start = text.index("MATCH")
        >>> s, e = within_context(text, 0, len(text), start, start + 5)
        >>> start - s <= CONTEXT_CHARS and e - start - 5 <= CONTEXT_CHARS
        True
        >>> text[s:s + 2], text[e - 2:e]
        ('a ', ' b')
        >>> within_context("short one.", 0, 10, 6, 9)
        (0, 10)
    """
    if start - s > CONTEXT_CHARS:
        reach = start - CONTEXT_CHARS
        space = _WHITESPACE.search(text, reach, start)
        s = space.end() if space else reach
    if e - end > CONTEXT_CHARS:
        reach = end + CONTEXT_CHARS
        spaces = [m.start() for m in _WHITESPACE.finditer(text, end, reach)]
        e = spaces[-1] if spaces else reach
    return s, e


_WHITESPACE = re.compile(r"\s+")


def sentence_context(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The span of ``doc``'s sentence holding the match ``[start, end)`` (widened to hold all
    of it), cut by :func:`within_context`: what the report's evidence and the coding sheets
    show of a match.

    Examples:
        >>> text = "Intro. The mayor lashed out at critics. More."
        >>> s, e = sentence_context(Document(text), 17, 27)
        >>> text[s:e]
        'The mayor lashed out at critics.'
    """
    s, e = doc.sentence_of(start)
    return within_context(doc.text, min(s, start), max(e, end), start, end)
