"""The annotated development set shipped inside the package, and scoring every detector on it.

72 fictional passages (p001 ... p072) with gold loaded terms, literal traps, attributions and
markers, one JSON file each in ``framing/evaluate/devset/`` (format: ``docs/FORMATS.md``;
composition and guidelines: ``docs/devset.md``). They ship with the package, so
``framing evaluate`` works on any install.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pandas as pd

from framing.analysis import analyze
from framing.evaluate.scores import (
    Report,
    Score,
    context,
    match_spans,
    min_max_ratio,
    nth,
    one_row_per_cue,
    overlaps,
    speakers_agree,
)


def bundled_devset() -> Traversable:
    """The folder of the bundled development set."""
    return resources.files("framing.evaluate").joinpath("devset")


def load_devset(path: str | Path | None = None) -> list[dict]:
    """Read the annotated passages (one JSON file each) from ``path``."""
    folder: Path | Traversable = Path(path) if path else bundled_devset()
    if not folder.is_dir():
        raise FileNotFoundError(
            f"annotated development set not found at {folder}; pass --devset DIR"
        )
    passages = []
    for file in sorted(
        (f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name
    ):
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
    """Score all detectors on annotated passages (see ``docs/FORMATS.md``), overall and by the
    passages' style."""
    rep = Report("development set")
    n = 0
    for passage in passages:
        n += 1
        text = passage["text"]
        where = passage.get("_file", passage.get("id", "?"))
        a = analyze(text)
        _score_loaded(rep, text, a.loaded_terms, passage, where)
        _score_attributions(rep, text, a.attributions, passage, where)
        _score_markers(rep, text, a.markers, passage, where)
    rep.figures.update(style_spread(rep))
    rep.notes.append(f"{n} passages")
    return rep


#: Styles compared for the spread of recall (enough gold loaded terms to estimate it).
MIN_STYLE_GOLD = 20


def style_spread(rep: Report) -> dict[str, float]:
    """How evenly loaded terms are found across passage styles with at least
    :data:`MIN_STYLE_GOLD` gold terms, and between left- and right-leaning partisan copy (the
    dev set's stand-in for outlet slant): the lowest and highest recall, their ratio (1 =
    even) and the left/right recall ratio, lower over higher."""
    styles = rep.breakdowns.get("loaded_terms by passage style", {})
    compared = {k: v for k, v in styles.items() if v.n_gold >= MIN_STYLE_GOLD}
    out: dict[str, float] = {}
    if len(compared) >= 2:
        recalls = [v.recall for v in compared.values()]
        out[f"loaded_terms styles compared (>= {MIN_STYLE_GOLD} gold)"] = float(len(compared))
        out["loaded_terms recall min/max across styles"] = min_max_ratio(recalls) or 0.0
    left, right = styles.get("partisan-left"), styles.get("partisan-right")
    if left and right and left.n_gold and right.n_gold:
        sides = min_max_ratio([left.recall, right.recall])
        if sides is not None:
            out["loaded_terms recall, left/right partisan ratio"] = sides
    return out


def _score_loaded(rep: Report, text: str, pred: pd.DataFrame, passage: dict, where: str) -> None:
    gold = passage.get("loaded_terms", [])
    gspans = [nth(text, g["text"], g.get("occurrence", 1), where) for g in gold]
    pspans = list(zip(pred["start"].tolist(), pred["end"].tolist(), strict=True))
    pairs = match_spans(pspans, gspans)
    s = Score(len(pairs), len(pspans), len(pairs), len(gspans))
    rep.score("loaded_terms").add(s)
    # By the passage's style (wire, broadsheet, tabloid, trade, analysis, opinion, partisan-left,
    # partisan-right): uneven error between kinds of outlet biases comparisons between them.
    rep.breakdown("loaded_terms by passage style", passage.get("style", "unknown")).add(s)
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
                f"{where}: {pred['text'].iloc[i]!r} [{cat}] ...{context(text, pspans[i])}...",
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
        span = nth(text, trap["text"], trap.get("occurrence", 1), where)
        flagged = any(overlaps(span, p) for p in pspans)
        rep.count_accuracy("literal traps left unflagged", not flagged)
        if flagged:
            rep.miss("literal traps flagged", f"{where}: {trap['text']!r}")


def _score_attributions(
    rep: Report, text: str, pred: pd.DataFrame, passage: dict, where: str
) -> None:
    gold = passage.get("attributions", [])
    pred = one_row_per_cue(pred)
    gcues = [nth(text, g["cue"], g.get("cue_occurrence", 1), where) for g in gold]
    gmentions = [
        nth(text, g["mention"], g.get("mention_occurrence", 1), where) if g.get("mention") else None
        for g in gold
    ]
    pcues = list(zip(pred["verb_start"].tolist(), pred["verb_end"].tolist(), strict=True))
    pairs = match_spans(pcues, gcues)
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
        if g["source_type"] == "named":
            # Resolution within the article: the canonical name, not just the mention.
            resolved = str(row["speaker"]).casefold() == g["speaker"].casefold()
            rep.count_accuracy("attribution named speaker resolved", resolved)
            if not resolved:
                rep.miss(
                    "attribution named speaker not resolved",
                    f"{where}: cue {g['cue']!r}: resolved to {row['speaker']!r},"
                    f" gold {g['speaker']!r}",
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
    rep.breakdown("attribution speaker+cue by passage style", passage.get("style", "unknown")).add(
        Score(tp, len(pcues), tp, len(gcues))
    )
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
                f" ...{context(text, gcues[j])}...",
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
                f" ...{context(text, pcues[i])}...",
            )


def _score_markers(rep: Report, text: str, pred: pd.DataFrame, passage: dict, where: str) -> None:
    gold = passage.get("markers", [])
    gspans = [nth(text, g["text"], g.get("occurrence", 1), where) for g in gold]
    pspans = list(zip(pred["start"].tolist(), pred["end"].tolist(), strict=True))
    pairs = match_spans(pspans, gspans)
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
