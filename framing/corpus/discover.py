"""Finding the article files: expand files, folders and glob patterns, tell formats apart."""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.corpus.problems import ProblemLog
from framing.errors import CorpusError

TABLE_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}
TEXT_FORMATS: dict[str, str] = {".txt": "text", ".md": "text", ".markdown": "text"}
HTML_FORMATS: dict[str, str] = {".html": "html", ".htm": "html"}
FORMATS: dict[str, str] = {**TABLE_FORMATS, **TEXT_FORMATS, **HTML_FORMATS}

#: Files in a corpus folder that are documentation, not articles.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "citation", "notice"})

_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class SourceFile:
    """One input file: where it is, how to show it, which input it came from, its format."""

    path: Path
    display: str
    root: str
    kind: str
    compressed: bool
    #: path relative to the input folder, without suffixes ("sentinel/e01"); the file's stem
    #: when the input was the file itself
    rel_id: str


def _split_suffix(path: Path) -> tuple[str, bool]:
    """Format suffix and whether the file is gzip-compressed (``a.csv.gz`` -> ``.csv``, True)."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] in (".gz", ".gzip")
    if compressed:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), compressed


def _bare_name(path: Path) -> str:
    """File name without the format and compression suffixes."""
    name = path.name
    suffix, compressed = _split_suffix(path)
    if compressed:
        name = name[: name.lower().rfind(".g")]
    if suffix and name.lower().endswith(suffix):
        name = name[: -len(suffix)]
    return name


def discover(paths: str | Path | Sequence[str | Path], log: ProblemLog) -> list[SourceFile]:
    """Expand files, folders and glob patterns into the list of files to read, in reading order.

    Folders are searched recursively; files are read in sorted order of their path inside the
    folder. Hidden files and folders (``.name``) are ignored; other files that are not articles
    (unsupported suffix, README/LICENSE...) are listed as ``skipped_file`` notes.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise CorpusError("no corpus path given")
    found: list[SourceFile] = []
    for raw in paths:
        text = str(raw)
        path = Path(raw)
        if not path.exists() and _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no files match the pattern {text!r}")
            found.extend(_discover_one(Path(m), m, log) for m in matches if Path(m).is_file())
            continue
        if not path.exists():
            raise FileNotFoundError(f"corpus path not found: {text!r}")
        if path.is_dir():
            found.extend(_discover_folder(path, text, log))
        else:
            found.append(_discover_one(path, text, log))
    found = [f for f in found if f.kind]
    if not found:
        shown = ", ".join(repr(str(p)) for p in paths)
        raise CorpusError(
            f"no article files found in {shown}; supported: "
            + ", ".join(sorted(FORMATS))
            + " (optionally .gz-compressed)"
        )
    return found


def _discover_one(path: Path, display: str, log: ProblemLog) -> SourceFile:
    suffix, compressed = _split_suffix(path)
    kind = FORMATS.get(suffix, "")
    if not kind:
        raise CorpusError(
            f"{display}: unsupported file type {suffix or '(no suffix)'!r}; supported: "
            + ", ".join(sorted(FORMATS))
            + " (optionally .gz-compressed)"
        )
    return SourceFile(path, display, display, kind, compressed, _bare_name(path))


def _discover_folder(folder: Path, display: str, log: ProblemLog) -> Iterator[SourceFile]:
    entries = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_file():
            entries.append((rel.as_posix(), path, rel))
    for rel_text, path, rel in sorted(entries):
        shown = str(Path(display) / rel)
        suffix, compressed = _split_suffix(path)
        kind = FORMATS.get(suffix, "")
        bare = _bare_name(path)
        if not kind or (kind == "text" and bare.lower() in NOT_ARTICLES):
            why = "not an article file" if kind else f"unsupported file type {suffix or '(none)'}"
            log.add("info", "skipped_file", f"{rel_text} skipped: {why}", file=shown)
            continue
        rel_id = (rel.parent / bare).as_posix() if rel.parent != Path(".") else bare
        yield SourceFile(path, shown, display, kind, compressed, rel_id)
