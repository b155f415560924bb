"""Tests for framing.corpus.load and .stream: load_corpus and iter_corpus on every format.

Fixtures live in tests/data/corpus/: ``tiny/`` (9 fictional articles, 3 outlets x 3 events) and
``bad/`` (one small file or folder per problem the validator reports). Other formats are written
to ``tmp_path`` from the tiny corpus, so every format is compared against the same articles.
"""

from __future__ import annotations

import gzip
import logging
import re
from pathlib import Path

import pandas as pd
import pytest
from support import BAD, SAMPLE, TINY
from support import validate_cli as run_cli

from framing.corpus import (
    CORPUS_COLUMNS,
    CorpusError,
    corpus_fingerprint,
    iter_corpus,
    load_corpus,
    validate_corpus,
)

# ---------------------------------------------------------------------------------------------
# The tiny fixture corpus (other tests, e.g. the report smoke run, rely on its shape)


def test_tiny_corpus_shape(tiny: pd.DataFrame) -> None:
    assert len(tiny) == 9
    assert list(tiny.columns) == list(CORPUS_COLUMNS)
    assert tiny.groupby("outlet")["event"].nunique().to_dict() == {
        "Metro Ledger": 3,
        "The Harbor Sentinel": 3,
        "Valley Courier": 3,
    }
    assert tiny.groupby("event")["outlet"].nunique().eq(3).all()
    word_counts = tiny["text"].str.split().str.len()
    assert word_counts.between(60, 150).all(), word_counts.to_dict()
    everything = " ".join(tiny["text"])
    for needle in ('"', " said", " claimed", "slammed", "so-called"):
        assert needle in everything


def test_tiny_corpus_is_clean() -> None:
    report = validate_corpus(TINY)
    assert report.exit_code == 0
    assert report.problems.empty, report.format()
    assert len(report.shared_events) == 3


def test_tiny_dtypes(tiny: pd.DataFrame) -> None:
    for name in CORPUS_COLUMNS:
        expected = "datetime64[ns]" if name == "published" else pd.StringDtype()
        assert tiny[name].dtype == expected, name
    assert isinstance(tiny.index, pd.RangeIndex)
    assert tiny["id"].tolist() == sorted(tiny["id"])  # sorted file names, stable order


@pytest.mark.skipif(not (SAMPLE / "articles").is_dir(), reason="sample corpus not present")
def test_sample_corpus_validates_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(str(SAMPLE)) == 0
    assert "Result: clean (exit code 0)" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------
# Same corpus, every format


def _write_folder(frame: pd.DataFrame, folder: Path, *, gzipped: bool = False) -> None:
    folder.mkdir(parents=True)
    for record in frame.sample(frac=1, random_state=3).to_dict("records"):
        lines = ["---"]
        for key in CORPUS_COLUMNS:
            value = record[key]
            if key == "text" or value is pd.NA or pd.isna(value):
                continue
            if key == "published":
                value = f"{value:%Y-%m-%d}"
            lines.append(f"{key}: {value}")
        content = "\r\n".join([*lines, "---", "", *record["text"].split("\n"), ""])
        name = f"{record['id']}.md"
        if gzipped:
            (folder / f"{name}.gz").write_bytes(gzip.compress(content.encode("utf-8")))
        else:
            (folder / name).write_bytes(content.encode("utf-8"))


WRITERS = {
    "csv": lambda df, p: df.to_csv(p / "a.csv", index=False),
    "csv.gz": lambda df, p: df.to_csv(p / "a.csv.gz", index=False),
    "tsv": lambda df, p: df.to_csv(p / "a.tsv", index=False, sep="\t"),
    "jsonl": lambda df, p: df.to_json(
        p / "a.jsonl", orient="records", lines=True, date_format="iso"
    ),
    "jsonl.gz": lambda df, p: (p / "a.jsonl.gz").write_bytes(
        gzip.compress(df.to_json(orient="records", lines=True, date_format="iso").encode())
    ),
    "json-array": lambda df, p: df.to_json(p / "a.json", orient="records", date_format="iso"),
    "csv-utf16-bom": lambda df, p: df.to_csv(p / "a.csv", index=False, encoding="utf-16"),
    "parquet": lambda df, p: df.to_parquet(p / "a.parquet", row_group_size=4),
    "parquet.gz": lambda df, p: (p / "a.parquet.gz").write_bytes(gzip.compress(df.to_parquet())),
    "md-folder": lambda df, p: _write_folder(df, p / "folder"),
    "md.gz-folder": lambda df, p: _write_folder(df, p / "folder", gzipped=True),
}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_format_loads_equal_frames(fmt: str, tiny: pd.DataFrame, tmp_path: Path) -> None:
    shuffled = tiny.sample(frac=1, random_state=7).reset_index(drop=True)
    WRITERS[fmt](shuffled, tmp_path)
    path = next(tmp_path.iterdir())
    loaded, report = load_corpus(path, return_report=True)
    assert report.exit_code == 0, report.format()
    # Folders read in sorted file-name order, tables in file order: compare by id.
    ordered = loaded.sort_values("id", ignore_index=True)
    pd.testing.assert_frame_equal(ordered, tiny.sort_values("id", ignore_index=True))
    assert corpus_fingerprint(loaded) == corpus_fingerprint(tiny)
    assert report.fingerprint == corpus_fingerprint(tiny)


def test_extra_columns_are_kept(tiny: pd.DataFrame, tmp_path: Path) -> None:
    frame = tiny.assign(lang="en", score=[str(i) for i in range(len(tiny))])
    frame.to_csv(tmp_path / "a.csv", index=False)
    loaded = load_corpus(tmp_path / "a.csv")
    assert list(loaded.columns) == [*CORPUS_COLUMNS, "lang", "score"]
    assert loaded["lang"].eq("en").all()
    assert loaded["score"].tolist() == [str(i) for i in range(len(tiny))]  # CSV values stay text


def test_provenance_columns(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.to_csv(tmp_path / "a.csv", index=False)
    loaded = load_corpus(tmp_path / "a.csv", provenance=True)
    assert loaded["source_row"].tolist() == list(range(1, 10))
    assert loaded["source_file"].eq(str(tmp_path / "a.csv")).all()
    from_folder = load_corpus(TINY, provenance=True)
    assert from_folder["source_row"].isna().all()
    assert from_folder["source_file"].str.endswith(".md").all()


def test_glob_pattern_and_lists(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.iloc[:4].to_csv(tmp_path / "part1.csv", index=False)
    tiny.iloc[4:].to_json(tmp_path / "part2.jsonl", orient="records", lines=True, date_format="iso")
    from_glob = load_corpus(str(tmp_path / "part*"))
    from_list = load_corpus([tmp_path / "part1.csv", tmp_path / "part2.jsonl"])
    pd.testing.assert_frame_equal(from_glob, tiny)
    pd.testing.assert_frame_equal(from_list, tiny)


# ---------------------------------------------------------------------------------------------
# Problems while loading


def test_non_strict_load_keeps_rows_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="framing"):
        loaded = load_corpus(BAD / "unparseable_date.csv")
    assert len(loaded) == 3  # kept, with NaT, not dropped
    assert loaded["published"].isna().tolist() == [False, True, True]
    assert "unparseable_date x2" in caplog.text


def test_excluded_records_are_counted_and_listed() -> None:
    loaded, report = load_corpus(BAD / "malformed_record.jsonl", return_report=True)
    assert loaded["id"].tolist() == ["mr-1", "mr-4"]
    assert report.excluded[["row", "code"]].values.tolist() == [
        [2, "malformed_record"],
        [3, "malformed_record"],
    ]
    assert "expected a JSON object, found list" in report.excluded["reason"].iloc[1]
    assert "Excluded: 2 records" in report.format()


@pytest.mark.parametrize(
    ("make", "error", "fragment"),
    [
        (lambda p: p / "missing", FileNotFoundError, "corpus path not found"),
        (lambda p: p, CorpusError, "no article files found"),
        (
            lambda p: (p / "a.xlsx").write_bytes(b"x") and p / "a.xlsx",
            CorpusError,
            "unsupported file type '.xlsx'",
        ),
        (lambda p: p / "*.csv", FileNotFoundError, "no files match"),
    ],
    ids=["missing-path", "empty-folder", "unsupported", "empty-glob"],
)
def test_unusable_inputs(tmp_path: Path, make, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error, match=re.escape(fragment)):
        load_corpus(make(tmp_path))


def test_cli_reports_unusable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(str(tmp_path / "missing")) == 2
    assert "corpus path not found" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Chunked iteration


def test_iter_corpus_csv_chunks_match_load(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.to_csv(tmp_path / "a.csv", index=False)
    chunks = list(iter_corpus(tmp_path / "a.csv", chunksize=4))
    assert [len(c) for c in chunks] == [4, 4, 1]
    assert all(list(c.columns) == list(CORPUS_COLUMNS) for c in chunks)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), tiny)


def test_iter_corpus_parquet_row_groups(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.to_parquet(tmp_path / "a.parquet", row_group_size=3)
    chunks = list(iter_corpus(tmp_path / "a.parquet", chunksize=3))
    assert [len(c) for c in chunks] == [3, 3, 3]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), tiny)


def test_iter_corpus_folder_batches(tiny: pd.DataFrame) -> None:
    chunks = list(iter_corpus(TINY, chunksize=4))
    assert [len(c) for c in chunks] == [4, 4, 1]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), tiny)


def test_iter_corpus_strict_raises_before_yielding_a_bad_chunk() -> None:
    chunks = iter_corpus(BAD / "unparseable_date.csv", chunksize=1, strict=True)
    assert next(chunks)["id"].tolist() == ["ud-1"]
    with pytest.raises(CorpusError, match="row 2, column 'published'"):
        next(chunks)
