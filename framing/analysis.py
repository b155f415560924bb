"""``framing.analyze``: all detectors on one text, with a highlighted view for Jupyter."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from framing.detect import attribution, loaded, markers
from framing.detect.loaded import LexiconSpec
from framing.detect.pipeline import detect
from framing.text import Document

# Inline styles, not a <style> block: notebook sanitizers (an untrusted notebook, GitHub, nbviewer)
# strip <style> and keep style attributes, as spaCy's displacy relies on. Per class, in cascade
# order: where a span has several classes, a later class's property wins, as in a style sheet.
_CLASS_STYLES: dict[str, dict[str, str]] = {
    "fq": {"background": "#eef3f8"},
    "fl": {"background": "#fde2b8", "border-bottom": "2px solid #e69f00"},
    "flq": {"background": "#f3e3f7", "border-bottom": "2px dotted #cc79a7"},
    "fv": {"font-weight": "bold", "border-bottom": "2px solid #0072b2"},
    "fs": {"text-decoration": "underline", "text-decoration-color": "#009e73"},
    "fm": {"background": "#d9f0e6", "border-bottom": "2px dashed #009e73"},
}
_DOC_STYLE = "font-family:Georgia,serif;line-height:1.6;white-space:pre-wrap;max-width:48em"
_SUMMARY_STYLE = "font-family:sans-serif;font-size:90%;margin-bottom:.5em"
_LEGEND_ITEMS = (
    ("fl", "loaded term (outlet voice)"),
    ("flq", "loaded term (quoted or reported speech)"),
    ("fv", "attribution cue"),
    ("fs", "speaker"),
    ("fm", "marker"),
    ("fq", "quotation"),
)


def _inline_style(classes: set[str] | frozenset[str]) -> str:
    merged: dict[str, str] = {}
    for name, declarations in _CLASS_STYLES.items():
        if name in classes:
            merged.update(declarations)
    return ";".join(f"{k}:{v}" for k, v in merged.items())


_LEGEND = (
    f'<div class="framing-legend" style="{_DOC_STYLE};white-space:normal">'
    + "".join(
        f'<span class="{name}" style="{_inline_style({name})};margin-right:1em;padding:0 .3em">'
        f"{label}</span>"
        for name, label in _LEGEND_ITEMS
    )
    + "</div>"
)


@dataclass
class Analysis:
    """Loaded terms, attributions and markers of one text, with a highlighted HTML view.

    Attributes:
        doc: the analysed :class:`framing.Document` (``text`` is its text).
        loaded_terms: as :func:`framing.loaded_terms`, plus ``speaker`` (who the quotation a hit
            sits in is attributed to, if anyone).
        attributions: as :func:`framing.attributions`.
        markers: as :func:`framing.markers`.
    """

    doc: Document
    loaded_terms: pd.DataFrame
    attributions: pd.DataFrame
    markers: pd.DataFrame
    provenance: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The analysed text."""
        return self.doc.text

    def summary(self) -> dict[str, int]:
        """Counts of the analysis; ``words`` as every rate per 1,000 words counts them."""
        lt = self.loaded_terms
        return {
            "words": self.doc.word_count,
            "loaded_terms_outlet_voice": int((lt["voice"] == "outlet").sum()),
            "loaded_terms_in_quotes": int((lt["voice"] == "quoted").sum()),
            "loaded_terms_attributed": int((lt["voice"] == "attributed").sum()),
            "attributions": len(self.attributions),
            "markers": len(self.markers),
            "markers_outlet_voice": int((self.markers["voice"] == "outlet").sum()),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return "Analysis(" + ", ".join(f"{k}={v}" for k, v in s.items()) + ")"

    def to_html(self) -> str:
        """The text with every hit highlighted; all text is HTML-escaped, and every style is an
        inline ``style`` attribute, so the highlights survive notebook sanitizers."""
        n = len(self.text)
        classes: list[set[str] | None] = [None] * n
        titles: dict[int, str] = {}

        def mark(start, end, cls, title=None):
            if start is None or end is None or pd.isna(start) or pd.isna(end):
                return
            start, end = max(0, int(start)), min(n, int(end))
            for i in range(start, end):
                if classes[i] is None:
                    classes[i] = set()
                classes[i].add(cls)
            if title and start < end:
                titles.setdefault(start, title)

        for q in self.doc.quotes.spans:
            mark(q.start, q.end, "fq")
        for r in self.attributions.itertuples():
            mark(r.speaker_start, r.speaker_end, "fs", f"speaker: {r.speaker} ({r.source_type})")
            mark(
                r.verb_start,
                r.verb_end,
                "fv",
                f"cue: {r.verb_lemma} [{r.verb_class}], {r.kind}; speaker: {r.speaker}",
            )
        for r in self.markers.itertuples():
            where = {"quoted": ", in quote", "attributed": ", reported speech"}.get(r.voice, "")
            mark(r.start, r.end, "fm", f"marker: {r.type}{where}")
        for r in self.loaded_terms.itertuples():
            voice = {
                "quoted": f"in quote ({r.speaker})",
                "attributed": f"reported speech ({r.speaker})",
            }.get(r.voice, "outlet voice")
            mark(
                r.start,
                r.end,
                "fl" if r.voice == "outlet" else "flq",
                f"loaded: {r.term} [{r.category}], {voice}",
            )
        out = []
        i = 0
        while i < n:
            j = i + 1
            while j < n and classes[j] == classes[i] and j not in titles:
                j += 1
            chunk = html.escape(self.text[i:j])
            if classes[i]:
                cls = " ".join(sorted(classes[i]))
                title = titles.get(i)
                attr = f' title="{html.escape(title, quote=True)}"' if title else ""
                style = _inline_style(classes[i])
                out.append(f'<span class="{cls}" style="{style}"{attr}>{chunk}</span>')
            else:
                out.append(chunk)
            i = j
        s = self.summary()
        summary = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in s.items())
        return (
            f'<div class="framing-summary" style="{_SUMMARY_STYLE}">{html.escape(summary)}</div>'
            + _LEGEND
            + f'<div class="framing-doc" style="{_DOC_STYLE}">'
            + "".join(out)
            + "</div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def analyze(
    text: str | Document,
    *,
    lexicon: LexiconSpec | None = None,
    extra: LexiconSpec | None = None,
) -> Analysis:
    """Run every detector on ``text``.

    Args:
        text: the article text (or a :class:`framing.Document` of it).
        lexicon: loaded-term lexicon(s) to use instead of the bundled one.
        extra: additional loaded-term lexicon file(s).

    Returns:
        An :class:`Analysis`; in Jupyter it displays the text with highlights.

    Raises:
        TypeError: if ``text`` is neither a ``str`` nor a :class:`framing.Document`.

    Examples:
        >>> a = analyze("“Nonsense,” the minister fumed. <script>x</script>")
        >>> a.attributions["verb_class"].tolist()
        ['emotive']
        >>> "<script>" in a.to_html()
        False
    """
    doc = Document.of(text, "analyze")
    matcher = loaded.get_matcher(lexicon, extra)
    found = detect(doc, matcher=matcher)
    loaded_df = loaded.to_frame(found.loaded, matcher, with_speaker=True)
    att_df = attribution.to_frame(found.attributions)
    marker_df = markers.to_frame(found.markers)
    provenance = {
        "detectors": [loaded.DETECTOR, attribution.DETECTOR, markers.DETECTOR],
        "lexicons": sorted(
            set(loaded_df.attrs["lexicons"])
            | set(att_df.attrs["lexicons"])
            | set(marker_df.attrs["lexicons"])
        ),
    }
    return Analysis(doc, loaded_df, att_df, marker_df, provenance)
