"""The data the attribution rules read: cue, guard and speaker lexicons and the grammar's closed
word classes, loaded once per process from the bundled files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from framing.lexicons import Lexicon, Matcher, inflect, read_lexicon
from framing.lexicons.read import Grammar, read_grammar
from framing.types import VERB_CLASSES

#: The kinds of unnamed source whose words an institution speaks (not a person).
ORG_KINDS = ("organization", "document")


@dataclass(frozen=True)
class Resources:
    """Compiled cue matcher, speaker vocabulary and word classes of the attribution rules."""

    cues: Matcher
    speaker_kind: dict[str, str]  # lower-cased noun form -> person/organization/document/title
    titles: frozenset[str]
    abbreviations: frozenset[str]
    determiners: frozenset[str]
    possessives: frozenset[str]
    skip_before: frozenset[str]
    floating_quantifiers: frozenset[str]  # "The leaders both said": after the subject
    negative_pronouns: frozenset[str]  # "nobody from the council said": no one speaks
    quantity_nouns: frozenset[str]  # "a dozen critics": a quantity, not a noun of its own
    quantifier_pronouns: frozenset[str]  # "Several said", "Another said": people unnamed
    respondent_participles: frozenset[str]  # "those surveyed said": a poll's respondents
    passive: frozenset[str]
    postmods: frozenset[str]
    clause_words: frozenset[str]
    non_speakers: frozenset[str]
    gender_words: dict[str, str]
    pronoun_genders: dict[str, str]  # "he" -> "male"
    writer_pronouns: frozenset[str]  # "I said": the writer speaks; resolved to nobody
    company_words: frozenset[str]  # "Energy" of "Northline Energy": "Northline" is the company
    addressee_verbs: frozenset[str]
    clause_openers: frozenset[str]  # "he", "would": the reported clause begins, not the addressee
    coordinators: frozenset[str]
    headline_kickers: frozenset[str]  # "Analysis:", "Breaking:": a headline's genre, no source
    stance_nouns: frozenset[str]  # "expressed concern that ...": the "that" opens the content
    time_words: frozenset[str]
    relatives: frozenset[str]
    org_voices: frozenset[str]
    common_words: frozenset[str]
    name_openers: frozenset[str]  # words dropped from the front of a capitalised run
    leading_function_words: frozenset[str]
    noun_context: frozenset[str]  # prepositions after which a cue form is a noun
    irregular_past: frozenset[str]
    time_heads: frozenset[str]
    noun_first_forms: frozenset[str]  # cue forms that are nouns unless they announce content
    shares: frozenset[str]
    small_numbers: frozenset[str]
    approximators: frozenset[str]
    number_words: frozenset[str]
    count_words: frozenset[str]
    generic_leaders: frozenset[str]
    courtesy_titles: frozenset[str]
    title_abbreviations: frozenset[str]  # "dr", "sen", "lt": titles written with a full stop
    opening_prepositions: frozenset[str]  # "By Friday she said": a phrase before the subject
    collective_nouns: frozenset[str]  # "a group of residents": the people it gathers speak
    visitor_heads: frozenset[str]  # "parents at the school": people it serves, not its voice
    preposition_heads: frozenset[str]  # "according (to)", "because (of)": a preposition opens
    document_only_cues: frozenset[str]  # "find", "show": cues only when a document speaks
    document_participles: frozenset[str]  # "figures published on Tuesday show"
    # "issued a statement saying": the statement's author speaks (the verbs' forms but "-ing")
    issuing_forms: frozenset[str]
    name_parts: frozenset[str]  # "capital", "partners": an organisation only inside a name
    place_heads: frozenset[str]  # "Street", "House": a capitalised run ending so is a place
    surname_heads: frozenset[str]  # "Hill", "Day": a place or day after "on", "in", "at" ...
    thing_heads: frozenset[str]  # "Act", "Summit": a capitalised run ending so names no one
    place_openers: frozenset[str]  # "North", "San": a capitalised run opening so is a place
    portfolio_modifiers: frozenset[str]  # "prime", "finance": which minister a role names
    subordinate_modifiers: frozenset[str]  # "deputy", "former": not the office itself
    title_words: dict[str, frozenset[str]]  # "sen" -> "senator": what "the senator" says
    locative_prepositions: frozenset[str]  # "on Capitol Hill", "in Green Bay"
    anonymous_heads: frozenset[str]  # "source", "insiders": anonymous whatever follows
    naming_words: frozenset[str]  # "calls itself", "known as": a name given, not a speaker
    title_openers: frozenset[str]  # "the", "its", "dubbed": words before a quoted title
    title_small_words: frozenset[str]  # "of", "the": lower-case words inside a title
    anonymity_markers: tuple[str, ...]  # "not to be named": a clause that withholds a name
    speech_evidence_cues: frozenset[str]  # "attack": a cue only in a clause that carries speech
    depicting_evidence: frozenset[str]  # "video", "footage": evidence that shows, not states
    noun_adjectives: frozenset[str]  # "the same promise": a cue form after them is a noun
    reflexives: frozenset[str]  # "calls itself": naming, not speech
    distancing_openers: frozenset[str]  # "so-called": the quotation after it is a scare quote
    membership: frozenset[str]  # "officials in her ministry": people inside, not its voice
    quoting_cues: frozenset[str]  # "quote": a cue only in "quoted X as saying"
    quotation_only_cues: frozenset[str]  # "read", "chant": cues only of a direct quotation
    quoted_label_cues: frozenset[str]  # "brand", "dub": cues only of a label in quotation marks
    singular_determiners: frozenset[str]  # "one guard", "a nurse": one unnamed person
    content_bound_cues: frozenset[str]  # "calculate": a cue before "that" or closing its clause
    object_cues: frozenset[str]  # "praise": a cue whose content is its object, not a clause
    spoken_document_cues: frozenset[str]  # "conclude": a person's too, with a quotation
    adverbial_subordinators: frozenset[str]  # "after", "prior to": a clause before the main one
    subordinator_modifiers: frozenset[str]  # "even", "shortly": words before a subordinator
    adverbial_openers: frozenset[str]  # "on", "at": a phrase of time or place after a cue
    day_words: frozenset[str]  # "Tuesday", "yesterday": a time on its own ("said Tuesday she")
    clause_links: frozenset[str]  # "as", "after": an adverbial clause after a time or place
    auxiliaries: frozenset[str]  # "will", "was": the clause openers that are no pronouns
    clause_signs: frozenset[str]  # "he", "was": a phrase holding one is a clause
    time_phrase: re.Pattern[str]  # "on Sunday", "late Friday", "last week" after a cue
    speech_evidence: re.Pattern[str]  # "attacked the plan as ...": the clause carries speech
    name_sequence: re.Pattern[str]  # a run of capitalised words, with name particles
    lexicons: tuple[Lexicon | Grammar, ...]  # what the rules read, for provenance

    @property
    def lexicon_labels(self) -> tuple[str, ...]:
        return tuple(lex.label for lex in self.lexicons)


#: The letters of a capitalised word after its capital: a full stop ("J."), initials run
#: together ("U.S.", "D.C."), or letters, digits, hyphens and apostrophes.
_NAME_REST = r"(?:(?:\.[A-Z])*\.|[\w\u2019'-]*)"
_NAME_WORD = rf"[A-Z]{_NAME_REST}"


def _time_phrase(modifiers: list[str], parts: list[str]) -> re.Pattern[str]:
    """A time after a cue, before the reported clause ("Tuesday", "on Sunday night", "last
    week,"): group 1 its modifier, 2 its head word, 3 a comma after it, 4 the next word."""
    modifier = "|".join(re.escape(m) for m in modifiers)
    part = "|".join(re.escape(p) for p in parts)
    return re.compile(
        rf"((?:{modifier})\s+)?([A-Za-z]+)(?:\s+(?:{part})\b)?(?!\s+(?:{part})\b)"
        r"(,?)\s+([A-Za-z]+)",
        re.IGNORECASE,
    )


def _name_sequence(particles: list[str]) -> re.Pattern[str]:
    # A run of capitalised words. The first capital comes first in the pattern, and the check that
    # no word character precedes it is a look-behind after it, so the engine can skip to capitals.
    joined = "|".join(re.escape(p) for p in particles)
    return re.compile(
        rf"[A-Z](?<![\w\u2019'-].){_NAME_REST}(?:[ \t]+(?:(?:{joined})[ \t]+)?"
        rf"{_NAME_WORD})*"
    )


@cache
def resources() -> Resources:
    """The attribution resources (read and compiled once per process)."""
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
    grammar = read_grammar()
    g = grammar.data
    speaker_kind: dict[str, str] = {}
    titles = set()
    # A row's own term first, then inflected forms: "prosecutors" (organization) keeps its row
    # rather than taking the kind of the plural of "prosecutor" (person).
    for row in speakers.rows:
        if row["speaker_kind"] != "title":
            speaker_kind.setdefault(row["term"].lower(), row["speaker_kind"])
    for row in speakers.rows:
        for form in inflect(row["term"], "NOUN"):
            if row["speaker_kind"] == "title":
                titles.add(form)
            else:
                speaker_kind.setdefault(form, row["speaker_kind"])
    words = {key: frozenset(value) for key, value in g.items()}  # lists, and keys of dicts
    titles |= words["title_abbreviations"]
    for t in titles:
        speaker_kind.setdefault(t, "title")
    leading = words["leading_function_words"]
    pronouns = words["person_pronouns"] | words["group_pronouns"] | words["writer_pronouns"]
    return Resources(
        cues=Matcher([cue_lex], [guard_lex]),
        speaker_kind=speaker_kind,
        titles=frozenset(titles),
        abbreviations=words["abbreviations"],
        determiners=words["determiners"],
        possessives=words["possessives"],
        skip_before=words["skip_before_cue"],
        floating_quantifiers=words["floating_quantifiers"],
        negative_pronouns=words["negative_pronouns"],
        quantity_nouns=words["quantity_nouns"],
        quantifier_pronouns=words["quantifier_pronouns"],
        respondent_participles=words["respondent_participles"],
        passive=words["passive_auxiliaries"],
        postmods=words["postmodifier_prepositions"],
        clause_words=words["clause_words"],
        non_speakers=words["non_speaker_words"],
        gender_words=dict(g["gendered_roles"]),
        pronoun_genders=dict(g["pronoun_genders"]),
        writer_pronouns=words["writer_pronouns"],
        company_words=words["company_name_words"],
        addressee_verbs=words["addressee_verbs"],
        clause_openers=words["clause_openers"],
        coordinators=words["coordinators"],
        headline_kickers=words["headline_kickers"],
        stance_nouns=words["stance_nouns"],
        time_words=words["time_words"],
        relatives=words["relative_pronouns"],
        org_voices=words["organization_voices"],
        name_openers=words["determiners"]
        | words["clause_words"]
        | words["preposition_heads"]
        | leading
        | words["opening_adverbs"]
        | words["question_words"]  # "What Ruiz said", "Does Okafor know"
        | words["possessives"]  # "His Catholic faith": no name
        | words["run_openers"],  # "See Sexton", "Neither Cruz", "Meet Ana Ruiz"
        common_words=frozenset(speaker_kind)
        | words["determiners"]
        | words["possessives"]
        | words["clause_words"]
        | words["skip_before_cue"]
        | words["non_speaker_words"]
        | words["relative_pronouns"]
        | words["person_pronouns"]
        | words["group_pronouns"]
        | words["postmodifier_prepositions"]
        | words["preposition_heads"],
        leading_function_words=leading,
        noun_context=words["noun_context_prepositions"],
        irregular_past=words["irregular_past"],
        time_heads=words["time_heads"],
        noun_first_forms=words["noun_first_cue_forms"],
        shares=words["share_words"],
        small_numbers=words["small_numbers"],
        approximators=words["approximators"],
        number_words=words["number_words"],
        count_words=words["small_numbers"] | words["number_words"],
        generic_leaders=words["generic_leaders"],
        courtesy_titles=words["courtesy_titles"],
        title_abbreviations=words["title_abbreviations"],
        anonymity_markers=tuple(g["anonymity_markers"]),
        speech_evidence_cues=words["speech_evidence_cues"],
        depicting_evidence=words["depicting_evidence"],
        noun_adjectives=words["noun_adjectives"],
        reflexives=words["reflexive_pronouns"],
        distancing_openers=words["distancing_openers"],
        membership=words["membership_prepositions"],
        quoting_cues=words["quoting_cues"],
        quotation_only_cues=words["quotation_only_cues"],
        quoted_label_cues=words["quoted_label_cues"],
        singular_determiners=words["singular_determiners"],
        content_bound_cues=words["content_bound_cues"],
        object_cues=words["object_cues"],
        spoken_document_cues=words["spoken_document_cues"],
        adverbial_subordinators=words["adverbial_subordinators"],
        subordinator_modifiers=words["subordinator_modifiers"],
        adverbial_openers=words["adverbial_openers"],
        day_words=words["day_words"],
        clause_links=words["clause_links"],
        auxiliaries=words["clause_openers"] - pronouns,
        clause_signs=words["clause_openers"] | words["group_pronouns"],
        time_phrase=_time_phrase(g["time_modifiers"], g["day_parts"]),
        speech_evidence=re.compile(
            r"(?:\s+[\w\u2019'-]+){0,6}?\s+(?:"
            + "|".join(re.escape(w) for w in g["speech_evidence_words"])
            + r")\s+(?!\d)(?!(?:the\s+)?(?:"
            + "|".join(re.escape(w) for w in g["time_heads"])
            + r")s?\b)"
        ),
        opening_prepositions=words["opening_prepositions"],
        preposition_heads=words["preposition_heads"],
        collective_nouns=words["collective_nouns"],
        visitor_heads=words["visitor_heads"],
        document_only_cues=words["document_only_cues"],
        document_participles=words["document_participles"],
        issuing_forms=frozenset(
            form
            for verb in words["issuing_verbs"]
            for form in inflect(verb, "VERB")
            if not form.split()[0].endswith("ing")
        ),
        name_parts=frozenset(f for w in g["name_part_nouns"] for f in inflect(w, "NOUN")),
        place_heads=words["place_heads"],
        surname_heads=words["surname_heads"],
        thing_heads=words["thing_heads"],
        place_openers=words["place_openers"],
        portfolio_modifiers=words["portfolio_modifiers"],
        subordinate_modifiers=words["subordinate_modifiers"],
        title_words={k: frozenset(v) for k, v in g["title_words"].items()},
        locative_prepositions=words["locative_prepositions"],
        anonymous_heads=words["anonymous_heads"],
        title_openers=words["title_openers"],
        title_small_words=words["title_small_words"],
        naming_words=words["naming_verbs"]
        | frozenset(("itself", "himself", "herself", "themselves", "known", "named")),
        name_sequence=_name_sequence(g["name_particles"]),
        lexicons=(cue_lex, guard_lex, speakers, grammar),
    )
