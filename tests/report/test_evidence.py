"""Evidence drawing: the examples behind a figure, the same whichever way the hits are held."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.report.evidence import EVIDENCE_COLUMNS, ArticleTexts, draw_evidence
from framing.stats.bootstrap import group_rng


def _sorted_and_grouped(hits, keys, figure, per_group, seed):
    """The rule as first written: sort every row, group, draw per group."""
    picked = []
    ordered = hits.sort_values(["outlet", *keys, "id", "start"], kind="mergesort")
    for group_key, group in ordered.groupby(["outlet", *keys], sort=True, observed=True):
        outlet, *values = group_key
        label = " / ".join(str(v) for v in values)
        rng = group_rng(seed, "evidence", figure, outlet, label)
        picks = np.sort(rng.choice(len(group), size=min(per_group, len(group)), replace=False))
        picked += [(str(outlet), label, h.id, h.start) for h in group.iloc[picks].itertuples()]
    return picked


def _drawn(hits, keys, figure, per_group, seed):
    texts = ArticleTexts(sorted(set(hits["id"].dropna())), [None] * hits["id"].nunique())
    rows = draw_evidence(hits, texts, figure=figure, key=keys, per_group=per_group, seed=seed)
    assert list(rows.columns) == list(EVIDENCE_COLUMNS)
    return [(r.outlet, r.key, r.id, r.start) for r in rows.itertuples()]


_values = st.sampled_from(["Ana Ruiz", "Bo", "ćaro", "Zed", "a", None])


@st.composite
def _hits(draw):
    n = draw(st.integers(1, 40))
    frame = pd.DataFrame(
        {
            "id": draw(st.lists(st.sampled_from(["x2", "x1", "x10", "b"]), min_size=n, max_size=n)),
            "outlet": draw(st.lists(st.sampled_from(["B", "A", None]), min_size=n, max_size=n)),
            "speaker": draw(st.lists(_values, min_size=n, max_size=n)),
            "category": draw(
                st.lists(st.sampled_from(["doubt", "neutral"]), min_size=n, max_size=n)
            ),
            "start": draw(st.lists(st.integers(0, 5), min_size=n, max_size=n)),
        }
    )
    frame["end"] = frame["start"] + 2
    frame["text"] = "xx"
    if draw(st.booleans()):  # categoricals, their categories in any order
        for column in ("id", "outlet", "speaker"):
            found = list(dict.fromkeys(frame[column].dropna()))
            order = draw(st.permutations(found))
            frame[column] = pd.Categorical(frame[column], categories=order)
    return frame


@settings(max_examples=150, deadline=None)
@given(hits=_hits(), two_keys=st.booleans(), per_group=st.integers(1, 3), seed=st.integers(0, 9))
def test_evidence_is_drawn_as_sorting_and_grouping_every_row_draws_it(
    hits, two_keys, per_group, seed
):
    keys = ["speaker", "category"] if two_keys else ["speaker"]
    assert _drawn(hits, keys, "f", per_group, seed) == _sorted_and_grouped(
        hits, keys, "f", per_group, seed
    )


@settings(max_examples=100, deadline=None)
@given(
    ids=st.lists(st.sampled_from(["b", "a"]), min_size=1, max_size=40),
    data=st.data(),
    per_group=st.integers(1, 3),
    seed=st.integers(0, 9),
)
def test_hits_at_the_same_id_and_start_are_drawn_in_row_order(ids, data, per_group, seed):
    # Big groups full of ties: the drawn ranks fall among rows of one id and start, told
    # apart here by their ends (two cues of one sentence can share a start).
    starts = data.draw(st.lists(st.integers(0, 1), min_size=len(ids), max_size=len(ids)))
    hits = pd.DataFrame({"id": ids, "outlet": "A", "speaker": "Bo", "start": starts})
    hits["end"] = hits["start"] + 2 + np.arange(len(hits))
    hits["text"] = "xx"
    ordered = hits.sort_values(["id", "start"], kind="mergesort")
    rng = group_rng(seed, "evidence", "f", "A", "Bo")
    picks = np.sort(rng.choice(len(hits), size=min(per_group, len(hits)), replace=False))
    expected = [(h.id, h.start, h.end) for h in ordered.iloc[picks].itertuples()]
    texts = ArticleTexts(sorted(set(ids)), [None] * len(set(ids)))
    rows = draw_evidence(hits, texts, figure="f", key="speaker", per_group=per_group, seed=seed)
    assert [(r.id, r.start, r.end) for r in rows.itertuples()] == expected


@pytest.mark.parametrize(
    ("far", "ids"),
    [
        (7, ["b", "a", "b", "a", "a"]),
        (2**33, ["b", "a", "b", "a", "a"]),  # beyond 32 bits: the group is sorted instead
        (7, [-5, 2**40, -5, 3, 2**40]),  # numeric ids are their own sort codes
    ],
)
def test_offsets_and_ids_of_any_size_are_drawn_in_id_and_start_order(far, ids):
    hits = pd.DataFrame(
        {"id": ids, "outlet": "A", "speaker": "Bo", "start": [far, 3, 0, far, 0], "text": "xx"}
    )
    hits["end"] = hits["start"] + 2
    for seed in range(6):
        expected = _sorted_and_grouped(hits, ["speaker"], "f", 2, seed)
        assert _drawn(hits, ["speaker"], "f", 2, seed) == [
            (outlet, key, str(article), start) for outlet, key, article, start in expected
        ]


def test_rows_missing_the_outlet_or_a_key_value_give_no_example():
    hits = pd.DataFrame(
        {"id": ["a", "b", "c"], "outlet": ["A", None, "A"], "speaker": ["Bo", "Bo", None],
         "start": [0, 0, 0], "end": [2, 2, 2], "text": "xx"}
    )  # fmt: skip
    assert _drawn(hits, ["speaker"], "f", 3, 0) == [("A", "Bo", "a", 0)]


@pytest.mark.parametrize("per_group", [1, 2])
def test_a_group_gives_at_most_per_group_examples_in_id_order(per_group):
    hits = pd.DataFrame(
        {"id": ["c", "a", "b", "a"], "outlet": "A", "speaker": "Bo", "start": [0, 9, 0, 3],
         "end": [2, 11, 2, 5], "text": "xx"}
    )  # fmt: skip
    drawn = _drawn(hits, ["speaker"], "f", per_group, 0)
    assert len(drawn) == per_group
    assert drawn == sorted(drawn, key=lambda r: (r[2], r[3]))


@settings(max_examples=100, deadline=None)
@given(
    codes=st.lists(st.integers(0, 6), max_size=60),
    chunk=st.integers(1, 70),
    counted=st.booleans(),
)
def test_rows_are_grouped_as_a_stable_sort_groups_them(codes, chunk, counted):
    from framing.report import evidence

    combined = np.asarray(codes, dtype=np.int8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(evidence, "_CHUNK", chunk)
        if not counted:  # too many cells to count: one argsort
            patch.setattr(evidence, "_MOST_CELLS", 1)
        order, cells, starts = evidence._stable_groups(combined, 7)
    assert order.tolist() == np.argsort(combined, kind="stable").tolist()
    assert cells.tolist() == sorted(set(codes))
    assert combined[order][starts].tolist() == cells.tolist()


def _example_of(text: str, match: str) -> pd.Series:
    """The evidence row drawn for the one hit ``match`` in ``text``."""
    start = text.index(match)
    hits = pd.DataFrame(
        {"id": ["t1"], "outlet": ["A"], "label": ["lash out"], "start": [start],
         "end": [start + len(match)], "text": [match]}
    )  # fmt: skip
    texts = ArticleTexts(["t1"], ["A title"], lambda rows: dict.fromkeys(rows, text))
    return draw_evidence(hits, texts, figure="f", key="label").iloc[0]


def test_a_text_without_sentence_ends_gives_a_bounded_example_cut_at_words():
    """A transcript or a page scraped without its punctuation is one 'sentence': its example
    shows at most CONTEXT_CHARS characters either side of the match, whole words only, and
    ``text[sentence_start:][:len(sentence)]`` is still the sentence shown."""
    from framing.text.context import CONTEXT_CHARS

    text = " ".join(["the council met again and talked"] * 300)
    text += " then the mayor lashed out at critics " + " ".join(["and so on"] * 300)
    start = text.index("lashed out")
    row = _example_of(text, "lashed out")
    sentence, first = row["sentence"], int(row["sentence_start"])
    assert text[first : first + len(sentence)] == sentence
    assert row["match"] == "lashed out" and sentence[start - first :].startswith("lashed out")
    assert start - first <= CONTEXT_CHARS and first + len(sentence) - start - 10 <= CONTEXT_CHARS
    assert len(sentence) > CONTEXT_CHARS  # not cut short either
    words = set(text.split())
    assert set(sentence.split()) <= words  # no word cut in two


def test_an_ordinary_sentence_is_shown_whole():
    text = "Intro here. The mayor lashed out at critics on Tuesday, aides said. Then more."
    row = _example_of(text, "lashed out")
    assert row["sentence"] == "The mayor lashed out at critics on Tuesday, aides said."
