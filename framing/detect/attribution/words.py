"""Small facts about a word that the noun-phrase rules share: its lower-cased form without a
possessive ending, whether it can be part of a name, whether it is the full stop of an
abbreviated title, whether it names a person by age, and whether it is the plural of a
listed word."""

from __future__ import annotations

import re

from framing.detect.attribution.article import Article
from framing.detect.attribution.entities import strip_possessive
from framing.detect.attribution.resources import Resources
from framing.text import Token

_CLEAN: dict[str, str] = {}


def clean_word(tok: Token) -> str:
    """The token lower-cased without a possessive ending (memoised: words repeat)."""
    word = tok[0]
    clean = _CLEAN.get(word)
    if clean is None:
        if len(_CLEAN) > 200_000:
            _CLEAN.clear()
        clean = _CLEAN[word] = strip_possessive(word).lower()
    return clean


def is_name_token(tok: Token) -> bool:
    """A capitalised word that can be part of a name: not a hyphenated role compound
    ("Mum-of-two", "Father-of-three", "Ex-wife"; "Jean-Paul" and "Sixty-one" stay)."""
    return tok.is_cap and tok.text[0].isalpha() and not _ROLE_COMPOUND.search(tok.text)


_ROLE_COMPOUND = re.compile(r"[a-z]-(?:of|in)-[a-z]|^Ex-[a-z]")


def title_stop(art: Article, toks: list[Token], i: int) -> bool:
    """Whether ``toks[i]`` is the full stop of an abbreviated title ("Mr.", "Sen.")."""
    return i > 0 and toks[i].text == "." and toks[i - 1].lower in art.res.abbreviations


#: Pronouns that stand for a source besides "he", "she" and the writer's "I": a group or an
#: organisation ("they", "we", "it"), and "you" (read as a pronoun, not a capitalised name, so
#: that no source is made of it: :func:`framing.detect.attribution.subjects.find_subject`).
OTHER_PRONOUNS = frozenset(("they", "we", "it", "you"))


def is_pronoun(res: Resources, low: str) -> bool:
    """Whether ``low`` is a pronoun that can stand for a source ("he", "they", "it", "I",
    "you")."""
    return low in res.pronoun_genders or low in OTHER_PRONOUNS or low in res.writer_pronouns


#: A person named by age alone ("46-year-old", "six-year-old").
AGED = re.compile(r"[\w]+-years?-old\Z")


def plural_in(word: str, vocabulary: dict[str, str]) -> bool:
    """Whether ``word`` is the plural in -s of a word of ``vocabulary`` ("lawyers")."""
    return word.endswith("s") and word[:-1] in vocabulary
