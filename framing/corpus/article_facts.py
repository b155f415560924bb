"""The corpus checks split in two: what each article shows alone, kept while the corpus streams
past, and the corpus-wide checks run later from those facts without the texts.

:func:`article_facts` runs the validator's per-article checks (missing values, empty, short,
HTML remnants, mojibake, replacement characters) on a chunk of a loaded corpus and returns, per
article, the key of exact duplicates and its problems. ``framing extract --for-report`` stores
both next to the text (``parts/texts-NNNNN.parquet``). :func:`problems_from_facts` then finds the
problems of any selection of those articles: the stored ones, duplicate ids and duplicate texts,
with the messages and order :func:`framing.validate_corpus` gives on the selected articles as a
DataFrame. Near-duplicates (MinHash over the texts, pairwise confirmation) are not among them:
``framing validate`` reads the texts for those.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus.problems import PROBLEM_COLUMNS, ProblemLog, problems_frame
from framing.corpus.stream import concat, normalised_chunks
from framing.corpus.validate import _Validator, duplicate_texts, log_duplicate_ids

__all__ = ["article_facts", "problems_from_facts"]

# The validator reports, on one frame: first what normalising it finds (dates, then missing
# ids, outlets and titles, each in row order), then each article's own checks in row order.
# A stored problem carries its place in that order, so a selection gets them in the same order.
_NORMALISING_ORDER = {"published": 0, "id": 1, "outlet": 2, "title": 3}
_CHECKS = 1


def article_facts(
    frame: pd.DataFrame, words: Sequence[int] | None = None
) -> tuple[list[bytes | None], list[str | None]]:
    """Per article of a chunk of a loaded corpus (in row order): the key of exact duplicates
    (``None`` for an empty text) and the problems found on the article alone, as JSON
    ``[[severity, code, message, column, phase, step], ...]`` (``None`` when there is none).

    Args:
        frame: articles as :func:`framing.load_corpus` gives them (``id``, ``outlet``,
            ``title``, ``published``, ``text``; ``event`` optional).
        words: the articles' word counts (:func:`framing.text.tokens.word_count` of each
            text), when the caller has them, as the extraction does: they are not counted
            again, except for a text that normalising changes.

    Examples:
        >>> keys, problems = article_facts(pd.DataFrame({
        ...     "id": ["a", "b"], "outlet": ["X", "Y"], "title": ["T", None],
        ...     "published": pd.to_datetime(["2026-03-01", "2026-03-02"]),
        ...     "text": ["Too short.", ""]}))
        >>> [k is None for k in keys]
        [False, True]
        >>> [json.loads(p)[0][1] for p in problems]
        ['short_text', 'missing_value']
    """
    log = ProblemLog()
    frame = frame.reset_index(drop=True)
    options = {"columns": None, "dayfirst": None, "encoding": None}
    chunk = concat(list(normalised_chunks(frame, log=log, chunksize=None, **options)))
    normalising = len(log.problems)
    validator = _Validator(None, digests=False)
    validator.add(chunk, log, _counts_of_unchanged(frame, chunk, words))
    keys: list[bytes | None] = [None] * len(frame)
    for key, members in validator.text_keys.items():
        for member in members:
            keys[member] = key
    found: list[list[list[Any]]] = [[] for _ in range(len(frame))]
    for number, problem in enumerate(log.problems):
        row = problem["row"]
        if row is None:  # notes about the whole input (none for a loaded frame)
            continue
        if number < normalising:
            place = [0, _NORMALISING_ORDER.get(str(problem["column"]), len(_NORMALISING_ORDER))]
        else:
            place = [_CHECKS, 0]
        found[int(row)].append(
            [problem["severity"], problem["code"], problem["message"], problem["column"], *place]
        )
    return keys, [json.dumps(p, ensure_ascii=False) if p else None for p in found]


def _counts_of_unchanged(
    frame: pd.DataFrame, chunk: pd.DataFrame, words: Sequence[int] | None
) -> list[int | None]:
    """``words`` where the normalised text is the text as given (``None`` elsewhere: count
    again), or no counts at all."""
    if words is None or len(chunk) != len(frame):
        return []
    if len(words) != len(frame):
        raise ValueError(f"{len(words)} word counts for {len(frame)} articles")
    given = frame["text"].astype(object).tolist()
    normalised = chunk["text"].astype(object).tolist()
    return [
        n if isinstance(a, str) and a == b else None
        for n, a, b in zip(words, given, normalised, strict=True)
    ]


def problems_from_facts(
    ids: Sequence[Any],
    outlets: Sequence[Any],
    text_keys: Sequence[bytes | None],
    problems: Sequence[str | None],
) -> pd.DataFrame:
    """The problems :func:`framing.validate_corpus` finds on these articles (as one DataFrame,
    rows numbered from 0 in the order given), near-duplicates aside, from the facts
    :func:`article_facts` stored.

    Args:
        ids, outlets: the articles' ids and outlets (``None`` where missing).
        text_keys, problems: their facts from :func:`article_facts`.

    Returns:
        The problems table (columns ``severity, code, message, file, row, column, id``).
    """
    n = len(ids)
    ids = [None if _missing(i) else i for i in ids]
    outlets = [None if _missing(o) else o for o in outlets]
    stored = []
    for position, text in enumerate(problems):
        if text is None or _missing(text):
            continue
        for k, item in enumerate(json.loads(text)):
            severity, code, message, column, phase, step = item
            stored.append(((phase, step, position, k), severity, code, message, column, position))
    stored.sort(key=lambda item: item[0])
    log = ProblemLog()
    for _, severity, code, message, column, position in stored:
        log.add(severity, code, message, row=position, column=column, id=ids[position])
    # Only the articles whose id or text another article shares go through the checks' own
    # loops: a dict of every article's positions, and a dict per problem, held ~1 kB an
    # article at a million duplicates.
    repeated = _shared(pd.Series(ids, dtype=object))
    log_duplicate_ids(log, [ids[p] for p in repeated], [None] * len(repeated), repeated)
    keys = [None if k is None or _missing(k) else bytes(k) for k in text_keys]
    columns: dict[str, list[Any]] = {c: [p[c] for p in log.problems] for c in PROBLEM_COLUMNS}
    del log
    groups = _groups(pd.Series(keys, dtype=object))
    del keys
    for index, message in duplicate_texts(groups, ids, outlets, [None] * n, range(n)):
        columns["message"].append(message)
        columns["row"].append(index)
        columns["id"].append(ids[index])
    added = len(columns["message"]) - len(columns["severity"])
    for name, value in (("severity", "warning"), ("code", "duplicate_text"), ("file", None),
                        ("column", "text")):  # fmt: skip
        columns[name].extend(itertools.repeat(value, added))
    return problems_frame(columns)


def _shared(values: pd.Series) -> list[int]:
    """Positions of the values (not missing) that occur more than once, in order."""
    shared = values.duplicated(keep=False).to_numpy() & values.notna().to_numpy()
    return np.flatnonzero(shared).tolist()


def _groups(keys: pd.Series) -> list[list[int]]:
    """Positions of the keys (not missing) that occur more than once, grouped by key: groups in
    the order their key first appears, positions in order."""
    codes, _ = pd.factorize(keys)
    positions = np.flatnonzero(pd.Series(codes).duplicated(keep=False).to_numpy() & (codes >= 0))
    if not len(positions):
        return []
    order = positions[np.argsort(codes[positions], kind="stable")]
    cuts = np.flatnonzero(np.diff(codes[order])) + 1
    return [group.tolist() for group in np.split(order, cuts)]


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)
