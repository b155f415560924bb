"""Whose words a loaded term is: the outlet's, a quoted speaker's, or a paraphrased speaker's.

A verb of attack or praise with a noun-phrase object ("slammed the reckless plan") names what
was attacked; the words describing it are the outlet's unless marked as the speaker's (quotation
marks, "as", a reported clause). Sentences written for the project.
"""

from __future__ import annotations

import pytest

import framing


def voice_of(text: str, word: str) -> str:
    terms = framing.loaded_terms(text)
    voices = terms.loc[terms["text"] == word, "voice"].tolist()
    assert len(voices) == 1, terms
    return voices[0]


# (text, loaded word, voice)
TARGETS = [
    ("The senator slammed the reckless plan on Monday.", "reckless", "outlet"),
    ("Critics blasted the draconian bill.", "draconian", "outlet"),
    ("Union leaders lashed out at the so-called reform.", "so-called", "outlet"),
    ("The mayor hailed the heroic rescuers.", "heroic", "outlet"),
    # the speaker's characterisation: a reported clause, "as", an infinitive
    ("The senator slammed the plan as reckless.", "reckless", "attributed"),
    ("The senator claimed the plan was reckless.", "reckless", "attributed"),
    ("Critics said the draconian bill would hurt tenants.", "draconian", "attributed"),
    ("The senator warned that the reckless plan would fail.", "reckless", "attributed"),
    ("The senator slammed the plan, saying it was reckless.", "reckless", "attributed"),
]


@pytest.mark.parametrize(("text", "word", "voice"), TARGETS)
def test_the_object_of_an_attack_is_described_in_the_outlets_voice(text, word, voice):
    assert voice_of(text, word) == voice


def test_the_attribution_row_itself_is_kept():
    row = framing.attributions("Critics blasted the draconian bill.").iloc[0]
    assert (row["speaker"], row["verb"], row["quote"]) == (
        "Critics",
        "blasted",
        "the draconian bill",
    )
