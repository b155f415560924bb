"""Offset-preserving normalisation: every form here has the same length as the text it came from,
so an offset found in it indexes the caller's ``str`` directly."""

from __future__ import annotations

import re

# Characters that separate words for matching purposes. Apostrophes separate words too, so
# "regime's" matches "regime"; hyphens do not, so "so-called" and "hard-left" stay whole.
_SEPARATORS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~"
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\u2039\u203a"
    "\u2013\u2014\u2015\u2026\u00b7\u2022"
)
_MATCH_TABLE = {ord(ch): " " for ch in _SEPARATORS}
# Non-ASCII hyphens become the ASCII hyphen so "so\u2011called" matches "so-called".
_MATCH_TABLE.update({0x2010: "-", 0x2011: "-", 0x2012: "-", 0x00AD: "-"})


def check_text(text: object, func: str) -> str:
    """Return ``text`` if it is a ``str``; raise a clear :class:`TypeError` otherwise."""
    if not isinstance(text, str):
        raise TypeError(
            f"framing.{func}() expects the article text as a str, got {type(text).__name__}"
            + (
                " (decode bytes first, e.g. data.decode('utf-8'))"
                if isinstance(text, bytes)
                else ""
            )
        )
    return text


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` without changing its length.

    ``str.lower`` can lengthen a few characters (``"İ".lower()`` has two code points); those
    characters are kept as they are so offsets stay valid.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


def match_form(text: str) -> str:
    """Normalise text for phrase matching: lower-case, punctuation and whitespace to spaces.

    The result has the same length as ``text``.

    Examples:
        >>> match_form("Lashed-out, “So-called”!")
        'lashed-out   so-called  '
    """
    return lower_same_length(text).translate(_MATCH_TABLE)


# The words of a match form: runs of characters that are neither separators nor white space
# (str.split() also splits at white space that is no separator, such as "\x1c"; the last
# white-space code point is U+3000).
_MATCH_WORD = re.compile(
    "[^"
    + "".join(
        re.escape(ch)
        for ch in sorted(set(_SEPARATORS) | {chr(c) for c in range(0x3001) if chr(c).isspace()})
    )
    + "]+"
)
_HYPHEN_VARIANTS = re.compile("[\u2010\u2011\u2012\u00ad]")


def match_words(text: str) -> list[str]:
    """The words of :func:`match_form` of ``text``, as ``match_form(text).split()`` gives
    them, without building the normalised string (the guards read a few words at every hit).

    Examples:
        >>> match_words("Lashed-out, “So\u2011called”!")
        ['lashed-out', 'so-called']
    """
    low = lower_same_length(text)
    if _HYPHEN_VARIANTS.search(low):
        low = low.translate(_MATCH_TABLE)
    return _MATCH_WORD.findall(low)


# Whitespace variants become plain spaces and typographic apostrophes/hyphens their ASCII
# forms, one character for one, so offsets into the original text stay valid.
_HAY_REPLACE = (
    ("\n", " "),
    ("\r", " "),
    ("\t", " "),
    ("\xa0", " "),
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u2011", "-"),
    ("\u2010", "-"),
)


def haystack(text: str) -> str:
    """Lower-cased ``text`` with the same length, prepared for phrase matching."""
    low = lower_same_length(text)
    for old, new in _HAY_REPLACE:
        if old in low:
            low = low.replace(old, new)
    return low


def first_nonspace(text: str, start: int, end: int) -> int:
    """The first offset in ``[start, end)`` that is not white space (``end`` if none)."""
    while start < end and text[start].isspace():
        start += 1
    return start
