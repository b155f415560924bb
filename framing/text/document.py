"""The parsed article every detector shares, built once from a ``str``.

spaCy tokenises a text once and hands the same ``Doc`` to every pipeline component; a
:class:`Document` plays that part here. It holds the text, the same-length lower-cased form the
lexicon matchers scan, and, computed on first use and then kept, the quotation spans, the
sentence spans, the word count and the tokens of the sentence windows the attribution rules read.
Whatever a detector needs from the text it asks the document for, so no detector splits, lower-cases
or scans for quotation marks a second time.
"""

from __future__ import annotations

import bisect
from typing import Any

from framing.text.normalise import check_text, haystack
from framing.text.quotes import QuoteIndex, quote_spans
from framing.text.sentences import default_abbreviations, sentence_boundaries, sentence_spans
from framing.text.tokens import TokenStream, word_count


class Document:
    """One article text, parsed once.

    Args:
        text: the article text. Every offset any detector reports indexes this ``str``.
        abbreviations: lower-cased abbreviations whose full stop ends no sentence; default: the
            bundled grammar's list.

    Attributes:
        text: the text as given.
        lower: ``text`` lower-cased (same length), white space as spaces and typographic
            apostrophes and hyphens as ASCII: the form the lexicon matchers scan.

    Raises:
        TypeError: ``text`` is not a ``str``.

    Examples:
        >>> doc = Document("“No,” Dr. Ames said. He left.")
        >>> [doc.text[s:e] for s, e in doc.sentences]
        ['“No,” Dr. Ames said.', 'He left.']
        >>> [(q.inner_start, q.inner_end) for q in doc.quotes.spans], doc.word_count
        ([(1, 4)], 6)
    """

    __slots__ = (
        "_abbreviations",
        "_quotes",
        "_sentence_starts",
        "_sentences",
        "_streams",
        "_word_count",
        "lexicon_scans",
        "lower",
        "text",
    )

    def __init__(self, text: str, *, abbreviations: frozenset[str] | None = None) -> None:
        self.text: str = check_text(text, "Document")
        self.lower: str = haystack(text)
        self._abbreviations = abbreviations
        self._quotes: QuoteIndex | None = None
        self._sentences: list[tuple[int, int]] | None = None
        self._sentence_starts: list[int] = []
        self._word_count: int | None = None
        self._streams: dict[tuple[int, int, int], TokenStream] = {}
        #: Candidates of lexicon matchers from one shared pass over ``lower``, per matcher
        #: (left by :meth:`framing.lexicons.matcher.ScanGroup.scan_into`).
        self.lexicon_scans: dict[Any, list[tuple[int, int, int, int]]] = {}

    @classmethod
    def of(cls, text: object, func: str) -> Document:
        """``text`` itself if it is a :class:`Document`, else a new one; a ``TypeError`` names
        ``framing.<func>()`` when ``text`` is neither (the check is this method's, so ``text``
        is typed ``object``: a compiled build checks annotations before the body runs)."""
        if isinstance(text, Document):
            return text
        return cls(check_text(text, func))

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        head = self.text[:40] + ("..." if len(self.text) > 40 else "")
        return f"Document({head!r}, {len(self.text)} characters)"

    @property
    def quotes(self) -> QuoteIndex:
        """The direct quotations (:func:`framing.text.quotes.quote_spans`), indexed."""
        if self._quotes is None:
            self._quotes = QuoteIndex(quote_spans(self.text))
        return self._quotes

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans ``(start, end)`` (:func:`framing.text.sentences.sentence_spans`)."""
        if self._sentences is None:
            abbreviations = self._abbreviations
            if abbreviations is None:
                abbreviations = default_abbreviations()
            self._sentences = sentence_spans(self.text, abbreviations, *sentence_boundaries())
            self._sentence_starts = [start for start, _ in self._sentences]
        return self._sentences

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The span of the sentence holding offset ``pos`` (the whole text if none does)."""
        sentences = self._sentences if self._sentences is not None else self.sentences
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        return sentences[i] if i >= 0 else (0, len(self.text))

    @property
    def word_count(self) -> int:
        """Words in the text, as :func:`framing.text.tokens.word_count` counts them: the
        denominator of every rate per 1,000 words."""
        if self._word_count is None:
            self._word_count = word_count(self.text)
        return self._word_count

    def token_stream(
        self, window: tuple[int, int], common: frozenset[str], *, keep: bool = True
    ) -> TokenStream:
        """The tokens of ``text[window[0]:window[1]]``, made as far as they are read.

        Streams are kept per window, so cues in one sentence share its tokens. ``keep=False``
        (a window clipped out of a run-on "sentence" of megabytes) drops every kept stream
        first, so the document never holds one text's worth of tokens per cue.
        """
        key = (window[0], window[1], id(common))
        stream = self._streams.get(key)
        if stream is None:
            if not keep:
                self._streams.clear()
            stream = self._streams[key] = TokenStream(self.text, window, common)
        return stream
