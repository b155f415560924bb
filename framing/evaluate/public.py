"""Public annotated corpora, read from a folder the user gives (nothing is shipped or downloaded):

* PolNeAR (Newell, Margolin & Ruths 2018) attribution relations: ``articles.csv.gz`` and
  ``attributions.csv.gz`` (``framing evaluate --polnear DIR``);
* BABE (Spinde et al. 2021) sentences with biased words marked: ``sentences.csv.gz``
  (``framing evaluate --babe DIR``).

Both are scored through the public functions, as a user would call them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
from scipy.stats import spearmanr

from framing.detect.attribution import attributions
from framing.detect.attribution.labels import LABEL_ENTRY
from framing.detect.attribution.resources import resources
from framing.detect.loaded import loaded_terms
from framing.evaluate.scores import (
    Report,
    Score,
    contents_by_cue,
    context,
    match_spans,
    min_max_ratio,
    one_row_per_cue,
    overlaps,
)


def _spans(value: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in json.loads(value)] if isinstance(value, str) else []


def _chars(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Offsets of the letters and digits ``spans`` cover (spacing, punctuation and quotation
    marks, which annotators include or leave out by habit, do not count)."""
    return {k for start, end in spans for k in range(start, end) if text[k].isalnum()}


def _overlap(pred: set[int], gold: set[int]) -> Score:
    """Predicted letters inside gold letters, as precision and recall counts."""
    inside = len(pred & gold)
    return Score(inside, len(pred), inside, len(gold))


def evaluate_polnear(folder: str | Path, limit: int | None = None) -> Report:
    """Score :func:`framing.attributions` against PolNeAR attribution relations.

    PolNeAR annotates beliefs and intentions as well as speech, so recall is reported twice: over
    all relations, and over relations whose cue contains a word of the cue lexicon or is the
    colon of a speaker label ("Ruiz: ...", :data:`~framing.detect.attribution.labels.LABEL_ENTRY`),
    the speech cues. (Before attribution v35 the colon was not counted a speech cue: the rules
    found 9 of PolNeAR's 146 labelled relations, counted in precision only.)
    Sources in PolNeAR are mentions as written ("he"), so the speaker counts as right when the
    predicted mention overlaps the gold source span.
    """
    folder = Path(folder)
    articles = pd.read_csv(folder / "articles.csv.gz")
    rels = pd.read_csv(folder / "attributions.csv.gz")
    if limit:
        articles = articles.head(limit)
    by_file = {name: grp for name, grp in rels.groupby("filename")}
    cue_matcher = resources().cues
    # "find", "show", "conclude" are cues only when a document is the subject; PolNeAR's
    # relations with those cues are mostly a person's belief or perception ("he found",
    # "polls show" aside), so they stay out of the speech-cue relations, as before 1.1.0 of
    # the cue lexicon.
    conditional = resources().document_only_cues
    rep = Report(f"PolNeAR ({folder.name})")
    for art in articles.itertuples():
        text = art.text
        grp = by_file.get(art.filename)
        gold = [] if grp is None else list(grp.itertuples())
        rows = attributions(text)
        pred = one_row_per_cue(rows)
        contents = contents_by_cue(rows)
        gcues = [
            (min(s for s, _ in c), max(e for _, e in c)) if c else (0, 0)
            for c in (_spans(g.cue_spans) for g in gold)
        ]
        gsrc = [_spans(g.source_spans) for g in gold]
        speech = [
            str(g.cue_text).strip() == LABEL_ENTRY["term"]
            or any(
                cue_matcher.entries[h.entry]["term"] not in conditional
                for h in cue_matcher.find(str(g.cue_text))
            )
            for g in gold
        ]
        pcues = list(zip(pred["verb_start"].tolist(), pred["verb_end"].tolist(), strict=True))
        pairs = match_spans(pcues, gcues)
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
            if any(overlaps(pspan, s) for s in gsrc[j]):
                ok += 1
                ok_speech += speech[j]
            elif gsrc[j]:
                rep.miss(
                    "speaker mismatch",
                    f"{art.filename}: cue {gold[j].cue_text!r}: predicted"
                    f" {row['speaker_text']!r}, gold {gold[j].source_text!r}",
                )
        # What is reported: characters of the predicted content inside the gold content
        # spans, over matched speech-cue relations whose gold has a content span. This is
        # what the loaded-term `voice` column rests on (words in it are the speaker's). A
        # cue's content is that of its row and of the quotations continuing it
        # (contents_by_cue), as PolNeAR's content spans a continued quotation; the first row's
        # alone is scored too, the measure recorded before 2026-12-07.
        for i, j in pairs:
            gold_content = _spans(gold[j].content_spans)
            if not speech[j] or not gold_content:
                continue
            gold_chars = _chars(text, gold_content)
            row = pred.iloc[i]
            first = [] if pd.isna(row["quote_start"]) else [(row["quote_start"], row["quote_end"])]
            every = _overlap(_chars(text, contents[pcues[i]]), gold_chars)
            rep.score("content characters (speech-cue relations, cue found)").add(every)
            rep.breakdown("content characters by outlet", art.publisher).add(every)
            rep.score("content characters, the cue's first row only").add(
                _overlap(_chars(text, first), gold_chars)
            )
        rep.score("source+cue (all relations)").add(Score(ok, len(pcues), ok, len(gcues)))
        rep.score("source+cue (speech-cue relations)").add(
            Score(ok, len(pcues), ok_speech, n_speech)
        )
        rep.breakdown("source+cue (speech-cue relations) by outlet", art.publisher).add(
            Score(ok, len(pcues), ok_speech, n_speech)
        )
        for i in range(len(pcues)):
            if i not in {ii for ii, _ in pairs}:
                rep.miss(
                    "false positives",
                    f"{art.filename}: {pred['verb'].iloc[i]!r} ...{context(text, pcues[i])}...",
                )
        for j, g in enumerate(gold):
            if speech[j] and j not in matched_g:
                rep.miss(
                    "speech cues missed",
                    f"{art.filename}: {g.cue_text!r} ...{context(text, gcues[j])}...",
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
    voice, compared with ``label_bias``; also per outlet and per leaning (``type``), with the
    spread of recall across outlets and the outlet-level rank correlation between flagged and
    human-labelled shares (uneven error biases every comparison of outlets), and macro-F1 over
    the biased and unbiased classes.
    """
    df = pd.read_csv(Path(folder) / "sentences.csv.gz")
    if limit:
        df = df.head(limit)
    rep = Report(f"BABE ({Path(folder).name})")
    cats: Counter[str] = Counter()
    by_group: dict[tuple[str, str], list[int]] = {}  # (sentences, flagged, labelled biased)
    for row in df.itertuples():
        text = row.text
        pred = loaded_terms(text)
        gold = [(int(a), int(b)) for a, b, *_ in json.loads(row.biased_word_spans or "[]")]
        pspans = list(zip(pred["start"].tolist(), pred["end"].tolist(), strict=True))
        pairs = match_spans(pspans, gold)
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
                    f"{pred['text'].iloc[i]!r} [{cat}] ...{context(text, pspans[i])}...",
                )
        for j, g in enumerate(gold):
            if j not in {jj for _, jj in pairs}:
                rep.miss("biased words missed", f"{text[g[0] : g[1]]!r}")
        predicted = bool((pred["voice"] == "outlet").any())
        actual = row.label_bias == "Biased"
        sentence = Score(
            int(predicted and actual), int(predicted), int(predicted and actual), int(actual)
        )
        rep.score("sentence level (label_bias)").add(sentence)
        # The other class, for macro-F1: a sentence predicted and labelled unbiased.
        rep.score("sentence level (not biased)").add(
            Score(int(not predicted and not actual), int(not predicted),
                  int(not predicted and not actual), int(not actual))
        )  # fmt: skip
        for key, group in (("outlet", row.outlet), ("leaning", row.type)):
            label = str(group) if isinstance(group, str) and group else "unknown"
            rep.breakdown(f"sentence level by {key}", label).add(sentence)
            counts = by_group.setdefault((key, label), [0, 0, 0])
            counts[0] += 1
            counts[1] += predicted
            counts[2] += actual
    rep.notes.append(f"{len(df)} sentences")
    rep.figures.update(outlet_spread(rep.breakdowns.get("sentence level by outlet", {}), by_group))
    positive = rep.scores["sentence level (label_bias)"]
    negative = rep.scores["sentence level (not biased)"]
    rep.figures["sentence level macro-F1"] = round((positive.f1 + negative.f1) / 2, 4)
    return rep


#: Outlets with fewer sentences are left out of the spread across outlets (too few to compare).
MIN_OUTLET_SENTENCES = 50


def outlet_spread(
    by_outlet: dict[str, Score], counts: dict[tuple[str, str], list[int]]
) -> dict[str, float | None]:
    """How evenly the detector errs across outlets with at least
    :data:`MIN_OUTLET_SENTENCES` sentences: the lowest and highest recall, their ratio
    (1 = even), the lowest and highest false-positive rate (flagged sentences among those
    humans labelled unbiased), the lowest and highest offset of the flagged share from the
    share humans labelled biased (what a comparison of two outlets' rates can carry: their
    offsets' difference), and the Spearman rank correlation between the flagged and the
    human-labelled shares (does it order the outlets as humans do?)."""
    outlets = [
        name for name, score in by_outlet.items()
        if counts.get(("outlet", name), [0])[0] >= MIN_OUTLET_SENTENCES and score.n_gold
    ]  # fmt: skip
    if len(outlets) < 2:
        return {}
    recalls = [by_outlet[name].recall for name in outlets]
    detected = [counts[("outlet", name)][1] / counts[("outlet", name)][0] for name in outlets]
    human = [counts[("outlet", name)][2] / counts[("outlet", name)][0] for name in outlets]
    false_rates = [
        (score.n_pred - score.tp_pred) / unbiased
        for score, unbiased in (
            (by_outlet[name], counts[("outlet", name)][0] - by_outlet[name].n_gold)
            for name in outlets
        )
        if unbiased
    ]
    offsets = [d - h for d, h in zip(detected, human, strict=True)]
    rho = spearmanr(detected, human).statistic
    return {
        f"outlets compared (>= {MIN_OUTLET_SENTENCES} sentences)": float(len(outlets)),
        "recall, lowest outlet": round(min(recalls), 4),
        "recall, highest outlet": round(max(recalls), 4),
        "recall min/max ratio": min_max_ratio(recalls),
        "false-positive rate, lowest outlet": round(min(false_rates), 4) if false_rates else None,
        "false-positive rate, highest outlet": round(max(false_rates), 4) if false_rates else None,
        "flagged minus labelled share, lowest outlet": round(min(offsets), 4),
        "flagged minus labelled share, highest outlet": round(max(offsets), 4),
        "outlet Spearman (flagged vs human)": None if rho != rho else round(float(rho), 4),
    }
