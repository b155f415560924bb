"""What a validation found: :class:`ValidationReport`, as tables, text, JSON and HTML."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing import defaults
from framing.corpus.problems import location, problems_message
from framing.errors import CorpusError


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@dataclass
class ValidationReport:
    """What a corpus holds and what is wrong with it.

    Attributes:
        problems: one row per problem, columns ``severity`` (``error``, ``warning`` or
            ``info``), ``code``, ``message``, ``file``, ``row``, ``column``, ``id``; sorted by
            severity, then code.
        outlets: per outlet: ``articles``, ``words``, ``mean_words``, ``events``,
            ``first_published``, ``last_published``.
        events: per event: number of ``outlets`` and ``articles``, ``outlet_names``.
        near_duplicates: pairs of articles of different outlets with their ``jaccard`` and
            ``containment`` similarity.
        excluded: records or files that could not be loaded, with the reason.
        n_articles: articles loaded.
        n_words: words in all texts.
        date_range: earliest and latest publication date (``None`` if there are none).
        fingerprint: :func:`corpus_fingerprint` of the loaded articles.
        sources: what was validated.
        strict: whether warnings count as errors.
    """

    problems: pd.DataFrame
    outlets: pd.DataFrame
    events: pd.DataFrame
    near_duplicates: pd.DataFrame
    excluded: pd.DataFrame
    n_articles: int
    n_words: int
    date_range: tuple[pd.Timestamp | None, pd.Timestamp | None]
    fingerprint: str
    sources: str = ""
    strict: bool = False

    @property
    def errors(self) -> pd.DataFrame:
        """Problems with severity ``error``."""
        return self.problems[self.problems["severity"] == "error"]

    @property
    def warnings(self) -> pd.DataFrame:
        """Problems with severity ``warning``."""
        return self.problems[self.problems["severity"] == "warning"]

    @property
    def notes(self) -> pd.DataFrame:
        """Informational entries (derived fields, skipped files): not problems."""
        return self.problems[self.problems["severity"] == "info"]

    @property
    def shared_events(self) -> pd.DataFrame:
        """Events covered by two or more outlets (the basis of matched comparisons)."""
        return self.events[self.events["outlets"] >= 2].reset_index(drop=True)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 warnings, 2 errors (or warnings in strict mode)."""
        if len(self.errors) or (self.strict and len(self.warnings)):
            return 2
        return 1 if len(self.warnings) else 0

    @property
    def ok(self) -> bool:
        """True when there is no error or warning."""
        return self.exit_code == 0

    def raise_for_problems(self) -> None:
        """Raise :class:`CorpusError` listing the errors and warnings, if there are any."""
        serious = self.problems[self.problems["severity"] != "info"]
        if len(serious):
            raise CorpusError(
                problems_message(
                    serious.to_dict("records"),
                    f"corpus has {_plural(len(self.errors), 'error')} and "
                    f"{_plural(len(self.warnings), 'warning')} (strict mode)",
                )
            )

    def _date_text(self) -> str:
        first, last = self.date_range
        if first is None or last is None:
            return "no publication dates"
        return f"published {first:%Y-%m-%d} to {last:%Y-%m-%d}"

    def _verdict(self) -> str:
        code = self.exit_code
        label = {0: "clean", 1: "warnings", 2: "errors"}[code]
        if code == 2 and not len(self.errors):
            label = "warnings (strict: counted as errors)"
        return f"Result: {label} (exit code {code})"

    def format(self, max_examples: int = defaults.EXAMPLES_PER_CODE) -> str:
        """Plain-text report, as printed by ``framing validate``.

        Args:
            max_examples: problems shown per problem code (all are in :attr:`problems`).
        """
        lines = [
            f"Corpus: {self.sources}",
            f"  {_plural(self.n_articles, 'article')}, {_plural(len(self.outlets), 'outlet')}, "
            f"{_plural(self.n_words, 'word')}; {self._date_text()}",
            f"  fingerprint {self.fingerprint}",
        ]
        if len(self.outlets):
            table = self.outlets.copy()
            for column in ("first_published", "last_published"):
                table[column] = table[column].dt.strftime("%Y-%m-%d").fillna("-")
            lines += ["", "Outlets", _indent(_table_text(table))]
        shared = self.shared_events
        lines += ["", f"Events covered by several outlets: {len(shared)} of {len(self.events)}"]
        if len(shared):
            shown = shared.head(20).copy()
            shown["outlet_names"] = [
                names if len(names) <= 70 else names[:67] + "..." for names in shown["outlet_names"]
            ]
            lines.append(_indent(_table_text(shown)))
            if len(shared) > 20:
                lines.append(f"  ... and {len(shared) - 20} more")
        if len(self.excluded):
            lines += [
                "",
                f"Excluded: {_plural(len(self.excluded), 'record')} (see the errors below)",
            ]
        counts = [
            _plural(len(self.errors), "error"),
            _plural(len(self.warnings), "warning"),
            _plural(len(self.notes), "note"),
        ]
        lines += ["", "Problems: " + ", ".join(counts)]
        if not len(self.problems):
            lines.append("  none")
        for (severity, code), group in self.problems.groupby(
            ["severity", "code"], sort=False, observed=True
        ):
            lines.append(f"  {severity} {code} ({len(group)})")
            for problem in group.head(max_examples).to_dict("records"):
                where = location(problem["file"], problem["row"])
                column = problem["column"]
                if isinstance(column, str):
                    where += f", column {column!r}" if where else f"column {column!r}"
                lines.append(
                    f"    {where}: {problem['message']}" if where else f"    {problem['message']}"
                )
            if len(group) > max_examples:
                lines.append(f"    ... and {len(group) - max_examples} more")
        lines += ["", self._verdict()]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary (``framing validate --json``)."""
        first, last = self.date_range

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return json.loads(frame.to_json(orient="records", date_format="iso"))

        return {
            "sources": self.sources,
            "articles": self.n_articles,
            "words": self.n_words,
            "first_published": None if first is None else first.isoformat(),
            "last_published": None if last is None else last.isoformat(),
            "fingerprint": self.fingerprint,
            "exit_code": self.exit_code,
            "strict": self.strict,
            "outlets": records(self.outlets),
            "events": records(self.events),
            "near_duplicates": records(self.near_duplicates),
            "excluded": records(self.excluded),
            "problems": records(self.problems.astype({"severity": str})),
        }

    def _repr_html_(self) -> str:
        esc = html.escape
        colour = {0: "#1a7f37", 1: "#9a6700", 2: "#cf222e"}[self.exit_code]
        parts = [
            "<div class='framing-validation'>",
            f"<p><strong>Corpus</strong> {esc(self.sources)}: "
            f"{esc(_plural(self.n_articles, 'article'))}, "
            f"{esc(_plural(len(self.outlets), 'outlet'))}, {esc(_plural(self.n_words, 'word'))}; "
            f"{esc(self._date_text())}<br><code>{esc(self.fingerprint)}</code></p>",
            f"<p style='color:{colour}'><strong>{esc(self._verdict())}</strong> &mdash; "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings, "
            f"{len(self.notes)} notes</p>",
        ]
        if len(self.outlets):
            parts += ["<h4>Outlets</h4>", self.outlets.to_html(index=False, escape=True)]
        if len(self.shared_events):
            parts += [
                "<h4>Events covered by several outlets</h4>",
                self.shared_events.head(50).to_html(index=False, escape=True),
            ]
        if len(self.problems):
            shown = self.problems.head(200)
            parts += [
                f"<h4>Problems (first {len(shown)} of {len(self.problems)})</h4>",
                shown.to_html(index=False, escape=True, na_rep=""),
            ]
        parts.append("</div>")
        return "\n".join(parts)


def _table_text(frame: pd.DataFrame) -> str:
    """Plain-text table: text left-aligned, numbers right-aligned, missing values as ``-``."""
    columns = []
    for name in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[name].dtype)
        values = [
            "-"
            if pd.isna(value)
            else f"{value:,}"
            if isinstance(value, int | np.integer)
            else str(value)
            for value in frame[name]
        ]
        width = max([len(str(name))] + [len(v) for v in values])
        columns.append((str(name), values, width, numeric))

    def line(cells: Iterable[tuple[str, int, bool]]) -> str:
        return "  ".join(c.rjust(w) if right else c.ljust(w) for c, w, right in cells).rstrip()

    lines = [line((name, width, numeric) for name, _, width, numeric in columns)]
    for position in range(len(frame)):
        lines.append(
            line((values[position], width, numeric) for _, values, width, numeric in columns)
        )
    return "\n".join(lines)


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())
