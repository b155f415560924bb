"""The shipped development set is well formed: every gold span resolves where its occurrence
says, labels come from the allowed sets, and the files follow docs/FORMATS.md and the checks
listed in docs/devset.md ("How the set was checked")."""

from __future__ import annotations

import re

import pytest

from framing import evaluate
from framing.evaluate.scores import nth
from framing.types import ATTRIBUTION_KINDS, LOADED_CATEGORIES, MARKER_TYPES, VERB_CLASSES

PASSAGES = evaluate.load_devset()
KEYS = ["id", "style", "fictional", "text", "loaded_terms", "literal_traps", "attributions",
        "markers"]  # fmt: skip
LOADED_KEYS = ["text", "occurrence", "category", "in_quote"]
TRAP_KEYS = ["text", "occurrence"]
ATTRIBUTION_KEYS = ["speaker", "mention", "mention_occurrence", "cue", "cue_occurrence",
                    "verb_class", "kind", "source_type"]  # fmt: skip
MARKER_KEYS = ["text", "occurrence", "type"]
STYLES = {"wire", "broadsheet", "tabloid", "trade", "analysis", "opinion", "partisan-left",
          "partisan-right"}  # fmt: skip
# Gold source types (docs/devset.md); "unresolved" is a detector output, never gold.
GOLD_SOURCE_TYPES = {"named", "organization", "anonymous", "document"}


def occurrence_span(text: str, needle: str, occurrence: int) -> tuple[int, int] | None:
    """The n-th case-sensitive substring match, counted left to right without overlaps
    (repeated ``str.find(needle, previous_end)``), as docs/devset.md defines it."""
    start, end = -1, 0
    for _ in range(occurrence):
        start = text.find(needle, end)
        if start < 0:
            return None
        end = start + len(needle)
    return start, end


def on_word_boundaries(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    before_ok = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    after_ok = end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return before_ok and after_ok


def spans(passage: dict) -> dict[str, list[tuple[tuple[int, int] | None, str]]]:
    """Every gold span of a passage, by the list it comes from, with a label for messages."""
    text = passage["text"]
    out: dict[str, list[tuple[tuple[int, int] | None, str]]] = {}
    for key in ("loaded_terms", "literal_traps", "markers"):
        out[key] = [
            (occurrence_span(text, item["text"], item["occurrence"]), repr(item["text"]))
            for item in passage[key]
        ]
    out["cues"] = [
        (occurrence_span(text, a["cue"], a["cue_occurrence"]), repr(a["cue"]))
        for a in passage["attributions"]
    ]
    out["mentions"] = [
        (occurrence_span(text, a["mention"], a["mention_occurrence"]), repr(a["mention"]))
        for a in passage["attributions"]
        if a["mention"] is not None
    ]
    return out


@pytest.fixture(params=PASSAGES, ids=[p["_file"] for p in PASSAGES])
def passage(request) -> dict:
    return request.param


def test_the_set_has_the_documented_size():
    # docs/devset.md: 72 passages, p001 ... p072, numbered without gaps
    assert [p["id"] for p in PASSAGES] == [f"p{i:03d}" for i in range(1, 73)]


def test_format_follows_docs_formats(passage):
    assert [k for k in passage if k != "_file"] == KEYS
    assert passage["fictional"] is True
    assert passage["style"] in STYLES
    assert passage["_file"].startswith(f"{passage['id']}_{passage['style']}_")
    assert all(list(x) == LOADED_KEYS for x in passage["loaded_terms"])
    assert all(list(x) == TRAP_KEYS for x in passage["literal_traps"])
    assert all(list(x) == ATTRIBUTION_KEYS for x in passage["attributions"])
    assert all(list(x) == MARKER_KEYS for x in passage["markers"])


def test_labels_come_from_the_allowed_sets(passage):
    assert {x["category"] for x in passage["loaded_terms"]} <= set(LOADED_CATEGORIES)
    assert all(isinstance(x["in_quote"], bool) for x in passage["loaded_terms"])
    attributions = passage["attributions"]
    assert {a["verb_class"] for a in attributions} <= set(VERB_CLASSES)
    assert {a["kind"] for a in attributions} <= set(ATTRIBUTION_KINDS)
    assert {a["source_type"] for a in attributions} <= GOLD_SOURCE_TYPES
    assert {m["type"] for m in passage["markers"]} <= set(MARKER_TYPES)


def test_every_span_resolves_at_its_occurrence_on_word_boundaries(passage):
    text = passage["text"]
    for kind, items in spans(passage).items():
        for span, label in items:
            assert span is not None, f"{kind} {label}: occurrence not in the text"
            assert on_word_boundaries(text, span), f"{kind} {label}: cuts a word at {span}"


def test_the_scorer_resolves_spans_as_the_guidelines_do(passage):
    # nth() (framing.evaluate.scores) must pin every gold span to the same characters
    text = passage["text"]
    for item in passage["loaded_terms"] + passage["literal_traps"] + passage["markers"]:
        assert nth(text, item["text"], item["occurrence"], "") == occurrence_span(
            text, item["text"], item["occurrence"]
        )
    for a in passage["attributions"]:
        assert nth(text, a["cue"], a["cue_occurrence"], "") == occurrence_span(
            text, a["cue"], a["cue_occurrence"]
        )


def test_items_are_in_text_order(passage):
    found = spans(passage)
    for kind in ("loaded_terms", "literal_traps", "markers", "cues"):
        starts = [span[0] for span, _ in found[kind]]
        assert starts == sorted(starts), f"{kind} not in text order"


def test_no_literal_trap_overlaps_a_gold_loaded_term(passage):
    found = spans(passage)
    for trap, label in found["literal_traps"]:
        for term, term_label in found["loaded_terms"]:
            assert trap[1] <= term[0] or term[1] <= trap[0], f"trap {label} overlaps {term_label}"


def test_length_and_speakers(passage):
    text = passage["text"]
    assert 80 <= len(text.split()) <= 250
    for a in passage["attributions"]:
        assert a["speaker"].lower() in text.lower(), f"speaker {a['speaker']!r} not in the text"


def test_markers_and_scare_quotes_have_the_documented_shape(passage):
    for m in passage["markers"]:
        if m["type"] == "scare_quote":
            # the span includes its quotation marks (docs/devset.md, Markers)
            assert re.match(r"^[“\"‘'].*[”\"’']$", m["text"], re.S), m["text"]


def test_a_misplaced_occurrence_is_caught():
    # the checks above can fail: an occurrence past the last match, or a span inside a word
    assert occurrence_span("he said the thing", "he", 3) is None
    assert not on_word_boundaries("he said the thing", occurrence_span("he said the", "he", 2))
