"""Quotations introduced by a colon with no reporting verb before it: a speaker label, as
transcripts, live blogs and round-ups write it ("Rep. Ada Voss: “We will not move.”"), whose
cue is the colon (as PolNeAR annotates it); and a document its author issues ("The council
issued the following statement: “...”"), whose cue is the verb and the document. Both are
neutral, direct attributions."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from framing.detect.attribution.article import Article, Candidate
from framing.detect.attribution.content import (
    is_speech,
    quote_after,
    quoted_words,
    reported_test,
)
from framing.detect.attribution.phrases import np_left
from framing.detect.attribution.subjects import clause_subject, skip_before_cue, skip_parenthesis
from framing.detect.attribution.words import clean_word
from framing.text import QuoteSpan

__all__ = ["LABEL_ENTRY", "issued_quotations", "labelled_quotations"]

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
#: Mentions a label may be: a name, a role in capitals ("The Chairman"), an organisation.
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
    cues = sorted(c.cue_start for c in found)
    added: list[Candidate] = []
    for colon, q in _colon_quotations(art, found, _COLON_QUOTE):
        match = _LABEL.search(text, max(0, colon - 90), colon)
        if match is None:
            continue
        label_start = match.start(1)
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


#: The cue entry of a document issued with a colon ("issued the following statement:").
ISSUED_ENTRY = {"term": "issue a document", "verb_class": "neutral"}
#: A colon, then the quotation it introduces, on the same line or the next paragraph (a
#: statement is often printed in a paragraph of its own).
_COLON_BEFORE_QUOTE = re.compile(r":\s{0,6}(?=[\"\u201c])")
#: Tokens from the sentence's start to the colon at most, for an issued document, and
#: characters (a sentence longer than that before its colon is not read: each colon's
#: sentence is tokenised from its start, which in a text without sentence ends would make
#: the work grow with the square of the text).
_MAX_ISSUING_TOKENS = 40
_MAX_ISSUING_CHARS = 400


def issued_quotations(art: Article, found: list[Candidate]) -> list[Candidate]:
    """The attributions of quotations a colon introduces after a document its subject issues
    ("The council issued the following statement: “...”", "released a statement: “...”"):
    the document noun ends right before the colon and is the object of a verb of issuing
    (grammar ``issuing_verbs``); the clause's subject speaks. Quotations that a cue reports
    already are left alone."""
    text, doc, res = art.text, art.doc, art.res
    added: list[Candidate] = []
    for colon, q in _colon_quotations(art, found, _COLON_BEFORE_QUOTE):
        sentence = doc.sentence_of(colon)
        if colon - sentence[0] > _MAX_ISSUING_CHARS:
            continue  # (not tokenised: a "sentence" without ends may hold a text's colons)
        toks, _ = doc.token_stream((sentence[0], colon + 1), res.common_words, keep=False).through(
            colon
        )
        j = len(toks) - 2
        if j < 1 or len(toks) > _MAX_ISSUING_TOKENS or toks[-1].text != ":":
            continue
        if res.speaker_kind.get(clean_word(toks[j])) != "document":
            continue
        document = np_left(art, toks, j)
        if document is None or document.kind != "document":
            continue
        v = j
        while v >= 0 and toks[v].start >= document.start:
            v -= 1
        particle = ""
        if v >= 1 and toks[v].lower in ("out", "up"):
            particle = " " + toks[v].lower  # "put out a statement"
            v -= 1
        if v < 1 or not toks[v].text.islower() or toks[v].lower + particle not in res.issuing_forms:
            continue
        # the verb's subject, past auxiliaries and adverbs ("has also issued"), else the
        # clause's ("In response, the council issued ...")
        subject = np_left(art, toks, skip_before_cue(art, toks, v - 1, [])) or clause_subject(
            art, toks, v
        )
        if subject is None or subject.start >= toks[v].start:
            continue
        added.append(
            Candidate(
                subject,
                toks[v].start,
                document.end,
                ISSUED_ENTRY,
                "direct",
                quoted_words(text, q),
                sentence,
            )
        )
    return added


def _colon_quotations(
    art: Article, found: list[Candidate], colons: re.Pattern[str]
) -> Iterator[tuple[int, QuoteSpan]]:
    """Each colon ``colons`` finds with the quotation right after it, where the quotation is
    speech (no title) and no attribution of ``found`` reports it already."""
    text = art.text
    reported = reported_test(found)
    for match in colons.finditer(text):
        colon = match.start()
        q = quote_after(art, colon + 1, min(len(text), match.end() + 1))
        if q is None or not is_speech(art, q) or reported(q.inner_start):
            continue  # (no speech, or what a cue reports already)
        yield colon, q
