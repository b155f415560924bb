"""framing.report.sections: the report steps write only where they should."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from framing import report

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"


def test_symlinks_in_the_output_folder_cannot_redirect_writes(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    (out / "extraction").mkdir(parents=True)
    (out / "figures").symlink_to(outside, target_is_directory=True)
    run = report.prepare(TINY, output_dir=out, n_boot=50, min_articles=2)
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        run.loaded_rates()
    (out / "methods.txt").symlink_to(outside / "methods.txt")
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        run.methods()
    assert list(outside.iterdir()) == []


def test_share_names_cannot_become_paths(tmp_path):
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    with pytest.raises(
        ValueError, match=re.escape("unknown share '../../escape'; valid: direct, doubt")
    ):
        run.doubt_shares("../../escape")
    assert not any(p.name.startswith("escape") for p in tmp_path.rglob("*"))


def test_validity_scores_the_detectors_and_lists_the_corpus_warnings(tiny, tmp_path):
    copy = tiny.iloc[[0]].assign(id="copy-of-first", outlet=tiny["outlet"].iloc[-1])
    corpus = pd.concat([tiny, copy], ignore_index=True)  # syndicated copy in another outlet
    run = report.prepare(corpus, output_dir=tmp_path / "r", n_boot=100, min_articles=2)
    shown = run.validity()
    tables = tmp_path / "r" / "tables"
    scores = pd.read_csv(tables / "validity.csv")
    dev = scores[scores["data"].str.startswith("framing development set")].set_index("detector")
    assert dev.loc["loaded terms", "f1"] > 0.9 and dev.loc["loaded terms", "gold"] >= 100
    assert (
        scores["data"].str.contains("PolNeAR").any() and scores["data"].str.contains("BABE").any()
    )
    warnings = pd.read_csv(tables / "corpus_warnings.csv")
    assert "duplicate_text" in set(warnings["code"])
    assert "Known blind spots" in shown._repr_html_()
    methods = str(run.methods())
    assert "development set (48 fictional passages), F1 was" in methods
    assert "Corpus validation raised warnings (1 duplicate text" in methods


def test_a_corpus_without_shared_events_gets_a_note_not_an_empty_figure(tiny, tmp_path):
    run = report.prepare(tiny.assign(event=None), output_dir=tmp_path / "r", n_boot=100,
                         min_articles=2)  # fmt: skip
    shown = run.matched_events()
    assert "No event is covered by two or more outlets" in str(shown)
    assert not (tmp_path / "r" / "figures" / "matched_events.png").exists()


def test_events_are_named_by_headline_and_terms_show_their_written_forms(sample, tmp_path):
    run = report.prepare(sample, output_dir=tmp_path / "r", n_boot=100)
    run.matched_events()
    events = pd.read_csv(tmp_path / "r" / "tables" / "event_rates.csv")
    shown = events[events["event"] == "e01-port-strike"]["event_title"].iloc[0]
    earliest = sample[sample["event"] == "e01-port-strike"].sort_values(["published", "outlet"])
    headline = earliest["title"].iloc[0]
    assert len(shown) <= 48 and headline.startswith(shown.removesuffix("…"))
    run.distinctive_terms()
    terms = pd.read_csv(tmp_path / "r" / "tables" / "distinctive_terms.csv", keep_default_na=False)
    crony = terms[(terms["outlet"] == "The Harbor Sentinel") & (terms["term"] == "crony")]
    assert crony["forms"].tolist() == ["cronies"]
