"""Defaults, in one place.

Library functions take their default arguments from here and the command line imports them, so a
default changed here changes everywhere, and ``--help`` always tells the truth.
"""

from __future__ import annotations

from typing import Final

# ---------------------------------------------------------------------------------------------
# Rates

#: Rates are per this many words (:func:`framing.text.tokens.word_count`).
PER_WORDS: Final = 1000

# ---------------------------------------------------------------------------------------------
# Corpus validation

#: Jaccard similarity of 5-word shingles from which articles of different outlets are flagged.
NEAR_DUPLICATE_THRESHOLD: Final = 0.5
#: Problems shown per problem code when a validation report is printed.
EXAMPLES_PER_CODE: Final = 5

# ---------------------------------------------------------------------------------------------
# Extraction

#: Articles per chunk (and per Parquet part of a streamed run): about 4 MB of news text, a few
#: seconds of work, so parts are small enough to resume cheaply and many enough to share.
CHUNKSIZE: Final = 2_000
#: Worker processes of ``framing.extract`` (1: in this process).
N_JOBS: Final = 1
#: Worker processes of ``framing extract`` on the command line (-1: one per CPU).
CLI_N_JOBS: Final = -1
#: Corpora with at least this many articles show a progress bar unless ``progress=False``.
PROGRESS_MIN_ARTICLES: Final = 500

# ---------------------------------------------------------------------------------------------
# Reports

#: Jupyter kernel the report notebook runs in.
REPORT_KERNEL: Final = "python3"
#: Seconds one report cell may run on a small corpus; a large one gets
#: :data:`REPORT_TIMEOUT_PER_MILLION` more per million articles (:func:`report_timeout`).
REPORT_TIMEOUT: Final = 600
#: Seconds a report cell may run beyond :data:`REPORT_TIMEOUT` per million articles: the
#: cell reading a saved extraction of 10M articles takes over 10 minutes on 2 cores.
REPORT_TIMEOUT_PER_MILLION: Final = 1800


def report_timeout(articles: int) -> int:
    """Seconds one cell of a report on ``articles`` articles may run by default.

    Examples:
        >>> report_timeout(20_000), report_timeout(10_000_000)
        (636, 18600)
    """
    return REPORT_TIMEOUT + -(-articles * REPORT_TIMEOUT_PER_MILLION // 1_000_000)


#: Most events the matched-events figure shows, one row each (those covered by the most
#: outlets, then with the most articles); ``tables/event_rates`` keeps every event. A row per
#: event of a large corpus would make a figure metres tall (500 events: a 510 MB PNG buffer).
MATCHED_EVENTS_SHOWN: Final = 40
