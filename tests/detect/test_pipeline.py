"""One pipeline: analyze, extract and kwic report the same hits for the same text."""

from __future__ import annotations

import pandas as pd
import pytest
from support import SAMPLE

import framing
from framing.detect.pipeline import STEPS, detect
from framing.text import Document


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return framing.load_corpus(SAMPLE).head(12)


def _rows(df: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [
        tuple(None if v is pd.NA else v for v in row) for row in df[columns].itertuples(index=False)
    ]


def test_analyze_and_extract_agree_on_every_hit(articles):
    extraction = framing.extract(articles)
    for article in articles.itertuples():
        analysis = framing.analyze(article.text)
        hits = extraction.hits[extraction.hits["id"] == article.id]
        loaded = hits[hits["detector"] == "loaded"]
        assert _rows(
            loaded, ["start", "end", "text", "label", "category", "in_quote", "speaker"]
        ) == (
            _rows(
                analysis.loaded_terms,
                ["start", "end", "text", "term", "category", "in_quote", "speaker"],
            )
        )
        attributions = hits[hits["detector"] == "attribution"]
        assert _rows(attributions, ["start", "end", "speaker", "category", "kind"]) == _rows(
            analysis.attributions, ["verb_start", "verb_end", "speaker", "verb_class", "kind"]
        )
        markers = hits[hits["detector"] == "marker"]
        assert _rows(markers, ["start", "end", "category"]) == _rows(
            analysis.markers, ["start", "end", "type"]
        )
        row = extraction.articles.set_index("id").loc[article.id]
        assert row["words"] == analysis.summary()["words"]


def test_kwic_finds_what_the_detector_counted(articles):
    extraction = framing.extract(articles)
    loaded = extraction.hits[extraction.hits["detector"] == "loaded"]
    term = loaded["label"].value_counts().index[0]
    found = framing.kwic(articles, term)
    expected = loaded[loaded["label"] == term]
    assert sorted(zip(found["id"], found["start"], found["end"], strict=True)) == sorted(
        zip(expected["id"], expected["start"], expected["end"], strict=True)
    )


def test_steps_can_be_chosen_and_markers_bring_their_attributions():
    doc = Document("“A sham,” the mayor reportedly fumed.")
    only_loaded = detect(doc, steps=("loaded",))
    assert only_loaded.attributions == [] and only_loaded.markers == []
    assert [r.speaker for r in only_loaded.loaded] == [None, None]  # no attributions: no credit
    markers = detect(doc, steps=("markers",))
    assert markers.attributions and markers.loaded == []
    assert [m.text for m in markers.markers] == ["reportedly"]
    with pytest.raises(ValueError, match=r"unknown detector step.*valid: attribution, loaded"):
        detect(doc, steps=("loaded", "sentiment"))
    assert STEPS == ("attribution", "loaded", "markers")
