"""``framing.analyze``: all detectors on one text, with a highlighted view for Jupyter."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from framing import attribution, loaded
from framing._text import QuoteIndex, check_text, quote_spans
from framing.lexicon import haystack
from framing.loaded import LexiconSpec
from framing.markers import DETECTOR as MARKERS_DETECTOR
from framing.markers import find_markers
from framing.markers import to_frame as markers_to_frame
from framing.types import STRING_DTYPE

_STYLE = """
<style>
.framing-doc{font-family:Georgia,serif;line-height:1.6;white-space:pre-wrap;max-width:48em}
.framing-doc .fq{background:#eef3f8}
.framing-doc .fl{background:#fde2b8;border-bottom:2px solid #e69f00}
.framing-doc .flq{background:#f3e3f7;border-bottom:2px dotted #cc79a7}
.framing-doc .fv{font-weight:bold;border-bottom:2px solid #0072b2}
.framing-doc .fs{text-decoration:underline;text-decoration-color:#009e73}
.framing-doc .fm{background:#d9f0e6;border-bottom:2px dashed #009e73}
.framing-legend span{margin-right:1em;padding:0 .3em}
.framing-summary{font-family:sans-serif;font-size:90%;margin-bottom:.5em}
</style>
"""

_LEGEND = (
    '<div class="framing-legend framing-doc" style="white-space:normal">'
    '<span class="fl">loaded term (outlet voice)</span>'
    '<span class="flq">loaded term (in quote)</span>'
    '<span class="fv">attribution cue</span>'
    '<span class="fs">speaker</span>'
    '<span class="fm">marker</span>'
    '<span class="fq">quotation</span></div>'
)


@dataclass
class Analysis:
    """Loaded terms, attributions and markers of one text, with a highlighted HTML view.

    Attributes:
        text: the analysed text.
        loaded_terms: as :func:`framing.loaded_terms`, plus ``speaker`` (who the quotation a hit
            sits in is attributed to, if anyone).
        attributions: as :func:`framing.attributions`.
        markers: as :func:`framing.markers`.
    """

    text: str
    loaded_terms: pd.DataFrame
    attributions: pd.DataFrame
    markers: pd.DataFrame
    provenance: dict = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        lt = self.loaded_terms
        return {
            "words": len(self.text.split()),
            "loaded_terms_outlet_voice": int((~lt["in_quote"]).sum()),
            "loaded_terms_in_quotes": int(lt["in_quote"].sum()),
            "attributions": len(self.attributions),
            "markers": len(self.markers),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return "Analysis(" + ", ".join(f"{k}={v}" for k, v in s.items()) + ")"

    def to_html(self) -> str:
        """The text with every hit highlighted; all text is HTML-escaped."""
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

        for q in quote_spans(self.text):
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
            mark(r.start, r.end, "fm", f"marker: {r.type}")
        for r in self.loaded_terms.itertuples():
            voice = f"in quote ({r.speaker})" if r.in_quote else "outlet voice"
            mark(
                r.start,
                r.end,
                "flq" if r.in_quote else "fl",
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
                out.append(f'<span class="{cls}"{attr}>{chunk}</span>')
            else:
                out.append(chunk)
            i = j
        s = self.summary()
        summary = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in s.items())
        return (
            _STYLE
            + f'<div class="framing-summary">{html.escape(summary)}</div>'
            + _LEGEND
            + '<div class="framing-doc">'
            + "".join(out)
            + "</div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def analyze(
    text: str,
    *,
    lexicon: LexiconSpec | None = None,
    extra: LexiconSpec | None = None,
) -> Analysis:
    """Run every detector on ``text``.

    Args:
        text: the article text.
        lexicon: loaded-term lexicon(s) to use instead of the bundled one.
        extra: additional loaded-term lexicon file(s).

    Returns:
        An :class:`Analysis`; in Jupyter it displays the text with highlights.

    Raises:
        TypeError: if ``text`` is not a ``str``.

    Examples:
        >>> a = analyze("“Nonsense,” the minister fumed. <script>x</script>")
        >>> a.attributions["verb_class"].tolist()
        ['emotive']
        >>> "<script>" in a.to_html()
        False
    """
    check_text(text, "analyze")
    norm = haystack(text)
    quotes = QuoteIndex(quote_spans(text))
    matcher = loaded.get_matcher(lexicon, extra)
    att_rows = attribution.find_attributions(text)
    loaded_rows = loaded.find_loaded(text, matcher, quotes, norm)
    loaded_df = loaded.to_frame(loaded_rows, matcher)
    att_df = attribution.to_frame(att_rows)
    loaded_df["speaker"] = pd.array(
        _speakers_for(loaded_rows, att_rows, quotes), dtype=STRING_DTYPE
    )
    marker_df = markers_to_frame(find_markers(text, quotes, att_rows, norm))
    provenance = {
        "detectors": [loaded.DETECTOR, attribution.DETECTOR, MARKERS_DETECTOR],
        "lexicons": sorted(
            set(loaded_df.attrs["lexicons"])
            | set(att_df.attrs["lexicons"])
            | set(marker_df.attrs["lexicons"])
        ),
    }
    return Analysis(text, loaded_df, att_df, marker_df, provenance)


# At most this many characters (the ". " after "X said" or "said X") between a cue clause and
# the quotation that continues the one before it.
_CONTINUATION_GAP = 4


def _speakers_for(loaded_rows: list[tuple], att_rows: list[tuple], quotes: QuoteIndex) -> list:
    """For hits inside a quotation, the speaker an attribution credits with that quotation."""
    by_quote: dict[int, str] = {}
    for row in att_rows:
        speaker, q_start, q_end = row[0], row[11], row[12]
        if q_start is None:
            continue
        for q in quotes.overlapping(q_start, q_end):
            by_quote.setdefault(q.start, speaker)
        if q_end <= row[5]:
            # “A,” X said. “B.”: a quotation opening right after the cue clause of a quotation
            # that came before its cue continues that speaker's words.
            clause_end = max(row[6], row[2] if row[2] is not None else row[6])
            for q in quotes.overlapping(clause_end, clause_end + _CONTINUATION_GAP):
                if q.start >= clause_end:
                    by_quote.setdefault(q.start, speaker)
                    break
    out = []
    for row in loaded_rows:
        q = quotes.containing(row[0], row[1]) if row[5] else None
        out.append(by_quote.get(q.start) if q is not None else None)
    return out
