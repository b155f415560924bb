"""framing.report.sources: the evidence of voice by gender and of the most quoted speakers,
drawn from compact hits."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.report.evidence import ArticleTexts, draw_evidence
from framing.report.gathered import arrow_categorical
from framing.report.hit_tables import one_name_per_speaker
from framing.report.sources import _known_or_unknown, _pairs_in


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


_names = st.sampled_from(["Ana Ruiz", "ana ruiz", "Bo", "Zed", None])


@settings(max_examples=100, deadline=None)
@given(
    outlets=st.lists(st.sampled_from(["X", "Y", None]), min_size=0, max_size=30),
    data=st.data(),
    categorical=st.sampled_from(["no", "python", "arrow"]),
)
def test_pairs_in_finds_the_rows_of_the_pairs_every_row_compared_finds(outlets, data, categorical):
    speakers = data.draw(st.lists(_names, min_size=len(outlets), max_size=len(outlets)))
    pairs = data.draw(
        st.sets(st.tuples(st.sampled_from(["X", "Y", "Z"]), _names.filter(bool)), max_size=4)
    )
    frame = pd.DataFrame({"outlet": outlets, "speaker": speakers}, dtype=object)
    if categorical != "no":
        frame = frame.astype("category")
    if categorical == "arrow":  # the speakers' categories as the report holds them
        frame["speaker"] = one_name_per_speaker(frame["speaker"])
        frame["outlet"] = _arrow(frame["outlet"])
    every_row = [(o, s) in pairs for o, s in zip(frame["outlet"], frame["speaker"], strict=True)]
    assert _pairs_in(frame, "outlet", "speaker", pairs).tolist() == every_row


def _arrow(values: pd.Series) -> pd.Series:
    """A categorical with sorted categories held as Arrow strings."""
    import pyarrow as pa

    names = pa.array(list(values.cat.categories), type=pa.string())
    return arrow_categorical(names, values.array.codes, values.name)
