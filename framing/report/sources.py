"""The report's sections on who gets to speak: sources by type, the most quoted speakers and
their share of voice, and voice by the gender the articles mark."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing import plots, stats
from framing.extract import Extraction
from framing.report.evidence import EVIDENCE_HITS
from framing.report.outputs import FigureOutput, Outputs
from framing.stats.inputs import is_sorted, isin_names, name_codes

__all__ = ["SourceSections"]

_TYPE_ORDER = ("named", "organization", "document", "anonymous", "unresolved")


#: Most quoted speakers per outlet in the share-of-voice section.
TOP_VOICES = 5


class SourceSections:
    """Sections of :class:`framing.report.sections.ReportRun` (a mixin: it uses the run's
    ``extraction``, ``params``, ``stats``, ``_save_table`` and ``_save_figure``)."""

    extraction: Extraction
    params: dict[str, Any]
    stats: dict[str, Any]
    # and the run's _save_table, _save_figure, _evidence and _hits

    def source_types(self) -> FigureOutput:
        """Each outlet's attributions by source type, as shares with cluster-bootstrap
        intervals (``tables/source_types``)."""
        p = self.params
        table = stats.source_types(self.extraction.articles, **self._bootstrap())
        self.stats["source_types"] = table.attrs
        self._save_table(table, "source_types", "Sources of attributions by type, per outlet")
        present = [t for t in _TYPE_ORDER if t in set(table["source_type"])]
        fig = plots.panel_figure(
            table,
            panel="source_type",
            panels=present,
            title="Who is cited: sources by type",
            xlabel="share of the outlet's attributions",
            note=_interval_note(p, "articles"),
        )
        return self._save_figure(
            fig,
            "source_types",
            table,
            "Share of each outlet's attributions by source type.",
            evidence=self._evidence("source_types", self._hits("attribution"), "source_type", 2),
        )

    def share_of_voice(self, top: int = TOP_VOICES) -> Outputs:
        """The most quoted speakers of each outlet (share of its attributions, share quoted
        directly) and voice by the gender the articles mark (``tables/share_of_voice``,
        ``tables/voice_by_gender``)."""
        p = self.params
        hits, articles = self._hits("attribution"), self.extraction.articles
        exact = hits.attrs.get("exact_ranks")
        if exact is not None and top > exact:
            raise ValueError(
                f"top={top}: this report ranks at most {exact} speakers per outlet (it keeps "
                "no name of a speaker attributed once beyond that rank)"
            )
        options = self._bootstrap()
        speakers = stats.share_of_voice(hits, articles, top=top, **options)
        self.stats["share_of_voice"] = speakers.attrs
        self._save_table(
            speakers,
            "share_of_voice",
            "Most quoted speakers per outlet: share of voice and direct quotes",
        )
        gender = stats.voice_by_gender(hits, articles, **options)
        self.stats["voice_by_gender"] = gender.attrs
        self._save_table(
            gender,
            "voice_by_gender",
            "Attributions to named people by the gender the articles mark",
        )
        voice = plots.share_of_voice_figure(
            speakers,
            title=f"Who gets to speak: the {top} most quoted speakers per outlet",
            note="Bar: share of the outlet's attributions (line: "
            + _interval_note(p, "articles")
            + "); right: share of the speaker's attributions that are direct quotations.",
        )
        by_gender = plots.panel_figure(
            gender,
            panel="gender",
            panels=list(stats.GENDERS),
            title="Voice by the gender the articles mark",
            xlabel="share of the outlet's attributions to named people",
            note="Gender as the articles mark it (a pronoun resolved to the person, or a "
            "gendered title); never guessed from names. " + _interval_note(p, "articles") + ".",
        )
        attributions = self._hits("attribution")
        pairs = set(
            zip(speakers["outlet"].astype(str), speakers["speaker"].astype(str), strict=True)
        )
        # The rows and the columns the evidence reads, no copy of the others.
        shown = [*EVIDENCE_HITS, "speaker"]
        quoted = attributions.loc[_pairs_in(attributions, "outlet", "speaker", pairs), shown]
        # Attributions to named people keyed by gender, the others by none (so they give
        # no example): a copy of the named attributions' rows took 0.13 GB at 1M articles.
        is_named = (attributions["source_type"] == "named").to_numpy(dtype=bool)
        named = attributions[list(EVIDENCE_HITS)].assign(
            speaker_gender=_known_or_unknown(attributions["speaker_gender"]).where(is_named)
        )
        return Outputs(
            [
                self._save_figure(
                    voice,
                    "share_of_voice",
                    speakers,
                    "The most quoted speakers of each outlet.",
                    evidence=self._evidence("share_of_voice", quoted, "speaker", 2),
                ),
                self._save_figure(
                    by_gender,
                    "voice_by_gender",
                    gender,
                    "Attributions to named people by the gender the articles mark.",
                    evidence=self._evidence("voice_by_gender", named, "speaker_gender", 2),
                ),
            ]
        )


def _known_or_unknown(genders: pd.Series) -> pd.Series:
    """``genders`` with a missing gender as ``"unknown"``, kept categorical (categories in
    sorted order, so groups come in the order strings give): an object copy of the named
    attributions' genders and its factorising took ~0.5 GB at a million articles."""
    if not isinstance(genders.dtype, pd.CategoricalDtype):
        return genders.astype(object).fillna("unknown")
    categories = sorted({*map(str, genders.cat.categories), "unknown"})
    return genders.cat.set_categories(categories).fillna("unknown")


def _pairs_in(frame: pd.DataFrame, first: str, second: str, pairs: set[tuple[str, str]]) -> Any:
    """Which rows of ``frame`` have a ``(first, second)`` pair among ``pairs`` (a boolean
    array; a missing value matches nothing)."""
    found = np.zeros(len(frame), dtype=bool)
    if not pairs or frame.empty:
        return found
    # The rows of the pairs' ``second`` values first (codes compared, for a categorical),
    # then the pairs among those rows only: the pairs of every row of ten million
    # attributions took 0.13 GB at a million articles.
    rows = np.flatnonzero(isin_names(frame[second], {b for _, b in pairs}))
    chosen = frame.iloc[rows]
    a, b = chosen[first], chosen[second]
    if all(
        isinstance(c.dtype, pd.CategoricalDtype) and is_sorted(c.cat.categories) for c in (a, b)
    ):
        # Pairs of codes: a MultiIndex of the two columns would look its pairs up in a hash
        # table of every category (the 4.5 M speakers of a million articles, as Python
        # strings, ~0.4 GB for a moment).
        firsts = name_codes(a.cat.categories, {x for x, _ in pairs})
        seconds = name_codes(b.cat.categories, {y for _, y in pairs})
        width = len(b.cat.categories) + 1
        wanted = [firsts[x] * width + seconds[y] for x, y in pairs if x in firsts and y in seconds]
        codes_a, codes_b = a.array.codes, b.array.codes
        keys = codes_a.astype(np.int64) * width + codes_b
        hit = np.isin(keys, wanted) & (codes_a >= 0) & (codes_b >= 0)
    else:
        keys = pd.MultiIndex.from_arrays([a, b])
        hit = np.asarray(keys.isin(list(pairs)), dtype=bool)
    found[rows[hit]] = True
    return found


def _interval_note(params: dict[str, Any], unit: str) -> str:
    return (
        f"95% cluster-bootstrap intervals ({params['n_boot']:,} resamples of {unit}, seed "
        f"{params['seed']}); outlets with fewer than {params['min_articles']} articles: n/a"
    )
