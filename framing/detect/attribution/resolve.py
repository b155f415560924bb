"""Resolution: each speaker mention mapped to one canonical source within the article. Full
names, surnames, pronouns and role descriptions ("the Ukrainian leader") of one person map to one
name; a mention that names nobody is anonymous, an organisation or a document."""

from __future__ import annotations

import re

from framing.detect.attribution.article import Article, Candidate
from framing.detect.attribution.entities import (
    MAX_CANDIDATES,
    POSSESSIVE_ENDINGS,
    Entity,
    Mention,
    strip_possessive,
)
from framing.detect.attribution.resources import Resources


def resolve(art: Article, found: list[Candidate]) -> None:
    """Fill in ``speaker``, ``source_type`` and ``entity`` of every candidate, in text order
    (a pronoun or a plural "they" refers back to the sources before it)."""
    res = art.res
    ents = art.entities
    last_speaker: Entity | None = None
    last_group: str | None = None
    last_group_type = "unresolved"
    previous: Candidate | None = None  # the attribution before, whoever its source
    lone: list[Candidate] = []  # attributions to a lone name the article never introduced
    for att in found:
        m = att.speaker_mention
        before, previous = previous, (att if m is not None else previous)
        if m is None:
            continue
        if m.kind == "name":
            ent = ents.person_by_token(m.text.split()[-1], m.start)
            words = [w for w in m.text.split()]
            if ent is None or (
                len(words) >= 2 and strip_possessive(words[-1]).lower() != ent.tokens[-1]
            ):
                ent = (
                    ents.find_person(
                        [strip_possessive(w) for w in words if w.lower() not in art.res.titles]
                    )
                    or ent
                )
            elif len(words) >= 2:
                # "her son Luca Ferrante" after "Nadia Ferrante": the full name a person was
                # introduced with wins over a shared surname.
                titles, roles = art.res.titles, m.roles
                named = tuple(
                    w for w in m.text.lower().split() if w not in titles and w not in roles
                )
                if "'" in m.text or "\u2019" in m.text:
                    named = tuple(strip_possessive(w) for w in named)
                if len(named) >= 2 and named != ent.tokens:
                    ent = ents.person_named(named) or ent
            if ent is None and len(m.text.split()) == 1 and not m.roles:
                # News introduces people by full name; a lone capitalised name never
                # introduced as a person ("Vistream said") is an organisation: the company
                # the article named in full ("Northline Energy" ... "Northline said"), if any.
                word = strip_possessive(m.text)
                org = ents.company_by_first_word(word.lower(), m.start)
                att.speaker = org.canonical if org is not None else word
                # ... unless what it said speaks of it as "he" or "she" ("Bob said he
                # arrived", "Okafor says she will stand"): then a person, named.
                att.source_type = (
                    "named" if org is None and _refers_as_person(art, att) else "organization"
                )
                gap = art.text[m.end : att.cue_start].split()
                if (
                    org is None
                    and att.source_type == "organization"
                    and len(gap) <= 1
                    and all(w.isalpha() and w.islower() for w in gap)
                ):
                    # "McDonald's said", "Moody's also warned": the company's name as written
                    # (not an owner's: "China's state-owned giant ... says")
                    att.speaker = m.text
                lone.append(att)
            elif ent is None and len(m.text.split()) == 1 and _describes_organisation(res, m):
                # "Vistream, a streaming firm, said": an appositive of an organisation's noun
                att.speaker, att.source_type = strip_possessive(m.text), "organization"
            elif ent is None:
                att.speaker, att.source_type = m.text, "named"
            else:
                att.speaker, att.source_type, att.entity = ent.canonical, "named", ent
                ent.roles |= set(m.roles)
                if ent.gender is None:
                    # A gendered title with the name as the article writes it ("Mrs. Voss").
                    ent.gender = next(
                        (res.gender_words[r] for r in m.roles if r in res.gender_words), None
                    )
                last_speaker = ent
        elif m.kind == "pronoun":
            unnamed = unnamed_person_before(art, m, before)
            if m.head in res.writer_pronouns or m.head == "you":
                # "“...,” I said": the writer, whom the text does not name; "You said ...":
                # the one addressed, whom "you" does not name either.
                att.speaker, att.source_type = m.text, "unresolved"
            elif m.head in res.pronoun_genders and unnamed is not None:
                # "One docker ..., who asked not to be named, said ... “...,” he said": the
                # pronoun takes up the unnamed person who spoke last.
                att.speaker, att.source_type = unnamed.speaker, unnamed.source_type
            elif m.head in res.pronoun_genders:
                ent = resolve_pronoun(art, m, last_speaker)
                if ent is not None:
                    att.speaker, att.source_type, att.entity = ent.canonical, "named", ent
                    if ent.gender is None:
                        ent.gender = res.pronoun_genders[m.head]
                    last_speaker = ent
                else:
                    att.speaker, att.source_type = m.text, "unresolved"
            elif last_group is not None:
                att.speaker, att.source_type = last_group, last_group_type
            else:
                att.speaker, att.source_type = m.text, "unresolved"
        elif m.kind == "epithet":
            ent = resolve_epithet(art, m)
            if ent is not None:
                att.speaker, att.source_type, att.entity = ent.canonical, "named", ent
                last_speaker = ent
            elif m.head in res.org_voices and any(
                w.endswith(POSSESSIVE_ENDINGS) for w in m.text.split()[:-1]
            ):
                # "the mayor's spokeswoman", none named: the office speaks, as it does in
                # "Varga's spokeswoman"
                att.speaker, att.source_type = strip_article(m.text), "organization"
            else:
                att.speaker, att.source_type = m.text, "anonymous"
        elif m.kind == "organization":
            ent = ents.org_by_head(m.head) if m.definite and len(m.text.split()) <= 2 else None
            att.speaker = ent.canonical if ent else strip_article(m.text)
            att.source_type = "organization"
            last_group, last_group_type = att.speaker, att.source_type
        elif m.kind == "anonymous":
            att.speaker, att.source_type = m.text, "anonymous"
            last_group, last_group_type = att.speaker, att.source_type
        elif m.kind == "answer":
            # "A: ..." in an interview: the person answering, whom the label does not name
            att.speaker, att.source_type = m.text, "unresolved"
        elif m.kind == "voice":
            # a transcript's speaker label ("TAPPER:", "Mara Voss:"): a person, the one the
            # article names so if any, written as a name, not in capitals
            ent = ents.person_by_token(m.text.split()[-1], m.start)
            name = ent.canonical if ent is not None else m.text
            att.speaker = name.title() if name.isupper() else name
            att.source_type, att.entity = "named", ent
            if ent is not None:
                last_speaker = ent
        elif m.kind == "document":
            att.speaker, att.source_type = strip_article(m.text), "document"
        elif m.kind == "group":
            if m.definite and len(m.text.split()) <= 3:
                ent = ents.org_by_head(m.head)
                if (
                    ent is not None
                    and m.head in art.res.speaker_kind
                    and art.res.speaker_kind[m.head] == "organization"
                ):
                    att.speaker, att.source_type = ent.canonical, "organization"
                    last_group, last_group_type = att.speaker, att.source_type
                    continue
            att.speaker, att.source_type = m.text, "anonymous"
            last_group, last_group_type = att.speaker, att.source_type
    # A lone name shown to be a person's once is a person's in every attribution to it.
    people = {att.speaker for att in lone if att.source_type == "named"}
    for att in lone:
        if att.speaker in people:
            att.source_type = "named"


def _describes_organisation(res: Resources, m: Mention) -> bool:
    """Whether the words describing a lone name make it an organisation's ("a streaming
    firm", "the opposition party"): an organisation's noun and no person's."""
    kinds = {res.speaker_kind.get(w) for w in m.roles}
    return "organization" in kinds and "person" not in kinds and "title" not in kinds


def unnamed_person_before(art: Article, m: Mention, before: Candidate | None) -> Candidate | None:
    """The attribution before a "he"/"she" when its source is one unnamed person ("One
    guard at the crossing", "a nurse") and no named person is mentioned between them; else
    None."""
    if before is None or before.speaker_mention is None or before.source_type != "anonymous":
        return None
    prev = before.speaker_mention
    first = prev.text.split()[0].lower() if prev.text else ""
    if prev.kind == "pronoun" or first not in art.res.singular_determiners:
        return None
    if prev.end > m.start or m.start - prev.end > 600:
        return None
    recent = art.entities.recent_people(m.start)
    if recent and art.entities.last_mention(recent[0], m.start) > prev.start:
        return None
    return before


def resolve_pronoun(art: Article, m: Mention, last_speaker: Entity | None) -> Entity | None:
    """The person "he" or "she" refers to: the previous speaker if the gender fits, else the
    most recently mentioned person who fits."""
    gender = art.res.pronoun_genders[m.head]
    ents = art.entities
    # The subject of the previous attribution is the usual antecedent in news prose.
    if last_speaker is not None and last_speaker.gender in (None, gender):
        # People named since inside a quotation ("“Kasper knows that,” she said") are what
        # was said: they do not take the pronoun from the speaker.
        latest = next(
            (
                ent
                for ent in ents.recent_people(m.start)
                if ent is last_speaker or not _named_in_quotation(art, ent, m.start)
            ),
            None,
        )
        if latest is None or latest is last_speaker or latest.gender not in (None, gender):
            return last_speaker
        # Another person was mentioned since: prefer them only if introduced as a subject
        # (their gender unknown, named at the start of their sentence and not as an owner:
        # not "a Tomas Berg ally", "a win over Tomas Berg", "Ana Ruiz's questions").
        if latest.gender is not None or not _subject_when_named(art, latest, m.start):
            return last_speaker
        return latest
    for ent in ents.recent_people(m.start):
        if ent.gender in (None, gender):
            return ent
    return None


#: A name as written (capitalised words), to see what follows it.
_NAME_AS_WRITTEN = re.compile(r"[A-Z][\w.\u2019'-]*(?:[ \t]+[A-Z][\w.\u2019'-]*)*")


def _subject_when_named(art: Article, ent: Entity, pos: int) -> bool:
    """Whether the last mention of ``ent`` before ``pos`` opens its sentence or the clause
    after an opening phrase ("Since launching her bid, Ruiz has ..."), after nothing but
    titles and roles ("Union spokesman Tomas Berg"), and is not a possessor ("Berg's
    statement"): the person the sentence is about, not "a Berg ally" or "a win over Berg"."""
    at = art.entities.last_mention(ent, pos)
    if at < 0:
        return False
    text, res = art.text, art.res
    # (after a comma, or a dash that ends a dateline or a live blog's time stamp: "10:31
    # p.m. \u2014 Ekwueme took the stage")
    sentence_start = art.doc.sentence_of(at)[0]  # (each look-back stops at it)
    start = max(
        sentence_start,
        text.rfind(",", sentence_start, at) + 1,
        text.rfind("\u2014", sentence_start, at) + 1,
        text.rfind("\u2013", sentence_start, at) + 1,
    )
    for word in text[start:at].split():
        word = word.strip("\"'\u201c\u2018(")
        if word[:1].islower() and word not in res.titles and word not in res.speaker_kind:
            return False
    name = _NAME_AS_WRITTEN.match(text, at)
    return name is None or not name.group().endswith(("'s", "\u2019s", "s'", "s\u2019"))


def _named_in_quotation(art: Article, ent: Entity, pos: int) -> bool:
    """Whether the last mention of ``ent`` before ``pos`` is inside a quotation."""
    at = art.entities.last_mention(ent, pos)
    return at >= 0 and bool(art.quotes.containing(at, at + 1))


def resolve_epithet(art: Article, m: Mention) -> Entity | None:
    """The person a role description ("the minister", "the Ukrainian leader") refers to: the
    recent person whose roles share most words with it."""
    ents = art.entities
    words = {w for w in m.roles if w.isalpha()} | {m.head}
    res = art.res
    best = None
    for rank, ent in enumerate(ents.recent_people(m.start)):
        roles = _with_title_words(res, ent.roles)
        if _other_office(res, words, roles):
            continue
        overlap = len(words & roles)
        if m.head in res.generic_leaders and roles & (res.titles - res.courtesy_titles):
            overlap += 1
        if overlap:
            score = (overlap, -rank)
            if best is None or score > best[0]:
                best = (score, ent)
    if best is None:
        # A headline or lede can name a person by role before introducing them.
        for ent in ents.people[:MAX_CANDIDATES]:
            # (by the roles as written: with the words of abbreviated titles, "the senator"
            # in a lede took whichever senator the article introduced later)
            if (
                ent.first_pos > m.start
                and words & ent.roles
                and not _other_office(res, words, ent.roles)
            ):
                return ent
    return best[1] if best else None


def _with_title_words(res: Resources, roles: set[str]) -> set[str]:
    """A person's roles with the words their abbreviated titles stand for ("sen" ->
    "senator", "lawmaker"), so that "the senator" takes up "Sen. Ada Voss"."""
    expanded = [res.title_words[r] for r in roles if r in res.title_words]
    return roles.union(*expanded) if expanded else roles


def _other_office(res: Resources, words: set[str], roles: set[str]) -> bool:
    """Whether a role description (its ``words``) names another office than a person's
    ``roles``: another portfolio ("the prime minister" is not Finance Minister Tomas Berg),
    the office itself where the person holds a deputy's or a former one ("the mayor" is not
    Deputy Mayor Ana Ruiz), or a former office where the person holds the office ("the
    former governor" is not Gov. Tomas Berg)."""
    portfolio = words & res.portfolio_modifiers
    if portfolio and not portfolio & roles:
        return True
    return bool((roles ^ words) & res.subordinate_modifiers)


def strip_article(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or text


#: A name written as organisations write theirs, not as people do: a capital after a small
#: letter or a hyphen ("BuzzFeed", "R-Ill"; not "McConnell", "MacLeod", "O’Neill"), a
#: digit, a full stop, or capitals only ("CNN").
_ORG_SHAPED = re.compile(r"^(?!Mc|Mac|O['\u2019])\w*[a-z-][A-Z]|\d|\.|^[A-Z]{2,}\Z")
#: "he" or "she" opening what was said, after any "that" ("said he", "said that she").
_PERSON_PRONOUN_AFTER = re.compile(r"\W*+(?:that\s++)?(he|she)\b", re.IGNORECASE)
#: A clause opening the sentence that holds "he" or "she" and ends with a comma right before
#: the subject ("Asked if she would resign, ", "When he arrived, "); group 1 its first word.
_OPENING_CLAUSE_PRONOUN = re.compile(
    r"\W*(\w+)[^,;:\u201c\u201d\"]*?\b(?:he|she)\b[^,;:\u201c\u201d\"]*,\s*"
)


def _refers_as_person(art: Article, att: Candidate) -> bool:
    """Whether the content of an attribution to a lone, unintroduced name opens with "he" or
    "she" ("Bob said he arrived", "Okafor says that she will stand"): the name is a person's.
    Only the opening of the content is read, so a pronoun further on, which may mean someone
    else, does not count, and a direct quotation's "he" is the speaker's word for someone else."""
    if _ORG_SHAPED.search(att.speaker or ""):
        return False
    m = att.speaker_mention
    if (
        m is not None
        and att.sentence[0] < m.start
        and (opening := _OPENING_CLAUSE_PRONOUN.fullmatch(art.text, att.sentence[0], m.start))
        and (
            opening.group(1).lower() in art.res.adverbial_subordinators
            or opening.group(1).endswith(("ed", "ing"))
        )
    ):
        # "Asked if she would resign, Ruiz replied": the opening clause speaks of the
        # subject as "he" or "she"
        return True
    if att.content is None or att.kind == "direct":
        return False
    start, end = att.content
    return _PERSON_PRONOUN_AFTER.match(art.text, start, end) is not None or (
        # "said that he": the content may start after the "that" or before it
        att.cue_end <= start
        and start - att.cue_end <= 8
        and _PERSON_PRONOUN_AFTER.match(art.text, att.cue_end, end) is not None
    )
