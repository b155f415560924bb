"""What kind of source a noun phrase names: a name, a pronoun, a role description (an
epithet), a group, an organisation or a document (:func:`classify`); whether a mention is a
person's name; a phrase whose name a clause withholds (an anonymous source)."""

from __future__ import annotations

from framing.detect.attribution.article import Article
from framing.detect.attribution.entities import POSSESSIVE_ENDINGS, Mention
from framing.detect.attribution.words import AGED, clean_word, is_name_token, title_stop
from framing.text import Token

#: Pronouns for an unnamed person that take no modifier before them.
INDEFINITE_PRONOUNS = frozenset(("someone", "somebody"))


def is_personal_name(art: Article, mention: Mention) -> bool:
    """Whether a mention is a person's name, not a title standing alone ("Minister",
    "Secretary of State") or a capitalised description."""
    if mention.kind != "name" or mention.head in art.res.titles:
        return False
    if mention.head not in art.res.speaker_kind:
        return True
    # a surname that is also a noun ("Senator Ana Shepherd", "Ana Singer"): a person the
    # article introduces by that name
    words = mention.text.split()
    return len(words) >= 2 and art.entities.person_by_token(words[-1], mention.start) is not None


def is_anonymity_clause(art: Article, segment: list[Token]) -> bool:
    """Whether a parenthetical withholds the source's name ("who asked not to be named",
    "who spoke on condition of anonymity", "who was not authorised to speak")."""
    if not segment:
        return False
    text = art.doc.lower[segment[0].start : segment[-1].end]
    return any(marker in text for marker in art.res.anonymity_markers)


def anonymous_np(art: Article, toks: list[Token], first: int, last: int) -> Mention:
    """The phrase ``toks[first:last + 1]`` as an anonymous source: a clause said the name is
    withheld, so no name inside the phrase ("One pharmacist in Ressel") makes it named. It
    starts at its first determiner or number when it has one ("On Monday, a nurse at ...")."""
    res = art.res
    for k in range(first, last + 1):
        w = toks[k].lower
        if w in res.determiners or w in res.possessives or w.isdigit() or w in res.count_words:
            first = k
            break
    start, end = toks[first].start, toks[last].end
    return Mention(start, end, art.text[start:end], "anonymous", head=clean_word(toks[last]))


#: The last parts of compound person nouns the speaker lexicon need not list one by one.
_AGENT_SUFFIXES = tuple(
    f"{base}{plural}"
    for base in ("writer", "worker", "keeper", "maker", "woman", "women", "mother", "father",
                 "owner", "leader", "fighter", "teacher", "dealer", "trader", "seller")
    for plural in ("", "s")
    if not (base.endswith("women") and plural)
)  # fmt: skip


def classify(art: Article, span: list[Token]) -> Mention | None:
    res = art.res
    if not span:
        return None
    if span[-1].lower in INDEFINITE_PRONOUNS:
        span = span[-1:]  # "someone" takes no words before it ("So if somebody walks in")
    if (
        len(span) >= 3
        and span[-1].lower == "others"
        and span[-2].lower == "and"
        and is_name_token(span[-3])
    ):
        # "Edwards and others said": the named person speaks, with people left unnamed
        named = classify(art, span[:-2])
        if named is not None and named.kind == "name":
            return named
    words = [clean_word(t) for t in span]
    first = words[0]
    possessor = span[0].text.endswith(POSSESSIVE_ENDINGS) and len(span) > 1
    definite = first in ("the", "this", "that") or first in res.possessives or possessor
    text = art.text[span[0].start : span[-1].end]
    start, end = span[0].start, span[-1].end
    head = words[-1]
    # "the mayor's spokeswoman": the words up to a possessive describe the owner, not the
    # person speaking, so a description's roles are the words after it
    owned = 1 + max(
        (k for k in range(len(span) - 1) if span[k].text.endswith(POSSESSIVE_ENDINGS)),
        default=0,
    )
    kind_of_head = res.speaker_kind.get(head)
    if kind_of_head is None and AGED.match(head):
        kind_of_head = "person"  # "the 46-year-old said", "a 19-year-old told"
    if kind_of_head is None and head.isalpha() and len(head) >= 9:
        # a compound whose last part is one of the agent nouns compounds are made of
        # ("speechwriter", "grandmother", "businesswoman", "shopworkers")
        kind_of_head = next(("person" for suffix in _AGENT_SUFFIXES if head.endswith(suffix)), None)
    caps = [t for t in span if is_name_token(t)]
    if (
        caps
        and is_name_token(span[-1])
        # "some Democrats", "the President": one capitalised role word, no name (and not
        # the surname of a person of the article: "Guardian said" after "Don Guardian")
        and not (
            len(caps) == 1
            and res.speaker_kind.get(clean_word(caps[0])) in ("person", "title")
            and art.entities.person_by_token(caps[0].text, caps[0].start) is None
        )
    ):
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
        # Lower-case words before the capitalised run describe the person ("property
        # developer Simon Hart", "72-year-old Harold Beck"); they are no part of the name.
        cap_start = len(span) - 1
        while cap_start > 0 and (
            is_name_token(span[cap_start - 1]) or title_stop(art, span, cap_start - 1)
        ):
            cap_start -= 1
        if first == "the" and last_title < 0 and cap_start <= 1:
            return Mention(start, end, text, "organization", head=head, definite=True)
        own_title = last_title
        last_title = max(last_title, cap_start - 1)
        name_words = words[last_title + 1 :]
        for k, w in enumerate(name_words):
            if k and w in ("of", "at", "from", "for"):
                name_words = name_words[:k]  # "Dirk Maesen of Orsund Securities"
                break
        for k in range(len(span) - 2, last_title, -1):
            if span[k].text.endswith(("'s", "\u2019s")):
                # "Purple PAC's Crane", "Northline's Okafor": the person of the possessor
                name_words = words[k + 1 :]
                break
        # (a name right after a courtesy title, or a title abbreviated, is a person's whatever
        # its words: "Mr. Banks", "Sen. Amy Post"; not "General Electric")
        titled = (
            own_title >= 0
            and words[own_title] in res.title_abbreviations
            and (
                words[own_title] in res.courtesy_titles
                or art.text.startswith(".", span[own_title].end - 1)
                or art.text.startswith(".", span[own_title].end)
            )
            and all(t.text == "." for t in span[own_title + 1 : cap_start])
        )
        org_in_name = (
            (
                not titled
                and any(res.speaker_kind.get(w) in ("organization", "document") for w in name_words)
            )
            or (
                # "Grid operator Westgrid", "Addiction charity Safe Bet": an organisation noun
                # before the name, which the article does not introduce as a person
                cap_start > 0
                and res.speaker_kind.get(words[cap_start - 1]) == "organization"
                and words[cap_start - 1] not in res.name_parts
                and own_title < cap_start  # not "Defence Secretary Ragnar Falk"
            )
            or (
                # "Downing Street said", "Wall Street expects": a place speaking for the people
                # and offices in it
                cap_start == 0 and len(name_words) >= 2 and head in res.place_heads
            )
        )
        if org_in_name:
            return Mention(start, end, text, "organization", head=head, definite=True)
        described = described_name(art, span, words, cap_start, own_title)
        if described is not None:
            return described
        if first in ("a", "an", "another") and len(words) >= 2:
            # "a Vermont Democrat", "another New Hampshire Republican": a description of
            # an unnamed person (a proper name takes no indefinite article).
            return Mention(start, end, text, "group", head=head, definite=False)
        return Mention(
            start, end, text, "name", head=head, roles=tuple(w for w in words[: last_title + 1])
        )
    if kind_of_head == "organization" and head in res.name_parts:
        kind_of_head = None  # "two allied capitals": a company word only inside a name
    if len(words) >= 2 and f"{words[-2]} {words[-1]}" in res.speaker_kind:
        # a compound names the source better than its last word ("charge sheet")
        kind_of_head = res.speaker_kind[f"{words[-2]} {words[-1]}"]
    if kind_of_head is None:
        if definite and 2 <= len(words) <= 4 and all(w.isalpha() for w in words):
            # "the livid forward", "the veteran": a definite description of a person the
            # article has introduced; resolved by role words, else anonymous.
            return Mention(
                start, end, text, "epithet", head=head, roles=tuple(words[owned:]), definite=True
            )
        return None
    if kind_of_head == "title":
        if head in res.org_voices and (
            any(res.speaker_kind.get(w) == "organization" for w in words[:-1])
            or any(is_name_token(t) and clean_word(t) not in res.determiners for t in span[:-1])
        ):
            # "A ministry spokesperson", "a hospital spokesman": the institution speaks
            return Mention(start, end, text, "organization", head=head, definite=True)
        if len(span) == 1 and span[0].text.islower() and head not in res.org_voices:
            # "..., says minister" (a headline): a bare title names one person the story
            # introduces, as "the minister" does.
            return Mention(start, end, text, "epithet", head=head, definite=True)
        if not definite:
            # "a senior official", "one minister": an unnamed person.
            return Mention(start, end, text, "group", head=head, definite=False)
        return Mention(
            start, end, text, "epithet", head=head, roles=tuple(words[owned:]), definite=True
        )
    if kind_of_head == "person":
        if definite and head in res.titles:
            return Mention(
                start, end, text, "epithet", head=head, roles=tuple(words[owned:]), definite=True
            )
        if head in res.org_voices and (
            possessor or any(res.speaker_kind.get(w) == "organization" for w in words[:-1])
        ):
            # "the ministry's spokesperson", "a hospital spokesman": the institution speaks
            return Mention(start, end, text, "organization", head=head, definite=True)
        return Mention(start, end, text, "group", head=head, definite=definite)
    return Mention(start, end, text, kind_of_head, head=head, definite=definite)


def described_name(
    art: Article, span: list[Token], words: list[str], cap_start: int, own_title: int
) -> Mention | None:
    """A name after an article and adjectives that describe the person ("A defiant Ana
    Ruiz"; "a tearful Ruiz" once the article has introduced Ana Ruiz): the name, the
    adjectives its roles (a person is meant); None when the words are no such phrase ("a
    Vermont Democrat" is an unnamed person, "the Harbour Trust" an organisation, "the state
    Division" one capitalised word no person of the article bears)."""
    res = art.res
    if cap_start < 2 or own_title >= 0 or words[0] not in ("a", "an", "the"):
        return None
    adjectives = words[1:cap_start]
    if not all(
        w.isalpha()
        and span[k + 1].text.islower()
        and w not in res.speaker_kind
        and w not in res.determiners
        and w not in res.noun_context
        and w not in res.postmods
        for k, w in enumerate(adjectives)
    ):
        return None  # ("a junior from Las Vegas": a description with a place in it)
    name = span[cap_start:]
    if any(res.speaker_kind.get(w) in ("person", "title") for w in words[cap_start:]):
        return None  # "a young Republican": an unnamed party member
    if not all(
        not t.text.isupper() and all(part[:1].isupper() for part in t.text.split("-")) for t in name
    ):
        return None  # "a super PAC", "a former Census-taker" (not "Ana Smith-Jones")
    first = span[cap_start]
    if len(name) == 1 and art.entities.person_by_token(first.text, first.start) is None:
        return None  # "the state Division": one capitalised word, no person of the article
    text = art.text[first.start : span[-1].end]
    return Mention(
        first.start,
        span[-1].end,
        text,
        "name",
        head=words[-1],
        roles=tuple(adjectives),
        phrase_start=span[0].start,
    )
