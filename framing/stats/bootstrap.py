"""The cluster bootstrap behind every interval, and one random stream per group.

Each group (outlet, speaker x outlet cell, pair of outlets) draws from its own random stream,
derived from ``seed`` and the group's name (:func:`group_rng`), so adding or removing an outlet
does not change the intervals of the others. :func:`ratio_bootstrap` resamples whole clusters
(articles, or events) with replacement.

:class:`ArticleResamples` holds the resamples of each outlet's articles that all of the
outlet's estimates share (its loaded-term and marker rates, source-type, gender and
share-of-voice shares): one stream per outlet, ``n_boot`` resamples of its articles, and for
every per-article column asked of it the column's sum in each resample, kept (``n_boot``
numbers a column). Every ratio of two such columns then costs no further draw: its
replicates are the ratio of the two columns' replicate sums. Drawing and summing the
resamples of a million articles for 28 columns at once costs about what one estimate cost
when each drew its own.

References:
    Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
    Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. Journal of the Royal
    Statistical Society B 69(3), 369-390.
    Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008). Bootstrap-based improvements for
    inference with clustered errors. Review of Economics and Statistics 90(3), 414-427.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple, TypeVar

import numpy as np
import pandas as pd

__all__ = [
    "ArticleResamples",
    "bounded_map",
    "group_rng",
    "pass_threads",
    "percentile_ratio",
    "ratio_bootstrap",
    "shared_resamples",
]

_T = TypeVar("_T")
_R = TypeVar("_R")

#: Largest number of resampled values held in memory at once by the bootstrap.
_BOOTSTRAP_BLOCK = 2_000_000
#: Draws counted at once by :class:`ArticleResamples` (a block that fits the CPU's cache).
_RESAMPLE_BLOCK = 2**19
#: Threads of independent bootstrap passes at most (:func:`pass_threads`).
_PASS_THREADS = 2


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
    num_sums = np.empty((n_boot, k))
    den_sums = np.empty(n_boot)
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
        den_sums[done : done + size] = np.take(denominators, picks).sum(axis=1)
        if by_column:
            num_sums[done : done + size] = np.column_stack(
                [np.take(column, picks).sum(axis=1) for column in columns]
            )
        else:
            num_sums[done : done + size] = numerators[picks].sum(axis=1)
        done += size
    return percentile_ratio(num_sums, den_sums, ci=ci, scale=scale)


def percentile_ratio(
    numerators: np.ndarray, denominators: np.ndarray, *, ci: float, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of ``scale * numerator / denominator`` over replicate sums.

    ``numerators`` is ``(n_boot, k)`` replicate sums, ``denominators`` ``(n_boot,)`` or
    ``(n_boot, k)``; replicates whose denominator is zero are left out, and a ratio with no
    replicate left gets ``NaN`` bounds (so do all, as in :func:`ratio_bootstrap`).
    """
    numerators = np.asarray(numerators, dtype=float)
    denominators = np.asarray(denominators, dtype=float)
    if denominators.ndim == 1:
        denominators = denominators[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        replicates = np.where(denominators > 0, numerators * scale / denominators, np.nan)
    k = replicates.shape[1]
    if np.isnan(replicates).all(axis=0).any():
        return np.full(k, np.nan), np.full(k, np.nan)
    tail = (1 - ci) / 2
    low, high = np.nanquantile(replicates, [tail, 1 - tail], axis=0)
    return low, high


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class ArticleResamples:
    """The resamples of each outlet's articles, shared by every estimate on that outlet.

    Resample ``b`` of outlet ``o`` draws ``n`` of its ``n`` articles with replacement from the
    stream ``group_rng(seed, "articles", o)``; the draws depend only on the seed, the outlet's
    name and its articles (their ids, in order), so any two estimates on the same outlet, in
    any order and in any process, use the same resamples. :meth:`sums` returns, for each
    resample, the sum of per-article columns over the drawn articles, computing in one pass
    the columns not asked before and keeping ``n_boot`` sums per column.

    Args:
        seed: the run's seed.
        n_boot: resamples per outlet.

    Examples:
        >>> r = ArticleResamples(seed=0, n_boot=200)
        >>> values = np.array([[1.0, 10.0], [3.0, 10.0], [0.0, 20.0]])
        >>> sums = r.sums("X", ["a", "b", "c"], values)
        >>> sums.shape, bool((sums[:, 1] >= 30).all())
        ((200, 2), True)
        >>> bool(np.array_equal(r.sums("X", ["a", "b", "c"], values[:, :1]), sums[:, :1]))
        True
    """

    def __init__(self, seed: int, n_boot: int) -> None:
        self.seed = int(seed)
        self.n_boot = int(n_boot)
        self._sums: dict[tuple[str, int, bytes], dict[bytes, np.ndarray]] = {}
        #: Passes over the articles so far (each draws the resamples once; for tests).
        self.passes = 0

    def sums(self, group: object, ids: Sequence[str], values: np.ndarray) -> np.ndarray:
        """Replicate sums, ``(n_boot, k)``, of the ``(n, k)`` per-article ``values`` of
        ``group``'s articles ``ids`` (one row each, in that order)."""
        asked = self._ask(group, ids, values)
        if asked.block is not None:
            self._keep(asked, self._replicate_sums(asked.group, asked.block))
        return self._known(asked)

    def _ask(self, group: object, ids: Sequence[str], values: np.ndarray) -> _Asked:
        """Which columns of ``values`` have no sums yet (as one block to compute)."""
        values = np.asarray(values, dtype=float)
        if values.ndim == 1:
            values = values[:, None]
        n, k = values.shape
        if n != len(ids):
            raise ValueError(f"{n} rows of values for {len(ids)} articles")
        key = (str(group), n, _digest("\x00".join(map(str, ids)).encode("utf-8")))
        known = self._sums.setdefault(key, {})
        columns = [np.ascontiguousarray(values[:, j]) for j in range(k)]
        digests = [_digest(c.tobytes()) for c in columns]
        missing = list(dict.fromkeys(d for d in digests if d not in known))
        block = None
        if missing:
            where = {d: digests.index(d) for d in missing}
            block = np.column_stack([columns[where[d]] for d in missing])
        return _Asked(str(group), key, digests, missing, block)

    def _keep(self, asked: _Asked, computed: np.ndarray) -> None:
        """Keep the sums of the columns ``asked`` lacked (a pass over its group)."""
        self.passes += 1
        known = self._sums[asked.key]
        for j, d in enumerate(asked.missing):
            known[d] = computed[:, j]

    def _known(self, asked: _Asked) -> np.ndarray:
        known = self._sums[asked.key]
        if not asked.digests:
            return np.empty((self.n_boot, 0))
        return np.column_stack([known[d] for d in asked.digests])

    def warm(
        self,
        articles: pd.DataFrame,
        by: str = "outlet",
        min_articles: int = 1,
        extra: Mapping[object, tuple[Sequence[str], np.ndarray]] | None = None,
    ) -> None:
        """Compute and keep now, in one pass per group, the replicate sums of every count
        (integer) column of ``articles`` (one row per article, with ``id`` and ``by``), in
        the order the statistics use (by id): the report's rates and shares then draw
        nothing more. Groups with fewer than ``min_articles`` articles are skipped.

        ``extra`` adds, per group, more per-article columns (``(ids, matrix)``, the ids in
        the same order) to the same pass, such as
        :func:`~framing.stats.shares.share_of_voice_columns`."""
        counts = [
            c
            for c in articles.columns
            if c not in ("id", by) and pd.api.types.is_integer_dtype(articles[c].dtype)
        ]
        extra = extra or {}
        # The groups' passes run on two threads (each group draws from its own stream, so
        # the sums are those of one thread), with at most two groups' columns held at once.
        # The draws, counts and products release the GIL; BLAS keeps to one thread per pass
        # (two passes on BLAS's own two threads each were slower than one pass alone).
        # At a million articles the report's loaded-rate step took 27.0 s, now 18-20 s.
        from threadpoolctl import threadpool_limits

        from framing.stats.inputs import id_sorted_groups

        def asked() -> Iterator[_Asked]:
            for group, rows in id_sorted_groups(articles[["id", by, *counts]], by):
                if len(rows) < min_articles:
                    continue
                ids = rows["id"].astype(str).tolist()
                values = rows[counts].to_numpy(float)
                more = extra.get(group)
                if more is not None and list(more[0]) == ids:
                    values = np.column_stack([values, np.asarray(more[1], dtype=float)])
                wanted = self._ask(group, ids, values)
                if wanted.block is not None:
                    yield wanted

        threads = pass_threads()
        with threadpool_limits(limits=1 if threads > 1 else None, user_api="blas"):
            passes = bounded_map(lambda a: self._replicate_sums(a.group, a.block), asked(), threads)
            for wanted, computed in passes:
                self._keep(wanted, computed)

    def _replicate_sums(self, group: str, values: np.ndarray) -> np.ndarray:
        """One pass: draw the resamples of ``group`` and sum ``values`` in each (no state
        of the instance is touched: passes run on threads)."""
        n, k = values.shape
        out = np.empty((self.n_boot, k))
        if n == 0:
            out.fill(0.0)
            return out
        rng = group_rng(self.seed, "articles", group)
        # A few resamples at a time: counting draws into a block that stays in the CPU's
        # cache is twice as fast as into one of 2 M values.
        block = max(1, min(self.n_boot, max(2, _RESAMPLE_BLOCK // n)))
        offsets = np.arange(block, dtype=np.int64)[:, None] * n
        done = 0
        while done < self.n_boot:
            size = min(block, self.n_boot - done)
            picks = rng.integers(0, n, size=(size, n))
            picks += offsets[:size]
            # How often each article is drawn in each resample; the sums are then one
            # matrix product for all columns (exact for whole numbers below 2**53).
            weights = np.bincount(picks.ravel(), minlength=size * n).reshape(size, n)
            out[done : done + size] = weights.astype(float) @ values
            done += size
        return out


class _Asked(NamedTuple):
    """Columns asked of :class:`ArticleResamples` for one group: the key of its articles,
    each column's digest, those without sums and their values (``None``: all known)."""

    group: str
    key: tuple[str, int, bytes]
    digests: list[bytes]
    missing: list[bytes]
    block: np.ndarray | None


def pass_threads() -> int:
    """Threads for independent bootstrap passes (groups with their own random streams): two
    where the process may use two cores (beyond that the passes are bound by memory), else
    one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(_PASS_THREADS, cores))


def bounded_map(
    func: Callable[[_T], _R], items: Iterable[_T], threads: int
) -> Iterator[tuple[_T, _R]]:
    """``(item, func(item))`` for each of ``items`` in order, ``func`` running on ``threads``
    threads with at most ``threads`` items taken and not yet returned (the items are read
    lazily, so their data is held a few at a time).

    For passes that release the GIL (NumPy's draws, sums and products) and touch no shared
    state: each bootstrap group draws from its own stream, so the results are those of one
    thread.

    Examples:
        >>> [r for _, r in bounded_map(lambda x: x * x, iter(range(5)), threads=2)]
        [0, 1, 4, 9, 16]
    """
    if threads <= 1:
        for item in items:
            yield item, func(item)
        return
    with ThreadPoolExecutor(threads) as pool:
        running: deque[tuple[_T, Future[_R]]] = deque()
        for item in items:
            if len(running) >= threads:
                done, future = running.popleft()
                yield done, future.result()
            running.append((item, pool.submit(func, item)))
        while running:
            done, future = running.popleft()
            yield done, future.result()


def shared_resamples(
    resamples: ArticleResamples | None, seed: int, n_boot: int
) -> ArticleResamples:
    """``resamples`` if given (it must have ``seed`` and ``n_boot``), else new ones."""
    if resamples is None:
        return ArticleResamples(seed, n_boot)
    if (resamples.seed, resamples.n_boot) != (int(seed), int(n_boot)):
        raise ValueError(
            f"resamples were drawn with seed {resamples.seed} and n_boot {resamples.n_boot}, "
            f"not seed {seed} and n_boot {n_boot}"
        )
    return resamples
