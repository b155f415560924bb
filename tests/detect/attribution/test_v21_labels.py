"""Attribution v21: speaker labels. Transcripts, live blogs and round-ups introduce a quotation
with its speaker's name and a colon, and no reporting verb ("Rep. Ada Voss (D-Ore.): “...”");
v20 gave such quotations no row. The label must be a noun phrase written in capitals that
opens a line, a sentence or the words after a spaced dash; the colon is the cue, neutral.
Read on PolNeAR's missed direct quotations. Sentences written for the project.
"""

from __future__ import annotations

import pytest

import framing

CASES = [
    (
        "Rep. Ada Voss (D-Ore.): “I have not seen that figure before.”",
        [("Ada Voss", ":", "direct", "named", "I have not seen that figure before.")],
    ),
    (
        "Voss: “We will not move.” Ruiz: “Then we wait.”",
        [
            ("Voss", ":", "direct", "organization", "We will not move."),
            ("Ruiz", ":", "direct", "organization", "Then we wait."),
        ],
    ),
    (
        "PORT TALKS STALL - Ana Ruiz: “The offer is not enough.”",
        [("Ana Ruiz", ":", "direct", "named", "The offer is not enough.")],
    ),
    (
        "The Harbour Trust: “We object to the plan.”",
        [("Harbour Trust", ":", "direct", "organization", "We object to the plan.")],
    ),
    # left alone: no noun phrase in capitals, a title, a cue of its own
    ("Wait, it gets worse: “The fund was never audited.”", []),
    ("More from Voss: “We will not move.”", []),
    ("Ruiz added about Voss: “She will stay.”", []),
    ("Update: “Figures are provisional.”", []),
    ("The Film: “Red Harbour”", []),
    (
        "Holm said in a statement: “We grieve.”",
        [("Holm", "said", "direct", "organization", "We grieve.")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speaker_labels(text: str, expected: list) -> None:
    rows = [
        (r.speaker, r.verb, r.kind, r.source_type, r.quote)
        for r in framing.attributions(text).itertuples()
    ]
    assert rows == expected


def test_a_label_is_a_neutral_cue_with_offsets_of_its_colon() -> None:
    text = "Ana Ruiz: “The offer is not enough.”"
    row = framing.attributions(text).iloc[0]
    assert (row["verb_class"], row["verb_lemma"]) == ("neutral", ":")
    assert text[row["verb_start"] : row["verb_end"]] == ":"
    assert text[row["speaker_start"] : row["speaker_end"]] == "Ana Ruiz"


ISSUED = [
    (
        "The mayor issued the following statement: “We grieve with the families.”",
        [("The mayor", "issued the following statement", "We grieve with the families.")],
    ),
    (
        "In response, the Harbour Trust released a statement:\n\n“The pier stays shut.”",
        [("Harbour Trust", "released a statement", "The pier stays shut.")],
    ),
    (
        # (the verb's own subject, not the first capitalised word after the opening phrase)
        "In response to the flood, Harbour Party nominee Ana Ruiz issued the following "
        "statement:\n\n“Our thoughts are with the families.”",
        [("Ana Ruiz", "issued the following statement", "Our thoughts are with the families.")],
    ),
    # left alone: a reporting verb of its own, a document cited rather than issued
    (
        "The mayor said in a statement: “We grieve.”",
        [("The mayor", "said", "We grieve.")],
    ),
    ("Critics quoted the report: “Costs rose sharply.”", []),
]


@pytest.mark.parametrize(("text", "expected"), ISSUED)
def test_a_document_its_subject_issues_before_a_colon(text: str, expected: list) -> None:
    # "X issued the following statement: “...”": no reporting verb, the document's author
    # speaks; the cue is the verb and its document.
    rows = [(r.speaker, r.verb, r.quote) for r in framing.attributions(text).itertuples()]
    assert rows == expected
    for row in framing.attributions(text).itertuples():
        if row.verb != "said":
            assert (row.kind, row.verb_class, row.verb_lemma) == (
                "direct",
                "neutral",
                "issue a document",
            )
