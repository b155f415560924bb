"""framing: measure how news outlets frame the same events.

Detectors (each returns a tidy DataFrame with character offsets into the text):
:func:`loaded_terms`, :func:`attributions`, :func:`markers`; :func:`analyze` bundles them with a
highlighted view for Jupyter.
"""

from __future__ import annotations

import sys
from types import ModuleType as _ModuleType
from typing import TYPE_CHECKING, Any

from framing.exports import on_first_use
from framing.version import __version__

if TYPE_CHECKING:
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

# Each public name and the module that defines it, imported on first use. `import framing`
# alone then costs no pandas, so a subpackage that needs none stays small: the process that
# waits for the report's kernel (`framing report`) held ~190 MB of pandas and Arrow for
# nothing (framing.report.execute). The names are the same; `from framing import x` and
# `framing.x` import the module as an eager import would have.
_DEFINED_IN = {
    "Analysis": "framing.analysis",
    "analyze": "framing.analysis",
    "CorpusError": "framing.corpus",
    "ValidationReport": "framing.corpus",
    "corpus_fingerprint": "framing.corpus",
    "iter_corpus": "framing.corpus",
    "load_corpus": "framing.corpus",
    "validate_corpus": "framing.corpus",
    "attributions": "framing.detect.attribution",
    "loaded_terms": "framing.detect.loaded",
    "markers": "framing.detect.markers",
    "Detections": "framing.detect.pipeline",
    "detect": "framing.detect.pipeline",
    "Extraction": "framing.extract",
    "extract": "framing.extract",
    "kwic": "framing.kwic",
    "methods_paragraph": "framing.report.methods",
    "MatchedComparison": "framing.stats",
    "VerbClassTest": "framing.stats",
    "attribution_asymmetry": "framing.stats",
    "distinctive_terms": "framing.stats",
    "matched_comparison": "framing.stats",
    "outlet_rates": "framing.stats",
    "verb_class_test": "framing.stats",
    "Document": "framing.text",
}


__getattr__, __dir__ = on_first_use(__name__, _DEFINED_IN, __all__)


class _Package(_ModuleType):
    """The ``framing`` module, whose public names win over its subpackages' names.

    ``framing.extract``, ``framing.detect`` and ``framing.kwic`` are functions defined in
    subpackages of the same name. Importing such a subpackage sets the package's attribute to
    the module, so after ``import framing.extract.batch`` the name ``framing.extract`` would be
    the module and no longer the function. This class ignores that assignment: the name stays
    (or becomes, on first use) the function, as it was when the package imported everything.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _DEFINED_IN and isinstance(value, _ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
