"""What the attribution rules share for one article and one cue.

The rules are plain functions over three small records: the :class:`Article` (the document, the
resources and the entity table), the :class:`Cue` being read (its hit, sentence, window and the
tokens around it) and the :class:`Candidate` attribution the rules build for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from framing.detect.attribution.entities import Entities, Entity, Mention
from framing.detect.attribution.resources import Resources
from framing.text import Document, QuoteIndex, Token


@dataclass(slots=True)
class Article:
    """One article as the rules read it."""

    doc: Document
    #: ``doc.text`` and ``doc.quotes``, kept here because the rules read them at every cue.
    text: str
    quotes: QuoteIndex
    res: Resources
    entities: Entities
    #: Where the article's cue hits start, in order (a cue inside what another reports).
    cue_starts: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Cue:
    """One cue hit with the tokens of its sentence window.

    ``toks[first:last + 1]`` are the cue's own tokens; ``starts`` are the tokens' start offsets.
    """

    start: int
    end: int
    #: The cue lexicon row (``term``, ``verb_class``, ...).
    entry: dict[str, str]
    sentence: tuple[int, int]
    window: tuple[int, int]
    toks: list[Token]
    starts: list[int]
    first: int
    last: int
    #: The lexicon term, lower-cased.
    lemma: str
    #: Whether the cue is "according to" (the source follows it; no subject before it).
    according: bool


@dataclass
class Candidate:
    """An attribution as the rules find it; resolution fills in ``speaker`` and ``source_type``."""

    speaker_mention: Mention | None
    cue_start: int
    cue_end: int
    cue_entry: dict[str, str]
    kind: str
    content: tuple[int, int] | None
    sentence: tuple[int, int]
    speaker: str | None = None
    source_type: str = "unresolved"
    entity: Entity | None = None
