"""Content: what a cue reports. The quotation right after the cue clause or right before it
(direct), the reported clause after the cue or before it (indirect; mixed when it holds a
quotation), or the rest of the sentence around "according to"."""

from __future__ import annotations

import bisect
import re

from framing.detect.attribution.article import Article, Cue
from framing.detect.attribution.entities import Mention
from framing.detect.attribution.phrases import object_end
from framing.text import QuoteSpan

_GAP = re.compile(r"[\s,\u2014\u2013-]*")
_WORDS = re.compile(r"\w+")
_ASKED = re.compile(r"asked\b", re.IGNORECASE)
_ENDS_WITH_SEPARATOR = re.compile(r"[,\u2014\u2013]\s*\Z")
_THAT_NEAR = re.compile(r"(?:[\w'\u2019-]+[ \t]+){0,8}?that\s|:\s")


def content(
    art: Article, cue: Cue, mention: Mention, inverted: bool
) -> tuple[str, tuple[int, int] | None] | tuple[None, None]:
    """The kind of attribution (``direct``, ``indirect``, ``mixed``, ``according_to``) and the
    span of what is reported, read within the cue's window; ``(None, None)`` when the cue
    reports nothing there.

    ``mention`` is the speaker; ``inverted`` says it follows the cue ("..., said X").
    """
    text = art.text
    s_start, s_end = cue.window
    cue_start, cue_end, according = cue.start, cue.end, cue.according
    clause_start = min(cue_start, mention.start)
    clause_end = max(cue_end, mention.end if inverted or according else cue_end)
    # The quotation ending right before the cue clause ("“...,” X said"), if any.
    qb = None if according else quote_before(art, clause_start)
    # (in "Asked whether “...,” 72 percent said yes" the quotation is the question)
    if qb is not None and _ASKED.match(text, s_start):
        qb = None
    # Direct quote right after the cue (possibly after "in a statement", ":" or ",").
    q = quote_after(art, clause_end, min(len(text), max(s_end, clause_end) + 2))
    if q is not None and q.start >= s_end and qb is not None and qb.end > s_start:
        # “A,” X said. “B.”: the quotation before the cue, in its own sentence, is what the
        # cue reports; B continues it.
        q = None
    if q is not None:
        gap = text[clause_end : q.start]
        gap_words = _WORDS.findall(gap)
        if (
            (not gap_words or gap.rstrip().endswith((":", ",")))
            and len(gap_words) <= 8
            and ("that" not in [w.lower() for w in gap_words])
        ):
            return ("according_to" if according else "direct"), quoted_words(text, q)
    # Quote that ends just before the speaker/cue clause: "“...,” X said."
    if qb is not None and (
        qb.end > s_start or closes_quotation(art, clause_start, clause_end, cue.window)
    ):
        return "direct", quoted_words(text, qb)
    if according:
        # "According to X, ...", or "... , according to X."
        if cue_start - s_start <= 2:
            c_start = skip_punct(text, mention.end, s_end)
            c_end = trim_end(text, c_start, s_end)
        else:
            c_start, c_end = s_start, trim_end(text, s_start, cue_start)
        if c_end <= c_start:
            return "according_to", None
        return "according_to", (c_start, c_end)
    # Reported clause after the cue.
    after_start = skip_punct(text, clause_end, s_end)
    c_end = trim_end(text, after_start, s_end)
    tail = text[after_start:c_end]
    that = _THAT_NEAR.match(tail)
    if that and _WORDS.match(tail, that.end()):
        following = _WORDS.match(tail, that.end()).group().lower()
        if following in art.res.time_heads or following in art.res.time_words:
            that = None  # "stopped twice that night": a determiner, not a complementiser
    if that:
        # "said in a statement that ...", "told reporters on Friday that ..."
        after_start = skip_punct(text, after_start + that.end(), s_end)
    elif cue.lemma in art.res.addressee_verbs:
        after_start = skip_punct(text, object_end(art, cue.toks, cue.last + 1, after_start), s_end)
    if c_end - after_start >= 6 and len(tail.split()) >= 2:
        inside = art.quotes.overlapping(after_start, c_end)
        if inside:
            return "mixed", (after_start, max(c_end, inside[-1].end))
        return "indirect", (after_start, c_end)
    # Cue at the end of the clause: "Ukraine will win, Zelensky said."
    before_end = trim_end(text, s_start, clause_start)
    separated = _ENDS_WITH_SEPARATOR.search(text, s_start, clause_start)
    if separated and before_end - s_start >= 6:
        inside = art.quotes.overlapping(s_start, before_end)
        return ("mixed" if inside else "indirect"), (s_start, before_end)
    return None, None


def closes_quotation(
    art: Article, clause_start: int, clause_end: int, sent: tuple[int, int]
) -> bool:
    """Whether the cue clause is all of its sentence, so that the quotation before it,
    which ended the previous sentence with "?", "!" or ".", is what was said: “Why now?”
    Brandt said. (The clause may carry an appositive: "..., a lawyer in Hull.")"""
    s_start, s_end = sent
    if clause_start - s_start > 1:
        return False
    rest = art.text[clause_end:s_end].strip()
    return not rest or rest in (".", "!", "?") or rest[0] in ",\u2014\u2013"


def quote_after(art: Article, pos: int, limit: int) -> QuoteSpan | None:
    for q in art.quotes.overlapping(pos, limit):
        if q.start >= pos:
            return q
    return None


def quote_before(art: Article, pos: int) -> QuoteSpan | None:
    """The quotation ending right before ``pos`` (only spaces, commas or dashes between)."""
    spans = art.quotes.spans
    i = bisect.bisect_right(art.quotes.starts, pos) - 1
    while i >= 0 and spans[i].end > pos:
        i -= 1
    if i >= 0 and _GAP.fullmatch(art.text, spans[i].end, pos):
        return spans[i]
    return None


def quoted_words(text: str, q: QuoteSpan) -> tuple[int, int]:
    """The quoted words without the comma that stands in for a full stop before a cue."""
    end = q.inner_end
    while end > q.inner_start and text[end - 1] in ", \n":
        end -= 1
    return (q.inner_start, end)


def skip_punct(text: str, pos: int, limit: int) -> int:
    while pos < limit and (text[pos].isspace() or text[pos] in ",:;\u2014\u2013-"):
        pos += 1
    return pos


def trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?\u2014\u2013-"):
        end -= 1
    return end
