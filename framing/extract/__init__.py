r"""Feature extraction at corpus level: every detector on every article, as two tidy tables.

:func:`extract` runs the one detector pipeline (:func:`framing.detect.pipeline.detect`) over a
corpus (as read by :func:`framing.load_corpus`) and returns an :class:`Extraction` with

- ``articles``: one row per article: word count, counts and rates per 1,000 words of loaded
  terms by voice and category, attributions by verb class, kind and source type, the share of
  anonymous sources, scare quotes and hedges;
- ``hits``: one row per detector hit, with character offsets into the article text, so every
  number in ``articles`` (and in any statistic computed from it) can be traced back to the
  words that produced it.

The columns are the contract in ``docs/FORMATS.md`` ("Extracted feature tables") and are listed
in :data:`ARTICLE_COLUMNS` and :data:`HIT_COLUMNS`. Results are identical to running
:func:`framing.analyze` on each article, and identical (same rows, same order) whatever
``n_jobs`` is. The modules: :mod:`.features` (one article), :mod:`.batch` (a batch of articles
and the executors), :mod:`.streamed` (Parquet parts, resume), :mod:`.on_dask` (Dask),
:mod:`.result` (:class:`Extraction`), :mod:`.layout` (the files), :mod:`.provenance`.
"""

from framing.errors import ExtractionMismatch
from framing.extract.features import ARTICLE_COLUMNS, TEXT_COLUMNS
from framing.extract.on_dask import DaskExtraction
from framing.extract.result import Extraction
from framing.extract.run import extract
from framing.text.tokens import WORD_PATTERN, word_count
from framing.types import HIT_COLUMNS

__all__ = [
    "ARTICLE_COLUMNS",
    "HIT_COLUMNS",
    "TEXT_COLUMNS",
    "WORD_PATTERN",
    "DaskExtraction",
    "Extraction",
    "ExtractionMismatch",
    "extract",
    "word_count",
]
