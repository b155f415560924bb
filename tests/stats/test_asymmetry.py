"""framing.stats.asymmetry: attribution shares per speaker x outlet, checked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from framing.stats import attribution_asymmetry
from framing.stats.inputs import is_sorted, isin_names


def _shuffle(frame: pd.DataFrame, seed: int = 3) -> pd.DataFrame:
    return frame.sample(frac=1, random_state=seed).reset_index(drop=True)


def _attribution_hits(rows):
    """rows: (id, outlet, speaker, verb_class, kind, source_type)."""
    hits = pd.DataFrame(
        rows, columns=["id", "outlet", "speaker", "category", "kind", "source_type"]
    )
    hits["detector"] = "attribution"
    return hits


@pytest.fixture
def asymmetry_hits() -> pd.DataFrame:
    rows = []
    # Voss in A: 3 articles, 2 of 3, 1 of 2, 2 of 3 doubt -> 5 of 8
    for art, n, doubt in (("a1", 3, 2), ("a2", 2, 1), ("a3", 3, 2)):
        for k in range(n):
            rows.append((art, "A", "Helena Voss", "doubt" if k < doubt else "neutral",
                         "direct" if k == 0 else "indirect", "named"))  # fmt: skip
    # Voss in B: 2 articles, 3 attributions, none doubt, one endorsement
    rows += [
        ("b1", "B", "Helena Voss", "endorsement", "direct", "named"),
        ("b1", "B", "Helena Voss", "neutral", "indirect", "named"),
        ("b2", "B", "Helena Voss", "neutral", "mixed", "named"),
    ]
    # Ardent only in B, 6 attributions, all neutral; anonymous sources are frequent but not chosen
    rows += [(f"b{i}", "B", "Tomas Ardent", "neutral", "indirect", "named") for i in range(6)]
    rows += [(f"a{i}", "A", "officials", "doubt", "indirect", "anonymous") for i in range(20)]
    return _attribution_hits(rows)


def test_asymmetry_shares_by_hand(asymmetry_hits):
    table = attribution_asymmetry(asymmetry_hits, min_attributions=3, n_boot=500)
    assert table["speaker"].unique().tolist() == ["Helena Voss", "Tomas Ardent"]  # not "officials"
    cell = table.set_index(["speaker", "outlet"])
    voss_a = cell.loc[("Helena Voss", "A")]
    assert voss_a["attributions"] == 8 and voss_a["articles"] == 3
    assert voss_a["share_doubt"] == 5 / 8
    assert voss_a["share_direct"] == 3 / 8
    assert voss_a["share_endorsement"] == 0 and voss_a["share_emotive"] == 0
    voss_b = cell.loc[("Helena Voss", "B")]
    assert voss_b["share_doubt"] == 0 and voss_b["share_endorsement"] == 1 / 3
    assert voss_b["share_direct"] == 1 / 3  # "mixed" is not a direct quotation
    # Ardent never quoted by A: a row with 0 attributions, flagged, NaN (not 0)
    ardent_a = cell.loc[("Tomas Ardent", "A")]
    assert ardent_a["attributions"] == 0 and ardent_a["below_min"]
    assert np.isnan(ardent_a["share_doubt"]) and np.isnan(ardent_a["share_doubt_low"])
    # intervals contain the estimates; all-zero shares have zero-width intervals
    for name in ("direct", "doubt", "endorsement", "emotive"):
        ok = table[~table["below_min"]]
        assert (ok[f"share_{name}_low"] <= ok[f"share_{name}"] + 1e-12).all()
        assert (ok[f"share_{name}"] <= ok[f"share_{name}_high"] + 1e-12).all()
    ardent_b = cell.loc[("Tomas Ardent", "B")]
    assert (ardent_b["share_doubt_low"], ardent_b["share_doubt_high"]) == (0.0, 0.0)


def test_asymmetry_cluster_bootstrap_resamples_articles(asymmetry_hits):
    """Per-article doubt shares in Voss/A are 2/3, 1/2, 2/3: resampling whole articles can
    only produce pooled shares between 1/2 and 2/3 (resampling attributions could give 0 or 1)."""
    table = attribution_asymmetry(asymmetry_hits, min_attributions=3, n_boot=2000, seed=9)
    voss_a = table.set_index(["speaker", "outlet"]).loc[("Helena Voss", "A")]
    assert 0.5 <= voss_a["share_doubt_low"] < voss_a["share_doubt_high"] <= 2 / 3


def test_asymmetry_below_min_and_speakers_list(asymmetry_hits):
    table = attribution_asymmetry(asymmetry_hits, ["Helena Voss"], min_attributions=5)
    assert table["speaker"].unique().tolist() == ["Helena Voss"]
    voss_b = table.set_index("outlet").loc["B"]
    assert voss_b["attributions"] == 3 and voss_b["below_min"]
    assert np.isnan(voss_b["share_endorsement"])
    with pytest.raises(
        ValueError, match=r"no attributions to speaker.*'Rosa Quell'.*most attributed"
    ):
        attribution_asymmetry(asymmetry_hits, ["Rosa Quell"])


def test_asymmetry_deterministic_and_order_free(asymmetry_hits):
    one = attribution_asymmetry(asymmetry_hits, min_attributions=3, seed=4)
    assert_frame_equal(
        one, attribution_asymmetry(_shuffle(asymmetry_hits), min_attributions=3, seed=4)
    )


# ---------------------------------------------------------------------------------------------
# verb_class_test


def test_asymmetry_matches_a_listed_speaker_whatever_its_capitals(asymmetry_hits):
    # The report's slices keep one form of a speaker ("officials"); a name listed as a
    # sentence would open it is the same speaker.
    table = attribution_asymmetry(asymmetry_hits, ["Officials", "helena voss"], top=2)
    assert table["speaker"].unique().tolist() == ["officials", "Helena Voss"]
    exact = attribution_asymmetry(asymmetry_hits, ["officials", "Helena Voss"], top=2)
    assert_frame_equal(table, exact)


_NAMES = st.sampled_from(["Ana", "ana", "Ben", "Zoe Ruiz", "police", "Émile", "", "A1"])


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(st.one_of(st.none(), _NAMES), max_size=30),
    wanted=st.lists(st.one_of(_NAMES, st.just("nobody")), max_size=5),
    unsorted=st.booleans(),
    arrow=st.booleans(),
)
def test_isin_names_matches_what_isin_matches(values, wanted, unsorted, arrow):
    """Names matched by binary search on the sorted categories (no hash table of every
    name) are the rows pandas' ``isin`` matches, whatever the categories' order and
    whether they are Python or Arrow strings."""
    plain = pd.Series(values, dtype=object)
    categories = sorted({v for v in values if v is not None})
    if unsorted:
        categories = categories[::-1]
    if arrow:
        categories = pd.Index(pd.array(categories, dtype="str"))
    speakers = plain.astype(pd.CategoricalDtype(categories))
    assert is_sorted(speakers.cat.categories) == (not unsorted or len(categories) < 2)
    expected = plain.isin(wanted).to_numpy(dtype=bool) & plain.notna().to_numpy()
    assert isin_names(speakers, wanted).tolist() == expected.tolist()
    assert isin_names(plain, wanted).tolist() == expected.tolist()


def test_isin_names_keeps_no_hash_table_of_the_categories():
    speakers = pd.Series(["b", "a", "c", "a"], dtype="category")
    categories = speakers.cat.categories
    assert isin_names(speakers, ["a"]).tolist() == [False, True, False, True]
    # pandas' Categorical.isin would have filled the categories' engine with every name.
    assert not categories._engine.is_mapping_populated
