"""Attribution v5: patterns the v4 rules still got wrong (issue 12), each checked on sentences
written for this file (fictional people, places and outlets).

- kind: a quoted fragment is mixed, not direct; the content of a cue ends where a second cue of
  the same subject begins; a scare quote after "so-called" is no speech of the speaker;
- speakers: a title or role before an appositive name, an appositive organisation name, an
  appositive holding a quoted fragment, "with X mocking Y", participles never take a subject
  after them ("Fuming residents"), a sentence-opening noun phrase before a participle clause;
- cues: blame, praise, dismiss (as), hail (as), sob; "calls itself" names, it does not speak;
  a speech noun after "the same" is no verb;
- source types: "A Kessel spokeswoman", chiefs of an institution, a named organisation that
  is not a person, recorded evidence (video, footage) is not a document.
"""

from __future__ import annotations

import pytest
from support import row_of

import framing

# --- kind -------------------------------------------------------------------------------------
# (text, cue, kind)
KINDS = [
    # a quoted fragment after the cue is a partial quote
    ("The governor called the cut “a rounding error”.", "called", "mixed"),
    ("The governor called the cut, a mere two percent, “a rounding error”.", "called", "mixed"),
    ("Senator Ola Brisk railed against “bankers who never lose a night’s sleep”.", "railed against",
     "mixed"),
    ("Councillor Maja Tveit ranted about “lazy” inspectors, claiming the rules were ignored.",
     "ranted", "mixed"),
    ("Edda Lunde mocked what she calls “vanity projects” in the capital.", "calls", "mixed"),
    # a quotation inside an opening phrase is not what the cue reports
    ("In a speech about “reckless spending”, Marta Olsen said the budget was balanced.", "said",
     "indirect"),
    ("Two years after Harald Brekke promised “a new dawn”, the town’s mayor says nothing has "
     "changed.", "says", "indirect"),
    ("STRIKE: Drivers ‘holding the city to ransom’, says minister", "says", "mixed"),
    # the content of a cue ends where the next cue of the same subject begins
    ("Mayor Ana Holt lashed out at the contractors, claiming the bridge was “a death trap”.",
     "lashed out", "indirect"),
    ("Mayor Ana Holt lashed out at the contractors, claiming the bridge was “a death trap”.",
     "claiming", "mixed"),
    ("Coach Rui Falk scoffed at reports of a rift, saying the squad was “closer than ever”.",
     "scoffed", "indirect"),
    ("The ministry denied that, calling the report “fiction”.", "denied", "indirect"),
    ("Port officials said they had hired extra staff but admitted that “long delays” were "
     "possible.", "said", "indirect"),
    # a scare quote after "so-called" is the outlet's distance, not the speaker's words
    ("Rivals said the minister had funded his so-called “grassroots” campaign himself.",
     "said", "indirect"),
    # "that" as a determiner is no complementiser
    ("Pressed on an essay in which he called the court “a relic”, he said he no longer held "
     "that view.", "said", "indirect"),
    # a relative clause after a quotation reports what follows it
    ("“I pay my taxes,” said Tomas Berg, 58, a retired driver, who described the smell as "
     "awful.", "described", "indirect"),
    # a participle after "“A,” X said," reports what follows it
    ("“We will fight on,” the minister said, adding that talks would resume.", "adding",
     "indirect"),
    # a coordinated clause with its own speaker ends the first cue's content
    ("The firm said profits rose, but analysts said the outlook was “grim”.", "said",
     "indirect"),
    # a full quotation is still direct, after a colon whatever its case
    ("Ana Holt spoke. She said: “the plan is dead.”", "said", "direct"),
    ("Mayor Ana Holt said: “We will rebuild the bridge.”", "said", "direct"),
    ("“We will rebuild the bridge,” Mayor Ana Holt said.", "said", "direct"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "kind"), KINDS)
def test_kind_follows_what_the_cue_reports(text, cue, kind):
    assert row_of(text, cue)["kind"] == kind


# --- speakers ----------------------------------------------------------------------------------
# (text, cue, speaker, source_type)
SPEAKERS = [
    # a title or role before an appositive name: the name speaks
    ("Kessland’s MP, Oskar Brandt, hit out at the plan, claiming it was rushed.", "hit out",
     "Oskar Brandt", "named"),
    ("Kessland’s MP, Oskar Brandt, hit out at the plan, claiming it was rushed.", "claiming",
     "Oskar Brandt", "named"),
    ("Tarvia’s Foreign Minister, Lisbet Honk, insisted the border was safe.", "insisted",
     "Lisbet Honk", "named"),
    ("His deputy, Rune Sol of the Coastal League, said the vote was rigged.", "said",
     "Rune Sol", "named"),
    ("One of them, Dr. Ivo Garr, told a conference in Mirrow that rates were too high.", "told",
     "Ivo Garr", "named"),
    # an organisation's name in the appositive
    ("The players’ union, the Halvig Footballers’ Guild, slammed the decision.", "slammed",
     "Halvig Footballers’ Guild", "organization"),
    # an appositive holding a quoted fragment
    ("Pastor Emil Roos, who won on a pledge to “restore decency”, said the books were gone.",
     "said", "Emil Roos", "named"),
    ("Union leader Nina Falk, a self-declared “proud troublemaker”, ranted at reporters that "
     "the strike would go on.", "ranted", "Nina Falk", "named"),
    # a relative clause after a name and its appositive
    ("“It stinks,” said Tomas Berg, 58, a retired porter, who described the smell as awful.",
     "described", "Tomas Berg", "named"),
    # "with X mocking Y": X speaks
    ("Party members jeered at the result, with one senior councillor mocking the winner as "
     "“a fluke”.", "mocking", "one senior councillor", "anonymous"),
    # tabloid register: a role compound before a name, "one mum" as a speaker
    ("Mum-of-two Kerry Blake, 34, sobbed: “They took everything.”", "sobbed", "Kerry Blake",
     "named"),
    ("“Disgraceful,” fumed one mum.", "fumed", "one mum", "anonymous"),
    ("Jean-Paul Marat said the plan was dead.", "said", "Jean-Paul Marat", "named"),
    # a sentence-opening noun phrase before a participle clause
    ("The port authority, run by cronies of the mayor, dismissed the report in a short note, "
     "insisting the harbour was safe.", "insisting", "port authority", "organization"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "speaker", "source_type"), SPEAKERS)
def test_the_speaker_is_who_a_reader_would_name(text, cue, speaker, source_type):
    row = row_of(text, cue)
    assert (row["speaker"], row["source_type"]) == (speaker, source_type)


def test_a_bare_plural_or_institution_opening_the_clause_is_the_subject_of_a_second_verb():
    row = row_of("Police declined to comment on the arrests but said an inquiry was under way.",
                 "said")  # fmt: skip
    assert (row["speaker"].lower(), row["source_type"]) == ("police", "organization")


def test_a_bare_title_in_a_headline_is_the_person_the_story_names():
    text = ("TAX ROW: Landlords ‘bleeding tenants dry’, says minister\n\nHousing Minister Ines "
            "Graa last night hit out at landlords.")  # fmt: skip
    row = row_of(text, "says")
    assert (row["speaker"], row["source_type"]) == ("Ines Graa", "named")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a document's verb inside what someone says is part of what they say
        ("Its director, Lina Ekdal, said the figures showed the cap had “failed”.", "showed"),
        # a participle inside a document's content belongs to that content
        ("Minutes of the meeting show that two members voted to hold, warning that growth "
         "was stalling.", "warning"),
        # a participle that only says in what capacity someone speaks
        ("Justice Mira Tollan, writing for the majority, said the search was unlawful.",
         "writing"),
    ],
)  # fmt: skip
def test_speech_inside_other_speech_or_a_capacity_is_no_attribution_of_its_own(text, word):
    assert word not in framing.attributions(text)["verb"].tolist()


@pytest.mark.parametrize(
    "text",
    [
        "Fuming residents of a small town have blasted the council over the closure.",
        "Furious parents have slammed the school. Fuming teachers demanded an apology.",
    ],
)
def test_a_participle_never_takes_the_phrase_after_it_as_speaker(text):
    df = framing.attributions(text)
    assert "Fuming" not in df["verb"].tolist()


# --- cues --------------------------------------------------------------------------------------
# (text, cue, speaker, kind)
NEW_CUES = [
    ("Health Minister Jon Aas conceded that waits had grown but blamed the winter for the "
     "delays.", "blamed", "Jon Aas", "indirect"),
    ("Councillor Pia Moe praised the firefighters and said the town owed them everything.",
     "praised", "Pia Moe", "indirect"),
    ("Ivo Garr has dismissed the criticism as “a campaign by bad losers”.", "dismissed",
     "Ivo Garr", "mixed"),
    ("The deal, which her aides hailed as historic, was signed on Friday.", "hailed",
     "her aides", "indirect"),
    ("“He was my only son,” Mara Lind sobbed.", "sobbed", "Mara Lind", "direct"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "speaker", "kind"), NEW_CUES)
def test_more_reporting_verbs_are_cues(text, cue, speaker, kind):
    row = row_of(text, cue)
    assert (row["speaker"], row["kind"]) == (speaker, kind)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The club dismissed its coach on Monday after six defeats.", "dismissed"),
        ("The judge dismissed the case against the two men.", "dismissed"),
        ("Most of the players hail from the north of the country.", "hail"),
        ("The group, which calls itself Green Dawn, said it had blocked the road.", "calls"),
        ("She made the same promise on Monday.", "promise"),
    ],
)
def test_words_that_only_look_like_reporting_are_not_cues(text, word):
    assert word not in framing.attributions(text)["verb"].tolist()


# --- source types ------------------------------------------------------------------------------
# (text, cue, source_type)
SOURCE_TYPES = [
    ("A Kessel spokeswoman said the price was fair.", "said", "organization"),
    ("Airport chiefs said they had hired extra staff.", "said", "organization"),
    ("Officials in her ministry insist the plan is working.", "insist", "anonymous"),
    ("The fire was started deliberately, according to the Mirrow Tenants’ Collective.",
     "according to", "organization"),
    ("Rivers were rising, according to a list obtained by the Ledger.", "according to",
     "document"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "source_type"), SOURCE_TYPES)
def test_source_type_of_institutions_and_people_in_them(text, cue, source_type):
    assert row_of(text, cue)["source_type"] == source_type


@pytest.mark.parametrize(
    "text",
    [
        "Video seen by the Ledger shows officers pushing a man to the ground.",
        "Dashcam footage shared online shows the van mounting the kerb.",
    ],
)
def test_recorded_evidence_that_depicts_is_not_a_document_speaking(text):
    assert framing.attributions(text).empty


def test_the_name_before_an_appositive_is_the_mention_without_the_inverted_verb():
    text = "“Orders are falling,” said Ilse Varga, a senior analyst, who notes that costs rose."
    row = row_of(text, "notes")
    assert (row["speaker"], row["speaker_text"]) == ("Ilse Varga", "Ilse Varga")


def test_quoted_as_saying_gives_the_outlet_and_the_person_quoted():
    text = (
        "Premier Ivo Brask said nothing in public. State radio quoted him as saying the "
        "embargo would “fail within a month”."
    )
    df = framing.attributions(text)
    rows = {v: (s, k) for v, s, k in zip(df["verb"], df["speaker"], df["kind"], strict=True)}
    assert rows["quoted"] == ("State radio", "mixed")
    assert rows["saying"] == ("Ivo Brask", "mixed")


@pytest.mark.parametrize(
    "text",
    [
        "The dealer quoted a price of 40,000 crowns for the car.",
        "Shares were quoted at 12 crowns on Friday.",
    ],
)
def test_quoting_a_price_is_no_attribution(text):
    assert "quoted" not in framing.attributions(text)["verb"].tolist()


def test_quoted_as_saying_with_an_appositive_between():
    df = framing.attributions("The agency quoted Ana Ruiz, a nurse, as saying the ward was full.")
    rows = dict(zip(df["verb"], df["speaker"], strict=True))
    assert rows == {"quoted": "agency", "saying": "Ana Ruiz"}


def test_he_after_an_unnamed_person_refers_to_that_person():
    text = (
        "Minister Lena Voss insisted the port was safe. One docker at the Halvig quay, who "
        "asked not to be named, said the cranes were failing. “We patch them every night,” "
        "he said."
    )
    df = framing.attributions(text)
    row = df[df["speaker_text"] == "he"].iloc[0]
    assert (row["speaker"], row["source_type"]) == ("One docker at the Halvig quay", "anonymous")


def test_she_after_a_named_person_still_refers_to_her():
    text = (
        "One docker said the cranes were failing. Minister Lena Voss disagreed. “The port is "
        "safe,” she said."
    )
    df = framing.attributions(text)
    row = df[df["speaker_text"] == "she"].iloc[0]
    assert (row["speaker"], row["source_type"]) == ("Lena Voss", "named")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rents will rise by a fifth over two years, the institute calculated.",
         [("institute", "calculated", "indirect")]),
        ("Analysts at Kessel Bank calculated that the cut would cost 2 billion crowns.",
         [("Analysts at Kessel Bank", "calculated", "indirect")]),
        ("The engineers calculated the load on each beam.", []),
        ("It was a calculated risk, the coach said.", [("the coach", "said", "indirect")]),
    ],
)  # fmt: skip
def test_calculated_reports_a_finding_only_with_its_content(text, expected):
    df = framing.attributions(text)
    assert list(zip(df["speaker"], df["verb"], df["kind"], strict=True)) == expected


def test_a_document_shows_its_content_not_an_addressee():
    row = row_of("Court filings show the firm paid late.", "show")
    assert (row["source_type"], row["quote"]) == ("document", "the firm paid late")


# People "find" and "show" things, so those verbs report only a document's findings; a person
# who "concluded" is reported when a quotation of their words goes with it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ines Adler spoke for an hour. She concluded, “Nobody here will be forgotten.”",
            [("Ines Adler", "concluded", "direct")],
        ),
        (
            "“We will rebuild the harbour wall before winter,” the mayor concluded.",
            [("the mayor", "concluded", "direct")],
        ),
        ("The mayor concluded the meeting at noon.", []),
        ("The engineers found the cracks in May.", []),
        ("She hosts the weekly show “Harbour Nights,” which ends in May.", []),
    ],
)
def test_a_person_concludes_with_a_quotation_not_without(text, expected):
    df = framing.attributions(text)
    assert list(zip(df["speaker"], df["verb"], df["kind"], strict=True)) == expected


# A verb right after a closing quotation, or after the name that follows it, reports it,
# whatever its guards read after it: "added a third line" is a quantity added, "“...,” added
# a councillor" and "“...,” Okafor added to the Ledger" are speech.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“It is ours to lose,” added a local councillor. “The rivals have done their part.”",
            [("a local councillor", "added", "direct"), ("a local councillor", "added", "direct")],
        ),
        ("“It is ours to lose,” added another councillor.",
         [("another councillor", "added", "direct")]),
        ("“It was twice the crowd,” Okafor added to the Ledger.", [("Okafor", "added", "direct")]),
        ("“No,” she said. The port added to its fleet in May.", [("she", "said", "direct")]),
        ("The ferry line added a third boat in May.", []),
        ("The port added another crane, the harbour master said.",
         [("the harbour master", "said", "indirect")]),
    ],
)  # fmt: skip
def test_a_verb_after_a_closing_quotation_reports_it_whatever_follows(text, expected):
    df = framing.attributions(text)
    assert list(zip(df["speaker"], df["verb"], df["kind"], strict=True)) == expected


# A long introductory phrase that opens with a participle or a preposition is no speaker:
# the participle after the main clause takes that clause's subject.
@pytest.mark.parametrize(
    "text",
    [
        "Speaking at a rally in Dover on Tuesday, Okafor went after Ruiz, calling him a fraud.",
        "During a long speech in Dover on the eve of the vote, Okafor went after Ruiz, calling "
        "him a fraud.",
    ],
)
def test_a_long_opening_phrase_is_no_speaker(text):
    row = framing.attributions(text).set_index("verb").loc["calling"]
    assert row["speaker"] == "Okafor"
