r"""Word and punctuation tokens with absolute offsets, and the one definition of a word count.

**Word count.** A word is a match of :data:`WORD_PATTERN`, ``\w+(?:['’\-]\w+)*``: runs of
letters and digits, joined across inner hyphens and apostrophes ("so-called" and "union's" are
one word each, "3,400" is two). Rates per 1,000 words, the corpus validator's short-text check
and :class:`framing.Document` all count words this way.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from operator import itemgetter

#: The word-count pattern (see the module docstring).
WORD_PATTERN: str = r"\w+(?:['’\-]\w+)*"
# The same matches as WORD_PATTERN with possessive quantifiers: nothing after a run of word
# characters is itself a word character, so the engine never needs to give one back, and
# keeping no place to go back to makes counting ~10 % faster.
WORD = re.compile(r"\w++(?:['’\-]\w++)*+")


def word_count(text: str) -> int:
    """Number of words in ``text``: matches of :data:`WORD_PATTERN`.

    Examples:
        >>> word_count("The so-called “reform” isn't new: 3,400 dockers struck.")
        9
    """
    return len(WORD.findall(text))


def words(text: str) -> list[str]:
    """The words of ``text`` as :func:`word_count` counts them."""
    return WORD.findall(text)


class Token(tuple):
    """A word or punctuation token: ``(text, start, end, lower)`` with absolute offsets.

    A tuple subclass rather than a dataclass: the extractor makes one per token, and building
    a tuple costs a fraction of running a dataclass ``__init__``.
    """

    __slots__ = ()
    text: str = property(itemgetter(0))  # type: ignore[assignment]
    start: int = property(itemgetter(1))  # type: ignore[assignment]
    end: int = property(itemgetter(2))  # type: ignore[assignment]
    lower: str = property(itemgetter(3))  # type: ignore[assignment]

    @property
    def is_cap(self) -> bool:
        return self[0][:1].isupper()


# The same tokens as ``[^\W_]+(?:[-'\u2019.][^\W_]+)*\.?|[^\w\s]`` with the rule "a trailing full
# stop stays on a token only when the token has an inner dot ("U.S.") or is a single letter or
# digit ("J."); otherwise it is a token of its own" written into the pattern, so no token needs
# fixing up in Python. Each word is read once: a single character with its full stop; else the
# word, taking a full stop only with an inner dot; else one punctuation mark. Quantifiers are
# possessive (as in WORD: everything after a run is optional and starts with no letter or digit,
# so no match ever gives a character back).
TOKEN = re.compile(
    r"[^\W_]\.(?![^\W_])"
    r"|[^\W_]++(?:[-'\u2019][^\W_]++)*+(?:\.[^\W_]++(?:[-'\u2019.][^\W_]++)*+\.?+)?+"
    r"|[^\w\s]"
)
#: Two apostrophes, which some archives' plain text writes for a double quotation mark
#: (''like this''): :class:`TokenStream` reads them as one token, the straight double mark.
DOUBLE_APOSTROPHE = "''"
#: A word as the attribution rules read words in running text: letters, digits, hyphens and
#: apostrophes ("union's", "dockers'") ...
PLAIN_WORD_WITH_APOSTROPHES = r"[\w\u2019'-]+"
#: ... but not two apostrophes in a row (a quotation mark), where a text has them. Matching
#: this is ~2.5 times slower, so it is used only there (:func:`apostrophe_words`).
WORD_WITH_APOSTROPHES = r"(?:[\w\u2019-]|(?<!')'(?!'))+"
_PLAIN_WORDS = re.compile(PLAIN_WORD_WITH_APOSTROPHES)
_WORDS_BESIDE_DOUBLED = re.compile(WORD_WITH_APOSTROPHES)


def apostrophe_words(text: str, start: int = 0, end: int | None = None) -> re.Pattern[str]:
    """The pattern of words with apostrophes to read ``text[start:end]`` with: the plain one,
    or where two apostrophes stand for a quotation mark in it, one that leaves them out.

    Examples:
        >>> phrase = "the dockers' ''fair deal''"
        >>> apostrophe_words(phrase).findall(phrase)
        ['the', "dockers'", 'fair', 'deal']
    """
    stop = len(text) if end is None else end
    return _WORDS_BESIDE_DOUBLED if text.find(DOUBLE_APOSTROPHE, start, stop) >= 0 else _PLAIN_WORDS


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with absolute offsets.

    A trailing full stop stays on a token only when the token is an abbreviation-like form with an
    inner dot ("U.S.") or a single letter; otherwise it is split off.

    Examples:
        >>> [t.text for t in tokens("Gen. J. Smith of the U.S. said no.")]
        ['Gen', '.', 'J.', 'Smith', 'of', 'the', 'U.S.', 'said', 'no', '.']
    """
    end = len(text) if end is None else end
    return tokens_of(TOKEN.finditer(text, start, end))


def tokens_of(matches: Iterable[re.Match[str]]) -> list[Token]:
    """Tokens of matches of :data:`TOKEN` (for callers that take the matches in batches)."""
    return [Token((word := m.group(), m.start(), m.end(), word.lower())) for m in matches]


#: Tokens made past the position a reader asks for: the attribution rules read at most this many
#: after a cue (the noun phrase after an inverted cue or "by": at most 12 words, two determiners
#: and "by"; or a short object).
TOKENS_AFTER = 20
#: Tokens after which a capital may only mark the start of a quotation, clause or list.
OPENING_TOKENS = frozenset(("\u201c", '"', ":", "\u2018", "(", "\u2014"))


class TokenStream:
    """Tokens of one sentence window, made as far as the cues in it need them.

    Cues read the tokens before them up to the window's start, but only a few after them
    (:data:`TOKENS_AFTER`), so the rest of a long sentence after its last cue is never
    tokenised. Common words capitalised only because they open the window or a quotation are
    lower-cased as the tokens are made ("Officials said" is a common noun phrase, not a name);
    offsets are unchanged, so mentions still slice the original text.
    """

    __slots__ = ("_common", "_doubled", "_more", "starts", "toks")

    def __init__(self, text: str, window: tuple[int, int], common: frozenset[str]):
        self._more: Iterator[re.Match[str]] | None = TOKEN.finditer(text, *window)
        self._common = common
        # Two apostrophes standing for a double quotation mark are made one token of that
        # mark ('"'), so the rules read ''...'' as they read "...".
        self._doubled = text.find(DOUBLE_APOSTROPHE, *window) >= 0
        self.toks: list[Token] = []
        self.starts: list[int] = []

    def through(self, pos: int) -> tuple[list[Token], list[int]]:
        """The tokens and their starts, made at least :data:`TOKENS_AFTER` tokens past
        ``pos`` (or to the end of the window)."""
        starts = self.starts
        while self._more is not None and (
            not starts or len(starts) - bisect_left(starts, pos) < TOKENS_AFTER
        ):
            batch = tokens_of(itertools.islice(self._more, 32))
            if len(batch) < 32:
                self._more = None
            toks = self.toks
            common = self._common
            doubled = self._doubled
            for tok in batch:
                if (
                    doubled
                    and tok[0] == "'"
                    and toks
                    and toks[-1][0] == "'"
                    and toks[-1][2] == tok[1]
                ):
                    # two apostrophes in a row: one double quotation mark
                    tok = Token(('"', toks.pop()[1], tok[2], '"'))
                    starts.pop()
                if (
                    (not toks or toks[-1][0] in OPENING_TOKENS)
                    and tok[0][:1].isupper()
                    and tok[3] in common
                ):
                    tok = Token((tok[3], tok[1], tok[2], tok[3]))
                toks.append(tok)
                starts.append(tok[1])
        return self.toks, starts
