"""Extraction on a Dask DataFrame: the same batch code per partition, lazily."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing.corpus import fingerprint_of
from framing.detect.loaded import LexiconSpec
from framing.extract.batch import as_names, check_corpus_columns, make_batch, run_batch
from framing.extract.features import concat_parts, empty_table
from framing.extract.layout import (
    MANIFEST,
    MANIFEST_FORMAT,
    PARTS_DIR,
    clear_run,
    part_paths,
    write_json,
    write_part,
)
from framing.extract.provenance import extraction_provenance, run_settings
from framing.extract.result import Extraction
from framing.extract.streamed import article_digests


def _extract_partition(
    part: pd.DataFrame, lexicon: tuple[str, ...] | None, extra: tuple[str, ...] | None
) -> tuple[pd.DataFrame, pd.DataFrame, bytes]:
    """One Dask partition: the same batch code as the pandas path, plus the fingerprint digests."""
    check_corpus_columns(part)
    articles, hits = run_batch(make_batch(part), lexicon, extra)
    return articles, hits, b"".join(article_digests(part))


def _write_partition(
    result: tuple[pd.DataFrame, pd.DataFrame, bytes], directory: str, index: int
) -> tuple[int, int, bytes]:
    articles, hits, digests = result
    articles_path, hits_path = part_paths(Path(directory), index)
    write_part(articles, articles_path)
    write_part(hits, hits_path)
    return len(articles), len(hits), digests


def extract_dask(
    frame: Any, lexicon: LexiconSpec | None, extra: LexiconSpec | None, parameters: dict[str, Any]
) -> DaskExtraction:
    import dask
    import dask.dataframe as dd

    check_corpus_columns(frame)
    lexicon_names, extra_names = as_names(lexicon), as_names(extra)
    run = dask.delayed(_extract_partition, pure=True)
    results = [run(part, lexicon_names, extra_names) for part in frame.to_delayed()]
    articles = dd.from_delayed(
        [r[0] for r in results], meta=empty_table("articles"), verify_meta=False
    )
    hits = dd.from_delayed([r[1] for r in results], meta=empty_table("hits"), verify_meta=False)
    provenance = extraction_provenance(
        None,
        None,
        lexicon,
        extra,
        parameters={**parameters, "engine": "dask", "n_jobs": None},
        n_articles=None,
        n_hits=None,
    )
    return DaskExtraction(articles, hits, provenance, results)


@dataclass
class DaskExtraction:
    """The lazy result of :func:`extract` on a ``dask.dataframe.DataFrame``.

    ``articles`` and ``hits`` are Dask DataFrames with the columns and dtypes of
    :class:`Extraction`, one partition per input partition (each with its own ``RangeIndex``).
    Use :meth:`compute` for an in-memory :class:`Extraction` (equal row for row to the pandas
    path, with the same provenance), or :meth:`save` to have the workers write Parquet parts
    that :meth:`Extraction.load` reads. Both run each partition's detectors once, however many
    of the tables are asked for; computing ``articles`` and ``hits`` separately runs them twice.

    Attributes:
        articles: Dask DataFrame, columns :data:`ARTICLE_COLUMNS`.
        hits: Dask DataFrame, columns :data:`HIT_COLUMNS`.
        provenance: as for :class:`Extraction`; the corpus fingerprint and row counts are
            filled in by :meth:`compute` and :meth:`save`.
    """

    articles: Any
    hits: Any
    provenance: dict[str, Any]
    _results: list[Any] = field(repr=False, default_factory=list)

    def compute(self, **kwargs: Any) -> Extraction:
        """Compute both tables in one pass; ``kwargs`` go to ``dask.compute``."""
        import dask

        (results,) = dask.compute(self._results, **kwargs)
        articles = concat_parts([r[0] for r in results], "articles")
        hits = concat_parts([r[1] for r in results], "hits")
        digests = b"".join(r[2] for r in results)
        return Extraction(articles, hits, self._final_provenance(digests, len(articles), len(hits)))

    def save(self, directory: str | os.PathLike[str], **kwargs: Any) -> Path:
        """Write the parts layout of a streamed run (``manifest.json``, ``parts/``, provenance)
        from the workers, one part per partition; the tables never reach this process.

        The workers must see ``directory`` at the same path (a local cluster, or a shared
        disk). Returns the directory; read it with :meth:`Extraction.load`.
        """
        import dask

        folder = Path(directory)
        (folder / PARTS_DIR).mkdir(parents=True, exist_ok=True)
        clear_run(folder)
        write = dask.delayed(_write_partition, pure=False)
        tasks = [write(r, os.fspath(folder), i) for i, r in enumerate(self._results)]
        (written,) = dask.compute(tasks, **kwargs)
        chunks, first_row = [], 0
        for index, (n_articles, n_hits, _) in enumerate(written):
            chunks.append({
                "index": index, "first_row": first_row, "rows": n_articles,
                "articles": n_articles, "hits": n_hits,
                "files": [p.name for p in part_paths(folder, index)],
            })  # fmt: skip
            first_row += n_articles
        digests = b"".join(w[2] for w in written)
        provenance = self._final_provenance(digests, first_row, sum(c["hits"] for c in chunks))
        parameters = {k: v for k, v in provenance["parameters"].items() if k != "n_jobs"}
        settings = {**run_settings(None, None, {}), "parameters": parameters}
        settings["lexicons"] = [
            {"label": r["label"], "sha256": r["sha256"]} for r in provenance["lexicons"]
        ]
        write_json(folder / "provenance.json", provenance)
        write_json(
            folder / MANIFEST,
            {"format": MANIFEST_FORMAT, "settings": settings, "corpus_source": None,
             "complete": True, "chunks": chunks},
        )  # fmt: skip
        return folder

    def _final_provenance(self, digests: bytes, n_articles: int, n_hits: int) -> dict[str, Any]:
        return {
            **self.provenance,
            "corpus_fingerprint": fingerprint_of(digests),
            "articles": n_articles,
            "hits": n_hits,
            "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        }


@contextmanager
def cluster_client(scheduler: str | None = None, n_jobs: int = -1) -> Iterator[Any]:
    """A ``distributed.Client`` for ``--engine dask``: connected to ``scheduler`` (an address
    such as ``tcp://10.0.0.5:8786``), or to a ``LocalCluster`` of ``n_jobs`` single-threaded
    worker processes (``-1``: one per CPU) started here and stopped on exit.

    Raises:
        ValueError: dask or distributed is not installed (says what to install).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # an OSError subclass would be caught; say what to install
        raise ValueError(
            "--engine dask needs dask and distributed: pip install 'framing[dask]'"
        ) from exc
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    workers = n_jobs if n_jobs > 0 else None
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield client
