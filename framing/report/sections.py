"""The report's sections: :func:`prepare` sets up a :class:`ReportRun`, whose methods each
compute one statistic with :mod:`framing.stats`, draw its figure with :mod:`framing.plots`, write
the figure and table files with provenance, and return something that displays in Jupyter.
:func:`build` runs them all without a notebook.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing import plots, stats
from framing.coding import agreement, read_coded_samples
from framing.corpus import load_corpus
from framing.defaults import PER_WORDS
from framing.extract import Extraction, extract
from framing.report.folders import REPORT_KIND, under
from framing.report.inputs import corpus_origin
from framing.report.methods import methods_paragraph
from framing.report.outputs import FigureOutput, TextOutput
from framing.report.params import DEFAULTS, check_parameter_types, check_parameters, filter_corpus

__all__ = ["ReportRun", "build", "prepare"]

PathLike = str | os.PathLike[str]


@dataclass
class ReportRun:
    """State of one report: the selected corpus, its extraction, settings and output folder.

    Create it with :func:`prepare`; each method computes one part of the report, writes its
    files and returns what the notebook displays.
    """

    corpus: pd.DataFrame
    extraction: Extraction
    params: dict[str, Any]
    output_dir: Path
    provenance: dict[str, Any]
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    # -- helpers ------------------------------------------------------------------------------

    @property
    def outlets(self) -> list[str]:
        """Outlets compared (sorted)."""
        return sorted(self.extraction.articles["outlet"].dropna().astype(str).unique())

    def _record(self, name: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return {**self.provenance, "parameters": {**self.params, **(params or {})}, "output": name}

    def _save_table(
        self, table: pd.DataFrame, name: str, caption: str, params: Mapping[str, Any] | None = None
    ) -> None:
        paths = plots.save_table(
            table,
            under(self.output_dir, "tables", name),
            self._record(name, params),
            caption=caption,
        )
        self.outputs[f"tables/{name}"] = {
            k: str(p.relative_to(self.output_dir.resolve())) for k, p in paths.items()
        }

    def _save_figure(
        self,
        fig: Any,
        name: str,
        table: pd.DataFrame | None,
        caption: str,
        params: Mapping[str, Any] | None = None,
    ) -> FigureOutput:
        paths = plots.save_figure(
            fig, under(self.output_dir, "figures", name), self._record(name, params)
        )
        self.outputs[f"figures/{name}"] = {
            k: str(p.relative_to(self.output_dir.resolve())) for k, p in paths.items()
        }
        return FigureOutput(name, fig, paths, table, caption)

    # -- steps --------------------------------------------------------------------------------

    def parameters_table(self) -> pd.DataFrame:
        """The parameters of this run, one row each (shown at the top of the report).

        Written for a reader: what an unset parameter means ("all", "no bound", "the 8 most
        quoted") rather than ``None``; the corpus by its file or folder name and the
        fingerprint of the selected articles (shortened; in full in the methods paragraph and
        the provenance), never a path on this machine (the provenance keeps the path);
        lexicon and coded-sheet files by name.
        """
        p = self.params
        unset = {
            "outlets": "all",
            "events": "all",
            "start": "no bound",
            "end": "no bound",
            "extra_lexicons": "none",
            "validation": "none",
            "speakers": f"the {p.get('top_speakers', DEFAULTS['top_speakers'])} most quoted",
        }

        def shown(name: str, value: Any) -> str:
            if value is None:
                return unset.get(name, "none")
            if name in ("extra_lexicons", "validation"):  # files: their names, not paths
                return ", ".join(Path(str(v)).name for v in value) or "none"
            if isinstance(value, str):
                return value
            return json.dumps(value, ensure_ascii=False, default=str)

        source = self.provenance.get("corpus_source")
        corpus = Path(str(source)).name if source else "a DataFrame given in Python"
        columns = self.provenance.get("corpus_columns")
        if columns:
            corpus += ", columns " + ", ".join(f"{k}={v}" for k, v in columns.items())
        rows = [("corpus", corpus)]
        fingerprint = self.provenance.get("corpus_fingerprint")
        if fingerprint:
            # Shortened like a git hash: pandas cuts cells at 50 characters in the report;
            # the methods paragraph and provenance.json have it in full.
            short = fingerprint if len(fingerprint) <= 24 else fingerprint[:23] + "…"
            rows.append(("corpus fingerprint", f"{short} (selected articles)"))
        rows += [(k, shown(k, v)) for k, v in p.items() if k != "corpus"]
        return pd.DataFrame(rows, columns=["parameter", "value"]).set_index("parameter")

    def overview(self) -> pd.DataFrame:
        """Articles, words, events and dates per outlet; saved as ``tables/corpus_overview``."""
        articles = self.extraction.articles
        table = (
            articles.groupby("outlet", sort=True, observed=True)
            .agg(
                articles=("id", "size"),
                words=("words", "sum"),
                events=("event", "nunique"),
                first_published=("published", "min"),
                last_published=("published", "max"),
                loaded_outlet=("loaded_outlet", "sum"),
                loaded_quoted=("loaded_quoted", "sum"),
                attributions=("attributions", "sum"),
            )
            .reset_index()
        )
        for column in ("first_published", "last_published"):
            table[column] = table[column].dt.strftime("%Y-%m-%d")
        self._save_table(table, "corpus_overview", "Corpus by outlet")
        return table.set_index("outlet")

    def loaded_rates(self) -> FigureOutput:
        """Loaded-term rate in each outlet's own voice with cluster-bootstrap intervals."""
        p = self.params
        rates = stats.outlet_rates(
            self.extraction.articles,
            "rate_loaded_outlet",
            n_boot=p["n_boot"],
            seed=p["seed"],
            min_articles=p["min_articles"],
        )
        self.stats["loaded_rates"] = rates.attrs
        self._save_table(rates, "loaded_rates", "Loaded terms per 1,000 words (outlet voice)")
        level = f"{rates.attrs.get('ci', 0.95):.0%}"
        fig = plots.loaded_rate_figure(
            rates,
            note=f"Bars: {level} cluster-bootstrap intervals ({p['n_boot']:,} resamples of "
            f"articles, seed {p['seed']}). Outlets with fewer than {p['min_articles']} articles "
            "are marked, not plotted.",
            min_note=f"fewer than {p['min_articles']} articles",
        )
        return self._save_figure(
            fig, "loaded_rate", rates, "Loaded terms per 1,000 words in each outlet's own voice."
        )

    def distinctive_terms(self, top: int = 8) -> FigureOutput:
        """Loaded terms each outlet uses more than the others (log-odds z-scores)."""
        p = self.params
        terms = stats.distinctive_terms(
            self.extraction.hits,
            self.extraction.articles,
            "loaded",
            min_count=p["min_term_count"],
        )
        prior = terms.attrs.get("prior", {})
        self.stats["distinctive_terms"] = {
            "alpha0": prior.get("alpha0"),
            "alpha0_rule": prior.get("alpha0_rule"),
            "min_count": terms.attrs.get("min_count"),
        }
        self._save_table(terms, "distinctive_terms", "Distinctive loaded terms per outlet")
        fig = plots.distinctive_terms_figure(
            terms,
            top=top,
            note=f"Loaded terms in the outlet's own voice used at least {p['min_term_count']} "
            f"times in the corpus; prior alpha0 = {prior.get('alpha0', float('nan')):,.0f} words.",
        )
        return self._save_figure(
            fig, "distinctive_terms", terms, "Loaded terms most distinctive of each outlet."
        )

    def verb_classes(self) -> FigureOutput:
        """Composition of attribution verb classes per outlet, with a chi-square test."""
        hits = self.extraction.hits
        att = hits[hits["detector"] == "attribution"]
        counts = (
            att.groupby(["outlet", "category"], observed=True)
            .size()
            .rename("count")
            .reset_index()
            .rename(columns={"category": "verb_class"})
        )
        self._save_table(counts, "verb_class_counts", "Attributions by outlet and verb class")
        note = None
        try:
            test = stats.verb_class_test(hits, seed=self.params["seed"])
        except ValueError as exc:
            self.stats["verb_class_test"] = {"error": str(exc)}
            note = f"No chi-square test: {exc}"
        else:
            result = {
                "statistic": test.statistic,
                "dof": test.dof,
                "p_value": test.pvalue,
                "p_value_monte_carlo": test.pvalue_monte_carlo,
                "n_resamples": test.n_resamples,
                "n": test.n,
                "cramers_v": test.cramers_v,
                "note": test.note,
            }
            self.stats["verb_class_test"] = result
            self._save_table(
                pd.DataFrame([result]), "verb_class_test", "Chi-square test of outlet x verb class"
            )
            floor = 1 / (test.n_resamples + 1)  # smallest Monte Carlo p-value possible
            p_mc = test.pvalue_monte_carlo
            p_text = f"p ≤ {floor:.2g}" if p_mc <= floor * (1 + 1e-9) else f"p = {p_mc:.3g}"
            p_text += f" (Monte Carlo, {test.n_resamples:,} tables)"
            note = (
                f"Chi-square = {test.statistic:.1f}, df = {test.dof}, {p_text}, "
                f"Cramér's V = {test.cramers_v:.2f}."
            )
        fig = plots.verb_class_figure(counts, note=note)
        return self._save_figure(
            fig, "verb_classes", counts, "Share of each verb class among an outlet's attributions."
        )

    def attribution_shares(self) -> pd.DataFrame:
        """Per speaker x outlet: attributions and shares of direct, doubt, endorsing and
        emotive attributions with intervals (``tables/attribution_asymmetry``)."""
        if "attribution" in self.stats:
            return self.stats["attribution"]
        p = self.params
        table = stats.attribution_asymmetry(
            self.extraction.hits,
            p.get("speakers"),
            top=p["top_speakers"],
            min_attributions=p["min_count"],
            n_boot=p["n_boot"],
            seed=p["seed"],
        )
        self._save_table(
            table,
            "attribution_asymmetry",
            "How outlets attribute the words of the most quoted speakers",
        )
        self.stats["attribution"] = table
        return table

    def doubt_shares(self, share: str = "doubt") -> FigureOutput:
        """Heat map of the share of each speaker's attributions with ``share`` cues
        (``"doubt"``, ``"endorsement"``, ``"emotive"`` or ``"direct"``)."""
        table = self.attribution_shares()
        column = f"share_{share}"
        if column not in table.columns:
            valid = [
                c.removeprefix("share_")
                for c in table.columns
                if c.startswith("share_") and not c.endswith(("_low", "_high"))
            ]
            raise ValueError(f"unknown share {share!r}; valid: {', '.join(valid)}")
        words = {
            "doubt": "doubt cues",
            "endorsement": "endorsing cues",
            "emotive": "emotive cues",
            "direct": "direct quotation",
        }
        label = words.get(share, share)
        fig = plots.doubt_share_figure(
            table,
            share=column,
            n="attributions",
            min_count=self.params["min_count"],
            speakers=list(dict.fromkeys(table["speaker"].astype(str))),
            title=f"{label[0].upper()}{label[1:]} by speaker and outlet",
            colorbar_label=f"share of the speaker's attributions with {label}",
        )
        return self._save_figure(
            fig,
            f"{share}_share",
            table[
                [
                    "speaker",
                    "outlet",
                    "attributions",
                    column,
                    f"{column}_low",
                    f"{column}_high",
                    "below_min",
                ]
            ],
            f"Share of each speaker's attributions using {label}, by outlet.",
        )

    def matched_events(self) -> FigureOutput:
        """Loaded-term rates event by event, and mean within-event differences."""
        p = self.params
        articles = self.extraction.articles
        outlets = self.outlets
        event_rates = (
            articles[articles["event"].notna()]
            .groupby(["event", "outlet"], observed=True)
            .agg(articles=("id", "size"), words=("words", "sum"), count=("loaded_outlet", "sum"))
            .reset_index()
        )
        event_rates = event_rates[event_rates["words"] > 0]
        coverage = event_rates.groupby("event")["outlet"].transform("nunique")
        event_rates = event_rates[coverage >= 2].copy()
        event_rates["rate"] = event_rates["count"] * float(PER_WORDS) / event_rates["words"]
        self._save_table(
            event_rates.reset_index(drop=True),
            "event_rates",
            "Loaded terms per 1,000 words by event and outlet",
        )
        shared: list[str] = []
        note = "No event is covered by every compared outlet; no matched differences."
        try:
            matched = stats.matched_comparison(
                articles,
                outlets,
                "rate_loaded_outlet",
                n_boot=p["n_boot"],
                seed=p["seed"],
                min_events=min(3, max(1, articles["event"].nunique())),
            )
        except ValueError as exc:
            self.stats["matched"] = {"error": str(exc)}
            note = f"No matched differences: {exc}"
        else:
            shared = matched.events
            self.stats["matched"] = {"events": shared, "excluded": matched.excluded_events}
            self._save_table(
                matched.differences,
                "matched_differences",
                "Mean within-event differences of loaded-term rates",
            )
            if shared:
                note = (
                    f"Bold: the {len(shared)} event(s) covered by every compared outlet, "
                    "used for the mean within-event differences (tables/"
                    "matched_differences)."
                )
        fig = plots.matched_events_figure(
            event_rates, value="rate", outlets=outlets, highlight=shared, note=note
        )
        return self._save_figure(
            fig,
            "matched_events",
            event_rates,
            "Loaded-term rate of each outlet's coverage of the same event.",
        )

    def counts(self) -> dict[str, Any]:
        """Sizes quoted in the methods paragraph."""
        articles = self.extraction.articles
        events = articles["event"].dropna()
        per_event = articles.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
        published = articles["published"].dropna()
        return {
            "articles": len(articles),
            "outlets": int(articles["outlet"].nunique()),
            "words": int(articles["words"].sum()),
            "events": int(events.nunique()),
            "matched_events": int((per_event >= 2).sum()),
            "fully_matched_events": (
                len(self.stats["matched"].get("events", [])) if "matched" in self.stats else None
            ),
            "attributions": int(articles["attributions"].sum()),
            "first_published": f"{published.min():%Y-%m-%d}" if len(published) else None,
            "last_published": f"{published.max():%Y-%m-%d}" if len(published) else None,
        }

    def validation(self) -> list[FigureOutput] | TextOutput:
        """The detectors against human coding on this corpus (parameter ``validation``: coded
        sheets of ``framing sample``, one sample per detector): reliability, precision and misses
        per outlet, and rates corrected for both (``tables/validation_*``,
        ``tables/corrected_rates``; one figure per detector)."""
        sheets = self.params.get("validation")
        if not sheets:
            return TextOutput(
                "No coded sheets were given (parameter `validation`), so this report does not "
                "check the detectors against human coding on this corpus. Draw a sheet with "
                "`framing sample`, have it coded and pass the coded copies: see "
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

        self._save_table(stacked("reliability"), "validation_reliability",
                         "Agreement between coders (Krippendorff's alpha, nominal)")  # fmt: skip
        self._save_table(stacked("estimates"), "validation_precision",
                         "Precision and misses per outlet (95% Wilson intervals)")  # fmt: skip
        self._save_table(stacked("corrected"), "corrected_rates",
                         "Rates per 1,000 words corrected for precision and misses")  # fmt: skip
        disagreements = stacked("disagreements")
        if len(disagreements):
            self._save_table(disagreements, "validation_disagreements",
                             "Items the coders coded differently")  # fmt: skip
        self.stats["validation"] = [self._validation_summary(r) for r in results]
        figures = []
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
                result.estimates, result.corrected,
                title=f"{meta.get('detector_name')} measured against human coding", note=note,
            )  # fmt: skip
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

    def methods(self) -> TextOutput:
        """The methods paragraph for this run (also saved as ``methods.txt``)."""
        settings: dict[str, Any] = {
            key: self.params[key]
            for key in ("n_boot", "seed", "min_count", "min_term_count", "start", "end")
            if self.params.get(key) is not None
        }
        terms = self.stats.get("distinctive_terms") or {}
        if terms.get("alpha0") is not None:
            settings["alpha0"] = f"{terms['alpha0']:,.0f} words (corpus words / outlets)"
        test = self.stats.get("verb_class_test") or {}
        if "statistic" in test:
            settings["chi2"] = {
                "statistic": test["statistic"],
                "dof": test["dof"],
                "p_value": test["p_value_monte_carlo"],
                "monte_carlo": test["n_resamples"],
            }
        if self.stats.get("validation"):
            settings["validation"] = self.stats["validation"]
        text = methods_paragraph(plots.sidecar_record(self.provenance), settings, self.counts())
        path = under(self.output_dir, "methods.txt")
        path.write_text(text + "\n", encoding="utf-8")
        self.outputs["methods"] = {"txt": "methods.txt"}
        return TextOutput(text, "Methods")

    def files_table(self) -> pd.DataFrame:
        """The files this run wrote, one row per output (paths relative to the report)."""
        rows = [
            (name, ", ".join(sorted(Path(p).name for p in files.values())))
            for name, files in sorted(self.outputs.items())
        ]
        rows.append(("provenance", "provenance.json"))
        return pd.DataFrame(rows, columns=["output", "files"]).set_index("output")

    def finish(self) -> Path:
        """Write ``provenance.json``: everything needed to trace and reproduce the report."""
        record = plots.sidecar_record(
            self.provenance,
            kind=REPORT_KIND,
            parameters=self.params,
            counts=self.counts(),
            statistics={k: v for k, v in self.stats.items() if not isinstance(v, pd.DataFrame)},
            outputs=self.outputs,
            seconds=round(time.perf_counter() - self.started, 2),
        )
        path = under(self.output_dir, "provenance.json")
        path.write_text(
            json.dumps(record, indent=2, ensure_ascii=False, default=plots.json_default) + "\n",
            encoding="utf-8",
        )
        return path


def prepare(
    corpus: pd.DataFrame | PathLike,
    *,
    output_dir: PathLike = "report-output",
    **params: Any,
) -> ReportRun:
    """Select the articles, run the detectors and set up the output folder of a report.

    Args:
        corpus: a corpus DataFrame or a path for :func:`framing.load_corpus`.
        output_dir: folder for ``figures/``, ``tables/``, ``extraction/`` and
            ``provenance.json`` (created).
        **params: the notebook's parameters (``outlets``, ``events``, ``start``, ``end``,
            ``extra_lexicons``, ``speakers``, ``top_speakers``, ``min_articles``,
            ``min_count``, ``min_term_count``, ``n_boot``, ``seed``, ``validation``); missing
            ones take the
            values in :data:`DEFAULTS`.

    Returns:
        A :class:`ReportRun`.

    Raises:
        ValueError: an unknown parameter or a value the corpus does not allow (see
            :func:`check_parameters`).
    """
    unknown = sorted(set(params) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; valid: {', '.join(DEFAULTS)}")
    settings = {**DEFAULTS, **check_parameter_types(params)}
    frame = load_corpus(corpus) if isinstance(corpus, (str, os.PathLike)) else corpus
    check_parameters(settings, frame)
    selected = filter_corpus(frame, settings)
    extraction = extract(selected, progress=False, extra=settings["extra_lexicons"])
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    extraction.save(under(out, "extraction"))
    provenance = dict(extraction.provenance)
    provenance["corpus_source"] = None
    if isinstance(corpus, (str, os.PathLike)):
        # A corpus `framing report --column` mapped names the user's file and mapping.
        origin = corpus_origin(corpus)
        provenance["corpus_source"] = origin["source"]
        if origin["columns"]:
            provenance["corpus_columns"] = origin["columns"]
    settings["corpus"] = provenance["corpus_source"]
    run = ReportRun(selected, extraction, settings, out, provenance)
    run.outputs["extraction"] = {
        name: f"extraction/{name}"
        for name in ("articles.parquet", "hits.parquet", "provenance.json")
    }
    return run


def build(corpus: pd.DataFrame | PathLike, *, output_dir: PathLike, **params: Any) -> ReportRun:
    """Compute every part of the report without a notebook (figures, tables, provenance).

    Args:
        corpus, output_dir, **params: as for :func:`prepare`.

    Returns:
        The finished :class:`ReportRun`.
    """
    run = prepare(corpus, output_dir=output_dir, **params)
    run.overview()
    run.loaded_rates()
    run.distinctive_terms()
    run.verb_classes()
    run.doubt_shares("doubt")
    run.doubt_shares("endorsement")
    run.matched_events()
    run.validation()
    run.methods()
    run.finish()
    return run


def _number_or_none(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
