"""Attribution v33 (speakers 1.10.0): names written in "'s", drafts and leaderships.

Written for the project. With attribution v32 a cue right after a word in "'s" was always a
noun ("the minister's claims"), so a company named in the possessive ("McDonald's", "Moody's",
"Sainsbury's") never spoke ("Hallow's insisted the rise reflected flour costs" gave no row),
nor did a person written with a contracted "has" ("Berg's said he will stand"). A past form or
"says" there is a verb when what follows opens a clause (an article, a pronoun, "that", a
preposition, a day or a comma); an adjective before a noun ("the company's reported
earnings") stays no cue. "According to a draft seen by the Courier" gave the source "draft
seen": "draft" is a document and a participle after an unknown head ends the source;
"the party leadership" is an organisation; professions of experts ("nutritionist",
"pediatrician") are person nouns.
"""

from __future__ import annotations

import pytest

import framing


def rows(text: str) -> list[dict]:
    return framing.attributions(text).to_dict("records")


@pytest.mark.parametrize(
    ("text", "speaker", "source_type", "quote"),
    [
        ("Hallow's insisted the rise reflected flour costs.", "Hallow's", "organization",
         "the rise reflected flour costs"),
        ("Sainsbury's says that prices will fall.", "Sainsbury's", "organization",
         "prices will fall"),
        ("Moody's said on Friday that the outlook was negative.", "Moody's", "organization",
         "the outlook was negative"),
        ("Hallow's said, “We will not move.”", "Hallow's", "organization", "We will not move."),
        # a contracted "has": the person, by the name the article introduced
        ("Tomas Berg opened the depot. Berg's said he will stand again.", "Tomas Berg", "named",
         "he will stand again"),
    ],
)  # fmt: skip
def test_a_name_in_s_speaks(text, speaker, source_type, quote):
    (row,) = rows(text)
    assert (row["speaker"], row["source_type"], row["quote"]) == (speaker, source_type, quote)


@pytest.mark.parametrize(
    "text",
    [
        "The company's reported earnings rose.",
        "The minister's stated aim is growth.",
        "Lena Holm's claims were false.",
        "The councillor named Lena Holm, one of the mayor's alleged “allies”, in the filing.",
    ],
)
def test_a_form_after_a_possessive_before_a_noun_is_no_cue(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "source_type"),
    [
        ("According to a draft seen by the Courier, the depot will close.", "draft",
         "document"),
        ("According to a timeline seen by the Courier, the depot will close.", "timeline",
         "document"),
        # an adverb and a participle before the head stay in the phrase
        ("According to a recently published timeline, the depot will close.",
         "recently published timeline", "document"),
        ("The party leadership said the vote would go ahead.", "party leadership",
         "organization"),
        # professions of experts quoted in science and health news
        ("Nutritionist Peter Vance called the results overblown.", "Peter Vance", "named"),
        ("A local pediatrician reported high lead levels in the water.", "A local pediatrician",
         "anonymous"),
        ("Climatologists said the summer was the hottest on record.", "Climatologists",
         "anonymous"),
    ],
)  # fmt: skip
def test_drafts_leaderships_and_professions(text, speaker, source_type):
    (row,) = rows(text)
    assert (row["speaker"], row["source_type"]) == (speaker, source_type)
