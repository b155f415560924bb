"""Content: what a cue reports. The quotation right after the cue clause or right before it
(direct), the reported clause after the cue or before it (indirect; mixed when it holds a
quotation), or the rest of the sentence around "according to"."""

from __future__ import annotations

import bisect
import re

from framing.detect.attribution.article import Article, Candidate, Cue
from framing.detect.attribution.entities import Mention
from framing.detect.attribution.phrases import (
    CLOSING_MARKS,
    OPENING_MARKS,
    object_end,
    skip_before_cue,
)
from framing.detect.attribution.quotations import (
    PARTICIPLE,
    QUOTE_CHARS,
    adverbial_only,
    closes_quotation,
    is_fragment,
    is_speech,
    quote_after,
    quote_before,
    quoted_words,
    reported_kind,
)
from framing.detect.attribution.resources import Resources
from framing.text import QuoteSpan
from framing.text.tokens import (
    DOUBLE_APOSTROPHE,
    PLAIN_WORD_WITH_APOSTROPHES,
    WORD_WITH_APOSTROPHES,
    Token,
    apostrophe_words,
)

_WORDS = re.compile(r"\w+")
_ASKED = re.compile(r"asked\b", re.IGNORECASE)
# "that" or a colon within eight words (the second pattern where two apostrophes stand for a
# quotation mark: they are no part of a word).
_THAT_NEAR, _THAT_NEAR_BESIDE_DOUBLED = (
    re.compile(rf"(?:{word}[ \t]+){{0,8}}?that\s|that,\s|:\s")
    for word in (PLAIN_WORD_WITH_APOSTROPHES, WORD_WITH_APOSTROPHES)
)


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
    clause_start = min(
        cue_start, mention.start if mention.phrase_start is None else mention.phrase_start
    )
    if (
        not inverted
        and cue.first == cue.last
        and cue.toks[cue.first].lower.endswith("ing")
        and cue.first > 0
        and cue.toks[cue.first - 1].text == ","
        and mention.end < cue.starts[cue.first - 1]
    ):
        # "“A,” the minister said, adding that ...": a participle with the clause's subject
        # reports what follows it, not the quotation before the clause.
        clause_start = cue_start
    clause_end = max(cue_end, mention.end if inverted or according else cue_end)
    # The quotation ending right before the cue clause ("“...,” X said"), if any; a cue in a
    # relative clause ("..., who described ...") reports what follows it.
    relative_at = _before_auxiliaries(art, cue)  # (the "who" of "who has since said")
    relative = cue.first > 0 and cue.toks[relative_at].lower in ("who", "which")
    qb = None if according or relative else quote_before(art, clause_start)
    if qb is None and not according and not inverted:
        # "“We'll see,” was all the coach would say": the quotation is what was said
        bridge = _ALL_SAID.search(text, max(s_start, clause_start - 16), clause_start)
        if bridge is not None:
            qb = quote_before(art, bridge.start())
    # (in "Asked whether “...,” 72 percent said yes" the quotation is the question)
    if qb is not None and _ASKED.match(text, s_start):
        qb = None
    # (in "In a speech about “reckless spending”, X said ..." the quotation is inside an
    # opening phrase: what the cue reports is a quotation that opens its sentence)
    partial_before = None
    if qb is not None:
        opening = text[cue.sentence[0] : qb.start].strip(_OPENING_PUNCTUATION)
        if opening and not opening.endswith((".", "?", "!", ":")):
            # (in 'Voters are “very, very angry,” Holm said' it is part of a paraphrase)
            partial_before, qb = qb, None
    # Direct quote right after the cue (possibly after "in a statement", ":" or ",").
    q = quote_after(art, clause_end, min(len(text), max(s_end, clause_end) + 2))
    closes = qb is not None and (
        qb.end > s_start
        or closes_quotation(
            art, clause_start, clause_end, cue.window, cue.lemma in art.res.addressee_verbs
        )
    )
    if q is not None and q.start >= s_end and closes:
        # “A,” X said. “B.” (or “A?” X said. “B.”): the quotation before the cue is what the
        # cue reports; B, in a sentence of its own, continues it.
        q = None
    if (
        q is not None
        and is_speech(art, q)
        and (not is_fragment(art, q) or text[clause_end : q.start].rstrip().endswith(":"))
        and not (according and _title_case(text[q.start : q.end]))
    ):
        gap = text[clause_end : q.start]
        gap_words = _WORDS.findall(gap)
        # (“A,” X said, adding: “B.”: the quotation after a participle set off by a comma
        # is the participle's)
        participle = gap.lstrip().startswith(",") and bool(PARTICIPLE.match(gap.lstrip()[1:]))
        if (
            not participle
            and (not gap_words or gap.rstrip().endswith((":", ",")))
            and len(gap_words) <= 8
            and ("that" not in [w.lower() for w in gap_words])
        ):
            return ("according_to" if according else "direct"), quoted_words(text, q)
    # Quote that ends just before the speaker/cue clause: "“...,” X said."
    if qb is not None and closes:
        return "direct", quoted_words(text, qb)
    if according:
        # "According to X, ...", or "... , according to X."
        if cue_start - s_start <= 2:
            c_start = skip_punct(text, opening_source_end(art, cue, mention, s_end), s_end)
            c_end = trim_end(text, c_start, s_end)
        else:
            c_end = trim_end(text, s_start, cue_start)
            c_start = _after_dateline(text, s_start, c_end)
        if c_end <= c_start:
            return "according_to", None
        return "according_to", (c_start, c_end)
    # Reported clause after the cue.
    aside = _ASIDE.match(text, clause_end, s_end)
    if aside and not (
        _is_past(cue.toks[cue.first].lower, art.res.irregular_past)
        or text.startswith("that ", skip_punct(text, aside.end(), s_end))
    ):
        # (an aside after a past form or before "that": "the U.S. pledge, however, Obama
        # made ..." is a noun's)
        aside = None
    after_start = skip_punct(text, aside.end() if aside else clause_end, s_end)
    c_end = trim_end(text, after_start, s_end)
    zero_relative = None
    if (
        not inverted
        and relative
        and cue.toks[relative_at - 1].text == ","
        and not _RELATIVE_BEFORE.search(text, s_start, mention.start)
    ):
        # "Harlow, who has denied wrongdoing, did not return calls": the relative clause ends
        # where the main clause's verb follows a comma or dash.
        c_end = _main_clause_resumes(art, after_start, c_end)
    elif not inverted and relative:
        # "The share of voters who say they will stay home is larger": a relative clause
        # without commas ends before the main clause's verb.
        c_end = _restrictive_relative_end(art, after_start, c_end)
    elif not inverted and (
        _RELATIVE_BEFORE.search(text, s_start, mention.start)
        or (zero_relative := _ZERO_RELATIVE_BEFORE.search(text, s_start, mention.start))
        or opening_clause(art, cue.sentence[0], cue_start)
    ):
        # "The levy, which critics say is unfair, was scrapped", "After the minister said the
        # plan would fail, protesters gathered": the cue is inside a relative clause or an
        # adverbial clause before the main one, which ends at the next comma, dash or
        # semicolon; the main clause is not what the speaker said.
        closing = _CLAUSE_CLOSE.search(text, after_start, c_end)
        if closing:
            c_end = trim_end(text, after_start, closing.start())
    tail = text[after_start:c_end]
    that = (_THAT_NEAR_BESIDE_DOUBLED if DOUBLE_APOSTROPHE in tail else _THAT_NEAR).match(tail)
    following = _WORDS.match(tail, that.end()) if that else None
    if following is not None:
        next_word = following.group().lower()
        if next_word in art.res.time_heads or next_word in art.res.time_words:
            that = None  # "stopped twice that night": a determiner, not a complementiser
    if that and len(_WORDS.findall(tail, that.end())) < 2:
        that = None  # "he said he no longer held that view": a determiner at the end
    # (", adding that ...": the "that" of a participle set off after the cue is its own)
    set_off = _participle_set_off(text, s_start, after_start, tail)
    # ("..., said Jake Horowitz, editor of the Ledger": what follows an inverted speaker,
    # set off by a comma, describes the speaker)
    described = inverted and _ends_with_mark(text, clause_end, after_start, ",")
    if set_off or described:
        that = None
    if that and (
        _cue_between(art, after_start, after_start + that.end())
        or any(w.lower() in art.res.clause_signs for w in _WORDS.findall(tail, 0, that.end()))
        or _object_before_that(art, cue, _WORDS.findall(tail, 0, that.end())[:-1])
    ):
        # "said aides warned him that ...", "said the move was proof that ...": the "that"
        # belongs to a verb or a clause after the cue; what is said begins after the cue
        that = None
    if that:
        # "said in a statement that ...", "told reporters on Friday that ..."
        after_start = skip_punct(text, after_start + that.end(), s_end)
    elif (
        cue.lemma in art.res.addressee_verbs
        and mention.kind != "document"
        and (object_after := object_end(art, cue.toks, cue.last + 1, after_start)) > after_start
        and not _thing_promised(art, cue, object_after)
    ):
        # (a person "showed reporters" a letter; a document shows its content)
        after_start = skip_punct(text, object_after, s_end)
        if text.startswith("that ", after_start):
            # "told Dr. Ibe that ...": the complementiser after a titled addressee, which
            # the words-before-"that" pattern does not read across the title's full stop
            after_start += 5
    if not that:
        rest = text[after_start:c_end]
        # (after an addressee too: "..., Holm told reporters, speaking outside the court")
        set_off = set_off or _participle_set_off(text, s_start, after_start, rest)
        before_ok = _reported_before(art, s_start, clause_start)
        if before_ok and (
            _continues_predicate(art, text[clause_end:c_end])
            or (described and _continues_after_description(art, text[after_start:c_end]))
        ):
            # "The deal, Holm said on Tuesday, was the best available.", "The paradox, says
            # Ana Ruiz, a historian, is that ...": the cue clause stands inside what was said,
            # which is read whole (the offsets are one span).
            before_end = trim_end(text, s_start, clause_start)
            if before_end - s_start >= 6 and not opening_clause(art, s_start, cue_start):
                return reported_kind(art, s_start, c_end), (s_start, c_end)
        first_word = _WORDS.match(rest)
        link = first_word.group().lower() if first_word is not None else ""
        linked = link in art.res.clause_links
        interrupted = _INTERRUPTED_THAT.match(rest) if linked else None
        if interrupted:
            # "said, as he left the court, that he was innocent": what he said follows "that"
            after_start += interrupted.end()
            rest = text[after_start:c_end]
            linked = False
        # (", officials said, as forces pushed on": a clause of time after a cue clause set
        # off by commas, after a clause, is the writer's; a clause of reason or concession
        # is the speaker's too, ", economists say, because ...": the whole sentence)
        subordinate = (
            linked
            and _ends_with_mark(text, clause_end, after_start, ",")
            and not any(q in rest for q in QUOTE_CHARS)
            and _has_verb(art, s_start, clause_start)
        )
        if before_ok and subordinate and link in _REASON_LINKS:
            return reported_kind(art, s_start, c_end), (s_start, c_end)
        if before_ok and (set_off or described or subordinate or adverbial_only(art, rest)):
            # "The plan had failed, Holm said on Tuesday.": a time or place after the cue
            # (or a participle's clause: "..., Holm told reporters, speaking outside the
            # court") is no content when the clause before the speaker's is.
            before = _before_cue(art, s_start, clause_start, partial_before)
            if before is not None:
                return before
        # "Holm said Tuesday she would ...", "told the BBC on Sunday she would ...": the
        # time is no part of what was said.
        when = art.res.time_phrase.match(rest)
        if when and _is_time(art, when) and len(_WORDS.findall(rest, when.start(4))) >= 3:
            after_start += when.start(4)
    whole_end = c_end
    if not that and cue.lemma in art.res.object_cues:
        # "X praised the police and downplayed ...": what a verb of praise or blame reports
        # is its object, which ends where a second verb of the subject begins (the object
        # may be a short name: "blasted Rubio and defended ...").
        c_end = _object_end(art, cue, after_start, c_end)
    if not that and cue.lemma not in _CLAUSE_CUES:
        c_end = _before_result_clause(art, after_start, c_end)
    if (c_end - after_start >= 6 or c_end < whole_end) and (
        len(tail.split()) >= 2 or zero_relative  # (", a move critics called reckless,")
    ):
        inside = art.quotes.overlapping(after_start, c_end)
        if inside:
            speech = [q for q in inside if is_speech(art, q)]
            end = max(c_end, inside[-1].end)
            if cue.lemma in _NAMING_LEMMAS:
                end = _after_the_name_given(art, inside, after_start, end)
            return ("mixed" if speech else "indirect"), (after_start, end)
        return "indirect", (after_start, c_end)
    block = _COLON_BLOCK.match(text, clause_end)
    if block is not None:
        # "In a speech last July, he said:" and a paragraph of its own: the paragraph, its
        # lines up to a blank one, or the quotation that opens it
        start = block.end()
        end = _paragraph_end(text, start)
        if text[start] in _OPENING_QUOTES:
            # a quotation of several paragraphs: each opens with a quotation mark, only the
            # last one closes
            for _ in range(_QUOTED_PARAGRAPHS):
                following = _NEXT_PARAGRAPH.match(text, end)
                if text[trim_end(text, start, end) - 1] in _CLOSING_QUOTES or following is None:
                    break
                end = _paragraph_end(text, following.end() - 1)
        end = max([end, *(q.end for q in art.quotes.overlapping(start, start + 1))])
        end = trim_end(text, start, end)
        if end - start >= 6:
            return reported_kind(art, start, end), (start, end)
    if partial_before is None and _opening_phrase_only(art, s_start, clause_start):
        return None, None  # ("In court, he denied it": an opening phrase is no content)
    return _before_cue(art, s_start, clause_start, partial_before) or (None, None)


#: Words between a cue and its "that" that are no object: adverbs of time and manner without
#: "-ly" ("said afterwards that", "noted again that") and prepositions ("wrote to say that").
_PREPOSITIONS_BEFORE_THAT = frozenset(("to", "of", "about"))
_ADVERBS_BEFORE_THAT = _PREPOSITIONS_BEFORE_THAT | frozenset(
    ("afterwards", "afterward", "later", "earlier", "yesterday", "today",
     "tonight", "again", "also", "then", "now", "once", "twice", "separately", "too", "still",
     "already", "meanwhile", "instead", "first", "last", "often", "repeatedly", "ago")
)  # fmt: skip


#: A sentence adverb set off by commas right after the cue ("cautioned, however, that ..."):
#: no part of what was said.
_ASIDE = re.compile(
    r"\s*,\s*(?:however|though|meanwhile|moreover|furthermore|nonetheless|nevertheless|"
    r"in fact|for example|for instance|too|also|instead|in turn)\s*,(?=\s)",
    re.IGNORECASE,
)
#: Cues that give their object a name ("called him a “serial liar”", "branded the claims
#: “fantasy”"), and what may follow that name outside what was said: a phrase of where, when
#: or how ("in an interview", "on Monday", "during the debate"; not "to": "called it a
#: “no-brainer” to prosecute" goes on).
_NAMING_LEMMAS = frozenset(("call", "brand", "dub", "label", "term"))
#: A second verb of the subject after the name a naming cue gives (", and boycotted").
_SECOND_VERB = re.compile(r"[\s,]*and\s+(?:then\s+)?([a-z]+)\b")
_AFTER_THE_NAME = re.compile(
    r"\s*(?:in|on|at|during|before|after|while|via|through|amid|over)\b", re.IGNORECASE
)


def _after_the_name_given(art: Article, inside: list[QuoteSpan], start: int, end: int) -> int:
    """Where what a naming cue reports ends: after the quoted name it gives its object
    ("calling him a “serial liar” in a bombshell interview": "in a bombshell interview" is
    the outlet's words), when a phrase of where, when or how follows the quotation, or a
    second verb of the subject (", and boycotted the debate"); else ``end``."""
    q = inside[-1]  # (the name is the last quotation: "called a “claim of right” ... “wrong”")
    if q.start > start and q.end < end and _AFTER_THE_NAME.match(art.text, q.end):
        return q.end
    second = _SECOND_VERB.match(art.text, q.end)
    if (
        q.start > start
        and q.end < end
        and second is not None
        and _is_verb(art.res, second.group(1))
        and not _cue_between(art, second.start(1), second.end(1))
    ):
        return q.end  # ("called her “third-rate” and boycotted the debate": a second act)
    return end


def _object_before_that(art: Article, cue: Cue, between: list[str]) -> bool:
    """Whether the words between a cue and a "that" open with the cue's object, a noun phrase,
    so that the "that" opens a relative clause of that noun ("demanded inspection rights that
    no one would accept"), not what was said. A noun of a stance ("expressed concern that"),
    the addressee of a verb that takes one ("told reporters that", "warned the council
    that") and a phrase of time or place ("said in a statement that", "said Tuesday that",
    "argued last week that") are no such object: what follows their "that" was said."""
    res = art.res
    if not between or cue.lemma in res.addressee_verbs or between[-1].lower() in res.stance_nouns:
        return False  # (nor is a stance: "expressed concern that", "voiced fears that")
    first = between[0].lower()
    if first in res.determiners:
        return len(between) >= 2 and not any(w.lower() in res.time_heads for w in between)
    return (
        first.isalpha()
        and first not in res.opening_prepositions
        and first not in res.time_words
        and first not in res.time_heads
        and first not in res.clause_words
        and first not in res.skip_before
        and not first.endswith("ly")
        and first not in _ADVERBS_BEFORE_THAT
        and not any(
            w.lower() in res.opening_prepositions or w.lower() in _PREPOSITIONS_BEFORE_THAT
            for w in between
        )
    )


def _before_cue(
    art: Article, s_start: int, clause_start: int, partial_before: QuoteSpan | None
) -> tuple[str, tuple[int, int]] | None:
    """What the cue reports before its clause: a paraphrase holding the quotation that ends
    right before it, or the words set off by a comma or dash ("Ukraine will win, Zelensky
    said."); ``None`` when neither."""
    text = art.text
    if partial_before is not None and is_speech(art, partial_before):
        return "mixed", (skip_punct(text, s_start, partial_before.start), partial_before.end)
    before_end = trim_end(text, s_start, clause_start)
    if _ends_with_mark(text, s_start, clause_start, _SEPARATORS) and before_end - s_start >= 6:
        line_start = s_start == 0 or text[s_start - 1] == "\n"
        if line_start and TIME_STAMP.fullmatch(text, s_start, clause_start):
            return None  # ("10:15 p.m. \u2014 Voss is not conceding.": the time is no content)
        start = _after_dateline(text, s_start, before_end)
        return reported_kind(art, start, before_end), (start, before_end)
    return None


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where what was reported begins in ``text[start:end]``: after a dateline opening the
    line, which says where the story was filed ("CARROW, May 5 (Meridian Wire) - ", "LONDON
    — "), else at ``start``."""
    line_start = start == 0 or text[start - 1] == "\n"
    dateline = (
        (_DATELINE.match(text, start, end) or TIME_STAMP.match(text, start, end))
        if (line_start)
        else None
    )
    return dateline.end() if dateline and end - dateline.end() >= 6 else start


def _continues_predicate(art: Article, rest: str) -> bool:
    """Whether ``rest``, what follows the cue, is an optional phrase of time or place, a
    comma, then the predicate of the clause the cue interrupts (", was the best
    available")."""
    phrase, comma, after = rest.partition(",")
    if not comma or (phrase.strip() and not adverbial_only(art, phrase)):
        return False
    after = after.lstrip()
    following = apostrophe_words(after).match(after)
    return following is not None and following.group().lower() in art.res.auxiliaries


def _continues_after_description(art: Article, rest: str) -> bool:
    """Whether ``rest``, the description after an inverted speaker ("a historian at the
    library, is that ..."), is followed after a comma by the predicate of the clause the cue
    interrupts."""
    _, comma, after = rest.partition(",")
    following = _WORDS.match(after.lstrip())
    return (
        bool(comma) and following is not None and following.group().lower() in art.res.auxiliaries
    )


def _is_time(art: Article, when: re.Match[str]) -> bool:
    """Whether a ``time_phrase`` match (grammar: ``time_modifiers``, ``day_parts``) is a
    time: a day on its own ("Tuesday", "yesterday"), or any of the grammar's time words after
    a modifier ("last week"); not "years" in "said years of neglect ..."."""
    head, comma, following = when.group(2).lower(), when.group(3), when.group(4).lower()
    if head not in art.res.time_words or following in art.res.auxiliaries:
        return False  # ("said this year will be hard": the time is the clause's subject)
    if following in art.res.clause_links:
        return False  # ("said on Tuesday as he ...": an adverbial clause, not what was said)
    if comma and following in art.res.coordinators:
        return False  # ("said on Friday, and ...": what follows is another clause)
    return bool(when.group(1)) or head in art.res.day_words


def _reported_before(art: Article, s_start: int, clause_start: int) -> bool:
    """Whether the words before the cue clause, set off from it by a comma or dash, can be
    what it reports: not an opening phrase ("In court documents, X asked ...", "Before
    dropping out, X responded ...", "According to the transcript, X denied it")."""
    text = art.text
    if not _ends_with_mark(text, s_start, clause_start, _SEPARATORS, _CLOSING_QUOTES):
        return False
    if trim_end(text, s_start, clause_start) - s_start < 6:
        return False
    first = apostrophe_words(text, s_start, clause_start).search(text, s_start, clause_start)
    word = first.group().lower() if first else ""
    res = art.res
    return not (
        word in res.opening_prepositions
        or word in res.preposition_heads
        or word in res.adverbial_subordinators
        or word in res.leading_function_words
        or word.endswith("ing")
    )


_COMMA_BEFORE = re.compile(r",\s*\Z")
#: Links of a clause giving the speaker's reason or concession (:func:`content`).
_REASON_LINKS = frozenset(("because", "although", "though"))
#: A clause of time or cause between a cue and its "that" (", as he left the court, that").
_INTERRUPTED_THAT = re.compile(r"[^,;:\u2014\u2013\n]{1,80},\s*that\s+")
#: A cue clause ending its line with a colon: what it reports is the next paragraph.
_COLON_BLOCK = re.compile(r"[ \t]*:[ \t]*\n\s*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NEXT_PARAGRAPH = re.compile(r"\s*[\"\u201c]")
_OPENING_QUOTES = '"\u201c'


#: A paragraph a cue's colon introduces is read for this many characters at most, and a
#: quotation of several paragraphs for this many paragraphs: a text of colons and no blank
#: lines (or of quotation marks opening every paragraph) costs time linear in its length.
_PARAGRAPH_CHARS = 4000
_QUOTED_PARAGRAPHS = 12


def _paragraph_end(text: str, start: int) -> int:
    """Where the paragraph holding ``start`` ends: at a blank line, the text's end or
    :data:`_PARAGRAPH_CHARS` on."""
    stop = min(len(text), start + _PARAGRAPH_CHARS)
    blank = _BLANK_LINE.search(text, start, stop)
    return blank.start() if blank else stop


#: Verbs whose object may be what is asked, promised or urged ("promised an inquiry",
#: "urged restraint") as well as whom ("promised voters", "urged lawmakers to act").
_THING_OBJECT_CUES = frozenset(
    ("warn", "urge", "ask", "promise", "advise", "caution", "press", "beg", "implore", "show")
)
_BEFORE_AN_ADJECTIVE = frozenset(
    ("but", "and", "or", "a", "an", "the", "very", "most", "more", "less", "highly", "so", "too")
)
_OBJECT_PRONOUNS = frozenset(("him", "her", "them", "us", "me", "you", "everyone", "everybody"))


def _thing_promised(art: Article, cue: Cue, object_after: int) -> bool:
    """Whether the object after a verb of :data:`_THING_OBJECT_CUES` is what it asks or
    promises, not whom: its first noun in small letters and no person's ("an inquiry into",
    "caution", "questions"), and no infinitive after it ("urged the board to act")."""
    if cue.lemma not in _THING_OBJECT_CUES:
        return False
    res = art.res
    form = cue.toks[cue.last].lower
    if (
        form.endswith("ing")
        and cue.first > 0
        and cue.toks[cue.first - 1].lower in _BEFORE_AN_ADJECTIVE
    ):
        return False  # ("an awkward but promising transition": an adjective)
    if cue.lemma == "ask" and not _WORDS.search(art.text, object_after, cue.window[1]):
        return False  # ("asked the real estate mogul.": whom, with nothing after)
    first = cue.last + 1
    while first < len(cue.toks) and (
        cue.toks[first].lower in res.determiners or cue.toks[first].lower in res.possessives
    ):
        first += 1
    if first >= len(cue.toks) or cue.toks[first].start >= object_after:
        return False
    word = cue.toks[first]
    if (
        not word.text.islower()
        or word.lower in _OBJECT_PRONOUNS
        or word.lower in res.noun_context  # ("warned of the risks", "asked about")
        or word.lower in res.clause_words
        or word.lower in res.relatives
    ):
        return False
    # (a person among the object's words or the few after it: "the campaign's
    # officials", "a group of 30 experts")
    for t in cue.toks[first : first + 6]:
        if not t.text[0].isalnum():
            break
        if res.speaker_kind.get(t.lower) in ("person", "title"):
            return False
    return not re.match(r"\s*to\s", art.text[object_after : object_after + 5])


#: A participle's clause set off by a comma ("..., prompting a bitter fight").
_RESULT_CLAUSE = re.compile(r",\s+([a-z]+ing)\b")
_LISTED = re.compile(r"\s*(?:,|and\b|or\b)")
#: Cues that report a clause more often than an object ("say", "tell", "note"): what follows
#: a comma after their content may be what was said.
_CLAUSE_CUES = frozenset(
    ("say", "tell", "report", "write", "note", "add", "argue", "claim", "insist", "explain",
     "state", "predict", "estimate", "find", "show", "point out", "suggest", "contend",
     "maintain", "assert", "recall", "confirm", "reveal", "warn", "agree", "believe")
)  # fmt: skip
#: Words in -ing after a comma that go on with the object or its time ("..., including
#: Rubio", "..., during the debate", "..., depending on ...") or are nouns.
_NOT_PARTICIPLES = frozenset(
    ("including", "during", "according", "regarding", "concerning", "considering",
     "following", "excluding", "depending", "pending", "barring", "seeing", "notwithstanding",
     "involving", "spanning", "totaling", "totalling", "morning", "evening", "meeting",
     "building", "spring", "string", "king", "wing", "ring", "ceiling", "wedding")
)  # fmt: skip


def _before_result_clause(art: Article, start: int, end: int) -> int:
    """Where an object reported by a cue ends before a participle's clause set off by a
    comma ("denied the charges, prompting a bitter fight", "conceded defeat after midnight,
    ending a bruising race"): the clause tells what the act led to, in the writer's words.
    Only after an object with no verb of its own and no quotation (what follows a reported
    clause, "said the dam had failed, flooding three villages", may be what was said), and
    not before a cue ("denied it, saying ...", which has its own row)."""
    result = _RESULT_CLAUSE.search(art.text, start, end)
    words = len(_WORDS.findall(art.text, start, result.start())) if result else 0
    if (
        result is None
        or result.group(1) in _NOT_PARTICIPLES
        # (a list: "a kind, loving and admirable person", "covering up, delaying, and ...")
        or _LISTED.match(art.text, result.end(1))
        or not 2 <= words <= 10
        or result.group(1).endswith("thing")  # (", something many had urged")
        or _has_verb(art, start, result.start())
        or any(q in art.text[start : result.start()] for q in QUOTE_CHARS)
        or _cue_between(art, result.start(1), result.end(1))
    ):
        return end
    return trim_end(art.text, start, result.start())


def _opening_phrase_only(art: Article, s_start: int, clause_start: int) -> bool:
    """Whether the words before the cue clause are a phrase opening with a preposition and
    holding no verb ("In court,", "According to the transcript,", "In a speech last July,"):
    where the sentence goes on, not what the cue reports."""
    first = _WORDS.search(art.text, s_start, clause_start)
    word = first.group().lower() if first else ""
    res = art.res
    return (word in res.opening_prepositions or word in res.preposition_heads) and not _has_verb(
        art, s_start, clause_start
    )


def _participle_set_off(text: str, s_start: int, pos: int, following: str) -> bool:
    """Whether ``following``, the words from ``pos`` on, open a participle's clause set off by
    a comma from what comes before (", adding that ...", ", speaking outside the court")."""
    return _ends_with_mark(text, s_start, pos, ",") and bool(PARTICIPLE.match(following))


def _ends_with_mark(text: str, start: int, end: int, marks: str, quotes: str = "") -> bool:
    """Whether ``text[start:end]``, trailing white space and one closing quotation mark of
    ``quotes`` aside, ends with one of ``marks`` (a comma or dash setting a clause off)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if quotes and end - 1 > start and text.startswith(DOUBLE_APOSTROPHE, end - 2):
        end -= 2  # two apostrophes written for a double quotation mark
    elif end > start and text[end - 1] in quotes:
        end -= 1
    return end > start and text[end - 1] in marks


def opening_clause(art: Article, sentence_start: int, cue_start: int) -> bool:
    """Whether ``text[sentence_start:cue_start]`` opens an adverbial clause before the
    sentence's main clause: a subordinator first ("After", "Even though", "Shortly before",
    "Prior to"), and no comma, semicolon or dash after it (the cue's clause is still that
    one: "After the vote, the minister said ..." is not)."""
    lower = art.doc.lower
    words = _WORDS.findall(lower, sentence_start, min(cue_start, sentence_start + 40))[:4]
    res = art.res
    if words and words[0] in res.subordinator_modifiers:
        words = words[1:] if " ".join(words[:2]) not in res.adverbial_subordinators else words
    opens = bool(words) and (
        words[0] in res.adverbial_subordinators
        or " ".join(words[:2]) in res.adverbial_subordinators
        or " ".join(words[:3]) in res.adverbial_subordinators
    )
    return opens and not _CLAUSE_CLOSE.search(lower, sentence_start, cue_start)


#: A concessive clause set off after an object: ", though it ...", ", although the ...", ",
#: even though he ...".
_CONCESSIVE_CLAUSE = re.compile(  # (a clause after it: not "though not the results")
    r",\s+(?:even\s+)?(?:though|although)\s+"
    r"(?:he|she|it|they|we|there|this|that|his|her|its|their|the)\b"
)


def _object_end(art: Article, cue: Cue, start: int, end: int) -> int:
    """The end of a past-tense cue's object in ``text[start:end]``: before "and" or "but"
    followed by another verb in the past ("praised the police and downplayed ...",
    "acknowledged losing but then backtracked"); ``end`` when there is none."""
    res = art.res
    concession = _CONCESSIVE_CLAUSE.search(art.text, start, end)
    if concession is not None:
        # "defended the measure as needed, though it was clearly ...": a concessive clause
        # after the object is the writer's, not what the cue reports
        end = trim_end(art.text, start, concession.start())
    if not _is_past(cue.toks[cue.first].lower, res.irregular_past):
        return end
    for match in _COORDINATED_VERB.finditer(art.text, start, end):
        if _is_past(match.group(1), res.irregular_past):
            return trim_end(art.text, start, match.start())
    return end


def _is_past(word: str, irregular: frozenset[str]) -> bool:
    return (len(word) > 4 and word.endswith("ed")) or word in irregular


_COORDINATED_VERB = re.compile(r",?\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?([a-z]+)\b")


def _before_auxiliaries(art: Article, cue: Cue) -> int:
    """The index of the token before the cue and any auxiliaries or adverbs before it ("who
    has repeatedly denied": the index of "who")."""
    return max(skip_before_cue(art, cue.toks, cue.first - 1, []), 0)


def _main_clause_resumes(art: Article, start: int, end: int) -> int:
    """The end of a relative clause's content in ``text[start:end]``: the first comma or dash
    followed (after adverbs) by a verb of the main clause ("..., did not return calls", "...,
    offered her firmest promise"), else ``end``."""
    text, res = art.text, art.res
    for n, closing in enumerate(_CLAUSE_CLOSE.finditer(text, start, end)):
        for word in _WORDS.finditer(text, closing.end(), min(end, closing.end() + 40)):
            w = word.group()
            if _is_verb(res, w):
                if n == 0 or _has_verb(art, start, closing.start()):
                    return trim_end(text, start, closing.start())
                # (not in "said the two men, and Ruiz in particular, must do more": the
                # reported clause's subject, an insertion, then its verb)
                break
            if not ((w.endswith("ly") and w.islower() and len(w) > 4) or w in res.skip_before):
                break  # (but "..., also said", "..., recently ordered": read on)
    return end


#: Words that open a clause inside a reported clause ("they met the man who was there"),
#: whose verb is not the main clause's.
_INNER_CLAUSE = frozenset(
    ("who", "which", "that", "whom", "whose", "and", "but", "or", "if", "because", "when",
     "while", "as", "since", "unless", "until", "where", "what", "whether", "although",
     "though", "how", "why")
)  # fmt: skip
#: Words between an auxiliary and the verb it helps ("have not been", "were also told").
_BETWEEN_AUXILIARY = frozenset(("not", "never", "also", "still", "already", "just", "yet", "all"))
_APOSTROPHE_WORDS = re.compile(r"[\w'\u2019]+")
#: A word with a contracted auxiliary ("they'll", "we've", "she'd", "they're").
_CONTRACTED_AUXILIARY = re.compile(r"['\u2019](?:ll|re|ve|d)\Z")


def _restrictive_relative_end(art: Article, start: int, end: int) -> int:
    """The end of what a cue in a relative clause without commas reports ("voters who say
    they will stay home is much larger"): before an auxiliary that is the finite verb of no
    clause opened inside the content (the main clause's: "is"), else ``end``."""
    res, text = art.res, art.text
    clauses, verbs, after_auxiliary, after_who = 1, 0, False, False
    for m in _APOSTROPHE_WORDS.finditer(text, start, end):
        w = m.group()
        follows_who, after_who = after_who, w in ("who", "which")
        if w in _INNER_CLAUSE:
            clauses += 1
        elif follows_who and w not in res.auxiliaries and w not in _BETWEEN_AUXILIARY:
            verbs += 1  # "the man who ran the depot": the word after "who" is its verb
        elif w in res.auxiliaries:
            if not after_auxiliary:
                if verbs >= clauses:
                    return trim_end(text, start, m.start())
                verbs += 1
            after_auxiliary = True
            continue
        elif _CONTRACTED_AUXILIARY.search(w):
            verbs += 1
            after_auxiliary = True
            continue
        elif after_auxiliary and (w in _BETWEEN_AUXILIARY or w.endswith("ly")):
            continue
        elif not after_auxiliary and _is_verb(res, w):
            verbs += 1
        after_auxiliary = False
    return end


#: "was all" between a quotation and the subject of its cue ("“No comment,” was all Ruiz
#: would say").
_ALL_SAID = re.compile(r"\b(?:was|is|were|had been)\s+all(?:\s+that)?\s+\Z", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r",\s*(?:which|who|whom)\s+\Z")
#: An appositive whose noun a relative clause without "that" follows (", a move critics
#: called reckless,"): the speaker's phrase comes right after the noun.
_ZERO_RELATIVE_BEFORE = re.compile(r",\s*(?:a|an)\s+[a-z][\w-]*\s+\Z")
_CLAUSE_CLOSE = re.compile(r"\s*(?:[,;]|\s[\u2014\u2013-]\s|\u2014)")
_OPENING_PUNCTUATION = " \t\n'\"\u2018\u201c([\u2014\u2013-"
# A place in capitals opening a line, at most a date and an agency, then a dash
# (cues.after_dateline reads the same from tokens).
_DATELINE = re.compile(
    r"[A-Z]{2,}(?:[ .'\u2019-]+[A-Z]+)*(?:,[^\n\u2014\u2013]{0,60}?|[ \t]*\([^()\n]{1,30}\))?"
    r"[ \t]+[-\u2014\u2013]+\s+"
)
#: A live blog's time stamp opening a line, then a dash ("10:15 p.m. \u2014 ", "Updated 9:42
#: a.m. ET - ", "14:05 \u2013 "): when the entry was posted, never what anyone said.
TIME_STAMP = re.compile(
    r"(?:(?:Updated|Posted)[ \t]+(?:at[ \t]+)?)?\d{1,2}[:.]\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?"
    r"(?:[ \t]+[A-Z]{2,4})?[ \t]+[-\u2014\u2013]+\s+"
)
_SEPARATORS = ",\u2014\u2013"
_CLOSING_QUOTES = '"\u201d\u2019'


#: A match of :data:`_NEW_SPEAKER` that is "and" with no comma before it, which may join the
#: reported clause's subject instead (:func:`split_shared_content`).
_BARE_AND = re.compile(r"and\s")


def _is_verb(res: Resources, word: str) -> bool:
    """Whether a lower-case word is an auxiliary or a past form (a finite verb, as far as
    the rules tell one without a parser)."""
    return word.islower() and (
        word in res.auxiliaries
        or word in res.irregular_past
        or (len(word) > 4 and word.endswith("ed"))
    )


def _has_verb(art: Article, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds an auxiliary or a past form: a clause, not only a
    noun phrase."""
    return any(_is_verb(art.res, w) for w in _WORDS.findall(art.text, start, end))


# A second speaker brought in by "with" ("with one figure mocking ...") or a coordinated
# clause (", but analysts said ...", "while critics claim ..."; "and" without a comma too).
_NEW_SPEAKER = re.compile(
    r"(?:\bwith|[,;]\s*(?:but|and|while|whilst|whereas)|\b(?:and|while|whilst|whereas))\s+"
    r"(?:[A-Z][a-z]{1,3}\.\s+)?\Z"  # (", but Sen. Chris Murphy says")
)
_CONNECTIVE_TAIL = re.compile(
    r"(?:[\s,;:\u2014\u2013]|\b(?:and|but|then|while|whilst|whereas|with)\b)*\Z"
)


def _cue_between(art: Article, start: int, end: int) -> bool:
    """Whether a cue of the article starts in ``[start, end)`` as a verb: not after a
    determiner or a preposition, where its form is a noun ("responded to reports that ...",
    "in a statement that ...")."""
    starts = art.cue_starts
    res = art.res
    for k in range(bisect.bisect_left(starts, start), len(starts)):
        if starts[k] >= end:
            return False
        before = _WORDS.findall(art.text, max(start, starts[k] - 24), starts[k])
        word = before[-1].lower() if before else ""
        if word in res.determiners or word in res.noun_context:
            continue
        if word == "to" and (form := _WORDS.match(art.text, starts[k])) and form.group()[-1] == "s":
            continue  # ("to reports that": a noun; "to say that": a verb)
        return True
    return False


#: What may follow a cue clause that closes a sentence: words of when, where or how, up to a
#: participle after a comma (", police said on Friday, adding ..."), but no second clause
#: (", according to an analysis ..., 85 of the meetings were ...") and no "that".
_CLOSING_STOP = re.compile(r"[;:\u2014\u2013]|\bthat\b")
_RELATIVE_BEFORE_CUE = re.compile(r"\b(?:who|which|that)\b")


def _closing_clause(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, what follows a cue clause inside another cue's content,
    is no more than the close of its sentence (:data:`_CLOSING_STOP`)."""
    head, comma, tail = text[start:end].partition(",")
    if _CLOSING_STOP.search(head):
        return False
    return not comma or PARTICIPLE.match(tail) is not None


def split_shared_content(art: Article, found: list[Candidate]) -> None:
    """End the content of a cue where a second cue of the same subject begins ("lashed out at
    the deal, saying ...", "said ... but admitted that ...") or where "with" brings in another
    speaker ("sneered at the complaint, with one figure mocking ..."): each cue reports its
    own part, and the first one's kind follows what is left (in place). A cue whose own
    content reports the first cue ("Residents reported hearing shots, police said") ends it
    too: the first speaker's words stop before the clause that reports them."""
    text = art.text
    for i, a in enumerate(found):
        if a.content is None or a.kind == "according_to" or a.speaker_mention is None:
            continue
        for b in found[i + 1 : i + 9]:  # (a cue's content spans a few cues at most)
            if b.sentence != a.sentence:
                break
            if b.speaker_mention is None or not a.cue_end <= b.cue_start < a.content[1]:
                continue
            cut = None
            if b.speaker_mention.start == a.speaker_mention.start:
                cut = b.cue_start
            elif (
                b.speaker_mention.end <= a.cue_start
                and b.speaker_mention.start != a.speaker_mention.start
                and PARTICIPLE.match(text, b.cue_start)
                and _COMMA_BEFORE.search(text, max(0, b.cue_start - 4), b.cue_start)
            ):
                # ("blocked the removal of migrants who say they face harm, ruling that ...":
                # a participle set off by a comma whose subject stands before the first cue
                # is a verb of that subject, no part of what the first cue reports)
                cut = b.cue_start
            elif b.content is not None and b.content[0] <= a.cue_start < b.content[1]:
                # b reports a: b's clause closes the sentence ("..., police said", "...,
                # according to officials"), so it is no part of what a reports
                cut = min(b.cue_start, b.speaker_mention.start)
                rest = max(b.cue_end, b.speaker_mention.end)
                if (
                    cut <= a.cue_end
                    or not _closing_clause(text, rest, a.content[1])
                    # (not the speaker going on: "told voters that if X, he would advise Y")
                    or (b.speaker == a.speaker and text[rest : a.content[1]].strip(" ,."))
                    # (nor a relative clause: "West, a supporter who has criticized Y")
                    or _RELATIVE_BEFORE_CUE.search(text, b.speaker_mention.end, b.cue_start)
                ):
                    continue
            elif a.cue_end < b.speaker_mention.start < a.content[1] and (
                joined := _NEW_SPEAKER.search(
                    text, max(0, b.speaker_mention.start - 18), b.speaker_mention.start
                )
            ):
                if _BARE_AND.match(joined.group()) and not (
                    a.cue_entry["term"] in art.res.object_cues
                    or _has_verb(art, a.content[0], joined.start())
                ):
                    # "said the band and its producer wrote ...": "and" without a comma
                    # joins the reported clause's subject, not a second speaker's clause,
                    # until the first has a verb ("they were happy and 55 percent said ...")
                    continue
                cut = b.speaker_mention.start
            if cut is None:
                continue
            tail = _CONNECTIVE_TAIL.search(text, a.cue_end, cut)
            end = tail.start() if tail else cut
            start = a.content[0] if a.content[0] < end else skip_punct(text, a.cue_end, end)
            end = trim_end(text, start, end)
            if end <= start:
                a.content, a.kind = None, "indirect"
            else:
                a.content, a.kind = (start, end), reported_kind(art, start, end)
            break


_PASSIVE_TAIL = re.compile(r"[\s,]*(?:(that)|(whether|if)|(for|as|over|of))\b", re.IGNORECASE)


def passive_content(
    art: Article, cue: Cue, mention: Mention, subject: tuple[int, int] | None
) -> tuple[str | None, tuple[int, int] | None]:
    """The kind and content of a passive cue whose agent speaks: a quotation or a clause
    after "that"/"whether" following the agent ("It was argued by critics that ..."); else
    its subject, what was reported ("The plan was criticised by unions"), read on through
    the agent to what is said of the subject when that follows ("... by unions as
    reckless", "... by rivals for failing to ..."; one span like every interrupted content).
    No content when neither is found."""
    text = art.text
    s_end = cue.window[1]
    q = quote_after(art, mention.end, min(len(text), s_end + 2))
    if q is not None and is_speech(art, q) and not _WORDS.search(text, mention.end, q.start):
        return "direct", quoted_words(text, q)
    tail = _PASSIVE_TAIL.match(text, mention.end, s_end)
    if tail is not None and tail.group(3) is None:
        start = skip_punct(text, tail.end() if tail.group(1) else tail.start(2), s_end)
        end = trim_end(text, start, s_end)
        if end > start:
            return reported_kind(art, start, end), (start, end)
    if subject is None:
        return "indirect", None
    start, end = subject
    if tail is not None:
        # (to the end of the clause: "X, accused by Y of Z, is ...")
        closing = _CLAUSE_CLOSE.search(text, tail.end(), s_end)
        end = max(end, trim_end(text, mention.end, closing.start() if closing else s_end))
    return reported_kind(art, start, end), (start, end)


#: Tokens after the source of a sentence-opening "According to" read for the comma that
#: closes the phrase ("According to the first returns of a survey carried out for ... by ...,").
_OPENING_SOURCE_TOKENS = 25
#: Tokens an appositive or relative clause after a source's name is read through to its comma.
_APPOSITIVE_TOKENS = 12


def _title_case(quoted: str) -> bool:
    """Whether a quotation after "according to X" is a title ("according to his book “The
    Long Game.”"): at most eight words, most of them capitalised."""
    words = _WORDS.findall(quoted)
    capitals = sum(w[0].isupper() for w in words)
    return 0 < len(words) <= 8 and words[0][0].isupper() and capitals * 2 > len(words)


def opening_source_end(art: Article, cue: Cue, mention: Mention, s_end: int) -> int:
    """Where the content of "According to X ..., CONTENT" starts: past the comma that closes
    the opening phrase when the words between the source and that comma describe it
    ("According to figures released on Tuesday, ...", "According to two people familiar
    with the matter, ...", "According to the minutes of the meeting, ..."), and past an
    appositive or relative clause after a name ("According to Jane Doe, a spokeswoman for the
    agency, ..."); else the source's end ("According to him the plan failed")."""
    res, toks = art.res, cue.toks
    n = len(toks)
    i = bisect.bisect_left(cue.starts, mention.end)
    base_end = mention.end
    opening_mark = art.text[max(0, mention.start - 2) : mention.start].strip()
    quoted_source = opening_mark in OPENING_MARKS
    if quoted_source and i < n and toks[i].start == mention.end and toks[i].text in CLOSING_MARKS:
        base_end = toks[i].end  # a title's closing mark ("According to “Inside the Room” ...")
        i += 1
    if i >= n or toks[i].start >= s_end:
        return base_end
    if toks[i].text != ",":
        word = toks[i].lower
        describes = toks[i].text.islower() and (
            word in ("and", "or")  # ("According to the book and the film, ...")
            or word in res.postmods
            or word in res.noun_context
            or word in res.relatives
            or word in res.document_participles
            or word == "by"
            or word.endswith("ed")
        )
        comma = _comma_before(toks, i, min(n, i + _OPENING_SOURCE_TOKENS), s_end)
        if not describes or comma is None:
            return base_end
        i = comma
    end = toks[i].end
    if (
        quoted_source
        and i + 1 < n
        and toks[i + 1].text in CLOSING_MARKS
        and toks[i + 1].start < s_end
    ):
        i += 1  # 'According to “Inside the Room,” a memoir by ...': the title's closing mark
        end = toks[i].end
    titled = quoted_source and mention.kind == "document"
    if (mention.kind == "name" or titled) and i + 1 < n:
        opener = toks[i + 1].lower
        close = _comma_before(toks, i + 1, min(n, i + 1 + _APPOSITIVE_TOKENS), s_end)
        segment = toks[i + 2 : close] if close is not None else ()
        if close is not None and (
            opener in ("a", "an", "who")
            or (titled and opener == "by")  # ("“The Long Game,” by Ana Ruiz, ...": its author)
            or (
                (opener == "the" or opener in res.possessives)
                and any(res.speaker_kind.get(t.lower) in ("person", "title") for t in segment)
            )
        ):
            end = toks[close].end  # "Jane Doe, a spokeswoman for the agency, ..."
    return end


def _comma_before(toks: list[Token], i: int, stop: int, s_end: int) -> int | None:
    """The index of the first comma in ``toks[i:stop]`` within the sentence, before any
    quotation mark, colon or semicolon; None if there is none."""
    for k in range(i, stop):
        t = toks[k]
        if t.start >= s_end or t.text in QUOTE_CHARS or t.text in (":", ";", "(", "\u2018"):
            return None
        if t.text == ",":
            return k
    return None


def skip_punct(text: str, pos: int, limit: int) -> int:
    while pos < limit and (text[pos].isspace() or text[pos] in ",:;\u2014\u2013-"):
        pos += 1
    return pos


def trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?\u2014\u2013-"):
        end -= 1
    return end
