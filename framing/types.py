"""Shared result types and column contracts.

Every detector returns a tidy :class:`pandas.DataFrame` whose columns are listed here, so the
contract other code depends on is written down once. Offsets are Python ``str`` indices into the
analysed text (``text[start:end]``), nullable (``pandas.NA``) where a part is not expressed.
"""

from __future__ import annotations

from typing import Final, Literal

import pandas as pd

STRING_DTYPE: Final = pd.StringDtype("python")
"""String dtype of text columns. Python storage, not Arrow: text decoded with
``errors="surrogateescape"`` can hold lone surrogates, which Arrow strings reject."""

LOADED_TERM_COLUMNS: Final = (
    "start",
    "end",
    "text",
    "term",
    "category",
    "in_quote",
    "lexicon",
)
"""Columns of :func:`framing.loaded_terms`. ``in_quote`` is True inside a direct quotation (the
speaker's voice), False in the outlet's own voice; ``lexicon`` is ``name@version`` of the entry.
:func:`framing.analyze` adds ``speaker``: who the quotation a hit sits in is attributed to."""

ATTRIBUTION_COLUMNS: Final = (
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_text",
    "verb",
    "verb_start",
    "verb_end",
    "verb_lemma",
    "verb_class",
    "kind",
    "quote",
    "quote_start",
    "quote_end",
    "source_type",
    "sentence_start",
    "sentence_end",
)
"""Columns of :func:`framing.attributions`. ``speaker`` is the canonical name the mention was
resolved to within the article; ``speaker_text`` is the mention as written, so
``text[speaker_start:speaker_end] == speaker_text``. ``quote`` holds the reported content: the
words inside the quotation marks for direct quotes, the reported clause otherwise."""

MARKER_COLUMNS: Final = ("start", "end", "text", "type", "term", "in_quote")
"""Columns of :func:`framing.markers`."""

VerbClass = Literal["neutral", "doubt", "concession", "endorsement", "emotive", "directive"]
AttributionKind = Literal["direct", "indirect", "mixed", "according_to"]
SourceType = Literal["named", "organization", "anonymous", "unresolved"]
MarkerType = Literal["scare_quote", "hedge", "epistemic_distancing", "unverified"]

VERB_CLASSES: Final = ("neutral", "doubt", "concession", "endorsement", "emotive", "directive")
ATTRIBUTION_KINDS: Final = ("direct", "indirect", "mixed", "according_to")
SOURCE_TYPES: Final = ("named", "organization", "anonymous", "unresolved")
LOADED_CATEGORIES: Final = (
    "emotive_speech",
    "emotive_mood",
    "distancing",
    "pejorative_label",
    "hyperbole",
    "loaded_action",
    "conflict_metaphor",
)
MARKER_TYPES: Final = ("scare_quote", "hedge", "epistemic_distancing", "unverified")
