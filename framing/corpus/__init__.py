r"""Load, iterate, fingerprint and validate news corpora.

Researchers arrive with articles in many shapes: CSV/TSV exports, JSON Lines, Parquet, folders
of text or Markdown files with a small front-matter header, folders of saved web pages; any of
them gzip-compressed. Every one is read into the same table (see ``docs/corpus.md``):

============  ==========================================================================
column        meaning
============  ==========================================================================
``id``        article id (string); derived from the file path or row number if absent
``outlet``    outlet name; for article files, the parent folder name if not given
``published`` ``datetime64[ns]``, tz-naive; values with a UTC offset are converted to UTC
``title``     headline; for article files, a stand-alone headline line if not given
``text``      article text (``""`` when missing, never ``<NA>``)
``event``     optional story/event key for matched comparisons across outlets
``url``,      optional metadata
``author``,
``section``
...           any other column of the input, kept as read
============  ==========================================================================

Nothing is dropped or changed silently: every decision the loader takes (a guessed encoding,
an unreadable date, a derived id, an excluded record) is listed in a :class:`ValidationReport`
with the file, row and column it concerns.

The modules, from the bottom up: :mod:`.schema` (columns and cells), :mod:`.problems`
(:class:`~framing.corpus.problems.ProblemLog`), :mod:`.discover` (files), :mod:`.decode`
(encodings), :mod:`.records` (raw records), :mod:`.readers` (one module per format),
:mod:`.dates`, :mod:`.normalise` (a raw chunk to the schema), :mod:`.stream` (normalised chunks,
:func:`iter_corpus`), :mod:`.fingerprint`, :mod:`.article_checks` and :mod:`.duplicates` (what
the validator checks), :mod:`.validate`, :mod:`.validation_report`, :mod:`.load`.
"""

from framing.corpus.article_checks import SHORT_TEXT_WORDS
from framing.corpus.duplicates import CONTAINMENT_THRESHOLD, NEAR_DUPLICATE_MIN_WORDS, SHINGLE_SIZE
from framing.corpus.fingerprint import article_digest, corpus_fingerprint, fingerprint_of
from framing.corpus.load import load_corpus
from framing.corpus.schema import CORPUS_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from framing.corpus.stream import iter_corpus
from framing.corpus.validate import NEAR_DUPLICATE_THRESHOLD, validate_corpus
from framing.corpus.validation_report import ValidationReport
from framing.errors import CorpusError

__all__ = [
    "CONTAINMENT_THRESHOLD",
    "CORPUS_COLUMNS",
    "NEAR_DUPLICATE_MIN_WORDS",
    "NEAR_DUPLICATE_THRESHOLD",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "SHINGLE_SIZE",
    "SHORT_TEXT_WORDS",
    "CorpusError",
    "ValidationReport",
    "article_digest",
    "corpus_fingerprint",
    "fingerprint_of",
    "iter_corpus",
    "load_corpus",
    "validate_corpus",
]
