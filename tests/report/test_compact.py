"""framing.report.compact: hits in compact dtypes equal the extraction's hits in value."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from framing.extract import Extraction, extract
from framing.report.compact import TextReader, compact_hits, read_compact_hits


def test_compact_hits_read_part_by_part_equal_the_extractions_hits(tiny, tmp_path):
    folder = tmp_path / "features"
    extract(tiny, output=folder, chunksize=3, for_report=True, progress=False)
    hits = Extraction.load(folder).hits
    compact = read_compact_hits(folder)
    pd.testing.assert_frame_equal(compact, compact_hits(hits))
    assert compact["id"].dtype == "category" and compact["end"].dtype == "int32"
    for column in hits.columns:  # the same values, missing where they were missing
        assert compact[column].astype(object).where(compact[column].notna(), None).tolist() == (
            hits[column].astype(object).where(hits[column].notna(), None).tolist()
        ), column
    for column in ("speaker", "label"):
        categories = list(compact[column].cat.categories)
        assert categories == sorted(categories)
    assert compact.memory_usage(deep=True).sum() < hits.memory_usage(deep=True).sum() / 3


def test_the_text_reader_reads_the_texts_of_chosen_rows_from_the_parts(tiny, tmp_path):
    folder = tmp_path / "features"
    extract(tiny, output=folder, chunksize=2, for_report=True, progress=False)
    texts = tiny["text"].tolist()
    chosen = [5, 0, 3]  # the report's articles: rows 5, 0 and 3 of the extraction
    reader = TextReader(folder, chosen)
    assert len(reader.paths) > 2
    assert reader.texts([2, 0]) == {0: texts[5], 2: texts[3]}
    assert reader.texts([]) == {}


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads /proc (Linux)")
def test_trim_heap_hands_freed_small_objects_back_to_the_system():
    from framing.report import compact

    if compact._malloc_trim() is None:
        pytest.skip("this C library has no malloc_trim")
    compact.trim_heap()
    # Many small objects (as a step's strings and rows), one kept at the end of the heap so
    # the freed ones lie inside it, where the C library keeps them.
    held = [bytes(1000 + i % 7) for i in range(200_000)]
    pin = bytes(1000)
    before = _resident_mb()
    del held
    freed = _resident_mb()
    compact.trim_heap()
    after = _resident_mb()
    assert before - after > 50  # of ~200 MB of objects, most given back
    assert freed - after > 50  # by the trim, not by freeing them
    del pin
