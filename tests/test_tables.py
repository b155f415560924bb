"""framing.tables: detector tables built column by column equal what pandas builds itself."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import framing
from framing import tables
from framing.types import STRING_DTYPE

TEXT = (
    "“We will not sell,” Ms. Arno said, lashing out at the so-called reform. "
    "Critics reportedly claimed the plan was a sham, according to a union source."
)


@pytest.mark.parametrize("detector", ["loaded_terms", "attributions", "markers"])
@pytest.mark.parametrize("text", [TEXT, ""])
def test_fast_construction_equals_the_public_constructor(detector, text, monkeypatch):
    fast = getattr(framing, detector)(text)

    def public(arrays, names, n):
        return pd.DataFrame(dict(zip(names, arrays, strict=True)), copy=False)

    monkeypatch.setattr(tables, "_frame", public)
    slow = getattr(framing, detector)(text)
    assert_frame_equal(fast, slow)
    assert isinstance(fast.index, pd.RangeIndex)


def test_columns_have_their_final_dtypes():
    df = framing.attributions(TEXT)
    assert df["speaker"].dtype == STRING_DTYPE
    assert df["quote_start"].dtype == "Int64"
    assert df["verb_start"].dtype == "Int64"
    assert framing.loaded_terms(TEXT)["in_quote"].dtype == bool
    assert framing.markers(TEXT)["start"].dtype == "int64"
