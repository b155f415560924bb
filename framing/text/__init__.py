"""The text layer: offset-preserving normalisation, quotations, sentences, tokens, and the
:class:`Document` that holds them for one article. Imports nothing else of framing."""

from framing.text.document import Document
from framing.text.normalise import check_text, haystack, lower_same_length, match_form
from framing.text.quotes import QuoteIndex, QuoteSpan, quote_spans
from framing.text.sentences import sentence_spans
from framing.text.tokens import WORD_PATTERN, Token, tokens, word_count

__all__ = [
    "WORD_PATTERN",
    "Document",
    "QuoteIndex",
    "QuoteSpan",
    "Token",
    "check_text",
    "haystack",
    "lower_same_length",
    "match_form",
    "quote_spans",
    "sentence_spans",
    "tokens",
    "word_count",
]
