"""Keyword in context: a term across a corpus, found the way the loaded-term detector finds it.

A lexicon lemma ("lash out") matches all its inflections ("lashed out", "lashing out") and the
lexicon's literal-sense guards apply ("fuming nitric acid" is not "fuming"), so what a reader
sees here is what the detector counted. Lightweight on purpose (no matplotlib, no papermill):
``framing.kwic`` can be used in any notebook.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import pandas as pd

from framing.corpus import load_corpus
from framing.detect import loaded
from framing.detect.pipeline import detect
from framing.lexicons import Lexicon, Matcher
from framing.text import Document, match_form
from framing.types import VOICES

__all__ = ["kwic"]

PathLike = str | os.PathLike[str]


def _listing(values: Sequence[str]) -> str:
    return ", ".join(repr(str(v)) for v in values)


def kwic(
    corpus: pd.DataFrame | PathLike,
    term: str,
    window: int = 60,
    *,
    outlets: Sequence[str] | None = None,
    voice: str = "all",
    extra: PathLike | Sequence[PathLike] | None = None,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` in a corpus, with its surroundings.

    Occurrences are found with the loaded-term matcher: a lexicon lemma ("lash out") matches
    all its inflections ("lashed out", "lashing out") and its literal-sense guards apply
    ("fuming nitric acid" is not "fuming"). A term that is not in the lexicon is matched as a
    verb and a noun (all inflections), with the same word boundaries.

    Args:
        corpus: a corpus DataFrame (``id``, ``outlet``, ``text``) or a path to load.
        term: a lemma or phrase, any case.
        window: characters of context on each side.
        outlets: only these outlets.
        voice: ``"all"``, or one voice: ``"outlet"`` (the outlet's own words), ``"quoted"``
            (inside a direct quotation) or ``"attributed"`` (inside reported speech).
        extra: additional loaded-term lexicon file(s), as for :func:`framing.analyze`.

    Returns:
        One row per occurrence, ordered by outlet then article: ``outlet, id, event, left,
        match, right, term, in_quote, voice, start, end`` (``text[start:end] == match``).

    Raises:
        ValueError: an empty term, an unknown outlet or voice.

    Examples:
        >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": [
        ...     "The minister lashed out at critics.", "She is lashing out again, “lash out”."]})
        >>> kwic(corpus, "lash out", window=10)[["outlet", "left", "match", "in_quote"]]
          outlet        left        match  in_quote
        0      X   minister    lashed out     False
        1      Y     She is   lashing out     False
        2      Y  t again, “     lash out      True
    """
    if voice not in ("all", *VOICES):
        raise ValueError(f"unknown voice {voice!r}; valid: 'all', {', '.join(map(repr, VOICES))}")
    key = " ".join(match_form(term).split())
    if not key:
        raise ValueError(f"term {term!r} has no words to match")
    frame = load_corpus(corpus) if isinstance(corpus, (str, os.PathLike)) else corpus
    if outlets is not None:
        available = sorted(frame["outlet"].dropna().astype(str).unique())
        unknown = [o for o in outlets if o not in available]
        if unknown:
            raise ValueError(
                f"unknown outlet(s) {_listing(unknown)}; available: {_listing(available)}"
            )
        frame = frame[frame["outlet"].astype(str).isin(list(outlets))]
    full = loaded.get_matcher(None, extra)
    in_lexicon = [e for e in full.entries if " ".join(match_form(e["term"]).split()) == key]
    if in_lexicon:
        rows = tuple(
            {"term": e["term"], "pos": e.get("pos", "FIXED"), "category": e["category"],
             "_line": "0"}
            for e in in_lexicon
        )  # fmt: skip
    else:
        rows = tuple(
            {"term": key, "pos": pos, "category": "", "_line": "0"} for pos in ("VERB", "NOUN")
        )
    ad_hoc = Lexicon(name="kwic", version="0", rows=rows, sha256="", source="<kwic>")
    matcher = Matcher([ad_hoc], full.guard_lexicons)
    records = []
    ordered = frame.assign(_outlet=frame["outlet"].astype(str)).sort_values(
        ["_outlet"], kind="stable"
    )
    for article in ordered.itertuples(index=False):
        text = article.text if isinstance(article.text, str) else ""
        found = detect(Document(text), matcher=matcher, steps=("attribution", "loaded")).loaded
        for hit in found:
            if voice != "all" and hit.voice != voice:
                continue
            left = text[max(0, hit.start - window) : hit.start]
            right = text[hit.end : hit.end + window]
            records.append(
                (
                    article.outlet,
                    article.id,
                    getattr(article, "event", None),
                    " ".join(left.split()) if "\n" in left else left,
                    hit.text,
                    " ".join(right.split()) if "\n" in right else right,
                    hit.term,
                    hit.in_quote,
                    hit.voice,
                    hit.start,
                    hit.end,
                )
            )
    columns = [
        "outlet",
        "id",
        "event",
        "left",
        "match",
        "right",
        "term",
        "in_quote",
        "voice",
        "start",
        "end",
    ]
    out = pd.DataFrame(records, columns=columns)
    return out.astype({"in_quote": "bool", "start": "int64", "end": "int64"})
