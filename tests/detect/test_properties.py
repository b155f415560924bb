"""Invariants over arbitrary input (hypothesis): no detector raises; offsets slice back."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing

NEWSY = st.sampled_from(
    [
        " said ",
        " claimed ",
        "“",
        "”",
        '"',
        "'",
        "’",
        "‘",
        "\n",
        "\n\n",
        ", ",
        ". ",
        ":",
        "so-called",
        " lashed out ",
        "Officials",
        " he ",
        "Zora Vell",
        " according to ",
        " the minister ",
        " fuming ",
        "slammed into",
        " reportedly ",
        "—",
        "\r\n",
        "\x00",
        "\ud800",
        "🙂",
        "İ",
        " ",
        "x" * 30,
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(NEWSY, max_size=60).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_offsets_slice_back(text):
    a = framing.analyze(text)
    for r in a.loaded_terms.itertuples():
        assert text[r.start : r.end] == r.text
    for r in a.markers.itertuples():
        assert text[r.start : r.end] == r.text
    for r in a.attributions.itertuples():
        assert text[r.verb_start : r.verb_end] == r.verb
        if not pd.isna(r.speaker_start):
            assert text[r.speaker_start : r.speaker_end] == r.speaker_text
        if not pd.isna(r.quote_start):
            assert text[r.quote_start : r.quote_end] == r.quote
    a.to_html()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  ",
        "🙂" * 1000,
        "\x00\x01\x02 said \x7f",
        "“" * 5000,
        '"' * 5001,
        "“nested “quotes” inside” and ‘single ‘ones’’",
        "a" * 200_000,
        ("word " * 40_000).strip(),
    ],
)
def test_hostile_inputs_do_not_raise(text):
    for func in (framing.loaded_terms, framing.attributions, framing.markers):
        assert isinstance(func(text), pd.DataFrame)


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["list"]])
def test_non_str_raises_type_error(bad):
    for func in (framing.loaded_terms, framing.attributions, framing.markers, framing.analyze):
        with pytest.raises(TypeError, match="expects the article text as a str"):
            func(bad)
