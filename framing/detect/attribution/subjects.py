"""Who an attribution's subject is: the speaker mention before a cue, after an inverted cue
("..., said X"), after "according to" or a passive's "by", set off by an appositive, or
inherited from the clause before ("... and added", "..., saying").

:func:`find_subject` is called by :func:`framing.detect.attribution.cues.cue_attribution`;
:func:`clause_subject` and :func:`skip_parenthesis` also by the speaker labels
(:mod:`framing.detect.attribution.labels`).
"""

from __future__ import annotations

import bisect
import re

from framing.detect.attribution.article import Article, Candidate, Cue
from framing.detect.attribution.entities import Mention
from framing.detect.attribution.kinds import (
    anonymous_np,
    classify,
    is_anonymity_clause,
    is_personal_name,
)
from framing.detect.attribution.phrases import (
    OBJECT_PRONOUNS,
    according_source,
    appositive_name,
    np_left,
    np_right,
    participle_head,
    phrase_start,
    skip_before_cue,
)
from framing.detect.attribution.resources import Resources
from framing.detect.attribution.words import (
    clean_word,
    is_name_token,
    is_pronoun,
    plural_in,
    title_stop,
)
from framing.text import Token

#: Quotation marks that close a quotation, dashes, and marks that open one.
CLOSING_QUOTES = ("\u201d", '"', "\u2019", "'")
DASHES = ("\u2014", "\u2015", "\u2013", "-", "--")
OPENING_QUOTES = ("\u201c", '"', "\u2018", "'")
_CUE_WORD: dict[tuple[int, str], bool] = {}


def quoted_person(art: Article, toks: list[Token], as_index: int) -> Mention | None:
    """The person "quoted X as saying" relays: X, the object of the quoting verb before "as"."""
    for k in range(as_index - 1, max(-1, as_index - 13), -1):
        if toks[k].lower.startswith("quot"):
            obj = toks[k + 1]
            subject_form = _SUBJECT_FORMS.get(obj.lower)
            if subject_form is not None:  # "quoted him": the person "he" refers to
                return Mention(obj.start, obj.end, obj.text, "pronoun", head=subject_form)
            return np_right(art, toks, k + 1)
    return None


_SUBJECT_FORMS = {"him": "he", "her": "she", "them": "they"}


#: A pronoun written with "are" or "am" ("they're", "I'm"): before a past participle, a passive.
_PASSIVE_CONTRACTIONS = ("'re", "\u2019re", "'m", "\u2019m")


def find_subject(art: Article, cue: Cue, found: list[Candidate]) -> tuple[Mention, bool] | None:
    """The speaker mention of a cue and whether it follows the cue (inverted: "..., said X";
    "according to X"; a passive's "by X"), or None when the cue has no source."""
    res = art.res
    toks, starts, first, last, sent = cue.toks, cue.starts, cue.first, cue.last, cue.sentence
    mention: Mention | None = None
    inverted = False
    if cue.according:
        mention = np_right(art, toks, last + 1) or according_source(art, toks, last + 1)
        if mention is None:
            return None
    else:
        j = first - 1
        skipped: list[str] = []
        j = skip_before_cue(art, toks, j, skipped)
        while (
            j >= 3
            and toks[j].lower in res.time_heads
            and toks[j - 1].lower in ("the", "this", "that")
            and toks[j - 2].lower in ("at", "in", "on", "during", "over", "for")
        ):
            # A time adverbial between subject and cue: "X at the time said", "X has in the
            # past described", "X earlier in the day touted".
            j = skip_before_cue(art, toks, j - 3, skipped)
        if j >= 1 and toks[j].text == "." and toks[j - 1].lower in ("jr", "sr"):
            j -= 1  # the full stop of a name's suffix: "Joseph R. Biden Jr. said"
        j = skip_parenthesis(toks, j)
        if (
            j >= 2
            and toks[j].text == ","
            and toks[j - 1].text == ")"
            and not toks[first].lower.endswith("ing")  # (", claiming": set off, as before)
        ):
            # "Sen. Jack Reed (D-R.I.), said": the comma closes the name's parenthesis
            k = skip_parenthesis(toks, j - 1)
            if k != j - 1 and k >= 0 and is_name_token(toks[k]):
                j = k
        participle = toks[first].lower.endswith("ing")
        if not participle and (
            (skipped and not res.passive.isdisjoint(skipped))
            or (j >= 0 and toks[j].lower.endswith(_PASSIVE_CONTRACTIONS))
        ):
            # Passive, a form of "be" before the participle whatever adverbs stand between
            # ("were repeatedly told", "they're told"): "X was slammed by Y" -> speaker Y;
            # no agent -> not an attribution.
            if last + 1 < len(toks) and toks[last + 1].lower == "by":
                mention = np_right(art, toks, last + 2)
                if mention is None:
                    return None
            else:
                return None
        elif j >= 0 and toks[j].text in (",", "\u2014", "\u2013"):
            if (
                participle
                and toks[j].text == ","
                and not (j >= 1 and toks[j - 1].text in CLOSING_QUOTES)
            ):
                # "Christie, the governor, repeated the charge, calling him ...": the
                # participle belongs to the main clause, whose subject opens the sentence.
                mention = (
                    inherit_subject(art, found, sent)
                    or clause_subject(art, toks, j, restart=True)
                    or appositive_subject(art, toks, j)
                )
            else:
                mention = appositive_subject(art, toks, j)
            if mention is None:
                if j >= 1 and toks[j - 1].text in CLOSING_QUOTES and participle:
                    # 'X attacked Y, saying, “A,” adding, “B.”'
                    mention = subject_after_quotation(art, toks, j, found, sent)
                elif participle:
                    # "X lashed out at Y, claiming ...": the subject of the main clause.
                    mention = inherit_subject(art, found, sent) or clause_subject(art, toks, j)
                elif (
                    last + 1 < len(toks)
                    and toks[last + 1].lower == "by"
                    and toks[first].lower.endswith("ed")
                ):
                    # "The plan, first reported by the Times, would ...": a passive
                    # participle set off after its noun; the agent after "by" speaks.
                    mention = np_right(art, toks, last + 2)
                elif cue.lemma in res.object_cues and toks[first].text[:1].isupper():
                    # "Orbix Unveils Phone, Touts Breakthrough" (a headline): a verb of praise
                    # or blame takes its target after it, not its speaker; the subject is the
                    # clause's, as for a second verb
                    mention = clause_subject(art, toks, j, restart=True)
                    if mention is not None and mention.kind == "name":
                        mention = _headline_subject(art, mention, sent[1])
                else:
                    mention, inverted = np_right(art, toks, last + 1), True
        elif j >= 0 and toks[j].text in CLOSING_QUOTES:
            if participle:
                # '..., saying, “A,” adding “B.”', 'X hailed it as “a triumph,” telling ...'
                mention = subject_after_quotation(art, toks, j, found, sent)
            else:
                mention = _quoted_appositive_subject(art, toks, j)
                if mention is None:
                    mention, inverted = np_right(art, toks, last + 1), True
        elif j >= 0 and participle and not skipped and toks[j].lower == "as":
            # "State radio quoted him as saying ...": the person quoted speaks.
            mention = quoted_person(art, toks, j)
        elif j >= 0 and toks[j].lower in res.coordinators:
            # "... but said", "... and added": a second verb of the same subject.
            # A past form is a verb; "and report", "and states" may be nouns, so only a past
            # form looks past a comma for the subject ("The judge paused, and then said").
            mention = inherit_subject(art, found, sent) or clause_subject(
                art, toks, j, restart=_past_form(res, toks[first].lower)
            )
        elif j >= 0 and participle and not skipped:
            # "left Maravec fuming", "spent two years insisting": a complement, not a report;
            # but "with one senior figure mocking ...": the noun phrase after "with" speaks,
            # and "issued a statement saying ...": the statement's author.
            mention = clause_subject(art, toks, j) if toks[j].lower in res.skip_before else None
            if mention is None and j >= 1 and toks[j].lower in _GERUND_PREPOSITIONS:
                if (
                    found
                    and found[-1].sentence == sent
                    and found[-1].cue_end >= (toks[j].start - _SAME_ACT_CHARS)
                ):
                    # "The party responded by saying ...", "He explained the headline by
                    # saying ...": one act, the cue before it, which reports what was said
                    return None
                # "Ruiz caused a stir by saying that ...", "..., after saying he would
                # ...": the speech act of the main clause's subject
                mention = inherit_subject(art, found, sent) or clause_subject(art, toks, j)
            if mention is None:
                mention = with_subject(art, toks, j) or document_author(
                    art, toks, starts, j, found, sent
                )
        elif j >= 0:
            mention = participle_head(art, toks, j)
            authored = None  # (the author is the subject of the clause before: kept whole)
            if mention is None and participle:
                mention = authored = document_author(art, toks, starts, j, found, sent)
            if mention is None:
                mention = np_left(art, toks, j)
            if mention is not None and mention is not authored:
                mention = _after_earlier_cue(art, cue, mention, j, found)
            if mention is not None and mention.kind != "pronoun":
                mention = relative_clause_head(art, toks, starts, mention) or mention
            elif mention is None and toks[j].lower in OBJECT_PRONOUNS:
                # "Groups that have endorsed him say ...": a relative clause ending in an
                # object pronoun; its head speaks.
                pronoun = Mention(toks[j].start, toks[j].end, toks[j].text, "pronoun")
                mention = relative_clause_head(art, toks, starts, pronoun)
        if (
            mention is None
            and j < 0
            and not participle
            and (
                cue.lemma not in _ASKED_OPENERS
                or (last + 1 < len(toks) and toks[last + 1].lower == "by")
            )
        ):
            # (a participle opening its sentence is an adjective: "Fuming residents said";
            # "Asked about ..., Ruiz said": a passive participle, its asker unnamed unless
            # "by" names them)
            mention, inverted = np_right(art, toks, last + 1), True
    if mention is None or (
        mention.kind == "pronoun" and mention.head == "you" and not _past_speech_of(art, cue)
    ):
        # ("What do you call ...", "more than you can say": "you" is anyone; "Q: You said
        # yesterday ...", "Many of you have noted ...": a past act of the one addressed)
        return None
    return mention, inverted


#: Modal verbs: before a cue they make "you" anyone ("you could say", "you should have said").
_MODALS = frozenset(("can", "could", "would", "should", "might", "may", "must", "will", "shall"))


def _past_speech_of(art: Article, cue: Cue) -> bool:
    """Whether the cue is a past form with no modal before it ("You said", "you have
    noted"), so that its "you" is a person addressed who spoke, not anyone."""
    before = [t.lower for t in cue.toks[max(0, cue.first - 3) : cue.first]]
    return _past_form(art.res, cue.toks[cue.first].lower) and not _MODALS.intersection(before)


def _past_form(res: Resources, word: str) -> bool:
    """Whether a cue's first word is a past form ("said", "noted"), a verb for certain."""
    return word.endswith("ed") or word in res.irregular_past


#: Prepositions before a participle whose subject is the main clause's ("by saying", "after
#: saying", "while insisting", "upon announcing"), not a noun's ("calls saying").
_GERUND_PREPOSITIONS = frozenset(("by", "after", "before", "while", "upon", "when", "in"))
#: Characters between a cue and "by saying" within which the two are one act.
_SAME_ACT_CHARS = 40


#: Characters below a headline read for its subject's name written again (bounded: a text of
#: many such lines is read once per line, not to its end each time).
_BELOW_HEADLINE = 5_000


def _headline_subject(art: Article, mention: Mention, sentence_end: int) -> Mention:
    """The name opening a headline in title case, without the words of its verb and object
    that the run of capitals took in ("Orbix Unveils Foldable Phone" -> "Orbix", "Ruiz Quits"
    -> "Ruiz"): the longest run of its first words that names a person of the article or is
    written again below the headline; the mention itself when none is."""
    words = mention.text.split()
    for n in range(len(words) - 1, 0, -1):
        name = " ".join(words[:n])
        if (
            art.entities.person_by_token(words[n - 1], mention.start) is not None
            or art.text.find(name, sentence_end, sentence_end + _BELOW_HEADLINE) >= 0
        ):
            end = mention.start + len(name)
            return Mention(mention.start, end, name, "name", head=words[n - 1].lower())
    return mention


def _after_earlier_cue(
    art: Article, cue: Cue, mention: Mention, j: int, found: list[Candidate]
) -> Mention:
    """The subject ending at ``cue.toks[j]`` with the words up to an earlier cue of its
    sentence left out: "Ruiz said Okafor told him ..." and "A memo suggests aides warned ..."
    report what Okafor and the aides said, not what "Ruiz said Okafor" or the memo said (the
    words before a subject may take in a verb as a modifier, or a postmodifier's head)."""
    if not found:
        return mention
    earlier = found[-1]
    if earlier.sentence != cue.sentence or not (
        mention.start < earlier.cue_end <= cue.toks[j].start
    ):
        return mention
    first = bisect.bisect_left(cue.starts, earlier.cue_end)
    # the mention's own words when it spans the earlier cue ('“...,” said Harvey, who
    # acknowledged ...'), else the words the scan read up to the subject's end
    last = bisect.bisect_left(cue.starts, mention.end) - 1 if mention.end > earlier.cue_end else j
    return (classify(art, cue.toks[first : last + 1]) if first <= last else None) or mention


#: Cues that, opening a sentence with no subject, are passive participles ("Asked about the
#: strike, ...", "Told of the ruling, ..."), never a speaker named after them.
_ASKED_OPENERS = frozenset(("ask", "ask about", "tell"))


def subject_after_quotation(
    art: Article, toks: list[Token], j: int, found: list[Candidate], sent
) -> Mention | None:
    """The speaker of a participle right after a closing quotation (``toks[j]`` the mark or
    the comma after it): the subject of the cue before it in the sentence, else of the main
    clause ('X called it “a sham,” warning residents ...'); the words after a participle are
    its object, never an inverted speaker. None in a sentence that opens with the quotation,
    where the participle describes the speaker named after it ('“...,” fuming shop worker
    Dana Kell told ...') and reports nothing."""
    return inherit_subject(art, found, sent) or (
        None if toks[0].text in OPENING_QUOTES else clause_subject(art, toks, j)
    )


def document_author(
    art: Article, toks: list[Token], starts: list[int], j: int, found: list[Candidate], sent
) -> Mention | None:
    """The author of the document a participle describes ("The council issued a statement
    on Monday saying ...": the council): an indefinite document noun ending at ``toks[j]``, the
    object of the verb before it, whose subject is the clause's. None when the noun phrase is
    no such document, or the verb's subject is not found."""
    res = art.res
    if res.speaker_kind.get(clean_word(toks[j])) != "document":
        return None
    document = np_left(art, toks, j)
    if document is None or document.kind != "document" or document.definite:
        return None
    i = bisect.bisect_left(starts, document.start)
    k = i - 1
    particle = ""
    if k >= 1 and toks[k].lower in ("out", "up"):
        particle = " " + toks[k].lower  # "put out a statement", "drew up a memo"
        k -= 1
    # the verb whose object the document is: one of issuing ("issued", "sent out"), not of
    # reference ("cited polling data showing ...", "called a report ...")
    if k < 0 or not toks[k].text.islower() or toks[k].lower + particle not in res.issuing_forms:
        return None
    return inherit_subject(art, found, sent) or clause_subject(art, toks, k)


def _second_with_clause(toks: list[Token], i: int) -> bool:
    """Whether ``toks[i]`` is an "and" joining a second absolute clause to one "with" opened
    ("with supporters touting new jobs and opponents warning ..."): a "with" and a word in
    -ing after it, a few words before."""
    if toks[i].lower != "and":
        return False
    for k in range(i - 1, max(-1, i - 16), -1):
        if toks[k].lower == "with":
            return any(t.lower.endswith("ing") for t in toks[k + 2 : i])
        if toks[k].text in (".", ";", ":"):
            return False
    return False


def with_subject(art: Article, toks: list[Token], j: int) -> Mention | None:
    """The noun phrase ending at ``toks[j]`` when "with" opens it, the subject of an absolute
    participle clause ("..., with one senior figure mocking Rosen as ..."); else None."""
    if j >= 1 and toks[j - 1].lower == "with" and toks[j].lower in art.res.quantifier_pronouns:
        # "Fans took sides, with many accusing ...": some of the people the clause is about
        # (its subject when that is a group or an organisation), else the quantifier itself
        group = clause_subject(art, toks, j - 1)
        if group is not None and group.kind in ("group", "organization"):
            return group
        t = toks[j]
        return Mention(t.start, t.end, art.text[t.start : t.end], "group", head=t.lower)
    mention = np_left(art, toks, j)
    if mention is not None and mention.kind in ("group", "organization", "name", "epithet"):
        k = j
        while k > 0 and toks[k].start > mention.start:
            k -= 1
        opens = k >= 1 and (toks[k - 1].lower == "with" or _second_with_clause(toks, k - 1))
        return mention if opens else None
    # an unnamed person described by words the vocabulary lacks ("with one senior party
    # figure mocking"): a determiner or number after "with", then up to four lower-case words
    k = j
    while (
        k > 0
        and j - k < 5
        and toks[k].text.isalpha()
        and toks[k].text.islower()
        and toks[k].lower != "with"
    ):
        k -= 1
    if k < j and toks[k].lower == "with" and k + 1 < j:
        first = clean_word(toks[k + 1])
        if first in art.res.determiners or first in art.res.count_words:
            return anonymous_np(art, toks, k + 1, j)
    return None


def relative_clause_head(
    art: Article, toks: list[Token], starts: list[int], mention: Mention
) -> Mention | None:
    """The noun a relative clause modifies when ``mention`` ends that clause ("Residents
    who live near the plant say": the residents speak, not the plant); else None."""
    res = art.res
    first = bisect.bisect_left(starts, mention.start)
    k = first - 1
    for _ in range(10):
        if k < 1:
            return None
        t = toks[k]
        low = t.lower
        if low in ("who", "whose") or (
            low == "that" and clean_word(toks[k - 1]) in res.speaker_kind
        ):
            if k == first - 1:
                return None  # "the man who Lee said ...": the mention is the clause's subject
            head = np_left(art, toks, k - 1) if toks[k - 1].text[0].isalnum() else None
            if head is None and toks[k - 1].lower == "those":
                # "Those who have fought the plan say ...": the people the clause describes
                t = toks[k - 1]
                text = art.text[t.start : t.end]
                return Mention(t.start, t.end, text, "group", head="those", definite=False)
            return head if head is not None and head.kind != "pronoun" else None
        if not t.text[0].isalnum() or low in res.clause_words:
            return None
        k -= 1
    return None


#: Longest quoted fragment closing an appositive before a cue ('X, a self-described
#: “abolitionist,” told ...'), in tokens between the marks.
_APPOSITIVE_FRAGMENT = 5


def _quoted_appositive_subject(art: Article, toks, close: int) -> Mention | None:
    """The subject before an appositive that ends in a short quoted fragment with the comma
    inside the closing mark ('Brianna Oduya, a self-described “abolitionist,” told ...'), which
    otherwise reads as a quotation closed before an inverted cue; None when the quotation
    before the cue is no such fragment (a quotation opening its sentence or clause, a longer
    one)."""
    if close < 2 or toks[close - 1].text != ",":
        return None
    opening = close - 2
    while opening >= 0 and toks[opening].text not in OPENING_QUOTES:
        if close - opening > _APPOSITIVE_FRAGMENT + 1:
            return None
        opening -= 1
    if opening < 2 or not toks[opening - 1].text[:1].isalpha():
        return None  # (after a comma, a colon or the sentence's start: a quotation of speech)
    comma = opening - 1
    while comma >= 0 and toks[comma].text != ",":
        comma -= 1
    if comma < 1 or comma + 1 >= opening or toks[comma + 1].text[:1].isupper():
        # (an appositive or relative clause opens in small letters: ", a self-described",
        # ", host of", ", who calls"; not "Behind the scenes, Mr. Vander Plaats is “...,”")
        return None
    # read as if the comma stood after the closing mark, as in 'X, a self-described
    # “proud socialist”, said'
    moved = [*toks[: close - 1], toks[close], toks[close - 1], *toks[close + 1 :]]
    return appositive_subject(art, moved, close)


def appositive_subject(art: Article, toks, sep_index) -> Mention | None:
    """``X, the minister, said`` / ``X — which paid bonuses — said``: the subject before an
    appositive or relative clause closed at ``sep_index``. When the subject is a role or a
    description ("Its director, Aino Paasi, said"; "Kessland's MP, Oskar Brandt, said"; "One
    of them, Dr. Ivo Garr, said"; "The players' union, the Halvig Guild, said"), the name in
    the appositive is the speaker. The appositive may hold a quoted fragment ("X, a
    self-described “proud socialist”, said")."""
    res = art.res
    sep = toks[sep_index].text
    seps = ("\u2014", "\u2013") if sep in ("\u2014", "\u2013") else (",",)
    k = sep_index - 1
    # words of the appositives read so far that say a person is meant: an age ("X, 52,
    # said"), a relative "who" ("X, who chairs the committee, said")
    person_marks: tuple[str, ...] = ()
    for _ in range(2):  # up to two appositive segments ("X, 66, whose husband ..., said")
        while k >= 0 and toks[k].text not in seps and sep_index - k <= 30:
            if toks[k].text in (";", ":", "(", ")"):
                return None
            k -= 1
        if k < 1 or toks[k].text not in seps:
            return None
        segment = toks[k + 1 : sep_index]
        if not segment or not balanced_quotes(segment):
            return None
        if clean_word(segment[0]) == "and" and len(segment) > 1:
            segment = segment[1:]  # "X who crossed the line, and who asked not to be named,"
        lead = clean_word(segment[0])
        descriptive = (
            lead in res.relatives
            or lead in ("whose", "speaking", "citing", "according")
            or lead in res.determiners
            or lead in res.possessives
            or is_name_token(segment[0])
            or lead.isdigit()
            or lead.endswith("ing")
            or lead in ("former", "herself", "himself", "itself")
        )
        if not descriptive and any(is_cue_word(res, t.text) for t in segment):
            return None
        relative = lead in res.relatives or lead == "whose"
        mention = np_left(art, toks, skip_parenthesis(toks, k - 1))
        if is_anonymity_clause(art, segment) and (mention is not None or relative):
            # "One pharmacist in Ressel, who asked not to be named, said": the clause
            # withholds the name, whatever names the phrase holds.
            first = phrase_start(art, toks, k - 1)
            last = k - 1
            for m in range(first + 1, k):
                if toks[m].lower in ("who", "that") and m > first:
                    last = m - 1  # "A porter who crossed the line, and who asked ...,"
                    break
            return anonymous_np(art, toks, first, last)
        quoted = any(t.text in QUOTE_MARKS for t in segment)
        if (
            not relative
            and len(segment) <= 9
            and not quoted
            and lead not in res.postmods
            and not lead.isdigit()
        ):
            described = (
                mention is None
                or mention.kind in ("epithet", "group", "organization")
                or (mention.kind == "name" and not is_personal_name(art, mention))
            )
            if described and not any(clean_word(t) in res.naming_words for t in segment):
                named = classify(art, name_part(art, segment))
                if named is not None and is_personal_name(art, named):
                    if mention is not None:
                        named.roles = (*mention.roles, mention.head)
                        named.phrase_start = mention.start
                    return named
                if (
                    named is not None
                    and mention is not None
                    and named.kind == "organization"
                    and is_name_token(segment[-1])
                    and not is_name_token(toks[k - 1])
                ):
                    # "The players' union, the Halvig Footballers' Guild, said": the
                    # organisation's name, after a description of it.
                    return named
        words = [clean_word(t) for t in segment]
        if not relative:
            person_marks += tuple(w for w in words if w.isdigit())
        elif lead in ("who", "whom"):
            person_marks += (lead,)  # "Jones, who chairs the committee, said": a person is meant
        if mention is not None:
            if not relative:
                # an appositive describes the speaker ("X, the harbour master, said"); a
                # relative clause ("X, whose directors include ..., said") does not
                mention.roles = tuple(mention.roles) + tuple(w for w in words if w.isalpha())
            mention.roles = tuple(mention.roles) + person_marks
            return mention
        if sep != ",":
            return None
        sep_index, k = k, k - 1
    return None


QUOTE_MARKS = frozenset(("\u201c", "\u201d", '"'))


def balanced_quotes(segment: list[Token]) -> bool:
    """Whether every quotation mark opened in ``segment`` closes in it (a quoted fragment
    inside an appositive, not the end of a quotation before it)."""
    opening = sum(t.text == "\u201c" for t in segment)
    closing = sum(t.text == "\u201d" for t in segment)
    straight = sum(t.text == '"' for t in segment)
    return opening == closing and straight % 2 == 0


def name_part(art: Article, segment: list[Token]) -> list[Token]:
    """The segment up to a postmodifier after a name ("Lars Eklund of the Civic Alliance" ->
    "Lars Eklund")."""
    for m in range(1, len(segment) - 1):
        if segment[m].lower in ("of", "at", "from", "for") and is_name_token(segment[m - 1]):
            return segment[:m]
    return segment


def inherit_subject(art: Article, found: list[Candidate], sent) -> Mention | None:
    """The speaker of the sentence's last cue before, for a second verb or a participle of
    the same subject; not the speaker of a cue in a relative clause ("blocked the removal of
    migrants who say ..., ruling that ...": the judge rules, not the migrants)."""
    for att in reversed(found):
        if att.sentence != sent:
            break
        m = att.speaker_mention
        if m is not None and not (
            m.end <= att.cue_start and _RELATIVE_GAP.fullmatch(art.text, m.end, att.cue_start)
        ):
            return m
    return None


#: The words between a relative clause's head and its cue ("migrants who say", "groups that
#: have long argued").
_RELATIVE_GAP = re.compile(r"\s*(?:who|which|that)\s+(?:[a-z]+\s+){0,3}")


def clause_subject(
    art: Article, toks: list[Token], before: int, restart: bool = False
) -> Mention | None:
    """The subject of the sentence's main clause: the first pronoun or name, after any
    introductory phrase ("On Monday he doubled down, insisting ...")."""
    res = art.res
    # A dateline is not the subject ("WASHINGTON, Dec. 8 (UPI) \u2014 Sen. Ada Voss said
    # ..."): the clause starts after it.
    i = head = after_dateline(toks, 0, before) if toks else 0
    # An introductory phrase is short, unless it opens with a participle or a preposition
    # ("Speaking at a rally in Dover on Tuesday, Okafor went after Ruiz, calling him ...").
    opener = toks[head].lower if head < len(toks) else ""
    participle_opening = len(opener) > 4 and (
        opener.endswith("ing")
        # "Asked about the strike at the port, the minister ...": a passive participle
        or (opener.endswith("ed") and head + 1 < len(toks) and toks[head + 1].text.islower())
    )
    reach = 20 if participle_opening or opener in res.opening_prepositions else 8
    for k in range(head, min(before, head + reach)):
        if toks[k].text == ",":
            i = k + 1
            break
    if i > head and (reach == 20 or not any(is_name_token(t) for t in toks[head + 1 : i - 1])):
        # an introductory phrase, not a subject and its appositive ("Mr. Trump, in an
        # interview on Friday, ...")
        i = _past_introduction(art, toks, i, before)
    if (
        i >= head + 2
        and toks[i - 1].text == ","
        and i < before
        and toks[i].lower in ("who", "whose")
    ):
        # "Opposition leader Tomas Ardent, whose party ..., rushed to ..., claiming": the
        # phrase before the relative clause is the subject.
        found = np_left(art, toks, i - 2)
        if found is not None and toks[head].lower not in res.opening_prepositions:
            return found
    if i >= head + 2 and toks[i - 1].text == ",":
        # "Brandt, the harbour master, repeated ...": a name before the first comma is the
        # subject with an appositive, not an introductory phrase ("On Monday, ...").
        lead = toks[head]
        if lead.lower in res.determiners or lead.lower in res.possessives:
            # "The port authority, run by cronies, dismissed ...": a noun phrase of a
            # speaker noun before the first comma is the subject ("The next day," is not).
            opening = np_left(art, toks, i - 2)
            if (
                opening is not None
                and opening.start == lead.start
                and opening.kind in ("organization", "group", "document", "epithet")
                and opening.head in res.speaker_kind
            ):
                # ("Her deputy, Ola Vestby, went further, telling ...": the name speaks)
                named = appositive_name(art, toks, i - 1)
                return named if named is not None else opening
        if (
            is_name_token(lead)
            and lead.lower not in res.name_openers
            and lead.lower not in res.time_words
            and all(
                is_name_token(t) or title_stop(art, toks, k)
                for k, t in enumerate(toks[: i - 1])
                if k >= head
            )
        ):
            return np_left(art, toks, i - 2)
    found = subject_from(art, toks, i, before)
    if found is None and i > head and restart:
        # "The judge paused, and then said ...": the comma closed the first clause, not an
        # introductory phrase; the subject opens the sentence.
        found = subject_from(art, toks, head, min(before, i))
    return found


def _past_introduction(art: Article, toks: list[Token], i: int, before: int) -> int:
    """Where the main clause starts when an introductory phrase of place or time goes on past
    its first comma: the state or country after a town ("Speaking in Harwick, New Calder,
    Halvorsen ..."), a time ("..., on Sunday, Ms. Okafor ..."), another prepositional phrase
    ("The week before, at a rally in Dunmore, Tex., Mr. Halvorsen ..."). ``toks[i]`` follows the
    first comma."""
    res = art.res
    while i < before:
        comma = next((k for k in range(i, min(before, i + 10)) if toks[k].text == ","), None)
        if comma is None or comma == i or comma + 1 >= before:
            return i
        part = toks[i:comma]
        place = is_name_token(toks[i - 2]) and all(
            is_name_token(t) or (n and t.text == ".")  # "Tex.", "Calif."
            for n, t in enumerate(part)
        )
        time = all(
            t.lower in res.time_words or t.lower in res.opening_prepositions or t.lower == "last"
            for t in part
        ) and any(t.lower in res.time_words for t in part)
        phrase = part[0].lower in res.opening_prepositions and len(part) <= 8
        if place and (len(part) > 3 or _appositive_after(toks, comma + 1, before)):
            # "In London, Owen Jones, a columnist, ...": a name and its appositive
            return i
        if not place and not time and not phrase:
            return i
        i = comma + 1
    return i


def _appositive_after(toks: list[Token], i: int, before: int) -> bool:
    """Whether ``toks[i]`` opens an indefinite noun phrase set off by commas ("a firm founded
    in 2014, ..."): an appositive to the name before it."""
    return (
        i < before
        and toks[i].lower in ("a", "an")
        and any(t.text == "," for t in toks[i + 1 : min(before, i + 12)])
    )


def after_dateline(toks: list[Token], i: int, before: int) -> int:
    """The index after a dateline that opens the clause at ``toks[i]`` (a place in capitals,
    then at most a date and an agency, then a dash: "WASHINGTON, Dec. 8 (UPI) \u2014"), else
    ``i``. A dateline says where the story was filed; it is never a speaker."""
    first = toks[i].text if i < before else ""
    if len(first) < 2 or not first.isupper() or not first.isalpha():
        return _after_agency_dateline(toks, i, before)
    for k in range(i + 1, min(before, i + 12)):
        if toks[k].text in DASHES:
            return k + 1
    return i


def _after_agency_dateline(toks: list[Token], i: int, before: int) -> int:
    """The index after a dateline of a place written in small letters and an agency in
    parentheses, then a dash ("New York (AFP) \u2013"), else ``i``."""
    k = i
    while k < before and k < i + 3 and is_name_token(toks[k]):
        k += 1
    if k == i or k >= before or toks[k].text != "(":
        return i
    close = next((m for m in range(k + 1, min(before, k + 6)) if toks[m].text == ")"), None)
    if close is None or close + 1 >= before or toks[close + 1].text not in DASHES:
        return i
    return close + 2


def possessed_noun(art: Article, toks: list[Token], end: int, before: int) -> int:
    """The index of the speaker noun a possessive name at ``toks[end]`` owns ("Okafor's
    deputy", "Clinton's campaign manager"), among the next three lower-case words; else
    ``end``."""
    kinds = art.res.speaker_kind
    for k in range(end + 1, min(before, end + 4)):
        word = toks[k].text
        if not (word.isalpha() and word.islower()):
            break
        if word in kinds or plural_in(word, kinds):
            while k + 1 < before and toks[k + 1].text.islower() and toks[k + 1].text in kinds:
                k += 1
            return k
    return end


def subject_from(art: Article, toks: list[Token], i: int, before: int) -> Mention | None:
    """The first pronoun, name or described speaker ("the judge") among the six tokens
    from ``toks[i]`` (and before ``toks[before]``)."""
    res = art.res
    if i < before and toks[i].lower in res.opening_prepositions:
        # "By Friday she had backpedalled, telling ...": the phrase is no subject.
        i += 1
        while i < before and (
            toks[i].lower in res.determiners
            or toks[i].lower in res.time_words
            or toks[i].text[0].isdigit()
            or (is_name_token(toks[i]) and toks[i].lower not in res.pronoun_genders)
        ):
            i += 1

    def speaker_noun(w: str) -> bool:
        return res.speaker_kind.get(w) in ("organization", "person") or (
            w.endswith("s")
            and res.speaker_kind.get(w[:-1]) in ("person", "title")
            and w not in res.abbreviations  # "Mrs. Okafor" is no plural of "Mr"
        )

    for m in range(i, min(before, i + 3)):
        # "Police declined to comment but said ...", "Prison officials ...": a bare plural or
        # institution noun opening the clause
        w = clean_word(toks[m])
        if (
            not toks[m].text[:1].isalpha()
            or w in res.determiners
            or w in res.possessives
            or is_pronoun(res, w)  # "She thanked volunteers and said": "She" is the subject
        ):
            break
        if speaker_noun(w):
            if m + 1 < before and is_name_token(toks[m + 1]):
                break  # "Comedian Sarah Silverman was booed ..., telling": a role, then the name
            nxt = clean_word(toks[m + 1]) if m + 1 < before else ""
            if nxt not in res.speaker_kind:
                found = classify(art, toks[i : m + 1])
                if found is not None:
                    return found
            continue
        if (toks[m].is_cap or toks[m].text != toks[m].text.lower()) and not (
            # "Environmental groups welcomed ... but said": the capital opens the clause
            m == i
            and m + 1 < before
            and toks[m + 1].text.islower()
            and speaker_noun(clean_word(toks[m + 1]))
            and not (m + 2 < before and is_name_token(toks[m + 2]))  # "Band member Flea"
        ):
            break
    for k in range(i, min(before, i + 6)):
        t = toks[k]
        if (
            t.lower in res.pronoun_genders
            or t.lower in ("they", "you")
            or t.lower in res.writer_pronouns
        ):
            return Mention(t.start, t.end, t.text, "pronoun", head=t.lower)
        if is_name_token(t) and t.lower not in res.time_words and t.lower not in res.determiners:
            end = k
            while end + 1 < before and (
                is_name_token(toks[end + 1])
                or (  # "Mr. Trump", "Sen. Ada Voss"
                    end + 2 < before
                    and title_stop(art, toks, end + 1)
                    and is_name_token(toks[end + 2])
                )
            ):
                end += 1
            if (
                end + 2 < before
                and res.speaker_kind.get(toks[end + 1].lower) in ("title", "person")
                and toks[end + 1].text.islower()
                and is_name_token(toks[end + 2])
            ):
                # "Port director Lena Holm ...": a role between two runs of capitals; the
                # name after it is the subject.
                end += 2
                while end + 1 < before and is_name_token(toks[end + 1]):
                    end += 1
            elif toks[end].text.endswith(("'s", "\u2019s")):
                # "Okafor's deputy rallied ..., saying": the possessor's noun is the
                # subject, not the possessor ("Clinton's campaign manager": the last of
                # the speaker nouns that follow one another).
                end = possessed_noun(art, toks, end, before)
            return np_left(art, toks, end)
        if t.lower in res.determiners or t.lower in res.possessives:
            # "the judge", "her lawyer", "two senior officials": a speaker noun within the
            # next four words heads the subject.
            for m in range(k + 1, min(before, k + 5)):
                w = clean_word(toks[m])
                if not toks[m].text[0].isalpha():
                    break
                if toks[m].text.endswith(("'s", "\u2019s")):
                    continue  # a possessor ("let a heckler's jibe pass"), not the head
                if w in res.speaker_kind:
                    nxt = clean_word(toks[m + 1]) if m + 1 < before else ""
                    if nxt not in res.speaker_kind:
                        return classify(art, toks[k : m + 1])
            if k + 1 < before and is_name_token(toks[k + 1]) and _verb_after_name(art, toks, k + 1):
                continue  # "The White House pushed back ..., calling": the name follows
            return None
    return None


def _verb_after_name(art: Article, toks: list[Token], k: int) -> bool:
    """Whether the run of capitalised words from ``toks[k]`` is followed by a verb, an
    auxiliary or an adverb ("The White House pushed back", "The AP has surveyed"), not by a
    noun it modifies ("The Halden troops", "The Ledger's program")."""
    res = art.res
    while k < len(toks) and is_name_token(toks[k]):
        if toks[k].text.endswith(("'s", "\u2019s")):
            return False
        k += 1
    if k >= len(toks) or not toks[k].text.islower():
        return False
    w = toks[k].text
    return (
        w in res.auxiliaries
        or w in res.irregular_past
        or w in res.skip_before
        or (len(w) > 4 and w.endswith(("ed", "ly")))
    )


def is_cue_word(res: Resources, word: str) -> bool:
    """Whether the lexicon finds a cue in ``word`` on its own (memoised per lexicon)."""
    key = (id(res), word)
    found = _CUE_WORD.get(key)
    if found is None:
        if len(_CUE_WORD) > 200_000:
            _CUE_WORD.clear()
        found = _CUE_WORD[key] = bool(res.cues.find(word))
    return found


def skip_parenthesis(toks: list[Token], j: int) -> int:
    """The index before a short parenthesis that ends at ``toks[j]`` ("Sen. Ada Voss (D-Ore.)
    said", "Ada Voss (pictured) said"); ``j`` itself when there is none."""
    if j >= 2 and toks[j].text == ")":
        k = j - 1
        while k > j - 6 and k >= 0 and toks[k].text not in ("(", ")", ",", '"'):
            k -= 1
        if k >= 1 and k < j - 1 and toks[k].text == "(":
            return k - 1
    return j
