"""The benchmarks still run against the current layout (they are measured, never timed here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

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
