"""Read a whole corpus into one normalised DataFrame: :func:`load_corpus`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, overload

import pandas as pd

from framing.corpus.problems import ProblemLog
from framing.corpus.stream import (
    Paths,
    concat,
    describe,
    drop_provenance,
    log_summary,
    normalised_chunks,
    raise_if_no_text,
)
from framing.corpus.validate import validate_frame
from framing.corpus.validation_report import ValidationReport


@overload
def load_corpus(
    paths: Paths | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = ...,
    strict: bool = ...,
    dayfirst: bool | None = ...,
    encoding: str | None = ...,
    provenance: bool = ...,
    return_report: Literal[False] = ...,
) -> pd.DataFrame: ...


@overload
def load_corpus(
    paths: Paths | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = ...,
    strict: bool = ...,
    dayfirst: bool | None = ...,
    encoding: str | None = ...,
    provenance: bool = ...,
    return_report: Literal[True],
) -> tuple[pd.DataFrame, ValidationReport]: ...


def load_corpus(
    paths: Paths | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    dayfirst: bool | None = None,
    encoding: str | None = None,
    provenance: bool = False,
    return_report: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, ValidationReport]:
    r"""Read a corpus from files or folders into one normalised DataFrame.

    Supported inputs (each may be gzip-compressed, ``name.csv.gz``): CSV (``.csv``), TSV
    (``.tsv``, ``.tab``), JSON Lines (``.jsonl``, ``.ndjson``, ``.json``), a JSON array of
    objects (``.json``), Parquet (``.parquet``, ``.pq``), and folders of article files: text or
    Markdown (``.txt``, ``.md``) with an optional front-matter header, or saved web pages
    (``.html``, ``.htm``; article text extracted with trafilatura). Folders are read
    recursively in sorted path order; glob patterns (``"exports/*.csv"``) are expanded.

    Problems never disappear: rows are kept (and flagged) unless they cannot be read at all;
    those are excluded and listed. Without ``strict`` or ``return_report`` only the loading
    checks run (encodings, dates, missing values and columns, excluded records) and a warning
    summarising them is logged; :func:`validate_corpus` runs every check.

    Args:
        paths: a file, a folder, a glob pattern, or a list of them; or a DataFrame already in
            memory, to normalise it the same way (its index labels serve as row numbers).
        columns: map schema fields to the input's column names, e.g.
            ``{"text": "body", "outlet": "source"}``. Applies to front-matter keys too.
        strict: run every check of :func:`validate_corpus` and raise :class:`CorpusError` if
            there is any error or warning.
        dayfirst: how to read numeric dates such as ``03/04/2026``: ``None`` (default) reads
            them month first and warns where the order is ambiguous; ``True`` day first;
            ``False`` month first without warnings.
        encoding: encoding to use for files that are not valid UTF-8 (default: guess, and
            report the guess as a warning).
        provenance: add ``source_file`` and ``source_row`` columns (``source_row`` is the
            1-based record number in a table file, the line number in JSON Lines, ``<NA>`` for
            one-article files).
        return_report: also run :func:`validate_corpus` on the loaded frame and return
            ``(frame, report)``.

    Returns:
        The corpus as a DataFrame with a fresh ``RangeIndex`` (and the report, if asked).

    Raises:
        FileNotFoundError: a path does not exist.
        CorpusError: no article files were found, a table has no text column, or ``strict``
            is set and there are problems.

    Examples:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp()) / "harbor-sentinel"
        >>> folder.mkdir()
        >>> _ = (folder / "e01.md").write_text(
        ...     "---\npublished: 2026-03-04\nevent: e01-port-strike\n---\n"
        ...     "# Port strike ends\n\nDock workers returned on Monday, the union said.\n",
        ...     encoding="utf-8",
        ... )
        >>> df = load_corpus(folder)
        >>> df.loc[0, ["id", "outlet", "title"]].tolist()
        ['e01', 'harbor-sentinel', 'Port strike ends']
        >>> df.loc[0, "text"]
        'Dock workers returned on Monday, the union said.'
        >>> df["published"].dtype
        dtype('<M8[ns]')
    """
    log = ProblemLog()
    frames = list(
        normalised_chunks(
            paths, columns=columns, log=log, chunksize=None, dayfirst=dayfirst, encoding=encoding
        )
    )
    log.flush_derived()
    raise_if_no_text(log)
    frame = concat(frames)
    report = None
    if strict or return_report:
        report = validate_frame(frame, log, sources=describe(paths), strict=strict)
        if strict:
            report.raise_for_problems()
    else:
        log_summary(log, len(frame), describe(paths))
    frame = drop_provenance(frame, provenance)
    if return_report:
        assert report is not None
        return frame, report
    return frame
