"""Text and Markdown article files: an optional front-matter header, a headline, the text.

A file may start with a ``---`` block of ``key: value`` lines (the article's fields); its first
line is taken as the title only when it clearly is one (see :func:`split_title_line`).
"""

from __future__ import annotations

import re
from typing import Any

from framing.corpus.discover import SourceFile
from framing.corpus.problems import ProblemLog
from framing.errors import FrontMatterError
from framing.text.tokens import words

_FRONT_MATTER_LINE = re.compile(r"^\s*([A-Za-z_][\w\- ]*?)\s*:(?:\s(.*)|)$")
_MAX_TITLE_WORDS = 25


def read_text_article(
    text: str, source: SourceFile, log: ProblemLog
) -> tuple[dict[str, Any], str | None, str] | None:
    """The record of a decoded text or Markdown file, the headline on its first line (if
    any) and the text without it; ``None`` when the file is excluded (unclosed front matter)."""
    try:
        meta, body = parse_front_matter(text)
    except FrontMatterError as exc:
        log.exclude("bad_front_matter", str(exc), file=source.display)
        return None
    record: dict[str, Any] = {}
    for line_no, key, value, issue in meta:
        if issue:
            log.add(
                "error",
                "bad_front_matter",
                f"line {line_no}: {issue}; the line is ignored",
                file=source.display,
                column=key or None,
            )
            continue
        if key == "text":
            key = "text_original"
        if key in record:
            log.add(
                "error",
                "bad_front_matter",
                f"line {line_no}: {key!r} given twice; the first value "
                f"{record[key]!r} is kept, {value!r} is not",
                file=source.display,
                column=key,
            )
            continue
        record[key] = value
    record["text"] = body
    title, rest = split_title_line(body)
    return record, title, rest


def parse_front_matter(text: str) -> tuple[list[tuple[int, str, str, str | None]], str]:
    """Split an article file into front-matter entries and body.

    Returns ``(entries, body)`` where each entry is ``(line, key, value, issue)``;
    ``issue`` is a message for a line that is not ``key: value`` (its key and value are then
    empty). A value wrapped in one pair of matching quotes loses them (``"A: b"`` -> ``A: b``),
    as in YAML. The body is stripped of surrounding whitespace.

    Raises:
        FrontMatterError: when a front-matter block is opened but never closed.

    Examples:
        >>> text = "---\\nid: a1\\ntitle: 'Hi: there'\\n---\\n\\nBody.\\n"
        >>> entries, body = parse_front_matter(text)
        >>> [(key, value) for _, key, value, _ in entries], body
        ([('id', 'a1'), ('title', 'Hi: there')], 'Body.')
        >>> parse_front_matter("Just text.")[1]
        'Just text.'
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return [], text.strip()
    entries: list[tuple[int, str, str, str | None]] = []
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() in ("---", "..."):
            body = "\n".join(lines[index + 1 :]).strip()
            return entries, body
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FRONT_MATTER_LINE.match(line)
        if not match:
            shown = line if len(line) <= 60 else line[:57] + "..."
            entries.append((index + 1, "", "", f"not a 'key: value' line: {shown!r}"))
            continue
        key = match.group(1).strip()
        value = (match.group(2) or "").strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        entries.append((index + 1, key, value, None))
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed")


def split_title_line(body: str) -> tuple[str | None, str]:
    """Headline on the first line of an article file, and the text without it.

    The first line is taken as the title when it is a Markdown heading (``# ...``), or when it
    stands alone (a blank line follows), has at most 25 words and does not end like a sentence
    (``.``, ``,``, ``;``, ``:``). Otherwise there is no title and the text is left whole, so a
    lead paragraph is never mistaken for a headline.

    Examples:
        >>> split_title_line("# Port strike ends\\n\\nWorkers returned.")
        ('Port strike ends', 'Workers returned.')
        >>> split_title_line("Port strike ends\\n\\nWorkers returned.")
        ('Port strike ends', 'Workers returned.')
        >>> split_title_line("Workers returned on Monday.\\n\\nThe union said so.")
        (None, 'Workers returned on Monday.\\n\\nThe union said so.')
    """
    stripped = body.strip()
    first, _, rest = stripped.partition("\n")
    line = first.strip()
    if line.startswith("#"):
        return (line.lstrip("#").strip() or None), rest.strip()
    stands_alone = bool(rest) and not rest.split("\n", 1)[0].strip()
    if (
        stands_alone
        and len(words(line)) <= _MAX_TITLE_WORDS
        and not line.endswith((".", ",", ";", ":"))
    ):
        return line, rest.strip()
    return None, stripped
