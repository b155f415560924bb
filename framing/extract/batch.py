"""One batch of articles, the unit of work sent to a worker (a local process or a Dask task),
and the executors that run batches.

A batch is a plain dict of column arrays (metadata as object arrays, texts as a list of str),
not a DataFrame: it pickles cheaply, and the worker builds the two result tables once per batch
rather than once per article.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing import defaults
from framing.corpus import load_corpus
from framing.detect import loaded
from framing.detect.loaded import LexiconSpec
from framing.extract.features import article_features, articles_frame, hits_frame, texts_frame
from framing.extract.layout import TEXT_ROW_GROUP, write_part
from framing.types import HitRow


def _texts(frame: pd.DataFrame, offset: int) -> list[str]:
    """The ``text`` column as ``str`` (missing: ""), checked; rows are numbered from ``offset``."""
    texts = frame["text"].astype(object).tolist()
    for position, t in enumerate(texts):
        if isinstance(t, str):
            continue
        if t is None or t is pd.NA or (isinstance(t, float) and math.isnan(t)):
            texts[position] = ""
            continue
        article_id = frame["id"].iloc[position]
        raise TypeError(
            f"corpus row {offset + position} (id {article_id!r}): text must be a str, got "
            f"{type(t).__name__}"
        )
    return texts


def make_batch(
    frame: pd.DataFrame, offset: int = 0, digests: list[bytes] | None = None
) -> dict[str, Any]:
    """The columns of ``frame`` that extraction needs, as plain arrays; ``digests``: the
    articles' digests (:func:`framing.corpus.article_digest`), when the caller made them,
    for the texts table (``None``: the worker makes them if it needs them)."""
    batch: dict[str, Any] = {"n": len(frame), "text": _texts(frame, offset)}
    for name in ("id", "outlet", "event", "title"):
        batch[name] = frame[name].to_numpy(dtype=object) if name in frame else None
    batch["published"] = frame["published"].to_numpy() if "published" in frame else None
    if digests is not None and len(digests) != len(frame):
        raise ValueError(f"{len(digests)} digests for {len(frame)} articles")
    batch["digests"] = digests
    return batch


def run_batch(
    batch: dict[str, Any],
    lexicon: tuple[str, ...] | None,
    extra: tuple[str, ...] | None,
    target: tuple[str, ...] | None = None,
    for_report: bool = False,
) -> tuple[pd.DataFrame, ...] | tuple[int, int]:
    """Worker entry point (module level, so a process pool or Dask can pickle it).

    Returns the ``(articles, hits)`` tables of the batch (and its ``texts`` table with
    ``for_report``), or, when ``target`` names their Parquet files, writes the tables there
    (atomically) and returns only the articles' and hits' row counts, so the hits never travel
    back to the parent process.
    """
    matcher = loaded.get_matcher(list(lexicon) if lexicon else None, list(extra) if extra else None)
    n = batch["n"]
    ids = batch["id"] if batch["id"] is not None else [None] * n
    outlets = batch["outlet"] if batch["outlet"] is not None else [None] * n
    events = batch["event"] if batch["event"] is not None else [None] * n
    counts: list[list[int]] = []
    rows: list[HitRow] = []
    for i, o, e, t in zip(ids, outlets, events, batch["text"], strict=True):
        article_counts, article_hits = article_features(
            _scalar(i), _scalar(o), _scalar(e), t, matcher
        )
        counts.append(article_counts)
        rows.extend(article_hits)
    tables = [articles_frame(batch, counts), hits_frame(rows)]
    if for_report:
        tables.append(texts_frame(batch, [c[0] for c in counts]))  # counts[0]: words
    if target is None:
        return tuple(tables)
    for number, (table, path) in enumerate(zip(tables, target, strict=True)):
        write_part(table, Path(path), TEXT_ROW_GROUP if number == 2 else None)
    return len(tables[0]), len(tables[1])


def _warm_worker(lexicon: tuple[str, ...] | None, extra: tuple[str, ...] | None) -> None:
    """Process-pool initializer: compile the lexicons once per worker, not once per batch."""
    run_batch(make_batch(pd.DataFrame({"id": ["warm-up"], "outlet": ["-"], "text": ["x said."]})),
               lexicon, extra)  # fmt: skip


class _InlineExecutor(Executor):
    """Runs each call at once in this process (``n_jobs=1``): same code path, no pool."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def as_corpus(
    corpus: pd.DataFrame | str | os.PathLike[str], columns: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The corpus as a checked DataFrame: a path read with :func:`load_corpus`, a DataFrame
    taken as it is (or read with :func:`load_corpus` too, when ``columns`` maps its fields)."""
    if isinstance(corpus, str | os.PathLike):
        return load_corpus(corpus, columns=columns)
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            "framing.extract() expects a corpus DataFrame (from framing.load_corpus), a "
            f"dask.dataframe.DataFrame or a path to load, got {type(corpus).__name__}"
        )
    if columns:
        return load_corpus(corpus, columns=columns)
    return check_corpus_columns(corpus)


def check_corpus_columns(corpus: Any) -> Any:
    missing = [c for c in ("id", "outlet", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(
            f"corpus lacks column(s) {', '.join(missing)} (columns: "
            f"{', '.join(map(str, corpus.columns))}); read it with framing.load_corpus(...)"
        )
    return corpus


def is_dask_frame(corpus: Any) -> bool:
    module = type(corpus).__module__
    return module.startswith("dask") and hasattr(corpus, "map_partitions")


def _scalar(value: Any) -> Any:
    return None if value is None or value is pd.NA or pd.isna(value) else str(value)


def resolve_jobs(n_jobs: int) -> int:
    if not isinstance(n_jobs, int | np.integer) or isinstance(n_jobs, bool):
        raise TypeError(f"n_jobs must be an int, got {n_jobs!r}")
    if n_jobs == -1:
        return os.cpu_count() or 1
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive number of processes or -1 (all), got {n_jobs}")
    return int(n_jobs)


def progress_bar(total: int | None, progress: bool | None) -> Any:
    from tqdm.std import tqdm as text_bar

    if progress is None:
        # A streamed corpus has no known length: show the bar, counting articles as they go.
        enabled = total is None or total >= defaults.PROGRESS_MIN_ARTICLES
    else:
        enabled = bool(progress)
    options = {"total": total, "disable": not enabled, "desc": "framing.extract", "unit": "article"}
    if not enabled:
        return text_bar(**options)
    try:
        from tqdm.auto import tqdm  # a widget in Jupyter, a text bar elsewhere

        return tqdm(**options)
    except ImportError:  # Jupyter without ipywidgets: tqdm's widget cannot be drawn
        return text_bar(**options)


def as_names(spec: LexiconSpec | None) -> tuple[str, ...] | None:
    if spec is None:
        return None
    if isinstance(spec, str | os.PathLike):
        return (os.fspath(spec),)
    return tuple(os.fspath(s) for s in spec)


def check_chunksize(chunksize: int) -> int:
    if not isinstance(chunksize, int | np.integer) or isinstance(chunksize, bool) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive number of articles, got {chunksize!r}")
    return int(chunksize)


def cluster_threads(client: Any) -> int:
    """Worker threads of ``client``'s cluster (2 for an Executor that cannot say)."""
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # an Executor without nthreads(): assume a couple of workers
        return 2


def executor(jobs: int, client: Any, lexicon: Any, extra: Any) -> Executor:
    if client is not None:
        # a distributed.Client (or anything with the same get_executor), or an Executor as is
        if hasattr(client, "get_executor"):
            return client.get_executor(pure=False)
        if isinstance(client, Executor):
            return client
        raise TypeError(
            f"client must be a distributed.Client or a concurrent.futures.Executor, got "
            f"{type(client).__name__}"
        )
    if jobs == 1:
        return _InlineExecutor()
    # Long-lived workers, each compiling the lexicons once (the initializer); under the
    # default `fork` start method on Linux they inherit the parent's already compiled ones.
    return ProcessPoolExecutor(
        max_workers=jobs, initializer=_warm_worker, initargs=(lexicon, extra)
    )
