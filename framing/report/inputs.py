"""The corpus a report reads, and where it came from.

The report notebook's ``corpus`` parameter is a path, and its parameters cell has no place for a
column mapping. So when ``framing report CORPUS --column text=body`` (or
``run_report(..., columns=...)``) maps columns, :func:`~framing.report.run.run_report` reads and
checks the corpus with the mapping itself, writes the mapped corpus as Parquet into the build
folder with a note of where it came from (:func:`write_mapped_corpus`), and passes that file to
the notebook. :func:`corpus_origin` reads the note back, so the report names the user's corpus
and mapping, not the intermediate file; the file is removed before the report is swapped in.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["MAPPED_CORPUS", "MAPPED_FOLDER", "corpus_origin", "write_mapped_corpus"]

PathLike = str | os.PathLike[str]

#: Folder of the build folder that holds the mapped corpus while the notebook runs.
MAPPED_FOLDER = "input"
#: The mapped corpus, and the note of its origin beside it.
MAPPED_CORPUS = "corpus.parquet"
_ORIGIN = "corpus.json"
_KIND = "framing-mapped-corpus"


def write_mapped_corpus(
    frame: pd.DataFrame, folder: Path, *, source: PathLike, columns: Mapping[str, str]
) -> Path:
    """Write a corpus read with a column mapping as ``folder/corpus.parquet``, with a note of
    its source and mapping; returns the Parquet path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MAPPED_CORPUS
    frame.to_parquet(path, index=False)
    note = {"kind": _KIND, "source": os.fspath(source), "columns": dict(columns)}
    (folder / _ORIGIN).write_text(json.dumps(note, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def corpus_origin(corpus: PathLike) -> dict[str, Any]:
    """Where a report's corpus came from: ``{"source": path, "columns": mapping or None}``.

    For a corpus written by :func:`write_mapped_corpus` the user's corpus and mapping; for any
    other path the path itself.

    Examples:
        >>> corpus_origin("corpora/sample")
        {'source': 'corpora/sample', 'columns': None}
    """
    path = Path(corpus)
    if path.name == MAPPED_CORPUS:
        record = None
        with contextlib.suppress(OSError, ValueError):
            record = json.loads(path.with_name(_ORIGIN).read_text(encoding="utf-8"))
        if isinstance(record, dict) and record.get("kind") == _KIND:
            return {"source": str(record.get("source")), "columns": record.get("columns")}
    return {"source": os.fspath(corpus), "columns": None}
