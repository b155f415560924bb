"""The phrase matcher built from lexicons, with literal-sense guards.

Matching is one Aho-Corasick pass (:mod:`ahocorasick`) over the document's lower-cased form
(:attr:`framing.Document.lower`); word boundaries are checked at each candidate, and the
leftmost-longest non-overlapping hits that no guard rules out are kept. The detectors' matchers
(speech cues, loaded terms, hedges) share that pass: a :class:`ScanGroup` joins their automata
into one and leaves each matcher's candidates with the document (:meth:`Matcher.find_in`).

A guard is a row of a guard lexicon: word patterns before or after a hit that mark a sense in
which the term is not meant ("fuming nitric acid"), read as data, never written in code. A guard
on the side ``only_before`` or ``only_after`` works the other way round, for a term whose
literal senses are too many to list: the term counts only where one of its ``only_`` contexts
matches ("attacked the plan", not "attacked the base").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import ahocorasick

from framing.errors import LexiconError
from framing.lexicons.read import POS_VALUES, Lexicon, inflect
from framing.text.normalise import haystack, match_form, match_words
from framing.text.tokens import DOUBLE_APOSTROPHE

if TYPE_CHECKING:
    from framing.text import Document

# ---------------------------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------------------------


#: A guard context of this word alone matches where the clause ends right after the hit.
CLAUSE_END = "$"
#: Prefix of a context word that a guard position must not be ("law !enforcement": "law" not
#: followed by "enforcement"); a position of such words also matches where the clause ends.
NOT = "!"
#: Guard sides: a ``before``/``after`` context rules a hit out; an ``only_before``/``only_after``
#: context licenses it (a term with such rows counts only where one of them matches).
GUARD_SIDES = ("before", "after", "only_before", "only_after")
_ONLY = "only_"
#: Prefix of a guard row's term that names one form ("=report": the bare form, not
#: "reported"); a term without it is a lemma, whose rows apply to every form.
FORM_ONLY = "="


@dataclass(frozen=True, slots=True)
class Guard:
    """Context in which a term is used in a literal or non-target sense."""

    side: str  # "before" or "after": where the context is read
    patterns: tuple[tuple[str, ...] | None, ...]  # None = any word; "x*" entries are prefixes
    # Per pattern: (exact words, prefixes, negated: the word must be none of them), or None
    # for any word (derived from ``patterns``).
    _tests: tuple[tuple[frozenset[str], tuple[str, ...], bool] | None, ...] = field(
        init=False, repr=False, compare=False
    )
    licenses: bool = False  # True for an ``only_`` row: the hit counts only where it matches
    _at_clause_end: bool = field(init=False, repr=False, compare=False, default=False)

    def __post_init__(self) -> None:
        # A context of "$" alone: the clause ends right after the hit ("A rash appeared.").
        object.__setattr__(self, "_at_clause_end", self.patterns == ((CLAUSE_END,),))
        tests: list[tuple[frozenset[str], tuple[str, ...], bool] | None] = []
        for pattern in self.patterns:
            if pattern is None:
                tests.append(None)
                continue
            negated = pattern[0].startswith(NOT)
            if any(p.startswith(NOT) != negated for p in pattern):
                raise ValueError(
                    f"a context position mixes '{NOT}word' with plain words: {pattern}"
                )
            alts = [p.removeprefix(NOT) for p in pattern]
            tests.append(
                (
                    frozenset(p for p in alts if not p.endswith("*")),
                    tuple(p[:-1] for p in alts if p.endswith("*")),
                    negated,
                )
            )
        object.__setattr__(self, "_tests", tuple(tests))

    def matches(self, words: Sequence[str]) -> bool:
        if self._at_clause_end:
            return not words
        tests = self._tests
        missing = len(tests) - len(words)
        if missing > 0:
            # The clause ends before the context does: only "!word" positions may be left
            # over (a word that is not there is none of the words they exclude).
            before = self.side == "before"
            spare = tests[:missing] if before else tests[len(words) :]
            if not all(t is not None and t[2] for t in spare):
                return False
            tests = tests[missing:] if before else tests[: len(words)]
            seq = words
        else:
            seq = words[-len(tests) :] if self.side == "before" else words
        for test, word in zip(tests, seq, strict=False):
            if test is None:
                continue
            exact, prefixes, negated = test
            if (word in exact or bool(prefixes and word.startswith(prefixes))) == negated:
                return False
        return True


def _context_pattern_words(context: str) -> tuple[tuple[str, ...] | None, ...]:
    # "|" and "*" are syntax, so split on them before normalising each alternative.
    out: list[tuple[str, ...] | None] = []
    for part in context.lower().split():
        if part == "*":
            out.append(None)
            continue
        if part == CLAUSE_END:
            out.append((CLAUSE_END,))
            continue
        alts: list[str] = []
        for alt in part.split("|"):
            negated = alt.startswith(NOT)
            alt = alt.removeprefix(NOT)
            star = alt.endswith("*")
            norm = match_form(alt.rstrip("*")).strip().replace(" ", "")
            if norm:
                alts.append((NOT if negated else "") + norm + ("*" if star else ""))
        out.append(tuple(alts))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Matcher
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entry: int  # index into Matcher.entries


@dataclass(frozen=True, slots=True)
class _GuardIndex:
    """Guards of one term, keyed by the word next to the hit so most hits test none."""

    after_by_word: dict[str, tuple[Guard, ...]]
    after_other: tuple[Guard, ...]
    before_by_word: dict[str, tuple[Guard, ...]]
    before_other: tuple[Guard, ...]
    # Licensing contexts (``only_`` rows): when there are any, one must match.
    licensing: tuple[Guard, ...] = ()
    # Whether any guard reads the words after / before the hit (worked out once, in build).
    reads_after: bool = False
    reads_before: bool = False

    @classmethod
    def build(cls, guards: Sequence[Guard]) -> _GuardIndex:
        by: dict[str, dict[str, list[Guard]]] = {"after": {}, "before": {}}
        other: dict[str, list[Guard]] = {"after": [], "before": []}
        licensing = tuple(g for g in guards if g.licenses)
        for g in guards:
            if g.licenses:
                continue
            near = g.patterns[0] if g.side == "after" else g.patterns[-1]
            if (
                near is None
                or near == (CLAUSE_END,)
                or any(p.endswith("*") or p.startswith(NOT) for p in near)
            ):
                other[g.side].append(g)
                continue
            for word in near:
                by[g.side].setdefault(word, []).append(g)
        return cls(
            {k: tuple(v) for k, v in by["after"].items()},
            tuple(other["after"]),
            {k: tuple(v) for k, v in by["before"].items()},
            tuple(other["before"]),
            licensing,
            reads_after=any(g.side == "after" for g in guards),
            reads_before=any(g.side == "before" for g in guards),
        )


_CLAUSE_STOP = re.compile('[.!?;:\u201c\u201d"()]')
# ... and two apostrophes written for a double quotation mark (''like this''), in a text that
# has them (an alternation scans about twice as slowly as a character class).
_CLAUSE_STOP_BESIDE_DOUBLED = re.compile("[.!?;:\u201c\u201d\"()]|''")


def _key(form: str) -> str:
    return " ".join(form.lower().replace("\u2019", "'").split())


class Matcher:
    """Leftmost-longest, word-bounded phrase matching of lexicon entries with guards.

    Args:
        lexicons: lexicons whose rows have ``term`` and ``pos`` columns; later lexicons add to
            earlier ones (a surface form already taken keeps its first entry).
        guards: guard lexicons (``term, side, context``) applying to terms by lemma; ``side``
            is ``before`` or ``after`` (the context rules a hit out) or ``only_before`` or
            ``only_after`` (the term counts only where one such context matches).

    Examples:
        >>> from framing.lexicons import read_lexicon
        >>> m = Matcher([read_lexicon("loaded_terms", ["term", "pos"])])
        >>> [m.entries[h.entry]["term"] for h in m.find("He lashes out at so-called experts.")]
        ['lash out', 'so-called']
    """

    def __init__(self, lexicons: Sequence[Lexicon], guards: Sequence[Lexicon] = ()):
        self.lexicons = tuple(lexicons)
        self.guard_lexicons = tuple(guards)
        self.entries: list[dict[str, str]] = []
        guard_map: dict[str, list[Guard]] = {}
        for lex in guards:
            for row in lex.rows:
                side = row["side"].lower()
                if side not in GUARD_SIDES:
                    raise LexiconError(
                        f"{lex.source}, line {row['_line']}: side must be one of"
                        f" {', '.join(repr(s) for s in GUARD_SIDES)}, got {row['side']!r}"
                    )
                patterns = _context_pattern_words(row["context"])
                if not patterns:
                    raise LexiconError(f"{lex.source}, line {row['_line']}: empty context")
                licenses = side.startswith(_ONLY)
                try:
                    guard = Guard(side.removeprefix(_ONLY), patterns, licenses=licenses)
                except ValueError as exc:
                    raise LexiconError(f"{lex.source}, line {row['_line']}: {exc}") from None
                guard_map.setdefault(_key(row["term"]), []).append(guard)
        self._automaton = ahocorasick.Automaton()
        # One guard index per entry, and one more for each inflected form that has guards of
        # its own (a guard row whose term is a form, "told", applies to that form only; one
        # written "=report" applies to the form that is the lemma itself, and no other).
        self._guards: list[_GuardIndex | None] = []
        self.max_guard_words = max(
            (len(g.patterns) for gs in guard_map.values() for g in gs), default=0
        )
        for lex in lexicons:
            for row in lex.rows:
                pos = row.get("pos", "FIXED").upper() or "FIXED"
                if pos not in POS_VALUES:
                    raise LexiconError(
                        f"{lex.source}, line {row['_line']}: invalid pos {pos!r};"
                        f" valid: {', '.join(sorted(POS_VALUES))}"
                    )
                lemma_key = _key(row["term"])
                if not lemma_key:
                    raise LexiconError(f"{lex.source}, line {row['_line']}: term has no words")
                index = len(self.entries)
                entry = dict(row)
                entry["_lexicon"] = lex.label
                self.entries.append(entry)
                guards_of = guard_map.get(lemma_key, [])
                slot = len(self._guards)
                self._guards.append(_GuardIndex.build(guards_of) if guards_of else None)
                for form in inflect(lemma_key, pos):
                    if form in self._automaton:
                        continue
                    form_slot = slot
                    own = [
                        *(guard_map.get(form, ()) if form != lemma_key else ()),
                        *guard_map.get(FORM_ONLY + form, ()),
                    ]
                    if own:
                        form_slot = len(self._guards)
                        self._guards.append(_GuardIndex.build([*guards_of, *own]))
                    self._automaton.add_word(form, (len(form), ((0, index, form_slot),)))
        if len(self._automaton):
            self._automaton.make_automaton()

    def find_in(
        self, doc: Document, unguarded: Callable[[int, int], bool] | None = None
    ) -> list[Hit]:
        """:meth:`find` over ``doc``, from the candidates a :class:`ScanGroup` holding this
        matcher left with it (:meth:`ScanGroup.scan_into`), else from a pass of its own."""
        return self.find(doc.text, doc.lower, unguarded, doc.lexicon_scans.get(self))

    def find(
        self,
        text: str,
        hay: str | None = None,
        unguarded: Callable[[int, int], bool] | None = None,
        candidates: list[tuple[int, int, int, int]] | None = None,
    ) -> list[Hit]:
        """Word-bounded, leftmost-longest, non-overlapping hits that no guard rules out.

        ``hay`` is :func:`haystack` of ``text`` when the caller already has it.
        ``unguarded(start, end)`` says where the caller knows the sense without the guards
        (a reporting verb right after a closing quotation: "“...,” added a spokesman").
        ``candidates``: this matcher's word-bounded forms in ``hay`` when a
        :class:`ScanGroup` found them already.
        """
        if candidates is None:
            if not len(self._automaton):
                return []
            if hay is None:
                hay = haystack(text)
            candidates = _bounded_forms(self._automaton, hay, 1)[0]
        if not candidates:
            return []
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        hits: list[Hit] = []
        last_end = -1
        stops: list[int] | None = None  # offsets of the clause stops, found at the first guard
        for start, end, index, slot in candidates:
            if start < last_end:
                continue
            guards = self._guards[slot]
            if guards is not None:
                if stops is None:
                    doubled = DOUBLE_APOSTROPHE in text
                    stop = _CLAUSE_STOP_BESIDE_DOUBLED if doubled else _CLAUSE_STOP
                    stops = [m.start() for m in stop.finditer(text)]
                if self._guarded(text, start, end, guards, stops) and not (
                    unguarded is not None and unguarded(start, end)
                ):
                    continue
            hits.append(Hit(start, end, index))
            last_end = end
        return hits

    def _guarded(
        self, text: str, start: int, end: int, guards: _GuardIndex, stops: list[int]
    ) -> bool:
        """True when a guard rules the hit out, or the term has licensing contexts and none
        of them matches. ``stops``: the offsets of :data:`_CLAUSE_STOP` in ``text``, in order;
        the words a guard reads end at the first of them."""
        width = 24 * self.max_guard_words + 24
        after_text = before_text = ""
        after_words: list[str] = []
        if guards.reads_after:
            i = bisect_left(stops, end)
            stop = stops[i] if i < len(stops) and stops[i] < end + width else end + width
            after_text = text[end:stop]
            # Guards read at most max_guard_words words on each side.
            after_words = match_words(after_text)[: self.max_guard_words]
            if after_words:
                for g in guards.after_by_word.get(after_words[0], ()):
                    if g.matches(after_words):
                        return True
            for g in guards.after_other:
                if g.matches(after_words):
                    return True
        if guards.reads_before:
            begin = max(0, start - width)
            i = bisect_left(stops, start) - 1
            if i >= 0 and stops[i] >= begin:
                begin = stops[i] + 1
            before_text = text[begin:start]
            before_words = match_words(before_text)[-self.max_guard_words :]
            if before_words:
                for g in guards.before_by_word.get(before_words[-1], ()):
                    if g.matches(before_words):
                        return True
            if any(g.matches(before_words) for g in guards.before_other):
                return True
        if not guards.licensing:
            return False
        # A licensing context is read within the hit's phrase: it stops at a comma as well
        # ("the attack, the president said" does not license "attack").
        licence_after = match_words(after_text.split(",", 1)[0])
        licence_before = match_words(before_text.rsplit(",", 1)[-1])
        return not any(
            g.matches(licence_after if g.side == "after" else licence_before)
            for g in guards.licensing
        )


def _bounded_forms(
    automaton: ahocorasick.Automaton, hay: str, outputs: int
) -> list[list[tuple[int, int, int, int]]]:
    """The word-bounded forms of ``automaton`` in ``hay`` as ``(start, end, entry, guard
    slot)``, one list per output; an automaton's value for a form is its length and, per
    matcher holding it, ``(output, entry, guard slot)``."""
    found: list[list[tuple[int, int, int, int]]] = [[] for _ in range(outputs)]
    n = len(hay)
    for end_idx, (length, holders) in automaton.iter(hay):
        start = end_idx - length + 1
        end = end_idx + 1
        if start > 0:
            ch = hay[start - 1]
            if ch.isalnum() or ch == "-":
                continue
        if end < n:
            ch = hay[end]
            if ch.isalnum() or ch == "-":
                continue
        for output, index, slot in holders:
            found[output].append((start, end, index, slot))
    return found


class ScanGroup:
    """Several matchers' automata joined into one, so a document is scanned once for all of
    them (the pass costs about what the largest matcher's alone did); each matcher then reads
    its own candidates and applies its own longest-match rule and guards, so its hits are
    those of :meth:`Matcher.find`.

    Examples:
        >>> from framing.lexicons import read_lexicon
        >>> from framing.text import Document
        >>> loaded = Matcher([read_lexicon("loaded_terms", ["term", "pos"])])
        >>> hedges = Matcher([read_lexicon("hedges", ["term", "pos"])])
        >>> doc = Document("Critics reportedly slammed the so-called reform.")
        >>> scan_group(loaded, hedges).scan_into(doc)
        >>> [doc.text[h.start : h.end] for h in loaded.find_in(doc)]
        ['slammed', 'so-called']
        >>> [doc.text[h.start : h.end] for h in hedges.find_in(doc)]
        ['reportedly']
    """

    def __init__(self, matchers: Sequence[Matcher]) -> None:
        self.matchers = tuple(matchers)
        forms: dict[str, tuple[int, list[tuple[int, int, int]]]] = {}
        for output, matcher in enumerate(self.matchers):
            for form, (length, holders) in matcher._automaton.items():
                for _, index, slot in holders:
                    forms.setdefault(form, (length, []))[1].append((output, index, slot))
        self._automaton = ahocorasick.Automaton()
        for form, (length, holders) in forms.items():
            self._automaton.add_word(form, (length, tuple(holders)))
        if forms:
            self._automaton.make_automaton()

    def scan_into(self, doc: Document) -> None:
        """Scan ``doc`` once and leave each matcher's candidates with it, for
        :meth:`Matcher.find_in`."""
        found = (
            _bounded_forms(self._automaton, doc.lower, len(self.matchers))
            if len(self._automaton)
            else [[] for _ in self.matchers]
        )
        doc.lexicon_scans = dict(zip(self.matchers, found, strict=True))


@lru_cache(maxsize=16)
def scan_group(*matchers: Matcher) -> ScanGroup:
    """The :class:`ScanGroup` of ``matchers`` (built once per combination)."""
    return ScanGroup(matchers)
