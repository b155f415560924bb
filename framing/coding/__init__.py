"""Validating the measures on your own corpus: a coding sheet, agreement between coders, and
outlet rates corrected for the detector's estimated precision and misses.

1. :func:`draw_sample` draws a stratified, seeded sample of detector hits and of sentences
   without a hit per outlet and writes it as a coding sheet with a coding guide
   (``framing sample``);
2. coders fill in the sheet's ``code`` column, one copy each;
3. :func:`read_coded_sheets` reads the copies back, refusing any problem with file and row, and
   :func:`agreement` reports Krippendorff's alpha, precision and misses per outlet with
   intervals, and the corrected rates (``framing agreement``; the report's validation section).

The workflow, formulas and references: ``docs/validation-workflow.md``.
"""

from framing.coding.agreement import (
    AgreementReport,
    agreement,
    corrected_rate,
    reliability,
    wilson_interval,
)
from framing.coding.sample import CODING_DETECTORS, CodingSample, coding_guide, draw_sample
from framing.coding.sheets import (
    CodedSample,
    read_coded_samples,
    read_coded_sheets,
    read_sample_key,
)

__all__ = [
    "CODING_DETECTORS",
    "AgreementReport",
    "CodedSample",
    "CodingSample",
    "agreement",
    "coding_guide",
    "corrected_rate",
    "draw_sample",
    "read_coded_samples",
    "read_coded_sheets",
    "read_sample_key",
    "reliability",
    "wilson_interval",
]
