"""Tests for framing.corpus.readers and .decode: what each file format and encoding needs.

Tables written from the tiny corpus (tests/data/corpus/tiny) must load back unchanged; saved
web pages go through the extractor; text files may start with front matter; encodings other
than UTF-8 are decoded strictly and reported.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import BAD, TINY, codes
from support import validate_cli as run_cli

from framing.corpus import load_corpus, validate_corpus

# ---------------------------------------------------------------------------------------------
# Table files


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


# ---------------------------------------------------------------------------------------------
# Text and Markdown files


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
# Encodings


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


def test_utf8_bom_is_not_a_problem(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.to_csv(tmp_path / "a.csv", index=False, encoding="utf-8-sig")
    loaded, report = load_corpus(tmp_path / "a.csv", return_report=True)
    pd.testing.assert_frame_equal(loaded, tiny)
    assert report.problems.empty


def test_unknown_encoding_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="unknown encoding 'latin-9000'"):
        load_corpus(TINY, encoding="latin-9000")
    assert run_cli(str(TINY), "--encoding", "latin-9000") == 2
    assert "unknown encoding" in capsys.readouterr().err
