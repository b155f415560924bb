"""The entity scan's look-behinds against their plain definitions.

:class:`Entities` checks, before each run of capitalised words, for an organisation noun
("charity Safe Bet") and an abbreviated title ("Dr. Ibe") by reading the text backwards; these
tests hold those readings to the regular expressions that define them, on generated text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.detect.attribution.entities import Entities
from framing.detect.attribution.resources import resources

# The definitions: a lower-case word, then spaces or tabs, just before the run (within 24
# characters); an abbreviation and its full stop, then spaces or tabs (within 12).
NOUN_BEFORE = re.compile(r"([a-z][a-z-]*)[ \t]+\Z")
ABBREVIATION_BEFORE = re.compile(r"([A-Za-z]+)\.[ \t]+\Z")


def _noun_before(text: str, start: int) -> bool:
    res = resources()
    if start < 2 or text[start - 1] not in " \t" or not text[start - 2].islower():
        return False
    m = NOUN_BEFORE.search(text, max(0, start - 24), start)
    if m is None:
        return False
    word = m.group(1)
    return res.speaker_kind.get(word) == "organization" and word not in res.name_parts


def _title_before(text: str, start: int) -> str | None:
    if start < 3 or text[start - 1] not in " \t":
        return None
    m = ABBREVIATION_BEFORE.search(text, max(0, start - 12), start)
    if m is None:
        return None
    word = m.group(1).lower()
    return word if word in resources().title_abbreviations else None


_PIECES = st.sampled_from(
    [
        "charity",
        "operator",
        "agency",
        "group",
        "-",
        "--",
        "x",
        "é",
        ".",
        "Dr",
        "Sen",
        "Lt. Col",
        "mr",
        " ",
        "  ",
        "\t",
        "of",
        "pro-",
        "-charity",
        "Gov",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12), st.sampled_from(["Vale", "Safe Bet", "Ana"]))
def test_look_behinds_match_their_definitions(pieces: list[str], name: str) -> None:
    before = "".join(pieces)
    text = before + name
    start = len(before)
    entities = Entities("", resources())
    assert entities._org_noun_before(text, start) == _noun_before(text, start)
    assert entities._title_before(text, start) == _title_before(text, start)


def test_look_behinds_on_written_cases() -> None:
    entities = Entities("", resources())
    assert entities._org_noun_before("the charity Safe Bet", len("the charity "))
    assert entities._org_noun_before("a pro-charity  Safe Bet", len("a pro-charity  ")) is False
    assert not entities._org_noun_before("spoke to Ana", len("spoke to "))
    assert entities._title_before("said Dr. Ibe", len("said Dr. ")) == "dr"
    assert entities._title_before("said Dr.Ibe", len("said Dr.")) is None
