"""The exceptions framing raises, in one place.

Every message says what was wrong, where (file, line or row, column, parameter) and what would be
valid. All are ``ValueError``/``RuntimeError`` subclasses, so code that catches the built-ins
keeps working; the CLI turns them into one line and exit code 2.
"""

from __future__ import annotations

from pathlib import Path


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


class CorpusError(ValueError):
    """A corpus could not be read, or (in strict mode) has problems.

    The message names the file, the row and the column where it can.
    """


class FrontMatterError(ValueError):
    """An article file's front-matter header cannot be read (opened with ``---``, never closed).

    The corpus reader catches it and lists the file as excluded (``bad_front_matter``).
    """


class ExtractionMismatch(ValueError):
    """An output directory holds parts of a different extraction run than the one asked for."""


class ReportError(RuntimeError):
    """A report could not be produced; the message says what failed and where.

    Attributes:
        failed_notebook: the executed notebook of a failed run, kept for inspection.
        cell: execution count of the failing cell (``In [n]``), if a cell failed.
    """

    def __init__(
        self, message: str, *, failed_notebook: Path | None = None, cell: int | None = None
    ) -> None:
        super().__init__(message)
        self.failed_notebook = failed_notebook
        self.cell = cell


class CodingError(ValueError):
    """A coded sheet cannot be used: the message names the file and row and what is allowed."""
