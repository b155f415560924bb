"""Attribution v22: what a passive reports, the phrase that opens "According to X ...,", and
lone names described by an age or as an organisation.

Written for the project. With attribution v21 a passive's content was the words after its cue,
the speaker included ("The claim was denied by the ministry" reported "by the ministry"); a
participle set off after its noun took "by X" as its speaker ("The plan, first reported by the
Times, ..."); the content of "According to figures released on Tuesday, ..." began with the
source's own description ("released on Tuesday, unemployment rose"); "According to a leaked
memo" gave no row; "Hart, 52, said" and "Vistream, a streaming firm, said" were typed
organisation and named person.
"""

from __future__ import annotations

import pandas as pd
import pytest

import framing


def rows(text: str) -> list[list[object]]:
    frame = framing.attributions(text)
    return frame[["speaker", "verb", "kind", "source_type", "quote"]].values.tolist()


def contents(text: str) -> list[object]:
    """The rows' contents, each checked to slice back from its offsets."""
    frame = framing.attributions(text)
    quotes = []
    for row in frame.itertuples():
        if pd.isna(row.quote_start):
            quotes.append(None)
        else:
            assert text[int(row.quote_start) : int(row.quote_end)] == row.quote
            quotes.append(row.quote)
    return quotes


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        ("The claim was denied by the ministry.", "ministry", "The claim"),
        ("The decision was praised by campaigners.", "campaigners", "The decision"),
        ("The figures were first reported by Bloomberg.", "Bloomberg", "The figures"),
        # what is said of the subject after the agent is read on, as one span
        ("The plan was criticised by unions as reckless.", "unions",
         "The plan was criticised by unions as reckless"),
        ("The mayor was slammed by residents for the delays, and the council followed.",
         "residents", "The mayor was slammed by residents for the delays"),
        # a relative clause's passive reports the noun it modifies
        ("The bill, which was condemned by rights groups, passed.", "rights groups",
         "The bill"),
        # a subject set off from its verb by a participle's phrase
        ("Ted Cruz, speaking in Iowa, was mocked by Trump.", "Trump", "Ted Cruz"),
        # a quoted word inside the subject
        ('He said his "endorsement" of the plan was mentioned by Yahoo News.', "Yahoo News",
         'his "endorsement" of the plan'),
    ],
)  # fmt: skip
def test_a_passive_reports_its_subject_not_its_agent(text, speaker, quote):
    found = [r for r in rows(text) if r[0] == speaker]
    assert len(found) == 1
    assert found[0][4] == quote
    assert quote in contents(text)  # and its offsets slice back to it


@pytest.mark.parametrize(
    ("text", "speaker", "source_type", "quote"),
    [
        ("The plan, first reported by the Times, would cut 400 jobs.", "Times",
         "organization", "The plan"),
        ("The figures, first reported by Bloomberg, show a sharp fall in exports.",
         "Bloomberg", "organization", "The figures"),
        ("An Istanbul-based professor, accused by the government of plotting a coup, is at "
         "the centre of the row.", "government", "organization",
         "An Istanbul-based professor, accused by the government of plotting a coup"),
    ],
)  # fmt: skip
def test_a_participle_set_off_after_its_noun_takes_the_agent_after_by(
    text, speaker, source_type, quote
):
    found = [r for r in rows(text) if r[1] in ("reported", "accused")]
    assert [r[0] for r in found] == [speaker]  # not "by the Times"
    assert found[0][3] == source_type
    assert found[0][4] == quote


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        ("According to figures released on Tuesday, unemployment rose.", "figures",
         "unemployment rose"),
        ("According to data compiled by the university, crime fell.", "data", "crime fell"),
        # (since v34 a source described by what it knows keeps the description, the
        # fullest form of an anonymous source, docs/devset.md)
        ("According to two people familiar with the matter, the bid was rejected.",
         "two people familiar with the matter", "the bid was rejected"),
        ("According to court documents filed in Ohio, the firm paid the bribes.",
         "court documents", "the firm paid the bribes"),
        ("According to the minutes of the meeting, the board voted twice.", "minutes",
         "the board voted twice"),
        ("According to sources close to the minister, she will resign.",
         "sources close to the minister", "she will resign"),
        ("According to Jane Doe, a spokeswoman for the agency, the plan was dropped.",
         "Jane Doe", "the plan was dropped"),
        ("According to Jane Doe, who chairs the board, the plan was dropped.", "Jane Doe",
         "the plan was dropped"),
        # a participle before its noun is part of the source
        ("According to a leaked memo, officials knew of the error for months.",
         "leaked memo", "officials knew of the error for months"),
        ("According to the newly released survey, most voters agree.",
         "newly released survey", "most voters agree"),
    ],
)  # fmt: skip
def test_the_phrase_opening_according_to_ends_at_its_comma(text, speaker, quote):
    assert [(r[0], r[2], r[4]) for r in rows(text)] == [(speaker, "according_to", quote)]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # no description after the source: the content starts after it, as before
        ("According to him the plan failed.", "the plan failed"),
        ("According to police, the man, who was 45, died at the scene.",
         "the man, who was 45, died at the scene"),
        # the comma closes the main clause's first part, not the opening phrase
        ("According to the report, the levy, which critics oppose, will rise.",
         "the levy, which critics oppose, will rise"),
    ],
)  # fmt: skip
def test_the_content_after_according_to_keeps_its_own_commas(text, quote):
    assert [r[4] for r in rows(text)] == [quote]


@pytest.mark.parametrize(
    ("text", "source_type"),
    [
        ("Hart, 52, said the trust had lost control.", "named"),
        ("Hart, 52, a former nurse, said the trust had lost control.", "named"),
        ("Hart, a former nurse, said the trust had lost control.", "named"),
        ("Jones, who chairs the committee, dismissed the report.", "named"),
        ("Northline, which paid bonuses, said profits rose.", "organization"),
        ("Vistream, a streaming firm, said profits rose.", "organization"),
        ("Vistream, the streaming firm, said profits rose.", "organization"),
        # a person's noun beside the organisation's: the person
        ("Hart, a spokeswoman for the firm, said profits rose.", "named"),
        # no description: a lone name never introduced is an organisation, as before
        ("Vistream said profits rose.", "organization"),
    ],
)  # fmt: skip
def test_a_lone_name_is_typed_by_its_description(text, source_type):
    assert [r[3] for r in rows(text)] == [source_type]


@pytest.mark.parametrize(
    ("text", "speaker", "start"),
    [
        ('Ana Ruiz, the mayor, spoke first. "It is over," a tearful Ruiz told supporters.',
         "Ana Ruiz", 58),
        ("Ana Ruiz, the mayor, spoke first. A defiant Ruiz said the fight would go on.",
         "Ana Ruiz", 44),
        ("A defiant Ana Ruiz said the fight would go on.", "Ana Ruiz", 10),
        ("A defiant Ana Smith-Jones said the fight would go on.", "Ana Smith-Jones", 10),
    ],
)  # fmt: skip
def test_a_name_after_an_article_and_adjectives_is_the_person_named(text, speaker, start):
    frame = framing.attributions(text)
    assert frame[["speaker", "source_type"]].values.tolist() == [[speaker, "named"]]
    assert frame["speaker_start"].tolist() == [start]  # the name, not "a tearful"


@pytest.mark.parametrize(
    ("text", "speaker", "source_type"),
    [
        # a party member, an acronym, a role with a capital: no name
        ("A young Republican said the party had lost its way.", "A young Republican",
         "anonymous"),
        # (an organisation since speakers 1.9.0, "pac": named as organisations are, without
        # the article)
        ("A newly formed super PAC called it a lie.", "newly formed super PAC", "organization"),
        ("A former Census-taker said the count was wrong.", "A former Census-taker",
         "anonymous"),
        # a place inside the description of a named person
        ("Marley Oduya, 21, a student from Las Vegas, said she voted.", "Marley Oduya",
         "named"),
        # one capitalised word no person of the article bears: left as before
        ('"It is over," a tearful Ruiz told supporters.', "a tearful Ruiz", "anonymous"),
    ],
)  # fmt: skip
def test_descriptions_that_are_no_named_person_stay_as_they_were(text, speaker, source_type):
    frame = framing.attributions(text)
    assert frame[["speaker", "source_type"]].values.tolist() == [[speaker, source_type]]


def test_a_response_given_is_still_an_attribution():
    text = "Asked about the claims, the ministry responded that they were false."
    assert rows(text) == [["ministry", "responded", "indirect", "organization", "they were false"]]


@pytest.mark.parametrize(
    ("text", "speaker", "verb", "quote"),
    [
        ('Campaigners branded the payouts "obscene" and demanded more.', "Campaigners",
         "branded", 'the payouts "obscene"'),
        ('Critics dubbed the plan "a tax on the poor."', "Critics", "dubbed",
         'the plan "a tax on the poor."'),
        ("The union labelled the offer “an insult to every nurse”.", "union", "labelled",
         "the offer “an insult to every nurse”"),
    ],
)  # fmt: skip
def test_a_label_quoted_after_its_object_is_what_the_speaker_said(text, speaker, verb, quote):
    assert rows(text) == [[speaker, verb, "mixed", rows(text)[0][3], quote]]
    assert framing.markers(text).empty  # the speaker's word, not a scare quote


def test_countered_that_reports_what_was_said():
    text = "Democrats countered that the bill was a partisan stunt."
    assert rows(text) == [
        ["Democrats", "countered", "indirect", "anonymous", "the bill was a partisan stunt"]
    ]
    voices = framing.loaded_terms(text)
    assert voices.loc[voices["text"] == "stunt", "voice"].tolist() == ["attributed"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Experts not involved in the study said the results were striking.",
         "Experts not involved in the study"),
        ("Researchers not affiliated with the trial said it was flawed.",
         "Researchers not affiliated with the trial"),
        ("Two people directly involved in the talks said a deal was close.",
         "Two people directly involved in the talks"),
    ],
)  # fmt: skip
def test_people_not_involved_in_a_study_are_the_speakers_not_the_study(text, speaker):
    assert rows(text)[0][:4] == [speaker, "said", "indirect", "anonymous"]


def test_promising_to_do_something_is_a_cue():
    assert rows("Trump is promising to build a wall.")[0][:2] == ["Trump", "promising"]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Residents told of hearing gunfire through the night.",
         "hearing gunfire through the night"),
        ("Survivors told of their ordeal.", "their ordeal"),
        ("Sanders warned of the dangers of greed.", "the dangers of greed"),
    ],
)  # fmt: skip
def test_told_of_reports_what_follows_of(text, quote):
    assert [r[4] for r in rows(text)] == [quote]


@pytest.mark.parametrize(
    "text",
    [
        # no response, an adverb between (cues.guards 1.5.0)
        "The White House did not immediately respond to questions from reporters.",
        "The ministry has not yet replied.",
        "The agency did not publicly respond to the findings.",
        # labelling verbs without a quoted label, and their nouns and adjectives
        "Unions labelled the offer an insult.",
        'The candidate labeled "a leader who wins" continues to lead.',  # a participle
        "Record labels sued the site.",
        "The firm sells branded goods.",
        "The drug was labelled for adult use.",
        "The brand new store opened.",
        # "counter" with a determiner and a noun: to oppose
        "The army countered that attack with drones.",
        "The plan aims to counter that threat.",
        # "promising" as an adjective
        "The findings were promising but preliminary.",
        "The talks look promising.",
        "It was a highly promising start.",
    ],
)
def test_no_attribution(text):
    assert framing.attributions(text).empty
