"""framing.coding.draw_sample: stratified, seeded, shuffled, blind on request."""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest

from framing.coding import draw_sample
from framing.coding.sample import MARK_CLOSE, MARK_OPEN
from framing.text import Document


@pytest.fixture(scope="module")
def sample_corpus(sample) -> pd.DataFrame:
    return sample


@pytest.mark.parametrize("detector", ["loaded", "attribution", "markers"])
def test_same_seed_same_sheet_other_seed_other_sheet(sample_corpus, sample_extraction, detector):
    first = draw_sample(sample_corpus, detector=detector, per_outlet=4, seed=7,
                        extraction=sample_extraction)  # fmt: skip
    again = draw_sample(sample_corpus, detector=detector, per_outlet=4, seed=7,
                        extraction=sample_extraction)  # fmt: skip
    other = draw_sample(sample_corpus, detector=detector, per_outlet=4, seed=8,
                        extraction=sample_extraction)  # fmt: skip
    pd.testing.assert_frame_equal(first.sheet, again.sheet)
    assert first.meta["sample"] == again.meta["sample"] != other.meta["sample"]
    assert set(zip(first.key["id"], first.key["start"], strict=True)) != set(
        zip(other.key["id"], other.key["start"], strict=True)
    )


def test_every_outlet_gets_its_share_of_each_kind(sample_corpus, sample_extraction):
    drawn = draw_sample(sample_corpus, per_outlet=5, seed=1, extraction=sample_extraction)
    counts = drawn.key.groupby(["outlet", "kind"]).size().unstack(fill_value=0)
    populations = drawn.meta["populations"]
    for outlet, row in counts.iterrows():
        assert row["hit"] == min(5, populations[outlet]["hits"])
        assert row["sentence"] == min(5, populations[outlet]["sentences_without_hit"])
    assert set(counts.index) == set(sample_corpus["outlet"])
    # outlets with few loaded terms (wire copy) give fewer hits, never fewer sentences
    assert (counts["sentence"] == 5).all()


def test_items_are_shuffled_not_blocked_by_outlet(sample_corpus, sample_extraction):
    drawn = draw_sample(sample_corpus, per_outlet=6, seed=2, extraction=sample_extraction)
    outlets = drawn.key["outlet"].tolist()
    runs = sum(1 for a, b in itertools.pairwise(outlets) if a != b) + 1
    assert runs > len(set(outlets)) * 3
    assert drawn.key["item"].tolist() == [f"i{k:04d}" for k in range(1, len(outlets) + 1)]


def test_items_slice_back_and_hits_are_in_the_outlets_voice(sample_corpus, sample_extraction):
    drawn = draw_sample(sample_corpus, per_outlet=5, seed=3, extraction=sample_extraction)
    texts = dict(zip(sample_corpus["id"], sample_corpus["text"], strict=True))
    hits = sample_extraction.hits
    for row in drawn.sheet.itertuples():
        text = texts[row.id]
        if row.kind == "hit":
            assert text[row.start : row.end] == row.match
            assert f"{MARK_OPEN}{row.match}{MARK_CLOSE}" in row.sentence
            hit = hits[(hits["id"] == row.id) & (hits["start"] == row.start)
                       & (hits["detector"] == "loaded")]  # fmt: skip
            assert len(hit) == 1 and hit["voice"].iloc[0] == "outlet"
        else:
            assert Document(text).sentence_of(row.start) == (row.start, row.end)
            inside = hits[(hits["id"] == row.id) & (hits["detector"] == "loaded")
                          & (hits["voice"] == "outlet") & (hits["start"] >= row.start)
                          & (hits["start"] < row.end)]  # fmt: skip
            assert inside.empty


def test_blind_sheets_hide_what_names_the_outlet(sample_corpus, sample_extraction, tmp_path):
    drawn = draw_sample(sample_corpus, per_outlet=3, blind=True, extraction=sample_extraction)
    assert not {"outlet", "id", "title"} & set(drawn.sheet.columns)
    assert {"outlet", "id"} <= set(drawn.key.columns)
    paths = drawn.save(tmp_path / "sheet.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sheet.csv", "sheet.guide.md", "sheet.key.csv", "sheet.meta.json"
    ]  # fmt: skip
    meta = json.loads(paths["meta"].read_text())
    assert meta["blind"] is True and meta["corpus_fingerprint"].startswith("sha256:")
    assert "outlet's own voice" in paths["guide"].read_text()


def test_bad_arguments_are_named(sample_corpus):
    with pytest.raises(ValueError, match="unknown detector 'sentiment'; valid: attribution"):
        draw_sample(sample_corpus, detector="sentiment")
    with pytest.raises(ValueError, match="per_outlet must be a positive number"):
        draw_sample(sample_corpus, per_outlet=0)


def test_a_hit_in_a_text_without_sentence_ends_is_shown_with_bounded_context():
    """A coder is shown the hit's sentence, at most CONTEXT_CHARS characters either side of
    the hit (a transcript without sentence ends would otherwise fill a sheet's cell)."""
    from framing.coding.sample import MARK_CLOSE, MARK_OPEN, _marked
    from framing.text.context import CONTEXT_CHARS

    text = "word " * 2000 + "the mayor lashed out at critics" + " more" * 2000
    start = text.index("lashed out")
    shown, s, e = _marked(text, start, start + 10)
    assert f"{MARK_OPEN}lashed out{MARK_CLOSE}" in shown
    assert start - s <= CONTEXT_CHARS and e - start - 10 <= CONTEXT_CHARS
    assert len(shown) < 2 * CONTEXT_CHARS + 40
    plain = "Intro. The mayor lashed out at critics. Then more."
    shown, s, e = _marked(plain, plain.index("lashed"), plain.index("lashed") + 10)
    assert plain[s:e] == "The mayor lashed out at critics."


def test_marker_hits_drawn_are_the_outlets_own(sample_corpus, sample_extraction):
    # the coders check what the report counts: markers in the outlet's voice (markers v10),
    # not a source's hedge in reported speech
    drawn = draw_sample(sample_corpus, detector="markers", per_outlet=50, seed=4,
                        extraction=sample_extraction)  # fmt: skip
    hits = sample_extraction.hits
    markers = hits[hits["detector"] == "marker"]
    own = markers[markers["voice"] == "outlet"]
    drawn_hits = drawn.key[drawn.key["kind"] == "hit"]
    assert set(zip(drawn_hits["id"], drawn_hits["start"], strict=True)) == set(
        zip(own["id"], own["start"], strict=True)
    )
    assert len(own) < len(markers[~markers["in_quote"]])
