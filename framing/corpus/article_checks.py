"""Checks on one article at a time: empty and short texts, texts without sentence ends, HTML
remnants, mojibake, lost bytes.

Run by the validator on every article as it streams past (see :mod:`framing.corpus.validate`);
each problem names the file, row and column, and what to do about it.
"""

from __future__ import annotations

import re
from html.entities import html5 as _HTML5_ENTITIES
from typing import Any

import pandas as pd

from framing.corpus.problems import ProblemLog

#: Texts with fewer words are reported as ``short_text`` (stubs, paywall notices, failed
#: extraction from a web page).
SHORT_TEXT_WORDS = 20

#: A text with a stretch this long without a sentence end (``.``, ``!``, ``?``, ``…``) or a
#: line break (where the sentence splitter also ends a sentence) is reported as
#: ``no_sentence_ends``: a transcript or a page that lost its punctuation, which
#: the detectors that read sentences (who said what, hedges) and the coding sheets take as
#: one sentence. News sentences are far shorter (the longest in the evidence of a 1M-article
#: report: ~300 characters).
NO_SENTENCE_END_CHARS = 2000
# A stretch starts at the text's start or after a sentence end (the lookbehind), so the
# search tries each stretch once instead of again from each of its characters.
_NO_SENTENCE_END = re.compile(rf"(?<![^.!?\u2026\n])[^.!?\u2026\n]{{{NO_SENTENCE_END_CHARS},}}")

_HTML_TAG = re.compile(
    r"</?(?:p|div|span|br|a|b|i|u|em|strong|img|script|style|table|tr|td|th|li|ul|ol|h[1-6]"
    r"|iframe|figure|figcaption|blockquote|section|article|header|footer|nav|font|center|small"
    r"|sup|sub|hr|meta|link|noscript|form|input|button|label|time|picture|source|video|audio"
    r"|svg|body|html|head|title)\b[^<>]{0,300}?/?>|<!--|-->|<!\[CDATA\[",
    re.IGNORECASE,
)
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# UTF-8 bytes read as Windows-1252/Latin-1: a lead byte's character (Â, Ã, Ä, Å for two-byte
# sequences; â..ï for three-byte ones) followed by continuation-byte characters.
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(
    f"[ÂÃÄÅ][{_CONTINUATION}]|[\u00e2-\u00ef][{_CONTINUATION}]{{2}}|ï»¿|[\u0080-\u009f]"
)
#: Every match of :data:`_MOJIBAKE` starts with one of these: a text without any is clean, found
#: by one scan for a character class (a tenth of the time of the pattern's own search).
_MOJIBAKE_LEAD = re.compile("[\u0080-\u009f\u00c2-\u00c5\u00e2-\u00ef]")
_PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def check_article(
    text: str, title: Any, n_words: int, where: dict[str, Any], log: ProblemLog
) -> bool:
    """Report what is wrong with one article's text and title.

    Args:
        text: the article text (``""`` when missing).
        title: the title as loaded (``None`` or ``<NA>`` when missing).
        n_words: words in ``text`` (:func:`framing.text.tokens.word_count`).
        where: ``file``, ``row`` and ``id`` of the article, for the problems.
        log: where problems go.

    Returns:
        False when the text is empty (nothing else to check, and nothing to compare with other
        articles), else True.
    """
    file = where["file"]
    from_page = isinstance(file, str) and file.lower().endswith(_PAGE_SUFFIXES)
    if not text.strip():
        hint = " (the extractor found no article text in the page)" if from_page else ""
        log.add(
            "warning",
            "empty_text",
            f"text is empty or only whitespace{hint}",
            column="text",
            **where,
        )
        return False
    if n_words < SHORT_TEXT_WORDS:
        hint = (
            "did the extractor find the article?"
            if from_page
            else ("a stub, a paywall notice or a truncated export?")
        )
        log.add(
            "warning",
            "short_text",
            f"text has only {n_words} word{'s' if n_words != 1 else ''} ({hint})",
            column="text",
            **where,
        )
    longest = _longest_without_sentence_end(text)
    if longest:
        log.add(
            "warning",
            "no_sentence_ends",
            f"the text runs {longest:,} characters without a sentence end (. ! ? … or a line "
            "break): a transcript or a page that lost its punctuation? Who said what and "
            "hedges are read sentence by sentence, so this stretch is read as one sentence",
            column="text",
            **where,
        )
    for column, value in (("title", title), ("text", text)):
        if value is None or value is pd.NA:
            continue
        _check_value(str(value), column, where, log)
    return True


def _longest_without_sentence_end(text: str) -> int:
    """The length of the longest stretch of ``text`` without a sentence end or a line break,
    when it reaches :data:`NO_SENTENCE_END_CHARS` (else 0).

    Examples:
        >>> _longest_without_sentence_end("Short. Text!")
        0
        >>> _longest_without_sentence_end("a " * 1500 + ". end")
        3000
        >>> _longest_without_sentence_end("a line\\n" * 500)  # one sentence per line
        0
    """
    if len(text) < NO_SENTENCE_END_CHARS:
        return 0
    return max((len(m.group(0)) for m in _NO_SENTENCE_END.finditer(text)), default=0)


def _check_value(value: str, column: str, where: dict[str, Any], log: ProblemLog) -> None:
    remnants = _html_remnants(value)
    if remnants:
        log.add(
            "warning",
            "html_remnant",
            f"HTML markup left in the {column}: {_summarise_hits(remnants)} "
            f"({len(remnants)} in all); extract the text from the page again or unescape it",
            column=column,
            **where,
        )
    garbled = _MOJIBAKE.findall(value) if _MOJIBAKE_LEAD.search(value) else []
    if garbled:
        log.add(
            "warning",
            "mojibake",
            f"garbled characters in the {column}: {_summarise_hits(garbled)} "
            f"({len(garbled)} in all); looks like UTF-8 read as Windows-1252 or Latin-1 "
            "somewhere upstream; re-export as UTF-8 or repair it (e.g. with ftfy)",
            column=column,
            **where,
        )
    lost = value.count("\ufffd")
    if lost:
        log.add(
            "warning",
            "replacement_character",
            f"the {column} contains {lost} U+FFFD replacement character(s): bytes were "
            "lost when it was decoded before it reached framing",
            column=column,
            **where,
        )


def _html_remnants(text: str) -> list[str]:
    # Every match of the tag pattern holds "<" but a comment's end ("-->"), every entity
    # starts with "&": most texts have none, which a scan for the characters finds (the
    # patterns' own searches take ten times longer).
    tagged = "<" in text or "-->" in text
    found = [m.group(0) for m in _HTML_TAG.finditer(text)] if tagged else []
    if "&" in text:
        found += [
            m.group(0)
            for m in _HTML_ENTITY.finditer(text)
            if m.group(0)[1] == "#" or m.group(0)[1:] in _HTML5_ENTITIES
        ]
    return found


def _summarise_hits(hits: list[str], limit: int = 3) -> str:
    counts: dict[str, int] = {}
    for hit in hits:
        shown = hit if len(hit) <= 30 else hit[:27] + "..."
        counts[shown] = counts.get(shown, 0) + 1
    parts = [f"{h!r} x{n}" if n > 1 else repr(h) for h, n in list(counts.items())[:limit]]
    more = len(counts) - limit
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")
