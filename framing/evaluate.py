"""Precision, recall and F1 of the detectors on annotated data.

Three sources of gold data:

* the project's annotated development set (``tests/data/devset``, format in ``docs/FORMATS.md``);
* PolNeAR (Newell, Margolin & Ruths 2018) attribution relations, read from a folder holding
  ``articles.csv.gz`` and ``attributions.csv.gz`` (``--polnear DIR``);
* BABE (Spinde et al. 2021) sentences with biased words marked (``--babe DIR``).

Run ``framing evaluate`` (or ``python -m framing.evaluate``). Matching rules:

* loaded terms and markers: a prediction is correct when its span overlaps a gold span (each
  gold span is matched at most once);
* attribution: a prediction matches a gold attribution when the cue spans overlap; it counts as
  correct ("speaker + cue") when, in addition, the speaker agrees: the canonical names share a
  content word, or the predicted mention overlaps the gold mention.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import framing

DEFAULT_DEVSET = Path(__file__).resolve().parents[1] / "tests" / "data" / "devset"
_STOP = {
    "the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "president", "minister", "prime",
    "foreign", "finance", "chief", "leader", "spokesman", "spokeswoman", "spokesperson", "his",
    "her", "their",
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------------------------


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
        for note in self.notes:
            lines.append(f"note: {note}")
        if misses:
            for key, items in self.misses.items():
                lines.append(f"-- {key} (first {min(misses, len(items))} of {len(items)})")
                lines.extend(f"   {m}" for m in items[:misses])
        return "\n".join(lines)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(
    preds: Sequence[tuple[int, int]], golds: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of overlapping spans, in text order: (pred i, gold j) pairs."""
    pairs = []
    used: set[int] = set()
    for i, p in enumerate(preds):
        best = None
        for j, g in enumerate(golds):
            if j in used or not _overlaps(p, g):
                continue
            overlap = min(p[1], g[1]) - max(p[0], g[0])
            if best is None or overlap > best[0]:
                best = (overlap, j)
        if best is not None:
            used.add(best[1])
            pairs.append((i, best[1]))
    return pairs


def _nth(text: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
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
    if pred_span and gold_span and _overlaps(pred_span, gold_span):
        return True
    return bool(_content_words(pred_speaker) & _content_words(gold_speaker))


# ---------------------------------------------------------------------------------------------
# Development set
# ---------------------------------------------------------------------------------------------


def load_devset(path: str | Path | None = None) -> list[dict]:
    """Read the annotated passages (one JSON file each) from ``path``."""
    folder = Path(path) if path else DEFAULT_DEVSET
    if not folder.is_dir():
        raise FileNotFoundError(
            f"annotated development set not found at {folder}; pass --devset DIR"
        )
    passages = []
    for file in sorted(folder.glob("*.json")):
        try:
            data = json.loads(file.read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{file}: not a valid annotated passage ({exc})") from None
        data["_file"] = file.name
        passages.append(data)
    if not passages:
        raise FileNotFoundError(f"no *.json passages in {folder}")
    return passages


def evaluate_devset(passages: Iterable[dict]) -> Report:
    """Score all detectors on annotated passages (see ``docs/FORMATS.md``)."""
    rep = Report("development set")
    n = 0
    for passage in passages:
        n += 1
        text = passage["text"]
        where = passage.get("_file", passage.get("id", "?"))
        a = framing.analyze(text)
        _score_loaded(rep, text, a.loaded_terms, passage, where)
        _score_attributions(rep, text, a.attributions, passage, where)
        _score_markers(rep, text, a.markers, passage, where)
    rep.notes.append(f"{n} passages")
    return rep


def _score_loaded(rep: Report, text: str, pred: pd.DataFrame, passage: dict, where: str) -> None:
    gold = passage.get("loaded_terms", [])
    gspans = [_nth(text, g["text"], g.get("occurrence", 1), where) for g in gold]
    pspans = list(zip(pred["start"].tolist(), pred["end"].tolist(), strict=True))
    pairs = _match(pspans, gspans)
    s = Score(len(pairs), len(pspans), len(pairs), len(gspans))
    rep.score("loaded_terms").add(s)
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for j, g in enumerate(gold):
        b = rep.breakdown("loaded_terms by gold category (recall)", g["category"])
        b.n_gold += 1
        b.tp_gold += j in matched_g
        if j not in matched_g:
            rep.miss("loaded_terms missed", f"{where}: {g['text']!r} [{g['category']}]")
    for i, cat in enumerate(pred["category"].tolist()):
        b = rep.breakdown("loaded_terms by predicted category (precision)", cat)
        b.n_pred += 1
        b.tp_pred += i in matched_p
        if i not in matched_p:
            rep.miss(
                "loaded_terms false positives",
                f"{where}: {pred['text'].iloc[i]!r} [{cat}] ...{_context(text, pspans[i])}...",
            )
    for i, j in pairs:
        rep.count_accuracy(
            "loaded_terms in_quote accuracy",
            bool(pred["in_quote"].iloc[i]) == bool(gold[j].get("in_quote", False)),
        )
        rep.count_accuracy(
            "loaded_terms category accuracy", pred["category"].iloc[i] == gold[j]["category"]
        )
    for trap in passage.get("literal_traps", []):
        span = _nth(text, trap["text"], trap.get("occurrence", 1), where)
        flagged = any(_overlaps(span, p) for p in pspans)
        rep.count_accuracy("literal traps left unflagged", not flagged)
        if flagged:
            rep.miss("literal traps flagged", f"{where}: {trap['text']!r}")


def _context(text: str, span: tuple[int, int], width: int = 40) -> str:
    return text[max(0, span[0] - width) : span[1] + width].replace("\n", " ")


def _score_attributions(
    rep: Report, text: str, pred: pd.DataFrame, passage: dict, where: str
) -> None:
    gold = passage.get("attributions", [])
    gcues = [_nth(text, g["cue"], g.get("cue_occurrence", 1), where) for g in gold]
    gmentions = [
        _nth(text, g["mention"], g.get("mention_occurrence", 1), where)
        if g.get("mention")
        else None
        for g in gold
    ]
    pcues = list(zip(pred["verb_start"].tolist(), pred["verb_end"].tolist(), strict=True))
    pairs = _match(pcues, gcues)
    cue = Score(len(pairs), len(pcues), len(pairs), len(gcues))
    rep.score("attribution cue").add(cue)
    correct = []
    for i, j in pairs:
        row = pred.iloc[i]
        pspan = (
            (int(row["speaker_start"]), int(row["speaker_end"]))
            if not pd.isna(row["speaker_start"])
            else None
        )
        ok = speakers_agree(row["speaker"], pspan, gold[j]["speaker"], gmentions[j])
        correct.append((i, j, ok))
        g = gold[j]
        rep.count_accuracy("attribution verb_class accuracy", row["verb_class"] == g["verb_class"])
        rep.count_accuracy("attribution kind accuracy", row["kind"] == g["kind"])
        rep.count_accuracy(
            "attribution source_type accuracy", row["source_type"] == g["source_type"]
        )
        if not ok:
            rep.miss(
                "attribution wrong speaker",
                f"{where}: cue {g['cue']!r}: predicted {row['speaker']!r}, gold {g['speaker']!r}",
            )
        if row["kind"] != g["kind"]:
            rep.miss(
                "attribution wrong kind",
                f"{where}: cue {g['cue']!r} ({g['speaker']}): predicted {row['kind']},"
                f" gold {g['kind']}",
            )
        if row["source_type"] != g["source_type"]:
            rep.miss(
                "attribution wrong source_type",
                f"{where}: {row['speaker']!r}: predicted {row['source_type']},"
                f" gold {g['source_type']}",
            )
    tp = sum(ok for *_, ok in correct)
    rep.score("attribution speaker+cue").add(Score(tp, len(pcues), tp, len(gcues)))
    ok_gold = {j for _, j, ok in correct if ok}
    ok_pred = {i for i, _, ok in correct if ok}
    for j, g in enumerate(gold):
        for key, label in (
            ("by gold verb_class", g["verb_class"]),
            ("by gold kind", g["kind"]),
            ("by gold source_type", g["source_type"]),
        ):
            b = rep.breakdown(f"attribution speaker+cue {key} (recall)", label)
            b.n_gold += 1
            b.tp_gold += j in ok_gold
        if j not in {jj for _, jj in pairs}:
            rep.miss(
                "attribution missed",
                f"{where}: {g['speaker']!r} {g['cue']!r} ({g['kind']})"
                f" ...{_context(text, gcues[j])}...",
            )
    for i in range(len(pcues)):
        b = rep.breakdown(
            "attribution speaker+cue by predicted verb_class (precision)",
            pred["verb_class"].iloc[i],
        )
        b.n_pred += 1
        b.tp_pred += i in ok_pred
        if i not in {ii for ii, _ in pairs}:
            rep.miss(
                "attribution false positives",
                f"{where}: {pred['speaker'].iloc[i]!r} {pred['verb'].iloc[i]!r}"
                f" ...{_context(text, pcues[i])}...",
            )


def _score_markers(rep: Report, text: str, pred: pd.DataFrame, passage: dict, where: str) -> None:
    gold = passage.get("markers", [])
    gspans = [_nth(text, g["text"], g.get("occurrence", 1), where) for g in gold]
    pspans = list(zip(pred["start"].tolist(), pred["end"].tolist(), strict=True))
    pairs = _match(pspans, gspans)
    rep.score("markers").add(Score(len(pairs), len(pspans), len(pairs), len(gspans)))
    matched_g = {j for _, j in pairs}
    matched_p = {i for i, _ in pairs}
    for j, g in enumerate(gold):
        b = rep.breakdown("markers by gold type (recall)", g["type"])
        b.n_gold += 1
        b.tp_gold += j in matched_g
        if j not in matched_g:
            rep.miss("markers missed", f"{where}: {g['text']!r} [{g['type']}]")
    for i, t in enumerate(pred["type"].tolist()):
        b = rep.breakdown("markers by predicted type (precision)", t)
        b.n_pred += 1
        b.tp_pred += i in matched_p
        if i not in matched_p:
            rep.miss("markers false positives", f"{where}: {pred['text'].iloc[i]!r} [{t}]")


# ---------------------------------------------------------------------------------------------
# PolNeAR
# ---------------------------------------------------------------------------------------------


def _spans(value: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in json.loads(value)] if isinstance(value, str) else []


def evaluate_polnear(folder: str | Path, limit: int | None = None) -> Report:
    """Score :func:`framing.attributions` against PolNeAR attribution relations.

    PolNeAR annotates beliefs and intentions as well as speech, so recall is reported twice: over
    all relations, and over relations whose cue contains a word of the cue lexicon (speech cues).
    Sources in PolNeAR are mentions as written ("he"), so the speaker counts as right when the
    predicted mention overlaps the gold source span.
    """
    folder = Path(folder)
    articles = pd.read_csv(folder / "articles.csv.gz")
    rels = pd.read_csv(folder / "attributions.csv.gz")
    if limit:
        articles = articles.head(limit)
    by_file = {name: grp for name, grp in rels.groupby("filename")}
    from framing.detect.attribution.resources import resources

    cue_matcher = resources().cues
    rep = Report(f"PolNeAR ({folder.name})")
    for art in articles.itertuples():
        text = art.text
        grp = by_file.get(art.filename)
        gold = [] if grp is None else list(grp.itertuples())
        pred = framing.attributions(text)
        gcues = [
            (min(s for s, _ in c), max(e for _, e in c)) if c else (0, 0)
            for c in (_spans(g.cue_spans) for g in gold)
        ]
        gsrc = [_spans(g.source_spans) for g in gold]
        speech = [bool(cue_matcher.find(str(g.cue_text))) for g in gold]
        pcues = list(zip(pred["verb_start"].tolist(), pred["verb_end"].tolist(), strict=True))
        pairs = _match(pcues, gcues)
        rep.score("cue (all relations)").add(Score(len(pairs), len(pcues), len(pairs), len(gcues)))
        matched_g = {j for _, j in pairs}
        n_speech = sum(speech)
        found_speech = sum(1 for j in matched_g if speech[j])
        rep.score("cue (speech-cue relations)").add(
            Score(len(pairs), len(pcues), found_speech, n_speech)
        )
        ok = 0
        ok_speech = 0
        for i, j in pairs:
            row = pred.iloc[i]
            if pd.isna(row["speaker_start"]):
                continue
            pspan = (int(row["speaker_start"]), int(row["speaker_end"]))
            if any(_overlaps(pspan, s) for s in gsrc[j]):
                ok += 1
                ok_speech += speech[j]
            elif gsrc[j]:
                rep.miss(
                    "speaker mismatch",
                    f"{art.filename}: cue {gold[j].cue_text!r}: predicted"
                    f" {row['speaker_text']!r}, gold {gold[j].source_text!r}",
                )
        rep.score("source+cue (all relations)").add(Score(ok, len(pcues), ok, len(gcues)))
        rep.score("source+cue (speech-cue relations)").add(
            Score(ok, len(pcues), ok_speech, n_speech)
        )
        for i in range(len(pcues)):
            if i not in {ii for ii, _ in pairs}:
                rep.miss(
                    "false positives",
                    f"{art.filename}: {pred['verb'].iloc[i]!r} ...{_context(text, pcues[i])}...",
                )
        for j, g in enumerate(gold):
            if speech[j] and j not in matched_g:
                rep.miss(
                    "speech cues missed",
                    f"{art.filename}: {g.cue_text!r} ...{_context(text, gcues[j])}...",
                )
    rep.notes.append(f"{len(articles)} articles, {len(rels)} relations in folder")
    rep.notes.append(
        "precision counts every prediction; PolNeAR's unannotated speech acts"
        " (a minority) count against it"
    )
    return rep


# ---------------------------------------------------------------------------------------------
# BABE
# ---------------------------------------------------------------------------------------------


def evaluate_babe(folder: str | Path, limit: int | None = None) -> Report:
    """Score :func:`framing.loaded_terms` against BABE's expert labels.

    Word level: predicted spans (outlet voice and quoted alike) against the marked biased words.
    Sentence level: a sentence is predicted biased when it has a loaded term in the outlet's
    voice, compared with ``label_bias``.
    """
    df = pd.read_csv(Path(folder) / "sentences.csv.gz")
    if limit:
        df = df.head(limit)
    rep = Report(f"BABE ({Path(folder).name})")
    cats: Counter[str] = Counter()
    for row in df.itertuples():
        text = row.text
        pred = framing.loaded_terms(text)
        gold = [(int(a), int(b)) for a, b, *_ in json.loads(row.biased_word_spans or "[]")]
        pspans = list(zip(pred["start"].tolist(), pred["end"].tolist(), strict=True))
        pairs = _match(pspans, gold)
        rep.score("word level (biased words)").add(
            Score(len(pairs), len(pspans), len(pairs), len(gold))
        )
        matched_p = {i for i, _ in pairs}
        for i, cat in enumerate(pred["category"].tolist()):
            cats[cat] += 1
            b = rep.breakdown("word level by predicted category (precision)", cat)
            b.n_pred += 1
            b.tp_pred += i in matched_p
            if i not in matched_p:
                rep.miss(
                    "word-level false positives",
                    f"{pred['text'].iloc[i]!r} [{cat}] ...{_context(text, pspans[i])}...",
                )
        for j, g in enumerate(gold):
            if j not in {jj for _, jj in pairs}:
                rep.miss("biased words missed", f"{text[g[0] : g[1]]!r}")
        predicted = bool((~pred["in_quote"]).any())
        actual = row.label_bias == "Biased"
        rep.score("sentence level (label_bias)").add(
            Score(int(predicted and actual), int(predicted), int(predicted and actual), int(actual))
        )
    rep.notes.append(f"{len(df)} sentences")
    return rep


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


def main_from_args(args: argparse.Namespace) -> int:
    reports = []
    if args.polnear:
        reports.append(evaluate_polnear(args.polnear, limit=args.limit))
    if args.babe:
        reports.append(evaluate_babe(args.babe, limit=args.limit))
    if args.devset or not (args.polnear or args.babe):
        passages = load_devset(args.devset)
        if args.limit:
            passages = passages[: args.limit]
        reports.append(evaluate_devset(passages))
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], indent=2))
    else:
        print("\n\n".join(r.format(misses=args.misses) for r in reports))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from framing.cli import build_parser

    return main_from_args(build_parser().parse_args(["evaluate", *(argv or sys.argv[1:])]))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
