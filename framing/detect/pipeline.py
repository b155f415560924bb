"""The one pipeline: every detector on one :class:`~framing.Document`, in order, each using what
the earlier ones found.

:func:`framing.analyze`, :func:`framing.extract` and :func:`framing.kwic` all call
:func:`detect`, so they cannot disagree about what a text holds. The steps:

1. ``attribution``: who says what (:func:`~framing.detect.attribution.find_attributions`);
2. ``loaded``: loaded terms (:func:`~framing.detect.loaded.find_loaded`), each inside a quotation
   credited to the speaker an attribution gives that quotation, each inside reported speech
   (the content of an indirect, mixed or according-to attribution) given the voice
   ``attributed`` (:func:`~framing.detect.loaded.credit_speakers`);
3. ``markers``: hedges and scare quotes (:func:`~framing.detect.markers.find_markers`), which reuse
   the attributions to tell a speaker's quoted words from distance-taking quotation marks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framing.detect.attribution import find_attributions
from framing.detect.attribution.resources import resources
from framing.detect.loaded import credit_speakers, find_loaded, get_matcher
from framing.detect.markers import find_markers, hedge_matcher
from framing.detect.voice import reported_spans
from framing.lexicons import Matcher
from framing.lexicons.matcher import scan_group
from framing.text import Document
from framing.types import AttributionRow, LoadedTermRow, MarkerRow

#: The detectors :func:`detect` can run, in the order it runs them.
STEPS: tuple[str, ...] = ("attribution", "loaded", "markers")


@dataclass(frozen=True, slots=True)
class Detections:
    """What the detectors found in one document (an empty list for a step not run)."""

    doc: Document
    loaded: list[LoadedTermRow]
    attributions: list[AttributionRow]
    markers: list[MarkerRow]


def detect(
    doc: Document, *, matcher: Matcher | None = None, steps: Sequence[str] = STEPS
) -> Detections:
    """Run the detectors on ``doc``.

    Args:
        doc: the document.
        matcher: the loaded-term matcher; default: the bundled lexicon's.
        steps: which of :data:`STEPS` to run (markers need attributions and run them).

    Returns:
        The rows of each detector; loaded terms carry the ``speaker`` of their quotation when
        attributions were run.

    Raises:
        ValueError: an unknown step.

    Examples:
        >>> found = detect(Document("“The plan is a sham,” the mayor fumed."))
        >>> [(r.text, r.in_quote, r.speaker) for r in found.loaded]
        [('sham', True, 'the mayor'), ('fumed', False, None)]
        >>> [(a.verb, a.verb_class) for a in found.attributions]
        [('fumed', 'emotive')]
    """
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown detector step(s) {unknown}; valid: {', '.join(STEPS)}")
    matcher = matcher if matcher is not None else get_matcher()
    attributed = "attribution" in steps or "markers" in steps
    # One pass over the text finds the cues', loaded terms' and hedges' candidates.
    scanned = [resources().cues] if attributed else []
    scanned += [matcher] if "loaded" in steps else []
    scanned += [hedge_matcher()] if "markers" in steps else []
    scan_group(*scanned).scan_into(doc)
    attributions = find_attributions(doc) if attributed else []
    # what the attributions report, read once for both detectors' voices
    reported = reported_spans(attributions)
    loaded: list[LoadedTermRow] = []
    if "loaded" in steps:
        loaded = find_loaded(doc, matcher)
        if attributions:
            loaded = credit_speakers(loaded, attributions, doc.quotes, reported)
    markers = find_markers(doc, attributions, reported) if "markers" in steps else []
    return Detections(doc, loaded, attributions, markers)
