r"""Statistics for comparing outlets, computed from the tables of :func:`framing.extract`.

- :func:`outlet_rates`: pooled rate per 1,000 words per outlet, with a confidence interval from
  an article-level (cluster) bootstrap.
- :func:`distinctive_terms`: which loaded terms or attribution cues an outlet uses more (or
  less) than the rest, as log-odds ratios with an informative Dirichlet prior ("Fightin'
  Words").
- :func:`attribution_asymmetry`: for frequently quoted speakers, how each outlet attributes
  their words (direct quotes, doubt, endorsing and emotive cues), with bootstrap intervals.
- :func:`verb_class_test`: chi-square test of outlet x verb class, with a Monte Carlo p-value.
- :func:`matched_comparison`: rates on events every compared outlet covered, and the mean
  within-event difference, so a difference is not just a difference in topics.

Every function is deterministic given ``seed`` and does not depend on the order of the input
rows (rows are sorted by article id first). Each group (outlet, speaker x outlet cell, pair of
outlets) draws from its own random stream, derived from ``seed`` and the group's name, so
adding or removing an outlet does not change the intervals of the others. Small counts are
reported as insufficient (``below_min``, estimates ``NaN``), never as zero. Formulas, defaults
and how to read each output are in ``docs/statistics.md``.

References:
    Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
    Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. Journal of the Royal
    Statistical Society B 69(3), 369-390.
    Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008). Bootstrap-based improvements for
    inference with clustered errors. Review of Economics and Statistics 90(3), 414-427.
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: Lexical feature
    selection and evaluation for identifying the content of political conflict. Political
    Analysis 16(4), 372-403.
"""

from __future__ import annotations

import html
import itertools
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from framing.types import VERB_CLASSES

__all__ = [
    "MatchedComparison",
    "VerbClassTest",
    "attribution_asymmetry",
    "distinctive_terms",
    "matched_comparison",
    "outlet_rates",
    "verb_class_test",
]

#: Rates are per this many words.
PER_WORDS = 1000
#: Largest number of resampled values held in memory at once by the bootstrap.
_BOOTSTRAP_BLOCK = 2_000_000
#: Attribution shares reported by :func:`attribution_asymmetry`: column suffix -> (hit column,
#: value).
ASYMMETRY_SHARES: dict[str, tuple[str, str]] = {
    "direct": ("kind", "direct"),
    "doubt": ("category", "doubt"),
    "endorsement": ("category", "endorsement"),
    "emotive": ("category", "emotive"),
}


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _check_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} lacks column(s) {', '.join(missing)} (columns: "
            f"{', '.join(map(str, frame.columns))}); pass the tables of framing.extract(...)"
        )


def _check_bootstrap(n_boot: int, ci: float, seed: int) -> None:
    if not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise ValueError(f"n_boot must be a positive number of resamples, got {n_boot!r}")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be a coverage between 0 and 1 (e.g. 0.95), got {ci!r}")
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")


def _rng(seed: int, *keys: object) -> np.random.Generator:
    """A generator for one group: its stream depends on ``seed`` and the group's name only."""
    words = [int(seed)] + [zlib.crc32(str(k).encode("utf-8")) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(words))


def _sort_rows(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Rows in a canonical order (by ``keys``, stable), so results ignore the input order."""
    return frame.sort_values(list(keys), kind="mergesort", na_position="last").reset_index(
        drop=True
    )


def _ratio_bootstrap(
    numerators: np.ndarray,
    denominators: np.ndarray,
    *,
    n_boot: int,
    ci: float,
    rng: np.random.Generator,
    scale: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of ``scale * sum(num) / sum(den)`` over clusters resampled with
    replacement.

    ``numerators`` is ``(clusters, k)``, ``denominators`` ``(clusters,)``; all ``k`` ratios use
    the same resamples. Resamples whose denominator sums to zero are left out.
    """
    n, k = numerators.shape
    block = max(1, min(n_boot, _BOOTSTRAP_BLOCK // max(n * k, 1)))
    replicates = np.empty((n_boot, k))
    done = 0
    while done < n_boot:
        size = min(block, n_boot - done)
        picks = rng.integers(0, n, size=(size, n))
        num = numerators[picks].sum(axis=1)
        den = denominators[picks].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            replicates[done : done + size] = np.where(
                den[:, None] > 0, num * scale / den[:, None], np.nan
            )
        done += size
    tail = (1 - ci) / 2
    if np.isnan(replicates).all(axis=0).any():
        return np.full(k, np.nan), np.full(k, np.nan)
    low, high = np.nanquantile(replicates, [tail, 1 - tail], axis=0)
    return low, high


def _count_column(articles: pd.DataFrame, measure: str, words: str) -> str:
    """The count column behind ``measure`` (``rate_X`` -> ``X``; a count column as is)."""
    counts = [
        c
        for c in articles.columns
        if c != words and pd.api.types.is_integer_dtype(articles[c].dtype)
    ]
    if measure in counts:
        return measure
    if measure.startswith("rate_") and measure[len("rate_") :] in counts:
        return measure[len("rate_") :]
    rates = [f"rate_{c}" for c in counts if f"rate_{c}" in articles.columns]
    raise ValueError(
        f"measure {measure!r} is not a count column or a rate of one; pooled rates need "
        f"counts and words. Valid: {', '.join(rates + counts)}"
    )


def _groups_without_na(frame: pd.DataFrame, by: str, what: str) -> None:
    missing = int(frame[by].isna().sum())
    if missing:
        raise ValueError(f"{missing} row(s) of {what} have no {by!r}; fill or drop them first")


# ---------------------------------------------------------------------------------------------
# Rates


def outlet_rates(
    articles: pd.DataFrame,
    measure: str = "rate_loaded_outlet",
    *,
    by: str = "outlet",
    words: str = "words",
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    min_articles: int = 5,
) -> pd.DataFrame:
    r"""Pooled rate per 1,000 words for each outlet, with a cluster-bootstrap interval.

    The rate of outlet :math:`o` is :math:`1000 \sum_a c_a / \sum_a w_a` over its articles
    (``c`` the count, ``w`` the words), so long articles weigh more than short ones, as each
    word is one opportunity. The interval is a percentile bootstrap that resamples whole
    articles within the outlet with replacement (a cluster bootstrap: terms of one article are
    not independent draws, so resampling hits would understate the uncertainty).

    Args:
        articles: ``Extraction.articles`` (or any table with ``id``, ``by``, the count and
            ``words``).
        measure: a rate column (``"rate_loaded_outlet"``, ``"rate_hedges"``, ...) or any count
            column (``"loaded_outlet_hyperbole"``, ``"attr_doubt"``, ...); the rate is
            computed from the count, never by averaging article rates.
        by: the grouping column.
        words: the column of word counts.
        n_boot: bootstrap resamples.
        seed: seed of the random streams (each outlet gets its own, from ``seed`` and its name).
        ci: coverage of the interval.
        min_articles: outlets with fewer articles get ``below_min=True`` and ``NaN`` rate and
            interval (shown as insufficient data, never as 0).

    Returns:
        One row per outlet (sorted by name): ``outlet, articles, words, count, rate, ci_low,
        ci_high, below_min``. ``attrs`` records the measure, count column and parameters.

    Raises:
        ValueError: unknown measure or column, missing outlet, or invalid parameters.

    References:
        Efron & Tibshirani (1993), ch. 13 (percentile interval); Field & Welsh (2007) and
        Cameron, Gelbach & Miller (2008) on resampling whole clusters.

    Examples:
        >>> articles = pd.DataFrame({
        ...     "id": ["a", "b", "c", "d"], "outlet": ["X", "X", "X", "Y"],
        ...     "words": [100, 200, 300, 400], "loaded_outlet": [1, 2, 3, 1],
        ... })
        >>> rates = outlet_rates(articles, "loaded_outlet", min_articles=2)
        >>> rates[["outlet", "articles", "words", "count", "rate", "below_min"]]
          outlet  articles  words  count  rate  below_min
        0      X         3    600      6  10.0      False
        1      Y         1    400      1   NaN       True
        >>> rates.loc[0, ["ci_low", "ci_high"]].tolist()  # every article has rate 10
        [10.0, 10.0]
    """
    _check_bootstrap(n_boot, ci, seed)
    _check_columns(articles, ["id", by, words], "articles")
    count = _count_column(articles, measure, words)
    _groups_without_na(articles, by, "articles")
    frame = _sort_rows(articles[["id", by, words, count]], ["id", by, words, count])
    rows = []
    for name, group in frame.groupby(by, sort=True, observed=True):
        counts = group[count].to_numpy(dtype=float)
        word_counts = group[words].to_numpy(dtype=float)
        total_words = int(word_counts.sum())
        total = int(counts.sum())
        below = len(group) < min_articles
        rate = low = high = math.nan
        if not below and total_words > 0:
            rate = total * PER_WORDS / total_words
            lows, highs = _ratio_bootstrap(
                counts[:, None],
                word_counts,
                n_boot=n_boot,
                ci=ci,
                rng=_rng(seed, name),
                scale=PER_WORDS,
            )
            low, high = float(lows[0]), float(highs[0])
        rows.append((name, len(group), total_words, total, rate, low, high, below))
    out = pd.DataFrame(
        rows,
        columns=[by, "articles", "words", "count", "rate", "ci_low", "ci_high", "below_min"],
    ).astype({"articles": "int64", "words": "int64", "count": "int64", "below_min": "bool"})
    out.attrs.update(
        {
            "measure": measure,
            "count_column": count,
            "per_words": PER_WORDS,
            "n_boot": int(n_boot),
            "seed": int(seed),
            "ci": float(ci),
            "min_articles": int(min_articles),
            "method": f"percentile bootstrap, articles resampled within {by}",
        }
    )
    return out


# ---------------------------------------------------------------------------------------------
# Distinctive terms


def distinctive_terms(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    detector: Literal["loaded", "attribution"] = "loaded",
    *,
    by: str = "outlet",
    voice: Literal["outlet", "quoted", "all"] | None = None,
    prior: Literal["informative"] = "informative",
    alpha0: float | None = None,
    min_count: int = 3,
) -> pd.DataFrame:
    r"""Terms each outlet uses more (or less) than all other outlets together.

    For each outlet :math:`i` against the rest :math:`j`, and each term :math:`w` (the
    lexicon lemma in ``hits["label"]``, so multiword and hyphenated terms such as
    "so-called" stay whole), the log-odds ratio with an informative Dirichlet prior is

    .. math::

        \hat\delta_w = \log\frac{y^i_w + \alpha_w}{n^i + \alpha_0 - y^i_w - \alpha_w}
                     - \log\frac{y^j_w + \alpha_w}{n^j + \alpha_0 - y^j_w - \alpha_w},
        \qquad \sigma^2_w \approx \frac{1}{y^i_w + \alpha_w} + \frac{1}{y^j_w + \alpha_w},
        \qquad z_w = \hat\delta_w / \sigma_w

    where :math:`y` are term counts and :math:`n` the number of opportunities: words for
    loaded terms (every word could have been a loaded one), attributions for cues (every
    attribution uses exactly one cue). The prior is :math:`\alpha_w = \alpha_0 f_w` with
    :math:`f_w = y_w / N` the term's corpus-wide frequency (all outlets, per opportunity).
    Because the prior is proportional to the corpus frequency, a term used at the same rate by
    an outlet and by the rest gets :math:`\hat\delta \approx 0` whatever the outlets' sizes.

    Args:
        hits: ``Extraction.hits``.
        articles: ``Extraction.articles``: the outlets and their word counts (an outlet
            without any hit still counts in "the rest").
        detector: ``"loaded"`` (terms) or ``"attribution"`` (cue lemmas).
        by: the grouping column.
        voice: for loaded terms: ``"outlet"`` (default; outside quotations), ``"quoted"`` or
            ``"all"``. Attribution cues always use ``"all"``.
        prior: ``"informative"`` (the only prior implemented: corpus frequencies).
        alpha0: prior sample size :math:`\alpha_0`, in opportunities (words or attributions).
            Default: the corpus total divided by the number of outlets, i.e. the prior weighs
            as much as an average outlet's text. Larger values shrink log-odds of rare terms
            more towards 0.
        min_count: terms with fewer occurrences in the whole corpus are dropped (too rare to
            compare); they are listed with their counts in ``attrs["dropped"]``.

    Returns:
        Rows for every outlet x term (a term an outlet never uses gets a negative z):
        ``outlet, term, category, count_outlet, count_rest, log_odds, variance, z,
        prior_alpha``, sorted by outlet, then z (highest first). ``|z| > 1.96`` is the usual
        reading of "distinctive", but many terms are tested at once, so treat z as a ranking
        with a noise scale, not as a calibrated test. ``attrs`` records the prior
        (``alpha0``, rule, frequencies), the totals per outlet, ``min_count`` and ``dropped``.

    Raises:
        ValueError: unknown detector, voice or prior, missing columns, or outlets in ``hits``
            that are not in ``articles``.

    References:
        Monroe, Colaresi & Quinn (2008), section 3.5 (log-odds ratio with informative
        Dirichlet prior, its variance and z-score).

    Examples:
        >>> articles = pd.DataFrame({"id": ["a", "b"], "outlet": ["A", "B"], "words": [100, 300]})
        >>> hits = pd.DataFrame({
        ...     "id": ["a"] * 3 + ["b"],
        ...     "outlet": ["A"] * 3 + ["B"],
        ...     "detector": "loaded", "label": "brazen", "category": "hyperbole",
        ...     "in_quote": False,
        ... })
        >>> table = distinctive_terms(hits, articles, min_count=1)
        >>> table[["outlet", "term", "count_outlet", "count_rest", "prior_alpha"]]
          outlet    term  count_outlet  count_rest  prior_alpha
        0      A  brazen             3           1          2.0
        1      B  brazen             1           3          2.0
        >>> table["z"].round(4).tolist()
        [1.4137, -1.4137]
    """
    if detector not in ("loaded", "attribution"):
        raise ValueError(f"unknown detector {detector!r}; valid: 'loaded', 'attribution'")
    if prior != "informative":
        raise ValueError(f"unknown prior {prior!r}; valid: 'informative'")
    if voice is None:
        voice = "outlet" if detector == "loaded" else "all"
    if voice not in ("outlet", "quoted", "all"):
        raise ValueError(f"unknown voice {voice!r}; valid: 'outlet', 'quoted', 'all'")
    if detector == "attribution" and voice != "all":
        raise ValueError("voice applies to loaded terms only; use voice='all' for attribution")
    _check_columns(hits, ["id", by, "detector", "label", "category", "in_quote"], "hits")
    _check_columns(articles, ["id", by, "words"], "articles")
    _groups_without_na(articles, by, "articles")

    selected = hits[hits["detector"] == detector]
    if voice == "outlet":
        selected = selected[~selected["in_quote"].astype(bool)]
    elif voice == "quoted":
        selected = selected[selected["in_quote"].astype(bool)]
    selected = selected[selected["label"].notna()]
    groups = sorted(articles[by].dropna().unique().tolist())
    unknown = sorted(set(selected[by].dropna().unique().tolist()) - set(groups))
    if unknown:
        raise ValueError(
            f"{by} value(s) {', '.join(map(repr, unknown))} occur in hits but not in articles; "
            f"available: {', '.join(map(repr, groups))}"
        )
    if detector == "loaded":
        opportunities = articles.groupby(by, observed=True)["words"].sum()
        unit = "words"
    else:
        opportunities = selected.groupby(by, observed=True).size()
        unit = "attributions"
    totals = np.array([float(opportunities.get(g, 0)) for g in groups])
    corpus_total = float(totals.sum())

    counts = (
        pd.crosstab(selected["label"].astype(str), selected[by].astype(str))
        .reindex(columns=[str(g) for g in groups], fill_value=0)
        .sort_index()
    )
    term_totals = counts.sum(axis=1)
    dropped = term_totals[term_totals < min_count]
    counts = counts[term_totals >= min_count]
    categories = (
        selected.assign(label=selected["label"].astype(str), category=selected["category"])
        .groupby("label")["category"]
        .agg(lambda s: "/".join(sorted(set(s.dropna().astype(str)))))
    )
    active_groups = int((totals > 0).sum())
    if alpha0 is None:
        alpha0_value = corpus_total / active_groups if active_groups else 0.0
        rule = f"corpus {unit} / number of {by} values ({active_groups})"
    else:
        if alpha0 <= 0:
            raise ValueError(f"alpha0 must be positive, got {alpha0!r}")
        alpha0_value = float(alpha0)
        rule = "given"

    rows = []
    if corpus_total > 0 and len(counts):
        y = counts.to_numpy(dtype=float)  # terms x groups
        y_total = y.sum(axis=1, keepdims=True)
        alpha = alpha0_value * y_total / corpus_total
        y_rest = y_total - y
        n_i = totals[None, :]
        n_j = corpus_total - n_i
        with np.errstate(divide="ignore", invalid="ignore"):
            log_odds = np.log((y + alpha) / (n_i + alpha0_value - y - alpha)) - np.log(
                (y_rest + alpha) / (n_j + alpha0_value - y_rest - alpha)
            )
            variance = 1 / (y + alpha) + 1 / (y_rest + alpha)
            z = log_odds / np.sqrt(variance)
        for t, term in enumerate(counts.index):
            for g, group in enumerate(groups):
                rows.append(
                    (
                        group,
                        term,
                        categories.get(term, ""),
                        int(y[t, g]),
                        int(y_rest[t, g]),
                        float(log_odds[t, g]),
                        float(variance[t, g]),
                        float(z[t, g]),
                        float(alpha[t, 0]),
                    )
                )
    columns = [
        by,
        "term",
        "category",
        "count_outlet",
        "count_rest",
        "log_odds",
        "variance",
        "z",
        "prior_alpha",
    ]
    out = pd.DataFrame(rows, columns=columns).astype(
        {"count_outlet": "int64", "count_rest": "int64", "z": "float64", "prior_alpha": "float64"}
    )
    out = out.sort_values([by, "z", "term"], ascending=[True, False, True], kind="mergesort")
    out = out.reset_index(drop=True)
    out.attrs.update(
        {
            "detector": detector,
            "voice": voice,
            "prior": {
                "type": prior,
                "alpha0": alpha0_value,
                "alpha0_rule": rule,
                "alpha_w": f"alpha0 * corpus count of term / corpus {unit}",
            },
            "unit": unit,
            "totals": {str(g): int(t) for g, t in zip(groups, totals, strict=True)},
            "min_count": int(min_count),
            "dropped": {str(term): int(n) for term, n in dropped.items()},
            "reference": "Monroe, Colaresi & Quinn (2008), Political Analysis 16(4)",
        }
    )
    return out


# ---------------------------------------------------------------------------------------------
# Attributions


def _attribution_hits(hits: pd.DataFrame, by: str) -> pd.DataFrame:
    _check_columns(
        hits, ["id", by, "detector", "speaker", "category", "kind", "source_type"], "hits"
    )
    att = hits[hits["detector"] == "attribution"]
    keys = ["id", by, "speaker", "category", "kind", "source_type"]
    extra = [c for c in ("start", "end") if c in att.columns]
    return _sort_rows(att[keys + extra], ["id", *extra, by, "speaker", "category", "kind"])


def attribution_asymmetry(
    hits: pd.DataFrame,
    speakers: Sequence[str] | None = None,
    *,
    top: int = 10,
    by: str = "outlet",
    source_types: Sequence[str] = ("named", "organization"),
    min_attributions: int = 5,
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
) -> pd.DataFrame:
    r"""How each outlet attributes the words of frequently quoted speakers.

    For each speaker x outlet cell: the number of attributions and the share of them that
    are direct quotations (``kind == "direct"``; partial quotes inside paraphrase, ``mixed``,
    do not count) and that use doubt (``claimed``, ``insisted``), endorsing (``pointed out``,
    ``confirmed``) or emotive (``fumed``, ``lashed out``) cues. A share is
    :math:`\sum_a k_a / \sum_a n_a` over the articles of the cell; its interval is a
    percentile bootstrap resampling those articles with replacement (attributions in one
    article share a writer and a context, so they are clustered).

    Args:
        hits: ``Extraction.hits``.
        speakers: canonical speaker names to report, in this order; default the ``top`` most
            attributed speakers (ties broken by name).
        top: number of speakers when ``speakers`` is not given.
        by: the grouping column.
        source_types: source types eligible for the ``top`` selection (anonymous sources
            such as "officials" are not one speaker across articles).
        min_attributions: cells with fewer attributions get ``below_min=True`` and ``NaN``
            shares and intervals (insufficient, not zero).
        n_boot: bootstrap resamples.
        seed: seed of the random streams (one per cell, from ``seed``, speaker and outlet).
        ci: coverage of the intervals.

    Returns:
        One row per speaker x outlet (every outlet with attributions, so cells without any
        appear with 0 attributions): ``speaker, outlet, attributions, articles``, then for
        each of ``direct, doubt, endorsement, emotive``: ``share_<x>, share_<x>_low,
        share_<x>_high``; then ``below_min``.

    Raises:
        ValueError: missing columns, a listed speaker without any attribution (the message
            lists the most attributed ones), or invalid parameters.

    References:
        Efron & Tibshirani (1993); Field & Welsh (2007).

    Examples:
        >>> hits = pd.DataFrame({
        ...     "id": ["a1", "a1", "a2", "b1", "b1"], "outlet": ["A", "A", "A", "B", "B"],
        ...     "detector": "attribution", "speaker": "Mara Velic",
        ...     "category": ["doubt", "neutral", "doubt", "neutral", "endorsement"],
        ...     "kind": ["direct", "indirect", "indirect", "direct", "direct"],
        ...     "source_type": "named",
        ... })
        >>> table = attribution_asymmetry(hits, min_attributions=2)
        >>> table[["speaker", "outlet", "attributions", "share_doubt", "share_direct"]]
              speaker outlet  attributions  share_doubt  share_direct
        0  Mara Velic      A             3     0.666667      0.333333
        1  Mara Velic      B             2     0.000000      1.000000
    """
    _check_bootstrap(n_boot, ci, seed)
    att = _attribution_hits(hits, by)
    _groups_without_na(att, by, "attribution hits")
    named = att[att["speaker"].notna()]
    frequency = (
        named[named["source_type"].isin(list(source_types))]
        .groupby("speaker", observed=True)
        .size()
        .reset_index(name="n")
        .assign(speaker=lambda f: f["speaker"].astype(str))
        .sort_values(["n", "speaker"], ascending=[False, True], kind="mergesort")
    )
    if speakers is None:
        chosen = frequency["speaker"].head(top).tolist()
    else:
        chosen = [str(s) for s in speakers]
        present = set(named["speaker"].astype(str))
        unknown = [s for s in chosen if s not in present]
        if unknown:
            common = ", ".join(repr(s) for s in frequency["speaker"].head(8))
            raise ValueError(
                f"no attributions to speaker(s) {', '.join(map(repr, unknown))}; "
                f"most attributed: {common}"
            )
    outlets = sorted(att[by].astype(str).unique().tolist())
    named = named.assign(speaker=named["speaker"].astype(str), **{by: named[by].astype(str)})

    share_names = list(ASYMMETRY_SHARES)
    rows = []
    for speaker in chosen:
        of_speaker = named[named["speaker"] == speaker]
        for outlet in outlets:
            cell = of_speaker[of_speaker[by] == outlet]
            indicators = np.column_stack(
                [
                    (cell[column] == value).fillna(False).to_numpy(dtype=float)
                    for column, value in ASYMMETRY_SHARES.values()
                ]
            )
            per_article = (
                pd.DataFrame(indicators, columns=share_names)
                .assign(id=cell["id"].astype(str).to_numpy(), n=1.0)
                .groupby("id", sort=True)
                .sum()
            )
            n = len(cell)
            below = n < min_attributions
            shares = low = high = np.full(len(share_names), np.nan)
            if not below:
                numerators = per_article[share_names].to_numpy()
                denominators = per_article["n"].to_numpy()
                shares = numerators.sum(axis=0) / denominators.sum()
                low, high = _ratio_bootstrap(
                    numerators,
                    denominators,
                    n_boot=n_boot,
                    ci=ci,
                    rng=_rng(seed, speaker, outlet),
                    scale=1.0,
                )
            values: list[Any] = [speaker, outlet, n, len(per_article)]
            for j in range(len(share_names)):
                values += [float(shares[j]), float(low[j]), float(high[j])]
            rows.append((*values, below))
    columns = ["speaker", by, "attributions", "articles"]
    for name in share_names:
        columns += [f"share_{name}", f"share_{name}_low", f"share_{name}_high"]
    out = pd.DataFrame(rows, columns=[*columns, "below_min"]).astype(
        {"attributions": "int64", "articles": "int64", "below_min": "bool"}
    )
    out.attrs.update(
        {
            "speakers": chosen,
            "min_attributions": int(min_attributions),
            "n_boot": int(n_boot),
            "seed": int(seed),
            "ci": float(ci),
            "method": "percentile bootstrap, articles resampled within speaker x " + by,
            "shares": {k: f"{c} == {v!r}" for k, (c, v) in ASYMMETRY_SHARES.items()},
        }
    )
    return out


@dataclass(frozen=True)
class VerbClassTest:
    """Result of :func:`verb_class_test`.

    Attributes:
        statistic: Pearson's chi-square statistic (no continuity correction).
        dof: degrees of freedom, ``(rows - 1) * (columns - 1)``.
        pvalue: p-value from the chi-square distribution (asymptotic).
        pvalue_monte_carlo: p-value from ``n_resamples`` random tables with the observed
            margins, ``(k + 1) / (n_resamples + 1)``; robust when expected counts are small.
        n_resamples: Monte Carlo tables drawn.
        n: attributions in the table.
        cramers_v: effect size, ``sqrt(statistic / (n * (min(rows, columns) - 1)))``.
        min_expected: smallest expected count.
        note: a warning when expected counts are below 5 (empty otherwise).
        table: observed counts (outlets x verb classes that occur).
        expected: expected counts under independence.
        speaker: the speaker the table is restricted to, if any.
    """

    statistic: float
    dof: int
    pvalue: float
    pvalue_monte_carlo: float
    n_resamples: int
    n: int
    cramers_v: float
    min_expected: float
    note: str
    table: pd.DataFrame = field(repr=False, compare=False)
    expected: pd.DataFrame = field(repr=False, compare=False)
    speaker: str | None = None

    def _repr_html_(self) -> str:
        who = f" for {html.escape(self.speaker)}" if self.speaker else ""
        note = f"<p><em>{html.escape(self.note)}</em></p>" if self.note else ""
        return (
            f"<p>Outlet x verb class{who}: chi-square = {self.statistic:.2f}, "
            f"dof = {self.dof}, p = {self.pvalue:.3g} (Monte Carlo p = "
            f"{self.pvalue_monte_carlo:.3g}, {self.n_resamples} tables), n = {self.n}, "
            f"Cramér's V = {self.cramers_v:.2f}</p>{note}" + self.table.to_html(escape=True)
        )


def verb_class_test(
    hits: pd.DataFrame,
    speaker: str | None = None,
    *,
    by: str = "outlet",
    n_resamples: int = 9999,
    seed: int = 0,
) -> VerbClassTest:
    r"""Do outlets use different verb classes (optionally: for one speaker)?

    Pearson's chi-square test of independence on the outlet x verb class table of
    attributions (:func:`scipy.stats.chi2_contingency`, no continuity correction). Outlets
    and verb classes without any attribution are left out of the table. The asymptotic
    p-value needs expected counts of about 5 or more; when some are smaller, ``note`` says so
    and ``pvalue_monte_carlo`` (random tables with the same margins, drawn with ``seed``) is
    the one to read.

    Args:
        hits: ``Extraction.hits``.
        speaker: restrict to attributions to this canonical speaker name.
        by: the grouping column.
        n_resamples: Monte Carlo tables.
        seed: seed of the Monte Carlo draws.

    Returns:
        A :class:`VerbClassTest`.

    Raises:
        ValueError: missing columns, unknown speaker, or fewer than two outlets or verb
            classes with attributions.

    References:
        Agresti, A. (2013). Categorical Data Analysis, 3rd ed., Wiley, sections 3.2 and 16.2
        (chi-square test, small-sample and Monte Carlo alternatives). Patefield, W. M. (1981).
        An efficient method of generating random R x C tables with given row and column
        totals. Applied Statistics 30(1), 91-97.

    Examples:
        >>> hits = pd.DataFrame({
        ...     "id": [f"a{i}" for i in range(40)],
        ...     "outlet": ["A"] * 20 + ["B"] * 20, "detector": "attribution",
        ...     "speaker": "Mara Velic", "kind": "direct", "source_type": "named",
        ...     "category": ["doubt"] * 15 + ["neutral"] * 5 + ["doubt"] * 5 + ["neutral"] * 15,
        ... })
        >>> result = verb_class_test(hits)
        >>> result.statistic, result.dof, result.n, result.note
        (10.0, 1, 40, '')
        >>> result.pvalue < 0.01 and result.pvalue_monte_carlo < 0.01
        True
    """
    from scipy import stats  # here: scipy.stats takes most of a second to import

    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    att = _attribution_hits(hits, by)
    if speaker is not None:
        known = att["speaker"].dropna().astype(str)
        if speaker not in set(known):
            common = ", ".join(repr(s) for s in known.value_counts().head(8).index)
            raise ValueError(f"no attributions to speaker {speaker!r}; most attributed: {common}")
        att = att[att["speaker"].astype(str) == speaker]
    att = att[att["category"].notna() & att[by].notna()]
    table = pd.crosstab(att[by].astype(str), att["category"].astype(str))
    order = [c for c in VERB_CLASSES if c in table.columns]
    order += sorted(c for c in table.columns if c not in order)
    table = table[order].sort_index()
    table.index.name, table.columns.name = by, "verb_class"
    if table.shape[0] < 2 or table.shape[1] < 2:
        raise ValueError(
            f"need attributions from at least two {by} values and two verb classes; got "
            f"{table.shape[0]} x {table.shape[1]}"
            + (f" for speaker {speaker!r}" if speaker else "")
        )
    observed = table.to_numpy()
    result = stats.chi2_contingency(observed, correction=False)
    monte_carlo = stats.chi2_contingency(
        observed,
        correction=False,
        method=stats.MonteCarloMethod(n_resamples=n_resamples, rng=np.random.default_rng(seed)),
    )
    expected = pd.DataFrame(result.expected_freq, index=table.index, columns=table.columns)
    n = int(observed.sum())
    small = int((result.expected_freq < 5).sum())
    min_expected = float(result.expected_freq.min())
    note = ""
    if small:
        note = (
            f"{small} of {result.expected_freq.size} expected counts are below 5 (smallest "
            f"{min_expected:.2f}); the chi-square approximation may be poor: read "
            "pvalue_monte_carlo"
        )
    statistic = float(result.statistic)
    return VerbClassTest(
        statistic=statistic,
        dof=int(result.dof),
        pvalue=float(result.pvalue),
        pvalue_monte_carlo=float(monte_carlo.pvalue),
        n_resamples=int(n_resamples),
        n=n,
        cramers_v=math.sqrt(statistic / (n * (min(observed.shape) - 1))),
        min_expected=min_expected,
        note=note,
        table=table,
        expected=expected,
        speaker=speaker,
    )


# ---------------------------------------------------------------------------------------------
# Matched comparison


@dataclass(frozen=True, eq=False)
class MatchedComparison:
    """Result of :func:`matched_comparison`.

    Attributes:
        rates: one row per event x outlet: ``event, outlet, articles, words, count, rate``.
        differences: one row per pair of outlets: ``outlet_a, outlet_b, events, mean_a,
            mean_b, mean_difference, ci_low, ci_high, a_higher, b_higher, below_min``.
        events: the events compared (covered by every outlet), sorted.
        excluded_events: events left out, with the reason.
        measure: the count column the rates are computed from.
    """

    rates: pd.DataFrame
    differences: pd.DataFrame
    events: list[str]
    excluded_events: dict[str, str]
    measure: str

    def _repr_html_(self) -> str:
        return (
            f"<p>Matched comparison of <code>{html.escape(self.measure)}</code> on "
            f"{len(self.events)} shared events ({len(self.excluded_events)} excluded)</p>"
            + self.differences.to_html(index=False, escape=True)
        )


def matched_comparison(
    articles: pd.DataFrame,
    outlets: Sequence[str],
    measure: str = "rate_loaded_outlet",
    *,
    events: Sequence[str] | None = None,
    words: str = "words",
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    min_events: int = 3,
) -> MatchedComparison:
    r"""Compare outlets on the events they all covered, so topic mix cannot explain a gap.

    Only events with at least one article (with words) from every outlet in ``outlets`` are
    used. For each event and outlet the pooled rate per 1,000 words is computed; for each pair
    of outlets (``a`` before ``b`` in ``outlets``) the summary is the mean over events of the
    within-event difference :math:`\bar d = \frac{1}{E}\sum_e (r_{a,e} - r_{b,e})`, each event
    weighing the same, with a percentile bootstrap interval resampling events.

    Args:
        articles: ``Extraction.articles`` (needs ``id``, ``outlet``, ``event``).
        outlets: the outlets to compare (at least two).
        measure: a rate column or a count column (as for :func:`outlet_rates`).
        events: restrict to these events (each must exist; those not covered by every outlet
            are excluded and listed).
        words: the column of word counts.
        n_boot: bootstrap resamples.
        seed: seed of the random streams (one per pair of outlets).
        ci: coverage of the interval.
        min_events: pairs with fewer shared events get ``below_min=True`` and ``NaN`` mean
            difference and interval.

    Returns:
        A :class:`MatchedComparison`.

    Raises:
        ValueError: unknown outlet or event (the message lists the available ones), fewer
            than two outlets, missing columns, or invalid parameters.

    References:
        Efron & Tibshirani (1993), ch. 13 (percentile interval for a mean).

    Examples:
        >>> articles = pd.DataFrame({
        ...     "id": ["a1", "a2", "a3", "b1", "b2"],
        ...     "outlet": ["A", "A", "A", "B", "B"],
        ...     "event": ["e1", "e2", "e3", "e1", "e2"],
        ...     "words": [100, 100, 100, 200, 100],
        ...     "loaded_outlet": [3, 1, 9, 2, 1],
        ... })
        >>> result = matched_comparison(articles, ["A", "B"], "loaded_outlet", min_events=2)
        >>> result.events, result.excluded_events
        (['e1', 'e2'], {'e3': 'not covered by B'})
        >>> result.rates[["event", "outlet", "rate"]]
          event outlet  rate
        0    e1      A  30.0
        1    e1      B  10.0
        2    e2      A  10.0
        3    e2      B  10.0
        >>> result.differences[["outlet_a", "outlet_b", "events", "mean_difference"]]
          outlet_a outlet_b  events  mean_difference
        0        A        B       2             10.0
    """
    _check_bootstrap(n_boot, ci, seed)
    _check_columns(articles, ["id", "outlet", "event", words], "articles")
    count = _count_column(articles, measure, words)
    chosen = [str(o) for o in outlets]
    if len(set(chosen)) < 2 or len(set(chosen)) != len(chosen):
        raise ValueError(f"outlets must name at least two different outlets, got {chosen}")
    available = sorted(articles["outlet"].dropna().astype(str).unique().tolist())
    unknown = [o for o in chosen if o not in available]
    if unknown:
        raise ValueError(
            f"unknown outlet(s) {', '.join(map(repr, unknown))}; available: "
            f"{', '.join(map(repr, available))}"
        )
    frame = articles[articles["outlet"].astype(str).isin(chosen) & articles["event"].notna()]
    frame = _sort_rows(
        frame[["id", "outlet", "event", words, count]].assign(
            outlet=lambda f: f["outlet"].astype(str), event=lambda f: f["event"].astype(str)
        ),
        ["id", "outlet", "event", words, count],
    )
    all_events = sorted(articles["event"].dropna().astype(str).unique().tolist())
    if events is not None:
        wanted = [str(e) for e in events]
        missing = [e for e in wanted if e not in all_events]
        if missing:
            raise ValueError(
                f"unknown event(s) {', '.join(map(repr, missing))}; available: "
                f"{', '.join(map(repr, all_events[:20]))}"
                + (f" and {len(all_events) - 20} more" if len(all_events) > 20 else "")
            )
        frame = frame[frame["event"].isin(wanted)]
        candidates = sorted(set(wanted))
    else:
        candidates = sorted(frame["event"].unique().tolist())

    pooled = (
        frame.groupby(["event", "outlet"], sort=True)
        .agg(articles=("id", "size"), words=(words, "sum"), count=(count, "sum"))
        .reset_index()
    )
    covered: list[str] = []
    excluded: dict[str, str] = {}
    for event in candidates:
        rows = pooled[(pooled["event"] == event) & (pooled["words"] > 0)]
        lacking = [o for o in chosen if o not in set(rows["outlet"])]
        if lacking:
            excluded[event] = "not covered by " + ", ".join(lacking)
        else:
            covered.append(event)
    rates = pooled[pooled["event"].isin(covered)].copy()
    rates["rate"] = rates["count"] * float(PER_WORDS) / rates["words"]
    rates["outlet"] = pd.Categorical(rates["outlet"], categories=chosen, ordered=True)
    rates = rates.sort_values(["event", "outlet"], kind="mergesort").reset_index(drop=True)
    rates["outlet"] = rates["outlet"].astype(str)
    rates = rates[["event", "outlet", "articles", "words", "count", "rate"]].astype(
        {"articles": "int64", "words": "int64", "count": "int64"}
    )

    wide = rates.pivot(index="event", columns="outlet", values="rate").reindex(covered)
    summary = []
    for a, b in itertools.combinations(chosen, 2):
        diffs = (wide[a] - wide[b]).to_numpy(dtype=float) if covered else np.empty(0)
        n_events = len(diffs)
        below = n_events < min_events
        mean_a = float(wide[a].mean()) if covered else math.nan
        mean_b = float(wide[b].mean()) if covered else math.nan
        mean_diff = low = high = math.nan
        if not below:
            mean_diff = float(diffs.mean())
            lows, highs = _ratio_bootstrap(
                diffs[:, None],
                np.ones(n_events),
                n_boot=n_boot,
                ci=ci,
                rng=_rng(seed, a, b),
                scale=1.0,
            )
            low, high = float(lows[0]), float(highs[0])
        summary.append(
            (a, b, n_events, mean_a, mean_b, mean_diff, low, high,
             int((diffs > 0).sum()), int((diffs < 0).sum()), below)
        )  # fmt: skip
    differences = pd.DataFrame(
        summary,
        columns=[
            "outlet_a",
            "outlet_b",
            "events",
            "mean_a",
            "mean_b",
            "mean_difference",
            "ci_low",
            "ci_high",
            "a_higher",
            "b_higher",
            "below_min",
        ],
    ).astype({"events": "int64", "a_higher": "int64", "b_higher": "int64", "below_min": "bool"})
    differences.attrs.update(
        {
            "measure": measure,
            "count_column": count,
            "per_words": PER_WORDS,
            "n_boot": int(n_boot),
            "seed": int(seed),
            "ci": float(ci),
            "min_events": int(min_events),
            "method": "mean within-event difference; percentile bootstrap over events",
        }
    )
    return MatchedComparison(rates, differences, covered, excluded, count)
