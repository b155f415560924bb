"""The per-article checks find what their patterns find: the quick scans that skip clean texts
(no "<", "-->" or "&" for markup; no lead character for mojibake) skip nothing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus.article_checks import (
    _HTML5_ENTITIES,
    _HTML_ENTITY,
    _HTML_TAG,
    _MOJIBAKE,
    _check_value,
    _html_remnants,
)
from framing.corpus.problems import ProblemLog

# Characters the patterns turn on, among ordinary ones.
_ALPHABET = st.sampled_from(
    [*"ab p/<>-!&#;x1 [CDATA", "amp", "div", "\u00c3", "\u00a9", "\u00e2", "\u20ac", "\u2122",
     "\u0085", "\u00ef\u00bb\u00bf", "\u00e9", "\u201c"]
)  # fmt: skip
_TEXTS = st.lists(_ALPHABET, max_size=40).map("".join)


def _remnants_by_the_patterns_alone(text: str) -> list[str]:
    found = [m.group(0) for m in _HTML_TAG.finditer(text)]
    found += [
        m.group(0)
        for m in _HTML_ENTITY.finditer(text)
        if m.group(0)[1] == "#" or m.group(0)[1:] in _HTML5_ENTITIES
    ]
    return found


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_markup_found_as_by_the_patterns_alone(text: str) -> None:
    assert _html_remnants(text) == _remnants_by_the_patterns_alone(text)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_mojibake_found_as_by_the_pattern_alone(text: str) -> None:
    log = ProblemLog()
    _check_value(text, "text", {"file": None, "row": 0, "id": "a"}, log)
    garbled = [p for p in log.problems if p["code"] == "mojibake"]
    expected = _MOJIBAKE.findall(text)
    assert len(garbled) == (1 if expected else 0)
    if expected:
        assert f"({len(expected)} in all)" in garbled[0]["message"]


def test_each_kind_of_remnant_is_still_found() -> None:
    text = "closing a comment --> then &amp; and &#38; and <br/> and \u00c3\u00a9"
    assert _html_remnants(text) == ["-->", "<br/>", "&amp;", "&#38;"]
    assert _html_remnants("no markup; a - b > c & d") == []
    log = ProblemLog()
    _check_value(text, "text", {"file": None, "row": 0, "id": "a"}, log)
    assert [p["code"] for p in log.problems] == ["html_remnant", "mojibake"]
    assert re.search(r"'Ã©'", log.problems[1]["message"])
