"""framing.stats on the sample corpus: the ground truth of corpora/sample/README.md."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.extract import extract
from framing.stats import (
    attribution_asymmetry,
    distinctive_terms,
    matched_comparison,
    outlet_rates,
    verb_class_test,
)

SAMPLE = Path(__file__).parents[2] / "corpora" / "sample"
BLAZE, SENTINEL, LEDGER = "The Daily Blaze", "The Harbor Sentinel", "The Capital Ledger"
WIRE, GRID = "Meridian Wire", "Grid & Harbour Review"


@pytest.fixture(scope="module")
def sample_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    extraction = extract(framing.load_corpus(SAMPLE))
    return extraction.articles, extraction.hits


def test_sample_loaded_rate_blaze_highest(sample_tables):
    articles, _ = sample_tables
    rates = outlet_rates(articles, "rate_loaded_outlet").set_index("outlet")
    assert not rates["below_min"].any()
    order = rates["rate"].sort_values(ascending=False).index.tolist()
    assert order[0] == BLAZE
    # "by a wide margin": the Blaze's interval lies above every other outlet's
    assert rates.loc[BLAZE, "ci_low"] > rates.drop(BLAZE)["ci_high"].max()
    # Sentinel and Ledger in the middle; Wire and Grid lowest
    assert set(order[1:3]) == {SENTINEL, LEDGER} and set(order[3:]) == {WIRE, GRID}


def _cell(table: pd.DataFrame, speaker: str, outlet: str) -> pd.Series:
    return table.set_index(["speaker", "outlet"]).loc[(speaker, outlet)]


def test_sample_doubt_shares_mirror(sample_tables):
    _, hits = sample_tables
    table = attribution_asymmetry(
        hits, ["Helena Voss", "Piet Ostrander", "Tomas Ardent", "Rosa Quell"]
    )
    for government in ("Helena Voss", "Piet Ostrander"):
        sentinel, ledger = _cell(table, government, SENTINEL), _cell(table, government, LEDGER)
        assert sentinel["share_doubt"] > ledger["share_doubt"]
        assert sentinel["share_doubt_low"] > ledger["share_doubt_high"]  # "far more"
        # endorsing cues mirror the doubt cues
        assert ledger["share_endorsement_low"] > sentinel["share_endorsement_high"]
    for opposition in ("Tomas Ardent", "Rosa Quell"):
        sentinel, ledger = _cell(table, opposition, SENTINEL), _cell(table, opposition, LEDGER)
        assert ledger["share_doubt"] > sentinel["share_doubt"]
        assert ledger["share_doubt_low"] > sentinel["share_doubt_high"]
        assert sentinel["share_endorsement_low"] > ledger["share_endorsement_high"]
    wire = table[table["outlet"] == WIRE]
    assert not wire["below_min"].any() and (wire["share_doubt"] <= 0.05).all()


def test_sample_verb_classes_differ_by_outlet(sample_tables):
    _, hits = sample_tables
    result = verb_class_test(hits, n_resamples=999)
    assert result.pvalue < 1e-6 and result.pvalue_monte_carlo == pytest.approx(1 / 1000)
    voss = verb_class_test(hits, "Helena Voss", n_resamples=999)
    assert "below 5" in voss.note  # small cells are reported, not hidden


def test_sample_blaze_most_anonymous_and_emotive(sample_tables):
    articles, hits = sample_tables
    att = hits[hits["detector"] == "attribution"]
    anonymous = att.groupby("outlet")["source_type"].apply(lambda s: (s == "anonymous").mean())
    emotive = att.groupby("outlet")["category"].apply(lambda s: (s == "emotive").mean())
    assert anonymous.idxmax() == BLAZE and emotive.idxmax() == BLAZE
    per_words = outlet_rates(articles, "attr_anonymous").set_index("outlet")
    assert per_words["rate"].idxmax() == BLAZE


def test_sample_matched_comparison(sample_tables):
    articles, _ = sample_tables
    result = matched_comparison(articles, [BLAZE, SENTINEL, LEDGER])
    assert "e03-fuel-prices" in result.excluded_events  # the Ledger did not cover it
    assert len(result.events) == 9
    diffs = result.differences.set_index(["outlet_a", "outlet_b"])
    assert diffs.loc[(BLAZE, SENTINEL), "ci_low"] > 0
    assert diffs.loc[(BLAZE, LEDGER), "ci_low"] > 0
    assert diffs.loc[(BLAZE, SENTINEL), "a_higher"] == 9


def _top_terms(table: pd.DataFrame, outlet: str) -> set[str]:
    rows = table[(table["outlet"] == outlet) & (table["z"] > 1.96)]
    return set(rows["term"])


@pytest.fixture(scope="module")
def sample_distinctive(sample_tables) -> pd.DataFrame:
    articles, hits = sample_tables
    return distinctive_terms(hits, articles, min_count=3)


def test_sample_distinctive_terms(sample_distinctive):
    assert "union boss" in _top_terms(sample_distinctive, LEDGER)
    assert "crony" in _top_terms(sample_distinctive, SENTINEL)
    assert {"fume", "lash out", "chaos"} <= _top_terms(sample_distinctive, BLAZE)
    # the neutral outlets have no distinctive loaded terms of their own
    assert not _top_terms(sample_distinctive, WIRE) and not _top_terms(sample_distinctive, GRID)


def test_sample_ledger_pejoratives_are_distinctive(sample_distinctive):
    # Added to the lexicon in 1.1.0 (adjectives, with guards for their neutral senses).
    assert {"militant", "radical"} <= _top_terms(sample_distinctive, LEDGER)


@pytest.mark.xfail(
    strict=True,
    reason="'austerity' is deliberately not in loaded_terms (1.1.0 and 1.2.0): it is standard "
    "economic vocabulary in neutral copy, so README ground truth 5 for the Sentinel holds only for "
    "'cronies' (lexicon precision over this sample's slant)",
)
def test_sample_distinctive_terms_not_in_lexicon(sample_distinctive):
    assert "austerity" in _top_terms(sample_distinctive, SENTINEL)
