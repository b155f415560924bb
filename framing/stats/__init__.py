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

from framing.stats.asymmetry import ASYMMETRY_SHARES, attribution_asymmetry
from framing.stats.bootstrap import ArticleResamples
from framing.stats.distinctive import distinctive_terms
from framing.stats.matched import MatchedComparison, matched_comparison
from framing.stats.rates import outlet_rates
from framing.stats.shares import (
    GENDERS,
    gender_counts,
    outlet_shares,
    share_of_voice,
    share_of_voice_columns,
    source_types,
    voice_by_gender,
)
from framing.stats.trends import outlet_trends, trend_period
from framing.stats.verb_classes import VerbClassTest, verb_class_test

__all__ = [
    "ASYMMETRY_SHARES",
    "GENDERS",
    "ArticleResamples",
    "MatchedComparison",
    "VerbClassTest",
    "attribution_asymmetry",
    "distinctive_terms",
    "gender_counts",
    "matched_comparison",
    "outlet_rates",
    "outlet_shares",
    "outlet_trends",
    "share_of_voice",
    "share_of_voice_columns",
    "source_types",
    "trend_period",
    "verb_class_test",
    "voice_by_gender",
]
