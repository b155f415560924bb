"""Loaded terms: evaluative or emotive wording, split by voice (outlet vs quoted speaker).

Detector name: ``framing.loaded.v15``. Lexicon: ``framing/lexicons/loaded_terms.tsv`` with
literal-sense guards in ``loaded_terms.guards.tsv`` (see ``docs/lexicon.md``).
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from framing.detect.attribution import find_attributions
from framing.detect.voice import LABEL_CUE, reported_spans, reporter_of
from framing.lexicons import Lexicon, Matcher, read_lexicon
from framing.tables import build_frame
from framing.text import Document, QuoteIndex
from framing.types import LOADED_CATEGORIES, LOADED_TERM_COLUMNS, AttributionRow, LoadedTermRow

DETECTOR = "framing.loaded.v15"
_SCHEMA = tuple(
    zip(LOADED_TERM_COLUMNS, ("int", "int", "str", "str", "str", "bool", "str", "str"), strict=True)
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
    for hit in matcher.find_in(doc):
        entry = matcher.entries[hit.entry]
        rows.append(
            LoadedTermRow(
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                entry["term"],
                entry["category"],
                in_quote := quotes.containing(hit.start, hit.end) is not None,
                entry["_lexicon"],
                "quoted" if in_quote else "outlet",
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
        One row per hit with columns ``start, end, text, term, category, in_quote, lexicon,
        voice``; ``text`` is ``text[start:end]`` as written, ``term`` the lexicon lemma,
        ``in_quote`` True when the hit lies inside a direct quotation, ``voice`` whose words
        they are: ``outlet`` (the outlet's own), ``quoted`` (a direct quotation) or
        ``attributed`` (reported speech: the content of an indirect, mixed or according-to
        attribution). Rates "in the outlet's own voice" count ``outlet`` only.

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
        >>> df = loaded_terms("Ardent said the reckless cuts would fail.")
        >>> df[["text", "voice"]].values.tolist()
        [['reckless', 'attributed']]
    """
    doc = Document.of(text, "loaded_terms")
    matcher = get_matcher(lexicon, extra, guards)
    rows = credit_speakers(find_loaded(doc, matcher), find_attributions(doc), doc.quotes)
    return to_frame(rows, matcher)


def to_frame(
    rows: list[LoadedTermRow], matcher: Matcher, *, with_speaker: bool = False
) -> pd.DataFrame:
    """The table of :func:`loaded_terms` from its rows (plus ``speaker`` with
    ``with_speaker``), with the detector and lexicon labels in ``attrs``."""
    df = build_frame(rows, _SCHEMA_WITH_SPEAKER if with_speaker else _SCHEMA)
    df.attrs["detector"] = DETECTOR
    df.attrs["lexicons"] = [lex.label for lex in (*matcher.lexicons, *matcher.guard_lexicons)]
    return df


# At most this many characters (the ". " after "X said" or "said X") between a cue clause and
# the quotation that continues the one before it.
_CONTINUATION_GAP = 4


def credit_speakers(
    loaded: list[LoadedTermRow],
    attributions: list[AttributionRow],
    quotes: QuoteIndex,
    reported: list[tuple[int, int, str | None]] | None = None,
) -> list[LoadedTermRow]:
    """Loaded-term rows credited to whoever chose their words.

    A hit inside a quotation that an attribution credits to someone gets that ``speaker``; a hit
    in the outlet's voice that lies inside the reported content of an indirect, mixed or
    according-to attribution (paraphrase: "Trump called for naming radical Islamic terrorism")
    gets the voice ``attributed`` and that attribution's speaker, unless it is itself a
    reporting verb (the outlet chose it).
    """
    by_quote: dict[int, str | None] = {}
    for att in attributions:
        if att.quote_start is None or att.quote_end is None:
            continue
        for q in quotes.overlapping(att.quote_start, att.quote_end):
            by_quote.setdefault(q.start, att.speaker)
        if att.quote_end <= att.verb_start:
            # “A,” X said. “B.”: a quotation opening right after the cue clause of a quotation
            # that came before its cue continues that speaker's words.
            clause_end = max(
                att.verb_end, att.speaker_end if att.speaker_end is not None else att.verb_end
            )
            for q in quotes.overlapping(clause_end, clause_end + _CONTINUATION_GAP):
                if q.start >= clause_end:
                    by_quote.setdefault(q.start, att.speaker)
                    break
    if reported is None:
        reported = reported_spans(attributions)
    # A reporting verb is the outlet's choice even inside someone's reported words ("..., the
    # union claimed"): a loaded term that is a cue keeps the outlet's voice, except in a line
    # a label gives someone, which is their words verbatim ("HALVORSEN: My critics are fuming").
    labelled = sorted(
        (att.quote_start, att.quote_end)
        for att in attributions
        if att.verb == LABEL_CUE and att.kind == "direct" and att.quote_start is not None
    )
    starts = [start for start, _ in labelled]

    def in_labelled_line(start: int, end: int) -> bool:
        # (a line's words do not overlap the next line's: the last line opened before ``start``)
        k = bisect.bisect_right(starts, start) - 1
        return k >= 0 and end <= labelled[k][1]

    cues = {(att.verb_start, att.verb_end) for att in attributions}
    out = []
    for row in loaded:
        if row.in_quote:
            held = quotes.containing(row.start, row.end)
            speaker = by_quote.get(held.start) if held is not None else None
            out.append(row._replace(speaker=speaker) if speaker is not None else row)
            continue
        reporter = (
            False
            if (row.start, row.end) in cues and not in_labelled_line(row.start, row.end)
            else reporter_of(reported, row.start, row.end)
        )
        out.append(row if reporter is False else row._replace(voice="attributed", speaker=reporter))
    return out
