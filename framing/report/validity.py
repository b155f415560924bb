"""The report's sections on how far to trust the measures: the detectors' accuracy on annotated
data and their known blind spots, the corpus's validation warnings, and the detectors against
human coding on this corpus (coded sheets of ``framing sample``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from framing import plots
from framing.coding import agreement, read_coded_samples
from framing.corpus.problems import problems_table
from framing.evaluate import evaluate_devset, load_devset, recorded_scores
from framing.extract import Extraction
from framing.report.extracted import facts_problems
from framing.report.outputs import Outputs, TableOutput, TextOutput

#: What the report does about each kind of corpus warning.
_HANDLING = {
    "duplicate_text": "kept; syndicated copies count once per outlet that ran them",
    "near_duplicate": "kept; shared wire copy counts for every outlet that ran it",
    "duplicate_id": "kept; articles sharing an id are one cluster in the bootstrap",
    "short_text": "kept; rates per 1,000 words weigh it by its few words",
    "empty_text": "kept with no words; it adds nothing to any rate",
}
_DEV_ROWS = (
    ("loaded_terms", "loaded terms"),
    ("attribution speaker+cue", "attribution (speaker and cue)"),
    ("markers", "hedges and scare quotes"),
)

__all__ = ["ValiditySections"]


class ValiditySections:
    """Sections of :class:`framing.report.sections.ReportRun` (a mixin: it uses the run's
    ``params``, ``stats``, ``provenance``, ``corpus_problems``, ``_save_table`` and
    ``_save_figure``)."""

    corpus_problems: pd.DataFrame | None

    params: dict[str, Any]
    stats: dict[str, Any]
    provenance: dict[str, Any]
    extraction: Extraction

    def validity(self) -> Outputs:
        """The detectors' precision and recall on the shipped development set (scored now) and
        on public corpora (recorded), their known blind spots, and this corpus's validation
        warnings with how the report handles them (``tables/validity``,
        ``tables/corpus_warnings``)."""
        passages = load_devset()
        dev = evaluate_devset(passages)
        rows = []
        for key, name in _DEV_ROWS:
            score = dev.scores[key]
            rows.append(
                {
                    "data": f"framing development set ({len(passages)} fictional passages,"
                    " shipped)",
                    "detector": name,
                    "measure": "spans (overlap with gold)",
                    "precision": score.precision,
                    "recall": score.recall,
                    "f1": score.f1,
                    "gold": score.n_gold,
                }
            )
        recorded = recorded_scores()
        for row in recorded["public"]:
            rows.append({
                "data": row["corpus"], "detector": row["detector"], "measure": row["measure"],
                "precision": row["precision"], "recall": row["recall"], "f1": row["f1"],
                "gold": None,
            })  # fmt: skip
        scores = pd.DataFrame(rows).astype({"gold": "Int64"})
        self._save_table(scores, "validity", "Precision and recall of the detectors")
        checked = self._corpus_problems()
        warnings = problems_table([]) if checked is None else checked
        warnings = warnings[warnings["severity"].isin(["warning", "error"])]
        summary = (
            warnings.groupby(["severity", "code"], sort=True)
            .agg(count=("message", "size"), example=("message", "first"))
            .reset_index()
        )
        summary["handling"] = [
            _HANDLING.get(c, "kept; see docs/corpus.md") for c in summary["code"]
        ]
        self._save_table(summary, "corpus_warnings", "Warnings of the corpus validation")
        self.stats["validity"] = {
            "development_set": {key: round(dev.scores[key].f1, 3) for key, _ in _DEV_ROWS},
            "development_set_passages": len(passages),
            "public": recorded["public"],
            "measured": recorded["measured"],
            "corpus_warnings": {
                str(c): int(n) for c, n in zip(summary["code"], summary["count"], strict=True)
            },
        }
        limitations = TextOutput(
            " ".join(f"({k}) {text}" for k, text in enumerate(recorded["limitations"], start=1)),
            "Known blind spots",
        )
        if checked is None:
            self.stats["validity"]["corpus_warnings"] = None
            corpus_part: TableOutput | TextOutput = TextOutput(
                "The corpus was not checked: the extraction this report reads was made without "
                "--for-report, so it kept no facts about the texts (duplicates, short or "
                "empty texts, markup). Run framing validate on the corpus.",
                "Corpus validation",
            )
        elif len(summary):
            corpus_part = TableOutput(
                "corpus_warnings", summary,
                "Warnings the corpus validation raised, and how the report handles them.",
            )  # fmt: skip
        else:
            corpus_part = TextOutput(
                "The corpus validation raised no warning (duplicates, syndicated copies, short "
                "or empty texts, dates).",
                "Corpus validation",
            )
        return Outputs([
            TableOutput("validity", scores, "Precision, recall and F1 of the detectors: on the "
                        "shipped development set (scored in this run) and on public corpora "
                        f"(recorded {recorded['measured']}; docs/validation.md)."),
            limitations,
            corpus_part,
        ])  # fmt: skip

    def validation(self) -> Outputs | TextOutput:
        """The detectors against human coding on this corpus (parameter ``validation``: coded
        sheets of ``framing sample``, one sample per detector): reliability, precision and misses
        per outlet, and rates corrected for both (``tables/validation_*``,
        ``tables/corrected_rates``; one figure per detector)."""
        sheets = self.params.get("validation")
        if not sheets:
            return TextOutput(
                "No coded sheets were given (parameter validation), so this report does not "
                "check the detectors against human coding on this corpus. Draw a sheet with "
                "framing sample, have it coded and pass the coded copies: see "
                "docs/validation-workflow.md.",
                "Validation",
            )
        results = [
            agreement(sample, seed=self.params["seed"]) for sample in read_coded_samples(sheets)
        ]

        def stacked(part: str) -> pd.DataFrame:
            frames = [getattr(r, part).assign(detector=r.meta["detector"]) for r in results]
            table = pd.concat(frames, ignore_index=True)
            return table[["detector", *[c for c in table.columns if c != "detector"]]]

        self._save_table(
            stacked("reliability"),
            "validation_reliability",
            "Agreement between coders (Krippendorff's alpha, nominal)",
        )
        self._save_table(
            stacked("estimates"),
            "validation_precision",
            "Precision and misses per outlet (95% Wilson intervals)",
        )
        self._save_table(
            stacked("corrected"),
            "corrected_rates",
            "Rates per 1,000 words corrected for precision and misses",
        )
        disagreements = stacked("disagreements")
        if len(disagreements):
            self._save_table(
                disagreements, "validation_disagreements", "Items the coders coded differently"
            )
        self.stats["validation"] = [self._validation_summary(r) for r in results]
        figures = Outputs()
        for result, summary in zip(results, self.stats["validation"], strict=True):
            meta = result.meta
            note = (
                f"{summary['coders']} coder(s), sample {meta.get('sample')} "
                f"({meta.get('per_outlet')} hits and sentences per outlet, seed {meta.get('seed')})"
                + (
                    f"; Krippendorff's alpha = {summary['alpha']:.2f}."
                    if summary["alpha"] is not None
                    else "."
                )
            )
            if meta.get("corpus_fingerprint") != self.provenance.get("corpus_fingerprint"):
                note += " Coded on another selection of articles than this report's."
            fig = plots.validation_figure(
                result.estimates,
                result.corrected,
                title=f"{meta.get('detector_name')} measured against human coding",
                note=note,
            )
            figures.append(
                self._save_figure(
                    fig,
                    f"validation_{meta.get('detector')}",
                    result.corrected,
                    f"{meta.get('detector_name')}: precision per outlet, and detected against "
                    "corrected rates per 1,000 words.",
                )
            )
        return figures

    def _corpus_problems(self) -> pd.DataFrame | None:
        """What the corpus validation finds on the selected articles, from the facts the
        extraction kept (near-duplicates aside: ``framing validate`` reads the texts for
        those): the table :func:`prepare` made from a folder's facts, else from the facts
        in memory; ``None`` when the extraction kept none."""
        if self.corpus_problems is None and self.extraction.has_texts:
            self.corpus_problems = facts_problems(
                self.extraction.texts, self.extraction.articles["outlet"]
            )
        return self.corpus_problems

    @staticmethod
    def _validation_summary(result: Any) -> dict[str, Any]:
        """What the methods paragraph reports of one coded sample."""
        meta = result.meta
        alphas = result.reliability.set_index("scope")["alpha"]
        estimates = result.estimates.dropna(subset=["precision"])
        recalls = result.corrected["recall"].dropna()
        return {
            "sample": meta.get("sample"),
            "detector": meta.get("detector_name"),
            "per_outlet": meta.get("per_outlet"),
            "seed": meta.get("seed"),
            "blind": meta.get("blind"),
            "coders": len(result.coders),
            "items": meta.get("items"),
            "alpha": _number_or_none(alphas.get("all items")),
            "alpha_by_kind": {
                "hits": _number_or_none(alphas.get("hit items")),
                "sentences": _number_or_none(alphas.get("sentence items")),
            },
            "precision": [float(estimates["precision"].min()), float(estimates["precision"].max())]
            if len(estimates)
            else None,
            "recall": [float(recalls.min()), float(recalls.max())] if len(recalls) else None,
            "sample_corpus_fingerprint": meta.get("corpus_fingerprint"),
        }


def _number_or_none(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
