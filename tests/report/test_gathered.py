"""framing.report.gathered: columns gathered part by part in narrow integers join into the
categorical the whole column gives."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.report.compact import compact_hits
from framing.report.gathered import (
    code_dtype,
    encode_piece,
    join_pieces,
    narrow_offsets,
    sort_ranks,
)

# Values whose order differs between naive byte, locale and code-point sorting.
WORDS = ["a", "B", "b", "Z", "é", "e", "ß", "ss", "Ärger", "zoo", "😀", "", " a"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.sampled_from(WORDS)), max_size=12), max_size=6))
def test_pieces_join_into_the_categorical_of_the_whole_column(parts):
    pieces = [encode_piece(pa.array(part, type=pa.string())) for part in parts]
    joined = join_pieces(pieces, "speaker")
    whole = [value for part in parts for value in part]
    expected = compact_hits(pd.DataFrame({"speaker": pd.Series(whole, dtype=object)}))["speaker"]
    pd.testing.assert_series_equal(joined, expected)  # categories, their order, code dtype
    assert list(joined.cat.categories) == sorted({v for v in whole if v is not None})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=8), min_size=1, max_size=4))
def test_sort_ranks_rank_as_python_sorts_the_distinct_values(chunks):
    values = pa.chunked_array([pa.array(c, type=pa.string()) for c in chunks], type=pa.string())
    whole = [v for c in chunks for v in c]
    distinct = sorted(set(whole))
    for given_values in (values, values.combine_chunks()):
        ranks, ordered = sort_ranks(given_values)
        assert ordered.to_pylist() == distinct
        assert ranks.tolist() == [distinct.index(v) for v in whole]


def test_a_part_keeps_its_codes_in_the_narrowest_integer():
    few = encode_piece(pa.array(["x", "y", None, "x"]))
    assert few.codes.type == pa.int8() and few.codes.to_pylist() == [0, 1, -1, 0]
    many = encode_piece(pa.array([f"id{i}" for i in range(300)]))
    assert many.codes.type == pa.int16()
    # The types pandas itself keeps codes in, at each boundary.
    for n in (1, 126, 127, 32766, 32767):
        codes = pd.Categorical.from_codes([0], categories=[f"c{i}" for i in range(n)]).codes
        assert code_dtype(n) == codes.dtype


def test_offsets_are_32_bit_where_they_fit():
    assert narrow_offsets(pa.array([0, 2**31 - 1])).type == pa.int32()
    assert narrow_offsets(pa.array([0, 2**31])).type == pa.int64()
    assert narrow_offsets(pa.array([None, 5], type=pa.int64())).to_pylist() == [None, 5]
    assert narrow_offsets(pa.array([], type=pa.int64())).type == pa.int32()


def test_a_column_of_no_values_joins_to_missing_values():
    joined = join_pieces([encode_piece(pa.array([None, None], type=pa.string()))], "kind")
    assert joined.isna().all() and len(joined.cat.categories) == 0
    assert join_pieces([], "kind").empty
