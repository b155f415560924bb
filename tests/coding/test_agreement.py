"""Reliability, precision intervals and corrected rates against hand-computed values."""

from __future__ import annotations

import math
import os

import numpy as np
import pandas as pd
import pytest
from nltk.metrics.agreement import AnnotationTask

from framing.coding import CodedSample, agreement, corrected_rate, reliability, wilson_interval


def _codes(**coders: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        [(coder, f"i{k}", v) for coder, values in coders.items() for k, v in enumerate(values)],
        columns=["coder", "item", "code"],
    )


def test_alpha_of_the_textbook_binary_example():
    # Krippendorff's two-coder binary example: alpha = 1 - (n-1) o01 / (n0 n1)
    # with coincidences o01 = 4, n0 = 14, n1 = 6, n = 20: 1 - 19 * 4 / 84 = 0.0952.
    codes = _codes(a=[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], b=[1, 1, 1, 0, 0, 1, 0, 0, 0, 0])
    result = reliability(codes)
    assert result["alpha"] == round(1 - 19 * 4 / (14 * 6), 4) == 0.0952
    assert result["percent_agreement"] == 0.6


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_alpha_equals_nltk_on_constructed_sheets(seed):
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, size=40)
    coders = {
        f"c{j}": np.where(rng.random(40) < 0.2, rng.integers(0, 3, 40), truth) for j in range(3)
    }
    codes = _codes(**{k: v.tolist() for k, v in coders.items()})
    task = AnnotationTask([(c, i, str(v)) for c, i, v in codes.itertuples(index=False)])
    assert reliability(codes)["alpha"] == round(task.alpha(), 4)
    assert reliability(codes)["percent_agreement"] == round(task.avg_Ao(), 4)


def test_one_coder_has_no_reliability():
    assert reliability(_codes(a=[1, 0, 1]))["alpha"] is None


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    # Wilson (1927) by hand: (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96
    [(8, 10, 0.4902, 0.9433), (0, 10, 0.0, 0.2775), (50, 100, 0.4038, 0.5962)],
)
def test_wilson_interval_matches_the_formula(x, n, low, high):
    got = wilson_interval(x, n)
    assert (round(got[0], 4), round(got[1], 4)) == (low, high)
    assert math.isnan(wilson_interval(0, 0)[0])


def test_corrected_rate_recovers_a_known_truth():
    # 1,000 hits of which 80 % are right (800) and 5,000 sentences without a hit holding 0.04
    # missed instances each (200): 1,000 true instances in 100,000 words = 10 per 1,000.
    population = {"words": 100_000, "hits": 1_000, "sentences_without_hit": 5_000}
    out = corrected_rate(
        population,
        hit_values=np.array([1] * 80 + [0] * 20, dtype=float),
        sentence_values=np.array([1] * 4 + [0] * 96, dtype=float),
        n_draws=4000,
        ci=0.95,
        rng=np.random.default_rng(0),
    )
    assert out["detected_rate"] == 10.0
    assert out["corrected_rate"] == pytest.approx(10.0)
    assert out["recall"] == pytest.approx(0.8)
    assert out["corrected_low"] < 10.0 < out["corrected_high"]
    assert out["recall_low"] < 0.8 < out["recall_high"]
    # both estimates' uncertainty: fewer coded items give a wider interval
    fewer = corrected_rate(
        population,
        hit_values=np.array([1] * 8 + [0] * 2, dtype=float),
        sentence_values=np.array([1] * 4 + [0] * 96, dtype=float),
        n_draws=4000,
        ci=0.95,
        rng=np.random.default_rng(0),
    )
    assert (
        fewer["corrected_high"] - fewer["corrected_low"]
        > out["corrected_high"] - out["corrected_low"]
    )


def test_agreement_per_outlet_from_coded_items():
    key = pd.DataFrame({
        "item": [f"i{k}" for k in range(8)], "sample": "s1", "detector": "loaded",
        "kind": ["hit"] * 4 + ["sentence"] * 4, "outlet": ["A", "A", "B", "B"] * 2,
        "id": list("abcdefgh"), "start": 0, "end": 1,
    })  # fmt: skip
    codes = _codes(ann=[1, 1, 1, 0, 0, 2, 0, 0], bo=[1, 0, 1, 0, 0, 2, 0, 1])
    codes["note"] = ""
    meta = {"sample": "s1", "populations": {
        "A": {"words": 1000, "hits": 10, "sentences_without_hit": 20},
        "B": {"words": 2000, "hits": 4, "sentences_without_hit": 40}}}  # fmt: skip
    report = agreement(CodedSample(key, meta, codes), n_draws=500)
    a, b = (report.estimates.set_index("outlet").loc[o] for o in ("A", "B"))
    assert a["precision"] == 0.75  # (1 + 0.5) / 2: the split item counts one half
    assert b["precision"] == 0.5
    assert a["misses_per_sentence"] == 1.0 and a["miss_share"] == 0.5
    assert b["misses_per_sentence"] == 0.25 and b["miss_share"] == 0.25
    corrected = report.corrected.set_index("outlet")
    assert corrected.loc["A", "corrected_rate"] == pytest.approx(1000 * (10 * 0.75 + 20 * 1) / 1000)
    assert report.disagreements["item"].tolist() == ["i1", "i7"]
    assert report.reliability.set_index("scope").loc["all items", "coders"] == 2


def test_the_report_imports_nltk_only_to_compute_agreement():
    """``nltk.metrics`` imports all of NLTK (~20 MB); the report's kernel imports this module
    whether or not the corpus has coded samples, so NLTK waits until agreement is computed."""
    import subprocess
    import sys

    code = (
        "import sys, framing.report.sections\n"
        "assert 'nltk' not in sys.modules\n"
        "from framing.coding.agreement import reliability\n"
        "import pandas as pd\n"
        "reliability(pd.DataFrame({'coder': ['a', 'b'], 'item': ['1', '1'], 'code': [1, 1]}))\n"
        "assert 'nltk' in sys.modules\n"
    )
    env = {**os.environ, "MPLBACKEND": "Agg"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
