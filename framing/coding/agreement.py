"""Agreement between coders, the detector's precision and misses per outlet, and outlet rates
corrected for both.

- **Reliability**: Krippendorff's alpha (nominal) and percent agreement between coders, computed
  by NLTK's :class:`nltk.metrics.agreement.AnnotationTask`, over all items and per kind of item;
  the items coders disagree on are listed for adjudication.
- **Precision** per outlet: the share of sampled hits the coders confirm, with a Wilson score
  interval. Each item counts the mean of its coders' codes, so an item two coders split on
  counts one half until it is adjudicated.
- **Misses** per outlet: the share of sampled sentences without a hit in which coders found a
  missed instance (Wilson interval), and the mean number of missed instances per sentence.
- **Corrected rates**: the outlet's true number of instances is estimated as
  ``hits * precision + sentences_without_hit * misses_per_sentence`` and divided by its words
  (per 1,000); the estimated recall is ``hits * precision`` over that. Intervals carry the
  sampling uncertainty of both estimates: precision is drawn from its Jeffreys posterior
  ``Beta(x + 1/2, n - x + 1/2)``, misses per sentence from a bootstrap of the coded sentences.

References:
    Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology (2nd ed.).
    Sage. Chapter 11.
    Hayes, A. F. & Krippendorff, K. (2007). Answering the call for a standard reliability
    measure for coding data. Communication Methods and Measures 1(1), 77-89.
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    Journal of the American Statistical Association 22(158), 209-212.
    Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial
    proportion. Statistical Science 16(2), 101-133.
    Rogan, W. J. & Gladen, B. (1978). Estimating prevalence from the results of a screening
    test. American Journal of Epidemiology 107(1), 71-76.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from framing.coding.sheets import CodedSample
from framing.defaults import PER_WORDS
from framing.stats.bootstrap import group_rng

#: z of a two-sided 95 % interval.
_Z95 = 1.959963984540054


def wilson_interval(successes: float, n: int, z: float = _Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (``successes`` may be fractional).

    Examples:
        >>> [round(v, 3) for v in wilson_interval(8, 10)]
        [0.49, 0.943]
    """
    if n <= 0:
        return (math.nan, math.nan)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def reliability(codes: pd.DataFrame) -> dict[str, float | int | None]:
    """Krippendorff's alpha (nominal) and mean pairwise percent agreement of ``codes``
    (``coder, item, code``), by NLTK; ``None`` with fewer than two coders.

    Examples:
        >>> codes = pd.DataFrame({"coder": ["a"] * 3 + ["b"] * 3, "item": ["1", "2", "3"] * 2,
        ...                       "code": [1, 0, 1, 1, 1, 1]})
        >>> reliability(codes)
        {'coders': 2, 'items': 3, 'alpha': 0.0, 'percent_agreement': 0.6667}
    """
    coders = codes["coder"].nunique()
    items = codes["item"].nunique()
    if coders < 2 or items == 0:
        return {"coders": coders, "items": items, "alpha": None, "percent_agreement": None}
    # Imported here: ``nltk.metrics`` imports all of NLTK (~20 MB more in every report's
    # kernel, which imports this module whether or not the corpus has coded samples).
    from nltk.metrics.agreement import AnnotationTask

    task = AnnotationTask(
        data=[(str(c), str(i), str(v)) for c, i, v in codes[["coder", "item", "code"]].values]
    )
    try:
        alpha = float(task.alpha())
    except ZeroDivisionError:  # every code the same value: no variation to agree on
        alpha = math.nan
    return {
        "coders": coders,
        "items": items,
        "alpha": round(alpha, 4),
        "percent_agreement": round(float(task.avg_Ao()), 4),
    }


@dataclass
class AgreementReport:
    """What a set of coded sheets says about a detector on a corpus.

    Attributes:
        meta: the sample's metadata (detector, seed, populations, fingerprint).
        coders: the coders' names.
        reliability: one row for all items and one per kind: ``scope, coders, items, alpha,
            percent_agreement``.
        estimates: per outlet: coded hits, precision and its interval; coded sentences, the
            share with a miss and its interval, misses per sentence.
        corrected: per outlet: words, hits, the detected rate, the corrected rate with its
            interval, and the estimated recall with its interval (per 1,000 words).
        disagreements: items the coders coded differently, with every coder's code.
    """

    meta: dict[str, Any]
    coders: list[str]
    reliability: pd.DataFrame
    estimates: pd.DataFrame
    corrected: pd.DataFrame
    disagreements: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [
                {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
                for r in frame.to_dict("records")
            ]

        return {
            "sample": self.meta.get("sample"),
            "detector": self.meta.get("detector"),
            "detector_name": self.meta.get("detector_name"),
            "coders": self.coders,
            "reliability": records(self.reliability),
            "estimates": records(self.estimates),
            "corrected": records(self.corrected),
            "disagreements": records(self.disagreements),
            "settings": self.settings,
        }

    def format(self) -> str:
        lines = [
            f"Sample {self.meta.get('sample')} ({self.meta.get('detector_name')}, seed "
            f"{self.meta.get('seed')}, {self.meta.get('items')} items); coders: "
            f"{', '.join(self.coders)}",
            "",
            "Reliability (Krippendorff's alpha, nominal; percent agreement):",
            _table(self.reliability),
            "",
            "Precision and misses per outlet (95% Wilson intervals):",
            _table(self.estimates),
            "",
            "Rates per 1,000 words corrected for precision and misses (95% intervals):",
            _table(self.corrected),
        ]
        if len(self.disagreements):
            lines += ["", f"Disagreements to adjudicate ({len(self.disagreements)}):"]
            lines.append(_table(self.disagreements))
        return "\n".join(lines)


def agreement(
    sample: CodedSample, *, n_draws: int = 4000, seed: int = 0, ci: float = 0.95
) -> AgreementReport:
    """Reliability, precision, misses and corrected rates from coded sheets.

    Args:
        sample: the coded sheets read with :func:`framing.coding.read_coded_sheets`.
        n_draws: Monte Carlo draws for the corrected rates' intervals.
        seed: seed of those draws.
        ci: coverage of the intervals of the corrected rates.

    Returns:
        An :class:`AgreementReport`.
    """
    key = sample.key.set_index("item")
    codes = sample.codes.merge(
        sample.key[["item", "kind", "outlet"]], on="item", how="left", validate="many_to_one"
    )
    scopes = [("all items", codes)] + [
        (f"{kind} items", codes[codes["kind"] == kind]) for kind in ("hit", "sentence")
    ]
    reliability_rows = [{"scope": name, **reliability(part)} for name, part in scopes]
    per_item = codes.groupby("item").agg(
        value=("code", "mean"), missed=("code", lambda c: float((c > 0).mean()))
    )
    per_item = per_item.join(key[["kind", "outlet"]])
    estimates = []
    corrected = []
    populations = sample.meta.get("populations", {})
    for outlet in sorted(set(key["outlet"]) | set(populations)):
        hits = per_item[(per_item["outlet"] == outlet) & (per_item["kind"] == "hit")]
        sentences = per_item[(per_item["outlet"] == outlet) & (per_item["kind"] == "sentence")]
        x, n = float(hits["value"].sum()), len(hits)
        p_low, p_high = wilson_interval(x, n)
        m_share = float(sentences["missed"].sum())
        m_low, m_high = wilson_interval(m_share, len(sentences))
        estimates.append(
            {
                "outlet": outlet,
                "hits_coded": n,
                "precision": x / n if n else math.nan,
                "precision_low": p_low,
                "precision_high": p_high,
                "sentences_coded": len(sentences),
                "miss_share": m_share / len(sentences) if len(sentences) else math.nan,
                "miss_share_low": m_low,
                "miss_share_high": m_high,
                "misses_per_sentence": float(sentences["value"].mean())
                if len(sentences)
                else math.nan,
            }
        )
        corrected.append(
            corrected_rate(
                populations.get(outlet, {}),
                hit_values=hits["value"].to_numpy(float),
                sentence_values=sentences["value"].to_numpy(float),
                n_draws=n_draws,
                ci=ci,
                rng=group_rng(seed, "corrected", outlet),
            )
            | {"outlet": outlet}
        )
    corrected_frame = pd.DataFrame(corrected)
    corrected_frame = corrected_frame[["outlet", *[c for c in corrected_frame if c != "outlet"]]]
    return AgreementReport(
        meta=sample.meta,
        coders=sample.coders,
        reliability=pd.DataFrame(reliability_rows),
        estimates=pd.DataFrame(estimates),
        corrected=corrected_frame,
        disagreements=_disagreements(codes, key),
        settings={"n_draws": n_draws, "seed": seed, "ci": ci},
    )


def corrected_rate(
    population: dict[str, int],
    *,
    hit_values: np.ndarray,
    sentence_values: np.ndarray,
    n_draws: int,
    ci: float,
    rng: np.random.Generator,
) -> dict[str, float]:
    """The rate per 1,000 words corrected for precision and misses, with its interval.

    ``population`` holds the outlet's ``words``, ``hits`` and ``sentences_without_hit``;
    ``hit_values`` the coded values of its sampled hits (1 confirmed, 0 not, fractions where
    coders split) and ``sentence_values`` the missed instances found in its sampled sentences.

    Examples:
        >>> rng = np.random.default_rng(0)
        >>> out = corrected_rate({"words": 100_000, "hits": 1000, "sentences_without_hit": 5000},
        ...     hit_values=np.array([1] * 8 + [0] * 2), sentence_values=np.array([0] * 24 + [1]),
        ...     n_draws=2000, ci=0.95, rng=rng)
        >>> round(out["detected_rate"], 2), round(out["corrected_rate"], 2), round(out["recall"], 2)
        (10.0, 10.0, 0.8)
    """
    words = float(population.get("words", 0))
    hits = float(population.get("hits", 0))
    empty = float(population.get("sentences_without_hit", 0))
    out = {
        "words": int(words),
        "hits": int(hits),
        "detected_rate": PER_WORDS * hits / words if words else math.nan,
    }
    n, m = len(hit_values), len(sentence_values)
    if not words or (hits and not n) or (empty and not m):
        # Nothing coded to correct with: the detected rate stands uncorrected.
        return out | dict.fromkeys(
            (
                "corrected_rate",
                "corrected_low",
                "corrected_high",
                "recall",
                "recall_low",
                "recall_high",
            ),
            math.nan,
        )
    precision = float(hit_values.mean()) if n else 0.0
    misses = float(sentence_values.mean()) if m else 0.0
    true_count = hits * precision + empty * misses
    x = float(hit_values.sum())
    p_draws = rng.beta(x + 0.5, n - x + 0.5, size=n_draws) if n else np.zeros(n_draws)
    m_draws = (
        sentence_values[rng.integers(0, m, size=(n_draws, m))].mean(axis=1)
        if m
        else np.zeros(n_draws)
    )
    found = hits * p_draws
    totals = found + empty * m_draws
    rates = PER_WORDS * totals / words
    with np.errstate(divide="ignore", invalid="ignore"):
        recalls = np.where(totals > 0, found / totals, np.nan)
    tail = (1 - ci) / 2
    low, high = np.quantile(rates, [tail, 1 - tail])
    r_low, r_high = (
        np.nanquantile(recalls, [tail, 1 - tail]) if not np.isnan(recalls).all() else (np.nan,) * 2
    )
    rate = PER_WORDS * true_count / words
    recall = hits * precision / true_count if true_count else math.nan
    # With every sampled hit confirmed (or none), the Jeffreys draws lie strictly inside (0, 1)
    # while the estimate is 1 (or 0): the interval is widened to hold the estimate, as Brown,
    # Cai & DasGupta (2001) set the Jeffreys limit to 1 (or 0) at the boundary.
    return out | {
        "corrected_rate": rate,
        "corrected_low": float(min(low, rate)),
        "corrected_high": float(max(high, rate)),
        "recall": recall,
        "recall_low": float(min(r_low, recall)) if not math.isnan(recall) else math.nan,
        "recall_high": float(max(r_high, recall)) if not math.isnan(recall) else math.nan,
    }


def _disagreements(codes: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    wide = codes.pivot(index="item", columns="coder", values="code")
    split = wide[wide.nunique(axis=1) > 1]
    columns = ["item", "kind", "outlet", "id", "start", "end"]
    if split.empty:
        return pd.DataFrame(columns=[*columns, *wide.columns])
    out = split.join(key[["kind", "outlet", "id", "start", "end"]]).reset_index()
    return out[[*columns, *wide.columns]]


def _table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "  (none)"
    return frame.to_string(index=False, float_format=lambda v: f"{v:.3f}")
