"""Duplicate texts: an exact-duplicate key, and near-duplicates found with MinHash.

Near-duplicates: MinHash signatures of 5-word shingle sets, banded LSH for candidates, exact
Jaccard/containment to confirm. The validator (:mod:`framing.corpus.validate`) keeps one
signature per distinct text while it streams, and re-reads only the candidates' texts to
confirm them.

References:
    Broder, A. Z. (1997). On the resemblance and containment of documents. Compression and
    Complexity of Sequences.

    Leskovec, J., Rajaraman, A. & Ullman, J. D. Mining of Massive Datasets, chapter 3.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from framing.corpus.fingerprint import nfc
from framing.text.tokens import words

#: Share of the shorter article's shingles found in the longer one from which a pair is reported
#: even when the Jaccard similarity is lower (a trimmed copy of a wire story).
CONTAINMENT_THRESHOLD = 0.9
SHINGLE_SIZE = 5
#: Articles shorter than this are left out of the near-duplicate check (exact duplicates of
#: short texts are still reported).
NEAR_DUPLICATE_MIN_WORDS = 20


def text_key(text: str) -> bytes:
    """Key of exact duplicates: texts that differ only in whitespace share it."""
    return hashlib.blake2b(
        nfc(" ".join(text.split())).encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


_NUM_PERM = 128
_ROWS_PER_BAND = 2  # 64 bands of 2: pairs with Jaccard >= 0.3 become candidates with p > 0.99
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)
_rng = np.random.default_rng(20260304)
# Multiply-shift hashing (Dietzfelbinger et al. 1997): (a * x + b) mod 2**64, top 32 bits.
_PERM_A = _rng.integers(1, 1 << 63, size=_NUM_PERM, dtype=np.uint64) | np.uint64(1)
_PERM_B = _rng.integers(0, 1 << 63, size=_NUM_PERM, dtype=np.uint64)


def shingle_hashes(text: str | Sequence[str], size: int = SHINGLE_SIZE) -> np.ndarray:
    """Sorted unique 32-bit hashes of the case-folded word ``size``-grams of ``text``.

    ``text`` may be given already split into words (see :func:`framing.text.tokens.words`). Word
    hashes come from :func:`pandas.util.hash_array` with its fixed default key, so they are the
    same in every run.
    """
    tokens = words(text) if isinstance(text, str) else text
    if len(tokens) < size:
        return np.empty(0, dtype=np.uint64)
    folded = np.array([t.casefold() for t in tokens], dtype=object)
    ids = pd.util.hash_array(folded, categorize=False) & _MASK32
    n = len(tokens) - size + 1
    hashes = np.zeros(n, dtype=np.uint64)
    for offset in range(size):
        hashes = (hashes * np.uint64(1_000_003) + ids[offset : offset + n]) & _MASK32
    return np.unique(hashes)


def minhash_signature(shingles: np.ndarray) -> np.ndarray:
    """MinHash signature of a shingle set: its minimum under each of 128 hash functions."""
    minimum = np.full(_NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(shingles), 4096):
        block = shingles[start : start + 4096]
        # uint64 arithmetic wraps modulo 2**64, as multiply-shift hashing intends.
        values = (_PERM_A[:, None] * block[None, :] + _PERM_B[:, None]) >> _SHIFT32
        minimum = np.minimum(minimum, values.min(axis=1))
    return minimum.astype(np.uint32)


def candidate_pairs(signatures: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of signature rows (``a < b``) equal in every value of at least one band (LSH)."""
    pairs: set[tuple[int, int]] = set()
    if len(signatures) < 2:
        return pairs
    for start in range(0, _NUM_PERM, _ROWS_PER_BAND):
        band = signatures[:, start : start + _ROWS_PER_BAND].astype(np.uint64)
        keys = (band[:, 0] << np.uint64(32)) | band[:, 1]
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        # Only buckets holding two or more signatures matter: walk the runs of equal keys.
        same = np.flatnonzero(ordered[1:] == ordered[:-1])
        if not len(same):
            continue
        gaps = np.diff(same) > 1
        starts = same[np.r_[True, gaps]]
        ends = same[np.r_[gaps, True]] + 2
        for begin, end in zip(starts, ends, strict=True):
            group = sorted(int(g) for g in order[begin:end])
            pairs.update(combinations(group, 2))
    return pairs
