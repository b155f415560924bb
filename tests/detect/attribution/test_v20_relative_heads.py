"""Attribution v20: the head of a relative clause that ends in an object pronoun, and "those".

"Groups that have endorsed him say ...": the relative clause between the subject and the cue
ends in "him", which names no speaker, so v19 gave no row; "Those who have fought the plan
say ...": the head "Those" is no noun phrase the rules read, so v19 credited "the plan". Read on
PolNeAR's missed speech cues. Sentences written for the project.
"""

from __future__ import annotations

import pytest

import framing

CASES = [
    (
        "Groups that have endorsed him say they want a fair count.",
        [("Groups", "say", "organization")],
    ),
    ("Those who have fought the plan say it will fail.", [("Those", "say", "anonymous")]),
    # left alone
    ("People who have fought the plan say it will fail.", [("People", "say", "anonymous")]),
    ("He told her that the plan would fail.", [("he", "told", "unresolved")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_relative_clause_heads(text: str, expected: list) -> None:
    rows = [(r.speaker, r.verb, r.source_type) for r in framing.attributions(text).itertuples()]
    assert rows == expected
