"""Shares per outlet (sources by type, share of voice, voice by gender) and trends over time."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import stats


def _articles():
    return pd.DataFrame({
        "id": ["a1", "a2", "a3", "b1", "b2"], "outlet": ["A", "A", "A", "B", "B"],
        "attributions": [4, 2, 0, 5, 5], "attr_named": [2, 2, 0, 1, 1],
        "attr_anonymous": [2, 0, 0, 4, 4], "attr_organization": [0, 0, 0, 0, 0],
        "attr_unresolved": [0, 0, 0, 0, 0], "words": [100, 100, 100, 200, 200],
        "published": pd.to_datetime(["2026-01-05", "2026-02-10", "2026-03-15", "2026-01-20",
                                     "2026-03-01"]),
        "loaded_outlet": [1, 2, 0, 4, 2],
    })  # fmt: skip


def test_source_type_shares_are_ratios_of_sums_with_intervals():
    table = stats.source_types(_articles(), n_boot=300, min_articles=2)
    anon = table[table["source_type"] == "anonymous"].set_index("outlet")
    assert anon.loc["A", "share"] == 2 / 6 and anon.loc["A", "count"] == 2
    assert anon.loc["B", "share"] == 8 / 10
    assert anon.loc["B", "ci_low"] == anon.loc["B", "ci_high"] == 0.8  # both articles 4 of 5
    assert anon.loc["A", "ci_low"] <= 2 / 6 <= anon.loc["A", "ci_high"]
    assert set(table["source_type"]) == {"named", "organization", "anonymous", "unresolved"}


def test_too_few_articles_give_no_share_never_zero():
    table = stats.source_types(_articles(), n_boot=100, min_articles=3)
    b = table[table["outlet"] == "B"]
    assert b["share"].isna().all() and b["below_min"].all()


def test_voice_by_gender_counts_named_sources_only():
    hits = pd.DataFrame({
        "id": ["a1", "a1", "a1", "b1", "b1"], "outlet": ["A", "A", "A", "B", "B"],
        "detector": "attribution", "source_type": ["named", "named", "anonymous", "named", "named"],
        "speaker_gender": ["female", None, "male", "male", "male"],
    })  # fmt: skip
    table = stats.voice_by_gender(hits, _articles(), n_boot=100, min_articles=1)
    a = table[table["outlet"] == "A"].set_index("gender")
    assert a.loc["female", "share"] == 0.5 and a.loc["unknown", "share"] == 0.5
    assert a.loc["male", "count"] == 0  # the anonymous source does not count
    b = table[table["outlet"] == "B"].set_index("gender")
    assert b.loc["male", "share"] == 1.0


def test_share_of_voice_ranks_speakers_and_leaves_unresolved_out():
    hits = pd.DataFrame({
        "id": ["a1", "a1", "a2", "a2", "a2"], "outlet": ["A"] * 5, "detector": "attribution",
        "speaker": ["Ana", "Ana", "Ana", "Ben", "they"],
        "kind": ["direct", "direct", "indirect", "direct", "direct"],
        "source_type": ["named", "named", "named", "named", "unresolved"],
    })  # fmt: skip
    articles = pd.DataFrame({"id": ["a1", "a2"], "outlet": ["A", "A"], "attributions": [2, 3]})
    table = stats.share_of_voice(hits, articles, top=5, n_boot=200, min_articles=1)
    assert table["speaker"].tolist() == ["Ana", "Ben"] and table["rank"].tolist() == [1, 2]
    ana = table.iloc[0]
    assert ana["share"] == 3 / 5 and ana["direct_share"] == 2 / 3
    assert ana["share_low"] <= 0.6 <= ana["share_high"]


def test_trend_period_and_rates_with_gaps():
    articles = _articles()
    assert stats.trend_period(articles["published"]) == "month"
    trends = stats.outlet_trends(articles, n_boot=100, min_articles=1)
    assert trends.attrs["period"] == "month"
    a = trends[trends["outlet"] == "A"].set_index("period")
    assert a.loc[pd.Timestamp("2026-01-01"), "rate"] == 10.0  # 1 loaded term in 100 words
    assert a.loc[pd.Timestamp("2026-03-01"), "rate"] == 0.0
    sparse = stats.outlet_trends(articles, n_boot=100, min_articles=2)
    assert sparse["rate"].isna().all() and sparse["below_min"].all()


def test_trend_cells_bootstrapped_two_at_a_time_give_the_intervals_of_one_at_a_time():
    """Each outlet x period cell draws from its own stream, so running cells on two threads
    changes nothing: every interval equals the sequential run's, and each is the cell's own
    bootstrap (its interval found again from its articles alone)."""
    import numpy as np

    rng = np.random.default_rng(2)
    n = 300
    articles = pd.DataFrame({
        "id": [f"x{i:03d}" for i in range(n)],
        "outlet": rng.choice(["A", "B", "C"], size=n),
        "words": rng.integers(100, 900, size=n),
        "loaded_outlet": rng.poisson(3, size=n),
        "published": pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 180, n), "D"),
    })  # fmt: skip
    with mock.patch("framing.stats.trends.pass_threads", return_value=1):
        one = stats.outlet_trends(
            articles, "loaded_outlet", period="month", n_boot=300, min_articles=3
        )
    with mock.patch("framing.stats.trends.pass_threads", return_value=2):
        two = stats.outlet_trends(
            articles, "loaded_outlet", period="month", n_boot=300, min_articles=3
        )
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    assert len(two) >= 15 and two["ci_low"].notna().all()
    cell = two.iloc[7]
    month = articles["published"].dt.to_period("M").dt.start_time
    alone = articles[(articles["outlet"] == cell["outlet"]) & (month == cell["period"])]
    again = stats.outlet_trends(alone, "loaded_outlet", period="month", n_boot=300, min_articles=3)
    assert again.loc[0, ["ci_low", "ci_high"]].tolist() == [cell["ci_low"], cell["ci_high"]]


@pytest.mark.parametrize(
    ("first", "last", "period"),
    [
        ("2026-03-02", "2026-03-09", None),  # two weeks
        ("2026-03-02", "2026-03-16", "week"),
        ("2026-03-02", "2026-05-01", "month"),  # three months
        ("2021-01-04", "2025-12-29", "month"),  # 60 months: the most months a trend shows
        ("2021-01-04", "2026-01-05", "quarter"),  # 61 months
        ("2011-01-03", "2025-12-29", "quarter"),  # 60 quarters
        ("2010-12-27", "2025-12-29", "year"),  # 61 quarters
        ("1995-01-02", "2025-12-29", "year"),
    ],
)
def test_trend_period_is_the_finest_with_at_most_max_periods(first, last, period):
    assert stats.trend_period(pd.Series(pd.to_datetime([first, last]))) == period


def test_yearly_trends_pool_each_outlets_year():
    articles = pd.DataFrame({
        "id": ["a1", "a2", "a3", "a4", "b1"],
        "outlet": ["A", "A", "A", "A", "B"],
        "words": [100, 300, 200, 100, 100],
        "loaded_outlet": [1, 3, 0, 5, 2],
        "published": pd.to_datetime(
            ["1995-02-01", "1995-11-30", "2010-06-01", "2025-12-29", "2010-01-01"]
        ),
    })  # fmt: skip
    trends = stats.outlet_trends(articles, n_boot=50, min_articles=1)
    assert trends.attrs["period"] == "year"
    a = trends[trends["outlet"] == "A"]
    assert a["period"].dt.year.tolist() == [1995, 2010, 2025]
    assert (a["period"].dt.strftime("%m-%d") == "01-01").all()
    assert a["articles"].tolist() == [2, 1, 1] and a["rate"].tolist() == [10.0, 0.0, 50.0]
    quarterly = stats.outlet_trends(articles, period="quarter", n_boot=50, min_articles=1)
    assert quarterly["period"].dt.month.isin([1, 4, 7, 10]).all()


def test_a_short_span_gives_no_trend():
    articles = _articles().assign(published=pd.Timestamp("2026-01-05"))
    trends = stats.outlet_trends(articles, n_boot=100)
    assert trends.empty and trends.attrs["period"] is None
    with pytest.raises(ValueError, match="unknown period 'day'"):
        stats.outlet_trends(articles, period="day")


NAMES = ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", None]


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.sampled_from(NAMES), max_size=40),
    top=st.integers(min_value=1, max_value=9),
    categorical=st.booleans(),
)
def test_the_most_quoted_are_ranked_by_count_then_name_as_a_full_sort_ranks_them(
    names, top, categorical
):
    from framing.stats.inputs import most_quoted, speaker_codes

    kinds = [f"type-{i % 3}" for i in range(len(names))]
    speakers = pd.Series(names, dtype="category" if categorical else object)
    if categorical:  # categories beyond those quoted, as a slice of a larger table has
        speakers = speakers.cat.add_categories(["Zed", "Abe"])
    codes, categories = speaker_codes(speakers)
    ranked = most_quoted(codes, categories, pd.Series(kinds), top)
    quoted = [n for n in names if n is not None]
    counts = {n: quoted.count(n) for n in quoted}
    expected = sorted(counts, key=lambda n: (-counts[n], n))[:top]
    assert ranked["speaker"].tolist() == expected
    assert ranked["n"].tolist() == [counts[n] for n in expected]
    assert ranked["source_type"].tolist() == [kinds[names.index(n)] for n in expected]


@st.composite
def _attribution_hits(draw):
    n = draw(st.integers(1, 30))

    def column(values):
        return draw(st.lists(st.sampled_from(values), min_size=n, max_size=n))

    return pd.DataFrame(
        {
            # "z9" is no article's: its hits count nowhere.
            "id": column(["a1", "a2", "a3", "b1", "b2", "z9", None]),
            "outlet": column(["A", "B"]),
            "detector": "attribution",
            "speaker": column(["Ana", "Ben", "Cleo", None]),
            "kind": column(["direct", "indirect", "mixed"]),
            "category": column(["doubt", "neutral", "endorsement"]),
            "source_type": column(["named", "organization", "anonymous", "unresolved"]),
            "speaker_gender": column(["female", "male", "unknown", None]),
        }
    )


@settings(max_examples=60, deadline=None)
@given(hits=_attribution_hits())
def test_compact_hits_give_the_tables_plain_hits_give(hits):
    """The report holds hits as categoricals; the statistics count them per category, and the
    tables equal those of the same hits held as plain strings."""
    from framing.report.compact import compact_hits

    compact = compact_hits(hits)
    assert isinstance(compact["id"].dtype, pd.CategoricalDtype)
    articles = _articles()
    pd.testing.assert_frame_equal(
        stats.gender_counts(compact, articles), stats.gender_counts(hits, articles)
    )
    options = {"n_boot": 50, "min_articles": 1}
    pd.testing.assert_frame_equal(
        stats.share_of_voice(compact, articles, top=2, **options),
        stats.share_of_voice(hits, articles, top=2, **options),
    )
    if hits["speaker"].notna().any():
        pd.testing.assert_frame_equal(
            stats.attribution_asymmetry(compact, min_attributions=1, n_boot=50),
            stats.attribution_asymmetry(hits, min_attributions=1, n_boot=50),
        )


@settings(max_examples=100, deadline=None)
@given(
    articles=st.lists(st.sampled_from(["a1", "a2", "b", "cc"]), max_size=12),
    hits=st.lists(
        st.tuples(st.sampled_from(["a1", "a2", "b", "zz", None]), st.booleans()), max_size=40
    ),
    categorical=st.booleans(),
    arrow_ids=st.booleans(),
)
def test_article_counter_counts_each_articles_chosen_hits(articles, hits, categorical, arrow_ids):
    from framing.stats.shares import _ArticleCounter

    article_ids = pd.Series(articles, dtype="str" if arrow_ids else object)
    hit_ids = pd.Series([h for h, _ in hits], dtype=object)
    if categorical:
        hit_ids = hit_ids.astype("category")
    chosen = np.array([c for _, c in hits], dtype=bool)
    expected = [sum(1 for h, c in hits if c and h == a) for a in articles]
    assert _ArticleCounter(article_ids, hit_ids).counts(chosen).tolist() == expected


@pytest.mark.parametrize("categorical", [False, True])
def test_share_of_voice_columns_are_computed_per_outlet_as_looked_up(categorical):
    from framing.stats.shares import _voice_columns

    articles = pd.DataFrame(
        {"id": ["b2", "a1", "c3", "a4", "d5"], "outlet": ["Y", "X", "X", "Y", "X"],
         "attributions": [2, 1, 2, 1, 0]}
    )  # fmt: skip
    hits = pd.DataFrame(
        {"id": ["b2", "b2", "a1", "c3", "c3", "a4"], "outlet": ["Y", "Y", "X", "X", "X", "Y"],
         "detector": "attribution", "speaker": ["Ana", "Bo", "Ana", "Ana", None, "Bo"],
         "kind": ["direct", "indirect", "direct", "mixed", "direct", "direct"],
         "source_type": ["named", "named", "named", "named", "unresolved", "named"]}
    )  # fmt: skip
    if categorical:
        articles["outlet"] = articles["outlet"].astype("category")
        hits = hits.astype({c: "category" for c in ("id", "outlet", "speaker")})
    columns = stats.share_of_voice_columns(hits, articles, top=2)
    assert list(columns) == ["X", "Y"] and len(columns) == 2
    for outlet, ids, _, _, expected in _voice_columns(hits, articles, 2, "outlet"):
        found_ids, matrix = columns[outlet]
        assert found_ids == ids
        np.testing.assert_array_equal(matrix, np.column_stack(expected))
    assert columns["X"][0] == ["a1", "c3", "d5"]
    assert columns["X"][1][:, 1].tolist() == [1.0, 1.0, 0.0]  # Ana's attributions
    with pytest.raises(KeyError):
        columns["Z"]


def test_article_counter_looks_hits_up_a_chunk_at_a_time(monkeypatch):
    from framing.stats import inputs, shares

    monkeypatch.setattr(inputs, "_COUNT_CHUNK", 2)
    hits = ["b", None, "a1", "zz", "b", "a1", "b"]
    counter = shares._ArticleCounter(
        pd.Series(["a1", "b", "cc", "b"]), pd.Series(hits, dtype="category")
    )
    assert counter.hit_rows.dtype == np.int32
    assert counter.counts(np.ones(len(hits), dtype=bool)).tolist() == [2, 3, 0, 3]
    assert counter.counts(np.arange(len(hits)) < 3).tolist() == [1, 1, 0, 1]
