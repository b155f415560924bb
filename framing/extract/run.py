"""``framing.extract``: every detector on every article of a corpus, as two tidy tables."""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from framing import defaults
from framing.corpus import corpus_fingerprint
from framing.corpus.schema import check_columns_mapping
from framing.detect.loaded import LexiconSpec
from framing.extract.batch import (
    as_corpus,
    as_names,
    check_chunksize,
    executor,
    is_dask_frame,
    make_batch,
    progress_bar,
    resolve_jobs,
    run_batch,
)
from framing.extract.features import concat_parts
from framing.extract.on_dask import DaskExtraction, extract_dask
from framing.extract.provenance import extraction_provenance
from framing.extract.result import Extraction
from framing.extract.streamed import extract_streamed
from framing.text import WORD_PATTERN

logger = logging.getLogger("framing")


def extract(
    corpus: pd.DataFrame | str | os.PathLike[str] | Any,
    n_jobs: int = defaults.N_JOBS,
    progress: bool | None = None,
    *,
    lexicon: LexiconSpec | None = None,
    extra: LexiconSpec | None = None,
    output: str | os.PathLike[str] | None = None,
    chunksize: int = defaults.CHUNKSIZE,
    force: bool = False,
    client: Any = None,
    columns: Mapping[str, str] | None = None,
    for_report: bool = False,
) -> Extraction | DaskExtraction:
    r"""Run every detector on every article of a corpus.

    Three ways to run, one per-batch code path (:func:`run_batch`), hence the same rows:

    - in memory (default): the tables are returned as an :class:`Extraction`;
    - streamed (``output=DIR``): the corpus is read ``chunksize`` articles at a time
      (:func:`framing.iter_corpus` for a path), each chunk is processed by a worker, which
      writes ``DIR/parts/articles-NNNNN.parquet`` and ``hits-NNNNN.parquet`` atomically, and
      ``DIR/manifest.json`` records every finished part. Memory stays bounded whatever the
      corpus size. Running the same call again resumes: finished parts whose input is
      unchanged are kept, the rest are done; the result is identical to an uninterrupted run.
      The returned :class:`Extraction` reads the parts only when its tables are used.
    - Dask (``corpus`` a ``dask.dataframe.DataFrame``): returns a :class:`DaskExtraction`
      whose ``articles`` and ``hits`` are lazy Dask DataFrames computed partition by partition.

    Args:
        corpus: a corpus DataFrame as returned by :func:`framing.load_corpus` (needs ``id``,
            ``outlet`` and ``text``; ``event``, ``published`` and ``title`` are kept when
            present), a path to read with :func:`framing.load_corpus` (or, with ``output``,
            :func:`framing.iter_corpus`), or a ``dask.dataframe.DataFrame`` with those columns.
        n_jobs: number of worker processes; ``1`` (default) runs in this process, ``-1`` uses
            every CPU. The tables are the same, in the same order, whatever the value.
            Ignored for a Dask DataFrame or with ``client``.
        progress: show a progress bar (``tqdm.auto``: a widget in Jupyter). ``None``
            (default) shows it for corpora of at least :data:`PROGRESS_MIN_ARTICLES`
            articles, and for streamed paths (whose length is not known in advance).
        lexicon: loaded-term lexicon(s) to use instead of the bundled one (as for
            :func:`framing.analyze`).
        extra: additional loaded-term lexicon file(s).
        output: directory to stream the tables to (see above).
        chunksize: articles per chunk, and per Parquet part with ``output``
            (default :data:`DEFAULT_CHUNKSIZE`). Part of a run's identity: resume with the same.
        force: with ``output``, discard parts of an earlier run that does not match this one
            (other corpus, chunking, parameters or lexicon/detector versions) instead of
            raising :class:`ExtractionMismatch`.
        client: a ``distributed.Client`` (or a ``concurrent.futures.Executor``) to run the
            batches on instead of local processes, e.g. an existing Dask cluster. With
            ``output``, its workers must see ``output`` at the same path (shared disk).
        columns: which column of the input holds each corpus field, e.g.
            ``{"text": "body", "outlet": "source"}``, as for :func:`framing.load_corpus`; a
            pandas DataFrame is then read with :func:`framing.load_corpus` too, a Dask
            DataFrame's columns are renamed. Recorded in the provenance (``parameters``).
        for_report: also keep what ``framing report`` needs beyond the two tables, so a report
            made from the extraction never reads the corpus again: a third table, ``texts``,
            one row per article with its id, digest (for the fingerprint of any selection), the
            key of exact duplicates, the problems the corpus validation finds on the article
            alone, and its text (for the sentences behind the figures); columns
            :data:`TEXT_COLUMNS`, ``parts/texts-NNNNN.parquet`` when streamed. Recorded in the
            provenance and part of a streamed run's identity. Not for a Dask DataFrame.

    Returns:
        An :class:`Extraction` with ``articles`` (one row per article, in corpus order),
        ``hits`` (one row per hit, by article in corpus order, then loaded terms, attributions
        and markers each in the detector's order) and ``provenance``; for a Dask DataFrame a
        :class:`DaskExtraction` (``.compute()`` gives the :class:`Extraction`).

    Raises:
        TypeError: ``corpus`` is neither a DataFrame nor a path, or a text is not a ``str``.
        ValueError: the corpus lacks ``id``, ``outlet`` or ``text`` (the message says which
            ``columns`` mapping would help), or ``n_jobs`` or ``chunksize`` is invalid.
        ExtractionMismatch: ``output`` holds parts of a different run and ``force`` is not set.

    Examples:
        >>> corpus = pd.DataFrame({
        ...     "id": ["a1", "a2"],
        ...     "outlet": ["Courier", "Ledger"],
        ...     "text": ["Officials lashed out at the so-called “reform”, critics claimed.",
        ...              "The council approved the budget, the mayor said."],
        ... })
        >>> ex = extract(corpus)
        >>> ex.articles[["id", "words", "loaded_outlet", "attributions", "attr_doubt"]]
           id  words  loaded_outlet  attributions  attr_doubt
        0  a1      9              2             2           1
        1  a2      8              0             1           0
        >>> ex.hits[["id", "detector", "start", "text", "label", "category", "speaker"]]
           id     detector  start        text      label        category    speaker
        0  a1       loaded     10  lashed out   lash out  emotive_speech       <NA>
        1  a1       loaded     28   so-called  so-called      distancing  Officials
        2  a1       loaded     56     claimed      claim      distancing       <NA>
        3  a1  attribution     10  lashed out   lash out         emotive  Officials
        4  a1  attribution     56     claimed      claim           doubt    critics
        5  a1       marker     38    “reform”  so-called     scare_quote       <NA>
        6  a2  attribution     43        said        say         neutral  the mayor

        Streamed to Parquet parts, one per chunk:

        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "features"
        >>> streamed = extract(corpus, output=out, chunksize=1)
        >>> sorted(p.name for p in (out / "parts").iterdir())
        ['articles-00000.parquet', 'articles-00001.parquet', 'hits-00000.parquet', 'hits-00001.parquet']
        >>> streamed.articles.equals(ex.articles) and streamed.hits.equals(ex.hits)
        True
    """  # noqa: E501
    jobs = resolve_jobs(n_jobs)
    chunksize = check_chunksize(chunksize)
    lexicon_names, extra_names = as_names(lexicon), as_names(extra)
    parameters = {
        "n_jobs": int(n_jobs),
        "lexicon": list(lexicon_names) if lexicon_names else None,
        "extra": list(extra_names) if extra_names else None,
        "word_pattern": WORD_PATTERN,
        "rate_per_words": 1000,
    }
    mapping = check_columns_mapping(columns)
    if mapping:
        # Only when given, so the parameters (and the identity of a resumed run) of every
        # extraction without a mapping stay as they were.
        parameters["columns"] = mapping
    if for_report:
        parameters["for_report"] = True
    if is_dask_frame(corpus):
        if for_report:
            raise ValueError(
                "for_report is not available for a Dask DataFrame; stream the corpus with "
                "output=DIR (and client=) instead"
            )
        if mapping:
            corpus = corpus.rename(columns={source: field for field, source in mapping.items()})
        return extract_dask(corpus, lexicon, extra, parameters)
    if output is not None:
        return extract_streamed(
            corpus, Path(output), jobs, progress, lexicon, extra, parameters, chunksize, force,
            client, mapping, for_report,
        )  # fmt: skip

    frame = as_corpus(corpus, mapping)
    _warn_duplicate_ids(frame["id"].astype(object).tolist())
    n = len(frame)
    # Small batches when there are several workers, so they share the work evenly.
    size = (
        chunksize
        if jobs == 1 and client is None
        else max(1, min(chunksize, 256, -(-n // (jobs * 4))))
    )
    parts: list[tuple[pd.DataFrame, ...]] = []
    with (
        progress_bar(n, progress) as bar,
        executor(jobs, client, lexicon_names, extra_names) as pool,
    ):
        futures = [
            (stop - start, pool.submit(run_batch, make_batch(frame.iloc[start:stop], start),
                                       lexicon_names, extra_names, None, for_report))
            for start, stop in ((s, min(s + size, n)) for s in range(0, n, size))
        ]  # fmt: skip
        for rows, future in futures:  # submission order is corpus order
            parts.append(future.result())
            bar.update(rows)
    articles = concat_parts([p[0] for p in parts], "articles")
    hits = concat_parts([p[1] for p in parts], "hits")
    texts = concat_parts([p[2] for p in parts], "texts") if for_report else None
    provenance = extraction_provenance(
        corpus_fingerprint(frame[["id", "text"]]),
        corpus,
        lexicon,
        extra,
        parameters=parameters,
        n_articles=len(articles),
        n_hits=len(hits),
    )
    return Extraction(articles, hits, provenance, texts=texts)


def _warn_duplicate_ids(ids: list[Any]) -> None:
    counts = Counter(ids)
    dupes = sorted((i for i, n in counts.items() if n > 1), key=str)
    if dupes:
        logger.warning(
            "%d article id(s) occur more than once (%s); hits cannot be told apart by id and "
            "comparisons treat them as one cluster; see framing.validate_corpus(...)",
            len(dupes),
            ", ".join(map(repr, dupes[:5])) + (" ..." if len(dupes) > 5 else ""),
        )
