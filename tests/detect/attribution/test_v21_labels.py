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
