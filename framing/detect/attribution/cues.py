"""Cue rules: whether a cue hit is a reporting act, and the attribution it makes.

Who its subject is (before the cue, after an inverted cue, after "according to" or a passive
"by", or inherited from the clause) is read by :mod:`framing.detect.attribution.subjects`;
the content of the attribution by :mod:`framing.detect.attribution.content`.
"""

from __future__ import annotations

import bisect
import re

from framing.detect.attribution.article import Article, Candidate, Cue
from framing.detect.attribution.content import content, passive_content
from framing.detect.attribution.entities import Mention
from framing.detect.attribution.phrases import share_of_people, skip_before_cue
from framing.detect.attribution.resources import Resources
from framing.detect.attribution.subjects import (
    CLOSING_QUOTES,
    DASHES,
    QUOTE_MARKS,
    find_subject,
    is_cue_word,
)
from framing.detect.attribution.words import clean_word, is_name_token, is_pronoun, title_stop
from framing.text import Token
from framing.text.tokens import OPENING_TOKENS


def read_cue(
    start: int,
    end: int,
    entry: dict[str, str],
    sentence: tuple[int, int],
    window: tuple[int, int],
    toks: list[Token],
    starts: list[int],
) -> Cue | None:
    """The cue hit ``text[start:end]`` with the indexes of its first and last token in ``toks``;
    None when no token starts at ``start`` (a hit inside a word the tokeniser keeps whole)."""
    first = bisect.bisect_left(starts, start)
    last = first
    while last + 1 < len(toks) and toks[last + 1].end <= end:
        last += 1
    if first >= len(toks) or toks[first].end > end:
        return None
    lemma = entry["term"].lower()
    return Cue(
        start,
        end,
        entry,
        sentence,
        window,
        toks,
        starts,
        first,
        last,
        lemma,
        lemma == "according to",
    )


def cue_attribution(art: Article, cue: Cue, found: list[Candidate]) -> Candidate | None:
    """The attribution a cue makes, or None when it is no reporting act or has no source.

    ``found`` are the attributions of earlier cues in the article (a participle or a second
    verb inherits the subject of the clause before it).
    """
    if not is_reporting_act(art, cue):
        return None
    subject = find_subject(art, cue, found)
    if subject is None:
        return None
    mention, inverted = subject
    res = art.res
    if cue.lemma in res.content_bound_cues:
        # "..., the institute calculated." / "calculated that ...", not "calculated the load"
        after = cue.toks[cue.last + 1].lower if cue.last + 1 < len(cue.toks) else "."
        if after != "that" and after not in (".", ",", ";", "!", "?"):
            return None
    if cue.lemma in res.quoting_cues and quoted_as(art, cue) is None:
        return None  # "quoted a price": only "quoted him as saying" relays speech
    if cue.lemma in res.speech_evidence_cues and not carries_speech(art, cue):
        return None  # "troops attacked the town": most attacks are not speech
    if cue.lemma in res.document_only_cues and mention.head in res.depicting_evidence:
        return None  # "Video seen by the Ledger shows ...": evidence depicts; it states nothing
    # "The report found ...", "Court filings show ...": documents report what they find;
    # people "find" and "show" things. Another subject needs "that" ("concluded that"), or,
    # for a verb people also speak with, a quotation of their words ("She concluded, “...”").
    after_cue = cue.toks[cue.last + 1].lower if cue.last + 1 < len(cue.toks) else "."
    document_only = (
        cue.lemma in res.document_only_cues
        and mention.kind != "document"
        and after_cue != "that"
        # ("..., the authors found.", "..., Fox found.": closing the sentence, the cue reports
        # the clause before it, as a document's does)
        and not (after_cue in (".", ";") and not inverted)
    )
    if nested(art, cue, mention, found):
        return None
    if participle_only(cue) and cue.entry["verb_class"] == "neutral" and capacity_phrase(art, cue):
        return None  # "Justice Mira Tollan, writing for the majority, said ..."
    if is_passive(art, cue, mention, inverted):
        kind, reported = passive_content(art, cue, mention, passive_subject(art, cue))
    else:
        kind, reported = content(art, cue, mention, inverted)
    if kind is None or (
        document_only and (kind != "direct" or cue.lemma not in res.spoken_document_cues)
    ):
        return None
    if (
        kind == "indirect"
        and reported is not None
        # ("decried it", "railed against it": what is blamed or attacked is reported)
        and cue.lemma not in res.object_cues
        and cue.entry["verb_class"] == "neutral"
        and _PRONOUN_OBJECT.match(art.text, reported[0], reported[1])
    ):
        return None  # "a day after he said them, ...": words meant, none reported
    if (
        kind == "indirect"
        and not inverted
        and cue.entry["verb_class"] == "neutral"
        and _NOTHING_SAID.match(art.text, cue.end, cue.sentence[1])
    ):
        # "said nothing for an hour", "Asked about the deal, Ruiz said little.": nothing
        # reported (and not the clause before the cue)
        return None
    if (
        cue.lemma == "call"
        and reported is not None
        # (a label in double quotation marks is no name of a person called)
        and art.text[reported[0] - 1 : reported[0]] not in QUOTE_MARKS
        and _PHONED.match(art.text, reported[0], cue.sentence[1])
        and not _RELATIVE_OBJECT.search(art.text, max(0, mention.start - 8), mention.start)
    ):
        return None  # "called him to say ...", "called Ruiz shortly after": a telephone call
    if not inverted and _PRONOUN_BEFORE_SPEAKER.search(
        art.text, max(0, mention.start - 16), mention.start
    ):
        return None  # "Nothing the president said will ...": what was said is the pronoun
    if kind != "direct" and cue.lemma in res.quotation_only_cues:
        return None  # "the statement read: “...”", not "she read the report"
    if cue.lemma in res.quoted_label_cues and not quoted_label(art, cue, reported):
        return None  # "branded the payouts “obscene”", not "branded goods" or "labelled for"
    return Candidate(mention, cue.start, cue.end, cue.entry, kind, reported, cue.sentence)


_BY = re.compile(r"\s*by\s+\Z", re.IGNORECASE)
#: A reported "content" that is only a pronoun for words said before ("said them, but ...",
#: "said it.").
_PRONOUN_OBJECT = re.compile(
    r"(?:it|them|this|so)(?:\s*[,;.:)\u2014]|\s+(?:but|because|when|before|after)\b|\s*\Z)",
    re.IGNORECASE,
)
#: "nothing" or "little" as the object of a cue, not the subject of a reported clause ("said
#: nothing for an hour", "said little else", "said nothing."; not "said nothing had changed").
_NOTHING_SAID = re.compile(
    r"\s+(?:nothing|little)(?:\s+(?:more|else|further|new))?+"
    r"(?!\s+(?:is|was|were|are|had|has|have|would|will|could|can|should|must|might|may|did|"
    r"does|do|needed|needs|changed|happened|came|seemed)\b)(?=[\s,.;:)\u2014]|\Z)",
    re.IGNORECASE,
)
#: The object of "call" with nothing said of it, then a purpose, a time or the end ("called
#: him to say ...", "called Ruiz shortly after ...", "called Lina Marsh."): a telephone
#: call, not a label ("called him a liar", "called Ruiz “a menace”" go on).
_PHONED = re.compile(
    r"(?:her|him|them|me|us|(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]+)"
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)"
    r"(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bSgt)(?<!\bProf)"
    r"(?:\s*[.;]|\s*\Z|\s+(?:to|back|shortly|after|on|last|again|and|from|early|late|before)\b)"
)
#: A relative pronoun before the speaker of "call": the object is the pronoun, and a name
#: after the cue is the label ("what he calls Confident America").
_RELATIVE_OBJECT = re.compile(r"\b(?:what|which|whom|that)\s+\Z", re.IGNORECASE)
#: A pronoun a speaker's relative clause modifies ("Nothing the president said", "everything
#: she says"): the pronoun is what was said.
_PRONOUN_BEFORE_SPEAKER = re.compile(
    r"\b(?:nothing|everything|anything|something)\s+\Z", re.IGNORECASE
)
#: Tokens that end a passive's subject, read back from its auxiliary.
_SUBJECT_BOUNDARIES = frozenset((",", ";", ":", "(", ")", *DASHES))
#: Words before a passive's subject that end it: a verb or auxiliary of the clause before
#: ("Leaders hoped the meeting, requested by ..."), a relative pronoun, an infinitive's "to".
_BEFORE_SUBJECT = frozenset(("has", "have", "had", "whose", "whom", "to", "by"))
#: Tokens a passive's subject is read back through, at most.
_SUBJECT_TOKENS = 12
#: Tokens read back past the phrases that set a passive's subject off from its verb, at most.
_SET_OFF_TOKENS = 60


def is_passive(art: Article, cue: Cue, mention: Mention, inverted: bool) -> bool:
    """Whether the cue is a passive whose agent, after "by", is the speaker ("The plan was
    criticised by unions", "The deal, first reported by Bloomberg, ...")."""
    return (
        not inverted
        and not cue.according
        and mention.start >= cue.end
        and _BY.match(art.text, cue.end, mention.start) is not None
    )


def passive_subject(art: Article, cue: Cue) -> tuple[int, int] | None:
    """The span of a passive cue's subject: what was reported, praised or denied ("The
    plan" of "The plan was criticised by ...", "Bernie Sanders" of "In Vermont, Bernie
    Sanders was backed by ..."; "Trump" of "Trump, speaking at ..., was introduced by");
    None when no noun phrase stands there."""
    res, toks = art.res, cue.toks
    sentence_start = cue.sentence[0]
    j = skip_before_cue(art, toks, cue.first - 1, [])
    if j >= 0 and toks[j].lower in res.relatives:
        j -= 1  # "the plan, which was criticised by ...": the noun the clause modifies
        if j >= 0 and toks[j].text == ",":
            j -= 1
    elif j >= 0 and toks[j].text == ",":
        # The subject is set off from its verb by a phrase ("Trump, speaking at ...,";
        # "The plan, first reported by ..."): the nearest segment before that opens with a
        # noun phrase, not a participle, a preposition or an indefinite appositive.
        stop = max(0, cue.first - _SET_OFF_TOKENS)  # (a text without sentence ends)
        while j >= stop and toks[j].text == "," and toks[j].start >= sentence_start:
            k = j - 1
            while k >= stop and toks[k].start >= sentence_start and toks[k].text != ",":
                k -= 1
            if k < stop and k >= 0 and toks[k].start >= sentence_start:
                return None  # the subject lies further back than is read
            opener = toks[k + 1] if k + 1 < j else None
            first_segment = k < 0 or toks[k].start < sentence_start
            if opener is not None and not (
                _participle_opener(opener)
                or opener.lower in res.opening_prepositions
                or opener.lower in res.leading_function_words
                or (opener.lower in ("a", "an") and not first_segment)
            ):
                j -= 1
                break
            j = k
        else:
            return None
    if j < 0 or toks[j].start < sentence_start:
        return None
    if not toks[j].text[0].isalnum() and toks[j].text not in CLOSING_QUOTES:
        return None
    k = j
    while (
        k - 1 >= 0
        and j - k < _SUBJECT_TOKENS
        and toks[k - 1].start >= sentence_start
        and not _ends_subject(res, toks[k - 1])
    ):
        k -= 1
    return toks[k].start, toks[j].end


def _participle_opener(tok: Token) -> bool:
    """Whether ``tok`` opens a participle's phrase ("speaking at ...", "Speaking at ...",
    "seated on the dais"), not a name ("King", "Ted")."""
    low = tok.lower
    if tok.text.islower():
        return low.endswith(("ing", "ed"))
    return low.endswith("ing") and len(low) > 6


def _ends_subject(res: Resources, tok: Token) -> bool:
    """Whether ``tok``, read back from a passive's subject, stands before it."""
    low = tok.lower
    return (
        tok.text in _SUBJECT_BOUNDARIES
        or low in res.relatives
        or low in res.passive
        or low in _BEFORE_SUBJECT
        or low in res.irregular_past
        or (tok.text.islower() and low.endswith("ed"))
        or (low in res.clause_words and low not in ("and", "or"))
    )


def quoted_label(art: Article, cue: Cue, reported: tuple[int, int] | None) -> bool:
    """Whether a verb of labelling reports a label in quotation marks after its object
    ("branded the payouts “obscene”", "dubbed him “the little senator”"): a quotation inside
    what it reports, with a word between the verb and the quotation (a participle right
    before a quotation, "The candidate labelled “...” leads", describes its noun)."""
    if reported is None:
        return False
    inside = art.quotes.overlapping(*reported)
    if not inside:
        return False
    return bool(_WORD.search(art.text, cue.end, inside[0].start))


_WORD = re.compile(r"\w")


def nested(art: Article, cue: Cue, mention: Mention, found: list[Candidate]) -> bool:
    """Whether a cue belongs inside what an earlier cue of its sentence reports: a document's
    "show" or "find" whose subject is in someone's reported words ("said the figures showed
    ..."), or a participle inside a document's finding ("Minutes show that two members voted
    to hold, warning ...")."""
    for att in reversed(found[-8:]):  # (a content spans a few cues at most)
        if att.sentence != cue.sentence:
            break
        if att.content is None or not att.content[0] <= cue.start < att.content[1]:
            continue
        if (
            cue.lemma in art.res.document_only_cues
            and att.content[0] <= mention.start
            # (a person found it: "She said she found that ...")
            and mention.kind not in ("pronoun", "epithet")
        ):
            return True
        if (
            participle_only(cue)
            and att.cue_entry["term"] in art.res.document_only_cues
            and mention is att.speaker_mention
        ):
            return True
    return False


def participle_only(cue: Cue) -> bool:
    return cue.first == cue.last and cue.toks[cue.first].lower.endswith("ing")


def capacity_phrase(art: Article, cue: Cue) -> bool:
    """Whether a participle between commas says only in what capacity the subject speaks
    ("X, writing for the majority, said"): a short prepositional phrase, then a comma and
    the clause's own verb."""
    toks, k = cue.toks, cue.last + 1
    if cue.first == 0 or toks[cue.first - 1].text != "," or k >= len(toks):
        return False
    if toks[k].lower not in art.res.postmods:
        return False
    for m in range(k + 1, min(len(toks), k + 7)):
        if toks[m].text == ",":
            return True
        if not toks[m].text[:1].isalnum():
            return False
    return False


def quoted_as(art: Article, cue: Cue) -> int | None:
    """The index of "as" in "quoted X as saying ..." (a participle of speech after it, within
    eight tokens of the cue), or None."""
    toks = cue.toks
    for k in range(cue.last + 2, min(len(toks) - 1, cue.last + 13)):
        if toks[k].lower == "as":
            nxt = toks[k + 1].lower
            return k if nxt.endswith("ing") and is_cue_word(art.res, nxt) else None
        if not toks[k].text[:1].isalnum() and toks[k].text != "," and not title_stop(art, toks, k):
            return None  # (an appositive may come between: "quoted Ana Ruiz, a nurse, as")
    return None


def carries_speech(art: Article, cue: Cue) -> bool:
    """Whether the clause after a cue carries speech: a quotation, "as" with a description
    ("attacked the plan as a scam"), a reason ("attacked him for his votes", "over the
    leak") or a participle of speech after a comma ("attacked the commission, saying ...")."""
    rest = art.text[cue.end : cue.sentence[1]]
    if any(q in rest for q in ("\u201c", '"', "\u2018")):
        return True
    if art.res.speech_evidence.match(rest):
        return True
    return any(is_cue_word(art.res, m.group(1)) for m in _COMMA_PARTICIPLE.finditer(rest))


_COMMA_PARTICIPLE = re.compile(r",\s+(\w+ing)\b")


def _verb_after_possessive(art: Article, cue: Cue) -> bool:
    """Whether a cue after a word in "'s" is a verb: a past form or "says" before what it
    reports ("McDonald's said the ...", "Moody's says that ...", "Trump's said he ...": a
    company named so, or "has"), not an adjective before a noun ("the company's reported
    earnings", "the minister's stated aim") nor a noun ("Trump's claims")."""
    res = art.res
    toks, first, last = cue.toks, cue.first, cue.last
    if first != last:
        return False
    word = toks[first].lower
    if not (word.endswith("ed") or word in res.irregular_past or word == "says"):
        return False
    if last + 1 >= len(toks):
        return True
    nxt = toks[last + 1]
    low = nxt.lower
    return (
        nxt.text in (",", ":", ".", ";")  # (not a quotation: "the group's alleged “ties”")
        or low == "that"
        or low in res.determiners
        or low in res.clause_openers
        or low in res.noun_context
        or low in res.day_words
    )


#: Finite auxiliaries and forms of "be": after a form in -s they make it a noun, the subject
#: of their clause ("the battery claims were plausible").
_FINITE_AUXILIARIES = frozenset(
    ("is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
     "might", "should", "must", "did", "do", "does")
)  # fmt: skip


#: What opens the object of a capitalised cue in a title-case headline, as a capital does
#: ("Ruiz Tells #StopThePort Activists ...", "Ruiz Thanks @HarbourTrust"), where a name's last
#: word ("said Mona Tell of ...") takes none. (Not a quotation mark: "Trump's Putin Remarks
#: ‘Troubling’" is a noun before its label.)
_VERB_OBJECT_OPENERS = frozenset(("#", "@"))
#: Relative pronouns, and "that".
_RELATIVES = frozenset(("that", "who", "whom", "which"))


def is_reporting_act(art: Article, cue: Cue) -> bool:
    """Whether the cue's words are a reporting verb here, not a noun ("the claim", "his
    comments"), an infinitive ("to say") or part of a name ("said Mona Tell")."""
    res = art.res
    toks, first, last = cue.toks, cue.first, cue.last
    prev = toks[first - 1] if first > 0 else None
    if prev is not None and not cue.according:
        pl = clean_word(prev)
        # "the claim", "his claims", "to say": a noun or an infinitive, not a reporting act.
        # (but "one in five say": a poll share)
        if (
            (pl in res.determiners or pl in res.possessives or pl == "to")
            and not (pl in res.small_numbers and share_of_people(art, toks, first - 1))
            and not _floating_quantifier(art, toks, first - 1)
            and not _quantifier_subject(art, toks, first - 1)
        ):
            return False
        if prev.text.endswith(("'s", "\u2019s")) and not _verb_after_possessive(art, cue):
            return False
        # "on states in the Midwest", "in six states": a noun. A finite reporting verb does
        # not follow a preposition (a gerund does: "by saying"), nor does a verb in -s
        # follow a number ("six states"; "six said" is a verb).
        cue_word = toks[first].lower
        if pl in res.noun_context and not cue_word.endswith("ing"):
            return False
        if (pl.isdigit() or pl in res.number_words) and cue_word.endswith("s"):
            return False
        # "the same promise", "his latest claims", "in a short note, insisting": a noun
        # after a determiner and an adjective, with no content after it. (A past form after
        # a noun is a verb: "the plaintiff claimed"; so is any form after a speaker noun:
        # "the agency says"; and a form before its content: "the minutes show that".)
        nxt_word = clean_word(toks[last + 1]) if last + 1 < len(toks) else "."
        if (
            first >= 2
            and prev.text.islower()
            and (
                pl in res.noun_adjectives
                or (
                    not cue_word.endswith(("ed", "ing"))
                    and cue_word not in res.irregular_past
                    and pl not in res.speaker_kind
                    and not pl.endswith(("s", "ly"))
                    and pl not in res.skip_before
                    and (nxt_word in res.postmods or nxt_word in (",", ".", ";", "by"))
                )
            )
        ):
            pp = clean_word(toks[first - 2])
            if pp in res.determiners or pp in res.possessives:
                return False
        # "said Mona Tell of the league": a capitalised cue inside a name, not a verb.
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        if (
            toks[first].is_cap
            and is_name_token(prev)
            and (nxt is None or not (nxt.is_cap or nxt.text[:1] in _VERB_OBJECT_OPENERS))
        ):
            return False
    if (
        last + 1 < len(toks)
        and toks[last + 1].lower in res.reflexives
        and toks[first].lower in res.naming_words
    ):
        return False  # "the group, which calls itself Green Dawn": a name, not speech
    if (
        first == last
        and last + 1 < len(toks)
        and toks[first].lower.endswith("s")
        and toks[first].lower != "says"
        and toks[last + 1].lower in _FINITE_AUXILIARIES
        and not (prev is not None and is_pronoun(res, prev.lower))
        and not any(t.lower in _RELATIVES for t in toks[max(0, first - 3) : first])
    ):
        # "the battery claims were ...", "his remarks are ...": a noun, its verb after it
        # (not "a slide that the agency predicts will deepen", "who he claims has":
        # a verb whose clause lost its subject to a relative pronoun)
        return False
    if toks[first].lower in res.noun_first_forms and first == last:
        # "Republican states", "his comments", "the AP report": these forms are nouns far
        # more often than reporting verbs, which announce their content ("the filing states
        # that ...", "she comments: ...").
        after = toks[last + 1].text if last + 1 < len(toks) else ""
        if after.lower() != "that" and after not in OPENING_TOKENS:
            return False
    return True


def _floating_quantifier(art: Article, toks: list[Token], i: int) -> bool:
    """Whether ``toks[i]`` ("both", "all", "each") follows the subject it quantifies ("The
    two leaders both said", "they all said"), not a determiner of a noun ("all claims")."""
    res = art.res
    if i < 1 or toks[i].text not in res.floating_quantifiers:
        return False
    before = toks[i - 1]
    low = clean_word(before)
    return before.text[0].isalnum() and (
        low in ("they", "we", "you")
        or (
            low not in res.determiners
            and low not in res.possessives
            and low not in res.postmods
            and low not in res.noun_context
            and low not in res.clause_words
            and low != "to"
        )
    )


def _quantifier_subject(art: Article, toks: list[Token], i: int) -> bool:
    """Whether ``toks[i]`` ("Several", "Some", "Another") is the subject of the cue after it,
    a quantifier standing for people ("Several said", "Some say"), not a determiner of a
    noun ("some claims", "have some say"): it opens its clause, and the cue is a past form
    or a form of "say"."""
    res = art.res
    if toks[i].lower not in res.quantifier_pronouns:
        return False
    if i > 0 and toks[i - 1].lower == "with" and toks[i + 1].lower.endswith("ing"):
        return True  # "..., with many accusing ...": an absolute clause's subject
    if i > 0 and (toks[i - 1].text[0].isalnum() and toks[i - 1].lower not in res.clause_words):
        return False
    cue = toks[i + 1].lower
    after = toks[i + 2].text if i + 2 < len(toks) else ""
    if len(after) > 3 and after.isalpha() and after.islower() and after.endswith("s"):
        return False  # "Some pledged delegates": a participle before a noun
    return cue in res.irregular_past or cue.endswith("ed") or cue in ("say", "says")
