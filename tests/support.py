"""Helpers shared by tests of several layers (on ``sys.path`` through pytest's ``pythonpath``).

Paths of the test data, hypothesis strategies for hostile text, and the checks more than one
test module makes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

import framing
from framing import cli
from framing.corpus import ValidationReport

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "corpus"
TINY = DATA / "tiny"
BAD = DATA / "bad"
SAMPLE = ROOT / "corpora" / "sample"
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
#: Any text, or text assembled from :data:`PIECES`.
HOSTILE_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.lists(st.one_of(PIECES, st.text(ANY_CHAR, max_size=4)), max_size=80).map("".join),
)


def validate_cli(*argv: str) -> int:
    """``framing validate ARGV...``: its exit code."""
    return cli.main(["validate", *argv])


def codes(report: ValidationReport, severity: str | None = None) -> set[str]:
    """The problem codes of a validation report (of one severity, if given)."""
    problems = report.problems
    if severity is not None:
        problems = problems[problems["severity"] == severity]
    return set(problems["code"])


def assert_inert_svg(content: str) -> None:
    """No element or attribute an SVG viewer would run or follow; labels only in comments and
    glyph paths (``svg.fonttype = "path"``)."""
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


def renamed_export(folder: Path) -> Path:
    """The tiny corpus as one CSV file whose text and outlet columns have other names (``body``,
    ``source``), like an export from a news database; its path."""
    import framing

    tiny = framing.load_corpus(TINY)
    path = folder / "export.csv"
    tiny.rename(columns={"text": "body", "outlet": "source"}).to_csv(path, index=False)
    return path


def rows_of(text: str, verb: str) -> pd.DataFrame:
    """The attribution rows of ``text`` whose cue is ``verb`` as written."""
    df = framing.attributions(text)
    return df[df["verb"] == verb]


def row_of(text: str, verb: str) -> pd.Series:
    """The first attribution row whose cue is ``verb``; fails naming the rows found."""
    df = framing.attributions(text)
    hits = df[df["verb"] == verb]
    assert not hits.empty, f"no attribution with cue {verb!r} in {df[['verb', 'speaker']]}"
    return hits.iloc[0]


def checked_rows(text: str) -> list[list[object]]:
    """``speaker, verb, kind, source_type, quote`` of every attribution of ``text``, each
    content checked to slice back from its offsets."""
    frame = framing.attributions(text)
    for row in frame.itertuples():
        if not pd.isna(row.quote_start):
            assert text[int(row.quote_start) : int(row.quote_end)] == row.quote
    return frame[["speaker", "verb", "kind", "source_type", "quote"]].values.tolist()


def written(folder: Path) -> dict[str, bytes]:
    """The files of a report folder that must not differ between two runs on the same input
    (its JSON records carry times)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".csv", ".tex", ".png", ".svg", ".pdf", ".txt", ".html")
    }


@contextmanager
def local_dask_client(*, workers: int, threads: int, processes: bool) -> Iterator[object]:
    """A ``distributed.Client`` of a LocalCluster made for a test (a free dashboard port, so
    that two clusters can run at once); the caller has checked that distributed is
    installed."""
    import distributed

    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=threads,
            processes=processes,
            dashboard_address=":0",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client
