"""Speaker labels: a quotation introduced by its speaker's name and a colon, as transcripts,
live blogs and round-ups write it ("Rep. Ada Voss: “We will not move.”"). No reporting verb
stands in the sentence; the colon is the cue (as PolNeAR annotates it), and the row is a
neutral, direct attribution."""

from __future__ import annotations

import bisect
import re

from framing.detect.attribution.article import Article, Candidate
from framing.detect.attribution.content import is_speech, quote_after, quoted_words
from framing.detect.attribution.cues import skip_parenthesis
from framing.detect.attribution.phrases import np_left

__all__ = ["LABEL_ENTRY", "labelled_quotations"]

#: The cue entry of a speaker label: the colon, neutral.
LABEL_ENTRY = {"term": ":", "verb_class": "neutral"}

#: A label opens a line, a sentence (after a quotation too) or the words after a spaced dash
#: ("HEADLINE - Ana Ruiz: “...”"): a capital, at most 80 characters without a line break,
#: colon, quotation mark or spaced dash, then the colon and a quotation mark.
_LABEL = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"\u201d]\s)|(?<=\s[-\u2014\u2013]\s))[ \t]*"
    r"([A-Z](?:(?!\s[-\u2014\u2013]\s)[^\n:\"\u201c\u201d]){0,79}?)[ \t]*\Z",
    re.MULTILINE,
)
#: A colon and the quotation mark opening what it introduces: where a label may end (looked
#: for first: a label is read back from its colon, not tried at every position of a text).
_COLON_QUOTE = re.compile(r":[ \t\u00a0]*(?=[\"\u201c])")
#: Mentions a label may be: a name, a title or description ("The moderator"), an organisation.
_LABEL_KINDS = frozenset(("name", "epithet", "organization"))
#: Tokens of a label at most (a title, a name and a parenthesis: "Rep. Trey Gowdy (R-S.C.)").
_MAX_LABEL_TOKENS = 12


def labelled_quotations(art: Article, found: list[Candidate]) -> list[Candidate]:
    """The attributions of quotations introduced by a speaker label, where the label is a
    whole noun phrase naming someone and no attribution found by a cue already reports the
    quotation or stands in the label."""
    text, doc, res = art.text, art.doc, art.res
    if ":" not in text:
        return []
    claimed = sorted(c.content for c in found if c.content is not None)
    starts = [s for s, _ in claimed]
    cues = sorted(c.cue_start for c in found)
    added: list[Candidate] = []
    for colon_match in _COLON_QUOTE.finditer(text):
        colon = colon_match.start()
        match = _LABEL.search(text, max(0, colon - 90), colon)
        if match is None:
            continue
        label_start = match.start(1)
        q = quote_after(art, colon + 1, min(len(text), colon_match.end() + 1))
        if q is None or not is_speech(art, q):
            continue
        k = bisect.bisect_right(starts, q.inner_start) - 1
        if k >= 0 and claimed[k][1] > q.inner_start:
            continue  # (the quotation is what a cue reports already)
        c = bisect.bisect_left(cues, label_start)
        if c < len(cues) and cues[c] < q.end:
            continue  # (a cue stands in the label or the quotation)
        toks, _ = doc.token_stream((label_start, colon + 1), res.common_words, keep=False).through(
            colon
        )
        if len(toks) > _MAX_LABEL_TOKENS or not toks or toks[-1].text != ":":
            continue
        last = skip_parenthesis(toks, len(toks) - 2)
        if not all(text[t.start].isupper() for t in toks[: last + 1] if t.text[:1].isalpha()):
            continue  # words in capitals, not a phrase ("More from Jones:", "Ruiz added:")
        mention = np_left(art, toks, last)
        if (
            mention is None
            or mention.kind not in _LABEL_KINDS
            or (mention.start if mention.phrase_start is None else mention.phrase_start)
            != label_start
        ):
            continue
        added.append(
            Candidate(
                mention,
                colon,
                colon + 1,
                LABEL_ENTRY,
                "direct",
                quoted_words(text, q),
                doc.sentence_of(colon),
            )
        )
    return added
