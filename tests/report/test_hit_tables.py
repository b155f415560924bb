"""framing.report.hit_tables: the report's slices of the hits, read part by part, equal those
taken from the whole table in memory; the report never holds the whole table."""

from __future__ import annotations

import importlib
import threading

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import report
from framing.extract import Extraction, extract
from framing.report.compact import compact_hits
from framing.report.hit_tables import (
    REPORT_HITS,
    ids_selected,
    one_name_per_speaker,
    report_hits,
    stream_report_hits,
)


@pytest.fixture(scope="module")
def streamed(tiny, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hit-tables") / "features"
    extract(tiny, output=folder, chunksize=3, for_report=True, progress=False)
    return folder


def _assert_slices_equal(left, right):
    assert left.total == right.total
    assert list(left.tables) == list(right.tables) == list(REPORT_HITS)
    for detector in REPORT_HITS:  # dtypes, categories and their order included
        pd.testing.assert_frame_equal(left[detector], right[detector], obj=detector)


def test_slices_read_part_by_part_equal_the_slices_of_the_whole_table(streamed, tmp_path):
    hits = Extraction.load(streamed).hits
    copy = tmp_path / "hits.parquet"
    sliced = stream_report_hits(streamed, copy_to=copy)
    _assert_slices_equal(sliced, report_hits(compact_hits(hits)))
    _assert_slices_equal(sliced, report_hits(hits))  # compact or not, the same slices
    # The copy holds every hit, every column, in corpus order.
    written = pq.read_table(copy).to_pandas()
    assert len(written) == len(hits) == sliced.total
    assert written["id"].tolist() == hits["id"].astype(str).tolist()
    assert written["start"].tolist() == hits["start"].tolist()


def test_each_slice_keeps_the_rows_and_columns_the_report_counts(streamed):
    hits = Extraction.load(streamed).hits
    sliced = stream_report_hits(streamed)
    loaded, attributions, markers = (sliced[d] for d in ("loaded", "attribution", "marker"))
    assert set(loaded["voice"]) == {"outlet"}
    assert len(loaded) == int(((hits["detector"] == "loaded") & (hits["voice"] == "outlet")).sum())
    assert len(attributions) == int((hits["detector"] == "attribution").sum()) > 0
    assert not markers["in_quote"].any()
    own_markers = (hits["detector"] == "marker") & (hits["voice"] == "outlet")
    assert len(markers) == int(own_markers.sum()) > 0
    for detector, (columns, _) in REPORT_HITS.items():
        assert tuple(sliced[detector].columns) == columns
    # Fewer rows than the whole table: quoted loaded terms are not the outlet's.
    assert sum(len(t) for t in sliced.tables.values()) < len(hits)
    with pytest.raises(KeyError, match="keeps no hits of detector 'quotes'"):
        sliced["quotes"]


def test_a_selection_keeps_the_hits_of_its_articles(streamed, tmp_path):
    whole = Extraction.load(streamed)
    outlets = sorted(whole.articles["outlet"].unique())[:2]
    params = {"outlets": outlets, "events": None}
    chosen = whole.articles[whole.articles["outlet"].isin(outlets)]
    sliced = stream_report_hits(
        streamed, keep=ids_selected(chosen, params), copy_to=tmp_path / "hits.parquet"
    )
    kept = whole.hits[whole.hits["outlet"].isin(outlets)].reset_index(drop=True)
    assert 0 < sliced.total == len(kept) < len(whole.hits)
    _assert_slices_equal(sliced, report_hits(kept))
    assert set(sliced["attribution"]["outlet"].cat.categories) == set(outlets)


def test_a_part_lacking_a_column_is_named(streamed, tmp_path):
    folder = tmp_path / "broken"
    extract(pd.read_parquet(next(streamed.glob("parts/texts-*"))).assign(outlet="A"),
            output=folder, progress=False)  # fmt: skip
    part = next(folder.glob("parts/hits-*"))
    pq.write_table(pq.read_table(part).drop(["voice"]), part)
    with pytest.raises(ValueError, match=r"hits-.*lacks column\(s\) voice"):
        stream_report_hits(folder)


def test_a_report_from_an_extraction_never_holds_the_whole_hits_table(streamed, tmp_path):
    run = report.prepare(streamed, output_dir=tmp_path / "out", n_boot=50)
    run.overview()
    run.loaded_rates()
    run.verb_classes()
    assert not run.extraction.in_memory("hits")
    # Asked for, the whole table is read from the report's own copy.
    copy = Extraction.load(tmp_path / "out" / "extraction")
    pd.testing.assert_frame_equal(run.extraction.hits, copy.hits)
    assert len(copy.hits) == run.provenance["hits"] == run.report_hits.total


def test_a_report_made_again_from_its_own_extraction_copy_into_the_same_folder(tiny, tmp_path):
    out = tmp_path / "report"
    first = report.prepare(tiny, output_dir=out, n_boot=50)
    copy = out / "extraction"
    before = Extraction.load(copy).hits
    again = report.prepare(copy, output_dir=out, n_boot=50)  # reads the files it replaces
    pd.testing.assert_frame_equal(Extraction.load(copy).hits, before)
    for detector, table in first.report_hits.tables.items():
        pd.testing.assert_frame_equal(again.report_hits[detector], table)
    assert not list(copy.glob("*.partial"))


def test_parts_read_ahead_on_threads_come_back_in_corpus_order(tiny, tmp_path, monkeypatch):
    # One article a part; the first part is finished only after the second (two threads
    # read them at once): the slices and the copy must still be in corpus order.
    folder = tmp_path / "features"
    extract(tiny, output=folder, chunksize=1, for_report=True, progress=False)
    hit_tables = importlib.import_module("framing.report.hit_tables")
    paths = hit_tables.hit_paths(folder)
    assert len(paths) == len(tiny) > hit_tables._AHEAD
    read = hit_tables._read_part
    finished = []

    second_done = threading.Event()

    def slow_first(path, keep):
        if path == paths[0]:
            assert second_done.wait(timeout=120), "the second part was not read alongside"
        result = read(path, keep)
        finished.append(path)
        if path == paths[1]:
            second_done.set()
        return result

    monkeypatch.setattr(hit_tables, "_read_part", slow_first)
    copy = tmp_path / "hits.parquet"
    sliced = stream_report_hits(folder, copy_to=copy)
    assert finished.index(paths[1]) < finished.index(paths[0])
    hits = Extraction.load(folder).hits
    _assert_slices_equal(sliced, report_hits(hits))
    assert pq.read_table(copy).column("id").to_pylist() == hits["id"].astype(str).tolist()


def _most_frequent_form(names: list[str | None]) -> list[str | None]:
    """The rule by hand: each name replaced by the form of it (compared in lower case) that
    occurs most often, ties to the first as strings sort."""
    counts: dict[str, dict[str, int]] = {}
    for name in names:
        if name is not None:
            forms = counts.setdefault(name.lower(), {})
            forms[name] = forms.get(name, 0) + 1
    best = {key: min(forms, key=lambda f: (-forms[f], f)) for key, forms in counts.items()}
    return [None if name is None else best[name.lower()] for name in names]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.sampled_from(
                [
                    "Police",
                    "police",
                    "POLICE",
                    "Insiders",
                    "insiders",
                    "Ana Ruiz",
                    "ana ruiz",
                    "The mayor",
                    "the mayor",
                    "Port authority",
                    "Zed",
                ]
            ),
        ),
        max_size=40,
    )
)
def test_one_name_per_speaker_keeps_the_most_frequent_form(names):
    merged = one_name_per_speaker(compact_hits(pd.DataFrame({"speaker": names}))["speaker"])
    assert [None if pd.isna(v) else v for v in merged] == _most_frequent_form(names)
    categories = list(merged.cat.categories)
    assert categories == sorted(categories)  # sorted, as every slice's categories are
    assert set(categories) == {v for v in _most_frequent_form(names) if v is not None}


def test_a_source_opening_a_sentence_is_the_one_closing_another(tmp_path):
    # Fictional articles written for this test: "Police" opens sentences, "police" closes
    # them, in one article and across articles.
    corpus = pd.DataFrame(
        {
            "id": ["a1", "a2", "b1"],
            "outlet": ["Harbour Post", "Harbour Post", "Valley Ledger"],
            "text": [
                "Police said the ferry was held at the pier. The crew was safe, police said.",
                "Insiders said the vote would slip. The budget was late, insiders said. "
                "The talks resumed at noon, police said.",
                "Police said the road was shut. Insiders said the plan had stalled. "
                "The bridge will reopen on Friday, police said.",
            ],
        }
    )
    folder = tmp_path / "features"
    extract(corpus, output=folder, chunksize=1, for_report=True, progress=False)
    hits = Extraction.load(folder).hits
    written = hits.loc[hits["detector"] == "attribution", "speaker"]
    assert {"Police", "police", "Insiders", "insiders"} <= set(written)  # as the detector wrote
    sliced = stream_report_hits(folder)
    _assert_slices_equal(sliced, report_hits(hits))
    speakers = sliced["attribution"]["speaker"]
    # The form written most often: "police" 3 to 2, "Insiders" 2 to 1.
    assert list(speakers.cat.categories) == ["Insiders", "police"]
    assert speakers.value_counts().to_dict() == {"police": 5, "Insiders": 3}


def test_markers_of_an_extraction_made_before_they_had_a_voice_are_read_outside_quotations():
    # framing.markers.v9 and earlier wrote no voice for markers: the report reads those outside
    # quotations, as it did; markers with a voice count in the outlet's voice only
    import pyarrow as pa

    from framing.report.hit_tables import HIT_COLUMNS, _arrow_rows

    hits = pd.DataFrame(
        {
            "id": ["a"] * 5,
            "detector": ["marker"] * 5,
            "start": [0, 5, 10, 15, 20],
            "end": [4, 9, 14, 19, 24],
            "in_quote": [False, True, False, False, True],
            "voice": [None, None, "outlet", "attributed", "quoted"],
        }
    )
    kept = [0, 2]
    columns = {c: [None] * 5 for c in HIT_COLUMNS if c not in hits}
    sliced = report_hits(hits.assign(**columns))
    assert sliced["marker"]["start"].tolist() == [hits["start"][k] for k in kept]
    table = pa.Table.from_pandas(hits, preserve_index=False)
    assert _arrow_rows(table, "marker", "own").to_pylist() == [k in kept for k in range(5)]
    without_voice = table.drop_columns(["voice"])  # (older still: no voice column at all)
    assert _arrow_rows(without_voice, "marker", "own").to_pylist() == [
        True,
        False,
        True,
        True,
        False,
    ]
