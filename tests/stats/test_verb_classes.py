"""framing.stats.verb_classes: chi-square test of outlet x verb class, checked by hand."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from framing.stats import verb_class_test


def _attribution_hits(rows):
    """rows: (id, outlet, speaker, verb_class, kind, source_type)."""
    hits = pd.DataFrame(
        rows, columns=["id", "outlet", "speaker", "category", "kind", "source_type"]
    )
    hits["detector"] = "attribution"
    return hits


def _hits_from_table(table: dict[str, dict[str, int]], speaker: str = "Mara Velic") -> pd.DataFrame:
    rows = []
    k = 0
    for outlet, counts in table.items():
        for verb_class, n in counts.items():
            for _ in range(n):
                rows.append((f"{outlet}-{k}", outlet, speaker, verb_class, "indirect", "named"))
                k += 1
    return _attribution_hits(rows)


def test_chi_square_by_hand_on_2x2():
    # n (ad - bc)^2 / (r1 r2 c1 c2) = 40 * (15*15 - 5*5)^2 / (20^4) = 10
    hits = _hits_from_table({"A": {"doubt": 15, "neutral": 5}, "B": {"doubt": 5, "neutral": 15}})
    result = verb_class_test(hits)
    assert F(40 * (15 * 15 - 5 * 5) ** 2, 20**4) == 10
    assert result.statistic == pytest.approx(10.0)
    assert result.dof == 1 and result.n == 40 and result.note == ""
    assert result.cramers_v == pytest.approx(math.sqrt(10 / 40))
    assert result.pvalue == pytest.approx(stats.chi2.sf(10, 1))


def test_chi_square_equals_scipy_on_known_table():
    observed = {"A": {"neutral": 30, "doubt": 12, "endorsement": 3},
                "B": {"neutral": 25, "doubt": 2, "endorsement": 14},
                "C": {"neutral": 40, "doubt": 6, "endorsement": 6}}  # fmt: skip
    result = verb_class_test(_hits_from_table(observed))
    matrix = np.array([[30, 12, 3], [25, 2, 14], [40, 6, 6]])
    reference = stats.chi2_contingency(matrix, correction=False)
    assert result.table.to_numpy().tolist() == matrix.tolist()
    assert list(result.table.columns) == ["neutral", "doubt", "endorsement"]
    assert result.statistic == pytest.approx(reference.statistic, rel=1e-12)
    assert result.pvalue == pytest.approx(reference.pvalue, rel=1e-9)
    assert result.dof == reference.dof == 4
    np.testing.assert_allclose(result.expected.to_numpy(), reference.expected_freq)
    assert result.min_expected == pytest.approx(reference.expected_freq.min())
    assert result.note == ""
    # Monte Carlo p-value: reproducible with the seed, close to the asymptotic one here
    again = verb_class_test(_hits_from_table(observed))
    assert again.pvalue_monte_carlo == result.pvalue_monte_carlo
    assert result.pvalue_monte_carlo == pytest.approx(max(reference.pvalue, 1e-4), abs=2e-3)


def test_small_expected_counts_are_flagged():
    hits = _hits_from_table({"A": {"doubt": 4, "neutral": 1}, "B": {"doubt": 1, "neutral": 5}})
    result = verb_class_test(hits, n_resamples=1999, seed=3)
    assert "expected counts are below 5" in result.note and "pvalue_monte_carlo" in result.note
    # the Monte Carlo p-value is a multiple of 1 / (n_resamples + 1), seeded
    assert (result.pvalue_monte_carlo * 2000) == pytest.approx(
        round(result.pvalue_monte_carlo * 2000)
    )
    assert verb_class_test(hits, n_resamples=1999, seed=3) == result
    assert "<table" in result._repr_html_()


def test_verb_class_test_for_one_speaker_and_errors():
    a = _hits_from_table({"A": {"doubt": 15, "neutral": 5}, "B": {"doubt": 5, "neutral": 15}})
    b = _hits_from_table({"A": {"neutral": 9}, "B": {"doubt": 9}}, speaker="Other").assign(
        id=lambda f: "o" + f["id"]
    )
    both = pd.concat([a, b], ignore_index=True)
    assert verb_class_test(both, "Mara Velic").statistic == pytest.approx(10.0)
    assert verb_class_test(both, "Mara Velic").speaker == "Mara Velic"
    with pytest.raises(ValueError, match=r"no attributions to speaker 'Nobody'"):
        verb_class_test(both, "Nobody")
    with pytest.raises(ValueError, match=r"at least two outlet values and two verb classes"):
        verb_class_test(_hits_from_table({"A": {"doubt": 3, "neutral": 2}}))


# ---------------------------------------------------------------------------------------------
# matched_comparison


@pytest.mark.parametrize("categorical", [False, True])
def test_the_table_ignores_row_order_and_dtype_and_rows_of_other_detectors(categorical):
    table = {"B": {"neutral": 9, "doubt": 4}, "A": {"neutral": 5, "emotive": 3, "doubt": 7}}
    hits = _hits_from_table(table)
    other = hits.head(4).assign(detector="loaded", category="hyperbole")
    mixed = pd.concat([hits, other], ignore_index=True).sample(frac=1, random_state=2)
    if categorical:
        mixed = mixed.astype({"outlet": "category", "category": "category"})
    plain, shuffled = verb_class_test(hits), verb_class_test(mixed)
    pd.testing.assert_frame_equal(plain.table, shuffled.table)
    assert plain.table.loc["A", "emotive"] == 3 and plain.table.loc["B", "emotive"] == 0
    assert list(plain.table.index) == ["A", "B"]
    assert (plain.statistic, plain.pvalue_monte_carlo) == (
        shuffled.statistic,
        shuffled.pvalue_monte_carlo,
    )
