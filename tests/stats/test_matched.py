"""framing.stats.matched: rates on shared events and mean within-event differences."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from framing.stats import matched_comparison


def _shuffle(frame: pd.DataFrame, seed: int = 3) -> pd.DataFrame:
    return frame.sample(frac=1, random_state=seed).reset_index(drop=True)


@pytest.fixture
def matched_articles() -> pd.DataFrame:
    rows = [
        # id, outlet, event, words, count
        ("a1", "A", "e1", 100, 3), ("a2", "A", "e2", 200, 2), ("a3", "A", "e3", 100, 5),
        ("a4", "A", "e4", 100, 1), ("a5", "A", "e4", 300, 3),  # two A articles on e4
        ("b1", "B", "e1", 100, 1), ("b2", "B", "e2", 100, 0), ("b3", "B", "e4", 200, 2),
        ("b5", "B", "e5", 100, 9), ("b6", "B", None, 100, 4),
        ("c1", "C", "e1", 100, 0), ("c2", "C", "e2", 100, 0), ("c4", "C", "e4", 100, 0),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["id", "outlet", "event", "words", "loaded_outlet"])


def test_matched_comparison_uses_only_shared_events(matched_articles):
    result = matched_comparison(matched_articles, ["A", "B"], "loaded_outlet", min_events=2)
    assert result.events == ["e1", "e2", "e4"]
    assert result.excluded_events == {"e3": "not covered by B", "e5": "not covered by A"}
    rates = result.rates.set_index(["event", "outlet"])["rate"]
    # e4 for A pools two articles: (1 + 3) / (100 + 300) * 1000 = 10
    assert rates.to_dict() == {
        ("e1", "A"): 30.0, ("e1", "B"): 10.0,
        ("e2", "A"): 10.0, ("e2", "B"): 0.0,
        ("e4", "A"): 10.0, ("e4", "B"): 10.0,
    }  # fmt: skip
    assert result.rates.set_index(["event", "outlet"]).loc[("e4", "A"), "articles"] == 2
    row = result.differences.iloc[0]
    # differences 20, 10, 0 -> mean 10; A higher on 2 events, B on none
    assert (row["outlet_a"], row["outlet_b"], row["events"]) == ("A", "B", 3)
    assert row["mean_difference"] == 10.0
    assert row["mean_a"] == pytest.approx(50 / 3) and row["mean_b"] == pytest.approx(20 / 3)
    assert (row["a_higher"], row["b_higher"]) == (2, 0)
    # a bootstrap mean of {20, 10, 0} lies in [0, 20]
    assert 0 <= row["ci_low"] <= 10 <= row["ci_high"] <= 20


def test_matched_three_outlets_and_events_argument(matched_articles):
    result = matched_comparison(
        matched_articles, ["C", "A", "B"], "loaded_outlet", events=["e1", "e3"], min_events=1
    )
    assert result.events == ["e1"]
    assert result.excluded_events == {"e3": "not covered by C, B"}
    pairs = result.differences[["outlet_a", "outlet_b"]].values.tolist()
    assert pairs == [["C", "A"], ["C", "B"], ["A", "B"]]
    assert result.rates["outlet"].tolist() == ["C", "A", "B"]  # order as given
    assert (
        result.differences.set_index(["outlet_a", "outlet_b"]).loc[("C", "A"), "mean_difference"]
        == -30.0
    )
    with pytest.raises(ValueError, match=r"unknown event.*'e9'"):
        matched_comparison(matched_articles, ["A", "B"], "loaded_outlet", events=["e9"])
    with pytest.raises(ValueError, match=r"unknown outlet.*'D'.*available: 'A', 'B', 'C'"):
        matched_comparison(matched_articles, ["A", "D"], "loaded_outlet")
    with pytest.raises(ValueError, match=r"at least two"):
        matched_comparison(matched_articles, ["A"], "loaded_outlet")


def test_matched_degenerate_and_below_min(matched_articles):
    constant = matched_articles.assign(loaded_outlet=matched_articles["words"] // 100)
    row = matched_comparison(constant, ["A", "B"], "loaded_outlet", min_events=2).differences.iloc[
        0
    ]
    assert (row["mean_difference"], row["ci_low"], row["ci_high"]) == (0.0, 0.0, 0.0)
    few = matched_comparison(matched_articles, ["A", "B"], "loaded_outlet", min_events=4)
    row = few.differences.iloc[0]
    assert row["below_min"] and row["events"] == 3
    assert np.isnan(row["mean_difference"]) and np.isnan(row["ci_low"])


def test_matched_deterministic_and_order_free(matched_articles):
    one = matched_comparison(matched_articles, ["A", "B", "C"], "loaded_outlet", seed=8)
    two = matched_comparison(_shuffle(matched_articles), ["A", "B", "C"], "loaded_outlet", seed=8)
    assert_frame_equal(one.rates, two.rates)
    assert_frame_equal(one.differences, two.differences)
    assert one.events == two.events and one.excluded_events == two.excluded_events


_EVENTS = st.sampled_from(["e1", "e2", "e3", "e4", None])
_OUTLETS = st.sampled_from(["A", "B", "C", "D"])


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(
        st.tuples(_OUTLETS, _EVENTS, st.sampled_from([0, 120, 300])), min_size=1, max_size=40
    ),
    chosen=st.permutations(["A", "B", "C", "D"]).map(lambda p: p[:3]),
)
def test_coverage_is_the_per_event_rule(rows, chosen):
    # The rule as stated: an event is compared when every chosen outlet has an article on it
    # with words; otherwise it is listed with the chosen outlets it lacks, in their order.
    articles = pd.DataFrame(
        [(f"a{i}", o, e, w, 1) for i, (o, e, w) in enumerate(rows)],
        columns=["id", "outlet", "event", "words", "loaded_outlet"],
    )
    if len(set(articles["outlet"]) & set(chosen)) < len(chosen):
        with pytest.raises(ValueError, match="unknown outlet"):
            matched_comparison(articles, chosen, "loaded_outlet", n_boot=10)
        return
    result = matched_comparison(articles, chosen, "loaded_outlet", n_boot=10, min_events=1)
    mine = articles[articles["outlet"].isin(chosen) & articles["event"].notna()]
    expected_covered, expected_excluded = [], {}
    for event in sorted(mine["event"].unique()):
        with_words = set(mine.loc[(mine["event"] == event) & (mine["words"] > 0), "outlet"])
        lacking = [o for o in chosen if o not in with_words]
        if lacking:
            expected_excluded[event] = "not covered by " + ", ".join(lacking)
        else:
            expected_covered.append(event)
    assert result.events == expected_covered
    assert list(result.excluded_events.items()) == list(expected_excluded.items())
    assert sorted(set(result.rates["event"])) == expected_covered
