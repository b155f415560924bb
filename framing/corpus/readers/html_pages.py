"""Saved web pages (``.html``, ``.htm``): article text and metadata extracted by trafilatura."""

from __future__ import annotations

import re
import warnings
from typing import Any

from framing.corpus.discover import SourceFile
from framing.corpus.problems import ProblemLog

_SPACES = re.compile(r"\s+")


def extract_html(html: str, source: SourceFile, log: ProblemLog) -> dict[str, Any]:
    """Article text and metadata of a saved page, by trafilatura (no hand-written tag stripping)."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # Dates from the page's own metadata only: no guessing from the text or URL.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    if result is None:
        return {"text": ""}
    data = result if isinstance(result, dict) else result.as_dict()
    text = (data.get("text") or "").strip()
    title = (data.get("title") or "").strip()
    first, _, rest = text.partition("\n")
    if title and _SPACES.sub(" ", first).strip().casefold() == _SPACES.sub(" ", title).casefold():
        # The extractor keeps the page's <h1>; the headline belongs in `title` only.
        text = rest.strip()
    # One paragraph per line from the extractor; blank lines between them, as in text files.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    hostname = data.get("hostname")
    sitename = data.get("sitename")
    if sitename and hostname and sitename.removeprefix("www.") == hostname.removeprefix("www."):
        # trafilatura falls back to the host name; only a name the page declares is an outlet.
        sitename = None
    record: dict[str, Any] = {
        "title": data.get("title"),
        "outlet": sitename,
        "published": data.get("date"),
        "author": data.get("author"),
        "url": data.get("url"),
        "hostname": hostname,
    }
    record = {key: value for key, value in record.items() if value not in (None, "")}
    return record | {"text": text}
