"""Files, folders or a DataFrame in, normalised chunks out: the one path every reader takes.

:func:`iter_corpus` yields the chunks; :func:`framing.corpus.load.load_corpus` concatenates
them (:func:`concat`), :func:`framing.corpus.validate.validate_corpus` checks them as they
pass.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pandas as pd

from framing.corpus.decode import check_encoding
from framing.corpus.discover import discover
from framing.corpus.normalise import normalise_chunk
from framing.corpus.problems import ProblemLog, problems_message
from framing.corpus.readers import frame_chunks, iter_raw_chunks
from framing.corpus.schema import (
    PROVENANCE_COLUMNS,
    SCHEMA_FIELDS,
    check_columns_mapping,
    finalise_dtypes,
)
from framing.errors import CorpusError

logger = logging.getLogger("framing")

PathLike = str | os.PathLike[str]
Paths = PathLike | Sequence[PathLike]


def normalised_chunks(
    data: pd.DataFrame | Paths,
    *,
    columns: Mapping[str, str] | None,
    log: ProblemLog,
    chunksize: int | None,
    dayfirst: bool | None,
    encoding: str | None,
) -> Iterator[pd.DataFrame]:
    """Normalised chunks of ``data``; every problem met goes to ``log``."""
    mapping = check_columns_mapping(columns)
    encoding = check_encoding(encoding)
    if isinstance(data, pd.DataFrame):
        raw = frame_chunks(data, chunksize)
    else:
        raw = iter_raw_chunks(discover(data, log), log, chunksize=chunksize, encoding=encoding)
    for chunk in raw:
        yield normalise_chunk(chunk, mapping, log, dayfirst=dayfirst)


def drop_provenance(frame: pd.DataFrame, provenance: bool) -> pd.DataFrame:
    """The frame with typed provenance columns, or without them."""
    if provenance:
        frame["source_row"] = frame["source_row"].astype("Int64")
        frame["source_file"] = frame["source_file"].astype(pd.StringDtype())
        return frame
    return frame.drop(columns=list(PROVENANCE_COLUMNS))


def raise_if_no_text(log: ProblemLog) -> None:
    """Raise :class:`CorpusError` when an input has no text column at all."""
    lacking = [p for p in log.problems if p["code"] == "missing_column" and p["column"] == "text"]
    if lacking:
        # Files lacking the column the same way (a folder of Parquet parts) are named once.
        by_message: dict[str, list[Any]] = {}
        for problem in lacking:
            by_message.setdefault(problem["message"], []).append(problem["file"])
        parts = []
        for message, files in list(by_message.items())[:3]:
            if len(files) == 1:
                parts.append(f"{files[0]}: {message}")
                continue
            shown = ", ".join(map(str, files[:3])) + (
                f" and {len(files) - 3} more" if len(files) > 3 else ""
            )
            parts.append(f"{message}, in {len(files)} files ({shown})")
        raise CorpusError(f"no article text to load: {'; '.join(parts)}")


def _empty_corpus() -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype=pd.StringDtype()) for name in SCHEMA_FIELDS})
    frame["published"] = pd.Series(dtype="datetime64[ns]")
    frame["text"] = pd.Series(dtype=pd.StringDtype())
    frame["source_file"] = pd.Series(dtype=object)
    frame["source_row"] = pd.Series(dtype=object)
    return frame


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Normalised chunks as one frame: schema columns, extra columns, provenance."""
    frames = [f for f in frames if len(f)] or frames[:1]
    if not frames:
        return _empty_corpus()
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    extras = [c for c in frame.columns if c not in SCHEMA_FIELDS and c not in PROVENANCE_COLUMNS]
    frame = frame[[*SCHEMA_FIELDS, *extras, *PROVENANCE_COLUMNS]]
    return finalise_dtypes(frame.reset_index(drop=True))


def log_summary(log: ProblemLog, n_articles: int, what: str) -> None:
    """Log one warning summing up the loading problems, if there are any."""
    serious = [p for p in log.problems if p["severity"] in ("error", "warning")]
    if not serious:
        return
    counts: dict[str, int] = {}
    for problem in serious:
        counts[problem["code"]] = counts.get(problem["code"], 0) + 1
    listed = ", ".join(f"{code} x{n}" for code, n in counts.items())
    excluded = f"; {len(log.excluded)} record(s) excluded" if log.excluded else ""
    logger.warning(
        "%s: %d articles loaded with %d problem(s) (%s)%s; see "
        "framing.validate_corpus(...) or load_corpus(..., return_report=True)",
        what,
        n_articles,
        len(serious),
        listed,
        excluded,
    )


def describe(data: Any) -> str:
    """Short description of the input, for reports and log messages."""
    if isinstance(data, pd.DataFrame):
        return "DataFrame"
    if isinstance(data, (str, os.PathLike)):
        return str(data)
    items = [str(d) for d in data]
    return ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")


def iter_corpus(
    paths: Paths,
    *,
    chunksize: int = 10_000,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    dayfirst: bool | None = None,
    encoding: str | None = None,
    provenance: bool = False,
) -> Iterator[pd.DataFrame]:
    r"""Yield a corpus in chunks, so a multi-gigabyte corpus never sits in memory at once.

    CSV/TSV and JSON Lines are read ``chunksize`` records at a time, Parquet in batches of at
    most ``chunksize`` rows (following its row groups), folders ``chunksize`` files at a time
    (a chunk never mixes files of different formats). Each chunk is normalised exactly as
    :func:`load_corpus` would (same columns, dtypes and derived fields), but has its own
    ``RangeIndex`` and only the extra columns of its own files. A JSON array (``.json``) is
    parsed whole, then chunked.

    Checks that need the whole corpus (duplicates, near-duplicates) are not run; use
    :func:`validate_corpus`, which streams too. Loading problems are logged as a warning at
    the end; with ``strict`` the first chunk that has one raises :class:`CorpusError` instead
    of being yielded.

    Args:
        paths: a file, a folder, a glob pattern, or a list of them.
        chunksize: records (or article files) per chunk.
        columns, dayfirst, encoding, provenance: as for :func:`load_corpus`.
        strict: raise instead of yielding a chunk with any loading error or warning.

    Yields:
        Normalised DataFrames.

    Raises:
        CorpusError: as for :func:`load_corpus`.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "articles.csv"
        >>> rows = "".join(f"a{i},Outlet,2026-03-0{i},Title {i},Text {i}.\n" for i in range(1, 6))
        >>> _ = path.write_text("id,outlet,published,title,text\n" + rows, encoding="utf-8")
        >>> [len(chunk) for chunk in iter_corpus(path, chunksize=2)]
        [2, 2, 1]
    """
    if chunksize < 1:
        raise ValueError(f"chunksize must be a positive number of records, got {chunksize}")
    log = ProblemLog()
    seen = 0
    total = 0
    for frame in normalised_chunks(
        paths, columns=columns, log=log, chunksize=chunksize, dayfirst=dayfirst, encoding=encoding
    ):
        raise_if_no_text(log)
        if strict:
            fresh = [p for p in log.problems[seen:] if p["severity"] in ("error", "warning")]
            if fresh:
                raise CorpusError(problems_message(fresh, "corpus has problems (strict mode)"))
            seen = len(log.problems)
        total += len(frame)
        yield drop_provenance(finalise_dtypes(frame), provenance)
    log.flush_derived()
    if strict:
        fresh = [p for p in log.problems[seen:] if p["severity"] in ("error", "warning")]
        if fresh:
            raise CorpusError(problems_message(fresh, "corpus has problems (strict mode)"))
    else:
        log_summary(log, total, describe(paths))
