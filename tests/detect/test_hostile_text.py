"""Hardening of the detectors and analyze(): no input makes them raise or emit markup."""

from __future__ import annotations

import sys
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from support import HOSTILE_TEXT

import framing
from framing.build import build_kind


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
def test_huge_inputs_give_valid_offsets(make):
    # Their speed is measured in benchmarks/bench_pathological.py, never here: a test that
    # reads a clock fails on a busy machine. Linear growth is checked below by counting calls.
    text = make()
    assert_offsets_valid(text, framing.analyze(text))


GROWTH_SHAPES = {
    "opening quotes": lambda n: "“" * n,
    "straight quotes": lambda n: '"' * n,
    "apostrophes": lambda n: ("don't 'x' ’y‘ " * (n // 14 + 1))[:n],
    "names": lambda n: ("Ana Bel Cor Dov said Eli. " * (n // 26 + 1))[:n],
    "quote + said": lambda n: ('"Yes," he said. ' * (n // 16 + 1))[:n],
    "cue soup": lambda n: ("said claimed according to, who said " * (n // 36 + 1))[:n],
    "newlines": lambda n: "\n" * n,
    "news": lambda n: (NEWS * (n // len(NEWS) + 1))[:n],
    # colons before quotations in a text without sentence ends: speaker labels and issued
    # documents are read back from each colon, within a bounded stretch of the text
    "speaker labels": lambda n: ("ANA RUIZ: “" * (n // 11 + 1))[:n],
    "issued documents": lambda n: ("the mayor issued a statement: “we grieve” " * (n // 42 + 1))[
        :n
    ],
    # a transcript of many labelled lines: each line's words are its speaker's, and the voice
    # of a loaded term in them is looked up by bisection, not against every line
    "transcript lines": lambda n: (
        "RUIZ: We will not move, frankly.\n\nOKAFOR: Nor will we.\n\n" * (n // 54 + 1)
    )[:n],
    # cues ending their lines with a colon and no blank line anywhere: the paragraph each one
    # reports is read a bounded length on (it had been read to the text's end: 4x the text
    # took 14x the time; benchmarks/bench_pathological.py), and a quotation of paragraphs
    "colon lines": lambda n: ("Ruiz said:\nThe levy will fail, she warned.\n" * (n // 44 + 1))[:n],
    "quoted paragraphs": lambda n: ('Ruiz stated:\n\n"The levy will fail.\n\n' * (n // 36 + 1))[:n],
    # passives set off by participles' phrases in a text without sentence ends: a passive's
    # subject is read back past every such phrase, within the cue's bounded window
    "set-off passives": lambda n: ("speaking, reported by the Times, " * (n // 33 + 1))[:n],
}


def _calls(text: str) -> int:
    """Function calls (Python and built-in) made by ``framing.analyze(text)``: a measure of work
    that, unlike a clock, machine load cannot change."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        framing.analyze(text)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("shape", list(GROWTH_SHAPES))
def test_work_grows_linearly_on_pathological_shapes(shape):
    """Quadruple the input: linear code makes ~4x the calls, quadratic code ~16x (time on the
    same shapes: benchmarks/bench_pathological.py)."""
    if build_kind() != "pure Python":
        # tests/test_build.py runs this file against a compiled build, whose compiled
        # functions call each other without the profiler seeing it: nothing to count there.
        pytest.skip("counts the calls of Python functions; this build compiles them")
    make = GROWTH_SHAPES[shape]
    small = 5_000 if shape == "cue soup" else 20_000
    framing.analyze(make(small))  # warm the lexicons and caches
    ratio = _calls(make(4 * small)) / _calls(make(small))
    assert 3 < ratio < 6, f"{shape}: 4x the input made {ratio:.1f}x the calls"


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
