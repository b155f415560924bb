"""Hardening of the corpus reader: malformed files give an error naming file and row."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pandas as pd
import papermill
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import PIECES

import framing
from framing import cli
from framing.corpus.schema import normalise_newlines

# ---------------------------------------------------------------------------------------------
# The corpus loader on hostile and malformed input


#: Valid Unicode of every other kind: controls, NUL, line and paragraph separators, BOMs.
VALID_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",))
LOADER_TEXT = st.one_of(
    st.text(VALID_CHAR, min_size=1, max_size=200),
    st.lists(
        st.one_of(PIECES.filter(lambda p: p not in ("\ud800", "\udfff")), st.text(max_size=4)),
        min_size=1,
        max_size=40,
    ).map("".join),
).filter(lambda t: normalise_newlines(t).strip())


def _write(fmt: str, folder: Path, frame: pd.DataFrame) -> Path:
    # pandas' writer leaves a lone "\r" unquoted (only "\n" is its line terminator), and every
    # CSV reader then ends the row there: framing reports that as a ragged row. Quote all.
    if fmt == "csv":
        frame.to_csv(path := folder / "a.csv", index=False, quoting=csv.QUOTE_ALL)
    elif fmt == "tsv.gz":
        frame.to_csv(
            path := folder / "a.tsv.gz",
            index=False,
            sep="\t",
            compression="gzip",
            quoting=csv.QUOTE_ALL,
        )
    elif fmt == "jsonl":
        frame.to_json(path := folder / "a.jsonl", orient="records", lines=True, force_ascii=False)
    elif fmt == "json":
        frame.to_json(path := folder / "a.json", orient="records", force_ascii=False)
    elif fmt == "parquet":
        frame.to_parquet(path := folder / "a.parquet")
    else:  # a folder of Markdown files with front matter
        path = folder / "articles"
        path.mkdir()
        for row in frame.itertuples():
            head = f"---\nid: {row.id}\noutlet: {row.outlet}\ntitle: {row.title}\n---\n"
            (path / f"{row.id}.md").write_bytes((head + row.text).encode("utf-8"))
    return path


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(LOADER_TEXT, min_size=1, max_size=4))
@pytest.mark.parametrize("fmt", ["csv", "tsv.gz", "jsonl", "json", "parquet", "md"])
def test_any_valid_text_loads_back_from_every_format(fmt, texts, tmp_path_factory):
    folder = tmp_path_factory.mktemp(fmt.replace(".", "-"))
    frame = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(len(texts))],
            "outlet": "Outlet",
            "title": "T",
            "text": texts,
        }
    )
    loaded, checked = framing.load_corpus(_write(fmt, folder, frame), return_report=True)
    assert len(loaded) == len(texts), checked.format()  # never a row lost
    assert loaded["text"].tolist() == [normalise_newlines(t).strip() for t in texts]
    assert not len(checked.excluded)
    framing.corpus_fingerprint(loaded)


@pytest.mark.parametrize(
    "text",
    [
        "\x00" * 1000 + " said the minister",
        "“" * 1_000_000,
        "x" * 5_000_000,
        "Line one.\r\nLine two.\rLine three.\n" * 50_000,
    ],
    ids=["NUL bytes", "a million quote marks", "5 MB token", "mixed line endings"],
)
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "md"])
def test_huge_and_odd_texts_load(fmt, text, tmp_path):
    frame = pd.DataFrame({"id": ["big"], "outlet": ["Outlet"], "title": ["T"], "text": [text]})
    loaded = framing.load_corpus(_write(fmt, tmp_path, frame))
    assert loaded["text"].tolist() == [normalise_newlines(text).strip()]


def test_lone_surrogates_exclude_the_record_and_name_it(tmp_path):
    # A JSON escape for half a surrogate pair: valid JSON, invalid Unicode.
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"id": "ok-1", "outlet": "O", "title": "T", "text": "Fine text."}\n'
        '{"id": "bad", "outlet": "O", "title": "T", "text": "cut \\ud83d in half"}\n'
        '{"id": "ok-2", "outlet": "O", "title": "T", "text": "Emoji \\ud83d\\ude00 intact."}\n',
        encoding="utf-8",
    )
    loaded, checked = framing.load_corpus(path, return_report=True)
    assert loaded["id"].tolist() == ["ok-1", "ok-2"]
    assert loaded["text"].iloc[1] == "Emoji 🙂 intact.".replace("🙂", "\U0001f600")
    error = checked.errors.iloc[0]
    assert (error["code"], error["row"], error["column"]) == ("malformed_record", 2, "text")
    assert "lone surrogate '\\ud83d'" in error["message"]

    # The same from a frame decoded with errors="surrogateescape" (object dtype holds it).
    raw = "bad \udcff byte".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
    frame = pd.DataFrame(
        {"id": ["a", "b"], "outlet": ["O", "O"], "title": ["T", "T"], "text": [raw, "fine"]},
        dtype=object,
    )
    loaded, checked = framing.load_corpus(frame, return_report=True)
    assert loaded["id"].tolist() == ["b"]
    assert checked.errors.iloc[0]["row"] == 0 and checked.exit_code == 2
    assert framing.corpus_fingerprint(frame).startswith("sha256:")  # the raw frame hashes too
    framing.analyze(raw)  # and the detectors take it


GOOD_CSV = (
    "id,outlet,published,title,text\n"
    "a1,Sentinel,2026-03-01,T1,The minister said the plan works.\n"
    "a2,Ledger,2026-03-02,T2,Officials claimed it failed.\n"
)
PARQUET_BYTES: dict[str, bytes] = {}


def _parquet_bytes() -> bytes:
    if not PARQUET_BYTES:
        import io

        buffer = io.BytesIO()
        pd.DataFrame({"id": ["a"], "outlet": ["S"], "text": ["x"]}).to_parquet(buffer)
        PARQUET_BYTES["ok"] = buffer.getvalue()
    return PARQUET_BYTES["ok"]


#: name -> (file name, bytes, problem code, row named in the message (None: file-level), text).
BROKEN = {
    "truncated gzip": (
        "a.csv.gz",
        lambda: gzip.compress(GOOD_CSV.encode() * 40)[:-30],
        "unreadable_file",
        None,
        "Compressed file ended before the end-of-stream marker",
    ),
    "not gzip": ("a.csv.gz", lambda: GOOD_CSV.encode(), "unreadable_file", None, "Not a gzip"),
    "unclosed quote": (
        "a.csv",
        lambda: (GOOD_CSV + 'a3,Ledger,2026-03-03,T3,"Cut off in the mid').encode(),
        "unreadable_file",
        None,
        "row 3 (line 4): a quoted field never closes",
    ),
    "short row": (
        "a.csv",
        lambda: (GOOD_CSV + "a3,Ledger\n").encode(),
        "ragged_row",
        3,
        "has 2 of the header's 5 fields (line 4), so 'published', 'title', 'text' are empty",
    ),
    "long row": (
        "a.csv",
        lambda: (GOOD_CSV + "a3,Ledger,2026-03-03,T3,text,oops,more\n").encode(),
        "unreadable_file",
        None,
        "row 3 (line 4) has 7 fields, the header has 5",
    ),
    "PNG named .csv": (
        "a.csv",
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "undecodable",
        None,
        "no encoding decodes this file",
    ),
    "CSV named .parquet": (
        "a.parquet",
        lambda: GOOD_CSV.encode(),
        "unreadable_file",
        None,
        "magic bytes not found",
    ),
    "truncated Parquet": (
        "a.parquet",
        lambda: _parquet_bytes()[: len(_parquet_bytes()) // 2],
        "unreadable_file",
        None,
        "magic bytes not found",
    ),
    "ZIP named .jsonl": (
        "a.jsonl",
        lambda: b"PK\x03\x04" + bytes(range(256)) * 8,
        "undecodable",
        None,
        "no encoding decodes this file",
    ),
    "truncated JSON array": (
        "a.json",
        lambda: b'[{"id": "a1", "outlet": "S", "text": "x"}, {"id": "a2", "outl',
        "unreadable_file",
        None,
        "invalid JSON at line 1",
    ),
    "JSON nested 100,000 deep": (
        "a.json",
        lambda: b"[" * 100_000 + b"]" * 100_000,
        "unreadable_file",
        None,
        "nested too deeply",
    ),
    "JSON Lines line nested 100,000 deep": (
        "a.jsonl",
        lambda: b'{"id": "a1", "outlet": "S", "text": "x"}\n' + b"[" * 100_000 + b"]" * 100_000,
        "malformed_record",
        2,
        "nested too deeply",
    ),
    "JSON Lines with a 5,000-digit number": (
        "a.jsonl",
        lambda: b'{"id": 1' + b"0" * 5000 + b', "outlet": "S", "text": "x"}\n',
        "malformed_record",
        1,
        "Exceeds the limit (4300 digits)",
    ),
    "JSON Lines cut mid-record": (
        "a.jsonl",
        lambda: b'{"id": "a1", "outlet": "S", "title": "T", "text": "x"}\n{"id": "a2", "out',
        "malformed_record",
        2,
        "invalid JSON",
    ),
    "NaN and Infinity dates": (
        "a.jsonl",
        lambda: b'{"id": "a", "outlet": "S", "title": "T", "text": "x", "published": Infinity}\n',
        "unparseable_date",
        1,
        "outside the range of Unix timestamps",
    ),
    "binary Markdown": (
        "a.md",
        lambda: b"\x00\xff\xfe\x00" + bytes(range(256)) * 8,
        "undecodable",
        None,
        "bytes cannot be decoded",
    ),
    "truncated .md.gz": (
        "a.md.gz",
        lambda: gzip.compress(b"---\nid: x\n---\nBody text. " * 200)[:-20],
        "unreadable_file",
        None,
        "Compressed file ended",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_malformed_files_give_an_error_naming_file_and_row(case, tmp_path, capsys):
    name, make, code, row, fragment = BROKEN[case]
    path = tmp_path / name
    path.write_bytes(make())
    before = sorted(tmp_path.rglob("*"))
    assert cli.main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert f"error {code}" in out, out
    lines = [line for line in out.splitlines() if fragment in line]
    assert lines, out
    assert str(path) in lines[0]
    if row is not None:
        assert f"row {row}:" in lines[0] or f"row {row}," in lines[0], lines[0]
    checked = framing.validate_corpus(path)
    hit = checked.errors[checked.errors["code"] == code].iloc[0]
    assert hit["row"] == row if row is not None else hit["row"] is None
    assert sorted(tmp_path.rglob("*")) == before  # validation writes nothing


def test_short_rows_omitting_only_optional_columns_are_a_note(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(GOOD_CSV.replace("text\n", "text,event\n", 1), encoding="utf-8")
    checked = framing.validate_corpus(path)
    assert "ragged_row" not in set(checked.problems["code"])
    note = checked.notes[checked.notes["code"] == "short_row"].iloc[0]
    assert "2 row(s) end before the optional column(s) 'event'" in note["message"]


@pytest.mark.parametrize("case", ["PNG named .csv", "long row", "JSON nested 100,000 deep"])
def test_report_on_an_unreadable_corpus_stops_before_anything_starts(
    case, tmp_path, capsys, monkeypatch
):
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started for a corpus with no readable article")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)
    name, make, code, _, fragment = BROKEN[case]
    path = tmp_path / name
    path.write_bytes(make())
    assert cli.main(["report", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "no article could be loaded" in err and f"error {code}" in err and fragment in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written


@pytest.mark.parametrize("case", ["PNG named .csv", "JSON nested 100,000 deep", "short row"])
def test_extract_cli_never_shows_a_traceback(case, tmp_path, capsys):
    name, make, *_ = BROKEN[case]
    path = tmp_path / name
    path.write_bytes(make())
    code = cli.main(["extract", str(path), "-o", str(tmp_path / "out"), "--no-progress"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code in (0, 2)
