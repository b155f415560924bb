"""Precision, recall and F1 of the detectors on annotated data.

Three sources of gold data:

* the project's annotated development set, shipped inside the package in
  ``framing/evaluate/devset/`` (:mod:`framing.evaluate.development`; format in
  ``docs/FORMATS.md``);
* PolNeAR attribution relations and BABE biased words, read from folders the user holds
  (:mod:`framing.evaluate.public`).

``framing evaluate`` prints the scores; the matching rules are in :mod:`framing.evaluate.scores`.
"""

from framing.evaluate.development import (
    MIN_STYLE_GOLD,
    bundled_devset,
    evaluate_devset,
    load_devset,
    style_spread,
)
from framing.evaluate.public import evaluate_babe, evaluate_polnear, outlet_spread
from framing.evaluate.recorded import recorded_scores
from framing.evaluate.scores import Report, Score, match_spans, speakers_agree

__all__ = [
    "MIN_STYLE_GOLD",
    "Report",
    "Score",
    "bundled_devset",
    "evaluate_babe",
    "evaluate_devset",
    "evaluate_polnear",
    "load_devset",
    "match_spans",
    "outlet_spread",
    "recorded_scores",
    "speakers_agree",
    "style_spread",
]
