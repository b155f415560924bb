"""Lexicons: versioned TSV data shipped in this folder, and the matcher built from them.

Nothing here knows about detectors: a lexicon is rows with a version, a matcher finds their
surface forms in a :class:`framing.Document`'s lower-cased text.
"""

from framing.errors import LexiconError
from framing.lexicons.matcher import Hit, Matcher
from framing.lexicons.read import Lexicon, bundled_lexicons, inflect, read_lexicon

__all__ = [
    "Hit",
    "Lexicon",
    "LexiconError",
    "Matcher",
    "bundled_lexicons",
    "inflect",
    "read_lexicon",
]
