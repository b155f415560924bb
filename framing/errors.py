"""The exceptions framing raises, in one place.

Every message says what was wrong, where (file, line or row, column, parameter) and what would be
valid. All are ``ValueError``/``RuntimeError`` subclasses, so code that catches the built-ins
keeps working; the CLI turns them into one line and exit code 2.
"""

from __future__ import annotations

import ast
import shlex
from collections.abc import Mapping
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


# -- hints that name a ``columns`` mapping -------------------------------------------------------
# The corpus reader suggests a mapping in Python's syntax (``pass columns={'text': 'body'}``);
# the command line shows the same hint as its options (``pass --column text=body``). The message
# stays one plain string (problem tables, logs and JSON hold one form), and the command line
# rewrites it with :func:`command_line_hints`, which reads back exactly what
# :func:`columns_hint` writes.

_COLUMNS_HINT = "pass columns="


def columns_hint(mapping: Mapping[str, str]) -> str:
    """The hint suggesting a ``columns`` mapping, in Python's syntax.

    Examples:
        >>> columns_hint({"text": "body"})
        "pass columns={'text': 'body'}"
    """
    return _COLUMNS_HINT + repr({str(k): str(v) for k, v in mapping.items()})


def _mapping_at(text: str, start: int) -> tuple[dict[str, str], int] | None:
    """The ``{...}`` mapping of strings that begins at ``text[start]``, and where it ends."""
    end = text.find("}", start)
    while end != -1:
        try:
            value = ast.literal_eval(text[start : end + 1])
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            end = text.find("}", end + 1)
            continue
        if isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            return value, end + 1
        return None
    return None


def command_line_hints(message: str) -> str:
    """``message`` with each :func:`columns_hint` written as ``framing`` command-line options.

    Examples:
        >>> command_line_hints("required column 'text' is missing; to use another column, "
        ...                    "pass columns={'text': 'body'}")
        "required column 'text' is missing; to use another column, pass --column text=body"
        >>> command_line_hints("pass columns={'text': 'article body'}")
        "pass --column 'text=article body'"
    """
    out: list[str] = []
    position = 0
    while (found := message.find(_COLUMNS_HINT, position)) != -1:
        start = found + len(_COLUMNS_HINT)
        parsed = _mapping_at(message, start) if message.startswith("{", start) else None
        if parsed is None:
            out.append(message[position:start])
            position = start
            continue
        mapping, end = parsed
        options = " ".join(f"--column {shlex.quote(f'{k}={v}')}" for k, v in mapping.items())
        out.append(message[position:found] + "pass " + options)
        position = end
    out.append(message[position:])
    return "".join(out)
