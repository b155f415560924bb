"""The report's sections: :func:`prepare` sets up a :class:`ReportRun`, whose methods each
compute one statistic with :mod:`framing.stats`, draw its figure with :mod:`framing.plots`, write
the figure and table files with provenance, and return something that displays in Jupyter.
:func:`build` runs them all without a notebook.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing import plots, stats
from framing.corpus import load_corpus
from framing.defaults import MATCHED_EVENTS_SHOWN, PER_WORDS
from framing.extract import Extraction, extract
from framing.report.compact import TextReader, compact_articles, compact_hits
from framing.report.evidence import EVIDENCE_COLUMNS, ArticleTexts, draw_evidence
from framing.report.extracted import (
    check_on_extraction,
    checked_columns,
    is_extraction,
    select,
)
from framing.report.folders import FIGURE_WORKER, REPORT_KIND, under
from framing.report.heap import trim_heap
from framing.report.hit_tables import (
    EXACT_RANKS,
    ReportHits,
    report_hits,
    without_single_speakers,
)
from framing.report.inputs import corpus_origin
from framing.report.markers_trends import MARKER_MEASURES, MarkerTrendSections
from framing.report.methods import methods_paragraph
from framing.report.outputs import FigureOutput, TextOutput
from framing.report.params import DEFAULTS, check_parameter_types, check_parameters, filter_corpus
from framing.report.readable import event_titles, events_shown, surface_forms, with_forms
from framing.report.sources import TOP_VOICES, SourceSections, _pairs_in
from framing.report.validity import ValiditySections
from framing.stats.inputs import group_sizes, isin_names

__all__ = ["LOADED_MEASURE", "ReportRun", "build", "prepare", "resampled_counts"]

#: The loaded-term rate the report compares outlets on: in the outlet's own voice.
LOADED_MEASURE = "rate_loaded_outlet"

PathLike = str | os.PathLike[str]


@dataclass
class ReportRun(SourceSections, MarkerTrendSections, ValiditySections):
    """State of one report: the extraction of the selected articles (with their texts, when it
    was made for a report), settings and output folder.

    Create it with :func:`prepare`; each method computes one part of the report, writes its
    files and returns what the notebook displays.
    """

    extraction: Extraction
    params: dict[str, Any]
    output_dir: Path
    provenance: dict[str, Any]
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    #: Evidence rows of every figure so far (written to ``tables/evidence`` by :meth:`finish`).
    evidence: list[pd.DataFrame] = field(default_factory=list)
    #: The extraction folder the report read, when it was given one (named in
    #: ``provenance.json``; ``framing report CORPUS`` drops it: that folder is its own).
    extraction_dir: Path | None = None
    #: Reads the texts the evidence quotes from the extraction folder (``None``: the texts, if
    #: any, are in ``extraction.texts``).
    text_reader: TextReader | None = field(default=None, repr=False)
    #: The hits the sections read: loaded terms in the outlet's voice, attributions, markers
    #: outside quotations (:data:`~framing.report.hit_tables.REPORT_HITS`); ``None``: taken
    #: from ``extraction.hits`` on first use.
    report_hits: ReportHits | None = field(default=None, repr=False)
    #: Writes the figures' files in a worker process while the report goes on (``None``:
    #: in this process); :meth:`finish` waits for them.
    figure_writer: plots.FigureWriter | None = field(default=None, repr=False)
    #: What the corpus checks find on the selected articles, from the facts of their texts
    #: (made by :func:`prepare` from a folder's facts, which the run does not hold; else
    #: on first use from ``extraction.texts``); ``None``: not yet, or no facts kept.
    corpus_problems: pd.DataFrame | None = field(default=None, repr=False)
    _texts: ArticleTexts | None = field(default=None, repr=False)
    _resamples: stats.ArticleResamples | None = field(default=None, repr=False)

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
        evidence: pd.DataFrame | None = None,
    ) -> FigureOutput:
        writer = self.figure_writer
        save = plots.save_figure if writer is None else writer.save
        paths = save(fig, under(self.output_dir, "figures", name), self._record(name, params))
        self.outputs[f"figures/{name}"] = {
            k: str(p.relative_to(self.output_dir.resolve())) for k, p in paths.items()
        }
        trim_heap()  # what the section's statistics freed, back to the system
        return FigureOutput(
            name, fig, paths, table, caption, evidence, written_elsewhere=writer is not None
        )

    def _evidence(
        self, figure: str, hits: pd.DataFrame, key: str | list[str], per_group: int = 2
    ) -> pd.DataFrame:
        """Example hits behind a figure, per outlet and ``key`` (seeded), kept for
        ``tables/evidence``."""
        if self._texts is None:
            self._texts = ArticleTexts.of(self.extraction, self.text_reader)
        rows = draw_evidence(hits, self._texts, figure=figure, key=key, per_group=per_group,
                             seed=self.params["seed"])  # fmt: skip
        self.evidence = [e for e in self.evidence if e["figure"].iloc[0] != figure] + (
            [rows] if len(rows) else []
        )
        return rows

    def _bootstrap(self) -> dict[str, Any]:
        """Options of the estimates that resample each outlet's articles: they share the
        outlet's resamples, whose sums of every count column are computed on first use in one
        pass per outlet (:class:`framing.stats.ArticleResamples`)."""
        p = self.params
        if self._resamples is None:
            self._resamples = stats.ArticleResamples(p["seed"], p["n_boot"])
            hits, articles = self._hits("attribution"), self.extraction.articles
            # Every column the sections resample, in one pass per outlet: the articles'
            # counts they use, attributions to named people by gender, and the
            # share-of-voice columns of each outlet's most quoted speakers.
            genders = stats.gender_counts(hits, articles).drop(columns=["id", "outlet"])
            counts = articles[["id", "outlet", *resampled_counts(articles)]]
            self._resamples.warm(
                pd.concat([counts, genders], axis=1),
                min_articles=p["min_articles"],
                extra=stats.share_of_voice_columns(hits, articles, top=TOP_VOICES),
            )
        return {
            "n_boot": p["n_boot"],
            "seed": p["seed"],
            "min_articles": p["min_articles"],
            "resamples": self._resamples,
        }

    def _hits(self, detector: str) -> pd.DataFrame:
        """The hits of ``detector`` the report counts: loaded terms in the outlet's own voice,
        every attribution, markers outside quotations (a compact table, not a copy)."""
        if self.report_hits is None:
            self.report_hits = report_hits(compact_hits(self.extraction.hits))
        return self.report_hits[detector]

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
        folder = self.extraction_dir
        if source:
            corpus = Path(str(source)).name
        elif folder:
            corpus = f"extraction {Path(str(folder)).name}"
        else:
            corpus = "a DataFrame given in Python"
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
        # Shown with short headers and one column for the dates, so it fits a printed page.
        shown = table.assign(
            published=table["first_published"].fillna("?")
            + " to "
            + table["last_published"].fillna("?")
        ).rename(columns={"loaded_outlet": "loaded, own voice", "loaded_quoted": "loaded, quoted"})
        return shown[
            [
                "outlet",
                "articles",
                "words",
                "events",
                "published",
                "loaded, own voice",
                "loaded, quoted",
                "attributions",
            ]
        ].set_index("outlet")

    def loaded_rates(self) -> FigureOutput:
        """Loaded-term rate in each outlet's own voice with cluster-bootstrap intervals."""
        p = self.params
        rates = stats.outlet_rates(self.extraction.articles, LOADED_MEASURE, **self._bootstrap())
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
        loaded = self._hits("loaded")
        evidence = self._evidence("loaded_rate", loaded, "category", 1)
        return self._save_figure(
            fig,
            "loaded_rate",
            rates,
            "Loaded terms per 1,000 words in each outlet's own voice.",
            evidence=evidence,
        )

    def distinctive_terms(self, top: int = 8) -> FigureOutput:
        """Loaded terms each outlet uses more than the others (log-odds z-scores)."""
        p = self.params
        terms = stats.distinctive_terms(
            self._hits("loaded"),
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
        forms = surface_forms(self._hits("loaded"))
        terms["forms"] = [
            forms.get((str(o), str(t)), "")
            for o, t in zip(terms["outlet"], terms["term"], strict=True)
        ]
        self._save_table(terms, "distinctive_terms", "Distinctive loaded terms per outlet")
        shown_terms = terms.assign(
            term=[with_forms(t, f) for t, f in zip(terms["term"], terms["forms"], strict=True)]
        )
        fig = plots.distinctive_terms_figure(
            shown_terms,
            top=top,
            note=f"Loaded terms in the outlet's own voice used at least {p['min_term_count']} "
            f"times in the corpus; prior alpha0 = {prior.get('alpha0', float('nan')):,.0f} words.",
        )
        shown = terms[terms["z"] > 0].sort_values("z", ascending=False).groupby("outlet").head(top)
        pairs = set(zip(shown["outlet"].astype(str), shown["term"].astype(str), strict=True))
        hits = self._hits("loaded")
        chosen = hits[_pairs_in(hits, "outlet", "label", pairs)]
        return self._save_figure(
            fig,
            "distinctive_terms",
            terms,
            "Loaded terms most distinctive of each outlet.",
            evidence=self._evidence("distinctive_terms", chosen, "label", 2),
        )

    def verb_classes(self) -> FigureOutput:
        """Composition of attribution verb classes per outlet, with a chi-square test."""
        att = self._hits("attribution")
        counts = (
            group_sizes(att, ["outlet", "category"])
            .rename("count")
            .reset_index()
            .rename(columns={"category": "verb_class"})
        )
        self._save_table(counts, "verb_class_counts", "Attributions by outlet and verb class")
        note = None
        try:
            test = stats.verb_class_test(att, seed=self.params["seed"])
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
            fig,
            "verb_classes",
            counts,
            "Share of each verb class among an outlet's attributions.",
            evidence=self._evidence("verb_classes", att, "category", 2),
        )

    def attribution_shares(self) -> pd.DataFrame:
        """Per speaker x outlet: attributions and shares of direct, doubt, endorsing and
        emotive attributions with intervals (``tables/attribution_asymmetry``)."""
        if "attribution" in self.stats:
            return self.stats["attribution"]
        p = self.params
        table = stats.attribution_asymmetry(
            self._hits("attribution"),
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
        attributions = self._hits("attribution")
        speakers = set(table["speaker"].astype(str))
        cue = {"doubt": "category", "endorsement": "category", "emotive": "category"}.get(share)
        # On the categorical's codes: no string per hit, no hash table of every name.
        chosen = attributions[isin_names(attributions["speaker"], speakers)]
        chosen = chosen[chosen[cue] == share] if cue else chosen[chosen["kind"] == share]
        evidence = self._evidence(f"{share}_share", chosen, "speaker", 2)
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
            evidence=evidence,
        )

    def matched_events(self) -> FigureOutput | TextOutput:
        """Loaded-term rates event by event, and mean within-event differences; a note instead
        when no event is covered by two outlets."""
        p = self.params
        articles = self.extraction.articles
        outlets = self.outlets
        covered = articles.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
        if not (covered >= 2).any():
            self.stats["matched"] = {"events": [], "note": "no event covered by two outlets"}
            return TextOutput(
                "No event is covered by two or more outlets (the corpus has no event column, "
                "or every event key belongs to one outlet), so outlets cannot be compared on the "
                "same stories.",
                "The same events",
            )
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
        titles = event_titles(articles)
        event_rates["event_title"] = event_rates["event"].map(titles)
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
                LOADED_MEASURE,
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
        shown = events_shown(event_rates, MATCHED_EVENTS_SHOWN)
        if shown is not None:
            total = event_rates["event"].nunique()
            note = (
                f"{note} {len(shown)} of {total:,} events shown: those covered by the most "
                "outlets, then with the most articles; every event is in tables/event_rates."
            )
        plotted = event_rates if shown is None else event_rates[event_rates["event"].isin(shown)]
        labelled = plotted.assign(event=plotted["event"].map(lambda e: titles.get(e, e)))
        fig = plots.matched_events_figure(
            labelled,
            value="rate",
            outlets=outlets,
            highlight=[titles.get(e, e) for e in shared],
            note=note,
        )
        loaded = self._hits("loaded")
        return self._save_figure(
            fig,
            "matched_events",
            event_rates,
            "Loaded-term rate of each outlet's coverage of the same event.",
            evidence=self._evidence(
                "matched_events",
                loaded[loaded["event"].notna() if shown is None else loaded["event"].isin(shown)],
                "event",
                1,
            ),
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
        if self.stats.get("validity"):
            settings["validity"] = self.stats["validity"]
        text = methods_paragraph(plots.sidecar_record(self.provenance), settings, self.counts())
        path = under(self.output_dir, "methods.txt")
        path.write_text(text + "\n", encoding="utf-8")
        self.outputs["methods"] = {"txt": "methods.txt"}
        return TextOutput(text, "Methods")

    def files_table(self) -> pd.DataFrame:
        """The files this run wrote, one row per output (paths relative to the report): an
        output written in several formats is one row listing them ("csv, json, tex"), once
        every figure's files are written."""
        if self.figure_writer is not None:
            self.figure_writer.wait()
        rows = []
        for name, files in sorted(self.outputs.items()):
            paths = sorted(Path(p) for p in files.values())
            stem = Path(name).name
            if "/" in name and all(p.stem == stem for p in paths):
                rows.append((name, ", ".join(p.suffix.lstrip(".") for p in paths)))
            else:
                rows.append((name, ", ".join(p.name for p in paths)))
        rows.append(("provenance.json", "json"))
        return pd.DataFrame(rows, columns=["output", "files or formats"]).set_index("output")

    def finish(self) -> Path:
        """Write ``tables/evidence`` (the example sentences behind every figure) and
        ``provenance.json``: everything needed to trace and reproduce the report (after
        every figure's files are written)."""
        if self.figure_writer is not None:
            self.figure_writer.close()
        evidence = (
            pd.concat(self.evidence, ignore_index=True)
            if self.evidence
            else pd.DataFrame(columns=list(EVIDENCE_COLUMNS))
        )
        self._save_table(evidence, "evidence", "Example sentences behind each figure")
        record = plots.sidecar_record(
            self.provenance,
            kind=REPORT_KIND,
            parameters=self.params,
            counts=self.counts(),
            statistics={k: v for k, v in self.stats.items() if not isinstance(v, pd.DataFrame)},
            outputs=self.outputs,
            seconds=round(time.perf_counter() - self.started, 2),
        )
        if self.extraction_dir is not None:
            record["extraction_source"] = os.fspath(self.extraction_dir)
        path = under(self.output_dir, "provenance.json")
        path.write_text(
            json.dumps(record, indent=2, ensure_ascii=False, default=plots.json_default) + "\n",
            encoding="utf-8",
        )
        return path


def prepare(
    corpus: pd.DataFrame | PathLike | Extraction,
    *,
    output_dir: PathLike = "report-output",
    background_figures: bool = True,
    scheduler: Any = None,
    **params: Any,
) -> ReportRun:
    """Select the articles, run the detectors (or read their extraction) and set up the output
    folder of a report.

    Args:
        corpus: a corpus DataFrame or a path for :func:`framing.load_corpus` (the selected
            articles are extracted here, in this process), or an extraction: its folder
            (``framing extract CORPUS -o DIR --for-report``, or the one ``framing report``
            makes) or an :class:`~framing.extract.Extraction`, read without the corpus.
        output_dir: folder for ``figures/``, ``tables/``, ``extraction/`` and
            ``provenance.json`` (created).
        background_figures: write the figures' files (PDF, SVG, PNG) in a worker process
            while the report goes on (:class:`~framing.plots.FigureWriter`; the same bytes as
            in this process); :meth:`ReportRun.finish` waits for them. ``False``: each is
            written before its step returns.
        **params: the notebook's parameters (``outlets``, ``events``, ``start``, ``end``,
            ``extra_lexicons``, ``speakers``, ``top_speakers``, ``min_articles``,
            ``min_count``, ``min_term_count``, ``n_boot``, ``seed``, ``validation``); missing
            ones take the values in :data:`DEFAULTS`.

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
    out = Path(output_dir)
    with _cluster(scheduler) as client:
        extraction, hits, reader, problems, folder, provenance = _select(
            corpus, settings, under(out, "extraction"), client
        )
    # The names of speakers attributed once, where no ranking the report makes can list them.
    hits = ReportHits(
        {
            **hits.tables,
            "attribution": without_single_speakers(
                hits["attribution"],
                ranks=max(EXACT_RANKS, settings["top_speakers"]),
                keep=settings["speakers"] or (),
            ),
        },
        hits.total,
    )
    if scheduler is not None:
        provenance["scheduler"] = scheduler if isinstance(scheduler, str) else "a Dask client"
    out.mkdir(parents=True, exist_ok=True)
    settings["corpus"] = provenance.setdefault("corpus_source", None)
    run = ReportRun(
        extraction,
        settings,
        out,
        provenance,
        extraction_dir=folder,
        text_reader=reader,
        report_hits=hits,
        corpus_problems=problems,
        figure_writer=(
            plots.FigureWriter(pid_file=under(out, FIGURE_WORKER)) if background_figures else None
        ),
    )
    run.outputs["extraction"] = {
        name: f"extraction/{name}"
        for name in ("articles.parquet", "hits.parquet", "provenance.json")
    }
    # What reading and slicing freed, back to the system before the first step (at a million
    # articles the kernel went on holding ~0.3 GB of it until the first figure's trim).
    trim_heap()
    return run


def resampled_counts(articles: pd.DataFrame) -> list[str]:
    """The count columns of ``articles`` whose sums the report's rates and shares take over
    each outlet's resamples: words, loaded terms in the outlet's own voice, hedges and scare
    quotes (:data:`LOADED_MEASURE`, :data:`MARKER_MEASURES`), attributions and their source
    types (:func:`framing.stats.shares.source_type_columns`), in table order.

    The warm pass sums only these (the articles have ~40 count columns; at a million articles
    each column summed costs ~0.3 s of the pass); an estimate that asks for another column
    gets it from a pass of its own, with the same draws.

    Examples:
        >>> counts = ["words", "loaded_outlet", "loaded_quoted", "attributions",
        ...           "attr_named", "attr_doubt", "hedges", "scare_quotes"]
        >>> articles = pd.DataFrame({"id": ["a"], "outlet": ["X"], **{c: [1] for c in counts}})
        >>> resampled_counts(articles)
        ['words', 'loaded_outlet', 'attributions', 'attr_named', 'hedges', 'scare_quotes']
    """
    from framing.stats.inputs import count_column
    from framing.stats.shares import source_type_columns

    rates = [count_column(articles, m, "words") for m in (LOADED_MEASURE, *MARKER_MEASURES)]
    wanted = {"words", *rates, "attributions", *source_type_columns(articles)}
    return [c for c in articles.columns if c in wanted]


@contextmanager
def _cluster(scheduler: Any) -> Iterator[Any]:
    """The Dask client ``scheduler`` names (an address, connected here and closed on exit, or
    a client, as it is), or ``None``."""
    if scheduler is None or not isinstance(scheduler, str):
        yield scheduler
        return
    from framing.extract.on_dask import cluster_client

    with cluster_client(scheduler) as client:
        yield client


def _select(
    corpus: pd.DataFrame | PathLike | Extraction,
    settings: dict[str, Any],
    copy: Path,
    client: Any,
) -> tuple[Extraction, ReportHits, Any, pd.DataFrame | None, Path | None, dict[str, Any]]:
    """The selected articles of ``corpus`` (:func:`prepare`), their slices of the hits, the
    reader of their texts, what the corpus checks find (when the facts were read from a
    folder), the extraction folder read (``None``: a corpus) and the provenance; the
    report's copy of the extraction is written to ``copy``."""
    folder = reader = problems = None
    if isinstance(corpus, Extraction) or (
        isinstance(corpus, (str, os.PathLike)) and is_extraction(corpus)
    ):
        source = corpus if isinstance(corpus, Extraction) else Extraction.load(corpus, lazy=True)
        folder = source.directory
        # A folder's articles are checked on the columns the checks read, so that select
        # reads them compact (the whole table in pandas peaked at 1.3 GB at 1M articles).
        checked = None if source.in_memory("articles") else checked_columns(folder)
        check_on_extraction(settings, source, checked)
        del checked
        extraction, hits, reader, problems = select(
            source, settings, copy, release_articles=source is not corpus, client=client
        )
        provenance = dict(extraction.provenance)
        columns = (provenance.get("parameters") or {}).get("columns")
        if columns:
            provenance["corpus_columns"] = columns
    else:
        frame = load_corpus(corpus) if isinstance(corpus, (str, os.PathLike)) else corpus
        check_parameters(settings, frame)
        selected = filter_corpus(frame, settings)
        extracted = extract(
            selected,
            progress=False,
            extra=settings["extra_lexicons"],
            for_report=True,
            client=client,
        )
        extracted.hits = compact_hits(extracted.hits)
        extracted.save(copy, texts=False)
        hits = report_hits(extracted.hits)
        extraction = Extraction(
            compact_articles(extracted.articles),
            None,
            extracted.provenance,
            texts=extracted.texts,
            directory=copy,
        )
        del extracted
        provenance = dict(extraction.provenance)
        provenance["corpus_source"] = None
        if isinstance(corpus, (str, os.PathLike)):
            # A corpus `framing report --column` mapped names the user's file and mapping.
            origin = corpus_origin(corpus)
            provenance["corpus_source"] = origin["source"]
            if origin["columns"]:
                provenance["corpus_columns"] = origin["columns"]
    return extraction, hits, reader, problems, folder, provenance


def build(
    corpus: pd.DataFrame | PathLike,
    *,
    output_dir: PathLike,
    background_figures: bool = True,
    **params: Any,
) -> ReportRun:
    """Compute every part of the report without a notebook (figures, tables, provenance).

    Args:
        corpus, output_dir, background_figures, **params: as for :func:`prepare` (also
            ``scheduler``).

    Returns:
        The finished :class:`ReportRun`.
    """
    run = prepare(corpus, output_dir=output_dir, background_figures=background_figures, **params)
    run.overview()
    run.loaded_rates()
    run.distinctive_terms()
    run.verb_classes()
    run.doubt_shares("doubt")
    run.doubt_shares("endorsement")
    run.matched_events()
    run.source_types()
    run.share_of_voice()
    run.marker_rates()
    run.trends()
    run.validity()
    run.validation()
    run.methods()
    run.finish()
    return run
