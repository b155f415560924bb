"""Scores and the matching rules behind them.

A prediction is correct when its span overlaps a gold span, each gold span matched at most once
(greedy, in text order, largest overlap first); an attribution counts as correct ("speaker +
cue") when its cue overlaps the gold cue and the speaker agrees: the canonical names share a
content word, or the predicted mention overlaps the gold mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

_STOP = {
    "the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "president", "minister", "prime",
    "foreign", "finance", "chief", "leader", "spokesman", "spokeswoman", "spokesperson", "his",
    "her", "their",
}  # fmt: skip


@dataclass
class Score:
    """Counts and the derived precision, recall and F1."""

    tp_pred: int = 0  # predictions that are correct
    n_pred: int = 0
    tp_gold: int = 0  # gold items that were found
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.n_pred,
            "gold": self.n_gold,
        }


@dataclass
class Report:
    """Scores of one evaluation run, with breakdowns and examples of misses."""

    name: str
    scores: dict[str, Score] = field(default_factory=dict)
    breakdowns: dict[str, dict[str, Score]] = field(default_factory=dict)
    accuracy: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Summary figures of a breakdown (spread of recall across outlets, rank correlations).
    figures: dict[str, float | None] = field(default_factory=dict)

    def score(self, key: str) -> Score:
        return self.scores.setdefault(key, Score())

    def breakdown(self, key: str, label: str) -> Score:
        return self.breakdowns.setdefault(key, {}).setdefault(str(label), Score())

    def count_accuracy(self, key: str, correct: bool) -> None:
        right, total = self.accuracy.get(key, (0, 0))
        self.accuracy[key] = (right + bool(correct), total + 1)

    def miss(self, key: str, message: str) -> None:
        self.misses.setdefault(key, []).append(message)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "scores": {k: v.as_dict() for k, v in self.scores.items()},
            "breakdowns": {
                k: {label: s.as_dict() for label, s in sorted(v.items())}
                for k, v in self.breakdowns.items()
            },
            "accuracy": {
                k: {"correct": r, "total": t, "accuracy": round(r / t, 4) if t else None}
                for k, (r, t) in self.accuracy.items()
            },
            "figures": self.figures,
            "notes": self.notes,
        }

    def format(self, misses: int = 0) -> str:
        lines = [f"== {self.name} =="]
        lines.append(f"{'':32} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}")
        for key, s in self.scores.items():
            lines.append(
                f"{key:32} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                f" {s.n_pred:6d} {s.n_gold:6d}"
            )
        for key, table in self.breakdowns.items():
            lines.append(f"-- {key}")
            for label, s in sorted(table.items()):
                if key.endswith("(recall)"):
                    lines.append(
                        f"   {label:29} {'':6} {s.recall:6.3f} {'':6} {'':6} {s.n_gold:6d}"
                    )
                elif key.endswith("(precision)"):
                    lines.append(f"   {label:29} {s.precision:6.3f} {'':6} {'':6} {s.n_pred:6d}")
                else:
                    lines.append(
                        f"   {label:29} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                        f" {s.n_pred:6d} {s.n_gold:6d}"
                    )
        for key, (right, total) in self.accuracy.items():
            acc = right / total if total else float("nan")
            lines.append(f"{key:32} {acc:6.3f}  ({right}/{total})")
        for key, value in self.figures.items():
            shown = "n/a" if value is None else f"{value:.3f}"
            lines.append(f"{key:32} {shown:>6}")
        for note in self.notes:
            lines.append(f"note: {note}")
        if misses:
            for key, items in self.misses.items():
                lines.append(f"-- {key} (first {min(misses, len(items))} of {len(items)})")
                lines.extend(f"   {m}" for m in items[:misses])
        return "\n".join(lines)


def min_max_ratio(values: Sequence[float]) -> float | None:
    """The lowest value over the highest, rounded to 4 places (1 = even spread); None when the
    highest is 0."""
    high = max(values)
    return round(min(values) / high, 4) if high else None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(
    preds: Sequence[tuple[int, int]], golds: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of overlapping spans, in text order: (pred i, gold j) pairs."""
    pairs = []
    used: set[int] = set()
    for i, p in enumerate(preds):
        best = None
        for j, g in enumerate(golds):
            if j in used or not overlaps(p, g):
                continue
            overlap = min(p[1], g[1]) - max(p[0], g[0])
            if best is None or overlap > best[0]:
                best = (overlap, j)
        if best is not None:
            used.add(best[1])
            pairs.append((i, best[1]))
    return pairs


def nth(text: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
    """The span of the ``occurrence``-th ``needle`` in ``text`` (gold spans are written as text
    and occurrence, never as offsets); a ``ValueError`` names ``where`` if it is missing."""
    pos = -1
    for _ in range(max(1, int(occurrence))):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{where}: {needle!r} occurrence {occurrence} not in text")
    return pos, pos + len(needle)


def _content_words(name: str | None) -> set[str]:
    if not name:
        return set()
    words = re.findall(r"[\w'\u2019-]+", name.lower())
    return {re.sub(r"['\u2019]s$", "", w) for w in words if w not in _STOP}


def speakers_agree(
    pred_speaker: str | None,
    pred_span: tuple[int, int] | None,
    gold_speaker: str | None,
    gold_span: tuple[int, int] | None,
) -> bool:
    """Whether a predicted speaker is the gold speaker (shared name word or overlapping mention)."""
    if pred_span and gold_span and overlaps(pred_span, gold_span):
        return True
    return bool(_content_words(pred_speaker) & _content_words(gold_speaker))


def context(text: str, span: tuple[int, int], width: int = 40) -> str:
    """``width`` characters either side of ``span``, on one line (for lists of misses)."""
    return text[max(0, span[0] - width) : span[1] + width].replace("\n", " ")


def one_row_per_cue(rows: pd.DataFrame) -> pd.DataFrame:
    """The attribution rows with one row per cue: a quotation that continues a speaker's words
    repeats the cue of the row before it (its own row for users, not a second attribution of
    that cue, as annotated corpora count one relation per cue)."""
    if rows.empty:
        return rows
    return rows.drop_duplicates(subset=["verb_start", "verb_end"], keep="first").reset_index(
        drop=True
    )


def contents_by_cue(rows: pd.DataFrame) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Every content span each cue reports, keyed by the cue's offsets: its row's and those of
    the quotations that continue it (rows repeating the cue; see :func:`one_row_per_cue`).
    Annotated corpora mark one relation per cue whose content may be discontinuous
    (``“A,” she said. “B.”``: PolNeAR's content is A and B), so this is the content to score."""
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cue_start, cue_end, start, end in zip(
        rows["verb_start"], rows["verb_end"], rows["quote_start"], rows["quote_end"], strict=True
    ):
        found = spans.setdefault((int(cue_start), int(cue_end)), [])
        if not pd.isna(start):
            found.append((int(start), int(end)))
    return spans
