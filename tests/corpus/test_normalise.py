"""Tests for framing.corpus.normalise and .schema: column mappings and derived fields.

Exports are written to ``tmp_path`` from the tiny corpus (tests/data/corpus/tiny) under the
column names other tools use, and must load back as the tiny corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from support import TINY, codes
from support import validate_cli as run_cli

from framing.corpus import (
    CORPUS_COLUMNS,
    CorpusError,
    load_corpus,
    validate_corpus,
)

# ---------------------------------------------------------------------------------------------
# Missing columns and the columns mapping


def test_missing_text_column_raises_with_columns_and_hint(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,source,date,headline,content\n1,A,2026-01-01,T,Body.\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    message = str(caught.value)
    assert "'text' is missing" in message
    assert "'content'" in message and "columns={'text': 'content'}" in message
    report = validate_corpus(path)
    missing = report.problems[report.problems["code"] == "missing_column"]
    assert set(missing["column"]) == {"outlet", "published", "title", "text"}
    assert report.exit_code == 2


def test_mapping_to_an_absent_column_is_an_error(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.drop(columns=["event"]).to_csv(tmp_path / "a.csv", index=False)
    report = validate_corpus(tmp_path / "a.csv", columns={"event": "story_cluster"})
    problem = report.errors.iloc[0]
    assert problem["code"] == "missing_column"
    assert "maps 'event' to 'story_cluster'" in problem["message"]
    assert "'title'" in problem["message"]  # lists the columns that do exist


def test_mapping_falls_back_to_the_fields_own_column_with_a_warning(
    tmp_path: Path, tiny: pd.DataFrame
) -> None:
    tiny.to_csv(tmp_path / "a.csv", index=False)
    loaded, report = load_corpus(
        tmp_path / "a.csv", columns={"event": "story_cluster"}, return_report=True
    )
    pd.testing.assert_frame_equal(loaded, tiny)
    assert codes(report) == {"mapping_unused"}
    assert report.exit_code == 1


def test_columns_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match="columns must be a mapping"):
        load_corpus(TINY, columns=["text"])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Column mappings for common exports


def test_nela_style_json_array(tmp_path: Path, tiny: pd.DataFrame) -> None:
    # One JSON array per source, with NELA-GT-like field names.
    records = [
        {
            "id": row.id,
            "date": f"{row.published:%Y-%m-%d}",
            "source": row.outlet,
            "title": row.title,
            "content": row.text,
            "author": row.author,
            "url": row.url,
            "published": f"{row.published:%a, %d %b %Y} 09:00:00 +0000",
            "published_utc": int(row.published.timestamp()) + 9 * 3600,
        }
        for row in tiny.itertuples()
    ]
    (tmp_path / "nela.json").write_text(json.dumps(records), encoding="utf-8")
    mapping = {"outlet": "source", "text": "content", "published": "date"}
    loaded, report = load_corpus(tmp_path / "nela.json", columns=mapping, return_report=True)
    pd.testing.assert_frame_equal(
        loaded[list(CORPUS_COLUMNS)].drop(columns=["event", "section"]),
        tiny.drop(columns=["event", "section"]),
    )
    # NELA's own 'published' column is displaced by the mapping, not lost.
    assert loaded["published_original"].iloc[0].endswith("09:00:00 +0000")
    assert "renamed_column" in codes(report, "info")
    assert report.exit_code == 0

    by_epoch = load_corpus(
        tmp_path / "nela.json", columns={**mapping, "published": "published_utc"}
    )
    assert (by_epoch["published"] - tiny["published"]).eq(pd.Timedelta(hours=9)).all()


def test_media_cloud_style_csv(tmp_path: Path, tiny: pd.DataFrame) -> None:
    export = pd.DataFrame(
        {
            "id": tiny["id"],
            "media_name": tiny["outlet"],
            "publish_date": tiny["published"].dt.strftime("%Y-%m-%d %H:%M:%S"),
            "title": tiny["title"],
            "url": tiny["url"],
            "language": "en",
            "text": tiny["text"],
        }
    )
    export.to_csv(tmp_path / "mc.csv", index=False)
    loaded = load_corpus(
        tmp_path / "mc.csv", columns={"outlet": "media_name", "published": "publish_date"}
    )
    pd.testing.assert_frame_equal(
        loaded[["id", "outlet", "published", "title", "text", "url"]],
        tiny[["id", "outlet", "published", "title", "text", "url"]],
    )
    assert loaded["language"].eq("en").all()


def test_column_option_on_the_cli(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.rename(columns={"text": "body", "outlet": "source"}).to_csv(
        tmp_path / "a.csv", index=False
    )
    assert (
        run_cli(str(tmp_path / "a.csv"), "--column", "text=body", "--column", "outlet=source") == 0
    )
    assert run_cli(str(tmp_path / "a.csv")) == 2


def test_bad_column_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(str(TINY), "--column", "text") == 2
    assert "--column expects FIELD=SOURCE" in capsys.readouterr().err


def test_case_insensitive_schema_columns(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.rename(columns=str.title).to_csv(tmp_path / "a.csv", index=False)
    pd.testing.assert_frame_equal(load_corpus(tmp_path / "a.csv"), tiny)


# ---------------------------------------------------------------------------------------------
# Derived fields


def test_ids_derived_from_row_numbers(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.drop(columns=["id"]).to_csv(tmp_path / "export.csv.gz", index=False)
    loaded, report = load_corpus(tmp_path / "export.csv.gz", return_report=True)
    assert loaded["id"].tolist()[:3] == ["export-1", "export-2", "export-3"]
    note = report.notes.iloc[0]
    assert note["code"] == "derived_field" and note["column"] == "id"
    assert "9 articles" in note["message"]
