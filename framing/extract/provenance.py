"""Provenance of an extraction: toolkit, detector and lexicon versions, corpus fingerprint,
parameters and time, written next to every table so any figure can name what produced it."""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any

from framing.build import build_kind
from framing.detect import attribution, loaded, markers
from framing.detect.attribution.resources import resources
from framing.detect.loaded import LexiconSpec
from framing.lexicons import Lexicon
from framing.lexicons.read import Grammar
from framing.version import __version__


def detector_names() -> dict[str, str]:
    """The name and version of each detector, keyed as in ``hits["detector"]``."""
    return {
        "loaded": loaded.DETECTOR,
        "attribution": attribution.DETECTOR,
        "marker": markers.DETECTOR,
    }


def _lexicon_record(lex: Lexicon | Grammar, detector: str) -> dict[str, Any]:
    return {"detector": detector, "label": lex.label, **lex.provenance()}


def lexicon_records(lexicon: LexiconSpec | None, extra: LexiconSpec | None) -> list[dict]:
    """One record (label, version, sha256, source) per lexicon each detector reads."""
    records = [
        _lexicon_record(lex, loaded.DETECTOR) for lex in loaded.lexicons_used(lexicon, extra)
    ]
    records += [_lexicon_record(lex, attribution.DETECTOR) for lex in resources().lexicons]
    records += [_lexicon_record(lex, markers.DETECTOR) for lex in markers.marker_lexicons()]
    return records


def extraction_provenance(
    fingerprint: str | None,
    corpus: Any,
    lexicon: LexiconSpec | None,
    extra: LexiconSpec | None,
    *,
    parameters: dict[str, Any],
    n_articles: int | None,
    n_hits: int | None,
) -> dict[str, Any]:
    return {
        "framing_version": __version__,
        # pure Python or compiled: the same rows (tests/test_build.py), a different speed
        "build": build_kind(),
        "detectors": detector_names(),
        "lexicons": lexicon_records(lexicon, extra),
        "corpus_fingerprint": fingerprint,
        "corpus_source": os.fspath(corpus) if isinstance(corpus, str | os.PathLike) else None,
        "articles": n_articles,
        "hits": n_hits,
        "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "parameters": parameters,
    }


def run_settings(
    lexicon: LexiconSpec | None, extra: LexiconSpec | None, parameters: dict[str, Any]
) -> dict[str, Any]:
    """What a resumed run must share with the run that wrote the parts."""
    return {
        "framing_version": __version__,
        "detectors": detector_names(),
        "lexicons": [
            {"label": r["label"], "sha256": r["sha256"]} for r in lexicon_records(lexicon, extra)
        ],
        "parameters": {k: v for k, v in parameters.items() if k != "n_jobs"},
    }
