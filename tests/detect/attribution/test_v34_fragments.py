"""Attribution v34: an appositive ending in a quoted fragment, and a titled addressee.

Written for the project. With attribution v33:

- an appositive or relative clause ending in a short quotation with the comma inside the
  closing mark ('Brianna Oduya, a self-described “abolitionist,” told ...') read as a
  quotation closed before an inverted cue, so the speaker was sought after the cue ("told a
  packed town hall" gave no row; "said officers should go" gave the speaker "officers");
- an addressee written with an abbreviated title ("told Mr. Bush the plan ...", "urged Sen.
  Voss to ...") ended at the title's full stop, so what was reported began ". Bush the plan
  ...";
- "find" was a cue of a person or an organisation only before "that" or a quotation, so
  "..., the authors found." reported nothing.
"""

from __future__ import annotations

import pytest

import framing


def rows(text: str) -> list[dict]:
    return framing.attributions(text).to_dict("records")


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        ("Councilwoman Brianna Oduya, a self-described “abolitionist,” told a packed town hall "
         "last week that officers should be phased out.", "Brianna Oduya",
         "officers should be phased out"),
        ("Brianna Oduya, a self-described “abolitionist,” said officers should go.",
         "Brianna Oduya", "officers should go"),
        ("Tomas Berg, host of the radio programme “Harbour Talk,” said the depot would close.",
         "Tomas Berg", "the depot would close"),
        # a quotation of speech before an inverted cue is read as before
        ("“We will win,” said Ana Ruiz.", "Ana Ruiz", "We will win"),
        ("The plan is “dead,” said Ana Ruiz.", "Ana Ruiz", "The plan is “dead,”"),
        ("Behind the scenes, Tomas Berg is “working the phones,” said Lena Holm, his deputy.",
         "Lena Holm", "Behind the scenes, Tomas Berg is “working the phones,”"),
    ],
)  # fmt: skip
def test_a_quoted_fragment_closing_an_appositive_is_no_quotation_of_speech(text, speaker, quote):
    (row,) = [r for r in rows(text) if r["verb"] in ("told", "said")]
    assert (row["speaker"], row["quote"]) == (speaker, quote)


@pytest.mark.xfail(
    strict=True,
    reason="an appositive holding a cue's form ('radio show') is read as a clause of its own "
    "(cues.appositive_subject), so its subject is not looked for before it; the same without "
    "the quotation marks",
)
def test_an_appositive_holding_a_cue_form():
    (row,) = rows("Tomas Berg, host of the radio show “Harbour Talk,” said the depot would close.")
    assert row["speaker"] == "Tomas Berg"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Ana Ruiz told Mr. Bush the plan was wrong.", "the plan was wrong"),
        ("Ana Ruiz told reporters Mr. Bush was wrong.", "Mr. Bush was wrong"),
        ("Ana Ruiz told Dr. Ibe that the plan was wrong.", "the plan was wrong"),
        ("Ana Ruiz urged Sen. Voss to vote against the bill.", "to vote against the bill"),
        ("Ana Ruiz told reporters that the plan was wrong.", "the plan was wrong"),
    ],
)
def test_a_titled_addressee_is_no_part_of_what_was_said(text, quote):
    (row,) = rows(text)
    assert row["quote"] == quote


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        # "find" closing its sentence reports the clause before it, whoever found it
        ("Participants who followed the diet were more likely to fall ill, the authors found.",
         "the authors", "Participants who followed the diet were more likely to fall ill"),
        ("Support for the plan fell to 40 percent, Gallup found.", "Gallup",
         "Support for the plan fell to 40 percent"),
    ],
)  # fmt: skip
def test_a_finding_closing_its_sentence(text, speaker, quote):
    (row,) = rows(text)
    assert (row["speaker"], row["quote"]) == (speaker, quote)


@pytest.mark.parametrize(
    "text",
    [
        "Police found a body near the harbour.",
        "They searched the house for the weapon, which police found.",
        "Ana Ruiz lost her wallet, but a neighbour found it.",
    ],
)
def test_a_thing_found_is_no_finding(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "source_type", "quote"),
    [
        # people described by what they know: the whole description names the source
        ("Three ministers threatened to resign, according to people familiar with the matter.",
         "people familiar with the matter", "anonymous", "Three ministers threatened to resign"),
        ("Three ministers threatened to resign, said two officials close to the talks.",
         "two officials close to the talks", "anonymous", "Three ministers threatened to resign"),
        # close to an organisation is not its voice
        ("The plan was unfair, according to people close to the campaign.",
         "people close to the campaign", "anonymous", "The plan was unfair"),
        # a dateline says where the story was filed; it is no part of what was reported
        ("LONDON — Three ministers threatened to resign, according to officials.", "officials",
         "anonymous", "Three ministers threatened to resign"),
        ("CARROW, May 5 (Meridian Wire) - Three ministers threatened to resign, according to "
         "officials.", "officials", "anonymous", "Three ministers threatened to resign"),
    ],
)  # fmt: skip
def test_who_knows_and_where_filed(text, speaker, source_type, quote):
    (row,) = rows(text)
    assert (row["speaker"], row["source_type"], row["quote"]) == (speaker, source_type, quote)
