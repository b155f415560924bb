"""The Arrow fast paths of corpus normalisation give what the value-by-value paths give.

A Parquet file's string columns arrive as Arrow-backed strings; :func:`clean_strings` and
:func:`parse_published` then read them with Arrow's compute functions instead of one Python
object per cell. These tests hold the two paths to the same result (values, dtype, index and
logged problems), on written cases and on generated ones.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus import dates, schema
from framing.corpus.problems import ProblemLog


def _general_clean(values: pd.Series, keep_empty: bool) -> pd.Series:
    # clean_strings' value-by-value path, taken by handing it an object column
    return schema.clean_strings(values.astype(object), keep_empty=keep_empty).set_axis(values.index)


def _arrow(values: list[Any], index: list[int] | None = None) -> pd.Series:
    return pd.Series(values, dtype="string[pyarrow]", index=index)


def test_arrow_trim_strips_what_str_strip_strips() -> None:
    # The premise of the fast path: Arrow's trim and str.strip() agree on every code point.
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    values = [f"{c}{c}x{c}" for c in chars]
    trimmed = pc.utf8_trim_whitespace(pa.array(values)).to_pylist()
    differ = [hex(ord(v[0])) for v, t in zip(values, trimmed, strict=True) if v.strip() != t]
    assert differ == []


@pytest.mark.parametrize("keep_empty", [False, True])
def test_clean_strings_arrow_path_matches_the_general_path(keep_empty: bool) -> None:
    values = _arrow(
        ["  a\r\nb ", "", None, "\r", "\u3000x\x1c", "ok\r\r\n", "\u2028 \t", "plain"],
        index=[3, 4, 5, 6, 7, 8, 9, 10],
    )
    fast = schema.clean_strings(values, keep_empty=keep_empty)
    assert schema.arrow_strings(values.dtype)
    pd.testing.assert_series_equal(fast, _general_clean(values, keep_empty))
    empty = "" if keep_empty else None
    assert [None if pd.isna(v) else v for v in fast] == [
        "a\nb",
        empty,
        empty,
        empty,
        "x",
        "ok",
        empty,
        "plain",
    ]


def test_clean_strings_arrow_path_on_empty_and_all_missing_columns() -> None:
    for values in (_arrow([]), _arrow([None, None])):
        for keep_empty in (False, True):
            fast = schema.clean_strings(values, keep_empty=keep_empty)
            pd.testing.assert_series_equal(fast, _general_clean(values, keep_empty))


_TEXT = st.text(alphabet=st.sampled_from(list("ab \t\r\n\u00a0\u3000\u2028\x1cé")), max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), _TEXT), max_size=20), st.booleans())
def test_clean_strings_paths_agree_on_generated_columns(
    values: list[Any], keep_empty: bool
) -> None:
    column = _arrow(values)
    pd.testing.assert_series_equal(
        schema.clean_strings(column, keep_empty=keep_empty), _general_clean(column, keep_empty)
    )


def _parse(values: pd.Series, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple:
    n = len(values)
    log = ProblemLog()
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(dates, "_full_iso_dates", lambda _values: None)
        parsed = dates.parse_published(
            values,
            files=["f.parquet"] * n,
            rows=list(range(1, n + 1)),
            ids=[f"a{i}" for i in range(n)],
            log=log,
            dayfirst=None,
            column_missing=False,
        )
    return parsed, log.problems


@pytest.mark.parametrize(
    ("values", "takes_fast_path"),
    [
        (
            [
                "2026-03-04",
                " 2026-03-04T10:00:00+01:00 ",
                None,
                "",
                "  ",
                "2026-03-04 23:59:59.123456Z",
                "1999-12-31T23:00-0500",
            ],
            True,
        ),
        (["2026-01-01"] * 5, True),
        (["2026-03-04", "2026-03"], False),  # reduced precision: a warning of its own
        (["2026-03-04", "March 4, 2026"], False),
        (["2026-02-30"], False),  # no such day: unparseable
        (["2026-03-04T25:00"], False),
        (["03/04/2026"], False),  # ambiguous
        (["1234567890"], False),  # Unix time
        (["2250-01-01"], False),  # beyond the years the fast path reads
        ([None, None], False),
        ([], False),
    ],
)
def test_parse_published_arrow_path_matches_the_general_path(
    values: list[Any], takes_fast_path: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    column = _arrow(values)
    assert (dates._full_iso_dates(column) is not None) is takes_fast_path
    fast, fast_problems = _parse(column, fast=True, monkeypatch=monkeypatch)
    general, general_problems = _parse(column, fast=False, monkeypatch=monkeypatch)
    pd.testing.assert_series_equal(fast, general)
    assert fast_problems == general_problems
    assert fast.dtype == np.dtype("datetime64[ns]")


def test_parse_published_arrow_path_reports_missing_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed, problems = _parse(_arrow(["2026-03-04", None, " "]), fast=True, monkeypatch=monkeypatch)
    assert parsed.isna().tolist() == [False, True, True]
    assert [(p["code"], p["row"]) for p in problems] == [("missing_value", 2), ("missing_value", 3)]
