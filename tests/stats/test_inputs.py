"""framing.stats.inputs: groups counted from categorical codes, and taken one at a time, as
pandas' groupby counts and gives them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.stats import inputs
from framing.stats.inputs import group_sizes, id_sorted_groups


@st.composite
def _frames(draw):
    n = draw(st.integers(0, 60))
    frame = pd.DataFrame(
        {
            column: draw(st.lists(st.sampled_from(values), min_size=n, max_size=n))
            for column, values in (
                ("outlet", ["B", "A", "C", None]),
                ("category", ["doubt", "neutral", "emotive", None]),
                ("kind", ["direct", "indirect"]),
            )
        },
        dtype=object,
    )
    if draw(st.booleans()):  # categoricals, with unused categories in any order
        for column in frame.columns:
            found = [*dict.fromkeys(frame[column].dropna()), "unused"]
            frame[column] = pd.Categorical(frame[column], categories=draw(st.permutations(found)))
    return frame


@settings(max_examples=150, deadline=None)
@given(frame=_frames(), by=st.sampled_from([["outlet"], ["outlet", "category"],
                                           ["category", "kind", "outlet"]]))  # fmt: skip
def test_group_sizes_count_as_groupby_counts(frame, by):
    expected = frame.groupby(by, observed=True).size()
    pd.testing.assert_series_equal(group_sizes(frame, by), expected)


@pytest.mark.parametrize("chunk", [1, 3, 1000])
def test_group_sizes_are_the_same_whatever_the_chunk(monkeypatch, chunk):
    outlets = ["A", "B", "B", "A", "C", "A", "B", None]
    frame = pd.DataFrame({"outlet": outlets, "category": list("xyxyyxzx")}, dtype="category")
    monkeypatch.setattr(inputs, "_COUNT_CHUNK", chunk)
    counted = group_sizes(frame, ["outlet", "category"])
    pd.testing.assert_series_equal(
        counted, frame.groupby(["outlet", "category"], observed=True).size()
    )
    assert counted.sum() == 7


@settings(max_examples=100, deadline=None)
@given(frame=_frames(), shuffled=st.randoms(use_true_random=False))
def test_id_sorted_groups_are_the_groups_of_the_sorted_rows(frame, shuffled):
    frame = frame.rename(columns={"category": "id"})
    frame.index = shuffled.sample(range(1000), len(frame))
    expected = [
        (group, rows.sort_values("id", kind="mergesort", na_position="last"))
        for group, rows in frame.groupby("outlet", sort=True, observed=True)
    ]
    found = list(id_sorted_groups(frame, "outlet"))
    assert [g for g, _ in found] == [g for g, _ in expected]
    for (_, rows), (_, want) in zip(found, expected, strict=True):
        pd.testing.assert_frame_equal(rows, want)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(st.integers(-1, 6), st.booleans()), max_size=50),
    top=st.integers(1, 8),
)
def test_most_quoted_ranks_the_eligible_rows_by_count_then_name(rows, top):
    from collections import Counter

    from framing.stats.inputs import most_quoted

    names = pd.Index(["Ana", "Bo", "Cy", "Di", "Ed", "Fa", "Gu"])
    codes = np.array([c for c, _ in rows], dtype=np.int32)
    eligible = np.array([e for _, e in rows], dtype=bool)
    kinds = pd.Series([f"type{i % 3}" for i in range(len(rows))])
    counted = Counter(c for c, e in rows if c >= 0 and e)
    expected = sorted(counted, key=lambda c: (-counted[c], names[c]))[:top]
    ranked = most_quoted(codes, names, kinds, top, eligible)
    assert ranked["code"].tolist() == expected
    assert ranked["n"].tolist() == [counted[c] for c in expected]
    firsts = [next(i for i, (c, e) in enumerate(rows) if c == code and e) for code in expected]
    assert ranked["source_type"].tolist() == kinds.iloc[firsts].tolist()


def test_isin_names_looks_codes_up_a_chunk_at_a_time(monkeypatch):
    from framing.stats.inputs import isin_names

    values = ["Bo", None, "Ana", "Cy", "Ana", None, "Bo"]
    speakers = pd.Series(values, dtype="category")
    monkeypatch.setattr(inputs, "_COUNT_CHUNK", 2)
    assert isin_names(speakers, ["Ana", "Bo", "Zed"]).tolist() == [
        v in ("Ana", "Bo") for v in values
    ]


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.sampled_from(["a", "b", "é", "a1", "zz"])), max_size=30
    ),
    wanted=st.lists(st.sampled_from(["a", "é", "zz", "q"]), max_size=4),
    chunked=st.booleans(),
)
def test_isin_names_with_many_names_matches_pandas(values, wanted, chunked):
    """Beyond a few hundred names the Arrow-backed categories are matched in Arrow (the
    articles of a period, by id): the same rows as pandas' isin, and still no hash table of
    the categories kept with them."""
    from framing.stats.inputs import isin_names

    names = [*wanted, *(f"not there {i}" for i in range(inputs._BISECTED_NAMES))]
    categories = pd.Index(sorted({v for v in values if v is not None}), dtype="str")
    if chunked and len(categories) > 1:  # Arrow strings in two chunks
        import pyarrow as pa

        arrow = pa.chunked_array([pa.array(categories[:1]), pa.array(categories[1:])])
        categories = pd.Index(pd.arrays.ArrowStringArray(arrow))
    position = {name: i for i, name in enumerate(categories)}
    codes = [-1 if v is None else position[v] for v in values]
    series = pd.Series(pd.Categorical.from_codes(codes, categories=categories))
    series.cat.categories._cache.pop("_engine", None)  # built by the construction's checks
    expected = pd.Series(values, dtype=object).isin(names).to_numpy()
    assert isin_names(series, names).tolist() == expected.tolist()
    assert "_engine" not in series.cat.categories._cache


@settings(max_examples=200, deadline=None)
@given(
    ids=st.lists(
        st.one_of(st.none(), st.sampled_from(["a", "b", "B", "é", "a1", "zz"])), max_size=12
    ),
    strings=st.sampled_from(["object", "string[pyarrow]", "category"]),
    data=st.data(),
)
def test_sort_rows_orders_as_pandas_sorts_on_every_key(ids, strings, data):
    """Whether the ids are unique (taken in their order) or not (pandas sorts on every
    key), the rows come out as ``sort_values(keys, kind="mergesort", na_position="last")``."""
    n = len(ids)
    outlets = data.draw(st.lists(st.sampled_from(["X", "Y", None]), min_size=n, max_size=n))
    words = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    frame = pd.DataFrame({"id": ids, "outlet": outlets, "words": words})
    frame["id"] = frame["id"].astype(strings)
    frame["outlet"] = frame["outlet"].astype("category")
    for keys in (["id", "outlet"], ["id", "outlet", "words"], ["outlet", "id"], ["words", "id"]):
        expected = frame.sort_values(keys, kind="mergesort", na_position="last")
        pd.testing.assert_frame_equal(
            inputs.sort_rows(frame, keys), expected.reset_index(drop=True)
        )


def test_sort_rows_takes_unique_ids_in_their_order_without_sorting_on_every_key(monkeypatch):
    frame = pd.DataFrame({"id": pd.array(["c", "a", "b"], dtype="string[pyarrow]"),
                          "outlet": ["X", "Y", "X"]})  # fmt: skip

    def refused(*args, **kwargs):
        raise AssertionError("sorted on every key")

    monkeypatch.setattr(pd.DataFrame, "sort_values", refused)
    assert inputs.sort_rows(frame, ["id", "outlet"])["id"].tolist() == ["a", "b", "c"]
    with pytest.raises(AssertionError, match="every key"):
        inputs.sort_rows(frame.assign(id=["a", "a", "b"]), ["id", "outlet"])
