"""framing.report.sections: the report steps write only where they should."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from framing import evaluate, report, stats

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
    # the report shows what `framing evaluate` measures on the shipped set (floors: test_evaluate)
    scored = evaluate.evaluate_devset(evaluate.load_devset()).scores["loaded_terms"]
    assert dev.loc["loaded terms", "f1"] == pytest.approx(scored.f1)
    assert dev.loc["loaded terms", "gold"] == scored.n_gold >= 100
    assert (
        scores["data"].str.contains("PolNeAR").any() and scores["data"].str.contains("BABE").any()
    )
    warnings = pd.read_csv(tables / "corpus_warnings.csv")
    assert "duplicate_text" in set(warnings["code"])
    assert "Known blind spots" in shown._repr_html_()
    methods = str(run.methods())
    passages = len(evaluate.load_devset())
    assert (
        dev.index.size == 3
        and dev["data"].str.contains(f"({passages} fictional", regex=False).all()
    )
    assert f"development set ({passages} fictional passages), F1 was" in methods
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


def test_parameters_table_reads_as_words_and_names_no_local_path(tmp_path):
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    table = run.parameters_table()["value"]
    fingerprint = run.provenance["corpus_fingerprint"]
    assert list(table.index[:2]) == ["corpus", "corpus fingerprint"]
    assert table["corpus"] == "tiny"
    assert table["corpus fingerprint"] == f"{fingerprint[:23]}… (selected articles)"
    # pandas cuts longer cells in the report's HTML
    assert all(len(value) <= 50 for value in table)
    assert (table["outlets"], table["events"]) == ("all", "all")
    assert (table["start"], table["end"]) == ("no bound", "no bound")
    assert (table["extra_lexicons"], table["validation"]) == ("none", "none")
    assert table["speakers"] == "the 8 most quoted"
    assert (table["n_boot"], table["seed"]) == ("50", "0")
    assert "None" not in set(table)
    html = run.parameters_table()._repr_html_()
    assert str(TINY) not in html and str(ROOT) not in html
    assert run.provenance["corpus_source"] == str(TINY)  # the provenance keeps the path


def test_parameters_table_shows_given_values_and_files_by_name(tmp_path):
    lexicon = tmp_path / "lexicons" / "mine.tsv"
    lexicon.parent.mkdir()
    lexicon.write_text(
        "term\tpos\tcategory\trationale\tbasis\tadded\ngobsmack\tVERB\temotive_mood\tsurprise\t"
        "project\t0.1\n",
        "utf-8",
    )
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2,
                         outlets=["Metro Ledger", "Valley Courier"], start="2026-03-01",
                         speakers=["Ilse Marten"], top_speakers=3,
                         extra_lexicons=[str(lexicon)])  # fmt: skip
    table = run.parameters_table()["value"]
    assert table["outlets"] == '["Metro Ledger", "Valley Courier"]'
    assert (table["start"], table["end"]) == ("2026-03-01", "no bound")
    assert table["speakers"] == '["Ilse Marten"]'
    assert table["extra_lexicons"] == "mine.tsv"
    assert str(tmp_path) not in run.parameters_table().to_string()


def test_parameters_table_names_a_mapped_corpus_by_the_users_file(tmp_path, tiny):
    from framing.report.inputs import write_mapped_corpus

    export = tmp_path / "exports" / "export.csv"
    mapping = {"text": "body", "outlet": "source"}
    path = write_mapped_corpus(tiny, tmp_path / "build" / "input", source=export, columns=mapping)
    run = report.prepare(path, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    corpus = run.parameters_table()["value"]["corpus"]
    assert corpus == "export.csv, columns text=body, outlet=source"
    assert run.provenance["corpus_source"] == str(export)
    assert run.provenance["corpus_columns"] == mapping


def test_files_table_lists_each_output_once_with_its_formats(tmp_path):
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    run.loaded_rates()
    run.methods()
    files = run.files_table()["files or formats"]
    assert files["figures/loaded_rate"] == "json, pdf, png, svg"
    assert files["methods"] == "methods.txt"
    assert files["provenance.json"] == "json"
    for output, listed in files.items():
        folder = tmp_path / "out" / Path(output).parent
        if (tmp_path / "out" / output).is_dir():  # extraction/: its files by name
            folder = tmp_path / "out" / output
        stem = Path(output).name
        names = [x if "." in x else f"{stem}.{x}" for x in listed.split(", ")]
        if output not in ("methods", "provenance.json"):
            assert all((folder / n).exists() for n in names), output


def test_the_matched_events_figure_shows_the_most_covered_events_and_the_table_all(
    sample, tmp_path, monkeypatch
):
    sections = importlib.import_module("framing.report.sections")
    monkeypatch.setattr(sections, "MATCHED_EVENTS_SHOWN", 4)
    run = report.prepare(sample, output_dir=tmp_path / "r", n_boot=100)
    shown = run.matched_events()
    table = pd.read_csv(tmp_path / "r" / "tables" / "event_rates.csv")
    per_event = table.groupby("event").agg(outlets=("outlet", "nunique"), n=("articles", "sum"))
    assert len(per_event) > 4
    ranked = per_event.reset_index().sort_values(
        ["outlets", "n", "event"], ascending=[False, False, True], kind="mergesort"
    )
    titles = dict(zip(table["event"], table["event_title"], strict=False))
    expected = {titles[e] for e in ranked["event"].head(4)}
    rows = {t.get_text() for t in shown.figure.axes[0].get_yticklabels()}
    assert rows == expected
    assert f"4 of {len(per_event)} events shown" in shown.figure.texts[-1].get_text()
    keys = set(shown.evidence["key"])
    assert keys and keys <= set(ranked["event"].head(4))


def test_the_outlet_estimates_share_one_pass_of_resamples_and_match_the_statistics(tmp_path):
    from framing import stats

    run = report.prepare(TINY, output_dir=tmp_path / "r", n_boot=120, min_articles=2)
    run.loaded_rates(), run.source_types(), run.share_of_voice(), run.marker_rates()
    counted = (run.extraction.articles.groupby("outlet").size() >= 2).sum()
    # one pass per outlet for every rate and share of the report (warmed on first use)
    assert run._resamples.passes == counted >= 2
    tables = tmp_path / "r" / "tables"
    options = {"n_boot": 120, "seed": run.params["seed"], "min_articles": 2}
    alone = stats.outlet_rates(run.extraction.articles, "rate_loaded_outlet", **options)
    pd.testing.assert_frame_equal(
        pd.read_csv(tables / "loaded_rates.csv"), alone, check_dtype=False, check_exact=False
    )
    voice = stats.share_of_voice(run.extraction.hits, run.extraction.articles, **options)
    written = pd.read_csv(tables / "share_of_voice.csv")
    assert written["share_low"].tolist() == pytest.approx(voice["share_low"].tolist(), nan_ok=True)
    assert written["direct_high"].tolist() == pytest.approx(
        voice["direct_high"].tolist(), nan_ok=True
    )


def test_figures_written_by_the_worker_are_the_files_written_here(sample, tmp_path):
    there = report.build(sample, output_dir=tmp_path / "there", n_boot=100)
    here = report.build(sample, output_dir=tmp_path / "here", n_boot=100, background_figures=False)
    assert there.figure_writer is not None and here.figure_writer is None
    assert there.figure_writer.written_here == 0  # every figure went to the worker
    written = sorted(p.name for p in (tmp_path / "there" / "figures").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "here" / "figures").iterdir())
    assert len([n for n in written if n.endswith(".svg")]) >= 10
    for name in written:
        a, b = (tmp_path / side / "figures" / name for side in ("there", "here"))
        if name.endswith(".json"):  # the sidecars differ in their creation time only
            assert json.loads(a.read_text())["files"] == json.loads(b.read_text())["files"]
        else:
            assert a.read_bytes() == b.read_bytes(), name
    for side in ("there", "here"):
        assert (tmp_path / side / "provenance.json").is_file()


def test_a_figure_written_elsewhere_is_drawn_for_display_not_waited_for(tiny, tmp_path):
    run = report.prepare(tiny, output_dir=tmp_path / "r", n_boot=50, min_articles=2)
    shown = run.loaded_rates()
    assert shown.written_elsewhere
    assert shown.png().startswith(b"\x89PNG")
    assert '<img src="data:image/png;base64,' in shown._repr_html_()
    run.finish()
    assert all(Path(p).is_file() for p in shown.files.values())


def test_the_trends_evidence_quotes_each_outlets_peak_period(sample, tmp_path):
    """Each outlet's examples come from its articles in the period with its highest rate
    (among periods with enough articles), and are its loaded terms in its own voice."""
    run = report.prepare(sample, output_dir=tmp_path / "r", n_boot=100, min_articles=2)
    shown = run.trends()
    trends = pd.read_csv(tmp_path / "r" / "tables" / "trends.csv", parse_dates=["period"])
    period = run.stats["trends"]["period"]
    counted = trends[~trends["below_min"] & trends["rate"].notna()]
    peaks = counted.loc[counted.groupby("outlet")["rate"].idxmax()].set_index("outlet")
    evidence = shown.evidence
    # An outlet whose highest rate is 0 (the sample's wire and trade outlets) has none.
    assert set(evidence["outlet"]) == set(peaks.index[peaks["rate"] > 0])
    articles = run.extraction.articles.set_index("id")
    for row in evidence.itertuples():
        peak = peaks.loc[row.outlet, "period"]
        assert row.key == f"highest: {stats.trends.period_label(peak, period)}"
        published = pd.Timestamp(articles.loc[row.id, "published"])
        assert stats.trends.period_starts(pd.Series([published]), period)[0] == peak
        assert articles.loc[row.id, "outlet"] == row.outlet
    loaded = run._hits("loaded")
    pairs = set(zip(loaded["id"].astype(str), loaded["start"].astype(int), strict=True))
    assert {(r.id, int(r.start)) for r in evidence.itertuples()} <= pairs
    assert (evidence.groupby("outlet").size() <= 3).all()
