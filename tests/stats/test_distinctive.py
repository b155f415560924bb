"""framing.stats.distinctive: log-odds with an informative Dirichlet prior, checked by hand.

Hand computations are written out with :class:`fractions.Fraction` so the arithmetic can be
followed line by line; ``math.log`` is applied only at the end.
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from framing.stats import distinctive_terms


def _shuffle(frame: pd.DataFrame, seed: int = 3) -> pd.DataFrame:
    return frame.sample(frac=1, random_state=seed).reset_index(drop=True)


@pytest.fixture
def tiny_terms() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outlet A: 100 words in two articles; outlet B: 300 words. Outlet-voice loaded terms:
    brazen A 3 / B 1, so-called A 0 / B 4, fume A 1 / B 2; one quoted hit (ignored)."""
    articles = pd.DataFrame(
        {"id": ["a1", "a2", "b1"], "outlet": ["A", "A", "B"], "words": [40, 60, 300]}
    )
    rows = (
        [("a1", "A", "brazen", "hyperbole", False)] * 2
        + [("a2", "A", "brazen", "hyperbole", False)]
        + [("b1", "B", "brazen", "hyperbole", False)]
        + [("b1", "B", "so-called", "distancing", False)] * 4
        + [("a2", "A", "fume", "emotive_mood", False)]
        + [("b1", "B", "fume", "emotive_mood", False)] * 2
        + [("a1", "A", "fume", "emotive_mood", True)]  # inside a quotation
    )
    hits = pd.DataFrame(rows, columns=["id", "outlet", "label", "category", "in_quote"])
    hits["detector"] = "loaded"
    return hits, articles


def _hand_log_odds(y_i, n_i, y_j, n_j, alpha, alpha0):
    """Monroe et al. (2008): delta and its approximate variance, with exact fractions."""
    odds_i = (y_i + alpha) / (n_i + alpha0 - y_i - alpha)
    odds_j = (y_j + alpha) / (n_j + alpha0 - y_j - alpha)
    delta = math.log(odds_i) - math.log(odds_j)
    variance = 1 / (y_i + alpha) + 1 / (y_j + alpha)
    return delta, float(variance), delta / math.sqrt(variance)


def test_log_odds_against_hand_computation(tiny_terms):
    hits, articles = tiny_terms
    table = distinctive_terms(hits, articles, min_count=1).set_index(["outlet", "term"])
    # N = 400 words, 2 outlets -> alpha0 = 400 / 2 = 200; alpha_w = 200 * y_w / 400.
    assert table.attrs["prior"]["alpha0"] == 200
    # brazen: y = 4 -> alpha = 2. A: (3 + 2) / (100 + 200 - 3 - 2) = 5/295;
    # rest: (1 + 2) / (300 + 200 - 1 - 2) = 3/497; variance 1/5 + 1/3 = 8/15.
    delta = math.log(F(5, 295)) - math.log(F(3, 497))
    assert delta == pytest.approx(1.0324402935)
    row = table.loc[("A", "brazen")]
    assert row["prior_alpha"] == 2
    assert (row["count_outlet"], row["count_rest"]) == (3, 1)
    assert row["log_odds"] == pytest.approx(delta, rel=1e-12)
    assert row["variance"] == pytest.approx(float(F(8, 15)), rel=1e-12)
    assert row["z"] == pytest.approx(delta / math.sqrt(8 / 15), rel=1e-12)
    assert row["z"] == pytest.approx(1.4137270951)
    # so-called: y = 4, alpha = 2. A never uses it: (0 + 2) / (300 - 2) = 2/298;
    # rest (4 + 2) / (500 - 4 - 2) = 6/494; variance 1/2 + 1/6 = 2/3.
    delta = math.log(F(2, 298)) - math.log(F(6, 494))
    row = table.loc[("A", "so-called")]
    assert row["log_odds"] == pytest.approx(delta, rel=1e-12)
    assert row["z"] == pytest.approx(delta / math.sqrt(2 / 3), rel=1e-12)
    assert row["z"] < 0
    # fume: outlet voice only, y = 3 -> alpha = 3/2. A: (1 + 3/2) / (300 - 1 - 3/2) = 5/595;
    # rest (2 + 3/2) / (500 - 2 - 3/2) = 7/993; variance 2/5 + 2/7 = 24/35.
    delta = math.log(F(5, 595)) - math.log(F(7, 993))
    row = table.loc[("A", "fume")]
    assert (row["count_outlet"], row["count_rest"], row["prior_alpha"]) == (1, 2, 1.5)
    assert row["log_odds"] == pytest.approx(delta, rel=1e-12)
    assert row["variance"] == pytest.approx(24 / 35, rel=1e-12)
    # two outlets: B against the rest is A's mirror image
    for term in ("brazen", "so-called", "fume"):
        assert table.loc[("B", term), "z"] == pytest.approx(-table.loc[("A", term), "z"])
        assert table.loc[("B", term), "log_odds"] == pytest.approx(
            -table.loc[("A", term), "log_odds"]
        )


def test_log_odds_with_given_alpha0(tiny_terms):
    hits, articles = tiny_terms
    table = distinctive_terms(hits, articles, min_count=1, alpha0=40).set_index(["outlet", "term"])
    # alpha = 40 * 4 / 400 = 2/5. A: (3 + 2/5) / (100 + 40 - 3 - 2/5) = 17/683;
    # rest: (1 + 2/5) / (300 + 40 - 1 - 2/5) = 7/1693; variance 5/17 + 5/7.
    alpha = F(2, 5)
    assert (3 + alpha) / (100 + 40 - 3 - alpha) == F(17, 683)
    delta, variance, z = _hand_log_odds(3, 100, 1, 300, alpha, 40)
    assert delta == pytest.approx(math.log(F(17, 683)) - math.log(F(7, 1693)))
    row = table.loc[("A", "brazen")]
    assert row["prior_alpha"] == pytest.approx(0.4)
    assert row["log_odds"] == pytest.approx(delta, rel=1e-12)
    assert row["variance"] == pytest.approx(variance, rel=1e-12)
    assert row["z"] == pytest.approx(z, rel=1e-12)
    assert table.attrs["prior"]["alpha0_rule"] == "given"


def test_same_rate_gives_zero_log_odds():
    # 1 per 100 words in A, 3 per 300 words in B: with the proportional prior the odds are
    # (1 + 2) / (300 - 1 - 2) = 1/99 and (3 + 2) / (500 - 3 - 2) = 1/99 exactly.
    articles = pd.DataFrame({"id": ["a", "b"], "outlet": ["A", "B"], "words": [100, 300]})
    hits = pd.DataFrame(
        {
            "id": ["a", "b", "b", "b"],
            "outlet": ["A", "B", "B", "B"],
            "detector": "loaded",
            "label": "brazen",
            "category": "hyperbole",
            "in_quote": False,
        }
    )
    table = distinctive_terms(hits, articles, min_count=1)
    assert F(1 + 2, 300 - 1 - 2) == F(3 + 2, 500 - 3 - 2) == F(1, 99)
    assert table["log_odds"].abs().max() < 1e-12


def test_min_count_drops_and_reports(tiny_terms):
    hits, articles = tiny_terms
    table = distinctive_terms(hits, articles, min_count=4)
    assert set(table["term"]) == {"brazen", "so-called"}
    assert table.attrs["dropped"] == {"fume": 3}
    assert table.attrs["min_count"] == 4
    # the dropped term does not change the others (prior and totals are corpus-wide)
    full = distinctive_terms(hits, articles, min_count=1)
    kept = full[full["term"] != "fume"].reset_index(drop=True)
    assert_frame_equal(table, kept, check_like=False)


def test_voice_and_sorting(tiny_terms):
    hits, articles = tiny_terms
    quoted = distinctive_terms(hits, articles, voice="quoted", min_count=1)
    assert quoted["term"].unique().tolist() == ["fume"]
    every = distinctive_terms(hits, articles, voice="all", min_count=1)
    fume = every[(every["outlet"] == "A") & (every["term"] == "fume")]
    assert fume["count_outlet"].item() == 2
    table = distinctive_terms(hits, articles, min_count=1)
    for _, group in table.groupby("outlet"):
        assert group["z"].is_monotonic_decreasing
    assert list(table.columns[:9]) == [
        "outlet", "term", "category", "count_outlet", "count_rest",
        "log_odds", "variance", "z", "prior_alpha",
    ]  # fmt: skip


def test_outlet_without_hits_counts_in_the_rest(tiny_terms):
    hits, articles = tiny_terms
    more = pd.concat(
        [articles, pd.DataFrame({"id": ["c1"], "outlet": ["C"], "words": [400]})],
        ignore_index=True,
    )
    table = distinctive_terms(hits, more, min_count=1).set_index(["outlet", "term"])
    # N = 800, 3 outlets -> alpha0 = 800/3; brazen alpha = 800/3 * 4/800 = 4/3.
    alpha0, alpha = F(800, 3), F(4, 3)
    delta, _, z = _hand_log_odds(3, 100, 1, 700, alpha, alpha0)
    assert table.loc[("A", "brazen"), "log_odds"] == pytest.approx(delta, rel=1e-12)
    assert table.loc[("A", "brazen"), "z"] == pytest.approx(z, rel=1e-12)
    assert table.loc[("C", "brazen"), "count_outlet"] == 0
    assert table.loc[("C", "brazen"), "z"] < 0


def test_attribution_terms_are_cue_lemmas_over_attributions():
    hits = pd.DataFrame(
        {
            "id": ["a", "a", "a", "b", "b", "b", "b"],
            "outlet": ["A", "A", "A", "B", "B", "B", "B"],
            "detector": "attribution",
            "label": ["claim", "claim", "say", "say", "say", "say", "point out"],
            "category": [
                "doubt",
                "doubt",
                "neutral",
                "neutral",
                "neutral",
                "neutral",
                "endorsement",
            ],
            "in_quote": False,
        }
    )
    articles = pd.DataFrame({"id": ["a", "b"], "outlet": ["A", "B"], "words": [500, 500]})
    table = distinctive_terms(hits, articles, "attribution", min_count=1)
    assert table.attrs["unit"] == "attributions"
    assert table.attrs["totals"] == {"A": 3, "B": 4}
    # n = attributions: N = 7, alpha0 = 7/2, claim: alpha = 7/2 * 2/7 = 1.
    delta, _, z = _hand_log_odds(2, 3, 0, 4, F(1), F(7, 2))
    row = table.set_index(["outlet", "term"]).loc[("A", "claim")]
    assert row["log_odds"] == pytest.approx(delta, rel=1e-12)
    assert row["z"] == pytest.approx(z, rel=1e-12)
    assert set(table["term"]) == {"claim", "say", "point out"}  # multiword lemma kept whole


def test_distinctive_terms_errors(tiny_terms):
    hits, articles = tiny_terms
    with pytest.raises(ValueError, match=r"unknown detector 'marker'"):
        distinctive_terms(hits, articles, "marker")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"unknown prior"):
        distinctive_terms(hits, articles, prior="uniform")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"'A'.*not in articles"):
        distinctive_terms(hits, articles[articles["outlet"] == "B"])


def test_distinctive_terms_ignore_row_order(tiny_terms):
    hits, articles = tiny_terms
    assert_frame_equal(
        distinctive_terms(_shuffle(hits), _shuffle(articles), min_count=1),
        distinctive_terms(hits, articles, min_count=1),
    )


# ---------------------------------------------------------------------------------------------
# outlet_rates: pooled rate and cluster bootstrap


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["slam", "regime", "b", None]), st.sampled_from(["Y", "X", None])
        ),
        max_size=40,
    ),
    unused=st.booleans(),
)
def test_term_counts_from_codes_are_the_crosstab_of_the_strings(rows, unused):
    from framing.stats.distinctive import _term_counts

    frame = pd.DataFrame(rows, columns=["label", "outlet"], dtype=object).astype("category")
    if unused:
        frame["label"] = frame["label"].cat.add_categories(["unused"])
    expected = pd.crosstab(frame["label"].astype(str), frame["outlet"].astype(str))
    pd.testing.assert_frame_equal(_term_counts(frame, "outlet"), expected)
