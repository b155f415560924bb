"""A DataFrame already in memory, read like a table file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from framing.corpus.records import RawChunk
from framing.corpus.schema import is_missing


def frame_chunks(frame: pd.DataFrame, chunksize: int | None) -> Iterator[RawChunk]:
    """An in-memory DataFrame as raw chunks (``row`` = index label; provenance kept if present)."""
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    files: list[Any] = [None] * len(frame)
    rows: list[Any] = list(frame.index)
    if "source_file" in frame.columns:
        files = [None if is_missing(v) else str(v) for v in frame.pop("source_file")]
    if "source_row" in frame.columns:
        rows = [None if is_missing(v) else int(v) for v in frame.pop("source_row")]
    step = chunksize or max(len(frame), 1)
    for number, start in enumerate(range(0, max(len(frame), 1), step)):
        part = frame.iloc[start : start + step].reset_index(drop=True)
        yield RawChunk(
            frame=part,
            kind="table",
            files=files[start : start + step],
            rows=rows[start : start + step],
            source=None,
            first_chunk=number == 0,
        )
