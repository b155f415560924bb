"""The corpus fingerprint: one stable hash of the articles' ids and texts, for provenance."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus.schema import normalise_newlines
from framing.corpus.stream import Paths, iter_corpus
from framing.errors import CorpusError


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (the form ids and texts are compared in)."""
    return unicodedata.normalize("NFC", text)


def article_digest(article_id: Any, text: Any) -> bytes:
    """32-byte sha256 of one article's id and text, as :func:`corpus_fingerprint` defines it."""
    ident = "" if article_id is None or pd.isna(article_id) else nfc(str(article_id).strip())
    body = "" if text is None or pd.isna(text) else nfc(normalise_newlines(str(text)).strip())
    # "surrogatepass": the same bytes as UTF-8 for every valid string, and a raw frame holding
    # a lone surrogate (text decoded with errors="surrogateescape") still gets a fingerprint.
    return hashlib.sha256(f"{ident}\x1f{body}".encode("utf-8", "surrogatepass")).digest()


def fingerprint_of(digests: Iterable[bytes] | bytes | bytearray) -> str:
    """sha256 of the articles' 32-byte digests in sorted order (so row order does not count).

    ``digests`` may be packed, the digests concatenated in one buffer: 32 bytes per article
    instead of a Python object each, sorted as four big-endian 64-bit words per digest, which
    is the same order as sorting the digests as bytes.
    """
    if isinstance(digests, bytes | bytearray):
        words = np.frombuffer(digests, dtype=">u8").reshape(-1, 4)
        ordered = words[np.lexsort(words.T[::-1])].tobytes()
    else:
        ordered = b"".join(sorted(digests))
    return "sha256:" + hashlib.sha256(ordered).hexdigest()


def corpus_fingerprint(corpus: pd.DataFrame | Iterable[pd.DataFrame] | Paths) -> str:
    r"""Stable hash of a corpus' ids and texts, for provenance.

    For each article, ``sha256(id + "\x1f" + text)`` is taken, where ``id`` is stripped and
    Unicode-NFC-normalised and ``text`` is NFC-normalised with ``\n`` line endings and stripped
    (UTF-8 bytes). The fingerprint is ``"sha256:"`` followed by the hex SHA-256 of those
    32-byte digests sorted and concatenated. The same articles therefore give the same
    fingerprint whatever the file format or row order; metadata (outlet, dates, titles) does
    not enter it.

    Args:
        corpus: a DataFrame with ``id`` and ``text`` columns, an iterable of such chunks (e.g.
            from :func:`iter_corpus`), or paths to load with :func:`iter_corpus`.

    Returns:
        ``"sha256:<64 hex digits>"``.

    Raises:
        CorpusError: a frame lacks ``id`` or ``text``.

    Examples:
        >>> a = pd.DataFrame({"id": ["x", "y"], "text": ["One.", "Two."]})
        >>> b = pd.DataFrame({"id": ["y", "x"], "text": ["Two.\r\n", "One."]})
        >>> corpus_fingerprint(a) == corpus_fingerprint(b)
        True
        >>> corpus_fingerprint(a)
        'sha256:...'
    """
    if isinstance(corpus, pd.DataFrame):
        chunks: Iterable[pd.DataFrame] = [corpus]
    elif isinstance(corpus, (str, os.PathLike)) or (
        isinstance(corpus, Sequence) and all(isinstance(p, (str, os.PathLike)) for p in corpus)
    ):
        chunks = iter_corpus(corpus)  # type: ignore[arg-type]
    else:
        chunks = corpus  # type: ignore[assignment]
    digests: list[bytes] = []
    for chunk in chunks:
        missing = [c for c in ("id", "text") if c not in chunk.columns]
        if missing:
            raise CorpusError(
                f"a corpus fingerprint needs columns 'id' and 'text'; missing {missing} "
                f"(columns: {', '.join(map(str, chunk.columns))})"
            )
        digests.extend(
            article_digest(i, t)
            for i, t in zip(chunk["id"].astype(object), chunk["text"].astype(object), strict=True)
        )
    return fingerprint_of(digests)
