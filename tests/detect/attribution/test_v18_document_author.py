"""Attribution v18: a document issued by someone speaks with its author's voice.

"The council issued a statement saying the pool would close": v17 reported nothing (a
participle right after a noun read as a complement, "spent two years insisting"), or, with a
time between ("released a statement on Monday saying"), credited "statement" as a document.
The statement is the council's: a participle after an indefinite document noun that is the
object of a verb of issuing (grammar 1.13.0, ``issuing_verbs``: "issued", "released", "sent
out", "put out", "wrote", "signed" ...) reports its author, the subject of that verb. A verb of
reference ("cited polling data showing ...", "called a report ...") names no author. Read on
PolNeAR's missed speech cues and speaker mismatches. Sentences written for the project.
"""

from __future__ import annotations

import pytest

import framing


def _rows(text: str) -> list[tuple[str | None, str, str]]:
    return [(r.speaker, r.verb, r.source_type) for r in framing.attributions(text).itertuples()]


FIXED = [
    (
        "The mayor issued a statement saying the pool would close.",
        [("The mayor", "saying", "anonymous")],
    ),
    (
        "The council released a statement on Monday saying the pool would close.",
        [("council", "saying", "organization")],
    ),
    (
        "The Okafor campaign sent out a fundraising email urging donors to give before Friday.",
        [("Okafor campaign", "urging", "organization")],
    ),
    (
        "Ana Ruiz, the harbour master, wrote a letter warning that the dock was unsafe.",
        [("Ana Ruiz", "warning", "named")],
    ),
]

LEFT_ALONE = [
    # a verb of reference: the document is not the subject's
    (
        "Ana Ruiz cited a report showing that rents had doubled.",
        [("Ana Ruiz", "cited", "named")],
    ),
    (
        "A spokesman for the council called a report suggesting a cover-up false.",
        [("spokesman for the council", "called", "organization")],
    ),
    # a document without an author in the sentence speaks for itself
    (
        "A report by the auditor, saying the books were cooked, was released on Monday.",
        [("report", "saying", "document")],
    ),
    (
        "A statement released on Monday said the pool would close.",
        [("statement", "said", "document")],
    ),
    # a complement, not a report
    ("Okafor spent two years insisting that the dock was safe.", []),
]


@pytest.mark.parametrize(("text", "expected"), FIXED + LEFT_ALONE)
def test_document_author(text: str, expected: list) -> None:
    assert _rows(text) == expected
