"""Loaded terms: evaluative or emotive wording, split by voice (outlet vs quoted speaker).

Detector name: ``framing.loaded.v1``. Lexicon: ``framing/lexicons/loaded_terms.tsv`` with
literal-sense guards in ``loaded_terms.guards.tsv`` (see ``docs/lexicon.md``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from framing.lexicons import Lexicon, Matcher, read_lexicon
from framing.tables import build_frame
from framing.text import Document
from framing.types import LOADED_CATEGORIES, LOADED_TERM_COLUMNS, LoadedTermRow

DETECTOR = "framing.loaded.v1"
_SCHEMA = tuple(
    zip(LOADED_TERM_COLUMNS, ("int", "int", "str", "str", "str", "bool", "str"), strict=True)
)
_SCHEMA_WITH_SPEAKER = (*_SCHEMA, ("speaker", "str"))
DEFAULT_LEXICON = "loaded_terms"
DEFAULT_GUARDS = "loaded_terms.guards"

LexiconSpec = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


def _as_list(spec: LexiconSpec | None) -> list[str]:
    if spec is None:
        return []
    if isinstance(spec, str | os.PathLike):
        return [os.fspath(spec)]
    return [os.fspath(s) for s in spec]


def _cache_key(names: list[str]) -> tuple[tuple[str, float], ...]:
    # A user's file is re-read when it changes on disk (mtime in the key).
    return tuple((n, Path(n).stat().st_mtime if Path(n).is_file() else 0.0) for n in names)


@lru_cache(maxsize=16)
def _matcher(
    lexicons: tuple[tuple[str, float], ...], guards: tuple[tuple[str, float], ...]
) -> Matcher:
    lexs = [
        read_lexicon(
            name,
            ["term", "pos", "category"],
            {"category": LOADED_CATEGORIES, "pos": ("VERB", "NOUN", "ADJ", "ADV", "FIXED")},
        )
        for name, _ in lexicons
    ]
    grds = [read_lexicon(name, ["term", "side", "context"]) for name, _ in guards]
    return Matcher(lexs, grds)


@lru_cache(maxsize=1)
def _default_matcher() -> Matcher:
    return _matcher(((DEFAULT_LEXICON, 0.0),), ((DEFAULT_GUARDS, 0.0),))


def get_matcher(
    lexicon: LexiconSpec | None = None,
    extra: LexiconSpec | None = None,
    guards: LexiconSpec | None = None,
) -> Matcher:
    """The compiled matcher for a lexicon choice (cached; user files re-read when changed)."""
    if lexicon is None and extra is None and guards is None:
        return _default_matcher()
    names = _as_list(lexicon) or [DEFAULT_LEXICON]
    names += _as_list(extra)
    guard_names = _as_list(guards) if guards is not None else [DEFAULT_GUARDS]
    return _matcher(_cache_key(names), _cache_key(guard_names))


def lexicons_used(
    lexicon: LexiconSpec | None = None, extra: LexiconSpec | None = None
) -> list[Lexicon]:
    """The :class:`~framing.lexicons.Lexicon` objects behind a lexicon choice (for provenance)."""
    m = get_matcher(lexicon, extra)
    return [*m.lexicons, *m.guard_lexicons]


def find_loaded(doc: Document, matcher: Matcher) -> list[LoadedTermRow]:
    """The loaded-term rows of a document, in text order (``speaker`` left unset)."""
    text = doc.text
    quotes = doc.quotes
    rows = []
    for hit in matcher.find(text, doc.lower):
        entry = matcher.entries[hit.entry]
        rows.append(
            LoadedTermRow(
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                entry["term"],
                entry["category"],
                quotes.containing(hit.start, hit.end) is not None,
                entry["_lexicon"],
            )
        )
    return rows


def loaded_terms(
    text: str | Document,
    *,
    lexicon: LexiconSpec | None = None,
    extra: LexiconSpec | None = None,
    guards: LexiconSpec | None = None,
) -> pd.DataFrame:
    """Find loaded terms in ``text`` and say whose voice each is in.

    Args:
        text: the article text (or a :class:`framing.Document` of it).
        lexicon: bundled lexicon name(s) or TSV path(s) to use instead of the bundled
            ``loaded_terms`` lexicon.
        extra: additional lexicon file(s) in the same format, added to ``lexicon``.
        guards: literal-sense guard file(s); default: the bundled guards.

    Returns:
        One row per hit with columns ``start, end, text, term, category, in_quote, lexicon``;
        ``text`` is ``text[start:end]`` as written, ``term`` the lexicon lemma, ``in_quote``
        True when the hit lies inside a direct quotation (the speaker's voice, not the outlet's).

    Raises:
        TypeError: if ``text`` is neither a ``str`` nor a :class:`framing.Document`.
        framing.errors.LexiconError: if a lexicon file is malformed (names file and line).

    Examples:
        >>> df = loaded_terms("The minister lashed out at the so-called “reform”.")
        >>> for row in df[["text", "term", "category", "in_quote"]].values.tolist():
        ...     print(row)
        ['lashed out', 'lash out', 'emotive_speech', False]
        ['so-called', 'so-called', 'distancing', False]
        >>> loaded_terms("Fuming nitric acid leaked.").empty
        True
    """
    doc = Document.of(text, "loaded_terms")
    matcher = get_matcher(lexicon, extra, guards)
    return to_frame(find_loaded(doc, matcher), matcher)


def to_frame(
    rows: list[LoadedTermRow], matcher: Matcher, *, with_speaker: bool = False
) -> pd.DataFrame:
    """The table of :func:`loaded_terms` from its rows (plus ``speaker`` with
    ``with_speaker``), with the detector and lexicon labels in ``attrs``."""
    df = build_frame(rows, _SCHEMA_WITH_SPEAKER if with_speaker else _SCHEMA)
    df.attrs["detector"] = DETECTOR
    df.attrs["lexicons"] = [lex.label for lex in (*matcher.lexicons, *matcher.guard_lexicons)]
    return df
