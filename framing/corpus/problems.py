"""Everything the loader could not take as given, and how a problem is written out.

Readers and checks report through a :class:`ProblemLog`: a problem has a severity (``error``,
``warning`` or ``info``), a code (documented in ``docs/corpus.md``), a message and where it is
(file, row, column, article id). A record is only ever left out through
:meth:`ProblemLog.exclude`, which lists it with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from framing.corpus.schema import is_missing

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
PROBLEM_COLUMNS = ["severity", "code", "message", "file", "row", "column", "id"]


@dataclass
class ProblemLog:
    """Collects problems, excluded records and notes about derived fields while loading."""

    problems: list[dict[str, Any]] = field(default_factory=list)
    excluded: list[dict[str, Any]] = field(default_factory=list)
    #: (input, field, how) -> [count, example]
    derived: dict[tuple[str, str, str], list[Any]] = field(default_factory=dict)
    seen: set[tuple[str, ...]] = field(default_factory=set)

    def add(
        self,
        severity: str,
        code: str,
        message: str,
        *,
        file: str | None = None,
        row: Any = None,
        column: str | None = None,
        id: Any = None,
    ) -> None:
        problem = {
            "severity": severity,
            "code": code,
            "message": message,
            "file": file,
            "row": row,
            "column": column,
            "id": None if is_missing(id) else id,
        }
        self.problems.append(problem)

    def once(self, *key: str) -> bool:
        """True the first time ``key`` is seen (to report per-file facts once across chunks)."""
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def exclude(
        self,
        code: str,
        message: str,
        *,
        file: str | None,
        row: Any = None,
        column: str | None = None,
    ) -> None:
        """Leave a record (or a whole file) out, listing it as an error with the reason."""
        self.excluded.append({"file": file, "row": row, "code": code, "reason": message})
        self.add("error", code, f"{message} (excluded)", file=file, row=row, column=column)

    def note_derived(
        self, source: str, field_name: str, how: str, count: int, example: Any
    ) -> None:
        if isinstance(example, str) and len(example) > 60:
            example = example[:57] + "..."
        entry = self.derived.setdefault((source, field_name, how), [0, example])
        entry[0] += count

    def flush_derived(self) -> None:
        """Turn the aggregated derivation notes into ``info`` problems (once, at the end)."""
        for (source, field_name, how), (count, example) in self.derived.items():
            noun = "article" if count == 1 else "articles"
            self.add(
                "info",
                "derived_field",
                f"{field_name} derived from {how} for {count} {noun} (e.g. {example!r})",
                file=source,
                column=field_name,
            )
        self.derived.clear()


def problems_table(problems: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Problems as a table: columns :data:`PROBLEM_COLUMNS`, sorted by severity, then code
    (then in the order they were found); ``severity`` is an ordered categorical."""
    return problems_frame({c: [p[c] for p in problems] for c in PROBLEM_COLUMNS})


def problems_frame(columns: Mapping[str, Sequence[Any]]) -> pd.DataFrame:
    """:func:`problems_table` of problems given as columns (a list per name in
    :data:`PROBLEM_COLUMNS`, in the order found): a million problems need no dict each."""
    rows = columns["row"]
    names = [c for c in PROBLEM_COLUMNS if c != "row"]
    table = pd.DataFrame({c: columns[c] for c in names} if len(rows) else None, columns=names)
    # Rows are record numbers or index labels; with a file-level problem (row None) in the
    # same table pandas would turn them into floats ("row 2.0").
    table.insert(PROBLEM_COLUMNS.index("row"), "row", pd.Series(rows, dtype=object))
    if len(table):
        table["_rank"] = table["severity"].map(SEVERITY_RANK)
        table["_order"] = range(len(table))
        table = table.sort_values(["_rank", "code", "_order"], ignore_index=True)
        table = table.drop(columns=["_rank", "_order"])
    table["severity"] = pd.Categorical(
        table["severity"], categories=list(SEVERITY_RANK), ordered=True
    )
    return table


def file_and_row(files: Sequence[Any], rows: Sequence[Any], position: int) -> tuple[Any, Any]:
    """File and row of the record at ``position`` (``None`` where they are not known)."""
    return (
        files[position] if position < len(files) else None,
        rows[position] if position < len(rows) else None,
    )


def add_missing_value(
    log: ProblemLog,
    name: str,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    position: int,
    hint: str = "",
) -> None:
    """Report a missing value of field ``name`` (an error for ``id`` and ``outlet``)."""
    file, row = file_and_row(files, rows, position)
    severity = "error" if name in ("id", "outlet") else "warning"
    log.add(
        severity,
        "missing_value",
        f"no {name} value{hint}",
        file=file,
        row=row,
        column=name,
        id=ids[position] if position < len(ids) else None,
    )


def location(file: Any, row: Any) -> str:
    """``file, row N`` as far as they are known (``""`` when neither is)."""
    parts = []
    if file is not None and not (isinstance(file, float) and pd.isna(file)):
        parts.append(str(file))
    if row is not None and not (isinstance(row, float) and pd.isna(row)):
        parts.append(f"row {row}")
    return ", ".join(parts)


def _problem_line(problem: Mapping[str, Any]) -> str:
    where = location(problem.get("file"), problem.get("row"))
    column = problem.get("column")
    if isinstance(column, str):
        where += f", column {column!r}" if where else f"column {column!r}"
    where = f"{where}: " if where else ""
    return f"{problem['severity']} {problem['code']}: {where}{problem['message']}"


def problems_message(problems: Sequence[Mapping[str, Any]], headline: str, limit: int = 10) -> str:
    """``headline`` followed by the first ``limit`` problems, one per line."""
    lines = [f"{headline}:"]
    for problem in list(problems)[:limit]:
        lines.append("  " + _problem_line(problem))
    if len(problems) > limit:
        lines.append(
            f"  ... and {len(problems) - limit} more; run framing.validate_corpus(...) for all"
        )
    return "\n".join(lines)
