"""Source attribution: who is quoted or paraphrased, with which cue, and how.

Detector name: ``framing.attribution.v1``. A rule-based extractor in the tradition of
quotation extractors for news (Pouliquen et al. 2007; Pareti 2016 on attribution relations;
Newell et al. 2018, PolNeAR): cue verbs come from the versioned lexicon
``framing/lexicons/cues.tsv``; the speaker is the noun phrase in subject position (or after an
inverted cue, ``"...," said X``); the content is the adjacent quotation, the reported clause, or
both (a partial quote inside paraphrase). Speakers are then resolved within the article: full
names, surnames, pronouns and epithets ("the Ukrainian leader") map to one canonical name.

No parser or model is needed, so the detector runs anywhere, fast, with no downloads.

References:
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
    Newell, E., Margolin, D. & Ruths, D. (2018). An attribution relations corpus for political
    news. LREC.
    Pouliquen, B., Steinberger, R. & Best, C. (2007). Automatic detection of quotations in
    multilingual news. RANLP.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pandas as pd

from framing._frames import build_frame
from framing._text import (
    _TOKEN,
    QuoteIndex,
    QuoteSpan,
    Token,
    check_text,
    quote_spans,
    sentence_spans,
    tokens_of,
)
from framing.lexicon import Matcher, haystack, inflect, read_lexicon
from framing.types import ATTRIBUTION_COLUMNS, VERB_CLASSES

DETECTOR = "framing.attribution.v1"
_SCHEMA = tuple(
    (c, "Int64" if c.endswith(("_start", "_end")) else "str") for c in ATTRIBUTION_COLUMNS
)


# ---------------------------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Resources:
    cues: Matcher
    grammar: dict
    speaker_kind: dict[str, str]  # lower-cased noun form -> person/organization/document/title
    titles: frozenset[str]
    abbreviations: frozenset[str]
    determiners: frozenset[str]
    possessives: frozenset[str]
    skip_before: frozenset[str]
    passive: frozenset[str]
    postmods: frozenset[str]
    clause_words: frozenset[str]
    non_speakers: frozenset[str]
    gender_words: dict[str, str]
    addressee_verbs: frozenset[str]
    coordinators: frozenset[str]
    time_words: frozenset[str]
    relatives: frozenset[str]
    org_voices: frozenset[str]
    common_words: frozenset[str]
    name_openers: frozenset[str]  # words dropped from the front of a capitalised run
    lexicon_labels: tuple[str, ...]


@cache
def resources_() -> _Resources:
    cue_lex = read_lexicon(
        "cues",
        ["term", "pos", "verb_class"],
        {"verb_class": VERB_CLASSES, "pos": ("VERB", "NOUN", "ADJ", "ADV", "FIXED")},
    )
    guard_lex = read_lexicon("cues.guards", ["term", "side", "context"])
    speakers = read_lexicon(
        "speakers",
        ["term", "speaker_kind"],
        {"speaker_kind": ("person", "organization", "document", "title")},
    )
    grammar = json.loads(
        resources.files("framing").joinpath("lexicons/grammar.json").read_text("utf-8")
    )
    speaker_kind: dict[str, str] = {}
    titles = set()
    for row in speakers.rows:
        for form in inflect(row["term"], "NOUN"):
            if row["speaker_kind"] == "title":
                titles.add(form)
            else:
                speaker_kind.setdefault(form, row["speaker_kind"])
    for t in titles:
        speaker_kind.setdefault(t, "title")
    return _Resources(
        cues=Matcher([cue_lex], [guard_lex]),
        grammar=grammar,
        speaker_kind=speaker_kind,
        titles=frozenset(titles),
        abbreviations=frozenset(grammar["abbreviations"]),
        determiners=frozenset(grammar["determiners"]),
        possessives=frozenset(grammar["possessives"]),
        skip_before=frozenset(grammar["skip_before_cue"]),
        passive=frozenset(grammar["passive_auxiliaries"]),
        postmods=frozenset(grammar["postmodifier_prepositions"]),
        clause_words=frozenset(grammar["clause_words"]),
        non_speakers=frozenset(grammar["non_speaker_words"]),
        gender_words=dict(grammar["gendered_roles"]),
        addressee_verbs=frozenset(grammar["addressee_verbs"]),
        coordinators=frozenset(grammar["coordinators"]),
        time_words=frozenset(grammar["time_words"]),
        relatives=frozenset(grammar["relative_pronouns"]),
        org_voices=frozenset(grammar["organization_voices"]),
        name_openers=frozenset(grammar["determiners"])
        | frozenset(grammar["clause_words"])
        | _LEADING_FUNCTION_WORDS,
        common_words=frozenset(speaker_kind)
        | frozenset(grammar["determiners"])
        | frozenset(grammar["possessives"])
        | frozenset(grammar["clause_words"])
        | frozenset(grammar["skip_before_cue"])
        | frozenset(grammar["non_speaker_words"])
        | frozenset(grammar["relative_pronouns"])
        | frozenset(grammar["person_pronouns"])
        | frozenset(grammar["group_pronouns"])
        | frozenset(grammar["postmodifier_prepositions"]),
        lexicon_labels=(
            cue_lex.label,
            guard_lex.label,
            speakers.label,
            "grammar@" + str(grammar["version"]),
        ),
    )


# ---------------------------------------------------------------------------------------------
# Speaker mentions and the article's entity table
# ---------------------------------------------------------------------------------------------

_PRONOUN_GENDER = {"he": "male", "she": "female"}
_NAME_WORD = r"[A-Z](?:\.|[\w\u2019'-]*)"
# A run of capitalised words. The first capital comes first in the pattern, and the check that no
# word character precedes it is a look-behind after it, so the engine can skip to capitals.
_NAME_SEQ = re.compile(
    rf"[A-Z](?<![\w\u2019'-].)(?:\.|[\w\u2019'-]*)(?:[ \t]+(?:(?:de|van|von|al|bin|la|le|du|"
    rf"da|del|der|ter|ten|of|the)[ \t]+)?{_NAME_WORD})*"
)
_LEADING_FUNCTION_WORDS = frozenset(("in", "on", "at", "for", "after", "with"))
_ORG_KINDS = ("organization", "document")
_NONSPACE = re.compile(r"\S+")


def _strip_possessive(word: str) -> str:
    """``"Voss's"`` -> ``"Voss"``, ``"workers'"`` -> ``"workers"`` (string checks, no regex)."""
    if word.endswith(("'s", "\u2019s")):
        return word[:-2]
    if word.endswith(("'", "\u2019")):
        return word[:-1]
    return word


# How many earlier entities a mention is compared with: enough for any real article, and it keeps
# the time linear on pathological input with thousands of names.
_MAX_CANDIDATES = 50


@dataclass(eq=False)  # one object per person or organisation: compared by identity
class Entity:
    canonical: str
    kind: str  # person / organization
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    tokens: tuple[str, ...] = ()
    first_pos: int = 0


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    kind: str  # name / pronoun / epithet / group / organization / document / relative
    head: str = ""
    roles: tuple[str, ...] = ()
    definite: bool = False


class _Entities:
    """Named people and organisations of one article, for resolving later mentions."""

    def __init__(self, text: str, res: _Resources):
        self.res = res
        self.people: list[Entity] = []
        self.orgs: list[Entity] = []
        # Indexes keep look-ups constant-time however many names an article holds.
        self._by_tokens: dict[tuple[str, ...], Entity] = {}
        self._by_token: dict[str, list[Entity]] = {}
        self._org_by_name: dict[str, Entity] = {}
        self.mentions: list[tuple[int, Entity]] = []  # (position, entity), sorted
        self._scan(text)

    def _is_org_word(self, word: str) -> bool:
        return self.res.speaker_kind.get(word.lower()) in _ORG_KINDS

    def _scan(self, text: str) -> None:
        res = self.res
        common = res.common_words
        titles, openers, speaker_kind = res.titles, res.name_openers, res.speaker_kind
        for m in _NAME_SEQ.finditer(text):
            group = m.group()
            if " " not in group and "\t" not in group:
                # One capitalised word (the common case): the steps below, cut short.
                if group.lower() in common:
                    continue  # a capitalised common word opening a sentence ("The", "Officials")
                word = group if group in ("Jr.", "Sr.") else _strip_possessive(group).rstrip(".")
                if word and word.lower() not in openers:
                    self._one_word(word, m.start())
                continue
            start = m.start()
            words = []
            offsets = []
            for wm in _NONSPACE.finditer(group):
                w = wm.group()
                words.append(w if w in ("Jr.", "Sr.") else _strip_possessive(w).rstrip("."))
                offsets.append(start + wm.start())
            lower = [w.lower() for w in words]
            # Drop a sentence-initial function word ("The", "In", "But").
            k = 0
            while k < len(lower) and lower[k] in openers:
                k += 1
            if k:
                words, offsets, lower = words[k:], offsets[k:], lower[k:]
            if len(words) <= 1:
                if words:
                    self._one_word(words[0], offsets[0])
                continue
            # Strip titles: everything up to the last title word is role, the rest the name.
            last_title = -1
            for i, w in enumerate(lower):
                if w in titles or (i + 1 < len(lower) and f"{w} {lower[i + 1]}" in titles):
                    last_title = i
            # An organisation word in the name itself ("Northline Energy"), not in a role
            # before it ("Police Commissioner Jonas Heller"), makes it an organisation.
            kinds = [speaker_kind.get(w) for w in lower]
            if any(kind in _ORG_KINDS for kind in kinds[last_title + 1 :]) or (
                last_title == len(lower) - 1 and any(kind in _ORG_KINDS for kind in kinds)
            ):
                self._add_org(" ".join(words), offsets[0])
                continue
            roles = set(lower[: last_title + 1])
            name_words = words[last_title + 1 :]
            if not name_words:  # (no word after the last title is a title, by construction)
                continue
            if len(name_words) > 4:
                continue
            if len(name_words) == 1:  # a role and a surname ("Minister Ostrander")
                ent = self.person_by_token(name_words[0], offsets[-1])
                if ent is None:
                    ent = self._add_person(name_words, offsets[last_title + 1])
                ent.roles |= roles
                self._gender_from(ent, roles)
                self.mentions.append((offsets[-1], ent))
                continue
            ent = self._find_person(name_words)
            if ent is None:
                ent = self._add_person(name_words, offsets[last_title + 1])
            ent.roles |= roles
            self._gender_from(ent, roles)
            self.mentions.append((offsets[last_title + 1], ent))
        self.mentions.sort(key=lambda x: x[0])
        self._positions = [p for p, _ in self.mentions]

    def _one_word(self, word: str, pos: int) -> None:
        """A capitalised run of one word (after any opening function word): an organisation
        word founds an organisation; a title alone is nobody; otherwise a known person's name
        (surname) is a mention of them, and an unknown one is ignored (news introduces people
        by full name)."""
        low = word.lower()
        if self._is_org_word(low):
            self._add_org(word, pos)
        elif low not in self.res.titles:
            ent = self.person_by_token(word, pos)
            if ent is not None:
                self.mentions.append((pos, ent))

    def _gender_from(self, ent: Entity, roles: set[str]) -> None:
        for r in roles:
            g = self.res.gender_words.get(r)
            if g:
                ent.gender = g

    def _index(self, ent: Entity) -> None:
        self._by_tokens[ent.tokens] = ent
        for t in ent.tokens:
            bucket = self._by_token.setdefault(t, [])
            if ent not in bucket:
                bucket.append(ent)

    def _add_person(self, words: list[str], pos: int) -> Entity:
        ent = Entity(
            " ".join(words), "person", tokens=tuple(w.lower() for w in words), first_pos=pos
        )
        self.people.append(ent)
        self._index(ent)
        return ent

    def _add_org(self, name: str, pos: int) -> Entity:
        key = name.lower()
        if key in self._org_by_name:
            return self._org_by_name[key]
        ent = Entity(name, "organization", tokens=tuple(key.split()), first_pos=pos)
        self.orgs.append(ent)
        self._org_by_name[key] = ent
        return ent

    def _find_person(self, words: list[str]) -> Entity | None:
        low = tuple(w.lower() for w in words)
        if not low:
            return None
        if low in self._by_tokens:
            return self._by_tokens[low]
        # "Volodymyr Zelensky" and "Zelensky" introduced earlier as a one-word name.
        single = self._by_tokens.get(low[-1:])
        if single is not None and single.kind == "person":
            del self._by_tokens[single.tokens]
            single.canonical = " ".join(words)
            single.tokens = low
            self._index(single)
            return single
        return None

    def person_by_token(self, word: str, pos: int) -> Entity | None:
        w = _strip_possessive(word).lower()
        best = None
        for ent in self._by_token.get(w, ())[-_MAX_CANDIDATES:]:
            if w in ent.tokens:
                # Prefer a surname match, then the most recently introduced person.
                score = (ent.tokens[-1] == w, ent.first_pos <= pos, ent.first_pos)
                if best is None or score > best[0]:
                    best = (score, ent)
        return best[1] if best else None

    def org_by_head(self, head: str) -> Entity | None:
        for ent in reversed(self.orgs[-_MAX_CANDIDATES:]):
            if head in ent.tokens or any(t.startswith(head) for t in ent.tokens):
                return ent
        return None

    def recent_people(self, pos: int) -> list[Entity]:
        """People mentioned before ``pos``, most recent first, each once."""
        i = bisect.bisect_left(self._positions, pos)
        seen: list[Entity] = []
        for k in range(i - 1, max(-1, i - 1 - _MAX_CANDIDATES * 4), -1):
            ent = self.mentions[k][1]
            if ent.kind == "person" and ent not in seen:
                seen.append(ent)
                if len(seen) >= _MAX_CANDIDATES:
                    break
        return seen


# ---------------------------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------------------------


@dataclass
class _Attribution:
    speaker_mention: _Mention | None
    cue_start: int
    cue_end: int
    cue_entry: dict
    kind: str
    content: tuple[int, int] | None
    sentence: tuple[int, int]
    speaker: str | None = None
    source_type: str = "unresolved"
    entity: Entity | None = None


_CLEAN: dict[str, str] = {}


def _clean_word(tok: Token) -> str:
    """The token lower-cased without a possessive ending (memoised: words repeat)."""
    word = tok[0]
    clean = _CLEAN.get(word)
    if clean is None:
        if len(_CLEAN) > 200_000:
            _CLEAN.clear()
        clean = _CLEAN[word] = _strip_possessive(word).lower()
    return clean


_CUE_WORD: dict[tuple[int, str], bool] = {}


def _is_cue_word(res: _Resources, word: str) -> bool:
    """Whether the lexicon finds a cue in ``word`` on its own (memoised per lexicon)."""
    key = (id(res), word)
    found = _CUE_WORD.get(key)
    if found is None:
        if len(_CUE_WORD) > 200_000:
            _CUE_WORD.clear()
        found = _CUE_WORD[key] = bool(res.cues.find(word))
    return found


# Tokens the rules may read after a cue's last token: the noun phrase after an inverted cue or
# "by" (at most 12 words, two determiners and "by"), or a short object; more are never looked at.
_TOKENS_AFTER_CUE = 20
_OPENING_TOKENS = frozenset(("\u201c", '"', ":", "\u2018", "(", "\u2014"))


class _TokenStream:
    """Tokens of one sentence window, made as far as the cues in it need them.

    Cues read the tokens before them up to the window's start, but only a few after them
    (:data:`_TOKENS_AFTER_CUE`), so the rest of a long sentence after its last cue is never
    tokenised. Common words capitalised only because they open the window or a quotation are
    lower-cased as the tokens are made ("Officials said" is a common noun phrase, not a name);
    offsets are unchanged, so mentions still slice the original text.
    """

    __slots__ = ("_common", "_more", "starts", "toks")

    def __init__(self, text: str, window: tuple[int, int], common: frozenset[str]):
        self._more = _TOKEN.finditer(text, *window)
        self._common = common
        self.toks: list[Token] = []
        self.starts: list[int] = []

    def through(self, pos: int) -> tuple[list[Token], list[int]]:
        """The tokens and their starts, made at least :data:`_TOKENS_AFTER_CUE` tokens past
        ``pos`` (or to the end of the window)."""
        starts = self.starts
        while self._more is not None and (
            not starts or len(starts) - bisect.bisect_left(starts, pos) < _TOKENS_AFTER_CUE
        ):
            batch = tokens_of(itertools.islice(self._more, 32))
            if len(batch) < 32:
                self._more = None
            toks = self.toks
            common = self._common
            for tok in batch:
                if (
                    (not toks or toks[-1][0] in _OPENING_TOKENS)
                    and tok[0][:1].isupper()
                    and tok[3] in common
                ):
                    tok = Token((tok[3], tok[1], tok[2], tok[3]))
                toks.append(tok)
                starts.append(tok[1])
        return self.toks, starts


class _Extractor:
    def __init__(
        self, text: str, res: _Resources, quotes: QuoteIndex | None = None, hay: str | None = None
    ):
        self.text = text
        self.res = res
        self.quotes = quotes if quotes is not None else QuoteIndex(quote_spans(text))
        self.hay = hay
        self.sentences = sentence_spans(text, res.abbreviations)
        self._sent_starts = [s for s, _ in self.sentences]
        self.entities: _Entities | None = None

    # -- helpers -----------------------------------------------------------------------------

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        if i < 0:
            return (0, len(self.text))
        return self.sentences[i]

    def _title_stop(self, toks: list[Token], i: int) -> bool:
        """Whether ``toks[i]`` is the full stop of an abbreviated title ("Mr.", "Sen.")."""
        return i > 0 and toks[i].text == "." and toks[i - 1].lower in self.res.abbreviations

    def _is_name_token(self, tok: Token) -> bool:
        return tok.is_cap and tok.text[0].isalpha()

    # -- noun phrases --------------------------------------------------------------------------

    def np_left(self, toks: list[Token], end_index: int) -> _Mention | None:
        """The noun phrase ending at ``toks[end_index]`` (inclusive), scanning leftwards."""
        res = self.res
        if end_index < 0:
            return None
        tok = toks[end_index]
        low = tok.lower
        if low in _PRONOUN_GENDER or low in ("they", "we", "it"):
            return _Mention(tok.start, tok.end, tok.text, "pronoun", head=low)
        if low in ("who", "which"):
            # "X, who ...": the antecedent before the comma; "people who ..." without one.
            k = end_index - 1
            if k >= 0 and toks[k].text == ",":
                k -= 1
            return self.np_left(toks, k)
        if low in res.non_speakers or not tok.text[0].isalnum():
            return None
        share = self._share_of_people(toks, end_index)
        if share is not None:
            return share
        i = end_index
        n_lower = 0
        while i >= 0:
            t = toks[i]
            tl = _clean_word(t)
            if t.text[0].isalnum() and self._is_name_token(t) and tl not in res.clause_words:
                i -= 1
                continue
            if tl in res.determiners or tl in res.possessives:
                i -= 1
                break
            if i < end_index and self._title_stop(toks, i):
                i -= 2  # an abbreviated title: "Mr. Oberg", "Sen. Elizabeth Warren"
                continue
            if t.text[0].isdigit() and i < end_index and _clean_word(toks[i + 1]) == "percent":
                i -= 1  # the quantity of a poll share ("47 percent of voters said")
                continue
            if tl in ("and", "&") and i > 0 and self._is_name_token(toks[i - 1]) and i < end_index:
                i -= 1
                continue
            if (
                tl == "and"
                and i > 0
                and i < end_index
                and toks[end_index].lower in res.speaker_kind
                and _clean_word(toks[i - 1]) in res.speaker_kind
            ):
                # "Parents and teachers say": two groups of speakers.
                i -= 1
                continue
            if (
                t.text[0].isalpha()
                and t.text.islower()
                and tl not in res.clause_words
                and tl not in res.skip_before
                and tl not in res.postmods
                and tl not in res.non_speakers
                and tl not in res.relatives
                and tl not in _PRONOUN_GENDER
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
        # A postmodifier ("officials from both countries", "people familiar with the talks"):
        # the head is the phrase before the preposition.
        if start_index >= 2 and _clean_word(toks[start_index - 1]) in res.postmods:
            inner = start_index - 1
            if toks[inner - 1].lower in ("close", "familiar", "involved", "briefed") and inner >= 2:
                inner -= 1
            head_np = self.np_left(toks, inner - 1)
            if head_np is not None and head_np.kind in (
                "group",
                "organization",
                "document",
                "epithet",
            ):
                pp = self._classify(toks[start_index : end_index + 1])
                kind = head_np.kind
                if kind == "group" and (
                    head_np.head in res.org_voices or (pp is not None and pp.kind == "organization")
                ):
                    # "a spokesperson for the regulator", "researchers at Orvik Labs": the
                    # institution speaks.
                    kind = "organization"
                phrase = self.text[head_np.start : toks[end_index].end]
                return _Mention(
                    head_np.start,
                    toks[end_index].end,
                    phrase,
                    kind,
                    head=head_np.head,
                    roles=head_np.roles,
                    definite=head_np.definite,
                )
        return self._classify(toks[start_index : end_index + 1])

    def _share_of_people(self, toks: list[Token], end_index: int) -> _Mention | None:
        """A poll share as the subject: "six in 10 say", "nearly half said", "a third",
        "two-thirds", "a majority" (an anonymous group of respondents); else None."""
        low = toks[end_index].lower
        start = None
        if low in _SHARES:
            start = end_index
            if end_index >= 1 and toks[end_index - 1].lower in ("a", "one", "two", "three"):
                start -= 1
        elif (
            end_index >= 2
            and toks[end_index - 1].lower == "in"
            and (low.isdigit() or low in _COUNT_WORDS)
            and (toks[end_index - 2].lower.isdigit() or toks[end_index - 2].lower in _SMALL_NUMBERS)
        ):
            start = end_index - 2  # "six in 10", "one in five"
        if start is None:
            return None
        while start >= 1 and toks[start - 1].lower in _APPROXIMATELY:
            start -= 1
        if (
            start >= 2
            and toks[start - 1].lower == "than"
            and toks[start - 2].lower in ("more", "fewer", "less")
        ):
            start -= 2
        first, last = toks[start], toks[end_index]
        text = self.text[first.start : last.end]
        return _Mention(first.start, last.end, text, "group", head=low, definite=False)

    def np_right(self, toks: list[Token], start_index: int) -> _Mention | None:
        """The noun phrase starting at ``toks[start_index]`` (after an inverted cue, or after
        "according to"), with an optional prepositional postmodifier."""
        res = self.res
        if start_index >= len(toks):
            return None
        tok = toks[start_index]
        if tok.lower in _PRONOUN_GENDER or tok.lower in ("they", "we"):
            return _Mention(tok.start, tok.end, tok.text, "pronoun", head=tok.lower)
        j = start_index
        n_words = 0
        last_good = -1  # index of the last token that can head a speaker phrase
        pp_at = -1
        while j < len(toks) and n_words < 12:
            t = toks[j]
            tl = _clean_word(t)
            at_phrase_start = j == start_index or j == pp_at + 1
            if at_phrase_start and (tl in res.determiners or tl in res.possessives):
                j += 1
                continue
            if self._is_name_token(t) and tl not in res.clause_words:
                last_good = j
            elif tl in ("of", "at", "for", "from", "with", "by", "familiar", "close") and (
                last_good >= 0 and pp_at < 0
            ):
                pp_at = j
            elif (
                t.text[0].isalpha()
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
                if tl in res.speaker_kind or _plural_in(tl, res.speaker_kind):
                    last_good = j
            elif t.text[0].isdigit() and j + 1 < len(toks) and toks[j + 1].text[0].isalpha():
                pass  # a number modifying what follows ("the latest 50-state poll", "2016 data")
            else:
                break
            n_words += 1
            j += 1
        if last_good < 0:
            return None
        main_end = pp_at - 1 if 0 <= pp_at <= last_good else last_good
        main = self._classify(toks[start_index : main_end + 1])
        if main is None:
            return None
        if main_end < last_good:
            pp = self._classify(toks[pp_at + 1 : last_good + 1])
            kind = main.kind
            if kind == "group" and (
                main.head in res.org_voices or (pp is not None and pp.kind == "organization")
            ):
                kind = "organization"
            end = toks[last_good].end
            return _Mention(
                main.start,
                end,
                self.text[main.start : end],
                kind,
                head=main.head,
                roles=main.roles,
                definite=main.definite,
            )
        return main

    def _object_end(self, toks: list[Token], i: int, default: int) -> int:
        """End offset of a short object noun phrase ("reporters", "the Blaze", "investors")."""
        res = self.res
        if i < len(toks) and (toks[i].lower in res.determiners or toks[i].lower in res.possessives):
            i += 1
        end = default
        for t in toks[i : i + 4]:
            tl = t.lower
            if (
                not t.text[0].isalnum()
                or tl in res.clause_words
                or tl in res.determiners
                or tl in ("that", "on", "in", "at", "after", "before", "during", "by", "to", "not")
            ):
                break
            end = t.end
        return end

    def _classify(self, span: list[Token]) -> _Mention | None:
        res = self.res
        if not span:
            return None
        words = [_clean_word(t) for t in span]
        first = words[0]
        possessor = span[0].text.endswith(("'s", "\u2019s", "s'", "s\u2019")) and len(span) > 1
        definite = first in ("the", "this", "that") or first in res.possessives or possessor
        text = self.text[span[0].start : span[-1].end]
        start, end = span[0].start, span[-1].end
        head = words[-1]
        kind_of_head = res.speaker_kind.get(head)
        caps = [t for t in span if self._is_name_token(t)]
        if caps and self._is_name_token(span[-1]):
            # Capitalised head: a name (after any title words), or a named organisation.
            # Role words before the name: titles, and person nouns ("Shipping lawyer Rosa
            # Pell", "Analyst Dirk Maesen"), never the head itself.
            last_title = max(
                (
                    i
                    for i, w in enumerate(words[:-1])
                    if w in res.titles or res.speaker_kind.get(w) == "person"
                ),
                default=-1,
            )
            name_words = words[last_title + 1 :]
            for k, w in enumerate(name_words):
                if k and w in ("of", "at", "from", "for"):
                    name_words = name_words[:k]  # "Dirk Maesen of Orsund Securities"
                    break
            org_in_name = any(
                res.speaker_kind.get(w) in ("organization", "document") for w in name_words
            )
            if org_in_name or (first == "the" and last_title < 0):
                return _Mention(start, end, text, "organization", head=head, definite=True)
            if first in ("a", "an", "another") and len(words) >= 2:
                # "a Vermont Democrat", "another New Hampshire Republican": a description of
                # an unnamed person (a proper name takes no indefinite article).
                return _Mention(start, end, text, "group", head=head, definite=False)
            return _Mention(
                start, end, text, "name", head=head, roles=tuple(w for w in words[: last_title + 1])
            )
        if kind_of_head is None and len(words) >= 2:
            kind_of_head = res.speaker_kind.get(f"{words[-2]} {words[-1]}")
        if kind_of_head is None:
            if definite and 2 <= len(words) <= 4 and all(w.isalpha() for w in words):
                # "the livid forward", "the veteran": a definite description of a person the
                # article has introduced; resolved by role words, else anonymous.
                return _Mention(
                    start, end, text, "epithet", head=head, roles=tuple(words[1:]), definite=True
                )
            return None
        if kind_of_head == "title":
            if not definite:
                # "a senior official", "one minister": an unnamed person.
                return _Mention(start, end, text, "group", head=head, definite=False)
            return _Mention(
                start, end, text, "epithet", head=head, roles=tuple(words[1:]), definite=True
            )
        if kind_of_head == "person":
            if definite and head in res.titles:
                return _Mention(
                    start, end, text, "epithet", head=head, roles=tuple(words[1:]), definite=True
                )
            if head in res.org_voices and possessor:
                return _Mention(start, end, text, "organization", head=head, definite=True)
            return _Mention(start, end, text, "group", head=head, definite=definite)
        return _Mention(start, end, text, kind_of_head, head=head, definite=definite)

    # -- content -----------------------------------------------------------------------------

    def quote_after(self, pos: int, limit: int) -> QuoteSpan | None:
        for q in self.quotes.overlapping(pos, limit):
            if q.start >= pos:
                return q
        return None

    def quote_before(self, pos: int) -> QuoteSpan | None:
        """The quotation ending right before ``pos`` (only spaces, commas or dashes between)."""
        spans = self.quotes.spans
        i = bisect.bisect_right(self.quotes.starts, pos) - 1
        while i >= 0 and spans[i].end > pos:
            i -= 1
        if i >= 0 and _GAP.fullmatch(self.text, spans[i].end, pos):
            return spans[i]
        return None

    # -- main --------------------------------------------------------------------------------

    def run(self) -> list[_Attribution]:
        res = self.res
        text = self.text
        norm = self.hay if self.hay is not None else haystack(text)
        found: list[_Attribution] = []
        hits = res.cues.find(text, norm)
        if not hits:
            return found
        self.entities = _Entities(text, res)
        window_tokens: dict[tuple[int, int], _TokenStream] = {}
        for hit in hits:
            if self.quotes.containing(hit.start, hit.end):
                continue
            entry = res.cues.entries[hit.entry]
            sent = self.sentence_of(hit.start)
            # Work within a bounded window of the sentence, so a "sentence" of megabytes
            # (text without full stops) costs the same per cue as a normal one.
            window = (
                max(sent[0], hit.start - _WINDOW_BEFORE),
                min(sent[1], hit.end + _WINDOW_AFTER),
            )
            if window != sent:
                # Clipped window of a run-on "sentence": tokenise for this cue only (caching
                # one window per cue would hold the whole text many times over).
                window_tokens.clear()
            stream = window_tokens.get(window)
            if stream is None:
                stream = window_tokens[window] = _TokenStream(text, window, res.common_words)
            toks, starts = stream.through(hit.end)
            att = self._attribution(hit.start, hit.end, entry, sent, window, toks, starts, found)
            if att is not None:
                found.append(att)
        self._resolve(found)
        return found

    def _attribution(self, cue_start, cue_end, entry, sent, window, toks, starts, found):
        res = self.res
        first = bisect.bisect_left(starts, cue_start)
        last = first
        while last + 1 < len(toks) and toks[last + 1].end <= cue_end:
            last += 1
        if first >= len(toks) or toks[first].end > cue_end:
            return None
        is_according = entry["term"].lower() == "according to"
        prev = toks[first - 1] if first > 0 else None
        if prev is not None and not is_according:
            pl = _clean_word(prev)
            # "the claim", "his claims", "to say": a noun or an infinitive, not a reporting act.
            # (but "one in five say": a poll share)
            if (pl in res.determiners or pl in res.possessives or pl == "to") and not (
                pl in _SMALL_NUMBERS and self._share_of_people(toks, first - 1)
            ):
                return None
            if prev.text.endswith(("'s", "\u2019s")):
                return None
            # "on states in the Midwest", "in six states": a noun. A finite reporting verb does
            # not follow a preposition (a gerund does: "by saying"), nor does a verb in -s
            # follow a number ("six states"; "six said" is a verb).
            cue_word = toks[first].lower
            if pl in _NOUN_CONTEXT and not cue_word.endswith("ing"):
                return None
            if (pl.isdigit() or pl in _NUMBER_WORDS) and cue_word.endswith("s"):
                return None
            # "said Mona Tell of the league": a capitalised cue inside a name, not a verb.
            nxt = toks[last + 1] if last + 1 < len(toks) else None
            if toks[first].is_cap and self._is_name_token(prev) and (nxt is None or not nxt.is_cap):
                return None
        if toks[first].lower in _NOUN_FIRST_FORMS and first == last:
            # "Republican states", "his comments", "the AP report": these forms are nouns far
            # more often than reporting verbs, which announce their content ("the filing states
            # that ...", "she comments: ...").
            after = toks[last + 1].text if last + 1 < len(toks) else ""
            if after.lower() != "that" and after not in _OPENING_TOKENS:
                return None
        mention: _Mention | None = None
        inverted = False
        if is_according:
            mention = self.np_right(toks, last + 1)
            if mention is None:
                return None
        else:
            j = first - 1
            skipped: list[str] = []
            j = self._skip_before_cue(toks, j, skipped)
            while (
                j >= 3
                and toks[j].lower in _TIME_HEADS
                and toks[j - 1].lower in ("the", "this", "that")
                and toks[j - 2].lower in ("at", "in", "on", "during", "over", "for")
            ):
                # A time adverbial between subject and cue: "X at the time said", "X has in the
                # past described", "X earlier in the day touted".
                j = self._skip_before_cue(toks, j - 3, skipped)
            if j >= 1 and toks[j].text == "." and toks[j - 1].lower in ("jr", "sr"):
                j -= 1  # the full stop of a name's suffix: "Joseph R. Biden Jr. said"
            j = _skip_parenthesis(toks, j)
            participle = toks[first].lower.endswith("ing")
            if skipped and skipped[0] in res.passive and not participle:
                # Passive: "X was slammed by Y" -> speaker Y; no agent -> not an attribution.
                if last + 1 < len(toks) and toks[last + 1].lower == "by":
                    mention = self.np_right(toks, last + 2)
                    if mention is None:
                        return None
                else:
                    return None
            elif j >= 0 and toks[j].text in (",", "\u2014", "\u2013"):
                if (
                    participle
                    and toks[j].text == ","
                    and not (j >= 1 and toks[j - 1].text in _CLOSING_QUOTES)
                ):
                    # "Christie, the governor, repeated the charge, calling him ...": the
                    # participle belongs to the main clause, whose subject opens the sentence.
                    mention = (
                        self._inherit_subject(found, sent)
                        or self._clause_subject(toks, j, restart=True)
                        or self._appositive_subject(toks, j)
                    )
                else:
                    mention = self._appositive_subject(toks, j)
                if mention is None:
                    if j >= 1 and toks[j - 1].text in _CLOSING_QUOTES:
                        mention, inverted = self.np_right(toks, last + 1), True
                    elif participle:
                        # "X lashed out at Y, claiming ...": the subject of the main clause.
                        mention = self._inherit_subject(found, sent) or self._clause_subject(
                            toks, j
                        )
                    else:
                        mention, inverted = self.np_right(toks, last + 1), True
            elif j >= 0 and toks[j].text in _CLOSING_QUOTES:
                mention, inverted = self.np_right(toks, last + 1), True
            elif j >= 0 and toks[j].lower in res.coordinators:
                # "... but said", "... and added": a second verb of the same subject.
                # A past form is a verb; "and report", "and states" may be nouns, so only a past
                # form looks past a comma for the subject ("The judge paused, and then said").
                past = toks[first].lower.endswith("ed") or toks[first].lower in _IRREGULAR_PAST
                mention = self._inherit_subject(found, sent) or self._clause_subject(
                    toks, j, restart=past
                )
            elif j >= 0 and participle and not skipped:
                # "left Maravec fuming", "spent two years insisting": a complement, not a report.
                mention = (
                    self._clause_subject(toks, j) if toks[j].lower in res.skip_before else None
                )
            elif j >= 0:
                mention = self.np_left(toks, j)
                if mention is not None and mention.kind != "pronoun":
                    mention = self._relative_clause_head(toks, starts, mention) or mention
            if mention is None and j < 0:
                mention, inverted = self.np_right(toks, last + 1), True
        if mention is None:
            return None
        kind, content = self._content(
            cue_start,
            cue_end,
            toks,
            last,
            mention,
            inverted,
            window,
            is_according,
            entry["term"].lower(),
        )
        if kind is None:
            return None
        return _Attribution(mention, cue_start, cue_end, entry, kind, content, sent)

    def _skip_before_cue(self, toks: list[Token], j: int, skipped: list[str]) -> int:
        """The index of the first token at or before ``toks[j]`` that is not an auxiliary,
        time word or adverb between subject and cue ("has also repeatedly said"); the skipped
        words are appended to ``skipped``, nearest the cue first."""
        res = self.res
        while j >= 0 and (
            _clean_word(toks[j]) in res.skip_before
            or (
                toks[j].text.islower()
                and toks[j].text.endswith("ly")
                and len(toks[j].text) > 4
                and toks[j].lower not in res.speaker_kind  # "the family said"
            )
        ):
            skipped.append(_clean_word(toks[j]))
            j -= 1
        return j

    def _relative_clause_head(
        self, toks: list[Token], starts: list[int], mention: _Mention
    ) -> _Mention | None:
        """The noun a relative clause modifies when ``mention`` ends that clause ("Residents
        who live near the plant say": the residents speak, not the plant); else None."""
        res = self.res
        first = bisect.bisect_left(starts, mention.start)
        k = first - 1
        for _ in range(10):
            if k < 1:
                return None
            t = toks[k]
            low = t.lower
            if low in ("who", "whose") or (
                low == "that" and _clean_word(toks[k - 1]) in res.speaker_kind
            ):
                if k == first - 1:
                    return None  # "the man who Lee said ...": the mention is the clause's subject
                head = self.np_left(toks, k - 1) if toks[k - 1].text[0].isalnum() else None
                return head if head is not None and head.kind != "pronoun" else None
            if not t.text[0].isalnum() or low in res.clause_words:
                return None
            k -= 1
        return None

    def _appositive_subject(self, toks, sep_index) -> _Mention | None:
        """``X, the minister, said`` / ``X — which paid bonuses — said``: the subject before an
        appositive or relative clause closed at ``sep_index``. When the subject is a role
        ("Its director, Aino Paasi, said"), the name in the appositive is the speaker."""
        res = self.res
        sep = toks[sep_index].text
        seps = ("\u2014", "\u2013") if sep in ("\u2014", "\u2013") else (",",)
        k = sep_index - 1
        for _ in range(2):  # up to two appositive segments ("X, 66, whose husband ..., said")
            while k >= 0 and toks[k].text not in seps and sep_index - k <= 30:
                if toks[k].text in ("\u201c", "\u201d", '"', ";", ":", "(", ")"):
                    return None
                k -= 1
            if k < 1 or toks[k].text not in seps:
                return None
            segment = toks[k + 1 : sep_index]
            if not segment:
                return None
            lead = _clean_word(segment[0])
            descriptive = (
                lead in res.relatives
                or lead in ("whose", "speaking", "citing", "according")
                or lead in res.determiners
                or lead in res.possessives
                or self._is_name_token(segment[0])
                or lead.isdigit()
                or lead.endswith("ing")
                or lead in ("former", "herself", "himself", "itself")
            )
            if not descriptive and any(_is_cue_word(res, t.text) for t in segment):
                return None
            mention = self.np_left(toks, _skip_parenthesis(toks, k - 1))
            if mention is not None:
                if mention.kind in ("epithet", "group", "organization") and (
                    all(self._is_name_token(t) for t in segment) and len(segment) <= 4
                ):
                    named = self._classify(segment)
                    if named is not None and named.kind == "name":
                        named.roles = (*mention.roles, mention.head)
                        return named
                words = [_clean_word(t) for t in segment]
                mention.roles = tuple(mention.roles) + tuple(w for w in words if w.isalpha())
                return mention
            if sep != ",":
                return None
            sep_index, k = k, k - 1
        return None

    def _inherit_subject(self, found: list[_Attribution], sent) -> _Mention | None:
        for att in reversed(found):
            if att.sentence != sent:
                break
            if att.speaker_mention is not None:
                return att.speaker_mention
        return None

    def _clause_subject(
        self, toks: list[Token], before: int, restart: bool = False
    ) -> _Mention | None:
        """The subject of the sentence's main clause: the first pronoun or name, after any
        introductory phrase ("On Monday he doubled down, insisting ...")."""
        res = self.res
        i = 0
        for k in range(min(before, 8)):
            if toks[k].text == ",":
                i = k + 1
                break
            if toks[k].text in _DASHES and k <= 4 and toks[0].text.isupper():
                i = k + 1  # a dateline ("WASHINGTON — Sen. Ada Voss said ..."): not the subject
                break
        if i >= 2 and toks[i - 1].text == ",":
            # "Brandt, the harbour master, repeated ...": a name before the first comma is the
            # subject with an appositive, not an introductory phrase ("On Monday, ...").
            lead = toks[0]
            if (
                self._is_name_token(lead)
                and lead.lower not in res.name_openers
                and lead.lower not in res.time_words
                and all(
                    self._is_name_token(t) or self._title_stop(toks, k)
                    for k, t in enumerate(toks[: i - 1])
                )
            ):
                return self.np_left(toks, i - 2)
        found = self._subject_from(toks, i, before)
        if found is None and i > 0 and restart:
            # "The judge paused, and then said ...": the comma closed the first clause, not an
            # introductory phrase; the subject opens the sentence.
            found = self._subject_from(toks, 0, min(before, i))
        return found

    def _subject_from(self, toks: list[Token], i: int, before: int) -> _Mention | None:
        """The first pronoun, name or described speaker ("the judge") among the six tokens
        from ``toks[i]`` (and before ``toks[before]``)."""
        res = self.res
        for k in range(i, min(before, i + 6)):
            t = toks[k]
            if t.lower in _PRONOUN_GENDER or t.lower == "they":
                return _Mention(t.start, t.end, t.text, "pronoun", head=t.lower)
            if (
                self._is_name_token(t)
                and t.lower not in res.time_words
                and t.lower not in res.determiners
            ):
                end = k
                while end + 1 < before and (
                    self._is_name_token(toks[end + 1])
                    or (  # "Mr. Trump", "Sen. Ada Voss"
                        end + 2 < before
                        and self._title_stop(toks, end + 1)
                        and self._is_name_token(toks[end + 2])
                    )
                ):
                    end += 1
                return self.np_left(toks, end)
            if t.lower in res.determiners or t.lower in res.possessives:
                # "the judge", "her lawyer", "two senior officials": a speaker noun within the
                # next four words heads the subject.
                for m in range(k + 1, min(before, k + 5)):
                    w = _clean_word(toks[m])
                    if not toks[m].text[0].isalpha():
                        break
                    if w in res.speaker_kind:
                        nxt = _clean_word(toks[m + 1]) if m + 1 < before else ""
                        if nxt not in res.speaker_kind:
                            return self._classify(toks[k : m + 1])
                return None
        return None

    def _content(
        self, cue_start, cue_end, toks, last, mention, inverted, sent, according, lemma=""
    ):
        text = self.text
        s_start, s_end = sent
        clause_start = min(cue_start, mention.start)
        clause_end = max(cue_end, mention.end if inverted or according else cue_end)
        # The quotation ending right before the cue clause ("“...,” X said"), if any.
        qb = None if according else self.quote_before(clause_start)
        # (in "Asked whether “...,” 72 percent said yes" the quotation is the question)
        if qb is not None and _ASKED.match(text, s_start):
            qb = None
        # Direct quote right after the cue (possibly after "in a statement", ":" or ",").
        q = self.quote_after(clause_end, min(len(text), max(s_end, clause_end) + 2))
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
                return ("according_to" if according else "direct"), _inner(text, q)
        # Quote that ends just before the speaker/cue clause: "“...,” X said."
        if qb is not None and (
            qb.end > s_start or self._closes_quotation(clause_start, clause_end, sent)
        ):
            return "direct", _inner(text, qb)
        if according:
            # "According to X, ...", or "... , according to X."
            if cue_start - s_start <= 2:
                c_start = _skip_punct(text, mention.end, s_end)
                c_end = _trim_end(text, c_start, s_end)
            else:
                c_start, c_end = s_start, _trim_end(text, s_start, cue_start)
            if c_end <= c_start:
                return "according_to", None
            return "according_to", (c_start, c_end)
        # Reported clause after the cue.
        after_start = _skip_punct(text, clause_end, s_end)
        c_end = _trim_end(text, after_start, s_end)
        tail = text[after_start:c_end]
        that = _THAT_NEAR.match(tail)
        if that:
            # "said in a statement that ...", "told reporters on Friday that ..."
            after_start = _skip_punct(text, after_start + that.end(), s_end)
        elif lemma in self.res.addressee_verbs:
            after_start = _skip_punct(text, self._object_end(toks, last + 1, after_start), s_end)
        if c_end - after_start >= 6 and len(tail.split()) >= 2:
            inner = [q for q in self.quotes.overlapping(after_start, c_end)]
            if inner:
                return "mixed", (after_start, max(c_end, inner[-1].end))
            return "indirect", (after_start, c_end)
        # Cue at the end of the clause: "Ukraine will win, Zelensky said."
        before_end = _trim_end(text, s_start, clause_start)
        separated = _ENDS_WITH_SEPARATOR.search(text, s_start, clause_start)
        if separated and before_end - s_start >= 6:
            inner = self.quotes.overlapping(s_start, before_end)
            return ("mixed" if inner else "indirect"), (s_start, before_end)
        return None, None

    def _closes_quotation(self, clause_start: int, clause_end: int, sent) -> bool:
        """Whether the cue clause is all of its sentence, so that the quotation before it,
        which ended the previous sentence with "?", "!" or ".", is what was said: “Why now?”
        Brandt said. (The clause may carry an appositive: "..., a lawyer in Hull.")"""
        s_start, s_end = sent
        if clause_start - s_start > 1:
            return False
        rest = self.text[clause_end:s_end].strip()
        return not rest or rest in (".", "!", "?") or rest[0] in ",\u2014\u2013"

    # -- resolution ----------------------------------------------------------------------------

    def _resolve(self, found: list[_Attribution]) -> None:
        ents = self.entities
        assert ents is not None
        last_speaker: Entity | None = None
        last_group: str | None = None
        last_group_type = "unresolved"
        for att in found:
            m = att.speaker_mention
            if m is None:
                continue
            if m.kind == "name":
                ent = ents.person_by_token(m.text.split()[-1], m.start)
                words = [w for w in m.text.split()]
                if ent is None or (
                    len(words) >= 2 and _strip_possessive(words[-1]).lower() != ent.tokens[-1]
                ):
                    ent = (
                        ents._find_person(
                            [
                                _strip_possessive(w)
                                for w in words
                                if w.lower() not in self.res.titles
                            ]
                        )
                        or ent
                    )
                if ent is None and len(m.text.split()) == 1 and not m.roles:
                    # News introduces people by full name; a lone capitalised name never
                    # introduced as a person ("Vistream said") is an organisation.
                    att.speaker, att.source_type = _strip_possessive(m.text), "organization"
                elif ent is None:
                    att.speaker, att.source_type = m.text, "named"
                else:
                    att.speaker, att.source_type, att.entity = ent.canonical, "named", ent
                    ent.roles |= set(m.roles)
                    last_speaker = ent
            elif m.kind == "pronoun":
                if m.head in _PRONOUN_GENDER:
                    ent = self._resolve_pronoun(m, last_speaker)
                    if ent is not None:
                        att.speaker, att.source_type, att.entity = ent.canonical, "named", ent
                        if ent.gender is None:
                            ent.gender = _PRONOUN_GENDER[m.head]
                        last_speaker = ent
                    else:
                        att.speaker, att.source_type = m.text, "unresolved"
                elif last_group is not None:
                    att.speaker, att.source_type = last_group, last_group_type
                else:
                    att.speaker, att.source_type = m.text, "unresolved"
            elif m.kind == "epithet":
                ent = self._resolve_epithet(m)
                if ent is not None:
                    att.speaker, att.source_type, att.entity = ent.canonical, "named", ent
                    last_speaker = ent
                else:
                    att.speaker, att.source_type = m.text, "anonymous"
            elif m.kind == "organization":
                ent = ents.org_by_head(m.head) if m.definite and len(m.text.split()) <= 2 else None
                att.speaker = ent.canonical if ent else _strip_article(m.text)
                att.source_type = "organization"
                last_group, last_group_type = att.speaker, att.source_type
            elif m.kind == "document":
                att.speaker, att.source_type = _strip_article(m.text), "organization"
            elif m.kind == "group":
                if m.definite and len(m.text.split()) <= 3:
                    ent = ents.org_by_head(m.head)
                    if (
                        ent is not None
                        and m.head in self.res.speaker_kind
                        and self.res.speaker_kind[m.head] == "organization"
                    ):
                        att.speaker, att.source_type = ent.canonical, "organization"
                        last_group, last_group_type = att.speaker, att.source_type
                        continue
                att.speaker, att.source_type = m.text, "anonymous"
                last_group, last_group_type = att.speaker, att.source_type

    def _resolve_pronoun(self, m: _Mention, last_speaker: Entity | None) -> Entity | None:
        gender = _PRONOUN_GENDER[m.head]
        ents = self.entities
        assert ents is not None
        # The subject of the previous attribution is the usual antecedent in news prose.
        if last_speaker is not None and last_speaker.gender in (None, gender):
            recent = ents.recent_people(m.start)
            if not recent or recent[0] is last_speaker or recent[0].gender not in (None, gender):
                return last_speaker
            # Another person was mentioned since: prefer them only if introduced as a subject.
            return last_speaker if recent[0].gender is not None else recent[0]
        for ent in ents.recent_people(m.start):
            if ent.gender in (None, gender):
                return ent
        return None

    def _resolve_epithet(self, m: _Mention) -> Entity | None:
        ents = self.entities
        assert ents is not None
        words = {w for w in m.roles if w.isalpha()} | {m.head}
        generic_leader = {"leader", "chief", "head", "boss"}
        best = None
        for rank, ent in enumerate(ents.recent_people(m.start)):
            roles = ent.roles
            overlap = len(words & roles)
            if m.head in generic_leader and roles & (self.res.titles - {"mr", "mrs", "ms", "dr"}):
                overlap += 1
            if overlap:
                score = (overlap, -rank)
                if best is None or score > best[0]:
                    best = (score, ent)
        if best is None:
            # A headline or lede can name a person by role before introducing them.
            for ent in ents.people[:_MAX_CANDIDATES]:
                if ent.first_pos > m.start and words & ent.roles:
                    return ent
        return best[1] if best else None


_WINDOW_BEFORE = 400
_WINDOW_AFTER = 500
_CLOSING_QUOTES = ("\u201d", '"', "\u2019", "'")
_GAP = re.compile(r"[\s,\u2014\u2013-]*")
_WORDS = re.compile(r"\w+")
_ASKED = re.compile(r"asked\b", re.IGNORECASE)
_DASHES = ("\u2014", "\u2013", "-", "--")
_NOUN_CONTEXT = frozenset(
    ("in", "on", "of", "for", "from", "across", "into", "among", "between", "with", "without",
     "about", "over", "under", "through", "during", "per")
)  # fmt: skip
_IRREGULAR_PAST = frozenset(
    ("said", "told", "wrote", "spoke", "swore", "made", "went", "gave", "put", "held", "felt",
     "knew", "thought", "taught", "sought", "shot", "struck", "hit", "bit", "broke", "threw")
)  # fmt: skip
_TIME_HEADS = frozenset(
    ("time", "past", "day", "moment", "morning", "afternoon", "evening", "night", "week",
     "weekend", "month", "year", "meantime", "interim", "end", "meeting", "interview", "debate",
     "speech", "statement", "hearing", "rally")
)  # fmt: skip
_NOUN_FIRST_FORMS = frozenset(
    ("state", "states", "comment", "comments", "remark", "remarks", "report")
)  # fmt: skip
_SHARES = frozenset(
    ("half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "majority", "majorities",
     "plurality", "two-thirds", "three-quarters", "three-fourths", "two-fifths", "three-fifths")
)  # fmt: skip
_SMALL_NUMBERS = frozenset(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))
_APPROXIMATELY = frozenset(
    ("about", "nearly", "almost", "roughly", "around", "some", "just", "only", "over", "under",
     "barely", "fully", "approximately")
)  # fmt: skip
_NUMBER_WORDS = frozenset(
    ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "dozen", "dozens", "hundreds", "thousands", "several", "numerous")
)  # fmt: skip
_COUNT_WORDS = _SMALL_NUMBERS | _NUMBER_WORDS
_ENDS_WITH_SEPARATOR = re.compile(r"[,\u2014\u2013]\s*\Z")
_THAT_NEAR = re.compile(r"(?:[\w'\u2019-]+[ \t]+){0,8}?that\s|:\s")


def _skip_parenthesis(toks: list[Token], j: int) -> int:
    """The index before a short parenthesis that ends at ``toks[j]`` ("Sen. Ada Voss (D-Ore.)
    said", "Ada Voss (pictured) said"); ``j`` itself when there is none."""
    if j >= 2 and toks[j].text == ")":
        k = j - 1
        while k > j - 6 and k >= 0 and toks[k].text not in ("(", ")", ",", '"'):
            k -= 1
        if k >= 1 and k < j - 1 and toks[k].text == "(":
            return k - 1
    return j


def _plural_in(word: str, vocabulary: dict[str, str]) -> bool:
    return word.endswith("s") and word[:-1] in vocabulary


def _strip_article(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or text


def _inner(text: str, q: QuoteSpan) -> tuple[int, int]:
    """The quoted words without the comma that stands in for a full stop before a cue."""
    end = q.inner_end
    while end > q.inner_start and text[end - 1] in ", \n":
        end -= 1
    return (q.inner_start, end)


def _skip_punct(text: str, pos: int, limit: int) -> int:
    while pos < limit and (text[pos].isspace() or text[pos] in ",:;\u2014\u2013-"):
        pos += 1
    return pos


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?\u2014\u2013-"):
        end -= 1
    return end


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def find_attributions(
    text: str, quotes: QuoteIndex | None = None, hay: str | None = None
) -> list[tuple]:
    """Rows of attributions as tuples in :data:`~framing.types.ATTRIBUTION_COLUMNS` order.

    ``quotes`` (the text's quotation index) and ``hay`` (its :func:`~framing.lexicon.haystack`)
    can be passed by a caller that has them already.
    """
    res = resources_()
    ext = _Extractor(text, res, quotes, hay)
    rows = []
    for att in ext.run():
        m = att.speaker_mention
        q = att.content
        entry = att.cue_entry
        rows.append(
            (
                att.speaker,
                m.start if m else None,
                m.end if m else None,
                text[m.start : m.end] if m else None,
                text[att.cue_start : att.cue_end],
                att.cue_start,
                att.cue_end,
                entry["term"],
                entry["verb_class"],
                att.kind,
                text[q[0] : q[1]] if q else None,
                q[0] if q else None,
                q[1] if q else None,
                att.source_type,
                att.sentence[0],
                att.sentence[1],
            )
        )
    return rows


def to_frame(rows: list[tuple]) -> pd.DataFrame:
    df = build_frame(rows, _SCHEMA)
    df.attrs["detector"] = DETECTOR
    df.attrs["lexicons"] = list(resources_().lexicon_labels)
    return df


def attributions(text: str) -> pd.DataFrame:
    """Find who is quoted or paraphrased in ``text``, with which cue and how.

    Args:
        text: the article text.

    Returns:
        One row per attribution, columns as in :data:`framing.types.ATTRIBUTION_COLUMNS`:
        ``speaker`` (canonical name within the article), ``speaker_start/end/text`` (the mention
        as written), ``verb`` and its offsets, ``verb_lemma``, ``verb_class`` (neutral, doubt,
        concession, endorsement, emotive, directive), ``kind`` (direct, indirect, mixed,
        according_to), ``quote`` and its offsets (the reported content), ``source_type``
        (named, organization, anonymous, unresolved) and the sentence span.

    Raises:
        TypeError: if ``text`` is not a ``str``.

    Examples:
        >>> text = ("Finance Minister Piet Ostrander spoke on Monday. “We will not move,” he said. "
        ...         "Ostrander claimed the offer was fair.")
        >>> for row in attributions(text)[["speaker", "verb", "verb_class", "kind"]].values:
        ...     print(list(row))
        ['Piet Ostrander', 'said', 'neutral', 'direct']
        ['Piet Ostrander', 'claimed', 'doubt', 'indirect']
    """
    check_text(text, "attributions")
    return to_frame(find_attributions(text))
