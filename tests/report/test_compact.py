"""framing.report.compact: hits in compact dtypes equal the extraction's hits in value."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from framing.extract import Extraction, extract
from framing.extract.result import read_arrow_table, read_table
from framing.report.compact import (
    TextReader,
    arrow_articles_to_compact,
    compact_articles,
    compact_hits,
    read_compact_hits,
)


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


def test_articles_read_as_arrow_are_compacted_as_the_extractions_articles(tiny, tmp_path):
    corpus = tiny.copy()
    corpus.loc[1, "title"] = None
    corpus.loc[4, "event"] = None
    corpus.loc[[2, 7], "published"] = None
    folder = tmp_path / "features"
    extract(corpus, output=folder, chunksize=3, for_report=True, progress=False)
    table = read_arrow_table(folder, "articles")
    assert table.num_rows == len(corpus) and len(table.column("id").chunks) > 2
    compact = arrow_articles_to_compact(table)
    pd.testing.assert_frame_equal(compact, compact_articles(read_table(folder, "articles")))
    assert compact["outlet"].dtype == "category" and compact["words"].dtype == "int32"
    assert compact["id"].dtype == compact["title"].dtype == pd.StringDtype("pyarrow")
    assert compact["title"].isna().tolist() == corpus["title"].isna().tolist()
    assert compact["published"].isna().sum() == 2


def test_a_part_without_contract_columns_is_named_when_read_as_arrow(tiny, tmp_path):
    folder = tmp_path / "features"
    extract(tiny, output=folder, chunksize=4, for_report=True, progress=False)
    part = sorted((folder / "parts").glob("articles-*.parquet"))[1]
    pd.read_parquet(part).drop(columns=["words"]).to_parquet(part)
    with pytest.raises(ValueError, match=rf"{part.name}: lacks column\(s\) words"):
        read_arrow_table(folder, "articles")


def test_the_text_reader_reads_the_texts_of_chosen_rows_from_the_parts(tiny, tmp_path):
    folder = tmp_path / "features"
    extract(tiny, output=folder, chunksize=2, for_report=True, progress=False)
    texts = tiny["text"].tolist()
    chosen = [5, 0, 3]  # the report's articles: rows 5, 0 and 3 of the extraction
    reader = TextReader(folder, chosen)
    assert len(reader.paths) > 2
    assert reader.texts([2, 0]) == {0: texts[5], 2: texts[3]}
    assert reader.texts([]) == {}


def test_the_text_reader_reads_only_the_row_groups_of_chosen_texts(tiny, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from framing.extract import batch

    monkeypatch.setattr(batch, "TEXT_ROW_GROUP", 2)
    folder = tmp_path / "features"
    extract(tiny, output=folder, chunksize=5, for_report=True, progress=False)
    parts = sorted((folder / "parts").glob("texts-*.parquet"))
    assert [pq.ParquetFile(p).metadata.num_row_groups for p in parts] == [3, 2]  # 5 + 4 texts
    # A part of an earlier version: one row group.
    pq.write_table(pq.read_table(parts[1]), parts[1])
    texts = tiny["text"].tolist()
    chosen = list(range(len(texts)))[::-1]  # the report's articles, in another order
    reader = TextReader(folder, chosen)
    read_groups = []
    real = pq.ParquetFile.read_row_groups

    def counted(self, groups, *args, **kwargs):
        read_groups.append(list(groups))
        return real(self, groups, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_groups", counted)
    # The report's last article is the extraction's first (the first part's first group),
    # its fifth the extraction's fifth (the first part's third group).
    assert reader.texts([8]) == {8: texts[0]} and read_groups == [[0]]
    assert reader.texts([4]) == {4: texts[4]} and read_groups[1:] == [[2]]
    for rows in ([8, 0], list(range(0, len(texts), 3)), list(range(len(texts)))):
        assert reader.texts(rows) == {r: texts[chosen[r]] for r in rows}


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads /proc (Linux)")
def test_trim_heap_hands_freed_small_objects_back_to_the_system():
    from framing.report import heap as compact

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
