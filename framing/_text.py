"""Text plumbing shared by the detectors: input checks, offset-preserving normalisation,
quotation spans, sentence spans and word tokens.

Everything here keeps a one-to-one mapping between characters of the normalised text and of the
original, so every offset a detector reports indexes the caller's ``str`` directly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

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


# ---------------------------------------------------------------------------------------------
# Quotations
# ---------------------------------------------------------------------------------------------

_OPENERS_BEFORE = set(" \t\n\r([{\u2014\u2013-/:;,\u00a0") | {""}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A direct quotation: ``start``/``end`` include the quotation marks; ``inner_*`` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    double: bool
    closed: bool


def _first_nonspace(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _double_role(text: str, i: int, width: int = 1) -> str:
    """Classify a double quotation mark at ``i`` (``width`` 2 for ``''``) as 'open', 'close' or
    'ambiguous'."""
    ch = text[i]
    if ch in "\u201c\u201e\u00ab":
        return "open"
    if ch in "\u201d\u00bb":
        return "close"
    before = text[i - 1] if i > 0 else ""
    after = text[i + width] if i + width < len(text) else ""
    if before in _OPENERS_BEFORE and after and not after.isspace():
        return "open"
    if before and not before.isspace() and (not after or not after.isalnum()):
        return "close"
    return "ambiguous"


def _single_role(text: str, i: int) -> str | None:
    """Classify a single quotation mark; ``None`` for an apostrophe."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before in _OPENERS_BEFORE and after.isalnum():
        return "open"
    if before and (before.isalnum() or before in ".,!?") and not after.isalnum():
        return "close"
    return None


# Two apostrophes stand for a double quotation mark in some archives' plain text (''like this'').
_QUOTE_OR_BREAK = re.compile("''|[\n\"\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019]")
_DOUBLE_OPENERS = '"\u201c\u201e\u00ab'


def quote_spans(text: str) -> list[QuoteSpan]:
    """Find direct quotations in ``text``.

    Double quotes (straight or curly, or ``''`` as some archives write them) delimit
    quotations; single quotes are used when they pair
    up inside one paragraph (headline style ``'nothing'``) and are not apostrophes. A quotation
    left open at the end of a paragraph continues when the next paragraph opens with a quotation
    mark (news style for quotes over several paragraphs); otherwise it ends with its paragraph,
    so an unbalanced mark never swallows the rest of an article. One regular-expression pass,
    linear in the length of the text.

    Examples:
        >>> [(s.inner_start, s.inner_end) for s in quote_spans('He said "no way" today.')]
        [(9, 15)]
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None  # opening mark of a running double quotation
    inner_at = 0  # where its words start (after a mark of one or two characters)
    single_open: int | None = None
    continuation_mark = -1  # re-opening mark of a quotation continued from the paragraph before
    last_break = -2
    for m in _QUOTE_OR_BREAK.finditer(text):
        i = m.start()
        ch = text[i]
        width = m.end() - i  # 2 for '' standing for a double mark
        if ch == "\n":
            if i == last_break + 1:
                last_break = i
                continue
            last_break = i
            single_open = None
            if open_at is None:
                continue
            j = _first_nonspace(text, i, len(text))
            if j < len(text) and (text[j] in _DOUBLE_OPENERS or text.startswith("''", j)):
                continuation_mark = j
                continue
            inner_end = i
            while inner_end > inner_at and text[inner_end - 1].isspace():
                inner_end -= 1
            if inner_end > inner_at:
                spans.append(QuoteSpan(open_at, inner_end, inner_at, inner_end, True, False))
            open_at = None
            continue
        if i == continuation_mark:
            continue
        if width == 1 and ch in "'\u2018\u2019":
            if open_at is not None:
                continue  # nested inside a double quotation: covered by it
            role = _single_role(text, i)
            if role == "open" and single_open is None and ch != "\u2019":
                single_open = i
            elif role == "close" and single_open is not None and ch != "\u2018":
                if i - single_open > 1:
                    spans.append(QuoteSpan(single_open, i + 1, single_open + 1, i, False, True))
                single_open = None
            continue
        role = _double_role(text, i, width)
        if open_at is None:
            if role in ("open", "ambiguous"):
                open_at, inner_at = i, i + width
                single_open = None
            # a closing mark with nothing open is an unbalanced stray: ignore it
        elif role in ("close", "ambiguous"):
            if i > inner_at:
                spans.append(QuoteSpan(open_at, i + width, inner_at, i, True, True))
            open_at = None
        elif role == "open":
            # A second opening mark while one is open: the first was never closed.
            open_at, inner_at = i, i + width
    if open_at is not None:
        inner_end = len(text)
        while inner_end > inner_at and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end > inner_at:
            spans.append(QuoteSpan(open_at, inner_end, inner_at, inner_end, True, False))
    spans.sort(key=lambda s: s.start)
    return _drop_nested(spans)


def _drop_nested(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


class QuoteIndex:
    """Fast membership queries over non-overlapping quotation spans."""

    def __init__(self, spans: list[QuoteSpan]):
        self.spans = spans
        self.starts = [s.start for s in spans]

    def containing(self, start: int, end: int) -> QuoteSpan | None:
        """The quotation whose inner text contains ``[start, end)``, if any."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0:
            s = self.spans[i]
            if s.inner_start <= start and end <= max(s.inner_end, s.inner_start):
                return s
        return None

    def overlapping(self, start: int, end: int) -> list[QuoteSpan]:
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        out = []
        while i < len(self.spans) and self.spans[i].start < end:
            if self.spans[i].end > start:
                out.append(self.spans[i])
            i += 1
        return out


# ---------------------------------------------------------------------------------------------
# Sentences and words
# ---------------------------------------------------------------------------------------------

# A sentence ends at a run of ".", "!" or "?" (plus closing quotes or brackets) before white space
# and a capital or digit, or at line breaks. Written to start with one character class, which the
# regular-expression engine scans for quickly, rather than as an alternation.
_SENTENCE_END = re.compile(
    r"""[.!?\n](?:(?<=[.!?])[.!?]*["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9])|(?<=\n)\n*)"""
)
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


def sentence_spans(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)``.

    A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) followed by a capital
    or a digit, or at a line break. A full stop after a known abbreviation ("Dr.", "Gen.", "U.S.")
    or a single initial ("J.") does not end a sentence.

    Examples:
        >>> text = "Dr. Ames spoke. J. Ode left the U.S. on Monday.\\nNew line"
        >>> [text[s:e] for s, e in sentence_spans(text, frozenset({"dr", "u.s"}))]
        ['Dr. Ames spoke.', 'J. Ode left the U.S. on Monday.', 'New line']
    """
    spans = []
    start = 0
    reach = max(map(len, abbreviations), default=1)
    for m in _SENTENCE_END.finditer(text):
        k = m.start()
        if text[k] == ".":
            token = _word_before(text, start, k, reach)
            if token is not None and (
                token in abbreviations or (len(token) == 1 and token.isalpha())
            ):
                continue
        end = m.end()
        if end > start:
            s = _first_nonspace(text, start, end)
            if s < end:
                spans.append((s, end))
        start = end
    s = _first_nonspace(text, start, len(text))
    if s < len(text):
        spans.append((s, len(text)))
    return spans


class Token(tuple):
    """A word or punctuation token: ``(text, start, end, lower)`` with absolute offsets.

    A tuple subclass rather than a dataclass: the extractor makes one per token, and building
    a tuple costs a fraction of running a dataclass ``__init__``.
    """

    __slots__ = ()
    text: str = property(itemgetter(0))  # type: ignore[assignment]
    start: int = property(itemgetter(1))  # type: ignore[assignment]
    end: int = property(itemgetter(2))  # type: ignore[assignment]
    lower: str = property(itemgetter(3))  # type: ignore[assignment]

    @property
    def is_cap(self) -> bool:
        return self[0][:1].isupper()


# The same tokens as ``[^\W_]+(?:[-'\u2019.][^\W_]+)*\.?|[^\w\s]`` with the rule "a trailing full
# stop stays on a token only when the token has an inner dot ("U.S.") or is a single letter or
# digit ("J."); otherwise it is a token of its own" written into the pattern, so no token needs
# fixing up in Python. Each word is read once: a single character with its full stop; else the
# word, taking a full stop only with an inner dot; else one punctuation mark.
_TOKEN = re.compile(
    r"[^\W_]\.(?![^\W_])"
    r"|[^\W_]+(?:[-'\u2019][^\W_]+)*(?:\.[^\W_]+(?:[-'\u2019.][^\W_]+)*\.?)?"
    r"|[^\w\s]"
)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with absolute offsets.

    A trailing full stop stays on a token only when the token is an abbreviation-like form with an
    inner dot ("U.S.") or a single letter; otherwise it is split off.

    Examples:
        >>> [t.text for t in tokens("Gen. J. Smith of the U.S. said no.")]
        ['Gen', '.', 'J.', 'Smith', 'of', 'the', 'U.S.', 'said', 'no', '.']
    """
    end = len(text) if end is None else end
    return tokens_of(_TOKEN.finditer(text, start, end))


def tokens_of(matches: Iterable[re.Match[str]]) -> list[Token]:
    """Tokens of matches of :data:`_TOKEN` (for callers that take the matches in batches)."""
    return [Token((word := m.group(), m.start(), m.end(), word.lower())) for m in matches]
