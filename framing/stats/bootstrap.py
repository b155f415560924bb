"""The cluster bootstrap behind every interval, and one random stream per group.

Each group (outlet, speaker x outlet cell, pair of outlets) draws from its own random stream,
derived from ``seed`` and the group's name (:func:`group_rng`), so adding or removing an outlet
does not change the intervals of the others. :func:`ratio_bootstrap` resamples whole clusters
(articles, or events) with replacement.

References:
    Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
    Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. Journal of the Royal
    Statistical Society B 69(3), 369-390.
    Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008). Bootstrap-based improvements for
    inference with clustered errors. Review of Economics and Statistics 90(3), 414-427.
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["group_rng", "ratio_bootstrap"]

#: Largest number of resampled values held in memory at once by the bootstrap.
_BOOTSTRAP_BLOCK = 2_000_000


def group_rng(seed: int, *keys: object) -> np.random.Generator:
    """A generator for one group: its stream depends on ``seed`` and the group's name only."""
    words = [int(seed)] + [zlib.crc32(str(k).encode("utf-8")) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(words))


def ratio_bootstrap(
    numerators: np.ndarray,
    denominators: np.ndarray,
    *,
    n_boot: int,
    ci: float,
    rng: np.random.Generator,
    scale: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of ``scale * sum(num) / sum(den)`` over clusters resampled with
    replacement.

    ``numerators`` is ``(clusters, k)``, ``denominators`` ``(clusters,)``; all ``k`` ratios use
    the same resamples. Resamples whose denominator sums to zero are left out.
    """
    n, k = numerators.shape
    block = max(1, min(n_boot, _BOOTSTRAP_BLOCK // max(n * k, 1)))
    replicates = np.empty((n_boot, k))
    # One contiguous column per ratio: gathering from a 1-D array and summing along the
    # resample's row reads memory in order, 4x faster for 4 ratios. The sums are those of the
    # (n, k) gather when k is 1, or when the values are whole numbers (exact in any order);
    # other values keep the (n, k) gather, so no interval changes in its last digit.
    by_column = k == 1 or bool(np.all(np.mod(numerators, 1) == 0))
    columns = [np.ascontiguousarray(numerators[:, j], dtype=float) for j in range(k)]
    denominators = np.ascontiguousarray(denominators, dtype=float)
    done = 0
    while done < n_boot:
        size = min(block, n_boot - done)
        picks = rng.integers(0, n, size=(size, n))
        den = np.take(denominators, picks).sum(axis=1)
        if by_column:
            num = np.column_stack([np.take(column, picks).sum(axis=1) for column in columns])
        else:
            num = numerators[picks].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            replicates[done : done + size] = np.where(
                den[:, None] > 0, num * scale / den[:, None], np.nan
            )
        done += size
    tail = (1 - ci) / 2
    if np.isnan(replicates).all(axis=0).any():
        return np.full(k, np.nan), np.full(k, np.nan)
    low, high = np.nanquantile(replicates, [tail, 1 - tail], axis=0)
    return low, high
