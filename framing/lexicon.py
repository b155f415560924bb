"""Versioned TSV lexicons and the phrase matcher built from them.

A lexicon is a headed, tab-separated file (see ``docs/lexicon.md``) with a ``NAME.meta.json``
beside it. Bundled lexicons live in ``framing/lexicons`` and are read with
:mod:`importlib.resources`; users pass a path to use their own file instead of, or in addition
to, a bundled one. Inflected forms are generated with :mod:`lemminflect`, so an entry is written
once as a lemma ("lash out") and matches "lashes out", "lashed out" and "lashing out".

Matching is one Aho-Corasick pass (:mod:`ahocorasick`) over the lower-cased text with punctuation
mapped to spaces; word boundaries come for free by padding every key with spaces, and the
leftmost-longest non-overlapping hits are kept.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import ahocorasick
from lemminflect import getAllInflections, getAllInflectionsOOV

from framing._text import lower_same_length, match_form

logger = logging.getLogger("framing")

POS_VALUES = frozenset({"VERB", "NOUN", "ADJ", "ADV", "FIXED"})


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Lexicon:
    """A loaded lexicon: its rows plus the metadata that goes into provenance records."""

    name: str
    version: str
    rows: tuple[dict[str, str], ...]
    sha256: str
    source: str
    meta: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def label(self) -> str:
        """``name@version``, the form written into tables and figures."""
        return f"{self.name}@{self.version}"

    def provenance(self) -> dict[str, object]:
        return {
            "name": self.name,
            "version": self.version,
            "sha256": self.sha256,
            "source": self.source,
            "entries": len(self.rows),
        }


def _lexicon_dir():
    return resources.files("framing").joinpath("lexicons")


def bundled_lexicons() -> list[str]:
    """Names of the lexicons shipped with the package."""
    return sorted(
        p.name[: -len(".tsv")] for p in _lexicon_dir().iterdir() if p.name.endswith(".tsv")
    )


def _read_source(name_or_path: str | Path) -> tuple[str, str, dict[str, object]]:
    """Return (text, source label, metadata) for a bundled name or a file path."""
    path = Path(name_or_path)
    if path.suffix == ".tsv" or path.exists():
        if not path.is_file():
            raise LexiconError(f"lexicon file not found: {path}")
        raw = path.read_bytes()
        meta_path = path.with_name(path.name[: -len(".tsv")] + ".meta.json")
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        meta.setdefault("name", path.stem)
        meta.setdefault("version", "user")
        source = str(path)
    else:
        resource = _lexicon_dir().joinpath(f"{name_or_path}.tsv")
        if not resource.is_file():
            raise LexiconError(
                f"unknown lexicon {name_or_path!r}; bundled: {', '.join(bundled_lexicons())}"
                " (or pass a path to a .tsv file)"
            )
        raw = resource.read_bytes()
        meta_res = _lexicon_dir().joinpath(f"{name_or_path}.meta.json")
        meta = json.loads(meta_res.read_text("utf-8")) if meta_res.is_file() else {}
        meta.setdefault("name", str(name_or_path))
        meta.setdefault("version", "0")
        source = f"framing/lexicons/{name_or_path}.tsv"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LexiconError(f"{source}, line {line}: not valid UTF-8 ({exc.reason})") from None
    meta["sha256"] = hashlib.sha256(raw).hexdigest()
    return text, source, meta


def read_lexicon(
    name_or_path: str | Path,
    required: Sequence[str],
    allowed: dict[str, Iterable[str]] | None = None,
) -> Lexicon:
    """Read and validate a lexicon TSV.

    Args:
        name_or_path: a bundled lexicon name (``"loaded_terms"``) or a path to a ``.tsv`` file.
        required: columns that must be present and non-empty in every row.
        allowed: for some columns, the set of valid values.

    Returns:
        The validated :class:`Lexicon`.

    Raises:
        LexiconError: naming the file and line of the first problem.

    Examples:
        >>> lex = read_lexicon("cues", ["term", "pos", "verb_class"])
        >>> lex.name, len(lex.rows) > 50
        ('cues', True)
    """
    text, source, meta = _read_source(name_or_path)
    allowed_sets = {k: frozenset(v) for k, v in (allowed or {}).items()}
    lines = [
        (i, line)
        for i, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise LexiconError(f"{source}: empty lexicon (no header line)")
    header_no, header_line = lines[0]
    header = [h.strip() for h in header_line.split("\t")]
    missing = [c for c in required if c not in header]
    if missing:
        raise LexiconError(
            f"{source}, line {header_no}: header lacks column(s) {', '.join(missing)};"
            f" found {', '.join(header)}"
        )
    rows = []
    seen: dict[tuple[str, ...], int] = {}
    key_cols = [c for c in ("term", "pos", "side", "context") if c in header]
    for line_no, line in lines[1:]:
        fields = next(csv.reader(io.StringIO(line), delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(fields) != len(header):
            raise LexiconError(
                f"{source}, line {line_no}: expected {len(header)} tab-separated fields"
                f" ({', '.join(header)}), found {len(fields)}"
            )
        row = {h: f.strip() for h, f in zip(header, fields, strict=True)}
        for col in required:
            if not row[col]:
                raise LexiconError(f"{source}, line {line_no}: empty {col!r}")
        for col, valid in allowed_sets.items():
            if row.get(col) and row[col] not in valid:
                raise LexiconError(
                    f"{source}, line {line_no}: invalid {col} {row[col]!r};"
                    f" valid: {', '.join(sorted(valid))}"
                )
        key = tuple(row[c].lower() for c in key_cols)
        if key in seen:
            raise LexiconError(
                f"{source}, line {line_no}: duplicate entry {row['term']!r}"
                f" (first on line {seen[key]})"
            )
        seen[key] = line_no
        row["_line"] = str(line_no)
        rows.append(row)
    return Lexicon(
        name=str(meta["name"]),
        version=str(meta["version"]),
        rows=tuple(rows),
        sha256=str(meta["sha256"]),
        source=source,
        meta=meta,
    )


# ---------------------------------------------------------------------------------------------
# Inflection
# ---------------------------------------------------------------------------------------------


@cache
def _word_forms(word: str, upos: str) -> tuple[str, ...]:
    forms = getAllInflections(word, upos=upos) or getAllInflectionsOOV(word, upos=upos)
    out = {word}
    for values in forms.values():
        out.update(v.lower() for v in values)
    return tuple(sorted(out))


def inflect(term: str, pos: str) -> list[str]:
    """All surface forms of a lexicon ``term`` for its ``pos``.

    VERB inflects the first word ("lash out" -> "lashed out"), NOUN the last ("union boss" ->
    "union bosses"); ADJ, ADV and FIXED entries match as written.

    Examples:
        >>> inflect("lash out", "VERB")
        ['lash out', 'lashed out', 'lashes out', 'lashing out']
        >>> inflect("union boss", "NOUN")
        ['union boss', 'union bosses']
    """
    words = term.lower().split()
    if not words:
        return []
    if pos == "VERB":
        return sorted({" ".join([f, *words[1:]]) for f in _word_forms(words[0], "VERB")})
    if pos == "NOUN":
        return sorted({" ".join([*words[:-1], f]) for f in _word_forms(words[-1], "NOUN")})
    return [" ".join(words)]


# ---------------------------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Guard:
    """Context in which a term is used in a literal or non-target sense."""

    side: str  # "before" or "after"
    patterns: tuple[tuple[str, ...] | None, ...]  # None = any word; "x*" entries are prefixes
    # Per pattern: (exact words, prefixes), or None for any word (derived from ``patterns``).
    _tests: tuple[tuple[frozenset[str], tuple[str, ...]] | None, ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        tests = tuple(
            None
            if pattern is None
            else (
                frozenset(p for p in pattern if not p.endswith("*")),
                tuple(p[:-1] for p in pattern if p.endswith("*")),
            )
            for pattern in self.patterns
        )
        object.__setattr__(self, "_tests", tests)

    def matches(self, words: Sequence[str]) -> bool:
        tests = self._tests
        if len(words) < len(tests):
            return False
        seq = words[-len(tests) :] if self.side == "before" else words
        for test, word in zip(tests, seq, strict=False):
            if test is None:
                continue
            exact, prefixes = test
            if word not in exact and not (prefixes and word.startswith(prefixes)):
                return False
        return True


def _context_pattern_words(context: str) -> tuple[tuple[str, ...] | None, ...]:
    # "|" and "*" are syntax, so split on them before normalising each alternative.
    out = []
    for part in context.lower().split():
        if part == "*":
            out.append(None)
            continue
        alts = []
        for alt in part.split("|"):
            star = alt.endswith("*")
            norm = match_form(alt.rstrip("*")).strip().replace(" ", "")
            if norm:
                alts.append(norm + ("*" if star else ""))
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

    @classmethod
    def build(cls, guards: Sequence[Guard]) -> _GuardIndex:
        by = {"after": {}, "before": {}}
        other: dict[str, list[Guard]] = {"after": [], "before": []}
        for g in guards:
            near = g.patterns[0] if g.side == "after" else g.patterns[-1]
            if near is None or any(p.endswith("*") for p in near):
                other[g.side].append(g)
                continue
            for word in near:
                by[g.side].setdefault(word, []).append(g)
        return cls(
            {k: tuple(v) for k, v in by["after"].items()},
            tuple(other["after"]),
            {k: tuple(v) for k, v in by["before"].items()},
            tuple(other["before"]),
        )


# Whitespace variants become plain spaces and typographic apostrophes/hyphens their ASCII
# forms, one character for one, so offsets into the original text stay valid.
_HAY_REPLACE = (
    ("\n", " "),
    ("\r", " "),
    ("\t", " "),
    ("\xa0", " "),
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u2011", "-"),
    ("\u2010", "-"),
)
_CLAUSE_STOP = re.compile('[.!?;:\u201c\u201d"()]')
_LAST_CLAUSE_STOP = re.compile('[.!?;:\u201c\u201d"()][^.!?;:\u201c\u201d"()]*\\Z')


def haystack(text: str) -> str:
    """Lower-cased ``text`` with the same length, prepared for phrase matching."""
    low = lower_same_length(text)
    for old, new in _HAY_REPLACE:
        if old in low:
            low = low.replace(old, new)
    return low


def _key(form: str) -> str:
    return " ".join(form.lower().replace("\u2019", "'").split())


class Matcher:
    """Leftmost-longest, word-bounded phrase matching of lexicon entries with guards.

    Args:
        lexicons: lexicons whose rows have ``term`` and ``pos`` columns; later lexicons add to
            earlier ones (a surface form already taken keeps its first entry).
        guards: guard lexicons (``term, side, context``) applying to terms by lemma.

    Examples:
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
                if side not in ("before", "after"):
                    raise LexiconError(
                        f"{lex.source}, line {row['_line']}: side must be 'before' or 'after',"
                        f" got {row['side']!r}"
                    )
                patterns = _context_pattern_words(row["context"])
                if not patterns:
                    raise LexiconError(f"{lex.source}, line {row['_line']}: empty context")
                guard_map.setdefault(_key(row["term"]), []).append(Guard(side, patterns))
        self._automaton = ahocorasick.Automaton()
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
                guards_of = guard_map.get(lemma_key)
                self._guards.append(_GuardIndex.build(guards_of) if guards_of else None)
                for form in inflect(lemma_key, pos):
                    if form in self._automaton:
                        continue
                    self._automaton.add_word(form, (len(form), index))
        if len(self._automaton):
            self._automaton.make_automaton()

    def find(self, text: str, hay: str | None = None) -> list[Hit]:
        """Word-bounded, leftmost-longest, non-overlapping hits that no guard rules out.

        ``hay`` is :func:`haystack` of ``text`` when the caller already has it.
        """
        if not len(self._automaton):
            return []
        if hay is None:
            hay = haystack(text)
        n = len(hay)
        candidates = []
        for end_idx, (length, index) in self._automaton.iter(hay):
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
            candidates.append((start, end, index))
        if not candidates:
            return []
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        hits: list[Hit] = []
        last_end = -1
        for start, end, index in candidates:
            if start < last_end:
                continue
            guards = self._guards[index]
            if guards is not None and self._guarded(text, start, end, guards):
                continue
            hits.append(Hit(start, end, index))
            last_end = end
        return hits

    def _guarded(self, text: str, start: int, end: int, guards: _GuardIndex) -> bool:
        width = 24 * self.max_guard_words + 24
        if guards.after_by_word or guards.after_other:
            stop = _CLAUSE_STOP.search(text, end, end + width)
            # Guards read at most max_guard_words words on each side: split off no more.
            after_words = match_form(text[end : stop.start() if stop else end + width]).split(
                None, self.max_guard_words
            )[: self.max_guard_words]
            if after_words:
                for g in guards.after_by_word.get(after_words[0], ()):
                    if g.matches(after_words):
                        return True
            for g in guards.after_other:
                if g.matches(after_words):
                    return True
        if not guards.before_by_word and not guards.before_other:
            return False
        begin = max(0, start - width)
        window = text[begin:start]
        last_stop = _LAST_CLAUSE_STOP.search(window)
        before_words = match_form(window[last_stop.start() + 1 if last_stop else 0 :]).rsplit(
            None, self.max_guard_words
        )[-self.max_guard_words :]
        if before_words:
            for g in guards.before_by_word.get(before_words[-1], ()):
                if g.matches(before_words):
                    return True
        return any(g.matches(before_words) for g in guards.before_other)
