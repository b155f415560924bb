"""The outlet resamples every rate and share of one outlet shares (ArticleResamples)."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import stats
from framing.stats import bootstrap
from framing.stats.bootstrap import ArticleResamples, group_rng, percentile_ratio, ratio_bootstrap


def _articles(n: int = 60, outlets: tuple[str, ...] = ("A", "B"), seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for outlet in outlets:
        for i in range(n):
            words = int(rng.integers(200, 900))
            attributions = int(rng.integers(0, 9))
            anonymous = int(rng.integers(0, attributions + 1))
            rows.append(
                {
                    "id": f"{outlet}-{i:03d}",
                    "outlet": outlet,
                    "words": words,
                    "loaded_outlet": int(rng.poisson(words / 150)),
                    "hedges": int(rng.poisson(1.5)),
                    "attributions": attributions,
                    "attr_anonymous": anonymous,
                    "attr_named": attributions - anonymous,
                }
            )
    return pd.DataFrame(rows)


def test_sums_are_those_of_the_outlets_resamples_drawn_from_its_own_stream():
    values = np.array([[1.0, 100.0], [4.0, 300.0], [0.0, 50.0], [2.0, 250.0]])
    ids = ["a", "b", "c", "d"]
    sums = ArticleResamples(seed=11, n_boot=300).sums("X", ids, values)
    picks = group_rng(11, "articles", "X").integers(0, 4, size=(300, 4))
    expected = values[picks].sum(axis=1)
    assert np.array_equal(sums, expected)


def test_the_same_resamples_whatever_is_asked_together_or_first():
    values = np.random.default_rng(0).integers(0, 50, size=(40, 5)).astype(float)
    ids = [f"x{i}" for i in range(40)]
    together = ArticleResamples(1, 500).sums("X", ids, values)
    apart = ArticleResamples(1, 500)
    by_column = np.column_stack([apart.sums("X", ids, values[:, [j]]) for j in (3, 0, 4, 1, 2)])
    assert np.array_equal(together[:, [3, 0, 4, 1, 2]], by_column)
    assert apart.passes == 5


def test_columns_asked_again_cost_no_pass_and_other_articles_get_other_resamples():
    resamples = ArticleResamples(0, 200)
    values = np.arange(20, dtype=float).reshape(10, 2)
    ids = [str(i) for i in range(10)]
    first = resamples.sums("X", ids, values)
    assert resamples.passes == 1
    again = resamples.sums("X", ids, values[:, ::-1])
    assert resamples.passes == 1
    assert np.array_equal(again, first[:, ::-1])
    # Another outlet, or the same outlet with other articles, is another set of resamples.
    assert not np.array_equal(resamples.sums("Y", ids, values), first)
    assert not np.array_equal(resamples.sums("X", ids[::-1], values[::-1]), first)
    assert resamples.passes == 3


def test_each_resample_draws_as_many_articles_as_the_outlet_has():
    n = 25
    ones = np.ones((n, 1))
    sums = ArticleResamples(5, 400).sums("X", [str(i) for i in range(n)], ones)
    assert (sums == n).all()


def test_percentile_ratio_leaves_out_zero_denominators_and_gives_nan_when_none_is_left():
    num = np.array([[1.0], [2.0], [3.0], [9.0]])
    low, high = percentile_ratio(num, np.array([1.0, 1.0, 1.0, 0.0]), ci=0.5, scale=1.0)
    assert (low[0], high[0]) == (1.5, 2.5)
    low, high = percentile_ratio(num, np.zeros(4), ci=0.9, scale=1.0)
    assert np.isnan(low).all() and np.isnan(high).all()


def test_a_shared_resampler_gives_the_tables_each_call_gives_alone():
    articles = _articles()
    shared = ArticleResamples(4, 300)
    shared.warm(articles)
    assert shared.passes == 2  # one per outlet, for every count column at once
    options = {"n_boot": 300, "seed": 4, "min_articles": 5}
    for call in (
        lambda **kw: stats.outlet_rates(articles, "rate_loaded_outlet", **kw),
        lambda **kw: stats.outlet_rates(articles, "hedges", **kw),
        lambda **kw: stats.source_types(articles, **kw),
    ):
        pd.testing.assert_frame_equal(call(**options, resamples=shared), call(**options))
    assert shared.passes == 2  # all from the warmed sums


def test_the_warm_pass_orders_each_outlet_as_the_statistics_do_whatever_the_row_order():
    """The warm pass sorts each outlet's rows by id on its own (no sorted copy of the whole
    table); the statistics, which sort the whole table, find its sums: no pass of their own,
    with rows shuffled, an id repeated across outlets and outlets as categories."""
    articles = _articles()
    articles.loc[articles.index[-1], "id"] = articles["id"].iloc[0]  # "A-000" in B too
    articles = articles.sample(frac=1, random_state=11).reset_index(drop=True)
    articles["outlet"] = articles["outlet"].astype("category")
    shared = ArticleResamples(4, 300)
    shared.warm(articles)
    assert shared.passes == 2
    options = {"n_boot": 300, "seed": 4, "min_articles": 5}
    for call in (
        lambda **kw: stats.outlet_rates(articles, "hedges", **kw),
        lambda **kw: stats.source_types(articles, **kw),
    ):
        pd.testing.assert_frame_equal(call(**options, resamples=shared), call(**options))
    assert shared.passes == 2


def test_the_warm_pass_on_threads_keeps_the_sums_of_one_thread_and_of_each_group_alone():
    """Groups' passes run two at a time (each on its own stream): the sums kept are those a
    pass on one thread keeps, and those each group's own ``sums`` call draws."""
    articles = _articles(n=40, outlets=("A", "B", "C", "D", "E"), seed=9)
    articles = articles[~((articles["outlet"] == "E") & (articles.index % 2 == 0))]
    threaded = ArticleResamples(6, 250)
    with mock.patch.object(bootstrap, "pass_threads", return_value=2):
        threaded.warm(articles, min_articles=25)
    single = ArticleResamples(6, 250)
    with mock.patch.object(bootstrap, "pass_threads", return_value=1):
        single.warm(articles, min_articles=25)
    assert threaded.passes == single.passes == 4  # E has 20 articles: skipped
    assert threaded._sums.keys() == single._sums.keys()
    for key, known in threaded._sums.items():
        assert known.keys() == single._sums[key].keys()
        for digest, sums in known.items():
            np.testing.assert_array_equal(sums, single._sums[key][digest])
    counts = ["words", "hedges"]
    for outlet, rows in articles.sort_values("id").groupby("outlet"):
        if outlet == "E":
            continue
        ids = rows["id"].tolist()
        alone = ArticleResamples(6, 250).sums(outlet, ids, rows[counts].to_numpy(float))
        np.testing.assert_array_equal(threaded.sums(outlet, ids, rows[counts]), alone)
    assert threaded.passes == 4  # found, not drawn again


def test_a_resampler_of_another_seed_or_size_is_refused():
    articles = _articles(n=10)
    with pytest.raises(ValueError, match="seed 1 and n_boot 100"):
        stats.outlet_rates(
            articles, "hedges", seed=2, n_boot=100, resamples=ArticleResamples(1, 100)
        )


def test_shared_intervals_cover_as_the_bootstrap_should():
    # 200 outlets of 80 articles drawn from one population whose pooled rate is known: about
    # 90 % of the 90 % intervals contain it (binomial sd 2.1 points at 200 outlets).
    rng = np.random.default_rng(8)
    rows = []
    for outlet in range(200):
        words = rng.integers(100, 1500, size=80)
        counts = rng.poisson(words * 0.004 * rng.gamma(4.0, 0.25, size=80))
        rows += [
            {"id": f"{outlet}-{i}", "outlet": f"o{outlet:03d}", "words": int(w), "hits": int(c)}
            for i, (w, c) in enumerate(zip(words, counts, strict=True))
        ]
    rates = stats.outlet_rates(pd.DataFrame(rows), "hits", n_boot=400, seed=0, ci=0.9)
    covered = ((rates["ci_low"] <= 4.0) & (rates["ci_high"] >= 4.0)).mean()
    assert 0.82 <= covered <= 0.96


def _gathered(numerators, denominators, n_boot, rng, block):
    """Replicate sums by gathering the drawn clusters' values (the rule as first written)."""
    n = len(denominators)
    num, den = [], []
    done = 0
    while done < n_boot:
        size = min(block, n_boot - done)
        picks = rng.integers(0, n, size=(size, n))
        den.append(np.take(denominators, picks).sum(axis=1))
        num.append(numerators[picks].sum(axis=1))
        done += size
    return np.concatenate(num), np.concatenate(den)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 40),
    k=st.integers(1, 4),
    n_boot=st.integers(1, 300),
    seed=st.integers(0, 5),
    whole=st.booleans(),
)
def test_ratio_intervals_equal_those_of_gathering_the_drawn_values(n, k, n_boot, seed, whole):
    data = np.random.default_rng(seed).integers(0, 9, size=(n, k + 1)).astype(float)
    if not whole:
        data = data / 3
    numerators, denominators = data[:, :k], data[:, k] + 1
    with mock.patch.object(bootstrap, "_BOOTSTRAP_BLOCK", 97):  # several blocks of resamples
        low, high = ratio_bootstrap(
            numerators, denominators, n_boot=n_boot, ci=0.9, rng=group_rng(seed, "x"), scale=1.0
        )
    block = max(1, min(n_boot, 97 // (n * k)))
    num, den = _gathered(numerators, denominators, n_boot, group_rng(seed, "x"), block)
    want_low, want_high = percentile_ratio(num, den, ci=0.9, scale=1.0)
    if whole:  # counts: the same sums exactly, whatever the order of adding
        assert np.array_equal(low, want_low) and np.array_equal(high, want_high)
    else:
        assert np.allclose(low, want_low) and np.allclose(high, want_high)
