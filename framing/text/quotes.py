"""Direct quotations: where they open and close, and fast look-ups over them."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from framing.text.normalise import first_nonspace

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
            j = first_nonspace(text, i, len(text))
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
