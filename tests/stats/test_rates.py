"""framing.stats.rates: pooled rates per 1,000 words and their cluster-bootstrap intervals."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from framing.stats import outlet_rates


def _shuffle(frame: pd.DataFrame, seed: int = 3) -> pd.DataFrame:
    return frame.sample(frac=1, random_state=seed).reset_index(drop=True)


@pytest.fixture
def random_articles() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 240
    outlets = np.array(["Alpha", "Beta", "Gamma"])[rng.integers(0, 3, n)]
    words = rng.integers(150, 900, n)
    base = {"Alpha": 2.0, "Beta": 6.0, "Gamma": 12.0}
    counts = rng.poisson(np.array([base[o] for o in outlets]) * words / 1000)
    return pd.DataFrame(
        {"id": [f"art-{i:03d}" for i in range(n)], "outlet": outlets, "words": words,
         "loaded_outlet": counts, "rate_loaded_outlet": counts * 1000 / words}
    )  # fmt: skip


def test_pooled_rate_is_sum_over_sum():
    articles = pd.DataFrame(
        {"id": ["a", "b"], "outlet": ["X", "X"], "words": [100, 900], "loaded_outlet": [5, 0]}
    )
    row = outlet_rates(articles, min_articles=1, n_boot=50).iloc[0]
    # pooled: 5 / 1000 words * 1000 = 5; the mean of article rates would be (50 + 0) / 2 = 25.
    assert row["rate"] == 5.0 and row["count"] == 5 and row["words"] == 1000


def test_bootstrap_is_reproducible_and_seeded(random_articles):
    one = outlet_rates(random_articles, seed=42)
    assert_frame_equal(one, outlet_rates(random_articles, seed=42))
    other = outlet_rates(random_articles, seed=43)
    assert_frame_equal(one[["outlet", "rate"]], other[["outlet", "rate"]])
    assert not np.allclose(one["ci_low"], other["ci_low"])


def test_bootstrap_ignores_row_order(random_articles):
    assert_frame_equal(
        outlet_rates(_shuffle(random_articles, 1), seed=5),
        outlet_rates(random_articles, seed=5),
    )


def test_one_outlets_interval_does_not_depend_on_the_others(random_articles):
    alone = random_articles[random_articles["outlet"] == "Beta"]
    assert_frame_equal(
        outlet_rates(alone, seed=5).reset_index(drop=True),
        outlet_rates(random_articles, seed=5).query("outlet == 'Beta'").reset_index(drop=True),
    )


def test_interval_contains_estimate_and_matches_delta_method(random_articles):
    rates = outlet_rates(random_articles, n_boot=4000, seed=1)
    assert (rates["ci_low"] < rates["rate"]).all() and (rates["rate"] < rates["ci_high"]).all()
    # The cluster bootstrap of a ratio estimator agrees with its linearisation (delta method):
    # se^2 = sum((c_a - R w_a)^2) / (sum w_a)^2, computed here independently.
    for row in rates.itertuples():
        group = random_articles[random_articles["outlet"] == row.outlet]
        c, w = group["loaded_outlet"].to_numpy(float), group["words"].to_numpy(float)
        ratio = c.sum() / w.sum()
        se = math.sqrt(((c - ratio * w) ** 2).sum()) / w.sum() * 1000
        assert row.rate == pytest.approx(ratio * 1000)
        width = row.ci_high - row.ci_low
        assert width == pytest.approx(2 * 1.959964 * se, rel=0.12)


def test_degenerate_equal_rates_give_zero_width_interval():
    articles = pd.DataFrame(
        {
            "id": list("abcdef"),
            "outlet": "X",
            "words": [100, 200, 300, 250, 50, 400],
            "loaded_outlet": [1, 2, 3, 0, 0, 4],  # 10 per 1,000 words everywhere but d, e
            "hedges": [3, 6, 9, 7, 1, 12],
        }
    )
    same = articles[articles["loaded_outlet"] > 0]
    row = outlet_rates(same, "loaded_outlet", min_articles=2).iloc[0]
    assert row["rate"] == 10.0 and row["ci_low"] == 10.0 and row["ci_high"] == 10.0
    zero = outlet_rates(articles.assign(loaded_outlet=0), "loaded_outlet").iloc[0]
    assert (zero["rate"], zero["ci_low"], zero["ci_high"]) == (0.0, 0.0, 0.0)
    assert not zero["below_min"]


def test_below_min_is_nan_not_zero(random_articles):
    few = pd.concat(
        [
            random_articles,
            pd.DataFrame(
                {
                    "id": ["z1", "z2"],
                    "outlet": "Zeta",
                    "words": [300, 300],
                    "loaded_outlet": [3, 0],
                    "rate_loaded_outlet": [10.0, 0.0],
                }
            ),
        ],
        ignore_index=True,
    )
    rates = outlet_rates(few, min_articles=3).set_index("outlet")
    zeta = rates.loc["Zeta"]
    assert zeta["below_min"] and zeta["articles"] == 2 and zeta["count"] == 3
    assert np.isnan(zeta["rate"]) and np.isnan(zeta["ci_low"]) and np.isnan(zeta["ci_high"])
    assert not rates.drop("Zeta")["below_min"].any()


def test_measure_resolution(random_articles):
    by_rate = outlet_rates(random_articles, "rate_loaded_outlet", seed=2)
    by_count = outlet_rates(random_articles, "loaded_outlet", seed=2)
    assert by_rate[["rate", "ci_low", "ci_high"]].equals(by_count[["rate", "ci_low", "ci_high"]])
    assert by_rate.attrs["count_column"] == "loaded_outlet"
    with pytest.raises(ValueError, match=r"not a count column.*Valid: rate_loaded_outlet"):
        outlet_rates(random_articles.assign(anonymous_share=0.5), "anonymous_share")
    with pytest.raises(ValueError, match=r"ci must be"):
        outlet_rates(random_articles, ci=95)
