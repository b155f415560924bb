"""Noun phrases: the speaker phrase before a cue (read leftwards) or after it (rightwards), the
source after "according to", an appositive name, and where a phrase starts and an addressee
ends. What kind of source a phrase names is :mod:`framing.detect.attribution.kinds`."""

from __future__ import annotations

import re
from bisect import bisect_left

from framing.detect.attribution.article import Article
from framing.detect.attribution.entities import Mention
from framing.detect.attribution.kinds import (
    anonymous_np,
    classify,
    is_anonymity_clause,
    is_personal_name,
)
from framing.detect.attribution.resources import Resources
from framing.detect.attribution.words import (
    AGED,
    clean_word,
    is_name_token,
    is_pronoun,
    plural_in,
    title_stop,
)
from framing.text import Token

#: A word written with a contracted auxiliary: "he’s", "I'm", "they're", "that’s".
_CONTRACTION = re.compile(r"(\w+)['\u2019](?:s|m|re|ve|ll|d)\Z")


#: Words between a speaker's head and the preposition of its postmodifier ("people familiar
#: with the talks", "scientists not involved in the study", "researchers unaffiliated with").
_POSTMODIFYING_WORDS = frozenset(
    (
        "close",
        "familiar",
        "involved",
        "briefed",
        "affiliated",
        "associated",
        "connected",
        "unaffiliated",
        "unconnected",
        "uninvolved",
    )
)
#: Words before those ("not involved", "directly involved").
_BEFORE_POSTMODIFYING = frozenset(("not", "directly", "closely", "personally", "previously"))


def skip_before_cue(art: Article, toks: list[Token], j: int, skipped: list[str]) -> int:
    """The index of the first token at or before ``toks[j]`` that is not an auxiliary,
    time word or adverb between subject and cue ("has also repeatedly said"); the skipped
    words are appended to ``skipped``, nearest the cue first."""
    res = art.res
    while j >= 0 and (
        clean_word(toks[j]) in res.skip_before
        or (
            toks[j].text.islower()
            and toks[j].text.endswith("ly")
            and len(toks[j].text) > 4
            and toks[j].lower not in res.speaker_kind  # "the family said"
        )
        # "The two leaders both said", "they all said" (but "Both said": the subject)
        or (j > 0 and toks[j].text in res.floating_quantifiers)
    ):
        skipped.append(clean_word(toks[j]))
        j -= 1
    return j


def np_left(art: Article, toks: list[Token], end_index: int) -> Mention | None:
    """The noun phrase ending at ``toks[end_index]`` (inclusive), scanning leftwards."""
    res = art.res
    if end_index < 0:
        return None
    tok = toks[end_index]
    low = tok.lower
    if is_pronoun(res, low):
        return Mention(tok.start, tok.end, tok.text, "pronoun", head=low)
    if "'" in low or "\u2019" in low:
        contracted = _CONTRACTION.match(low)
        if contracted is not None:
            # "He’s also praising", "I'm told": the pronoun is the subject, written with
            # its auxiliary; "That’s why", "There’s time": no one, though capitalised.
            base = contracted.group(1)
            if is_pronoun(res, base):
                n = len(base)
                return Mention(tok.start, tok.start + n, tok.text[:n], "pronoun", head=base)
            if tok.is_cap and base in res.common_words:
                return None
    if low in ("who", "which"):
        # "X, who ...": the antecedent before the comma; "people who ..." without one.
        k = end_index - 1
        if k >= 0 and toks[k].text == ",":
            k -= 1
        if low == "who" and k == end_index - 1 and k >= 0 and toks[k].lower == "those":
            # "Among those who said ...": the people the clause describes
            t = toks[k]
            return Mention(t.start, t.end, t.text, "group", head="those", definite=False)
        head = np_left(art, toks, k)
        head = _relative_antecedent(art, toks, k, head)
        if low == "which" and head is not None and head.kind in ("name", "epithet", "group"):
            # "Farid Osei of the Bay Coalition, which first reported ...": "which" stands for
            # no person; the organisation or document after the person's preposition
            head = _thing_after_preposition(art, toks, k, head) or head
        if k < end_index - 1 and (head is None or head.kind in ("group", "epithet")):
            # "said Tomas Berg, 58, a retired porter, who described ...": the relative
            # clause follows the name's appositive; the named person is its antecedent.
            named = appositive_anchor(art, toks, k)
            if named is not None:
                return named
        return head
    if low in res.non_speakers or not (tok.text[0].isalnum() or tok.text == "%"):
        return None
    share = share_of_people(art, toks, end_index) or people_by_number(art, toks, end_index)
    if share is not None:
        return share
    i = end_index
    n_lower = 0
    while i >= 0:
        t = toks[i]
        tl = clean_word(t)
        if t.text[0].isalnum() and is_name_token(t) and tl not in res.clause_words:
            i -= 1
            continue
        if tl in res.determiners or tl in res.possessives:
            if not (
                tl in res.floating_quantifiers
                and i < end_index
                and is_name_token(toks[i + 1])
                # ("ties to both Clintons": a preposition's object keeps it)
                and not (i > 0 and clean_word(toks[i - 1]) in res.postmods)
            ):
                i -= 1  # (but "was all Ana Ruiz would say": "all" is no part of a name)
            break
        if i < end_index and title_stop(art, toks, i):
            i -= 2  # an abbreviated title: "Mr. Oberg", "Sen. Elizabeth Warren"
            continue
        if t.text[0].isdigit() and i < end_index and clean_word(toks[i + 1]) == "percent":
            i -= 1  # the quantity of a poll share ("47 percent of voters said")
            if i >= 0 and toks[i].lower == "and":
                break  # ("... with the presidency and 60 percent said": a share of its own)
            continue
        if (
            t.text in ("'", "\u2019")
            and 0 < i < end_index
            and toks[i - 1].end == t.start
            and toks[i - 1].text.endswith("s")
        ):
            i -= 1  # a plural possessive: "the Harbour Workers’ Union", "the tenants’ group"
            continue
        if tl in ("and", "&") and i > 0 and is_name_token(toks[i - 1]) and i < end_index:
            i -= 1
            continue
        if (
            tl == "and"
            and i > 0
            and i < end_index
            and toks[end_index].lower in res.speaker_kind
            and clean_word(toks[i - 1]) in res.speaker_kind
        ):
            # "Parents and teachers say": two groups of speakers.
            i -= 1
            continue
        if tl in res.time_heads and i < end_index and is_name_token(toks[i + 1]):
            break  # "the day Ruiz conceded": the time is when; the name is the subject
        if (
            (t.text[0].isalpha() or AGED.match(tl))
            and t.text.islower()
            and tl not in res.clause_words
            and tl not in res.skip_before
            and tl not in res.postmods
            and tl != "by"  # ("welcomed by campaigners, who said": the agent alone)
            and tl not in res.non_speakers
            and tl not in res.relatives
            and tl not in res.pronoun_genders
            and n_lower < 3
        ):
            n_lower += 1
            i -= 1
            continue
        break
    start_index = i + 1
    # Sentence-initial capitalised function words are not part of the phrase.
    while start_index <= end_index and (
        toks[start_index].lower in res.clause_words
        or toks[start_index].lower in ("in", "on", "at", "for", "after", "with", "but")
    ):
        start_index += 1
    if start_index > end_index:
        return None
    start_index = _after_zero_relative_head(res, toks, start_index, end_index)
    # A postmodifier ("officials from both countries", "people familiar with the talks"):
    # the head is the phrase before the preposition.
    preposition = clean_word(toks[start_index - 1]) if start_index >= 2 else ""
    if preposition in res.postmods or preposition == "by":
        inner = start_index - 1
        if clean_word(toks[inner - 1]) in res.negative_pronouns:
            return None  # "Nobody from the council said", "None of the officials said"
        if toks[inner - 1].lower in _POSTMODIFYING_WORDS and inner >= 2:
            inner -= 1
            # "Experts not involved in the study", "people directly involved in the talks"
            while inner >= 2 and toks[inner - 1].lower in _BEFORE_POSTMODIFYING:
                inner -= 1
        head_np = np_left(art, toks, inner - 1)
        if preposition == "by" and (head_np is None or head_np.kind != "document"):
            head_np = None  # only a document is "by" someone ("a study by the institute")
            if inner >= 2 and toks[inner - 1].lower.endswith("ed"):
                # "Officials interviewed by the Courier", "voters surveyed by the Ledger": the
                # people the participle describes speak, not its agent
                described = np_left(art, toks, inner - 2)
                if described is not None and described.kind in ("group", "epithet"):
                    return Mention(
                        described.start,
                        toks[end_index].end,
                        art.text[described.start : toks[end_index].end],
                        described.kind,
                        head=described.head,
                        roles=described.roles,
                        definite=described.definite,
                    )
        if head_np is not None and is_personal_name(art, head_np):
            # "Lena Holm of the Coastal Union", "Mr. Okafor of the Harbour Trust": the person
            # speaks; the phrase after the preposition only says where from.
            return head_np
        if head_np is not None and head_np.kind in (
            "group",
            "organization",
            "document",
            "epithet",
        ):
            pp = classify(art, toks[start_index : end_index + 1])
            if pp is None and (
                head_np.head in res.quantifier_pronouns or head_np.head in res.count_words
            ):
                return None  # ("another of a move called ...": no people counted)
            kind = head_np.kind
            if (
                kind == "organization"
                and head_np.head in res.collective_nouns
                and preposition == "of"
                and pp is not None
                and pp.kind == "group"
            ):
                kind = "group"  # ("a group of residents": the residents, unnamed)
            if (
                kind == "group"
                and head_np.head not in res.anonymous_heads
                and (
                    head_np.head in res.org_voices
                    or (
                        pp is not None
                        and pp.kind == "organization"
                        and preposition not in res.membership
                        and pp.head not in res.place_heads  # "Traders on Wall Street"
                        # ("parents at the centre", "patients at the hospital": served by
                        # it, not speaking for it)
                        and head_np.head not in res.visitor_heads
                    )
                )
            ):
                # "a spokesperson for the regulator", "researchers at Orvik Labs": the
                # institution speaks.
                kind = "organization"
            phrase = art.text[head_np.start : toks[end_index].end]
            return Mention(
                head_np.start,
                toks[end_index].end,
                phrase,
                kind,
                head=head_np.head,
                roles=head_np.roles,
                definite=head_np.definite,
            )
    return classify(art, toks[start_index : end_index + 1])


def _after_zero_relative_head(
    res: Resources, toks: list[Token], start_index: int, end_index: int
) -> int:
    """Where the speaker phrase starts when "a" or "an" opens a phrase whose head is a
    plural speaker noun: after the singular noun the article governs, which a relative clause
    without "that" follows ("a move critics called reckless", "a claim residents dispute");
    ``start_index`` itself otherwise ("a dozen critics", "a few analysts")."""
    if end_index - start_index < 2 or toks[start_index].lower not in ("a", "an"):
        return start_index
    head = clean_word(toks[end_index])
    noun = clean_word(toks[start_index + 1])
    if (
        toks[end_index].text.islower()
        and head.endswith("s")
        and res.speaker_kind.get(head[:-1]) in ("person", "title")
        and toks[start_index + 1].text.islower()
        and noun.isalpha()
        and noun not in res.speaker_kind
        and noun not in res.quantity_nouns
        and noun not in res.shares
        and noun not in res.count_words
    ):
        return start_index + 2
    return start_index


def _thing_after_preposition(
    art: Article, toks: list[Token], end_index: int, head: Mention
) -> Mention | None:
    """The organisation or document after the first preposition of a phrase about a person
    ending at ``toks[end_index]`` ("Farid Osei of the Bay Coalition": the Bay Coalition), or
    None."""
    res = art.res
    j = bisect_left(toks, head.start, key=lambda t: t.start)
    while j < end_index and clean_word(toks[j]) not in res.postmods:
        j += 1
    if j >= end_index:
        return None
    thing = np_left(art, toks[j + 1 : end_index + 1], end_index - j - 1)
    return thing if thing is not None and thing.kind in ("organization", "document") else None


def _relative_antecedent(
    art: Article, toks: list[Token], end_index: int, head: Mention | None
) -> Mention | None:
    """The person a relative "who" after ``toks[end_index]`` stands for, given the phrase
    read leftwards from there: while that phrase's head names no one ("The plan drew
    criticism from teachers, who said"; "the voice of Ana Ruiz, who warned"), the
    phrase after its first preposition (until the words after it are read alone)."""
    res = art.res
    while head is not None and head.kind == "epithet" and head.head not in res.speaker_kind:
        j = bisect_left(toks, head.start, key=lambda t: t.start)
        while j < end_index and clean_word(toks[j]) not in res.postmods and toks[j].lower != "by":
            j += 1
        if j >= end_index:
            return head
        head = np_left(art, toks[j + 1 : end_index + 1], end_index - j - 1)
    return head


#: The verbs of saying after which a bare number is a count of people ("31 said"), and the
#: prepositions of a part of a group ("two of the women", "one in four voters").
_SAYING = frozenset(("said", "say", "says", "told", "tell", "tells", "added", "agreed", "of", "in"))
#: Words before a number or quantifier that make it no subject ("in 31", "to 139", "the 40").
_NOT_BEFORE_COUNT = frozenset(("of", "to", "in", "by", "from", "than", "about", "the", "no"))


def people_by_number(art: Article, toks: list[Token], end_index: int) -> Mention | None:
    """A subject that counts people without a noun: a quantifier or number standing alone
    ("Several said", "Another said", "Of the 40 workers, 31 said"), with "of them" ("Most of
    them said"), or a poll's respondents ("those surveyed said", "Voters polled said"): an
    anonymous group; else None."""
    res = art.res
    tok = toks[end_index]
    low = tok.lower
    before = toks[end_index - 1] if end_index >= 1 else None
    if before is not None and before.lower in _NOT_BEFORE_COUNT:
        if not (low in ("them", "us", "those") and before.lower == "of" and end_index >= 2):
            return None
        # "Most of them said", "two of those": the quantifier before "of" counts them
        head = people_by_number(art, toks, end_index - 2)
        if head is None:
            return None
        return Mention(head.start, tok.end, art.text[head.start : tok.end], "group",
                       head=head.head, definite=False)  # fmt: skip
    if low in res.respondent_participles and before is not None:
        if before.lower == "those":
            start = before.start
            k = end_index - 1
            if k >= 2 and toks[k - 1].lower == "of":
                # "Thirty-one percent of those surveyed": the share of them
                part = np_left(art, toks, k - 2)
                if part is not None and part.kind == "group":
                    start = part.start
        else:
            respondents = np_left(art, toks, end_index - 1)
            if respondents is None or respondents.kind != "group":
                return None
            start = respondents.start
        return Mention(start, tok.end, art.text[start : tok.end], "group", head=low,
                       definite=False)  # fmt: skip
    number = low in res.count_words or (tok.text.isdigit() and len(tok.text) <= 3)
    if low not in res.quantifier_pronouns and not number:
        return None
    if before is not None and before.text[0].isalnum() and before.lower not in res.clause_words:
        return None
    if number:
        # a number counts people only before a verb of saying ("Of the 40 workers, 31 said";
        # not "475 pledged delegates"), and not after a name ("Ruiz, 58, said": an age) or
        # a number ("21,000")
        after = toks[end_index + 1].lower if end_index + 1 < len(toks) else ""
        if after not in _SAYING:
            return None
        if before is not None and before.text == "," and end_index >= 2:
            previous = toks[end_index - 2].text
            if previous.isdigit() and tok.text.isdigit() and len(tok.text) == 3:
                # "at least 21,000 said": one number written with a comma
                return _thousands(art, toks, end_index)
            if not (previous.isalpha() and previous.islower()):
                return None
    start = tok.start
    if before is not None and before.lower == "a" and low == "few":
        start = before.start  # "A few said"
    return Mention(start, tok.end, art.text[start : tok.end], "group", head=low,
                   definite=False)  # fmt: skip


def _thousands(art: Article, toks: list[Token], end_index: int) -> Mention | None:
    """People counted by a number written with commas ("at least 21,000 said"), unless the
    word before it makes it another number ("from 70,000 to 85,000", "a crowd of 8,000")."""
    start = end_index
    while start >= 2 and toks[start - 1].text == "," and toks[start - 2].text.isdigit():
        start -= 2
    while start >= 1 and toks[start - 1].lower in _COUNT_LEADERS:
        start -= 1
    if (
        start >= 1
        and toks[start - 1].text[0].isalnum()
        and toks[start - 1].lower not in art.res.clause_words
    ):
        return None  # ("a crowd of about 8,000", "from 70,000 to 85,000")
    first, last = toks[start], toks[end_index]
    return Mention(first.start, last.end, art.text[first.start : last.end], "group",
                   head=last.lower, definite=False)  # fmt: skip


#: Words that may open a count of people ("at least 21,000", "more than 3,000").
_COUNT_LEADERS = frozenset(("at", "least", "more", "than", "about", "nearly", "almost", "some"))


def appositive_anchor(art: Article, toks: list[Token], end_index: int) -> Mention | None:
    """The personal name before the appositive that ends at ``toks[end_index]`` ("Tomas
    Berg, 58, a retired porter"): the name the appositive describes, or None."""
    k = end_index
    while k > 0 and end_index - k < 8 and toks[k].text not in _PHRASE_BOUNDARY:
        k -= 1
    if k < 1 or k == end_index or toks[k].text != ",":
        return None
    k -= 1
    if k >= 2 and toks[k].text.isdigit() and toks[k - 1].text == ",":
        k -= 2  # an age between name and appositive
    named = np_left(art, toks, k)
    if named is None or not is_personal_name(art, named):
        return None
    first = k
    while first > 0 and toks[first - 1].start >= named.start:
        first -= 1
    while (
        first < k
        and toks[first].text.islower()
        and clean_word(toks[first]) not in (art.res.speaker_kind)
    ):
        first += 1  # ("said Tomas Berg": the verb before an inverted name is no part of it)
    return classify(art, toks[first : k + 1])


def participle_head(art: Article, toks: list[Token], end_index: int) -> Mention | None:
    """A document before a participle clause that ends at ``toks[end_index]`` ("Figures
    published on Tuesday", "Emails obtained by the Ledger"): the document, without the clause;
    else None."""
    res = art.res
    k = end_index
    while k >= 1 and end_index - k < 8:
        t = toks[k]
        if t.lower in res.document_participles:
            head = np_left(art, toks, k - 1)
            return head if head is not None and head.kind == "document" else None
        if not t.text[0].isalnum() and not title_stop(art, toks, k):
            return None
        k -= 1
    return None


def share_of_people(art: Article, toks: list[Token], end_index: int) -> Mention | None:
    """A poll share as the subject: "six in 10 say", "nearly half said", "a third",
    "two-thirds", "a majority", "42%" (an anonymous group of respondents); else None."""
    res = art.res
    low = toks[end_index].lower
    start = None
    if low in res.shares:
        start = end_index
        if end_index >= 1 and toks[end_index - 1].lower in ("a", "one", "two", "three"):
            start -= 1
    elif (
        end_index >= 2
        and toks[end_index - 1].lower == "in"
        and (low.isdigit() or low in res.count_words)
        and (toks[end_index - 2].lower.isdigit() or toks[end_index - 2].lower in res.small_numbers)
    ):
        start = end_index - 2  # "six in 10", "one in five"
    elif (
        low == "%"
        and end_index >= 1
        and toks[end_index - 1].text[0].isdigit()
        and toks[end_index - 1].end == toks[end_index].start
        # (not a figure after a preposition: "a cut to 21% from 24% announced in May")
        and not (end_index >= 2 and toks[end_index - 2].lower in _NOT_BEFORE_COUNT)
    ):
        start = end_index - 1  # "42% say", as "42 percent say"
    if start is None:
        return None
    while start >= 1 and toks[start - 1].lower in res.approximators:
        start -= 1
    if (
        start >= 2
        and toks[start - 1].lower == "than"
        and toks[start - 2].lower in ("more", "fewer", "less")
    ):
        start -= 2
    first, last = toks[start], toks[end_index]
    text = art.text[first.start : last.end]
    return Mention(first.start, last.end, text, "group", head=low, definite=False)


#: Object pronouns after "according to", read as their subject forms ("according to him");
#: "her" only where no word follows it in the phrase ("according to her plan" is a plan).
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "me": "i", "us": "we"}
#: Punctuation after which "her" is the pronoun, not a possessive ("according to her, ...").
_PRONOUN_ENDS = frozenset((",", ".", ";", ":", ")", "!", "?", "\u2014", "\u2013"))
#: Words a source after "according to" is read up to, at most.
ACCORDING_WORDS = 5


def according_source(art: Article, toks: list[Token], start_index: int) -> Mention | None:
    """The source after "according to" when :func:`np_right` finds no speaker phrase: an object
    pronoun ("according to him"), or a short noun phrase whose head the speaker lexicon does
    not know ("one global index", "early returns", "recent polling", "a congressional
    timeline"), which is the record the claim rests on: a document. None when the words after
    the cue are no noun phrase (a clause word, a determiner alone, a name or a number)."""
    res = art.res
    if start_index >= len(toks):
        return None
    tok = toks[start_index]
    pronoun = OBJECT_PRONOUNS.get(tok.lower)
    if pronoun is not None and tok.text.islower():
        nxt = toks[start_index + 1].text if start_index + 1 < len(toks) else "."
        if tok.lower != "her" or nxt in _PRONOUN_ENDS:
            return Mention(tok.start, tok.end, tok.text, "pronoun", head=pronoun)
        # ("according to her memoir": a possessive, read with the phrase below)
    title = _quoted_title(art, toks, start_index)
    if title is not None:
        # "According to “Inside the Room,” a memoir by ...": a work named by its title
        last_word = title - 1
        while last_word > start_index + 1 and not toks[last_word].text[0].isalnum():
            last_word -= 1  # ("“Inside the Room,”": the comma is the sentence's)
        first, last = toks[start_index + 1], toks[last_word]
        return Mention(first.start, last.end, art.text[first.start : last.end], "document",
                       head=last.lower)  # fmt: skip
    if _WEB_ADDRESS.fullmatch(tok.text.rstrip(".")):
        # "according to ledger-news.com": a website speaks for its owner
        end = tok.start + len(tok.text.rstrip("."))
        return Mention(tok.start, end, art.text[tok.start : end], "organization",
                       head=tok.lower.rstrip("."))  # fmt: skip
    after = toks[start_index + 1] if start_index + 1 < len(toks) else None
    if (
        tok.lower in res.quantifier_pronouns | {"others"}
        and tok.text.islower()
        and (after is None or not after.text[0].isalnum() or after.lower in res.postmods)
    ):
        # "according to some on Twitter": people unnamed
        end = start_index
        while end + 1 < len(toks) and end - start_index < 4 and toks[end + 1].text[0].isalnum():
            end += 1
        last = toks[end]
        return Mention(tok.start, last.end, art.text[tok.start : last.end], "group",
                       head=tok.lower, definite=False)  # fmt: skip
    words: list[Token] = []
    skip_to = -1
    quoted = 0
    for k, t in enumerate(toks[start_index : start_index + ACCORDING_WORDS + 12]):
        tl = t.lower
        if len(words) - quoted > ACCORDING_WORDS:
            break
        if start_index + k < skip_to:
            continue  # inside a quoted title of the phrase ("the “Care for all” document")
        if words and t.text in OPENING_MARKS:
            closing = _quoted_title(art, toks, start_index + k, lower=True)
            if closing is not None:
                words.extend(toks[start_index + k : closing + 1])
                skip_to = closing + 1
                quoted += closing - (start_index + k)  # (the title counts as one word)
                continue
        if tl in res.pronoun_genders or tl in ("they", "we", "i", "you"):
            break  # "the document he released": the relative clause after it
        if (
            words
            and tl in ("and", "or", "but")
            and start_index + k + 1 < len(toks)
            and toks[start_index + k + 1].text.islower()
        ):
            words.append(t)  # "complete but unofficial returns", "polls and interviews"
            continue
        if (
            not t.text.islower()
            or not t.text[0].isalpha()
            or tl in res.clause_words
            or tl in res.relatives
            or tl in res.noun_context
            or tl in res.postmods
            or tl in ("by", "last", "next", "how", "what", "why", "whom")
            # ("a timeline seen by ...", not "a leaked memo", "a recently published timeline")
            or (
                words
                and tl in res.document_participles
                and words[-1].lower not in res.determiners
                and not words[-1].lower.endswith("ly")
            )
            or (
                tl in res.time_words
                # (but "a recently published study": an adverb of a participle before a noun)
                and not (
                    words
                    and tl.endswith("ly")
                    and start_index + k + 1 < len(toks)
                    and toks[start_index + k + 1].lower.endswith("ed")
                    and _participle_before_noun(res, t, toks, start_index + k + 2)
                )
            )
            or (
                words
                and tl.endswith("ed")
                and not _participle_before_noun(res, words[-1], toks, start_index + k + 1)
            )
        ):
            break  # the phrase ends: "a study last year", "a document provided by ..."
        words.append(t)
    if len(words) - quoted > ACCORDING_WORDS:
        return None  # a longer run of lower-case words is no phrase this reads
    while words and (words[-1].lower in res.determiners or words[-1].lower in res.possessives):
        words.pop()
    if not words or not words[-1].text.isalpha():
        return None
    text = art.text[words[0].start : words[-1].end]
    return Mention(words[0].start, words[-1].end, text, "document", head=words[-1].lower)


#: The double quotation marks that open and close a quoted title ("“Inside the Room”"; two
#: apostrophes in archive text).
OPENING_MARKS = frozenset(("\u201c", '"', "''"))
CLOSING_MARKS = frozenset(("\u201d", '"', "''"))
#: A web address standing for its site ("ledger-news.com", "bbc.co.uk").
_WEB_ADDRESS = re.compile(
    r"[a-z0-9][\w-]*(?:\.[a-z0-9][\w-]*)*\.(?:com|org|net|gov|edu|news|co\.uk|org\.uk|fr|de|io)"
)


def _quoted_title(art: Article, toks: list[Token], i: int, lower: bool = False) -> int | None:
    """The index of the quotation mark closing a title that opens at ``toks[i]`` (a short
    quotation whose first word is capitalised in the text: "“Inside the Room”", "“Care for
    all”"; with ``lower``, any short quotation: the “fair deal” plan), or None."""
    if (
        i + 2 >= len(toks)
        or toks[i].text not in OPENING_MARKS
        or not (lower or art.text[toks[i + 1].start].isupper())
    ):
        return None
    for k in range(i + 2, min(len(toks), i + 12)):
        if toks[k].text in CLOSING_MARKS:
            return k
        if (
            toks[k].text in (".", "!", "?")
            and k + 1 < len(toks)
            and toks[k + 1].text not in CLOSING_MARKS
        ):
            return None  # a sentence ends inside: no title
    return None


def _participle_before_noun(res: Resources, before: Token, toks: list[Token], after: int) -> bool:
    """Whether a participle after ``before`` describes the noun after it ("a leaked memo", "a
    newly released survey") rather than ending the phrase ("data compiled by ...")."""
    low = before.lower
    if not (low in res.determiners or low in res.possessives or low.endswith("ly")):
        return False
    if after >= len(toks):
        return False
    noun = toks[after]
    return noun.text.isalpha() and noun.text.islower() and noun.lower not in res.postmods


def np_right(art: Article, toks: list[Token], start_index: int) -> Mention | None:
    """The noun phrase starting at ``toks[start_index]`` (after an inverted cue, or after
    "according to"), with an optional prepositional postmodifier."""
    res = art.res
    if start_index >= len(toks):
        return None
    tok = toks[start_index]
    if (
        tok.lower in res.pronoun_genders
        or tok.lower in ("they", "we")
        or tok.lower in res.writer_pronouns
    ):
        return Mention(tok.start, tok.end, tok.text, "pronoun", head=tok.lower)
    j = start_index
    n_words = 0
    last_good = -1  # index of the last token that can head a speaker phrase
    pp_at = -1
    while j < len(toks) and n_words < 12:
        t = toks[j]
        tl = clean_word(t)
        at_phrase_start = j == start_index or j == pp_at + 1
        if at_phrase_start and (tl in res.determiners or tl in res.possessives):
            j += 1
            continue
        if t.text in ("'", "\u2019") and j > start_index and toks[j - 1].end == t.start:
            pass  # a plural possessive inside the phrase: "the Independent Drivers’ Guild"
        elif (
            tl in res.determiners
            and t.text.islower()
            and not at_phrase_start
            and tl not in res.count_words
            and last_good >= 0
            and clean_word(toks[j - 1]) not in res.determiners
            and clean_word(toks[j - 1]) not in res.postmods
            and toks[j - 1].lower != "by"
        ):
            break  # a new noun phrase: "the impact study the council commissioned"
        elif is_name_token(t) and tl not in res.clause_words:
            last_good = j
        elif title_stop(art, toks, j) and j + 1 < len(toks) and is_name_token(toks[j + 1]):
            pass  # the full stop of an abbreviated title: "Dr. Hannah Ibe", "Lt. Col. Ivan Petrak"
        elif tl in ("of", "at", "for", "from", "with", "by", "familiar", "close") and (
            last_good >= 0 and pp_at < 0
        ):
            pp_at = j
        elif j == pp_at + 1 and toks[pp_at].lower in _POSTMODIFYING_WORDS and tl in ("to", "in"):
            pass  # "officials close to the talks", "staff involved in the deal"
        elif (
            (t.text[0].isalpha() or AGED.match(tl))
            and t.text.islower()
            and tl not in res.clause_words
            and tl not in res.relatives
            and tl
            not in (
                "in",
                "on",
                "to",
                "after",
                "as",
                "seen",
                "obtained",
                "published",
                "released",
                "leaked",
                "issued",
                "cited",
                "reviewed",
            )
        ):
            if (
                tl in res.speaker_kind
                or plural_in(tl, res.speaker_kind)
                or (j > start_index and f"{clean_word(toks[j - 1])} {tl}" in res.speaker_kind)
                or AGED.match(tl)
            ):
                last_good = j
            elif j == last_good + 1 and tl.endswith("ed") and pp_at < 0:
                # A participle after the head opens its postmodifier: "a document provided
                # by her lawyer", "exit polls reported by CNN".
                break
        elif t.text[0].isdigit() and j + 1 < len(toks) and toks[j + 1].text[0].isalpha():
            pass  # a number modifying what follows ("the latest 50-state poll", "2016 data")
        else:
            break
        n_words += 1
        j += 1
    if last_good < 0:
        return None
    if 0 <= pp_at < j - 2 and toks[pp_at].lower in _POSTMODIFYING_WORDS and last_good < pp_at:
        # "people familiar with the matter", "officials close to the talks": the phrase after
        # "familiar with" names what they know, whatever its head
        last_good = j - 1
    if j + 1 < len(toks) and toks[j].text == ",":
        k = j + 1
        while k < len(toks) and k - j <= 25 and toks[k].text not in _PHRASE_BOUNDARY:
            k += 1
        if is_anonymity_clause(art, toks[j + 1 : k]):
            # "said one worker at the Norrant plant, who asked not to be named"
            return anonymous_np(art, toks, start_index, j - 1)
    main_end = pp_at - 1 if 0 <= pp_at <= last_good else last_good
    main = classify(art, toks[start_index : main_end + 1])
    if main is None:
        return None
    if main.kind in ("epithet", "group"):
        # "said the institute's director, Janet Moore": the name in the appositive speaks.
        named = appositive_name(art, toks, last_good + 1)
        if named is not None:
            named.roles = (*main.roles, main.head)
            return named
    if main_end < last_good and not is_personal_name(art, main):
        pp = classify(art, toks[pp_at + 1 : last_good + 1])
        kind = main.kind
        if (
            kind == "group"
            and main.head not in res.anonymous_heads
            and (
                main.head in res.org_voices
                or (
                    pp is not None
                    and pp.kind == "organization"
                    and toks[pp_at].lower not in res.membership
                    # ("people close to the campaign" know it; they do not speak for it)
                    and toks[pp_at].lower not in _POSTMODIFYING_WORDS
                )
            )
        ):
            kind = "organization"
        end = toks[last_good].end
        return Mention(
            main.start,
            end,
            art.text[main.start : end],
            kind,
            head=main.head,
            roles=main.roles,
            definite=main.definite,
        )
    return main


def appositive_name(art: Article, toks: list[Token], comma: int) -> Mention | None:
    """The name set off by a comma at ``toks[comma]`` that closes its phrase ("..., Janet
    Moore." / "..., retired teacher Paul Greene, ..."), or None."""
    if comma >= len(toks) or toks[comma].text != ",":
        return None
    end = comma + 1
    while (
        end < len(toks)
        and end - comma <= 7
        and (toks[end].text not in _APPOSITIVE_ENDS or title_stop(art, toks, end))
    ):
        end += 1
    if end - comma > 7 or end == comma + 1:
        return None
    if end < len(toks) and toks[end].text not in (",", ".", ";", "\u201d", '"', ")", "\u2014"):
        return None
    named = classify(art, toks[comma + 1 : end])
    if named is None or not is_personal_name(art, named):
        return None
    return named


_APPOSITIVE_ENDS = (",", ".", ";", ":", "\u201d", '"', "(", ")", "\u2014", "\u2013", "?", "!")


_PHRASE_BOUNDARY = frozenset(
    (",", ";", ":", "(", ")", "\u201c", "\u201d", '"', "\u2014", "\u2013", ".", "?", "!")
)


def phrase_start(art: Article, toks: list[Token], end_index: int, reach: int = 12) -> int:
    """The index of the first token of the phrase ending at ``toks[end_index]``: after the
    nearest comma, quotation mark or other boundary (not an abbreviation's full stop, "St."),
    within ``reach`` tokens."""
    abbreviations = art.res.abbreviations
    k = end_index
    while (
        k > 0
        and end_index - k < reach
        and (
            toks[k - 1].text not in _PHRASE_BOUNDARY
            or (toks[k - 1].text == "." and k >= 2 and toks[k - 2].lower in abbreviations)
        )
    ):
        k -= 1
    return k


def _title_part(art: Article, toks: list[Token], k: int) -> bool:
    """Whether ``toks[k]`` is an abbreviated title before a name, or its full stop."""
    if title_stop(art, toks, k):
        return k + 1 < len(toks) and is_name_token(toks[k + 1])
    return k + 2 < len(toks) and title_stop(art, toks, k + 1) and is_name_token(toks[k + 2])


def object_end(art: Article, toks: list[Token], i: int, default: int) -> int:
    """End offset of a short object noun phrase ("reporters", "the Blaze", "investors")."""
    res = art.res
    if i < len(toks) and (toks[i].lower in res.determiners or toks[i].lower in res.possessives):
        i += 1
    end = default
    # An abbreviated title and its full stop are read as part of the name after them ("told
    # Mr. Bush the plan ...", "told reporters Mr. Bush was ...").
    window = [t for k, t in enumerate(toks[i : i + 9], start=i) if not _title_part(art, toks, k)]
    window = window[:5]
    for k, t in enumerate(window[:4]):
        tl = t.lower
        if (
            not t.text[0].isalnum()
            or tl in res.clause_words
            or tl in res.determiners
            or tl in res.clause_openers
            or tl in ("that", "on", "in", "at", "after", "before", "during", "by", "to", "not")
            # "told the court his client had been misled": a possessive after the object
            # opens the reported clause's subject
            or (k and tl in res.possessives)
        ):
            break
        if k == 0 and tl == "of":
            # "told of hearing gunfire", "warned of the risks": no addressee; what follows
            # the preposition is what was said
            end = t.end
            break
        # "told investors prices would rise": a word before an auxiliary is the reported
        # clause's subject once the object has a word; so is the first word before an
        # auxiliary that is no pronoun ("Experts warn the virus could mutate").
        if k + 1 < len(window) and (
            window[k + 1].lower in res.clause_openers
            if k
            else window[k + 1].lower in res.auxiliaries
        ):
            break
        end = t.end
    return end
