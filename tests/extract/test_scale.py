"""Scaling framing.extract: streamed Parquet parts, resume, and the Dask path, all equal to the
in-memory pandas path row for row.

Fixtures: ``tests/data/corpus/tiny`` (9 fictional articles) and ``corpora/sample`` (55).
Speed is measured by ``benchmarks/bench_extract.py``, never here.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from support import local_dask_client

import framing
from framing import cli
from framing.extract import DaskExtraction, Extraction, ExtractionMismatch, extract
from framing.stats import distinctive_terms, outlet_rates

# `framing.extract` is also the name of the function the package re-exports; the module:
extract_module = importlib.import_module("framing.extract")
streamed_module = importlib.import_module("framing.extract.streamed")

TINY = Path(__file__).parents[1] / "data" / "corpus" / "tiny"
SAMPLE = Path(__file__).parents[2] / "corpora" / "sample"


def assert_same(result: Extraction, expected: Extraction) -> None:
    assert_frame_equal(result.articles, expected.articles)
    assert_frame_equal(result.hits, expected.hits)
    assert result.provenance["corpus_fingerprint"] == expected.provenance["corpus_fingerprint"]
    assert result.provenance["lexicons"] == expected.provenance["lexicons"]
    assert result.provenance["articles"] == len(expected.articles)
    assert result.provenance["hits"] == len(expected.hits)


# ---------------------------------------------------------------------------------------------
# Streamed parts


@pytest.mark.parametrize("chunksize", [1, 4, 9, 100])
def test_streamed_equals_in_memory(tiny, tiny_extraction, tmp_path, chunksize):
    result = extract(tiny, output=tmp_path / "out", chunksize=chunksize)
    assert_same(result, tiny_extraction)
    n_parts = -(-len(tiny) // chunksize)
    parts = sorted(p.name for p in (tmp_path / "out" / "parts").iterdir())
    assert parts == sorted(
        [f"articles-{i:05d}.parquet" for i in range(n_parts)]
        + [f"hits-{i:05d}.parquet" for i in range(n_parts)]
    )
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["complete"] is True
    assert [(c["first_row"], c["rows"]) for c in manifest["chunks"]] == [
        (start, min(chunksize, len(tiny) - start)) for start in range(0, len(tiny), chunksize)
    ]
    # what the parts directory holds reads back the same, eagerly too
    assert_same(Extraction.load(tmp_path / "out"), tiny_extraction)


def test_streamed_from_path_with_two_workers(sample_extraction, tmp_path):
    result = extract(SAMPLE, n_jobs=2, output=tmp_path / "out", chunksize=8, progress=False)
    assert_same(result, sample_extraction)
    assert result.provenance["corpus_source"] == str(SAMPLE)
    assert result.provenance["parameters"]["chunksize"] == 8


def test_streamed_result_is_lazy(tiny, tmp_path):
    result = extract(tiny, output=tmp_path / "out", chunksize=4)
    assert result.directory == tmp_path / "out"
    assert "articles=9" in repr(result) and "directory=" in repr(result)
    assert result._tables["hits"] is None  # not read yet
    assert len(result.hits) == result.provenance["hits"]


def test_in_memory_batches_do_not_change_rows(sample, sample_extraction):
    assert_same(extract(sample, chunksize=5), sample_extraction)
    assert_same(extract(sample, n_jobs=2, chunksize=3), sample_extraction)


def test_empty_corpus_streams(tmp_path):
    empty = framing.load_corpus(pd.DataFrame({"id": [], "outlet": [], "text": []}))
    result = extract(empty, output=tmp_path / "out")
    assert result.articles.empty and result.hits.empty
    assert list(result.articles.columns) == list(extract_module.ARTICLE_COLUMNS)


def test_streaming_parquet_keeps_arrow_memory_flat(tmp_path):
    """Reading a Parquet corpus chunk by chunk holds about one chunk of Arrow memory, not the file.

    With pyarrow's default read-ahead buffering (pre_buffer) the reader kept the column chunks
    it had buffered until the file was closed: a 2 GB corpus grew the parent process by gigabytes.
    The texts here are incompressible, so the file (~7.5 MB) is far above the ~0.5 MB a chunk
    needs."""
    import random
    import string

    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(0)
    path = tmp_path / "corpus.parquet"
    with pq.ParquetWriter(path, pa.schema([("id", pa.string()), ("text", pa.string())])) as out:
        for group in range(50):
            ids = [f"a{group}-{k}" for k in range(100)]
            texts = ["".join(rng.choices(string.ascii_letters + " ", k=1500)) for _ in ids]
            out.write_table(pa.table({"id": ids, "text": texts}))
    assert path.stat().st_size > 7_000_000
    before = pa.total_allocated_bytes()
    peak = chunks = 0
    for chunk in framing.iter_corpus(path, chunksize=100):
        assert len(chunk) == 100
        chunks += 1
        peak = max(peak, pa.total_allocated_bytes() - before)
    assert chunks == 50
    assert peak < 3_000_000, f"{peak:,} bytes of Arrow memory held while streaming"


# ---------------------------------------------------------------------------------------------
# Resume


class Interrupted(RuntimeError):
    pass


def _interrupt_after(monkeypatch, n_parts: int) -> None:
    def after_part(index: int) -> None:
        if index + 1 >= n_parts:
            raise Interrupted(f"stopped after part {index}")

    monkeypatch.setattr(streamed_module, "_after_part", after_part)


def _count_batches(monkeypatch) -> list[int]:
    calls: list[int] = []
    run = streamed_module.run_batch

    def counting(batch, *args, **kwargs):
        calls.append(batch["n"])
        return run(batch, *args, **kwargs)

    monkeypatch.setattr(streamed_module, "run_batch", counting)
    return calls


def test_resume_after_interruption_equals_uninterrupted(sample, sample_extraction, tmp_path):
    out = tmp_path / "out"
    with pytest.MonkeyPatch.context() as mp:
        _interrupt_after(mp, 3)
        with pytest.raises(Interrupted):
            extract(sample, output=out, chunksize=10)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"] is False and len(manifest["chunks"]) == 3
    with pytest.raises(ValueError, match=r"not finished .*3 part.*again to resume"):
        Extraction.load(out)
    # parts recorded in the manifest are kept; one written but not yet recorded is redone
    recorded = [name for chunk in manifest["chunks"] for name in chunk["files"]]
    done_before = {name: (out / "parts" / name).stat().st_mtime_ns for name in recorded}

    with pytest.MonkeyPatch.context() as mp:
        calls = _count_batches(mp)
        result = extract(sample, output=out, chunksize=10)
    assert calls == [10, 10, 5]  # only the three parts not yet done (55 articles)
    assert_same(result, sample_extraction)
    for name, mtime in done_before.items():  # finished parts were left alone
        assert (out / "parts" / name).stat().st_mtime_ns == mtime


def test_resume_redoes_deleted_parts(tiny, tiny_extraction, tmp_path):
    out = tmp_path / "out"
    extract(tiny, output=out, chunksize=2)
    (out / "parts" / "hits-00004.parquet").unlink()
    (out / "parts" / "articles-00003.parquet").unlink()
    with pytest.MonkeyPatch.context() as mp:
        calls = _count_batches(mp)
        result = extract(tiny, output=out, chunksize=2)
    assert calls == [2, 1]
    assert_same(result, tiny_extraction)


def test_completed_run_is_not_redone(tiny, tiny_extraction, tmp_path):
    out = tmp_path / "out"
    extract(tiny, output=out, chunksize=4)
    with pytest.MonkeyPatch.context() as mp:
        calls = _count_batches(mp)
        result = extract(tiny, output=out, chunksize=4, n_jobs=2)  # n_jobs is not identity
    assert calls == []
    assert_same(result, tiny_extraction)


def test_other_settings_refuse_then_force(tiny, tiny_extraction, tmp_path):
    out = tmp_path / "out"
    extract(tiny, output=out, chunksize=4)
    with pytest.raises(ExtractionMismatch, match=r"another extraction run.*chunksize: 4 there, 3"):
        extract(tiny, output=out, chunksize=3)
    result = extract(tiny, output=out, chunksize=3, force=True)
    assert_same(result, tiny_extraction)
    assert len(list((out / "parts").glob("articles-*"))) == 3


def test_changed_corpus_refuses_then_force(tiny, tmp_path):
    out = tmp_path / "out"
    extract(tiny, output=out, chunksize=4)
    changed = tiny.copy()
    changed.loc[5, "text"] = changed.loc[5, "text"] + " The minister denied it."
    with pytest.raises(ExtractionMismatch, match=r"chunk 1 \(rows 4-7\).*corpus changed"):
        extract(changed, output=out, chunksize=4)
    shorter = changed.iloc[:6]
    result = extract(shorter, output=out, chunksize=4, force=True)
    assert_same(result, extract(shorter))
    assert sorted(p.name for p in (out / "parts").glob("articles-*")) == [
        "articles-00000.parquet",
        "articles-00001.parquet",
    ]


def test_save_refuses_a_streamed_directory(tiny_extraction, tiny, tmp_path):
    extract(tiny, output=tmp_path / "out")
    with pytest.raises(FileExistsError, match="streamed extraction"):
        tiny_extraction.save(tmp_path / "out")


def test_chunksize_is_checked(tiny):
    with pytest.raises(ValueError, match="chunksize"):
        extract(tiny, chunksize=0)


# ---------------------------------------------------------------------------------------------
# Dask


@pytest.fixture(scope="module")
def dask_client():
    pytest.importorskip("distributed")
    # Threads in this process: quick to start; the per-partition code is the same as on a
    # cluster of processes.
    with local_dask_client(workers=1, threads=2, processes=False) as client:
        yield client


def test_dask_frame_equals_pandas_row_for_row(tiny, tiny_extraction, dask_client):
    dd = pytest.importorskip("dask.dataframe")
    lazy = extract(dd.from_pandas(tiny, npartitions=3))
    assert isinstance(lazy, DaskExtraction)
    assert list(lazy.articles.columns) == list(extract_module.ARTICLE_COLUMNS)
    assert list(lazy.hits.columns) == list(extract_module.HIT_COLUMNS)
    result = lazy.compute()
    assert_same(result, tiny_extraction)
    # the lazy tables on their own give the same rows
    articles = lazy.articles.compute().reset_index(drop=True)
    assert_frame_equal(articles, tiny_extraction.articles, check_dtype=False)
    assert lazy.hits.npartitions == 3


def test_dask_save_writes_loadable_parts(sample, sample_extraction, dask_client, tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    out = extract(dd.from_pandas(sample, npartitions=4)).save(tmp_path / "dask")
    assert len(list((out / "parts").glob("hits-*.parquet"))) == 4
    assert_same(Extraction.load(out), sample_extraction)


def test_client_runs_streamed_chunks(tiny, tiny_extraction, dask_client, tmp_path):
    assert_same(extract(tiny, client=dask_client, output=tmp_path / "out", chunksize=2),
                tiny_extraction)  # fmt: skip
    assert_same(extract(tiny, client=dask_client, chunksize=2), tiny_extraction)


def test_cli_engine_dask_on_a_scheduler(tiny_extraction, dask_client, tmp_path, capsys):
    out = tmp_path / "cli"
    address = dask_client.scheduler.address
    argv = ["extract", str(TINY), "-o", str(out), "--engine", "dask", "--scheduler", address]
    assert cli.main([*argv, "--chunksize", "4"]) == 0
    assert "9 articles" in capsys.readouterr().out
    assert_same(Extraction.load(out), tiny_extraction)


def test_cli_scheduler_needs_dask_engine(tmp_path, capsys):
    argv = ["extract", str(TINY), "-o", str(tmp_path / "o"), "--scheduler", "tcp://x:1"]
    assert cli.main(argv) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_cli_resumes_and_refuses(tiny_extraction, tmp_path, capsys):
    out = str(tmp_path / "cli")
    assert cli.main(["extract", str(TINY), "-o", out, "--chunksize", "4", "--no-progress"]) == 0
    assert cli.main(["extract", str(TINY), "-o", out, "--chunksize", "2"]) == 2
    assert "--force" in capsys.readouterr().err
    assert cli.main(["extract", str(TINY), "-o", out, "--chunksize", "2", "--force"]) == 0
    assert_same(Extraction.load(out), tiny_extraction)


def test_statistics_accept_either_path(sample, sample_extraction, dask_client):
    dd = pytest.importorskip("dask.dataframe")
    from_dask = extract(dd.from_pandas(sample, npartitions=3)).compute()
    for measure in ("loaded_outlet", "attr_anonymous"):
        assert_frame_equal(
            outlet_rates(from_dask.articles, measure, n_boot=50, min_articles=2),
            outlet_rates(sample_extraction.articles, measure, n_boot=50, min_articles=2),
        )
    assert_frame_equal(
        distinctive_terms(from_dask.hits, from_dask.articles, min_count=2),
        distinctive_terms(sample_extraction.hits, sample_extraction.articles, min_count=2),
    )
