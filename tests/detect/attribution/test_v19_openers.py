"""Attribution v19: sentence adverbs are no speakers; a document's author by any form of the verb.

"Indeed, X chose to send out a memo urging ...", "Essentially, the council's lawyers
went through the files, saying ...": a capitalised sentence adverb before the first comma was
read as a name and its appositive ("Brandt, the harbour master, repeated ..."), and became the
speaker; grammar 1.14.0 adds such adverbs to `opening_adverbs`. A document's author (v18) is
now read after any form of a verb of issuing but "-ing" ("has written a letter warning ..."),
not only after its past tense. Read on PolNeAR's rows. Sentences written for the project.
"""

from __future__ import annotations

import pytest

import framing

CASES = [
    (
        "Indeed, union boss Ana Ruiz chose in the spring to send out a memo urging members to "
        "stay home.",
        [("Ana Ruiz", "urging")],
    ),
    (
        "Essentially, the council's lawyers went through the files, saying nothing was missing.",
        [("the council's lawyers", "saying")],
    ),
    (
        "Ana Ruiz has written a letter warning that the dock was unsafe.",
        [("Ana Ruiz", "warning")],
    ),
    # a name before the first comma is still the subject
    (
        "Kelly, the mayor, hit back, saying the claims were false.",
        [("Kelly", "hit back"), ("Kelly", "saying")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_openers_and_document_authors(text: str, expected: list) -> None:
    rows = [(r.speaker, r.verb) for r in framing.attributions(text).itertuples()]
    assert rows == expected
