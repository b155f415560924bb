"""The corpus checks from stored facts (``problems_from_facts``) give what
``framing.validate_corpus`` gives on the same articles, however many share an id or a text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.corpus.article_facts import article_facts, problems_from_facts
from framing.corpus.problems import PROBLEM_COLUMNS, SEVERITY_RANK, problems_table


def _reshuffled(tiny: pd.DataFrame, seed: int, n: int) -> pd.DataFrame:
    """``n`` articles of ``tiny``'s texts and outlets drawn with replacement: many texts
    repeated within and across outlets, some ids repeated."""
    rng = np.random.default_rng(seed)
    corpus = tiny.iloc[rng.integers(0, len(tiny), n)].reset_index(drop=True)
    corpus["outlet"] = rng.choice(sorted(set(tiny["outlet"])), n)
    corpus["id"] = [f"x{i}" for i in range(n)]
    repeated = rng.choice(n, size=n // 6, replace=False)
    corpus.loc[repeated, "id"] = corpus.loc[rng.choice(repeated, size=len(repeated)), "id"].values
    return corpus


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_many_shared_ids_and_texts_give_the_problems_of_validate_corpus(tiny, seed):
    corpus = _reshuffled(tiny, seed, 90)
    keys, problems = [], []
    for start in range(0, len(corpus), 7):
        k, p = article_facts(corpus.iloc[start : start + 7])
        keys += k
        problems += p
    found = problems_from_facts(corpus["id"].tolist(), corpus["outlet"].tolist(), keys, problems)
    expected = framing.validate_corpus(corpus, near_duplicate_threshold=None).problems
    assert {"duplicate_text", "duplicate_id"} <= set(found["code"])
    assert (found["code"] == "duplicate_text").sum() >= 30
    pd.testing.assert_frame_equal(found.astype(str), expected.astype(str))


def _reference_table(problems):
    """The problems table as ``problems_table`` made it before it took columns: a frame of the
    dicts, here sorted in Python first (severity, code, then the order found)."""

    def key(numbered):
        found, problem = numbered
        return SEVERITY_RANK[problem["severity"]], problem["code"], found

    ordered = [problem for _, problem in sorted(enumerate(problems), key=key)]
    table = pd.DataFrame(ordered, columns=PROBLEM_COLUMNS)
    table["row"] = pd.Series([p["row"] for p in ordered], dtype=object)
    table["severity"] = pd.Categorical(table["severity"], list(SEVERITY_RANK), ordered=True)
    return table


_problem = st.fixed_dictionaries(
    {
        "severity": st.sampled_from(list(SEVERITY_RANK)),
        "code": st.sampled_from(["duplicate_text", "empty_text", "missing_id", "short_text"]),
        "message": st.text(max_size=8),
        "file": st.none() | st.sampled_from(["a.csv", "b.jsonl"]),
        "row": st.none() | st.integers(0, 50) | st.sampled_from(["k1", "k2"]),
        "column": st.none() | st.sampled_from(["text", "id"]),
        "id": st.none() | st.sampled_from(["a1", "a2", "a3"]),
    }
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_problem, max_size=12))
def test_the_problems_table_from_columns_equals_the_one_from_dicts(problems):
    pd.testing.assert_frame_equal(problems_table(problems), _reference_table(problems))


def test_a_duplicate_text_costs_no_dict_of_its_own():
    # 20,000 of 30,000 articles repeat a text: the problems are gathered as columns, not as a
    # dict each (772 bytes of Python objects at the peak per problem before, 490 after).
    import tracemalloc

    n = 30_000
    ids = [f"a{i:08d}" for i in range(n)]
    outlets = [f"Outlet {i % 24}" for i in range(n)]
    keys = [(i % (n // 3)).to_bytes(16, "big") for i in range(n)]
    tracemalloc.start()
    try:
        table = problems_from_facts(ids, outlets, keys, [None] * n)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(table) == 20_000
    assert peak / len(table) < 620
