"""framing.report.sources: the evidence of voice by gender, drawn from compact hits."""

from __future__ import annotations

import pandas as pd

from framing.report.evidence import ArticleTexts, draw_evidence
from framing.report.sources import _known_or_unknown


def test_unknown_gender_is_a_category_drawn_as_the_string_was():
    hits = pd.DataFrame(
        {
            "id": ["a", "a", "b", "c", "c", "d"],
            "outlet": ["X", "X", "Y", "X", "Y", "Y"],
            "start": [5, 1, 9, 3, 3, 0],
            "end": [8, 4, 12, 6, 6, 2],
            "text": ["said"] * 6,
            "speaker_gender": ["male", None, "female", None, "male", None],
        }
    )
    plain = hits.assign(speaker_gender=_known_or_unknown(hits["speaker_gender"]))
    compact = hits.assign(
        speaker_gender=_known_or_unknown(hits["speaker_gender"].astype("category"))
    )
    assert isinstance(compact["speaker_gender"].dtype, pd.CategoricalDtype)
    assert list(compact["speaker_gender"].cat.categories) == ["female", "male", "unknown"]
    assert compact["speaker_gender"].astype(str).tolist() == plain["speaker_gender"].tolist()
    texts = ArticleTexts(["a", "b", "c", "d"], [None] * 4)
    drawn = [
        draw_evidence(h, texts, figure="voice_by_gender", key="speaker_gender", per_group=2)
        for h in (plain, compact)
    ]
    pd.testing.assert_frame_equal(drawn[0], drawn[1])
    assert set(drawn[0]["key"]) == {"female", "male", "unknown"}
