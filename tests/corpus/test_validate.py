"""Tests for framing.corpus.validate, .article_checks, .duplicates and .validation_report.

Each fixture in tests/data/corpus/bad/ gives its documented problem code, message, location and
exit code; near-duplicates are planted in a synthetic corpus.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pandas as pd
import pytest
from support import BAD, TINY
from support import validate_cli as run_cli

from framing.corpus import CorpusError, load_corpus, validate_corpus
from framing.errors import command_line_hints
from framing.text.tokens import word_count

# ---------------------------------------------------------------------------------------------
# Bad fixtures: each gives its documented code, message and exit code


BAD_CASES = [
    # fixture, code, severity, exit code, message fragment, row, column
    (
        "missing_column.csv",
        "missing_column",
        "error",
        2,
        "pass columns={'outlet': 'source'}",
        None,
        "outlet",
    ),
    ("missing_value.csv", "missing_value", "error", 2, "no outlet value", 2, "outlet"),
    ("empty_text.csv", "empty_text", "warning", 1, "empty or only whitespace", 2, "text"),
    ("short_text.csv", "short_text", "warning", 1, "only 4 words (a stub", 2, "text"),
    (
        "no_sentence_ends.csv",
        "no_sentence_ends",
        "warning",
        1,
        "runs 2,369 characters without a sentence end",
        2,
        "text",
    ),
    ("duplicate_id.csv", "duplicate_id", "error", 2, "'dup-1' is used 2 times", 1, "id"),
    ("duplicate_text.csv", "duplicate_text", "warning", 1, "syndicated wire copy", 2, "text"),
    (
        "near_duplicate.jsonl",
        "near_duplicate",
        "warning",
        1,
        "near-duplicate of id 'nd-1'",
        2,
        "text",
    ),
    (
        "unparseable_date.csv",
        "unparseable_date",
        "error",
        2,
        "'yesterday' cannot be read",
        2,
        "published",
    ),
    ("ambiguous_date.csv", "ambiguous_date", "warning", 1, "pass dayfirst=True", 1, "published"),
    ("html_remnant.jsonl", "html_remnant", "warning", 1, "'<p>'", 1, "text"),
    ("mojibake.csv", "mojibake", "warning", 1, "'Ã©', 'â€™'", 2, "text"),
    ("replacement_character.csv", "replacement_character", "warning", 1, "U+FFFD", 1, "text"),
    ("encoding_cp1252.csv", "encoding_guessed", "warning", 1, "decoded as cp1252", None, None),
    ("malformed_record.jsonl", "malformed_record", "error", 2, "invalid JSON", 2, None),
    ("front_matter", "bad_front_matter", "error", 2, "never closed", None, None),
    ("undecodable", "undecodable", "error", 2, "no other encoding fits", None, None),
]


@pytest.mark.parametrize(
    ("fixture", "code", "severity", "exit_code", "fragment", "row", "column"),
    BAD_CASES,
    ids=[case[0] for case in BAD_CASES],
)
def test_bad_fixture(
    fixture: str,
    code: str,
    severity: str,
    exit_code: int,
    fragment: str,
    row: int | None,
    column: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = BAD / fixture
    report = validate_corpus(path)
    assert report.exit_code == exit_code, report.format()
    # Only this kind of problem (notes aside), so the exit code is attributable to it.
    serious = report.problems[report.problems["severity"] != "info"]
    if fixture != "front_matter":  # a dropped title line also leaves the title missing
        assert set(serious["code"]) == {code}, report.format()
    hits = serious[
        (serious["code"] == code) & serious["message"].str.contains(fragment, regex=False)
    ]
    assert len(hits), report.format()
    hit = hits.iloc[0]
    assert hit["severity"] == severity
    assert str(hit["file"]).startswith(str(path))
    assert (None if pd.isna(hit["row"]) else hit["row"]) == row
    assert (None if pd.isna(hit["column"]) else hit["column"]) == column

    assert run_cli(str(path)) == exit_code
    out = capsys.readouterr().out
    assert f"{severity} {code}" in out
    assert command_line_hints(fragment) in out  # the hint as options: pass --column outlet=...
    assert f"(exit code {exit_code})" in out


@pytest.mark.parametrize("fixture", [case[0] for case in BAD_CASES if case[3] == 1])
def test_strict_turns_warnings_into_errors(
    fixture: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(str(BAD / fixture), "--strict") == 2
    assert "strict" in capsys.readouterr().out
    with pytest.raises(CorpusError, match=re.escape(str(BAD / fixture))):
        load_corpus(BAD / fixture, strict=True)


def test_strict_error_names_file_row_and_column() -> None:
    path = BAD / "unparseable_date.csv"
    with pytest.raises(CorpusError) as caught:
        load_corpus(path, strict=True)
    message = str(caught.value)
    assert f"{path}, row 2, column 'published'" in message
    assert f"{path}, row 3, column 'published'" in message


# ---------------------------------------------------------------------------------------------
# Article checks


@pytest.mark.parametrize(
    ("body", "code", "fragment"),
    [
        ("", "empty_text", "the extractor found no article text"),
        # With nothing else on the page, the extractor falls back to the menu.
        (
            "<nav><a href='/'>Home</a> <a href='/s'>Sport</a></nav>",
            "short_text",
            "did the extractor",
        ),
    ],
)
def test_page_without_article_text_is_flagged(
    tmp_path: Path, body: str, code: str, fragment: str
) -> None:
    (tmp_path / "p").mkdir()
    page = f"<html><head><title>Nothing</title></head><body>{body}</body></html>"
    (tmp_path / "p" / "page.html").write_text(page, encoding="utf-8")
    report = validate_corpus(tmp_path / "p")
    flagged = report.problems[report.problems["code"] == code]
    assert fragment in flagged["message"].iloc[0]
    assert report.exit_code == 1


def test_words_are_counted_as_the_text_layer_counts_them() -> None:
    # One definition of a word (framing.text.tokens.WORD_PATTERN), in reports and rates alike.
    text = "The so-called reform isn't new."
    frame = pd.DataFrame(
        {"id": ["a"], "outlet": ["O"], "published": ["2026-01-01"], "title": ["T"], "text": [text]}
    )
    report = validate_corpus(frame)
    assert report.n_words == word_count(text) == 5
    assert "text has only 5 words" in report.warnings["message"].iloc[0]


# ---------------------------------------------------------------------------------------------
# Near-duplicates at scale


def _synthetic_corpus(n: int = 400, seed: int = 11) -> pd.DataFrame:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    outlets = ["North Post", "South Star", "East Echo", "West Wire"]
    rows = []
    for i in range(n):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(80, 160))) + "."
        rows.append(
            {
                "id": f"doc-{i:03d}",
                "outlet": outlets[i % 4],
                "published": "2026-04-01",
                "title": f"T{i}",
                "text": text,
            }
        )
    return pd.DataFrame(rows)


def _edit(text: str, every: int, rng: random.Random) -> str:
    words = text.split()
    for position in range(0, len(words), every):
        words[position] = f"edit{rng.randint(0, 10**6)}"
    return " ".join(words)


def test_near_duplicates_found_without_false_positives() -> None:
    rng = random.Random(5)
    frame = _synthetic_corpus()
    planted = {
        ("doc-000", "copy-lightly-edited"): _edit(frame.loc[0, "text"], 40, rng),
        ("doc-001", "copy-trimmed"): " ".join(frame.loc[1, "text"].split()[:30]),
        ("doc-002", "copy-same-outlet"): _edit(frame.loc[2, "text"], 40, rng),
        ("doc-003", "copy-exact"): frame.loc[3, "text"],
    }
    extra = []
    for (original, copy_id), text in planted.items():
        outlet = frame.set_index("id").loc[original, "outlet"]
        if copy_id != "copy-same-outlet":
            outlet = "Wire Reprint Daily"
        extra.append(
            {"id": copy_id, "outlet": outlet, "published": "2026-04-02", "title": "T", "text": text}
        )
    frame = pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)

    report = validate_corpus(frame)
    pairs = set(zip(report.near_duplicates["id_a"], report.near_duplicates["id_b"], strict=True))
    assert pairs == {("doc-000", "copy-lightly-edited"), ("doc-001", "copy-trimmed")}
    trimmed = report.near_duplicates.set_index("id_b").loc["copy-trimmed"]
    assert trimmed["containment"] == 1.0 and trimmed["jaccard"] < 0.5
    exact = report.problems[report.problems["code"] == "duplicate_text"]
    assert exact["id"].tolist() == ["copy-exact"]
    assert validate_corpus(frame, near_duplicate_threshold=None).near_duplicates.empty


def test_streaming_validation_matches_in_memory(tmp_path: Path) -> None:
    frame = pd.read_json(BAD / "near_duplicate.jsonl", lines=True, dtype=False)
    frame = pd.concat([frame, load_corpus(TINY)], ignore_index=True)
    frame.to_json(tmp_path / "a.jsonl", orient="records", lines=True, date_format="iso")
    streamed = validate_corpus(tmp_path / "a.jsonl", chunksize=2)
    in_memory = validate_corpus(load_corpus(tmp_path / "a.jsonl", provenance=True))
    columns = ["severity", "code", "message", "file", "row", "column", "id"]
    pd.testing.assert_frame_equal(streamed.problems[columns], in_memory.problems[columns])
    pd.testing.assert_frame_equal(streamed.near_duplicates, in_memory.near_duplicates)
    pd.testing.assert_frame_equal(streamed.outlets, in_memory.outlets)
    assert streamed.fingerprint == in_memory.fingerprint


# ---------------------------------------------------------------------------------------------
# Report rendering


def test_report_format_and_exports() -> None:
    report = validate_corpus(BAD / "duplicate_id.csv")
    text = report.format()
    for part in (
        "Corpus:",
        "Outlets",
        "Events covered by several outlets: 1 of 2",
        "error duplicate_id (2)",
    ):
        assert part in text
    assert text.endswith("Result: errors (exit code 2)")
    exported = json.loads(json.dumps(report.to_dict()))
    assert exported["exit_code"] == 2 and exported["articles"] == 3
    assert {p["code"] for p in exported["problems"]} == {"duplicate_id"}


def test_html_repr_escapes() -> None:
    frame = pd.DataFrame(
        {
            "id": ["<b>1</b>"],
            "outlet": ["<script>alert(1)</script>"],
            "published": ["2026-01-01"],
            "title": ["T"],
            "text": ["A <div>remnant</div> here."],
        }
    )
    markup = validate_corpus(frame)._repr_html_()
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "<div>remnant" not in markup


def test_json_output_on_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(str(BAD / "empty_text.csv"), "--json") == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["exit_code"] == 1
    assert payload["problems"][0]["code"] == "empty_text"
