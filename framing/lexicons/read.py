"""Versioned TSV lexicons: read, validate, inflect.

A lexicon is a headed, tab-separated file (see ``docs/lexicon.md``) with a ``NAME.meta.json``
beside it recording its name, version, licence, citation and the sha256 of the TSV (checked by
the tests, so a version is never stale). Bundled lexicons live in this folder and are read with
:mod:`importlib.resources`, never from the working directory; users pass a path to use their own
file instead of, or in addition to, a bundled one. Inflected forms are generated with
:mod:`lemminflect`, so an entry is written once as a lemma ("lash out") and matches "lashes out",
"lashed out" and "lashing out".
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from lemminflect import getAllInflections, getAllInflectionsOOV

from framing.errors import LexiconError

logger = logging.getLogger("framing")

POS_VALUES = frozenset({"VERB", "NOUN", "ADJ", "ADV", "FIXED"})


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
    actual = hashlib.sha256(raw).hexdigest()
    recorded = meta.get("sha256")
    if recorded and recorded != actual:
        # The file changed after its version was recorded: results would carry a stale label.
        logger.warning(
            "%s: sha256 %s differs from the %s recorded with version %s in its meta file; "
            "bump the version and record the new checksum",
            source,
            actual[:12],
            str(recorded)[:12],
            meta["version"],
        )
    meta["sha256"] = actual
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


@dataclass(frozen=True)
class Grammar:
    """The closed word classes of ``grammar.json`` with the metadata that goes into provenance."""

    name: str
    version: str
    data: dict[str, object]
    sha256: str
    source: str

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"

    def provenance(self) -> dict[str, object]:
        return {"name": self.name, "version": self.version, "sha256": self.sha256,
                "source": self.source}  # fmt: skip


@cache
def read_grammar() -> Grammar:
    """The bundled ``grammar.json`` (closed word classes used by the rules), read once."""
    raw = _lexicon_dir().joinpath("grammar.json").read_bytes()
    meta = json.loads(_lexicon_dir().joinpath("grammar.meta.json").read_text("utf-8"))
    if meta.get("sha256") != hashlib.sha256(raw).hexdigest():
        logger.warning("framing/lexicons/grammar.json differs from the checksum in its meta file")
    return Grammar(
        name=str(meta["name"]),
        version=str(meta["version"]),
        data=json.loads(raw.decode("utf-8")),
        sha256=hashlib.sha256(raw).hexdigest(),
        source="framing/lexicons/grammar.json",
    )
