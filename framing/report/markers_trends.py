"""The report's sections on hedges and scare quotes per outlet, and on change over time."""

from __future__ import annotations

from typing import Any

import pandas as pd

from framing import plots, stats
from framing.extract import Extraction
from framing.report.outputs import FigureOutput, TextOutput
from framing.stats.inputs import isin_names

__all__ = ["MARKER_MEASURES", "MarkerTrendSections"]

#: The marker rates of the report (:meth:`MarkerTrendSections.marker_rates`) and their names.
MARKER_MEASURES = {"rate_hedges": "hedges", "rate_scare_quotes": "scare quotes"}


class MarkerTrendSections:
    """Sections of :class:`framing.report.sections.ReportRun` (a mixin: it uses the run's
    ``extraction``, ``params``, ``stats``, ``_save_table`` and ``_save_figure``)."""

    extraction: Extraction
    params: dict[str, Any]
    stats: dict[str, Any]

    def marker_rates(self) -> FigureOutput:
        """Hedges and scare quotes per 1,000 words per outlet (``tables/marker_rates``)."""
        p = self.params
        parts = []
        for measure, name in MARKER_MEASURES.items():
            rates = stats.outlet_rates(self.extraction.articles, measure, **self._bootstrap())
            parts.append(rates.assign(marker=name))
        table = pd.concat(parts, ignore_index=True)
        table = table[["marker", *[c for c in table.columns if c != "marker"]]]
        self._save_table(table, "marker_rates", "Hedges and scare quotes per 1,000 words")
        fig = plots.panel_figure(
            table,
            panel="marker",
            value="rate",
            panels=list(MARKER_MEASURES.values()),
            percent=False,
            title="Hedges and scare quotes in the outlet's own voice",
            xlabel="per 1,000 words",
            note=f"95% cluster-bootstrap intervals ({p['n_boot']:,} resamples of articles, seed "
            f"{p['seed']}); outlets with fewer than {p['min_articles']} articles: n/a.",
        )
        markers = self._hits("marker")
        return self._save_figure(
            fig,
            "marker_rates",
            table,
            "Hedges and scare quotes per 1,000 words per outlet.",
            evidence=self._evidence("marker_rates", markers, "category", 2),
        )

    def trends(self) -> FigureOutput | TextOutput:
        """Loaded terms per 1,000 words per outlet and period (``tables/trends``; the period
        from :func:`framing.stats.trend_period`); a note instead when the dates span too short
        a time."""
        p = self.params
        table = stats.outlet_trends(
            self.extraction.articles, n_boot=p["n_boot"], seed=p["seed"], min_articles=2
        )
        period = table.attrs.get("period")
        self.stats["trends"] = {"period": period, "min_articles": 2}
        if period is None or table.empty:
            return TextOutput(
                f"No trend: the articles span fewer than {stats.trends.MIN_PERIODS} weeks "
                "(or have no publication dates), too short a time to show change.",
                "Trends",
            )
        self._save_table(table, "trends", f"Loaded terms per 1,000 words per outlet and {period}")
        fig = plots.trends_figure(
            table,
            title=f"Loaded terms in the outlet's own voice, by {period}",
            note=f"Band: 95% cluster-bootstrap interval ({p['n_boot']:,} resamples of "
            f"articles, seed {p['seed']}); a {period} with fewer than 2 articles of an outlet "
            "is a gap.",
        )
        return self._save_figure(
            fig,
            "trends",
            table,
            f"Loaded terms per 1,000 words per outlet and {period}.",
            evidence=self._evidence("trends", self._peak_hits(table, period), "key", 3),
        )

    def _peak_hits(self, table: pd.DataFrame, period: str) -> pd.DataFrame:
        """The loaded terms (in the outlet's own voice) of each outlet's articles in its
        period with the highest rate (of those with at least the trend's fewest articles;
        ties: the earliest), keyed ``"highest: Mar 2026"``: what a reader checks a peak
        against."""
        cells = table[~table["below_min"].astype(bool) & table["rate"].notna()]
        peaks = cells.sort_values(
            ["outlet", "rate", "period"], ascending=[True, False, True], kind="mergesort"
        ).drop_duplicates("outlet")
        key = {
            (str(o), pd.Timestamp(start)): f"highest: {stats.trends.period_label(start, period)}"
            for o, start in zip(peaks["outlet"], peaks["period"], strict=True)
        }
        loaded = self._hits("loaded")
        if not key:  # no period with enough articles
            return loaded.iloc[:0].assign(key=pd.Series(dtype=object))
        articles = self.extraction.articles
        starts = stats.trends.period_starts(articles["published"], period)
        in_peak = pd.MultiIndex.from_arrays([articles["outlet"].astype(str), starts]).isin(
            pd.MultiIndex.from_tuples(list(key))
        )
        chosen = articles.loc[in_peak, ["id", "outlet"]].assign(start=starts[in_peak])
        of_article = {
            (str(i), str(o)): key[(str(o), s)]
            for i, o, s in zip(chosen["id"], chosen["outlet"], chosen["start"], strict=True)
        }
        # By the ids' sorted categories, not pandas' isin (which would keep a hash table of
        # every article id with the slice).
        hits = loaded[isin_names(loaded["id"], chosen["id"].astype(str).unique())]
        labels = [
            of_article.get((str(i), str(o)))
            for i, o in zip(hits["id"], hits["outlet"], strict=True)
        ]
        return hits.assign(key=labels).dropna(subset=["key"])
