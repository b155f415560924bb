"""framing.extract: corpus-level feature tables equal framing.analyze, in any process layout.

Fixtures: ``tests/data/corpus/tiny`` (9 fictional articles, 3 outlets x 3 events) and the
fictional sample corpus in ``corpora/sample`` (55 articles).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from support import renamed_export

import framing
from framing import cli
from framing.detect.attribution.resources import resources
from framing.detect.loaded import lexicons_used
from framing.detect.markers import hedge_matcher
from framing.extract import ARTICLE_COLUMNS, HIT_COLUMNS, Extraction, extract, word_count
from framing.types import ATTRIBUTION_KINDS, LOADED_CATEGORIES, SOURCE_TYPES, VERB_CLASSES

TINY = Path(__file__).parents[1] / "data" / "corpus" / "tiny"
SAMPLE = Path(__file__).parents[2] / "corpora" / "sample"

# The contract in docs/FORMATS.md ("Extracted feature tables"), written out independently of
# framing.extract so a change to either side is noticed.
CONTRACT_ARTICLE_COLUMNS = [
    "id", "outlet", "event", "published", "title", "words",
    "loaded_outlet", "loaded_quoted", "loaded_attributed",
    "loaded_outlet_emotive_speech", "loaded_outlet_emotive_mood", "loaded_outlet_distancing",
    "loaded_outlet_pejorative_label", "loaded_outlet_hyperbole", "loaded_outlet_loaded_action",
    "loaded_outlet_conflict_metaphor",
    "attributions",
    "attr_neutral", "attr_doubt", "attr_concession", "attr_endorsement", "attr_emotive",
    "attr_directive",
    "attr_direct", "attr_indirect", "attr_mixed", "attr_according_to",
    "attr_named", "attr_organization", "attr_document", "attr_anonymous", "attr_unresolved",
    "scare_quotes", "hedges",
    "rate_loaded_outlet", "rate_loaded_quoted", "rate_loaded_attributed", "rate_scare_quotes",
    "rate_hedges",
    "anonymous_share",
]  # fmt: skip
CONTRACT_HIT_COLUMNS = [
    "id", "outlet", "event", "detector", "start", "end", "text", "label", "category",
    "in_quote", "speaker", "kind", "source_type", "speaker_start", "speaker_end", "speaker_gender",
    "voice",
]  # fmt: skip
# The word-count definition as stated in the task and docs (independent of the code).
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


# ---------------------------------------------------------------------------------------------
# Contract


def test_columns_follow_the_contract(tiny_extraction):
    assert list(tiny_extraction.articles.columns) == CONTRACT_ARTICLE_COLUMNS
    assert list(ARTICLE_COLUMNS) == CONTRACT_ARTICLE_COLUMNS
    assert list(tiny_extraction.hits.columns) == CONTRACT_HIT_COLUMNS
    assert list(HIT_COLUMNS) == CONTRACT_HIT_COLUMNS
    # every category / class / kind / source type has its column
    for values, prefix in (
        (LOADED_CATEGORIES, "loaded_outlet_"),
        (VERB_CLASSES, "attr_"),
        (ATTRIBUTION_KINDS, "attr_"),
        (SOURCE_TYPES, "attr_"),
    ):
        assert {prefix + v for v in values} <= set(tiny_extraction.articles.columns)


def test_dtypes(tiny_extraction):
    articles, hits = tiny_extraction.articles, tiny_extraction.hits
    assert articles["published"].dtype == "datetime64[ns]"
    for name in ("id", "outlet", "event", "title"):
        assert isinstance(articles[name].dtype, pd.StringDtype), name
    counts = [c for c in ARTICLE_COLUMNS[5:] if not c.startswith("rate_") and "share" not in c]
    assert all(articles[c].dtype == "int64" for c in counts)
    assert hits["start"].dtype == "int64" and hits["end"].dtype == "int64"
    assert hits["in_quote"].dtype == "bool"
    assert hits["speaker_start"].dtype == "Int64"
    # tiny's one marker is the hedge "is expected to" (markers v2)
    assert set(hits["detector"]) == {"loaded", "attribution", "marker"}
    assert articles.index.equals(pd.RangeIndex(len(articles)))
    assert hits.index.equals(pd.RangeIndex(len(hits)))


def test_articles_keep_corpus_order_and_metadata(tiny, tiny_extraction):
    articles = tiny_extraction.articles
    assert articles["id"].tolist() == tiny["id"].tolist()
    for name in ("outlet", "event", "title", "published"):
        assert articles[name].tolist() == tiny[name].tolist(), name


def test_word_count_definition():
    text = "The so-called “reform” isn't new: 3,400 dock-workers' pay (and union’s) rose 4%."
    assert word_count(text) == len(WORD_RE.findall(text)) == 13
    assert word_count("") == 0


def test_known_counts_of_one_article(tiny_extraction):
    """Hand-checked against tests/data/corpus/tiny/courier-e01.md."""
    row = tiny_extraction.articles.set_index("id").loc["courier-e01"]
    assert row["loaded_outlet"] == 4  # so-called, slammed, claimed twice (loaded_terms 1.2.0)
    assert row["loaded_quoted"] == 1  # "reckless and entirely avoidable"
    assert row["loaded_outlet_distancing"] == 3 and row["loaded_outlet_loaded_action"] == 1
    # Marten claimed, Reyl slammed, business owners said, one freight agent claimed (found
    # since speakers 1.3.0 lists "agent"), critics say.
    assert row["attributions"] == 5
    assert row["attr_doubt"] == 2 and row["attr_emotive"] == 1 and row["attr_neutral"] == 2
    assert row["attr_anonymous"] == 3 and row["anonymous_share"] == 0.6
    assert row["rate_loaded_outlet"] == pytest.approx(4 * 1000 / row["words"])
    assert row["rate_loaded_quoted"] == pytest.approx(1 * 1000 / row["words"])


# ---------------------------------------------------------------------------------------------
# Same numbers as analyze()


def _check_against_analyze(corpus: pd.DataFrame, extraction: Extraction) -> None:
    articles = extraction.articles.set_index("id")
    hits = extraction.hits
    for article_id, text in zip(corpus["id"], corpus["text"], strict=True):
        a = framing.analyze(text)
        row = articles.loc[article_id]
        lt, at, mk = a.loaded_terms, a.attributions, a.markers
        outlet_voice = lt[lt["voice"] == "outlet"]
        assert row["words"] == len(WORD_RE.findall(text))
        assert row["loaded_outlet"] == len(outlet_voice)
        assert row["loaded_quoted"] == int((lt["voice"] == "quoted").sum()) == lt["in_quote"].sum()
        assert row["loaded_attributed"] == int((lt["voice"] == "attributed").sum())
        for category in LOADED_CATEGORIES:
            expected = int((outlet_voice["category"] == category).sum())
            assert row[f"loaded_outlet_{category}"] == expected, (article_id, category)
        assert row["attributions"] == len(at)
        for column, values in (
            ("verb_class", VERB_CLASSES),
            ("kind", ATTRIBUTION_KINDS),
            ("source_type", SOURCE_TYPES),
        ):
            for value in values:
                assert row[f"attr_{value}"] == int((at[column] == value).sum()), (article_id, value)
        # markers are counted in the outlet's own voice (since framing.markers.v10)
        own = mk[mk["voice"] == "outlet"]
        assert row["scare_quotes"] == int((own["type"] == "scare_quote").sum())
        assert row["hedges"] == int(
            own["type"].isin(["hedge", "epistemic_distancing", "unverified"]).sum()
        )

        mine = hits[hits["id"] == article_id]
        loaded_hits = mine[mine["detector"] == "loaded"]
        assert _rows(
            loaded_hits,
            ["start", "end", "text", "label", "category", "in_quote", "voice", "speaker"],
        ) == _rows(lt, ["start", "end", "text", "term", "category", "in_quote", "voice", "speaker"])
        attribution_hits = mine[mine["detector"] == "attribution"]
        assert _rows(
            attribution_hits,
            ["start", "end", "text", "label", "category", "speaker", "kind", "source_type",
             "speaker_start", "speaker_end"],
        ) == _rows(
            at,
            ["verb_start", "verb_end", "verb", "verb_lemma", "verb_class", "speaker", "kind",
             "source_type", "speaker_start", "speaker_end"],
        )  # fmt: skip
        marker_hits = mine[mine["detector"] == "marker"]
        assert _rows(
            marker_hits, ["start", "end", "text", "label", "category", "in_quote", "voice"]
        ) == _rows(mk, ["start", "end", "text", "term", "type", "in_quote", "voice"])
        assert (marker_hits["speaker"].isna()).all() and (loaded_hits["kind"].isna()).all()


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as plain tuples, missing values as None, so different NA dtypes compare equal."""
    return [
        tuple(None if pd.isna(v) else (int(v) if isinstance(v, int) else v) for v in row)
        for row in frame[columns].astype(object).itertuples(index=False)
    ]


def test_counts_and_hits_equal_analyze_on_tiny(tiny, tiny_extraction):
    _check_against_analyze(tiny, tiny_extraction)


def test_counts_and_hits_equal_analyze_on_sample(sample, sample_extraction):
    _check_against_analyze(sample, sample_extraction)
    assert set(sample_extraction.hits["detector"]) == {"loaded", "attribution", "marker"}


def test_hit_offsets_slice_back_to_text(sample, sample_extraction):
    texts = dict(zip(sample["id"], sample["text"], strict=True))
    hits = sample_extraction.hits
    for r in hits.itertuples():
        assert texts[r.id][r.start : r.end] == r.text
        if r.detector == "attribution" and pd.notna(r.speaker_start):
            assert r.speaker_end > r.speaker_start
    # hits carry their article's outlet and event
    meta = sample.set_index("id")
    assert (hits["outlet"].to_numpy() == meta.loc[hits["id"], "outlet"].to_numpy()).all()


def test_articles_counts_sum_to_hits(sample_extraction):
    articles, hits = sample_extraction.articles, sample_extraction.hits
    loaded = hits[hits["detector"] == "loaded"]
    assert articles["loaded_outlet"].sum() == (loaded["voice"] == "outlet").sum()
    assert articles["loaded_quoted"].sum() == loaded["in_quote"].sum()
    assert articles["loaded_attributed"].sum() == (loaded["voice"] == "attributed").sum()
    assert articles["attributions"].sum() == (hits["detector"] == "attribution").sum()
    markers = hits[hits["detector"] == "marker"]
    own = markers[markers["voice"] == "outlet"]
    assert articles["scare_quotes"].sum() == (own["category"] == "scare_quote").sum()
    assert articles["hedges"].sum() == (own["category"] != "scare_quote").sum()
    assert len(own) < len(markers)  # (the sample's sources hedge too: not counted)
    per_article = hits[hits["detector"] == "attribution"].groupby("id").size()
    merged = articles.set_index("id")["attributions"]
    assert (merged.loc[per_article.index] == per_article).all()


# ---------------------------------------------------------------------------------------------
# Processes, order, inputs


def test_n_jobs_gives_identical_tables(tiny, tiny_extraction):
    parallel = extract(tiny, n_jobs=2)
    assert_frame_equal(parallel.articles, tiny_extraction.articles)
    assert_frame_equal(parallel.hits, tiny_extraction.hits)
    assert parallel.provenance["parameters"]["n_jobs"] == 2
    for key in ("lexicons", "detectors", "corpus_fingerprint", "framing_version"):
        assert parallel.provenance[key] == tiny_extraction.provenance[key]


def test_n_jobs_on_sample_identical(sample, sample_extraction):
    parallel = extract(sample, n_jobs=3)
    assert_frame_equal(parallel.articles, sample_extraction.articles)
    assert_frame_equal(parallel.hits, sample_extraction.hits)


def test_rows_follow_input_order(tiny, tiny_extraction):
    shuffled = tiny.sample(frac=1, random_state=7).reset_index(drop=True)
    result = extract(shuffled, n_jobs=2)
    assert result.articles["id"].tolist() == shuffled["id"].tolist()
    # same rows, just in the new order
    expected = (tiny_extraction.articles.set_index("id").loc[shuffled["id"]].reset_index())[
        list(ARTICLE_COLUMNS)
    ]
    assert_frame_equal(result.articles, expected)
    order = {i: k for k, i in enumerate(shuffled["id"])}
    expected_hits = tiny_extraction.hits.sort_values(
        "id", key=lambda s: s.map(order), kind="mergesort"
    ).reset_index(drop=True)
    assert_frame_equal(result.hits, expected_hits)
    # the fingerprint ignores row order
    assert (
        result.provenance["corpus_fingerprint"] == tiny_extraction.provenance["corpus_fingerprint"]
    )


def test_path_input_equals_frame_input(tiny_extraction):
    from_path = extract(TINY)
    assert_frame_equal(from_path.articles, tiny_extraction.articles)
    assert_frame_equal(from_path.hits, tiny_extraction.hits)
    assert from_path.provenance["corpus_source"] == str(TINY)


def test_columns_map_the_fields_of_a_path_a_frame_and_a_streamed_run(tiny_extraction, tmp_path):
    export = renamed_export(tmp_path)
    mapping = {"text": "body", "outlet": "source"}
    runs = {
        "path": extract(export, columns=mapping),
        "frame": extract(pd.read_csv(export), columns=mapping),
        "streamed": extract(export, columns=mapping, output=tmp_path / "parts", progress=False),
    }
    for how, result in runs.items():
        assert_frame_equal(result.articles, tiny_extraction.articles, obj=how)
        assert_frame_equal(result.hits, tiny_extraction.hits, obj=how)
        assert result.provenance["parameters"]["columns"] == mapping, how
    # Without a mapping the parameters are as before (a resumed run keeps its identity).
    assert "columns" not in tiny_extraction.provenance["parameters"]


def test_cli_extract_maps_columns_and_says_how_when_one_is_missing(
    tiny_extraction, tmp_path, capsys
):
    export = renamed_export(tmp_path)
    args = ["extract", str(export), "--no-progress", "-o"]
    assert cli.main([*args, str(tmp_path / "unmapped")]) == 2
    err = capsys.readouterr().err
    assert "required column 'text' is missing" in err and "pass --column text=body" in err
    assert "columns=" not in err  # the Python spelling is for Python
    mapped = ["--column", "text=body", "--column", "outlet=source"]
    assert cli.main([*args, str(tmp_path / "mapped"), *mapped]) == 0
    back = Extraction.load(tmp_path / "mapped")
    assert_frame_equal(back.articles, tiny_extraction.articles)
    assert_frame_equal(back.hits, tiny_extraction.hits)
    assert back.provenance["parameters"]["columns"] == {"text": "body", "outlet": "source"}


def test_minimal_frame_and_empty_text():
    corpus = pd.DataFrame(
        {"id": ["x", "y"], "outlet": ["A", "B"], "text": ["", "The mayor said it was fine."]}
    )
    result = extract(corpus)
    row = result.articles.iloc[0]
    assert row["words"] == 0 and row["loaded_outlet"] == 0
    assert pd.isna(row["rate_loaded_outlet"]) and pd.isna(row["anonymous_share"])
    assert result.articles["event"].isna().all() and result.articles["published"].isna().all()
    assert result.articles.loc[1, "attributions"] == 1


def test_empty_corpus_has_contract_columns():
    empty = framing.load_corpus(pd.DataFrame({"id": [], "outlet": [], "text": []}))
    result = extract(empty)
    assert list(result.articles.columns) == CONTRACT_ARTICLE_COLUMNS and result.articles.empty
    assert list(result.hits.columns) == CONTRACT_HIT_COLUMNS and result.hits.empty


def test_bad_inputs_say_what_is_wrong():
    with pytest.raises(ValueError, match=r"lacks column.*outlet"):
        extract(pd.DataFrame({"id": ["a"], "text": ["x"]}))
    with pytest.raises(TypeError, match=r"row 1 .*'b'.* str"):
        extract(pd.DataFrame({"id": ["a", "b"], "outlet": ["A", "A"], "text": ["x", b"y"]}))
    with pytest.raises(ValueError, match=r"n_jobs"):
        extract(pd.DataFrame({"id": ["a"], "outlet": ["A"], "text": ["x"]}), n_jobs=0)
    with pytest.raises(TypeError, match=r"corpus DataFrame"):
        extract(42)  # type: ignore[arg-type]


def test_progress_bar_only_when_asked(tiny, capsys):
    extract(tiny)
    assert "framing.extract" not in capsys.readouterr().err
    extract(tiny, progress=True)
    assert "framing.extract" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Provenance, save/load, CLI


def test_provenance(tiny, tiny_extraction):
    prov = tiny_extraction.provenance
    assert prov["framing_version"] == framing.__version__
    assert prov["detectors"] == {
        "loaded": "framing.loaded.v15",
        "attribution": "framing.attribution.v37",
        "marker": "framing.markers.v10",
    }
    labels = {record["label"] for record in prov["lexicons"]}
    assert {lex.label for lex in lexicons_used()} <= labels
    assert set(resources().lexicon_labels) <= labels
    assert {lex.label for lex in hedge_matcher().lexicons} <= labels
    assert all(re.fullmatch(r"[0-9a-f]{64}", r["sha256"]) for r in prov["lexicons"])
    sha = {lex.label: lex.sha256 for lex in lexicons_used()}
    assert all(r["sha256"] == sha[r["label"]] for r in prov["lexicons"] if r["label"] in sha)
    assert prov["corpus_fingerprint"] == framing.corpus_fingerprint(tiny)
    created = dt.datetime.fromisoformat(prov["created_at"])
    assert created.utcoffset() == dt.timedelta(0)
    assert prov["parameters"]["n_jobs"] == 1
    assert prov["articles"] == 9 and prov["hits"] == len(tiny_extraction.hits)
    json.dumps(prov)  # serialisable as is


def test_save_load_round_trip(tiny_extraction, tmp_path):
    out = tiny_extraction.save(tmp_path / "features")
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.parquet",
        "hits.parquet",
        "provenance.json",
    ]
    back = Extraction.load(out)
    assert_frame_equal(back.articles, tiny_extraction.articles)
    assert_frame_equal(back.hits, tiny_extraction.hits)
    assert back.provenance == tiny_extraction.provenance
    assert "articles=9" in repr(back)
    assert "<table" in back._repr_html_()


def test_tables_not_given_are_read_from_the_directory_on_first_use(tiny_extraction, tmp_path):
    saved = tiny_extraction.save(tmp_path / "x", texts=False)
    articles = tiny_extraction.articles
    partial = Extraction(articles, None, tiny_extraction.provenance, directory=saved)
    assert partial.directory == saved and not partial.in_memory("hits")
    assert_frame_equal(partial.hits, Extraction.load(saved).hits)
    assert partial.in_memory("hits") and partial.articles is articles
    # hits=False writes the articles and provenance and leaves hits.parquet as it was.
    (saved / "hits.parquet").write_bytes(b"left alone")
    Extraction(articles, None, {"p": 1}).save(saved, texts=False, hits=False)
    assert (saved / "hits.parquet").read_bytes() == b"left alone"
    assert json.loads((saved / "provenance.json").read_text("utf-8")) == {"p": 1}
    with pytest.raises(AttributeError, match="no hits table"):
        _ = Extraction(articles, None, {}).hits


def test_load_names_missing_files(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"missing articles\.parquet"):
        Extraction.load(tmp_path)


def test_cli_extract_writes_the_files(tiny_extraction, tmp_path, capsys):
    out = tmp_path / "cli"
    assert cli.main(["extract", str(TINY), "-o", str(out), "--n-jobs", "2"]) == 0
    assert "9 articles" in capsys.readouterr().out
    back = Extraction.load(out)
    assert_frame_equal(back.articles, tiny_extraction.articles)
    assert_frame_equal(back.hits, tiny_extraction.hits)
    assert back.provenance["parameters"]["n_jobs"] == 2
    assert back.provenance["corpus_source"] == str(TINY)


def test_cli_extract_error_exit_code(tmp_path, capsys):
    assert cli.main(["extract", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]) == 2
    assert "framing extract: error" in capsys.readouterr().err


def test_cli_extract_with_no_readable_article_exits_2(tmp_path, capsys):
    from framing.cli import main

    corpus = tmp_path / "empty.csv"
    corpus.write_text("id,outlet,published,title,text\n", "utf-8")
    assert main(["extract", str(corpus), "-o", str(tmp_path / "out"), "--no-progress"]) == 2
    assert "no article could be read" in capsys.readouterr().err
