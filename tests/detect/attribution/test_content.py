"""What an indirect attribution reports: the addressee of "told", "assured", "warned" is no
part of the content, and the content starts where the reported clause does, also when no
"that" marks it ("told reporters he would stay")."""

from __future__ import annotations

import pytest

import framing

# (text, cue, the reported clause as written)
ADDRESSEES = [
    ("The governor told reporters he would not resign.", "told", "he would not resign"),
    ("The governor told reporters that he would not resign.", "told", "he would not resign"),
    ("Lena Voss told the BBC she had no regrets.", "told", "she had no regrets"),
    ("He told the BBC he was sorry.", "told", "he was sorry"),
    (
        "The chief executive told investors prices would rise in the spring.",
        "told",
        "prices would rise in the spring",
    ),
    (
        "Ivo Marsh promised local farmers the subsidy would stay.",
        "promised",
        "the subsidy would stay",
    ),
    ("The minister warned MPs they faced a long night.", "warned", "they faced a long night"),
    ("Okafor told them the vote had been fair.", "told", "the vote had been fair"),
    ("Ruth Adler told Sky News the talks had stalled.", "told", "the talks had stalled"),
    (
        "The coach told his players they could still win the league.",
        "told",
        "they could still win the league",
    ),
]


def _indirect_content(text: str, cue: str) -> str:
    """What the one indirect attribution of ``cue`` in ``text`` reports, checked against its
    offsets."""
    df = framing.attributions(text)
    rows = df[df["verb"] == cue]
    assert len(rows) == 1, df[["speaker", "verb", "quote"]]
    row = rows.iloc[0]
    assert row["kind"] == "indirect"
    assert text[row["quote_start"] : row["quote_end"]] == row["quote"]
    return row["quote"]


@pytest.mark.parametrize(("text", "cue", "content"), ADDRESSEES)
def test_the_addressee_is_no_part_of_what_is_reported(text, cue, content):
    assert _indirect_content(text, cue) == content


@pytest.mark.parametrize(
    ("text", "word", "voice"),
    [
        # The reported clause is the speaker's.
        ("The senator told reporters he was furious about the vote.", "furious", "attributed"),
        # The main clause after an opening adverbial clause is the outlet's.
        (
            "After the envoy said the talks had failed, the regime shelled the port.",
            "regime",
            "outlet",
        ),
    ],
)
def test_whose_voice_a_loaded_word_is_in(text, word, voice):
    terms = framing.loaded_terms(text)
    assert terms.loc[terms["text"] == word, "voice"].tolist() == [voice]


# A cue inside a relative clause whose subject is the speaker ("The levy, which critics say is
# unfair, ...") reports the relative clause only; the main clause after it is the outlet's.
# (text, cue, the reported clause)
RELATIVE_CLAUSES = [
    ("The law, which critics say targets the poor, passed on Monday.", "say", "targets the poor"),
    (
        "The plan, which officials said would cost millions, was dropped in June.",
        "said",
        "would cost millions",
    ),
    ("Ms. Holt, who aides say was furious, left early.", "say", "was furious"),
    ("The levy, which the minister claimed was fair, was scrapped.", "claimed", "was fair"),
    ("The port, which union leaders say is unsafe; reopened on Friday.", "say", "is unsafe"),
]


@pytest.mark.parametrize(("text", "cue", "content"), RELATIVE_CLAUSES)
def test_a_cue_in_a_relative_clause_reports_that_clause_only(text, cue, content):
    row = framing.attributions(text).set_index("verb").loc[cue]
    assert row["quote"] == content


def test_the_main_clause_after_a_relative_clause_is_the_outlets_voice():
    text = "The levy, which the minister claimed was fair, was a draconian blow to farmers."
    terms = framing.loaded_terms(text)
    assert terms.loc[terms["text"] == "draconian", "voice"].tolist() == ["outlet"]


def test_a_relative_clause_inside_the_reported_clause_stays_in_it():
    text = "The mayor said the plan, which cost millions, was a mistake."
    row = framing.attributions(text).iloc[0]
    assert row["quote"] == "the plan, which cost millions, was a mistake"


# A verb of praise or blame reports its object; a second verb of the same subject after "and"
# or "but" is the outlet's account of what the subject did next, not part of that object.
# (text, cue, the object reported)
OBJECTS = [
    (
        "Senator Ruiz praised the harbour crews and dismissed the inquiry's findings.",
        "praised",
        "the harbour crews",
    ),
    (
        "The council leader blamed the contractor and cancelled the remaining works.",
        "blamed",
        "the contractor",
    ),
    (
        "Mayor Ines Koba acknowledged the delays but then walked back her apology.",
        "acknowledged",
        "the delays",
    ),
    ("The union condemned the closure and vowed to strike.", "condemned", "the closure"),
    ("Senator Hale blasted Ruiz and defended the budget.", "blasted", "Ruiz"),
    (
        "The coach slammed the referee, and stormed off before the interviews.",
        "slammed",
        "the referee",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), OBJECTS)
def test_the_object_of_a_verb_of_praise_or_blame_ends_at_the_next_verb(text, cue, content):
    row = framing.attributions(text).set_index("verb").loc[cue]
    assert row["kind"] == "indirect"
    assert row["quote"] == content
    assert text[row["quote_start"] : row["quote_end"]] == content


def test_a_loaded_verb_after_the_object_is_the_outlets_voice():
    text = "The minister praised the officers and downplayed the riot."
    terms = framing.loaded_terms(text)
    assert terms.loc[terms["text"] == "downplayed", "voice"].tolist() == ["outlet"]


def test_a_clause_reported_after_that_keeps_its_own_verbs():
    text = "The minister acknowledged that the officers erred and ignored the warnings."
    row = framing.attributions(text).set_index("verb").loc["acknowledged"]
    assert row["quote"] == "the officers erred and ignored the warnings"


@pytest.mark.xfail(
    strict=True,
    reason="a past participle used as an adjective in a second object ('increased demand') "
    "reads as a second verb of the subject; telling them apart needs a parser",
)
def test_an_adjective_in_ed_inside_a_coordinated_object_stays_in_it():
    text = "The mayor blamed rising costs and increased demand for the shortfall."
    row = framing.attributions(text).set_index("verb").loc["blamed"]
    assert row["quote"] == "rising costs and increased demand for the shortfall"


# A past form after a preposition is an adjective ("after proposed tax rises"), not a
# reporting verb: a finite verb does not follow a preposition.
@pytest.mark.parametrize(
    ("text", "verbs"),
    [
        ("Shops shut early after proposed fuel duties angered drivers.", []),
        (
            "Amid reported clashes at the border, the ministry said it would send observers.",
            ["said"],
        ),
        ("Despite claimed savings, the council raised fees again.", []),
    ],
)
def test_a_past_form_after_a_preposition_is_no_reporting_verb(text, verbs):
    assert framing.attributions(text)["verb"].tolist() == verbs


# A cue inside an adverbial clause that opens its sentence ("After X said ..., Y ...") reports
# that clause only: it ends at the comma before the main clause, which is the outlet's.
# (text, cue, the reported clause)
OPENING_CLAUSES = [
    (
        "After the minister said the bridge would close, drivers queued for hours.",
        "said",
        "the bridge would close",
    ),
    (
        "While Okafor insisted the deal was fair, the union called a strike.",
        "insisted",
        "the deal was fair",
    ),
    (
        "Shortly before the mayor announced the budget had passed, the lights went out.",
        "announced",
        "the budget had passed",
    ),
    (
        "Even though the club claimed its books were clean, auditors found a gap.",
        "claimed",
        "its books were clean",
    ),
    (
        "Before Ruiz conceded that the count was lost, her aides packed up.",
        "conceded",
        "the count was lost",
    ),
    (
        "Days after the ministry warned that the river would rise, the town flooded.",
        "warned",
        "the river would rise",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), OPENING_CLAUSES)
def test_a_cue_in_an_opening_adverbial_clause_reports_that_clause_only(text, cue, content):
    assert _indirect_content(text, cue) == content


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # The cue is in the main clause, after the opening phrase's comma.
        (
            "After the vote, the minister said the plan was dead and buried.",
            "said",
            "the plan was dead and buried",
        ),
        # "As X said, ...": the main clause is what X said.
        ("As the minister said, the plan was dead.", "said", "the plan was dead"),
        # No subordinator: the reported clause runs on.
        (
            "The minister said the plan was dead, and the talks were over.",
            "said",
            "the plan was dead, and the talks were over",
        ),
    ],
)
def test_a_clause_without_an_opening_subordinator_runs_on(text, cue, content):
    rows = framing.attributions(text).query("verb == @cue")
    assert rows["quote"].tolist() == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Okafor said that, while the plan was costly, the state would fund it.",
            "while the plan was costly, the state would fund it",
        ),
        # "that" as a determiner before a comma is no complementiser.
        (
            "He said he no longer held that, or any, view of the plan.",
            "he no longer held that, or any, view of the plan",
        ),
    ],
)
def test_that_before_a_comma_opens_the_reported_clause(text, content):
    rows = framing.attributions(text).query("verb == 'said'")
    assert rows["quote"].tolist() == [content]
