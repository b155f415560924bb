"""framing.markers: scare quotes and hedges."""

import pytest

import framing


def found(text):
    return [(r.text, r.type) for r in framing.markers(text).itertuples()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The so-called “peace plan” stalled.", [("“peace plan”", "scare_quote")]),
        ("The minister reportedly resigned.", [("reportedly", "epistemic_distancing")]),
        (
            "The claims could not be independently verified.",
            [("could not be independently verified", "unverified")],
        ),
        ("The talks appear to have stalled.", [("appear to", "hedge")]),
    ],
)
def test_markers(text, expected):
    assert found(text) == expected


def test_attributed_partial_quote_is_not_scare_quote():
    assert found("Ana Lutz said the offer “did not keep pace” with prices.") == []


def test_capitalised_title_is_not_scare_quote():
    assert found("The band played “Harbour Lights” at the fair.") == []
