"""Shared result types and column contracts.

Every detector produces named rows defined here and returns a tidy :class:`pandas.DataFrame`
whose columns are the rows' fields, so the contract other code depends on is written down once.
Offsets are Python ``str`` indices into the analysed text (``text[start:end]``), nullable
(``pandas.NA`` in a table, ``None`` in a row) where a part is not expressed. Nothing reads a
row by position.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

import pandas as pd

STRING_DTYPE: Final = pd.StringDtype("python")
"""String dtype of text columns. Python storage, not Arrow: text decoded with
``errors="surrogateescape"`` can hold lone surrogates, which Arrow strings reject."""

VerbClass = Literal["neutral", "doubt", "concession", "endorsement", "emotive", "directive"]
AttributionKind = Literal["direct", "indirect", "mixed", "according_to"]
SourceType = Literal["named", "organization", "document", "anonymous", "unresolved"]
MarkerType = Literal["scare_quote", "hedge", "epistemic_distancing", "unverified"]
Voice = Literal["outlet", "quoted", "attributed"]

VERB_CLASSES: Final = ("neutral", "doubt", "concession", "endorsement", "emotive", "directive")
ATTRIBUTION_KINDS: Final = ("direct", "indirect", "mixed", "according_to")
SOURCE_TYPES: Final = ("named", "organization", "document", "anonymous", "unresolved")
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
VOICES: Final = ("outlet", "quoted", "attributed")


class LoadedTermRow(NamedTuple):
    """A loaded-term hit: the columns of :func:`framing.loaded_terms`, then ``speaker``."""

    start: int
    end: int
    #: ``text[start:end]`` as written.
    text: str
    #: The lexicon lemma.
    term: str
    category: str
    #: True inside a direct quotation (the speaker's voice), False in the outlet's own voice.
    in_quote: bool
    #: ``name@version`` of the lexicon the entry comes from.
    lexicon: str
    #: Whose words these are: ``outlet`` (the outlet's own), ``quoted`` (inside a direct
    #: quotation) or ``attributed`` (inside the reported content of an indirect, mixed or
    #: according-to attribution: paraphrase of someone else's words).
    voice: Voice = "outlet"
    #: Who a quoted or attributed hit is credited to (set by the pipeline; else None).
    speaker: str | None = None


class AttributionRow(NamedTuple):
    """An attribution: the columns of :func:`framing.attributions`."""

    #: The canonical name the mention was resolved to within the article.
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    #: The mention as written: ``text[speaker_start:speaker_end]``.
    speaker_text: str | None
    #: The cue as written: a reporting verb or phrase, the colon of a speaker label ("Ana
    #: Ruiz: “...”"; a headline's "Ruiz: Port Deal Is Dead"; a transcript's "RUIZ: ...", an
    #: interview's "A: ..."; ``verb_lemma`` ":"), or a verb and the document it issues before
    #: a colon ("issued the following statement: “...”", ``verb_lemma`` "issue a document").
    verb: str
    verb_start: int
    verb_end: int
    verb_lemma: str
    verb_class: VerbClass
    kind: AttributionKind
    #: The reported content: the words inside the quotation marks for direct quotes, the
    #: reported clause otherwise.
    quote: str | None
    quote_start: int | None
    quote_end: int | None
    source_type: SourceType
    sentence_start: int
    sentence_end: int
    #: ``female`` or ``male`` when the article itself marks the person's gender (a pronoun
    #: resolved to them, or a gendered title or role word: "Mrs", "spokeswoman"); never
    #: guessed from a name. None otherwise, and for unnamed sources.
    speaker_gender: str | None = None


class MarkerRow(NamedTuple):
    """A scare quote or hedge: the columns of :func:`framing.markers`."""

    start: int
    end: int
    text: str
    type: MarkerType
    #: The hedge's lexicon term, or the distancing word before a scare quote (None if none).
    term: str | None
    in_quote: bool
    #: Whose words these are, as for loaded terms: ``outlet``, ``quoted`` (a hedge inside a
    #: direct quotation) or ``attributed`` (a hedge inside reported speech: "Analysts said a
    #: deal was unlikely"); a scare quote is the outlet's distance, ``outlet``. Rates in the
    #: outlet's own voice count ``outlet`` only.
    voice: Voice = "outlet"


LOADED_TERM_COLUMNS: Final = LoadedTermRow._fields[:8]
"""Columns of :func:`framing.loaded_terms`; :func:`framing.analyze` adds ``speaker``."""

ATTRIBUTION_COLUMNS: Final = AttributionRow._fields
"""Columns of :func:`framing.attributions`."""

MARKER_COLUMNS: Final = MarkerRow._fields
"""Columns of :func:`framing.markers`."""


class HitRow(NamedTuple):
    """One detector hit of a corpus extraction (a row of ``Extraction.hits``), whatever the
    detector: the shared columns, then those only attributions fill."""

    id: str | None
    outlet: str | None
    event: str | None
    #: ``loaded``, ``attribution`` or ``marker``.
    detector: str
    #: The hit's offsets: the loaded term, the attribution cue, the marker.
    start: int
    end: int
    text: str
    #: The lexicon term (loaded term, hedge), the cue lemma, or the scare quote's distancing word.
    label: str | None
    #: The loaded-term category, the cue's verb class, or the marker type.
    category: str
    in_quote: bool
    speaker: str | None
    kind: str | None
    source_type: str | None
    speaker_start: int | None
    speaker_end: int | None
    #: Of an attribution's speaker, as :attr:`AttributionRow.speaker_gender`.
    speaker_gender: str | None = None
    #: Of a loaded term or a marker, as :attr:`LoadedTermRow.voice`; None for attributions.
    voice: str | None = None


HIT_COLUMNS: Final = HitRow._fields
"""Columns of ``Extraction.hits``."""
