"""The article's entity table: named people and organisations, found once per article from its
runs of capitalised words, so later mentions (surnames, pronouns, role descriptions) can be
resolved to them."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from framing.detect.attribution.resources import ORG_KINDS, Resources

_NONSPACE = re.compile(r"\S+")
_LINE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
#: The longest line read as a possible headline.
HEADLINE_CHARS = 200
# The word and full stop just before a capitalised run ("Dr. ", "Lt. Col. "): a title.
_ABBREVIATION_BEFORE = re.compile(r"([A-Za-z]+)\.[ \t]+\Z")
# A hyphenated compound with a lower-case part: a role ("Mum-of-two"), not a name word.
_ROLE_COMPOUND = re.compile(r"[a-z]-(?:of|in)-[a-z]|^Ex-[a-z]")
# A lower-case "the" just before a capitalised run: an organisation or a place, not a person.
_THE_BEFORE = re.compile(r"(?<![A-Za-z])the[ \t]+\Z")
# A lower-case word just before a capitalised run ("charity Safe Bet", "operator Westgrid"),
# matched on the reversed text before the run: letters and hyphens.
_RUN_REVERSED = re.compile(r"[a-z-]+")
# The lower-case word just before a capitalised run ("on Capitol Hill"), and the spaces.
_WORD_BEFORE = re.compile(r"(?<![A-Za-z])([a-z]+)[ \t]+\Z")


#: The endings of a possessive ("the mayor's", "the unions'").
POSSESSIVE_ENDINGS = ("'s", "\u2019s", "s'", "s\u2019")


def strip_possessive(word: str) -> str:
    """``"Voss's"`` -> ``"Voss"``, ``"workers'"`` -> ``"workers"`` (string checks, no regex)."""
    if word.endswith(("'s", "\u2019s")):
        return word[:-2]
    if word.endswith(("'", "\u2019")):
        return word[:-1]
    return word


# How many earlier entities a mention is compared with: enough for any real article, and it keeps
# the time linear on pathological input with thousands of names.
MAX_CANDIDATES = 50


@dataclass(eq=False)  # one object per person or organisation: compared by identity
class Entity:
    canonical: str
    kind: str  # person / organization
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    tokens: tuple[str, ...] = ()
    first_pos: int = 0


@dataclass
class Mention:
    start: int
    end: int
    text: str
    # name / pronoun / epithet / group / organization / document / relative; a line's label:
    # voice (a transcript's speaker, "TAPPER:") / answer (an interview's "A:")
    kind: str
    head: str = ""
    roles: tuple[str, ...] = ()
    definite: bool = False
    #: Where the phrase naming the speaker starts, when before ``start`` (a description
    #: before the name: "the union's president, Carla Mendes"); ``None``: at ``start``.
    phrase_start: int | None = None


class Entities:
    """Named people and organisations of one article, for resolving later mentions."""

    def __init__(self, text: str, res: Resources):
        self.res = res
        self.people: list[Entity] = []
        self.orgs: list[Entity] = []
        # Indexes keep look-ups constant-time however many names an article holds.
        self._by_tokens: dict[tuple[str, ...], Entity] = {}
        self._by_token: dict[str, list[Entity]] = {}
        self._org_by_name: dict[str, Entity] = {}
        self.mentions: list[tuple[int, Entity]] = []  # (position, entity), sorted
        self._headlines: dict[int, bool] = {}  # line start -> written in title case
        self._line: tuple[int, int] = (0, -1)  # the last line looked up: start, end
        # The end of the last run of titles only, and its roles ("Republican Sen").
        self._roles_ending: tuple[int, set[str]] = (-1, set())
        self._text = text
        self._scan(text)

    def _is_org_word(self, word: str) -> bool:
        return self.res.speaker_kind.get(word.lower()) in ORG_KINDS

    def _scan(self, text: str) -> None:
        res = self.res
        common = res.common_words
        openers = res.name_openers
        for m in res.name_sequence.finditer(text):
            group = m.group()
            start = m.start()
            if self._org_noun_before(text, start) and not self._opens_with_title(group):
                # "Addiction charity Safe Bet", "Grid operator Westgrid": a named organisation
                # ("party Chairman Lena Holm" is a person with a role: read on)
                self._add_org(strip_possessive(group).rstrip("."), start)
                continue
            if " " not in group and "\t" not in group:
                # One capitalised word (the common case): the steps below, cut short.
                if group.lower() in common:
                    continue  # a capitalised common word opening a sentence ("The", "Officials")
                title = self._title_roles(text, start)
                word = group if group in ("Jr.", "Sr.") else strip_possessive(group).rstrip(".")
                if word and title is not None:
                    self._titled_surname(word, start, title)  # "Mr. Okafor"
                elif word and word.lower() not in openers:
                    self._one_word(word, start)
                continue
            if group.count(" ") >= 2 and self._in_headline(text, start):
                # "Trump Addresses Munich Attack", "Will Twitter Be Next": a long run of
                # capitals in a line written in title case names nobody.
                continue
            if _THE_BEFORE.search(text, max(0, start - 5), start):
                # "at the Norvale Agritech site": a person's name takes no "the"
                self._add_org(strip_possessive(group).rstrip("."), start)
                continue
            title = self._title_roles(text, start)
            words: list[str] = []
            offsets: list[int] = []
            for wm in _NONSPACE.finditer(group):
                w = wm.group()
                if words and (
                    words[-1].endswith(("'s", "\u2019s"))
                    or (words[-1].endswith(("s'", "s\u2019")) and not self._is_org_word(w.lower()))
                ):
                    # "Ruth Adler's Labour Alliance", "Democracy Corps' Stan Greenberg": the
                    # possessor's name ends the run (a plural one not before an organisation
                    # word: "the Harbour Workers' Union" is one name)
                    self._run(self._stripped(words), offsets, title)
                    words, offsets, title = [], [], None
                words.append(w)
                offsets.append(start + wm.start())
            self._run(self._stripped(words), offsets, title)
        self.mentions.sort(key=lambda x: x[0])
        self._positions = [p for p, _ in self.mentions]

    def _in_headline(self, text: str, pos: int) -> bool:
        """Whether the line holding ``text[pos]`` is written in title case (a headline: at
        most :data:`HEADLINE_CHARS` characters, four or more words of four or more letters,
        nine in ten of them capitalised)."""
        begin, end = self._line
        if not begin <= pos <= end:
            # (the line is looked up once, not again for each run of capitals in it: in a
            # text without line breaks every look-back ran to the start of the text)
            begin = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            self._line = (begin, end)
        known = self._headlines.get(begin)
        if known is None:
            known = False
            if end - begin <= HEADLINE_CHARS:  # a paragraph is no headline: not read
                long = [w for w in _LINE_WORD.findall(text, begin, end) if len(w) >= 4]
                known = len(long) >= 4 and sum(w[0].isupper() for w in long) * 10 >= 9 * len(long)
            self._headlines[begin] = known
        return known

    @staticmethod
    def _stripped(words: list[str]) -> list[str]:
        # (initials run together keep their last full stop: "G.K. Butterfield", "U.S.")
        return [
            w if w in ("Jr.", "Sr.") or "." in w[1:-1] else strip_possessive(w).rstrip(".")
            for w in words
        ]

    def _run(self, words: list[str], offsets: list[int], title: set[str] | None) -> None:
        """A run of two or more capitalised words: a person (after any titles and role
        words), an organisation, or a person followed by where they are from ("Lena Holm of
        the Coastal Union": the person, then the rest read as a run of its own)."""
        res = self.res
        titles, speaker_kind = res.titles, res.speaker_kind
        lower = [w.lower() for w in words]
        # Drop a sentence-initial function word ("The", "In", "But"), with the "of" of a
        # complex preposition ("All of Okafor's staff"), and a hyphenated role compound
        # ("Mum-of-two Kerry Blake").
        k = 0
        while k < len(lower) and (
            lower[k] in res.name_openers
            or (k and lower[k] == "of")
            or _ROLE_COMPOUND.search(words[k])
        ):
            k += 1
        if k:
            words, offsets, lower = words[k:], offsets[k:], lower[k:]
        if len(words) <= 1:
            if words:
                self._one_word(words[0], offsets[0])
            return
        # Strip titles: everything up to the last title word is role, the rest the name.
        last_title = -1
        for i, w in enumerate(lower):
            if w in titles or (i + 1 < len(lower) and f"{w} {lower[i + 1]}" in titles):
                last_title = i
        # Role nouns opening the run are no part of the name ("Analyst Dirk Maesen").
        while last_title + 2 < len(lower) and speaker_kind.get(lower[last_title + 1]) == "person":
            last_title += 1
        name_end = (
            lower.index("of", last_title + 2) if "of" in lower[last_title + 2 :] else len(lower)
        )
        for r in range(name_end - 3, last_title, -1):
            if speaker_kind.get(lower[r]) == "person":
                # A role noun inside the run, two or more words before the name's end
                # ("Assistant U.S. Attorney Lidia Marchetti"; not "Senator Ana Baker of
                # Ohio"): the words up to it name the role.
                last_title = r
                break
        if last_title >= 0 and last_title + 2 < len(lower) and lower[last_title + 1] == "of":
            # A title with its office ("Secretary of State Lena Holm", "Chief of Staff"):
            # the name follows the office.
            last_title += 2
        kinds = [speaker_kind.get(w) for w in lower]
        if "of" in lower[last_title + 2 :]:
            # "Pia Wendt of Tessin", "Mr. Okafor of the Harbour Trust": a person's name with
            # where they are from, when no organisation word comes before the "of" ("Bank of
            # Halvig", "Ministry of Transport" stay whole).
            cut = lower.index("of", last_title + 2)
            if not any(kind in ORG_KINDS for kind in kinds[:cut]):
                self._run(words[:cut], offsets[:cut], title)
                rest = cut + 1
                if rest < len(lower) and lower[rest] == "the":
                    rest += 1
                if rest < len(words):
                    self._run(words[rest:], offsets[rest:], None)
                return
        if len(lower) - last_title > 2 and self._names_place(lower[last_title + 1 :], offsets[0]):
            return  # "Wall Street", "a White House bid", "the Affordable Care Act": no one
        # An organisation word in the name itself ("Northline Energy"), not in a role
        # before it ("Police Commissioner Jonas Heller"), makes it an organisation.
        if any(kind in ORG_KINDS for kind in kinds[last_title + 1 :]) or (
            last_title == len(lower) - 1 and any(kind in ORG_KINDS for kind in kinds)
        ):
            self._add_org(" ".join(words), offsets[0])
            return
        roles = set(lower[: last_title + 1])
        if title is not None:
            roles |= title
        name_words = words[last_title + 1 :]
        if not name_words:  # (no word after the last title is a title, by construction)
            # Titles only ("Republican Sen" of "Republican Sen. Ted Cruz"): the name after
            # the abbreviation takes them (:meth:`_title_roles`).
            self._roles_ending = (offsets[-1] + len(words[-1]), roles)
            return
        if len(name_words) > 4:
            return
        if len(name_words) == 1:  # a role and a surname ("Minister Ostrander")
            self._titled_surname(name_words[0], offsets[-1], roles)
            return
        ent = self.find_person(name_words)
        if ent is None:
            ent = self._add_person(name_words, offsets[last_title + 1])
        ent.roles |= roles
        self._gender_from(ent, roles)
        self.mentions.append((offsets[last_title + 1], ent))

    def _names_place(self, lower: list[str], start: int) -> bool:
        """Whether two or more capitalised words (lower-cased, ``lower``, after any titles;
        the run at ``start``) name a place, a building, a law or an event, not a person: they
        end with a word no surname is ("Street", "House", "County"; "Act", "Summit"; "Super
        Tuesday"), open with a word no given name is ("North Korea", "San Diego", "New
        Delhi"), or end with one that is also a surname ("Hill", "Bay", "Tower", "Day")
        after a preposition of place or time ("on Capitol Hill", "in Green Bay", "at Trump
        Tower", "on Election Day"; "Anita Hill said" is a person) or after a place word of
        their own ("Capitol Hill")."""
        res = self.res
        last = lower[-1]
        if last in res.place_heads or last in res.thing_heads:
            return True
        if lower[0] in res.place_openers:
            return True  # "North Korea", "South Carolina", "San Diego", "New Delhi"
        if last not in res.surname_heads:
            return False
        if lower[-2] in res.place_heads:
            return True
        before = _WORD_BEFORE.search(self._text, max(0, start - 16), start)
        return before is not None and before.group(1) in res.locative_prepositions

    def _title_before(self, text: str, start: int) -> str | None:
        """The abbreviated title written just before ``text[start]`` ("Dr. ", "Sen. "), if
        any, lower-cased without its full stop."""
        if start < 3 or text[start - 1] not in " \t" or text[start - 2] not in ". \t":
            return None
        m = _ABBREVIATION_BEFORE.search(text, max(0, start - 12), start)
        if m is None:
            return None
        word = m.group(1).lower()
        return word if word in self.res.title_abbreviations else None

    def _title_roles(self, text: str, start: int) -> set[str] | None:
        """The roles of the abbreviated title just before ``text[start]``: the title, with
        the role words of a run of titles that ends at it ("Republican Sen. Ted Cruz":
        {"sen", "republican"}); None without such a title."""
        title = self._title_before(text, start)
        if title is None:
            return None
        end, roles = self._roles_ending
        # The run of titles ends where the abbreviation does: "Sen" + ". " + the name.
        return {title, *roles} if end == text.rfind(".", 0, start) else {title}

    def _org_noun_before(self, text: str, start: int) -> bool:
        """Whether an organisation noun is written just before ``text[start]`` ("charity ",
        "operator "), so that the capitalised run names that organisation."""
        if start < 2 or text[start - 1] not in " \t" or not text[start - 2].islower():
            return False
        # The run of [a-z-] before the spaces, read backwards (a search for it forwards would
        # try every position of the window); the noun starts at its first letter.
        m = _RUN_REVERSED.match(text[max(0, start - 24) : start].rstrip(" \t")[::-1])
        word = m.group()[::-1].lstrip("-") if m else ""
        if not word:
            return False
        return self.res.speaker_kind.get(word) == "organization" and word not in self.res.name_parts

    def _opens_with_title(self, group: str) -> bool:
        """Whether a capitalised run opens with a title ("Chairman Reince Priebus")."""
        return group.split(None, 1)[0].rstrip(".").lower() in self.res.titles

    def _titled_surname(self, word: str, pos: int, roles: set[str]) -> None:
        """A surname after a title ("Minister Ostrander", "Mr. Okafor"): a person."""
        ent = self.person_by_token(word, pos)
        if ent is None:
            ent = self._add_person([word], pos)
        ent.roles |= roles
        self._gender_from(ent, roles)
        self.mentions.append((pos, ent))

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

    def find_person(self, words: list[str]) -> Entity | None:
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

    def person_named(self, tokens: tuple[str, ...]) -> Entity | None:
        """The person introduced with exactly these (lower-case) name words, if any."""
        ent = self._by_tokens.get(tokens)
        return ent if ent is not None and ent.kind == "person" else None

    def person_by_token(self, word: str, pos: int) -> Entity | None:
        w = strip_possessive(word).lower()
        best = None
        for ent in self._by_token.get(w, ())[-MAX_CANDIDATES:]:
            if w in ent.tokens:
                # Prefer a surname match, then the most recently introduced person.
                score = (ent.tokens[-1] == w, ent.first_pos <= pos, ent.first_pos)
                if best is None or score > best[0]:
                    best = (score, ent)
        return best[1] if best else None

    def company_by_first_word(self, word: str, pos: int) -> Entity | None:
        """The company named before ``pos`` as ``word`` and words that end a company's name
        ("Northline" for "Northline Energy", "Mercury" for "Mercury LLC"; not "Trump" for "the
        Trump Train" or "Cleveland" for "the Cleveland Police Association"), the most recent if
        several."""
        company = self.res.company_words
        for ent in reversed(self.orgs[-MAX_CANDIDATES:]):
            if (
                len(ent.tokens) > 1
                and ent.tokens[0] == word
                and ent.first_pos < pos
                and all(t in company for t in ent.tokens[1:])
            ):
                return ent
        return None

    def org_by_head(self, head: str) -> Entity | None:
        for ent in reversed(self.orgs[-MAX_CANDIDATES:]):
            if head in ent.tokens or any(t.startswith(head) for t in ent.tokens):
                return ent
        return None

    def last_mention(self, ent: Entity, pos: int) -> int:
        """The position of the last mention of ``ent`` before ``pos`` (-1 if none)."""
        i = bisect.bisect_left(self._positions, pos)
        for k in range(i - 1, max(-1, i - 1 - MAX_CANDIDATES * 4), -1):
            if self.mentions[k][1] is ent:
                return self.mentions[k][0]
        return -1

    def recent_people(self, pos: int) -> list[Entity]:
        """People mentioned before ``pos``, most recent first, each once."""
        i = bisect.bisect_left(self._positions, pos)
        seen: list[Entity] = []
        for k in range(i - 1, max(-1, i - 1 - MAX_CANDIDATES * 4), -1):
            ent = self.mentions[k][1]
            if ent.kind == "person" and ent not in seen:
                seen.append(ent)
                if len(seen) >= MAX_CANDIDATES:
                    break
        return seen
