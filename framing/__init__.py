"""framing: measure how news outlets frame the same events.

Detectors (each returns a tidy DataFrame with character offsets into the text):
:func:`loaded_terms`, :func:`attributions`, :func:`markers`; :func:`analyze` bundles them with a
highlighted view for Jupyter.
"""

from framing.analysis import Analysis, analyze
from framing.corpus import (
    CorpusError,
    ValidationReport,
    corpus_fingerprint,
    iter_corpus,
    load_corpus,
    validate_corpus,
)
from framing.detect.attribution import attributions
from framing.detect.loaded import loaded_terms
from framing.detect.markers import markers
from framing.detect.pipeline import Detections, detect
from framing.extract import Extraction, extract
from framing.kwic import kwic
from framing.report.methods import methods_paragraph
from framing.stats import (
    MatchedComparison,
    VerbClassTest,
    attribution_asymmetry,
    distinctive_terms,
    matched_comparison,
    outlet_rates,
    verb_class_test,
)
from framing.text import Document
from framing.version import __version__

__all__ = [
    "Analysis",
    "CorpusError",
    "Detections",
    "Document",
    "Extraction",
    "MatchedComparison",
    "ValidationReport",
    "VerbClassTest",
    "__version__",
    "analyze",
    "attribution_asymmetry",
    "attributions",
    "corpus_fingerprint",
    "detect",
    "distinctive_terms",
    "extract",
    "iter_corpus",
    "kwic",
    "load_corpus",
    "loaded_terms",
    "markers",
    "matched_comparison",
    "methods_paragraph",
    "outlet_rates",
    "validate_corpus",
    "verb_class_test",
]
