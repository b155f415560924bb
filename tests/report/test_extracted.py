"""A report read from a saved extraction (``framing extract --for-report``) equals the report
made from the corpus: the same tables, figures, evidence and methods, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from support import written

import framing
from framing import cli, report
from framing.corpus import CorpusError
from framing.corpus.article_facts import article_facts, problems_from_facts
from framing.extract import Extraction, ExtractionMismatch, extract
from framing.report import compact
from framing.report.evidence import ArticleTexts
from framing.text.tokens import word_count

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"
SAMPLE = ROOT / "corpora" / "sample"
FAST = {"n_boot": 100, "min_articles": 2}


def build_steps(corpus, out: Path, **params) -> report.ReportRun:
    run = report.build(corpus, output_dir=out, **params)
    return run


@pytest.mark.slow
def test_a_report_from_the_saved_extraction_equals_the_report_from_the_corpus(
    sample_folder, tmp_path
):
    from_corpus = build_steps(SAMPLE, tmp_path / "corpus")
    from_folder = build_steps(sample_folder, tmp_path / "folder")
    a, b = written(tmp_path / "corpus"), written(tmp_path / "folder")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert "tables/evidence.csv" in a and "methods.txt" in a
    assert (
        from_corpus.provenance["corpus_fingerprint"]
        == (from_folder.provenance["corpus_fingerprint"])
    )
    shown = from_folder.parameters_table()["value"]
    assert shown["corpus"] == "sample"  # the corpus the extraction read, by name
    record = json.loads((tmp_path / "folder" / "provenance.json").read_text("utf-8"))
    assert record["extraction_source"] == str(sample_folder)


def test_a_selection_from_the_extraction_is_the_extraction_of_the_selection(
    sample, sample_folder, tmp_path
):
    params = {
        **FAST,
        "outlets": ["The Harbor Sentinel", "The Capital Ledger", "Meridian Wire"],
        "start": "2026-03-10",
    }
    from_folder = report.prepare(sample_folder, output_dir=tmp_path / "f", **params)
    from_corpus = report.prepare(sample, output_dir=tmp_path / "c", **params)
    a, b = from_folder.extraction, from_corpus.extraction
    assert not a.in_memory("hits") and not b.in_memory("hits")
    pd.testing.assert_frame_equal(a.articles, b.articles)
    pd.testing.assert_frame_equal(a.hits, b.hits)
    # From a folder the texts stay on disk; the report reads those it quotes. Their facts are
    # not held either: what the corpus checks find was taken from them by prepare, and is
    # what the run on the corpus finds from the facts it holds.
    assert not a.has_texts and from_folder.text_reader is not None
    with pytest.raises(AttributeError, match="kept what the corpus checks found"):
        _ = a.texts
    assert from_folder.corpus_problems is not None and from_corpus.corpus_problems is None
    found = from_folder.corpus_problems
    pd.testing.assert_frame_equal(found, from_corpus._corpus_problems())
    quoted = ArticleTexts.of(a, from_folder.text_reader)
    ids = b.texts["id"].astype(str).tolist()
    quoted.load(ids[::7])
    assert [quoted.text(i) for i in ids] == b.texts["text"].fillna("").tolist()
    # The runs hold the report's slices of the hits (compact), not the whole table (read from
    # the report's copy when asked, as above); the slices are equal whichever way they came.
    for detector, table in from_folder.report_hits.tables.items():
        pd.testing.assert_frame_equal(table, from_corpus.report_hits[detector])
        assert table["outlet"].dtype == "category" and table["start"].dtype == "int32"
    # The report's copy of its articles, written from Arrow from a folder and from pandas
    # otherwise, reads back the same.
    copies = [Extraction.load(tmp_path / run / "extraction").articles for run in ("f", "c")]
    pd.testing.assert_frame_equal(*copies)
    assert len(copies[0]) == len(a.articles)
    chosen = framing.report.params.filter_corpus(sample, params)
    expected = framing.corpus_fingerprint(chosen)
    assert from_folder.provenance["corpus_fingerprint"] == expected
    assert from_corpus.provenance["corpus_fingerprint"] == expected


def test_corpus_warnings_from_stored_facts_equal_the_validation_of_the_selection(tiny, tmp_path):
    copy = tiny.iloc[[0]].assign(id="copy-of-first", outlet=tiny["outlet"].iloc[-1])
    twice = tiny.iloc[[1]]
    corpus = pd.concat([tiny, copy, twice], ignore_index=True)
    corpus.loc[3, "text"] = "Too short to count."
    corpus.loc[4, "title"] = None
    corpus.loc[5, "text"] = "<p>Markup &amp; more</p> " + corpus.loc[5, "text"]
    folder = tmp_path / "features"
    extract(corpus, output=folder, chunksize=4, for_report=True, progress=False)
    run = report.prepare(folder, output_dir=tmp_path / "r", **FAST)
    run.validity()
    warnings = pd.read_csv(tmp_path / "r" / "tables" / "corpus_warnings.csv")
    expected = framing.validate_corpus(corpus).problems
    expected = expected[expected["severity"].isin(["warning", "error"])]
    summary = (
        expected.groupby(["severity", "code"], sort=True, observed=True)
        .agg(count=("message", "size"), example=("message", "first"))
        .reset_index()
    )
    assert warnings["code"].tolist() == summary["code"].astype(str).tolist()
    assert warnings["count"].tolist() == summary["count"].tolist()
    assert warnings["example"].tolist() == summary["example"].tolist()
    assert {"duplicate_id", "duplicate_text", "short_text", "missing_value", "html_remnant"} <= set(
        warnings["code"]
    )
    # The facts were summarised when the run was prepared and are not held by it.
    assert not run.extraction.has_texts and run.corpus_problems is not None
    # A selection's warnings are those of validating the selected articles alone.
    outlets = sorted(set(corpus["outlet"]))[:2]
    chosen = report.prepare(folder, output_dir=tmp_path / "s", **FAST, outlets=outlets)
    selected = corpus[corpus["outlet"].isin(outlets)].reset_index(drop=True)
    expected = framing.validate_corpus(selected).problems
    expected = expected[expected["severity"].isin(["warning", "error"])]
    found = chosen.corpus_problems
    found = found[found["severity"].isin(["warning", "error"])]
    assert found["code"].value_counts().to_dict() == expected["code"].value_counts().to_dict()
    assert found["id"].tolist() == expected["id"].tolist() and len(found)


def test_stored_facts_give_the_problems_of_validate_corpus_in_its_order(tiny):
    corpus = pd.concat([tiny, tiny.iloc[[2, 0]]], ignore_index=True)
    corpus.loc[1, "published"] = pd.NaT
    corpus.loc[6, "title"] = "Caf\u00c3\u00a9"
    corpus.loc[7, "text"] = ""
    keys, problems = [], []
    for start in range(0, len(corpus), 3):  # facts are kept chunk by chunk
        k, p = article_facts(corpus.iloc[start : start + 3])
        keys += k
        problems += p
    found = problems_from_facts(corpus["id"].tolist(), corpus["outlet"].tolist(), keys, problems)
    expected = framing.validate_corpus(corpus).problems
    pd.testing.assert_frame_equal(found.astype(str), expected.astype(str))
    assert len(found) >= 6


def test_an_extraction_without_texts_still_reports_and_says_what_it_lacks(tiny, tmp_path):
    folder = tmp_path / "plain"
    extract(tiny, output=folder, chunksize=4, progress=False)
    run = report.prepare(folder, output_dir=tmp_path / "r", **FAST)
    assert not run.extraction.has_texts
    run.loaded_rates()
    evidence = run.evidence[0]
    # The matched words stand in for the sentence they came from.
    assert (evidence["sentence"] == evidence["match"]).all()
    assert (evidence["sentence_start"] == evidence["start"]).all()
    shown = run.validity()
    assert "made without --for-report" in shown._repr_html_()
    assert run.stats["validity"]["corpus_warnings"] is None


def test_extra_lexicons_must_be_those_the_extraction_used(tiny, tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text(
        "term\tpos\tcategory\trationale\tbasis\tadded\ngobsmack\tVERB\temotive_mood\tsurprise\t"
        "project\t0.1\n",
        "utf-8",
    )
    folder = tmp_path / "features"
    extract(tiny, output=folder, for_report=True, progress=False)
    with pytest.raises(ValueError, match="the extraction was made with no extra lexicon, not"):
        report.prepare(folder, output_dir=tmp_path / "r", extra_lexicons=[str(lexicon)], **FAST)
    with_extra = tmp_path / "with-extra"
    extract(tiny, output=with_extra, for_report=True, extra=[str(lexicon)], progress=False)
    run = report.prepare(with_extra, output_dir=tmp_path / "r2", extra_lexicons=[str(lexicon)],
                         **FAST)  # fmt: skip
    assert any(r["label"].startswith("mine") for r in run.provenance["lexicons"])


def test_parameters_are_checked_against_the_extraction(tiny, tmp_path, no_kernel):
    folder = tmp_path / "features"
    extract(tiny, output=folder, for_report=True, progress=False)
    with pytest.raises(ValueError, match=r"unknown outlet.*available: 'Metro Ledger'"):
        report.run_report(folder, tmp_path / "out", {"outlets": ["Foxx", "Metro Ledger"]})
    with pytest.raises(ValueError, match=r"--column .* does not apply"):
        report.run_report(folder, tmp_path / "out", {}, columns={"text": "body"})
    assert not (tmp_path / "out").exists()


def test_an_unfinished_extraction_or_its_parts_folder_is_refused_with_what_to_pass(
    tiny, tmp_path, no_kernel, monkeypatch
):
    import importlib

    streamed = importlib.import_module("framing.extract.streamed")
    folder = tmp_path / "features"

    def stop(index: int) -> None:
        if index == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(streamed, "_after_part", stop)
    with pytest.raises(KeyboardInterrupt):
        extract(tiny, output=folder, chunksize=2, for_report=True, progress=False)
    with pytest.raises(ValueError, match=r"has not finished .* run the same `framing extract`"):
        report.run_report(folder, tmp_path / "out", {})
    monkeypatch.undo()
    extract(tiny, output=folder, chunksize=2, for_report=True, progress=False)
    with pytest.raises(ValueError, match="holds the Parquet parts of an extraction: pass its"):
        report.run_report(folder / "parts", tmp_path / "out", {})


def test_a_folder_of_parts_lacking_text_is_named_once(tiny, tmp_path):
    folder = tmp_path / "features"
    extract(tiny, output=folder, chunksize=2, progress=False)
    articles = tmp_path / "articles-only"
    articles.mkdir()
    for part in (folder / "parts").glob("articles-*.parquet"):
        part.rename(articles / part.name)
    with pytest.raises(CorpusError) as info:
        framing.load_corpus(articles)
    message = str(info.value)
    assert message.count("required column 'text' is missing") == 1
    assert "in 5 files (" in message and "and 2 more" in message


def test_streamed_texts_equal_the_in_memory_ones_and_belong_to_the_run_identity(tiny, tmp_path):
    folder = tmp_path / "features"
    streamed = extract(tiny, output=folder, chunksize=4, n_jobs=2, for_report=True)
    in_memory = extract(tiny, for_report=True)
    pd.testing.assert_frame_equal(streamed.texts, in_memory.texts)
    assert streamed.texts["digest"].map(len).eq(32).all()
    assert framing.corpus.fingerprint_of(list(in_memory.texts["digest"])) == (
        framing.corpus_fingerprint(tiny)
    )
    assert Extraction.load(folder).has_texts
    with pytest.raises(ExtractionMismatch, match="for_report: True there, None now"):
        extract(tiny, output=folder, chunksize=4)
    plain = extract(tiny)
    assert not plain.has_texts
    with pytest.raises(AttributeError, match="not made for a report"):
        _ = plain.texts


@pytest.mark.slow
def test_framing_report_on_a_saved_extraction_matches_the_report_on_the_corpus(
    sample_folder, tmp_path, capsys
):
    args = ["-p", "n_boot", "200", "--no-progress"]
    assert cli.main(["report", str(SAMPLE), "--out", str(tmp_path / "a"), *args]) == 0
    assert cli.main(["report", str(sample_folder), "--out", str(tmp_path / "b"), *args]) == 0
    a, b = written(tmp_path / "a"), written(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    # The report made from the corpus leaves nothing next to its folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]
    record = json.loads((tmp_path / "b" / "provenance.json").read_text("utf-8"))
    assert record["extraction_source"] == str(sample_folder)
    assert "extraction_source" not in json.loads((tmp_path / "a" / "provenance.json").read_text())


def test_the_report_holds_its_articles_compact_and_copies_them_as_extracted(
    sample_folder, tmp_path
):
    extracted = Extraction.load(sample_folder).articles
    run = report.prepare(sample_folder, output_dir=tmp_path / "r", **FAST)
    held = run.extraction.articles
    assert held["outlet"].dtype == "category" and held["event"].dtype == "category"
    assert held["loaded_outlet"].dtype == "int32" and held["words"].dtype == "int32"
    # Every column but the rates and shares, which the statistics take from the counts.
    derived = ["rate_loaded_outlet", "rate_loaded_quoted", "rate_loaded_attributed",
               "rate_scare_quotes", "rate_hedges", "anonymous_share"]  # fmt: skip
    assert sorted(compact.DERIVED_ARTICLE_COLUMNS) == sorted(derived)
    assert list(held.columns) == [c for c in extracted.columns if c not in derived]
    counted = extracted.drop(columns=derived)
    pd.testing.assert_frame_equal(held.astype(counted.dtypes.to_dict()), counted)
    # The report's copy is the extraction's table, not the compact one it holds.
    copied = Extraction.load(tmp_path / "r" / "extraction").articles
    pd.testing.assert_frame_equal(copied, extracted)
    provenance = json.loads((tmp_path / "r" / "extraction" / "provenance.json").read_text())
    assert provenance["articles"] == len(extracted) and provenance["hits"] > 0


def test_an_extraction_passed_in_keeps_its_articles_as_they_were(sample_folder, tmp_path):
    source = Extraction.load(sample_folder, lazy=True)
    before = source.articles
    report.prepare(source, output_dir=tmp_path / "r", **FAST)
    assert source.in_memory("articles") and source.articles is before
    assert before["outlet"].dtype != "category"


@pytest.mark.parametrize("source", ["folder", "corpus"])
def test_speakers_and_ids_stay_arrow_strings_that_pandas_never_hashes(
    source, sample, sample_folder, tmp_path
):
    """The report holds its speakers' names and article ids as Arrow strings (4.5 M names
    at a million articles: 322 MB as Python strings; 1 M ids in each slice), and no step
    builds pandas' hash table of them, which would turn them all into Python strings for
    as long as the table lives."""
    run = report.prepare(
        sample_folder if source == "folder" else sample, output_dir=tmp_path / "r", **FAST
    )
    held = {
        (detector, column): run._hits(detector)[column].cat.categories
        for detector in ("loaded", "attribution", "marker")
        for column in ("id", "speaker")
        if column in run._hits(detector)
    }
    assert len(held) == 4 and len(held["attribution", "speaker"]) > 20
    assert all(str(categories.dtype) == "str" for categories in held.values())
    run.loaded_rates()
    run.distinctive_terms()
    run.verb_classes()
    run.doubt_shares("doubt")
    run.matched_events()
    run.source_types()
    run.share_of_voice()
    run.marker_rates()
    run.trends()
    for (detector, column), categories in held.items():
        assert run._hits(detector)[column].cat.categories is categories
        assert "_engine" not in categories._cache, (detector, column)


def test_article_facts_take_known_word_counts_only_for_texts_normalising_keeps(tiny):
    corpus = tiny.iloc[:3].reset_index(drop=True)
    corpus.loc[2, "text"] = "Cafe\u0301 owners\r\nsaid so. " * 30  # normalising changes it
    counted = [word_count(t) for t in corpus["text"]]  # as the extraction counts them
    assert article_facts(corpus, counted) == article_facts(corpus)
    # Counts given are used as they are where the text is unchanged (the extraction's own
    # counts of the same text), and counted again where normalising changed the text.
    keys, problems = article_facts(corpus, [3, 3, 3])
    short = [p is not None and "short_text" in p for p in problems]
    assert short == [True, True, False]
    assert keys == article_facts(corpus)[0]
    with pytest.raises(ValueError, match="2 word counts for 3 articles"):
        article_facts(corpus, [3, 3])


def test_a_batch_carries_the_digests_its_reader_made_and_its_texts_table_keeps_them(tiny):
    from framing.corpus import article_digest
    from framing.extract.batch import make_batch
    from framing.extract.features import texts_frame

    chunk = tiny.iloc[:3].reset_index(drop=True)
    made = [article_digest(i, t) for i, t in zip(chunk["id"], chunk["text"], strict=True)]
    assert texts_frame(make_batch(chunk))["digest"].tolist() == made  # made by the worker
    given = [bytes([k]) * 32 for k in range(3)]
    assert texts_frame(make_batch(chunk, 0, given))["digest"].tolist() == given
    with pytest.raises(ValueError, match="2 digests for 3 articles"):
        make_batch(chunk, 0, given[:2])
