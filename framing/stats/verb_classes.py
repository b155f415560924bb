"""Chi-square test of outlet x attribution verb class, with a Monte Carlo p-value."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from framing.stats.inputs import attribution_hits, group_sizes
from framing.types import VERB_CLASSES

__all__ = ["VerbClassTest", "verb_class_test"]


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
    att = attribution_hits(hits, by)
    if speaker is not None:
        known = att["speaker"].dropna().astype(str)
        if speaker not in set(known):
            common = ", ".join(repr(s) for s in known.value_counts().head(8).index)
            raise ValueError(f"no attributions to speaker {speaker!r}; most attributed: {common}")
        att = att[att["speaker"].astype(str) == speaker]
    # Counted by group (from the codes where the columns are categoricals; rows missing
    # either value are not counted), as ``pd.crosstab`` of the values as strings counts
    # them, without building the strings or copying the rows.
    table = group_sizes(att, [by, "category"]).unstack(fill_value=0)
    table.index = table.index.astype(str)
    table.columns = table.columns.astype(str)
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
            "the Monte Carlo p-value (pvalue_monte_carlo)"
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
