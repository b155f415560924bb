"""The benchmarks still run against the current layout (they are measured, never timed here)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_detector_benchmark_runs_on_a_small_text(capsys):
    assert _load("bench_detectors").main(["--mb", "0.02", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    for name in ("loaded_terms", "attributions", "markers", "analyze", "engine:all"):
        assert f"\n{name}" in out, name
    assert "analyze / attributions:" in out


def test_pathological_benchmark_runs(capsys):
    assert _load("bench_pathological").main(["--base-kb", "2"]) == 0
    assert "cue soup" in capsys.readouterr().out


@pytest.mark.slow
def test_extraction_benchmark_runs_end_to_end(capsys, tmp_path):
    pytest.importorskip("psutil")
    module = _load("bench_extract")
    assert module.main(["--sizes", "50", "--jobs", "1", "--keep", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "MB/CPU-s" in out and "\n       50" in out


def test_report_benchmark_replicates_a_saved_extraction(tiny, tmp_path):
    from framing.extract import Extraction, extract

    source = tmp_path / "features"
    extract(tiny, output=source, chunksize=3, for_report=True, progress=False)
    copies = _load("bench_report").replicate_extraction(source, tmp_path / "x3", 3)
    one, three = Extraction.load(source), Extraction.load(copies)

    assert len(three.articles) == 3 * len(one.articles)
    assert three.articles["id"].is_unique
    assert len(three.hits) == 3 * len(one.hits)
    for k, prefix in enumerate(("", "r1-", "r2-")):
        rows = slice(k * len(one.articles), (k + 1) * len(one.articles))
        copy = three.articles.iloc[rows].reset_index(drop=True)
        assert (copy["id"] == prefix + one.articles["id"]).all()
        pd.testing.assert_frame_equal(copy.drop(columns="id"), one.articles.drop(columns="id"))
        hits = three.hits[three.hits["id"].isin(copy["id"])].reset_index(drop=True)
        assert (hits["id"] == prefix + one.hits["id"]).all()
        pd.testing.assert_frame_equal(hits.drop(columns="id"), one.hits.drop(columns="id"))
    # The copies' texts are the same words but not duplicates to the corpus checks.
    assert (three.texts["text"].to_numpy() == pd.concat([one.texts["text"]] * 3).to_numpy()).all()
    for column in ("digest", "text_key"):
        assert three.texts[column].nunique() == 3 * one.texts[column].nunique()
    manifest = json.loads((copies / "manifest.json").read_text())
    assert [c["index"] for c in manifest["chunks"]] == list(range(3 * len(_chunks(source))))
    assert len({c["content"] for c in manifest["chunks"]}) == len(manifest["chunks"])
    assert manifest["corpus_source"].endswith("x 3 (benchmarks/bench_report.py --replicate)")
    assert three.provenance["articles"] == 3 * one.provenance["articles"]


def _chunks(folder):
    return json.loads((folder / "manifest.json").read_text())["chunks"]
