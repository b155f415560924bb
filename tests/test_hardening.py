"""Hardening: hostile text, malformed corpus files, escaping, parameter checks and CLI errors.

What the toolkit promises whatever it is fed (docs/hardening.md): no detector raises or slows down
catastrophically on any ``str``; a corpus file that is truncated, mis-encoded, ragged or not what
its suffix says gives an error naming the file and the row, exit code 2 and no traceback unless
``--debug``; data never becomes markup. The report runs (hostile names in the HTML, determinism,
recovery from failed and killed runs) are in ``test_hardening_report.py``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import random
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import matplotlib as mpl
import pandas as pd
import papermill
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing import cli, plots, report
from framing._corpus_io import normalise_newlines

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"
NOTEBOOK = ROOT / "notebooks" / "outlet_comparison.ipynb"

#: Every code point, surrogates and control characters included (hypothesis leaves surrogates
#: out of ``st.text()`` by default).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)
#: Pieces that exercise quotes, cues, names, line endings and invisible characters.
PIECES = st.sampled_from(
    [
        "“", "”", "‘", "’", '"', "'", "«", "»", "„", "‚", "‹", "›", "「", "」",
        " said ", " claimed ", " according to ", " told reporters ", "Mr. ", "Dr. ",
        " the minister ", " Ostrander", " he ", " she ", "so-called", " reportedly ",
        " lashed out ", "\r", "\r\n", "\n", "\n\n", "\u2028", "\u0085", "\x00", "\x1b",
        "\ud800", "\udfff", "\ufeff", "\u200b", "\u0301", "—", "…", "İ", "ß", "ﬁ", "🙂",
        "<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "javascript:alert(3)",
        "&amp;", "&lt;b&gt;", "$x$",
    ]
)  # fmt: skip
HOSTILE_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.lists(st.one_of(PIECES, st.text(ANY_CHAR, max_size=4)), max_size=80).map("".join),
)


def assert_offsets_valid(text: str, analysis: framing.Analysis) -> None:
    n = len(text)
    for r in analysis.loaded_terms.itertuples():
        assert 0 <= r.start < r.end <= n and text[r.start : r.end] == r.text
    for r in analysis.markers.itertuples():
        assert 0 <= r.start < r.end <= n and text[r.start : r.end] == r.text
    for r in analysis.attributions.itertuples():
        assert 0 <= r.verb_start < r.verb_end <= n and text[r.verb_start : r.verb_end] == r.verb
        if not pd.isna(r.speaker_start):
            assert 0 <= r.speaker_start < r.speaker_end <= n
            assert text[r.speaker_start : r.speaker_end] == r.speaker_text
        if not pd.isna(r.quote_start):
            assert 0 <= r.quote_start <= r.quote_end <= n
            assert text[r.quote_start : r.quote_end] == r.quote


# ---------------------------------------------------------------------------------------------
# Detectors on hostile text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT)
def test_detectors_never_raise_and_offsets_slice_back(text):
    analysis = framing.analyze(text)
    assert_offsets_valid(text, analysis)
    for detector in (framing.loaded_terms, framing.attributions, framing.markers):
        assert isinstance(detector(text), pd.DataFrame)


NEWS = (
    "Dock workers returned to Port Belmar on Monday after a three-day strike over night "
    "shifts. The port authority agreed to add a fourth crew, and shipping agents expect the "
    "backlog of roughly forty vessels to clear by the weekend. Local traders welcomed it. "
) * 8 + "“It was the right call,” the harbour master said. "

BIG = {
    "10 MB of news prose": lambda: (NEWS * (10_000_000 // len(NEWS) + 1))[:10_000_000],
    "a million curly quotes": lambda: "“" * 1_000_000,
    "a million straight quotes": lambda: '"' * 1_000_000,
    "a million apostrophes": lambda: "'" * 1_000_000,
    "a 5 MB token without spaces": lambda: "x" * 5_000_000,
    "a 5 MB capitalised token": lambda: "Ostrander" * 555_556,
    "mixed line endings": lambda: "He said no.\r\nShe said yes.\rThey said “maybe”.\n" * 2_000,
    "unbalanced nested quotes": lambda: "“a ‘b “c ‘d said ” he" * 40_000,
}


@pytest.mark.parametrize("make", list(BIG.values()), ids=list(BIG))
def test_huge_inputs_finish_quickly_with_valid_offsets(make):
    text = make()
    began = time.perf_counter()
    analysis = framing.analyze(text)
    elapsed = time.perf_counter() - began
    # Linear time at ~0.1-1 s/MB on the 2-core development machine; a backtracking regex would
    # take minutes. The bound leaves ample room for a slow CI runner.
    assert elapsed < 30, f"{elapsed:.1f} s"
    assert_offsets_valid(text, analysis)


GROWTH_SHAPES = {
    "opening quotes": lambda n: "“" * n,
    "straight quotes": lambda n: '"' * n,
    "apostrophes": lambda n: ("don't 'x' ’y‘ " * (n // 14 + 1))[:n],
    "names": lambda n: ("Ana Bel Cor Dov said Eli. " * (n // 26 + 1))[:n],
    "quote + said": lambda n: ('"Yes," he said. ' * (n // 16 + 1))[:n],
    "cue soup": lambda n: ("said claimed according to, who said " * (n // 36 + 1))[:n],
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        began = time.perf_counter()
        framing.analyze(text)
        best = min(best, time.perf_counter() - began)
    return best


@pytest.mark.parametrize("shape", list(GROWTH_SHAPES))
def test_time_grows_linearly_on_pathological_shapes(shape):
    """Quadruple the input: linear code takes ~4x as long, quadratic code ~16x (see
    benchmarks/bench_pathological.py for the full table)."""
    make = GROWTH_SHAPES[shape]
    small = 4_000 if shape == "cue soup" else 25_000  # cue soup runs at ~40 s/MB
    framing.analyze(make(small))  # warm the lexicons and caches
    ratio = _seconds(make(4 * small)) / max(_seconds(make(small)), 1e-4)
    assert ratio < 8, f"{shape}: 4x the input took {ratio:.1f}x the time"


# ---------------------------------------------------------------------------------------------
# analyze() HTML: data is text, never markup


class _Page(HTMLParser):
    """Tags, attributes and the text inside ``div.framing-doc`` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.doc: list[str] = []
        self._depth = 0  # div nesting inside framing-doc (0: outside)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "div":
            if self._depth:
                self._depth += 1
            elif attributes.get("class") == "framing-doc":
                self._depth = 1

    def handle_endtag(self, tag):
        if tag == "div" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.doc.append(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT)
def test_analyze_html_holds_the_text_and_no_injected_element(text):
    page = _Page()
    page.feed(framing.analyze(text).to_html())
    page.close()
    assert {tag for tag, _ in page.tags} <= {"style", "div", "span"}
    for _, attributes in page.tags:
        assert set(attributes) <= {"class", "title", "style"}, attributes
    # HTMLParser hands "\r" and "\r\n" on as written; the article reads back exactly.
    assert "".join(page.doc) == text


# ---------------------------------------------------------------------------------------------
# Figure labels from data are text


HOSTILE_LABELS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "javascript:alert(3)",
    "$\\frac{1}{0}$ --> <!--",
]


def _drawn(fig) -> list[tuple[str, bool]]:
    out = []
    for text in fig.findobj(mpl.text.Text):
        shown = text.get_text()
        if shown:
            drawn, is_math = text._preprocess_math(shown)  # what matplotlib will draw
            out.append((drawn, bool(is_math)))
    return out


@pytest.mark.parametrize(
    "build",
    [
        lambda: plots.matched_events_figure(
            pd.DataFrame(
                {
                    "event": HOSTILE_LABELS,
                    "outlet": ["A", "B", "A", "B"],
                    "value": [1.0, 2.0, 3.0, 4.0],
                }
            ),
            highlight=HOSTILE_LABELS[:1],
        ),
        lambda: plots.doubt_share_figure(
            pd.DataFrame(
                {
                    "speaker": HOSTILE_LABELS,
                    "outlet": ["A", "A", "B", "B"],
                    "share": [0.1, 0.5, 0.2, 0.9],
                    "n": [5, 5, 5, 1],
                }
            ),
            min_count=3,
        ),
        lambda: plots.distinctive_terms_figure(
            pd.DataFrame({"outlet": ["A"] * 4, "term": HOSTILE_LABELS, "z": [4.0, 3.0, 2.0, 1.0]})
        ),
    ],
    ids=["events", "speakers", "terms"],
)
def test_hostile_events_speakers_and_terms_are_drawn_literally(build, tmp_path):
    fig = build()
    drawn = dict(_drawn(fig))
    for label in HOSTILE_LABELS:
        assert drawn.get(label) is False, (label, drawn)  # the exact string, not mathtext
    svg = tmp_path / "figure.svg"
    with plots.style():
        fig.savefig(svg, format="svg", metadata={"Date": None})
    assert_inert_svg(svg.read_text(encoding="utf-8"))


def assert_inert_svg(content: str) -> None:
    """No element or attribute an SVG viewer would run or follow; labels only in comments and
    glyph paths (``svg.fonttype = "path"``)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(content)  # well-formed: "-->" in a label did not end a comment
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "foreignObject", "a", "iframe"), tag
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), name
            if local == "href":  # glyphs (<use href="#...">) and embedded images only
                assert value.startswith(("#", "data:image/png;base64,")), (tag, value[:60])
            assert "javascript:" not in value.lower(), (name, value)
    assert "<script" not in content and "<img" not in content


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


# ---------------------------------------------------------------------------------------------
# The command line: exit codes, no tracebacks unless --debug


def test_unexpected_errors_are_one_line_without_debug(monkeypatch, capsys):
    from framing import corpus

    def broken(args):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(corpus, "validate_main", broken)
    assert cli.main(["validate", str(TINY)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "framing validate: error: RecursionError: maximum recursion depth exceeded "
        "(run with --debug for the traceback)"
    )
    with pytest.raises(RecursionError):
        cli.main(["--debug", "validate", str(TINY)])


def test_interrupt_exits_130_without_a_traceback(monkeypatch, capsys):
    from framing import corpus

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus, "validate_main", interrupted)
    assert cli.main(["validate", str(TINY)]) == 130
    assert capsys.readouterr().err.strip() == "framing validate: interrupted"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "{tmp}/missing"], "framing validate: error: corpus path not found"),
        (["extract", "{tmp}/missing", "-o", "{tmp}/out"], "framing extract: error: corpus path"),
        (["report", "{tmp}/missing", "--out", "{tmp}/out"], "framing report: error: corpus"),
        (["evaluate", "--devset", "{tmp}/missing"], "framing evaluate: error: annotated"),
        (["evaluate", "--babe", "{tmp}"], "framing evaluate: error:"),
    ],
    ids=["validate", "extract", "report", "evaluate-devset", "evaluate-babe"],
)
def test_every_command_reports_bad_input_with_exit_2(argv, message, tmp_path, capsys):
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert cli.main(args) == 2
    out, err = capsys.readouterr()
    assert message in err, err
    assert "Traceback" not in out + err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written half-way
    with pytest.raises((OSError, ValueError)):
        cli.main(["--debug", *args])


# ---------------------------------------------------------------------------------------------
# Report parameters: wrong types and unknown names are rejected before a kernel starts


@pytest.fixture
def no_kernel(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started although the parameters are invalid")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)


def test_parameter_types_match_the_notebook():
    spec = papermill.inspect_notebook(str(NOTEBOOK))
    declared = {
        name: re.sub(r"^Optional\[(.*)\]$", r"\1 | None", spec[name]["inferred_type_name"])
        for name in spec
        if name not in report.RESERVED_PARAMETERS
    }
    assert declared == report.PARAMETER_TYPES
    assert list(report.PARAMETER_TYPES) == list(report.DEFAULTS)


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"n_boot": "many"}, r"parameter 'n_boot' must be int, got str 'many'"),
        ({"n_boot": 2.5}, r"parameter 'n_boot' must be int, got float 2.5"),
        ({"seed": True}, r"parameter 'seed' must be int, got bool True"),
        (
            {"outlets": "Metro Ledger"},
            r"'outlets' must be list\[str\] \| None, got str 'Metro Ledger'; a list, e\.g\. "
            r"outlets=\['Metro Ledger'\]",
        ),
        ({"events": [1, 2]}, r"'events' must be list\[str\] \| None, got list \[1, 2\]"),
        ({"start": 20260301}, r"'start' must be str \| None, got int 20260301"),
        ({"nboot": 5}, r"unknown parameter\(s\) nboot; valid: outlets, events, start, end"),
        ({"Seed": 1}, r"unknown parameter\(s\) Seed; valid: outlets, events"),
    ],
)
def test_prepare_rejects_wrong_types_and_unknown_names(parameters, message, tmp_path):
    with pytest.raises(ValueError, match=message):
        report.prepare(TINY, output_dir=tmp_path / "out", **parameters)
    assert not (tmp_path / "out").exists()


def test_prepare_accepts_numpy_ints_dates_and_tuples(tmp_path):
    import datetime as dt

    import numpy as np

    checked = report.check_parameter_types(
        {"seed": np.int64(3), "start": dt.date(2026, 3, 1), "outlets": ("A", "B")}
    )
    assert checked == {"seed": 3, "start": "2026-03-01", "outlets": ["A", "B"]}
    assert type(checked["seed"]) is int


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (["-p", "n_boot", "2.5"], r"parameter 'n_boot' must be int, got float 2.5"),
        (["-p", "n_boot", "true"], r"parameter 'n_boot' must be int, got bool True"),
        (["-p", "n_boot", "[500]"], r"parameter 'n_boot' must be int, got list \[500\]"),
        (["-p", "outlets", "{a: b}"], r"'outlets' must be Optional\[list\[str\]\], got dict"),
        (["-p", "seed", "-1"], r"parameter 'seed' must be a non-negative int, got -1"),
        (["-p", "Outlets", "[A, B]"], r"unknown parameter 'Outlets'; valid parameters: outlets,"),
        (["--kernel", "no-such-kernel"], r"no Jupyter kernel named 'no-such-kernel'; available:"),
    ],
)
def test_cli_rejects_bad_parameters_and_kernels_before_a_kernel_starts(
    parameters, message, no_kernel, tmp_path, capsys
):
    code = cli.main(["report", str(TINY), "--out", str(tmp_path / "out"), *parameters])
    err = capsys.readouterr().err
    assert code == 2 and re.search(message, err), err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_notebook_is_named(no_kernel, tmp_path, capsys):
    fake = tmp_path / "report.ipynb"
    fake.write_bytes(b"\x89PNG\r\n")
    args = ["report", str(TINY), "--out", str(tmp_path / "out"), "--notebook", str(fake)]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert f"{fake}: cannot read the notebook" in err and "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# Paths: nothing is written outside the output folder


def test_symlinks_in_the_output_folder_cannot_redirect_writes(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    (out / "extraction").mkdir(parents=True)
    (out / "figures").symlink_to(outside, target_is_directory=True)
    run = report.prepare(TINY, output_dir=out, n_boot=50, min_articles=2)
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        run.loaded_rates()
    (out / "methods.txt").symlink_to(outside / "methods.txt")
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        run.methods()
    assert list(outside.iterdir()) == []


def test_share_names_cannot_become_paths(tmp_path):
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    with pytest.raises(
        ValueError, match=re.escape("unknown share '../../escape'; valid: direct, doubt")
    ):
        run.doubt_shares("../../escape")
    assert not any(p.name.startswith("escape") for p in tmp_path.rglob("*"))


def test_failed_runs_never_replace_a_folder_that_is_not_framings(tmp_path):
    mine = tmp_path / "report.failed"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    build = tmp_path / ".report.building-x"
    build.mkdir()
    kept = report._keep_failed(build, mine)
    assert kept == build / "report.ipynb" and build.is_dir()
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert not report._is_ours(mine)


def test_interrupted_runs_are_tidied_by_the_next_one(tmp_path):
    out = tmp_path / "report"
    marker = json.dumps({"kind": report.REPORT_KIND})
    # Killed between the two renames of the swap: the earlier report is put back.
    moved = tmp_path / ".report.old-1a2b3c4d"
    moved.mkdir()
    (moved / "provenance.json").write_text(marker, encoding="utf-8")
    # Killed while building: its folder goes once its process is gone, not before.
    dead, alive = tmp_path / ".report.building-dead", tmp_path / ".report.building-alive"
    for folder in (dead, alive):
        folder.mkdir()
        report._mark_build(folder)
    owner = json.loads((dead / report._BUILD_MARKER).read_text(encoding="utf-8"))
    owner["pid"] = _dead_pid()
    (dead / report._BUILD_MARKER).write_text(json.dumps(owner), encoding="utf-8")
    stranger = tmp_path / ".report.building-unmarked"
    stranger.mkdir()
    report._recover_interrupted(out)
    assert (out / "provenance.json").read_text(encoding="utf-8") == marker
    assert not moved.exists() and not dead.exists()
    assert alive.exists() and stranger.exists()
    # Killed after the swap: the moved-aside copy is deleted.
    moved.mkdir()
    (moved / "provenance.json").write_text(marker, encoding="utf-8")
    report._recover_interrupted(out)
    assert not moved.exists() and out.is_dir()


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    pid = int(child.stdout)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    return pid


# ---------------------------------------------------------------------------------------------
# Report runs (each starts a kernel; ~40 s for this section): hostile names in the HTML and
# figures, determinism, provenance, recovery from a failed and a killed run.

FAST = ["-p", "min_articles", "2", "-p", "n_boot", "200"]
OUTLET_SCRIPT = "<script>alert(1)</script> Courier"
OUTLET_URL = "javascript:alert(2)"
OUTLET_PATH = "../../outside/Sentinel"
EVENT_IMG = "<img src=x onerror=alert(3)>"


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> Path:
    """The tiny corpus with markup, script URLs and path tricks in every field."""
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    folder.mkdir()
    for path in sorted(TINY.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        head, body = text.split("\n---\n", 1)
        head = (
            head.replace("outlet: Valley Courier", f"outlet: {OUTLET_SCRIPT}")
            .replace("outlet: Metro Ledger", f"outlet: {OUTLET_URL}")
            .replace("outlet: The Harbor Sentinel", f"outlet: {OUTLET_PATH}")
            .replace("event: e01-port-strike", f"event: {EVENT_IMG}")
            .replace("url: https://example.org", "url: javascript:alert(4)//")
            .replace("id: ledger-e01", "id: ../../../escape-id")
        )
        head = re.sub(r"\ntitle: (.*)", r'\ntitle: <a href="javascript:alert(5)">\1</a>', head)
        body = '<script>alert(6)</script> <img src=x onerror="alert(7)"> ' + body
        (folder / path.name).write_text(f"{head}\n---\n{body}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_report(hostile_corpus) -> Path:
    out = hostile_corpus.parent / "report"
    assert cli.main(["report", str(hostile_corpus), "--out", str(out), *FAST]) == 0
    return out


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.slow
def test_report_html_shows_hostile_data_as_text_and_loads_nothing(hostile_report):
    page = (hostile_report / "report.html").read_text(encoding="utf-8")
    assert report.offline_problems(page) == []
    parsed = _Elements()
    parsed.feed(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "iframe", "object", "embed", "form", "a", "base", "link"}, tags
    images = [attributes for tag, attributes in parsed.tags if tag == "img"]
    assert len(images) == 6  # the six figures, embedded
    assert all(str(a.get("src")).startswith("data:image/png;base64,") for a in images)
    for tag, attributes in parsed.tags:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        for name in ("src", "href", "action", "srcset", "poster"):
            value = attributes.get(name)
            assert value is None or value.startswith(("#", "data:image/png;base64,")), value
    text = "".join(parsed.text)
    assert OUTLET_SCRIPT in text and OUTLET_URL in text and OUTLET_PATH in text  # as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Courier" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)


@pytest.mark.slow
def test_report_figures_and_tables_keep_hostile_names_inert(hostile_report):
    for svg in sorted((hostile_report / "figures").glob("*.svg")):
        assert_inert_svg(svg.read_text(encoding="utf-8"))
    events = pd.read_csv(hostile_report / "tables" / "event_rates.csv")
    assert EVENT_IMG in set(events["event"])
    rates = pd.read_csv(hostile_report / "tables" / "loaded_rates.csv")
    assert {OUTLET_SCRIPT, OUTLET_URL, OUTLET_PATH} == set(rates["outlet"])
    tex = (hostile_report / "tables" / "loaded_rates.tex").read_text(encoding="utf-8")
    assert r"<script>alert(1)</script> Courier" in tex  # LaTeX has no markup to escape
    assert r"javascript:alert(2)" in tex


@pytest.mark.slow
def test_names_from_the_corpus_never_become_paths(hostile_report):
    root = hostile_report.parent
    assert sorted(p.name for p in root.iterdir()) == ["corpus", "report"]
    # Where "../../outside/Sentinel" or "../../../escape-id" would land if used as a path:
    around = [p.name for folder in (root.parent, root.parent.parent) for p in folder.iterdir()]
    assert not [name for name in around if name in ("outside", "escape-id")]
    written = {p.relative_to(hostile_report).parts[0] for p in hostile_report.rglob("*")}
    assert written == {
        "extraction",
        "figures",
        "tables",
        "methods.txt",
        "provenance.json",
        "report.html",
        "report.ipynb",
    }


def _without_times(record: object) -> object:
    if isinstance(record, dict):
        return {
            key: _without_times(value)
            for key, value in record.items()
            if key not in ("created", "created_at", "seconds", "seconds_until_html")
        }
    if isinstance(record, list):
        return [_without_times(item) for item in record]
    return record


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _failing_notebook(path: Path) -> Path:
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    after = next(i for i, c in enumerate(nb.cells) if c.source == "run.distinctive_terms()")
    nb.cells.insert(after + 1, nbformat.v4.new_code_cell('raise RuntimeError("injected failure")'))
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def recovery(hostile_report, hostile_corpus, tmp_path_factory) -> dict[str, object]:
    """Into a copy of the hostile report: a run whose cell fails half-way, a run killed
    half-way (SIGKILL, so nothing of it can clean up), then an ordinary run."""
    import contextlib
    import io
    import shutil
    import signal
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("recovery")
    out = root / "report"
    shutil.copytree(hostile_report, out)
    before = _snapshot(out)
    seen: dict[str, object] = {}
    args = ["report", str(hostile_corpus), "--out", str(out), *FAST]

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        seen["failed_code"] = cli.main(
            [*args, "--notebook", str(_failing_notebook(root / "f.ipynb"))]
        )
    seen["failed_err"] = err.getvalue()
    seen["after_failure_intact"] = _snapshot(out) == before
    seen["failed_dir"] = sorted(p.name for p in (root / "report.failed").rglob("*"))

    command = "import sys; from framing.cli import main; sys.exit(main(sys.argv[1:]))"
    child = subprocess.Popen(
        [sys.executable, "-c", command, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while not list(root.glob(".report.building-*/figures/loaded_rate.png")):
            assert child.poll() is None, "the run to be killed ended on its own"
            assert time.monotonic() < deadline, "the run to be killed never got half-way"
            time.sleep(0.05)
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the run and anything of its process group
        child.wait()
    seen["after_kill_intact"] = _snapshot(out) == before
    seen["after_kill_html"] = (out / "report.html").read_text(encoding="utf-8")
    seen["after_kill_left"] = sorted(p.name for p in root.iterdir())

    seen["final_code"] = cli.main(args)
    seen["final_left"] = sorted(p.name for p in root.iterdir())
    seen["final"] = out
    return seen


@pytest.mark.slow
def test_a_failing_cell_leaves_the_earlier_report_intact(recovery):
    assert recovery["failed_code"] == 2
    err = recovery["failed_err"]
    assert 'raise RuntimeError("injected failure")' in err and "cell In [" in err, err
    assert "left untouched" in err and "Traceback" not in err
    assert recovery["after_failure_intact"]
    # The failed build is kept for inspection, with what it wrote before the failure.
    assert {"report.ipynb", "loaded_rate.png", "distinctive_terms.png"} <= set(
        recovery["failed_dir"]
    )
    assert "matched_events.png" not in recovery["failed_dir"]


@pytest.mark.slow
def test_a_killed_run_leaves_the_earlier_report_intact_and_readable(recovery):
    assert recovery["after_kill_intact"]
    page = recovery["after_kill_html"]
    assert report.offline_problems(page) == [] and "Loaded terms in the outlet" in page
    assert [n for n in recovery["after_kill_left"] if n.startswith(".report.building-")]


@pytest.mark.slow
def test_a_new_run_after_failures_succeeds_and_tidies_up(recovery):
    assert recovery["final_code"] == 0
    # The failed build, the killed run's folder and the moved-aside old report are all gone.
    assert recovery["final_left"] == ["f.ipynb", "report"]


@pytest.mark.slow
def test_same_corpus_and_parameters_give_identical_outputs(hostile_report, recovery):
    first, second = _snapshot(hostile_report), _snapshot(recovery["final"])
    assert first.keys() == second.keys()
    different = sorted(name for name in first if first[name] != second[name])
    # Only the JSON records (which hold creation times and run times) and the executed
    # notebook (papermill's timings) may differ.
    assert [n for n in different if not n.endswith((".json", ".ipynb"))] == []
    for name in different:
        if name.endswith(".json"):
            a, b = json.loads(first[name]), json.loads(second[name])
            assert _without_times(a) == _without_times(b), name
    assert "report.html" not in different


@pytest.mark.slow
def test_row_order_and_n_jobs_change_no_table_or_figure(
    hostile_report, hostile_corpus, tmp_path, monkeypatch
):
    import functools

    corpus = framing.load_corpus(hostile_corpus)
    shuffled = corpus.sample(frac=1, random_state=7).reset_index(drop=True)
    assert shuffled["id"].tolist() != corpus["id"].tolist()
    monkeypatch.setattr(report, "extract", functools.partial(report.extract, n_jobs=2))
    report.build(shuffled, output_dir=tmp_path / "out", n_boot=200, min_articles=2)
    reference, rebuilt = _snapshot(hostile_report), _snapshot(tmp_path / "out")
    compared = [n for n in rebuilt if n.startswith(("tables/", "figures/"))]
    compared = [n for n in compared if not n.endswith(".json")]
    assert len(compared) == 6 * 3 + 8 * 2  # every figure (pdf/svg/png), every table (csv/tex)
    assert [n for n in compared if rebuilt[n] != reference[n]] == []


@pytest.mark.slow
def test_every_output_names_exactly_what_produced_it(hostile_report, hostile_corpus):
    fingerprint = framing.corpus_fingerprint(framing.load_corpus(hostile_corpus))
    extraction = json.loads((hostile_report / "extraction" / "provenance.json").read_text("utf-8"))
    lexicons = {(x["name"], x["version"], x["sha256"]) for x in extraction["lexicons"]}
    detectors = sorted(extraction["detectors"].values())
    sidecars = sorted((hostile_report / "figures").glob("*.json"))
    sidecars += sorted((hostile_report / "tables").glob("*.json"))
    assert len(sidecars) == 6 + 8
    for path in sidecars:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["output"] == path.stem and record["kind"] in ("figure", "table")
        assert record["framing_version"] == framing.__version__
        assert record["detectors"] == detectors
        assert {(x["name"], x["version"], x["sha256"]) for x in record["lexicons"]} == lexicons
        assert record["corpus_fingerprint"] == fingerprint
        assert set(report.DEFAULTS) <= set(record["parameters"])
        assert record["parameters"]["seed"] == 0 and record["parameters"]["n_boot"] == 200
        for described in record["files"].values():
            data = (path.parent / described["path"]).read_bytes()
            assert described["sha256"] == "sha256:" + hashlib.sha256(data).hexdigest()
        if record["kind"] == "table":
            tex = (path.parent / f"{path.stem}.tex").read_text(encoding="utf-8")
            assert fingerprint in tex and "created" not in tex
    methods = (hostile_report / "methods.txt").read_text(encoding="utf-8")
    assert fingerprint in methods and "seed 0" in methods


@pytest.mark.slow
def test_the_recorded_seed_reproduces_the_intervals(hostile_report):
    from framing import compare

    articles = pd.read_parquet(hostile_report / "extraction" / "articles.parquet")
    table = pd.read_csv(hostile_report / "tables" / "loaded_rates.csv")
    record = json.loads((hostile_report / "tables" / "loaded_rates.json").read_text("utf-8"))
    settings_ = record["parameters"]
    again = compare.outlet_rates(
        articles,
        "rate_loaded_outlet",
        n_boot=settings_["n_boot"],
        seed=settings_["seed"],
        min_articles=settings_["min_articles"],
    )
    pd.testing.assert_frame_equal(again.reset_index(drop=True), table, check_dtype=False)
    assert again.attrs["seed"] == 0 and again.attrs["n_boot"] == 200
    # On more articles than the tiny corpus has, another seed moves the interval, not the rate.
    rng = random.Random(5)
    many = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(80)],
            "outlet": ["A", "B"] * 40,
            "words": [rng.randint(200, 900) for _ in range(80)],
            "loaded_outlet": [rng.randint(0, 12) for _ in range(80)],
        }
    )
    zero, one = (compare.outlet_rates(many, "loaded_outlet", n_boot=200, seed=s) for s in (0, 1))
    assert zero["rate"].tolist() == one["rate"].tolist()
    assert zero[["ci_low", "ci_high"]].values.tolist() != one[["ci_low", "ci_high"]].values.tolist()
    assert (zero.attrs["seed"], one.attrs["seed"]) == (0, 1)


def test_changing_one_article_changes_the_fingerprint():
    corpus = framing.load_corpus(TINY)
    base = framing.corpus_fingerprint(corpus)
    changed = corpus.copy()
    changed.loc[4, "text"] = changed.loc[4, "text"].replace("the", "teh", 1)
    renamed = corpus.copy()
    renamed.loc[4, "id"] = "another-id"
    dropped = corpus.drop(index=4)
    assert len({base, *map(framing.corpus_fingerprint, (changed, renamed, dropped))}) == 4
    # What the definition leaves out on purpose: row order, line endings, outer whitespace,
    # Unicode composition, metadata.
    same = corpus.iloc[::-1].copy()
    same["text"] = "  " + same["text"].str.replace("\n", "\r\n") + "\n"
    same["outlet"] = "Other"
    assert framing.corpus_fingerprint(same) == base
