"""What a colon attributes with no reporting verb before it: a speaker label, as transcripts,
live blogs and round-ups write it ("Rep. Ada Voss: “We will not move.”"), whose cue is the
colon (as PolNeAR annotates it); a document its author issues ("The council issued the
following statement: “...”"), whose cue is the verb and the document; and a label opening a
line without quotation marks: a headline's source ("Voss: Port Deal Is Dead") and the lines of
a transcript or a question-and-answer interview ("VOSS: We will not move.", "Q: Why now?").
All are neutral."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Iterator

from framing.detect.attribution.article import Article, Candidate
from framing.detect.attribution.entities import Mention, strip_possessive
from framing.detect.attribution.phrases import np_left
from framing.detect.attribution.quotations import (
    is_speech,
    quote_after,
    quoted_words,
    reported_test,
)
from framing.detect.attribution.subjects import clause_subject, skip_before_cue, skip_parenthesis
from framing.detect.attribution.words import clean_word
from framing.text import QuoteSpan

__all__ = ["LABEL_ENTRY", "issued_quotations", "labelled_quotations", "line_labels"]

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


#: A line opening with a label and a colon, words after it (up to the line's end): the label
#: at most 60 characters from a capital, no colon or quotation mark in it.
_LINE_LABEL = re.compile(
    r"^[ \t]*([A-Z][^\n:\"\u201c\u201d]{0,59}?)[ \t]*:[ \t\u00a0]+(\S[^\n]*?)[ \t]*$", re.MULTILINE
)
#: A kicker before a headline's label, set off by a spaced dash ("EXCLUSIVE \u2013 Roger Stone:").
_KICKER = re.compile(r".*\s[-\u2014\u2013]\s+")
#: Double quotation marks: a label before one introduces a quotation (labelled_quotations).
_DOUBLE_MARKS = frozenset(('"', "\u201c"))
#: Prepositions that make a label a clause or a phrase about someone ("Big Win For Ruiz:",
#: "Ruiz To Voters:"), not a source ("Secretary of State" keeps its "of").
_LABEL_PREPOSITIONS = frozenset(
    ("for", "to", "on", "in", "at", "with", "about", "by", "after", "over", "against", "from")
)
#: Mentions a line's label may be besides a name: a source noun ("Poll:", "Report:", "Clinton
#: camp:", "Historians:").
_LINE_LABEL_KINDS = frozenset(("name", "epithet", "organization", "group", "document"))
#: The labels of a question-and-answer interview: its questions and its answers.
_QUESTION_LABELS = frozenset(("q", "question"))
_ANSWER_LABELS = frozenset(("a", "answer"))
_QA_LABELS = _QUESTION_LABELS | _ANSWER_LABELS
#: Labels that open two lines or more, at least, for the body's labelled lines to be a
#: transcript (two people talking, not a list of "Ruiz: ..." items).
_TRANSCRIPT_VOICES = 2


def line_labels(art: Article, found: list[Candidate]) -> list[Candidate]:
    """The attributions of lines opened by a label and a colon with no quotation mark after it.

    - **A headline's source**: the text's first line, "Voss: Port Deal Is Dead" or "Poll: Ruiz
      Leads": the label is a whole noun phrase, a source noun ("Poll", "Report") or a name the
      story names again below the headline (so "Breaking:", "Wow:" and "The Latest:" name
      nobody). What follows is a paraphrase (``indirect``; ``mixed`` with a quoted fragment;
      ``direct`` when it is one quotation).
    - **A transcript**: lines opened by names or by "Q" and "A", where two labels or more open
      two lines or more (a conversation, not a list of "Ruiz: ..." items), from the text's
      first line when no headline in mixed case names a source there; each line, a one-word
      answer too, is what its speaker said, ``direct``. An interview's questions ("Q:") are the
      outlet's own words and get no row; its answers ("A:") are the unnamed interviewee's
      (speaker "A", ``unresolved``).

    A colon a cue's attribution or a quotation's label already reads is left alone.
    """
    text, doc = art.text, art.doc
    taken = {c.cue_start for c in found}
    first_line = text.find("\n", len(text) - len(text.lstrip()))
    headline_end = len(text) if first_line < 0 else first_line
    lines: list[tuple[str, Candidate]] = []
    headline: Candidate | None = None
    questions = 0
    for m in _LINE_LABEL.finditer(text):
        colon = text.index(":", m.end(1))
        start, end = m.span(2)
        if text[start] in _DOUBLE_MARKS:
            continue  # (a quotation after a label: labelled_quotations reads it)
        if colon in taken or not any(ch.isalpha() for ch in text[start:end]):
            continue  # (a tally says nothing: "Ruiz: 1,769.")
        label_start = m.start(1)
        kicker = _KICKER.match(text, label_start, colon)
        if kicker is not None:
            label_start = kicker.end()  # "EXCLUSIVE \u2013 Roger Stone:"
        if text[label_start:colon].strip().lower() in _QUESTION_LABELS:
            questions += 1  # (the outlet's own words: no row, but a voice of the interview)
            continue
        mention = _label_mention(art, label_start, colon)
        if mention is None:
            continue
        sentence = doc.sentence_of(colon)
        if m.start() < headline_end and _names_a_source(art, mention, m.start(), m.end()):
            kind = _headline_kind(art, start, end)
            headline = Candidate(
                mention, colon, colon + 1, LABEL_ENTRY, kind, (start, end), sentence
            )
        if mention.kind == "name":
            # a voice of a conversation is a person, named or not introduced ("HALVORSEN:")
            mention = dataclasses.replace(mention, kind="voice")
        line = Candidate(mention, colon, colon + 1, LABEL_ENTRY, "direct", (start, end), sentence)
        lines.append((_voice_key(mention.text), line))
    voices = Counter(key for key, _ in lines)
    if sum(n >= 2 for n in voices.values()) + (questions >= 2) >= _TRANSCRIPT_VOICES:
        # a transcript, from its first line unless that is a headline, whose label is not
        # written in capitals as a transcript's are ("OK Gov Fallin: ..." above "FALLIN: ...")
        said = [line for _, line in lines]
        if headline is not None and not headline.speaker_mention.text.isupper():
            said = [headline, *(line for line in said if line.cue_start != headline.cue_start)]
        return said
    return [] if headline is None else [headline]


def _label_mention(art: Article, start: int, colon: int) -> Mention | None:
    """The source a label names: the whole label as one noun phrase of a source, or an
    interview's "A" (a question's "Q" is counted before, never read here); None for anything
    else (a determiner's phrase, "The Latest"; a clause, "Ruiz Wades In"; words in lower case,
    "Still to come")."""
    text, res = art.text, art.res
    toks, _ = art.doc.token_stream((start, colon + 1), res.common_words, keep=False).through(colon)
    if len(toks) < 2 or len(toks) > _MAX_LABEL_TOKENS or toks[-1].text != ":":
        return None
    last = skip_parenthesis(toks, len(toks) - 2)
    if not all(
        text[t.start].isupper() or clean_word(t) in res.speaker_kind
        for t in toks[: last + 1]
        if t.text[:1].isalpha()
    ):
        return None  # (lower-case words other than a source noun: "Clinton camp" is one)
    if last == 0 and toks[0].lower in _ANSWER_LABELS:
        # an interview's answer: the person interviewed, whom the label does not name (the
        # questions are the outlet's own words: no attribution)
        return Mention(toks[0].start, toks[0].end, text[toks[0].start : toks[0].end], "answer")
    if toks[0].lower in res.determiners or any(t.lower in _LABEL_PREPOSITIONS for t in toks):
        return None
    mention = np_left(art, toks, last)
    if (
        mention is None
        or mention.kind not in _LINE_LABEL_KINDS
        or (mention.start if mention.phrase_start is None else mention.phrase_start) != start
    ):
        return None
    return mention


def _names_a_source(art: Article, mention: Mention, line_start: int, line_end: int) -> bool:
    """Whether a headline's label names a source: a source noun ("Poll", "Report", "Clinton
    camp"; not a genre or a series, "Analysis:", "Editor's Note:", grammar
    ``headline_kickers``); a person of the story named again below the headline, the label's
    words being the person's name, titles and roles ("Graham:", "Dr. Ben Carson:" and "Sen.
    Lindsey Graham said ..."; not "Carly Fiorina Endorses Ted Cruz:"); or another name the
    story writes again below the headline ("Harbour Trust:"; not "Wow:", "Delegate Update:")."""
    res = art.res
    words = [strip_possessive(w).rstrip(".").lower() for w in mention.text.split()]
    if words[-1] in res.headline_kickers:
        return False  # "Analysis:", "Editor's Note:", "Breaking:": the headline's genre
    if mention.kind != "name":
        # ("Poll:", "IG report:", "Clinton camp:"; not a series' title in capitals, "Paid
        # Notice:", "Monday's Morning Email:", "Delegate Update:")
        return mention.head in res.speaker_kind and not (
            res.speaker_kind[mention.head] == "document"
            and len(words) > 1
            and mention.text.split()[-1][:1].isupper()
        )
    if words[-1] in res.common_words or words[-1] in _QA_LABELS:
        return False
    person = art.entities.person_by_token(words[-1], line_end)
    if person is None:
        return art.text.find(mention.text, line_end) >= 0
    return all(
        w in person.tokens
        or w in person.roles
        or w in res.titles
        or w in res.abbreviations
        or res.speaker_kind.get(w) in ("person", "title")
        for w in words
    ) and any(
        not line_start <= pos < line_end for pos, ent in art.entities.mentions if ent is person
    )


def _headline_kind(art: Article, start: int, end: int) -> str:
    """A headline's claim is a paraphrase (``indirect``), ``mixed`` with a quoted fragment, or
    ``direct`` when it is one quotation ("Ruiz: \u2018We Will Not Move\u2019")."""
    quotes = art.quotes.overlapping(start, end)
    if len(quotes) == 1 and quotes[0].start <= start and quotes[0].end >= end - 1:
        return "direct"
    return "mixed" if quotes else "indirect"


def _voice_key(label: str) -> str:
    """The speaker a transcript's label stands for: its last word in lower case ("JAKE
    TAPPER" and "TAPPER" are one voice)."""
    return label.split()[-1].lower()
