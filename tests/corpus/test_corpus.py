"""Tests for framing.corpus: loading every format, chunked iteration, fingerprints, validation.

Fixtures live in tests/data/corpus/: ``tiny/`` (9 fictional articles, 3 outlets x 3 events) and
``bad/`` (one small file or folder per problem the validator reports). Other formats are written
to ``tmp_path`` from the tiny corpus, so every format is compared against the same articles.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import cli
from framing.corpus import (
    CORPUS_COLUMNS,
    CorpusError,
    ValidationReport,
    corpus_fingerprint,
    iter_corpus,
    load_corpus,
    validate_corpus,
)

DATA = Path(__file__).parents[1] / "data" / "corpus"
TINY = DATA / "tiny"
BAD = DATA / "bad"
SAMPLE = Path(__file__).parents[2] / "corpora" / "sample"


@pytest.fixture(scope="module")
def tiny() -> pd.DataFrame:
    return load_corpus(TINY)


def run_cli(*argv: str) -> int:
    return cli.main(["validate", *argv])


def codes(report: ValidationReport, severity: str | None = None) -> set[str]:
    problems = report.problems
    if severity is not None:
        problems = problems[problems["severity"] == severity]
    return set(problems["code"])


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


def test_jsonl_with_epoch_dates_is_noted(tiny: pd.DataFrame, tmp_path: Path) -> None:
    # pandas < 3 writes dates as epoch milliseconds by default (to_json date_format="epoch").
    epoch_ms = tiny.assign(published=tiny["published"].astype("int64") // 10**6)
    epoch_ms.to_json(tmp_path / "a.jsonl", orient="records", lines=True)
    loaded, report = load_corpus(tmp_path / "a.jsonl", return_report=True)
    pd.testing.assert_frame_equal(loaded, tiny)
    note = report.notes[report.notes["code"] == "numeric_date"]
    assert "milliseconds" in note["message"].iloc[0]


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


def test_parquet_index_is_kept_as_a_column(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.set_index("id").to_parquet(tmp_path / "a.parquet")
    pd.testing.assert_frame_equal(load_corpus(tmp_path / "a.parquet"), tiny)


def test_json_object_is_refused_with_a_reason(tmp_path: Path, tiny: pd.DataFrame) -> None:
    records = json.loads(tiny.to_json(orient="records", date_format="iso"))
    (tmp_path / "a.json").write_text(
        json.dumps({"status": "ok", "articles": records}, indent=2), encoding="utf-8"
    )
    report = validate_corpus(tmp_path / "a.json")
    problem = report.problems.set_index("code").loc["unreadable_file"]
    assert "a JSON object (keys: 'status', 'articles')" in problem["message"]
    assert len(report.excluded) == 1


def test_glob_pattern_and_lists(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.iloc[:4].to_csv(tmp_path / "part1.csv", index=False)
    tiny.iloc[4:].to_json(tmp_path / "part2.jsonl", orient="records", lines=True, date_format="iso")
    from_glob = load_corpus(str(tmp_path / "part*"))
    from_list = load_corpus([tmp_path / "part1.csv", tmp_path / "part2.jsonl"])
    pd.testing.assert_frame_equal(from_glob, tiny)
    pd.testing.assert_frame_equal(from_list, tiny)


# ---------------------------------------------------------------------------------------------
# Saved web pages

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
{site_meta}
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="{url}">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local news</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<aside><h3>Most read</h3>
<ul><li><a href="/x">Ferry timetable changes announced</a></li></ul></aside>
<footer><p>Copyright 2026 {site}. All rights reserved.</p>
<p>Subscribe to our newsletter for daily updates.</p></footer>
</body></html>
"""


def _page(tiny: pd.DataFrame, article_id: str, *, with_site: bool = True) -> str:
    row = tiny.set_index("id").loc[article_id]
    paragraphs = "\n".join(f"<p>{p}</p>" for p in row["text"].split("\n\n"))
    return PAGE.format(
        title=row["title"],
        site=row["outlet"],
        site_meta=f'<meta property="og:site_name" content="{row["outlet"]}">' if with_site else "",
        author=row["author"],
        date=f"{row['published']:%Y-%m-%d}T09:15:00+01:00",
        url=row["url"],
        paragraphs=paragraphs.replace('"', "&quot;"),
    )


def test_html_folder_loads_through_the_extractor(tmp_path: Path, tiny: pd.DataFrame) -> None:
    folder = tmp_path / "pages"
    (folder / "sentinel").mkdir(parents=True)
    (folder / "courier").mkdir()
    (folder / "sentinel" / "e01.html").write_text(_page(tiny, "sentinel-e01"), encoding="utf-8")
    (folder / "sentinel" / "e02.htm").write_text(_page(tiny, "sentinel-e02"), encoding="utf-8")
    # No og:site_name: the outlet comes from the folder name (and is noted).
    page = _page(tiny, "courier-e01", with_site=False).encode("utf-8")
    (folder / "courier" / "e01.html.gz").write_bytes(gzip.compress(page))

    loaded, report = load_corpus(folder, return_report=True)
    expected = tiny.set_index("id")
    assert loaded["id"].tolist() == ["courier/e01", "sentinel/e01", "sentinel/e02"]
    assert loaded["outlet"].tolist() == ["courier", "The Harbor Sentinel", "The Harbor Sentinel"]
    for page_id, article_id in [("sentinel/e01", "sentinel-e01"), ("courier/e01", "courier-e01")]:
        row = loaded.set_index("id").loc[page_id]
        assert row["text"] == expected.loc[article_id, "text"]  # paragraphs, no menus or footers
        assert row["title"] == expected.loc[article_id, "title"]
        assert row["published"] == expected.loc[article_id, "published"]
        assert row["author"] == expected.loc[article_id, "author"]
        assert row["url"] == expected.loc[article_id, "url"]
    assert "Subscribe" not in " ".join(loaded["text"])
    notes = report.notes
    assert set(notes["code"]) == {"derived_field"}
    assert notes["message"].str.contains("outlet derived from the parent folder name").any()
    assert report.exit_code == 0, report.format()


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


# ---------------------------------------------------------------------------------------------
# Bad fixtures: each gives its documented code, message and exit code

BAD_CASES = [
    # fixture, code, severity, exit code, message fragment, row, column
    (
        "missing_column.csv",
        "missing_column",
        "error",
        2,
        "columns={'outlet': 'source'}",
        None,
        "outlet",
    ),
    ("missing_value.csv", "missing_value", "error", 2, "no outlet value", 2, "outlet"),
    ("empty_text.csv", "empty_text", "warning", 1, "empty or only whitespace", 2, "text"),
    ("short_text.csv", "short_text", "warning", 1, "only 4 words (a stub", 2, "text"),
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
    assert fragment in out
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


def test_unclosed_front_matter_is_excluded_not_guessed() -> None:
    loaded, report = load_corpus(BAD / "front_matter", return_report=True)
    assert sorted(loaded["id"]) == ["fm-2", "fm-3"]
    assert report.excluded["file"].str.endswith("unclosed.md").tolist() == [True]
    bad_line = report.problems[report.problems["message"].str.contains("not a 'key: value'")]
    assert "line 5" in bad_line["message"].iloc[0]
    # The lead paragraph is not mistaken for a title when the title line is broken.
    row = loaded.set_index("id").loc["fm-2"]
    assert pd.isna(row["title"])
    assert row["text"].startswith("The Ostra Island ferry")


def test_guessed_encoding_decodes_without_replacement() -> None:
    loaded = load_corpus(BAD / "encoding_cp1252.csv")
    text = loaded["text"].iloc[0]
    assert "Café owners" in text and "they’re" in text and "naïvely" in text
    assert "\ufffd" not in text


def test_requested_encoding_is_a_note_not_a_warning() -> None:
    report = validate_corpus(BAD / "encoding_cp1252.csv", encoding="cp1252")
    assert report.exit_code == 0
    assert codes(report, "info") == {"encoding"}


def test_cp1252_article_file_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "courier"
    folder.mkdir()
    text = (
        "---\nid: c1\npublished: 2026-04-01\n---\n"
        "# Caf\u00e9s reopen\n\nThe caf\u00e9 said it\u2019s \u201cback\u201d.\n"
    )
    (folder / "c1.txt").write_bytes(text.encode("cp1252"))
    loaded, report = load_corpus(folder, return_report=True)
    assert loaded.loc[0, "title"] == "Cafés reopen"
    assert loaded.loc[0, "text"] == "The café said it’s “back”."
    warning = report.warnings.set_index("code").loc["encoding_guessed"]
    assert warning["file"] == str(folder / "c1.txt")
    assert "decoded as cp1252" in warning["message"]


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


def test_plain_text_folder_derives_id_outlet_and_title(tmp_path: Path) -> None:
    folder = tmp_path / "corpus" / "Valley Courier"
    folder.mkdir(parents=True)
    (folder / "bridge.txt").write_text(
        "Commuters fume as bridge shuts\n\nCommuters were stranded on Tuesday.\n", encoding="utf-8"
    )
    (folder / "library.md").write_text(
        "---\ntitle: Library opens Sundays\npublished: 2026-04-02\n---\nThe library will open.\n",
        encoding="utf-8",
    )
    (folder / "README.md").write_text("Notes about this folder.\n", encoding="utf-8")
    loaded, report = load_corpus(tmp_path / "corpus", return_report=True)
    assert loaded[["id", "outlet", "title", "text"]].values.tolist() == [
        [
            "Valley Courier/bridge",
            "Valley Courier",
            "Commuters fume as bridge shuts",
            "Commuters were stranded on Tuesday.",
        ],
        [
            "Valley Courier/library",
            "Valley Courier",
            "Library opens Sundays",
            "The library will open.",
        ],
    ]
    assert codes(report, "info") == {"derived_field", "skipped_file"}
    assert report.problems[report.problems["code"] == "missing_value"]["id"].tolist() == [
        "Valley Courier/bridge"
    ]  # no date in a plain text file: a warning, the row is kept


# ---------------------------------------------------------------------------------------------
# Dates

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


def test_fingerprint_streams(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.to_json(tmp_path / "a.jsonl", orient="records", lines=True, date_format="iso")
    expected = corpus_fingerprint(tiny)
    assert corpus_fingerprint(iter_corpus(tmp_path / "a.jsonl", chunksize=2)) == expected
    assert corpus_fingerprint(tmp_path / "a.jsonl") == expected


def test_iter_corpus_strict_raises_before_yielding_a_bad_chunk() -> None:
    chunks = iter_corpus(BAD / "unparseable_date.csv", chunksize=1, strict=True)
    assert next(chunks)["id"].tolist() == ["ud-1"]
    with pytest.raises(CorpusError, match="row 2, column 'published'"):
        next(chunks)


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
# Fingerprint


def test_fingerprint_definition(tiny: pd.DataFrame) -> None:
    fingerprint = corpus_fingerprint(tiny)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", fingerprint)
    crlf = tiny.assign(text=tiny["text"].str.replace("\n", "\r\n") + "\n")
    nfd = tiny.assign(text=tiny["text"].map(lambda t: unicodedata.normalize("NFD", t)))
    reordered = tiny.iloc[::-1]
    metadata = tiny.assign(outlet="X", title="Y")
    for variant in (crlf, nfd, reordered, metadata):
        assert corpus_fingerprint(variant) == fingerprint
    edited = tiny.copy()
    edited.loc[0, "text"] = edited.loc[0, "text"].replace("Monday", "Tuesday")
    assert corpus_fingerprint(edited) != fingerprint
    assert corpus_fingerprint(tiny.assign(id=tiny["id"] + "x")) != fingerprint


def test_fingerprint_needs_id_and_text() -> None:
    with pytest.raises(CorpusError, match="missing \\['id'\\]"):
        corpus_fingerprint(pd.DataFrame({"text": ["a"]}))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=40)), max_size=8), st.randoms())
def test_fingerprint_ignores_row_order(pairs: list[tuple[str, str]], rnd: random.Random) -> None:
    frame = pd.DataFrame(pairs, columns=["id", "text"])
    shuffled = frame.sample(frac=1, random_state=rnd.randint(0, 1000))
    assert corpus_fingerprint(frame) == corpus_fingerprint(shuffled)


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
    max_size=80,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_TEXT, min_size=1, max_size=5))
def test_csv_round_trip_keeps_text(tmp_path: Path, texts: list[str]) -> None:
    frame = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(len(texts))],
            "outlet": "O",
            "published": "2026-01-01",
            "title": "T",
            "text": texts,
        }
    )
    path = tmp_path / "round.csv"
    frame.to_csv(path, index=False)
    loaded = load_corpus(path)
    assert len(loaded) == len(texts)  # never a row lost
    assert loaded["text"].tolist() == [t.strip() for t in texts]


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


# ---------------------------------------------------------------------------------------------
# Report rendering and errors


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


def test_unknown_encoding_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="unknown encoding 'latin-9000'"):
        load_corpus(TINY, encoding="latin-9000")
    assert run_cli(str(TINY), "--encoding", "latin-9000") == 2
    assert "unknown encoding" in capsys.readouterr().err


def test_utf8_bom_is_not_a_problem(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.to_csv(tmp_path / "a.csv", index=False, encoding="utf-8-sig")
    loaded, report = load_corpus(tmp_path / "a.csv", return_report=True)
    pd.testing.assert_frame_equal(loaded, tiny)
    assert report.problems.empty


def test_columns_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match="columns must be a mapping"):
        load_corpus(TINY, columns=["text"])  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.binary(min_size=32, max_size=32)
        | st.lists(st.sampled_from([0, 1, 255]), min_size=32, max_size=32).map(bytes),
        max_size=40,
    )
)
def test_packed_fingerprint_equals_sorted_digests(digests):
    """The streamed extraction keeps digests packed (32 bytes per article) and sorts them with
    numpy; the fingerprint must be the one of sorting the digests as bytes."""
    from framing.corpus import fingerprint_of

    assert fingerprint_of(bytearray(b"".join(digests))) == fingerprint_of(digests)
    assert fingerprint_of(b"".join(digests)) == fingerprint_of(list(reversed(digests)))
