"""Quotations: whether a quotation renders someone's words (not a title, slogan or scare
quote), whether it is a fragment of the reporter's sentence, the quotation right before or
after a position, its words, and the quotations that continue a cue's speaker ("“A,” Ruiz
said. “B.”")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from itertools import accumulate

from framing.detect.attribution.article import Article, Candidate
from framing.text import QuoteSpan
from framing.text.tokens import DOUBLE_APOSTROPHE, apostrophe_words

_GAP = re.compile(r"[\s,\u2014\u2013-]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WORD_BEFORE = re.compile(r"([\w-]+)[\s]*\Z")
_WORD_RUN = re.compile(r"\w+")
#: A participle opening what follows ("..., adding that ...").
PARTICIPLE = re.compile(r"\s*[a-z]+ing\b")
#: The tokens that open or close a double quotation.
QUOTE_CHARS = ('"', "\u201c", "\u201d", DOUBLE_APOSTROPHE)


def is_speech(art: Article, q: QuoteSpan) -> bool:
    """Whether a quotation renders someone's words: not a title or slogan, and not the
    outlet's scare quote after "so-called", "self-styled" and kin."""
    if is_title(art, q):
        return False
    before = _WORD_BEFORE.search(art.doc.lower, max(0, q.start - 20), q.start)
    return before is None or before.group(1) not in art.res.distancing_openers


def reported_kind(art: Article, start: int, end: int) -> str:
    """The kind of a paraphrase spanning ``start:end``: ``mixed`` when it holds a quotation
    of someone's words, else ``indirect``."""
    speech = any(is_speech(art, q) for q in art.quotes.overlapping(start, end))
    return "mixed" if speech else "indirect"


def is_fragment(art: Article, q: QuoteSpan) -> bool:
    """Whether a quotation is a fragment inside the reporter's sentence, not a full
    quotation: it starts with a lower-case word ("called it “a rounding error”") or words of
    the same clause follow it ("railed against “soft-touch” sentencing")."""
    text = art.text
    inner = text[q.inner_start : q.inner_end].lstrip(" \u2018'\u2026.")
    if inner[:1].islower():
        return True
    if inner.rstrip()[-1:] in (",", ".", "!", "?", ";", ":"):
        return False  # a quoted clause: “She has no plan,” adding ...
    after = text[q.end : q.end + 3].lstrip(" ")
    return bool(after) and after[0].isalnum()


def is_title(art: Article, q: QuoteSpan) -> bool:
    """Whether a quotation names a title, slogan or name rather than rendering speech: a
    few words in title case, no sentence punctuation, after a determiner, a possessive or a
    naming word ("the film “Red Harbour”", "its “Fair Pay Now” campaign", "dubbed the
    “Freedom Act”", "known as “Clean Streets Now”")."""
    res = art.res
    text = art.text
    inner = text[q.inner_start : q.inner_end].rstrip(" ,")
    words = apostrophe_words(inner).findall(inner)
    if not words or len(words) > 6 or inner[-1:] in ".?!" or inner.isupper():
        return False
    if not words[0][:1].isupper() or not all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in res.title_small_words for w in words
    ):
        return False
    lead = text[max(0, q.start - 40) : q.start]
    before = apostrophe_words(lead).findall(lead)[-2:]
    gap = text[max(0, q.start - 3) : q.start]
    return "," in gap or any(w.lower() in res.title_openers for w in before)


def reported_test(found: list[Candidate]) -> Callable[[int], bool]:
    """Whether a position lies inside what an attribution of ``found`` reports.

    The contents are sorted by start, with the furthest end reached so far, so a look-up is
    a binary search, not a scan of every attribution.
    """
    claimed = sorted(c.content for c in found if c.content is not None)
    claimed_starts = [start for start, _ in claimed]
    furthest = list(accumulate((end for _, end in claimed), max))

    def inside_claimed(pos: int) -> bool:
        k = bisect.bisect_right(claimed_starts, pos) - 1
        return k >= 0 and furthest[k] > pos

    return inside_claimed


def continuations(art: Article, found: list[Candidate]) -> list[Candidate]:
    """The quotations that continue a speaker's words with no cue of their own: the second
    half of a quotation the cue clause interrupts (“A,” X said, “B.”), or a next sentence that
    is nothing but a quotation (“A,” X said. “B.”; X said: “A.” “B.”), so a reader credits it
    to the speaker of the sentence before; each gets a ``direct`` row with that speaker and
    cue. A quotation with a cue of its own, one after another sentence, or a
    quoted title is not a continuation."""
    if not found:
        return []
    doc, text = art.doc, art.text
    inside_claimed = reported_test(found)
    claimed_sentences = {c.sentence for c in found}
    last_of_sentence: dict[tuple[int, int], Candidate] = {}
    for c in found:
        if c.kind != "according_to" and c.speaker is not None:
            last_of_sentence[c.sentence] = c
    added: list[Candidate] = []
    for att in found:
        # “A,” X said, “B.”: the quotation after the cue clause, set off from it by a comma
        # only, continues the one before it (it may open in lower case: “and B”).
        mention = att.speaker_mention
        if att.kind != "direct" or att.content is None or mention is None:
            continue
        if att.content[1] > min(att.cue_start, mention.start):
            continue  # the quotation reported is not the one before the cue clause
        clause_end = max(att.cue_end, mention.end)
        q = quote_after(art, clause_end, min(len(text), clause_end + 4))
        if (
            q is None
            or text[clause_end : q.start].strip() != ","
            or q.start >= att.sentence[1]
            or inside_claimed(q.inner_start)
            or is_title(art, q)
        ):
            continue
        added.append(replace(att, kind="direct", content=quoted_words(text, q)))
    for sent, att in last_of_sentence.items():
        end = sent[1]
        while True:
            q = quote_after(art, end, min(len(text), end + 4))
            if q is None or text[end : q.start].strip():
                break
            q_sent = doc.sentence_of(q.start)
            if (
                q_sent in claimed_sentences
                or text[q.end : q_sent[1]].strip(" .")
                or inside_claimed(q.inner_start)
            ):
                break
            inner = text[q.inner_start : q.inner_end]
            if not inner[:1].isupper() or is_title(art, q):
                break
            added.append(
                replace(att, kind="direct", content=quoted_words(text, q), sentence=q_sent)
            )
            end = q_sent[1] if q_sent[1] > end else q.end
    return added


def closes_quotation(
    art: Article,
    clause_start: int,
    clause_end: int,
    sent: tuple[int, int],
    addressee: bool = False,
) -> bool:
    """Whether the cue clause is all of its sentence, so that the quotation before it,
    which ended the previous sentence with "?", "!" or ".", is what was said: “Why now?”
    Brandt said. (The clause may carry an appositive, "..., a lawyer in Hull.", a phrase of
    time or place, "Brandt said on Friday.", a phrase after "to", "Brandt said to the
    crowd.", an adverbial clause, "Brandt said as the crowd jeered.", or, after a verb
    that takes an addressee, ``addressee``, the addressee: "Brandt told reporters.")"""
    s_start, s_end = sent
    if clause_start - s_start > 1:
        return False
    rest = art.text[clause_end:s_end].strip()
    if not rest or rest in (".", "!", "?") or rest[0] in ",\u2014\u2013":
        return True
    phrase = rest.rstrip(".!?")
    if len(phrase) == len(rest):
        return False
    matches = list(apostrophe_words(phrase).finditer(phrase))
    words = [m.group().lower() for m in matches]
    if addressee:
        # (the addressee, a few words, up to a phrase that follows it: "told reporters",
        # "told CNN on Sunday"; "told reporters the plan was late" reports a clause)
        opener = next((n for n, w in enumerate(words[:4]) if _opens_phrase(art, w)), None)
        if opener is None:
            return len(words) <= 3
        words = words[opener:]
        phrase = phrase[matches[opener].start() :]
    # ("joked about his age" reports the phrase after "about": no such phrase here)
    if words and (words[0] == "to" or words[0] in art.res.clause_links):
        return True
    return adverbial_only(art, phrase)


def _opens_phrase(art: Article, word: str) -> bool:
    """Whether ``word`` opens a phrase after a cue clause that reports nothing: a phrase of
    time or place, one after "to", or an adverbial clause."""
    res = art.res
    return (
        word == "to"
        or word in res.clause_links
        or word in res.adverbial_openers
        or word in res.time_words
    )


def quote_after(art: Article, pos: int, limit: int) -> QuoteSpan | None:
    for q in art.quotes.overlapping(pos, limit):
        if q.start >= pos:
            return q
    return None


def quote_before(art: Article, pos: int) -> QuoteSpan | None:
    """The quotation ending right before ``pos`` (only spaces, commas or dashes between, and
    no blank line)."""
    spans = art.quotes.spans
    i = bisect.bisect_right(art.quotes.starts, pos) - 1
    while i >= 0 and spans[i].end > pos:
        i -= 1
    if i >= 0 and _GAP.fullmatch(art.text, spans[i].end, pos):
        if _BLANK_LINE.search(art.text, spans[i].end, pos):
            return None  # (a quotation that ends the paragraph before is not this clause's)
        return spans[i]
    return None


def quoted_words(text: str, q: QuoteSpan) -> tuple[int, int]:
    """The quoted words without the comma that stands in for a full stop before a cue."""
    end = q.inner_end
    while end > q.inner_start and text[end - 1] in ", \n":
        end -= 1
    return (q.inner_start, end)


def adverbial_only(art: Article, tail: str) -> bool:
    """Whether ``tail`` is a short phrase of time or place ("on Tuesday", "in a statement
    late on Friday", "at a rally in Leeds"), with no clause of its own (a preposition a verb
    takes, "asked for", "pleaded with", opens no such phrase)."""
    phrase, comma, rest = tail.partition(",")
    rest_words = rest.lstrip()
    following = apostrophe_words(rest_words).match(rest_words)
    opener = following is not None and following.group().lower() in art.res.clause_links
    if comma and not (PARTICIPLE.match(rest) or opener):
        # (what follows the phrase may be a participle's clause, ", adding that ...", or
        # an adverbial one, ", after crews worked ...")
        return False
    if any(q in phrase for q in QUOTE_CHARS):
        return False
    words = [w.lower() for w in apostrophe_words(phrase).findall(phrase)]
    for n, word in enumerate(words[1:5], start=1):
        if word in art.res.clause_links:  # ("on Tuesday as he presented the budget")
            words = words[:n]
            break
    if not words or len(words) > 8:
        return False
    if not (words[0] in art.res.adverbial_openers or words[0] in art.res.time_words):
        return False
    return not any(w in art.res.clause_signs for w in words[1:])
