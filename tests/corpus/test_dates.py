"""Tests for framing.corpus.dates: publication dates in every common form, and the ones
that cannot be read (reported, never guessed)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support import codes

from framing.corpus import load_corpus, validate_corpus

DATES = [
    ("2026-03-04", None, "2026-03-04 00:00:00"),
    ("2026-03-04T10:00:00Z", None, "2026-03-04 10:00:00"),
    ("2026-03-04T10:00:00+01:00", None, "2026-03-04 09:00:00"),
    ("2026-03-04 10:00", None, "2026-03-04 10:00:00"),
    ("Wed, 04 Mar 2026 10:00:00 GMT", None, "2026-03-04 10:00:00"),
    ("March 4, 2026", None, "2026-03-04 00:00:00"),
    ("4 March 2026 17:30", None, "2026-03-04 17:30:00"),
    ("Mar 4 2026 10:00 GMT+1", None, "2026-03-04 09:00:00"),
    ("Wed, 04 Mar 2026 10:00:00 +0100", None, "2026-03-04 09:00:00"),
    ("2026-03-04 05:00 UTC-05:30", None, "2026-03-04 10:30:00"),
    ("03/04/2026", True, "2026-04-03 00:00:00"),
    ("03/04/2026", False, "2026-03-04 00:00:00"),
    ("25/03/2026", True, "2026-03-25 00:00:00"),
    ("04.03.26", True, "2026-03-04 00:00:00"),
    ("1772618400", None, "2026-03-04 10:00:00"),
    (1772618400, None, "2026-03-04 10:00:00"),
    (1772618400000, None, "2026-03-04 10:00:00"),
]


def _one_article(published: object) -> pd.DataFrame:
    text = " ".join(["Ferry services between Belmar and Ostra Island resumed on Friday"] * 3)
    return pd.DataFrame(
        {"id": ["a"], "outlet": ["O"], "published": [published], "title": ["T"], "text": [text]}
    )


@pytest.mark.parametrize(("value", "dayfirst", "expected"), DATES)
def test_dates(value: object, dayfirst: bool | None, expected: str) -> None:
    frame = _one_article(value)
    loaded, report = load_corpus(frame, dayfirst=dayfirst, return_report=True)
    assert loaded.loc[0, "published"] == pd.Timestamp(expected)
    assert report.exit_code == 0, report.format()


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("yesterday", "a four-digit year is needed"),
        ("March 4", "a four-digit year is needed"),
        ("2026-02-30", "not a date format"),
        ("Wed, 04 Mar 2026 10:00:00 CET", "not a date format"),  # zone names are not guessed
        ("13/25/2026", "not a valid month/day/year date; pass dayfirst=True"),
        (12, "too small to be a Unix timestamp"),
    ],
)
def test_unparseable_dates(value: object, fragment: str) -> None:
    frame = _one_article(value)
    report = validate_corpus(frame)
    problem = report.errors.iloc[0]
    assert problem["code"] == "unparseable_date"
    assert fragment in problem["message"]
    assert problem["row"] == 0 and problem["column"] == "published"  # index label for frames


def test_reduced_precision_dates_are_flagged() -> None:
    frame = _one_article("2026-03")
    report = validate_corpus(frame)
    assert codes(report) == {"ambiguous_date"}
    assert "only year and month given" in report.warnings["message"].iloc[0]


def test_jsonl_with_epoch_dates_is_noted(tiny: pd.DataFrame, tmp_path: Path) -> None:
    # pandas < 3 writes dates as epoch milliseconds by default (to_json date_format="epoch").
    epoch_ms = tiny.assign(published=tiny["published"].astype("int64") // 10**6)
    epoch_ms.to_json(tmp_path / "a.jsonl", orient="records", lines=True)
    loaded, report = load_corpus(tmp_path / "a.jsonl", return_report=True)
    pd.testing.assert_frame_equal(loaded, tiny)
    note = report.notes[report.notes["code"] == "numeric_date"]
    assert "milliseconds" in note["message"].iloc[0]
