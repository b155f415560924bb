"""Evidence behind the figures: a few sentences per outlet and term, speaker or category, drawn
reproducibly, so a reader can check any number against the words that produced it.

Every row slices back to the article (``text[start:end] == match``) and carries its sentence;
:func:`evidence_html` shows them escaped, the match highlighted, with the article's id and title.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.report.gathered import code_dtype
from framing.stats.bootstrap import group_rng
from framing.text import Document
from framing.text.context import sentence_context

__all__ = ["EVIDENCE_COLUMNS", "EVIDENCE_HITS", "draw_evidence", "evidence_html"]

#: Columns of ``tables/evidence.csv``.
EVIDENCE_COLUMNS = (
    "figure", "outlet", "key", "id", "title", "start", "end", "match", "sentence",
    "sentence_start",
)  # fmt: skip

#: Columns of the hits :func:`draw_evidence` reads, besides the key columns.
EVIDENCE_HITS = ("id", "outlet", "start", "end", "text")


class ArticleTexts:
    """The texts and titles of a report's articles, read only for the articles quoted, each
    text parsed once when asked.

    Args:
        ids: the report's article ids, in its order (where an id repeats, the last article
            with it is the one quoted, as a mapping by id keeps the last).
        titles: the articles' titles, in the same order.
        fetch: given rows of the report, their texts keyed by row (``None``: no texts, the
            evidence shows the matched words alone).
    """

    def __init__(
        self,
        ids: Sequence[str] | pd.Series,
        titles: Sequence[Any] | pd.Series,
        fetch: Callable[[list[int]], dict[int, str]] | None = None,
    ) -> None:
        # Kept as given (the articles' own columns) and looked up only for the ids quoted:
        # a list and an index of every id took ~0.1 GB at a million articles.
        self._ids = _series(ids)
        if not pd.api.types.is_string_dtype(self._ids.dtype):
            self._ids = self._ids.astype(str)  # ids are looked up as strings
        self._titles = _series(titles)
        self._fetch = fetch
        self._rows: dict[str, int] = {}  # ids looked up so far -> row (-1: not an article)
        self._texts: dict[str, str] = {}
        self._docs: dict[str, Document] = {}

    @classmethod
    def of(cls, extraction: Any, reader: Any = None) -> ArticleTexts:
        """The texts of an extraction's articles: from ``reader`` (a
        :class:`~framing.report.compact.TextReader`) or the texts table it kept
        (``for_report``); no text when it kept none (evidence then shows the matched words
        alone)."""
        articles = extraction.articles
        ids = articles["id"]
        title = articles["title"] if "title" in articles else pd.Series([None] * len(articles))
        fetch = None
        if reader is not None:
            fetch = reader.texts
        elif extraction.has_texts and "text" in extraction.texts:
            column = extraction.texts["text"]
            ids = extraction.texts["id"]

            def fetch(rows: list[int]) -> dict[int, str]:
                texts = column.iloc[rows].fillna("").astype(str).tolist()
                return dict(zip(rows, texts, strict=True))

        return cls(ids, title, fetch)

    def _look_up(self, article_ids: Iterable[str]) -> None:
        """Find the rows of ``article_ids`` not looked up yet, in one pass over the ids."""
        wanted = [i for i in dict.fromkeys(map(str, article_ids)) if i not in self._rows]
        if not wanted:
            return
        self._rows.update(dict.fromkeys(wanted, -1))
        found = np.flatnonzero(self._ids.isin(wanted).to_numpy(dtype=bool))
        for row, article_id in zip(found, self._ids.iloc[found].astype(str), strict=True):
            self._rows[article_id] = int(row)  # a repeated id: the last article with it

    def _row(self, article_id: str) -> int:
        self._look_up([article_id])
        return self._rows[str(article_id)]

    def load(self, article_ids: Iterable[str]) -> None:
        """Read the texts of ``article_ids`` not read yet (in one pass over the parts)."""
        article_ids = list(article_ids)
        self._look_up(article_ids)
        if self._fetch is None:
            return
        wanted = [i for i in dict.fromkeys(map(str, article_ids)) if i not in self._texts]
        rows = {i: self._rows[i] for i in wanted if self._rows[i] >= 0}
        if rows:
            texts = self._fetch(list(rows.values()))
            for article_id, row in rows.items():
                self._texts[article_id] = texts[row]

    def title(self, article_id: str) -> str:
        row = self._row(article_id)
        title = None if row < 0 else self._titles.iloc[row]
        return "" if title is None or pd.isna(title) else str(title)

    def text(self, article_id: str) -> str | None:
        """The text of ``article_id`` (read by :meth:`load`); ``None`` without texts."""
        if self._fetch is None or self._row(article_id) < 0:
            return None
        if article_id not in self._texts:
            self.load([article_id])
        return self._texts[article_id]

    def sentence(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence holding ``[start, end)`` (widened to hold all of it), at
        most :data:`~framing.text.context.CONTEXT_CHARS` characters either side of it, cut at
        a space (:func:`~framing.text.context.sentence_context`)."""
        doc = self._docs.get(article_id)
        if doc is None:
            doc = self._docs[article_id] = Document(self.text(article_id) or "")
        return sentence_context(doc, start, end)


def _series(values: Sequence[Any] | pd.Series) -> pd.Series:
    if isinstance(values, pd.Series):
        return values.reset_index(drop=True)
    return pd.Series(list(values), dtype=object)


def draw_evidence(
    hits: pd.DataFrame,
    articles: ArticleTexts,
    *,
    figure: str,
    key: str | Sequence[str],
    per_group: int = 3,
    seed: int = 0,
) -> pd.DataFrame:
    """Up to ``per_group`` hits for every outlet and value of ``key``, drawn with a random
    stream of their own (so the same report always shows the same examples).

    Args:
        hits: rows of ``Extraction.hits`` (``id, outlet, start, end`` and the ``key`` columns).
        articles: the report's article texts.
        figure: the figure the evidence is for (a file stem under ``figures/``).
        key: the column(s) that name what a figure row or cell shows (a term, a speaker, a verb
            class); several columns are joined with " / ".

    Returns:
        Rows with :data:`EVIDENCE_COLUMNS`, by outlet and key.
    """
    keys = [key] if isinstance(key, str) else list(key)
    rows = []
    if hits.empty:
        return pd.DataFrame(columns=list(EVIDENCE_COLUMNS))
    picked = []
    at_ranks = _ranked_by_id_and_start(hits)
    for outlet, values, chosen in _groups(hits, keys):
        label = " / ".join(str(v) for v in values)
        rng = group_rng(seed, "evidence", figure, outlet, label)
        picks = np.sort(rng.choice(len(chosen), size=min(per_group, len(chosen)), replace=False))
        picked += [(outlet, label, row) for row in at_ranks(chosen, picks)]
    drawn = hits.iloc[[row for _, _, row in picked]].itertuples(index=False)
    picked = [(outlet, label, hit) for (outlet, label, _), hit in zip(picked, drawn, strict=True)]
    articles.load(str(hit.id) for _, _, hit in picked)  # the quoted texts, read once
    for outlet, label, hit in picked:
        article_id, start, end = str(hit.id), int(hit.start), int(hit.end)
        title = articles.title(article_id)
        text = articles.text(article_id)
        if text is None:  # an extraction without texts: the matched words alone
            match = str(hit.text) if "text" in hits.columns else ""
            rows.append((figure, str(outlet), label, article_id, title, start, end, match,
                         match, start))  # fmt: skip
            continue
        s, e = articles.sentence(article_id, start, end)
        rows.append(
            (figure, str(outlet), label, article_id, title, start, end, text[start:end],
             text[s:e], s)
        )  # fmt: skip
    return pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))


def _groups(hits: pd.DataFrame, keys: list[str]) -> Iterator[tuple[Any, list[Any], np.ndarray]]:
    """Per outlet and value of ``keys`` (in sorted order, rows missing any of them left
    out): the outlet, the key values and the group's rows (positions in ``hits``, in row
    order; :func:`_ranked_by_id_and_start` finds the few drawn in id and start order).

    The groups are those of sorting ``hits`` by outlet, keys, id and start (stable) and
    grouping it, but computed from the columns' sort codes alone: sorting the rows
    themselves copied every column of ten million attributions (0.7 GB at a million
    articles) to draw a few hundred of them. The rows are put in groups by one stable sort
    of a single code per row (the outlet's and keys' codes combined, in the narrowest
    integers that hold them): sorting every row by all four columns at once took ~0.23 GB
    at a million articles."""
    columns = ["outlet", *keys]
    codes = [_sort_codes(hits[c]) for c in columns]
    shape = [len(uniques) + 1 for _, uniques in codes]  # the last code: a missing value
    combined = _combined_codes([c for c, _ in codes], shape)
    order, cells, starts = _stable_groups(combined, int(np.prod(shape, dtype=np.int64)))
    del combined
    ends = np.append(starts[1:], len(order))[: len(starts)]
    for cell, first, last in zip(cells, starts, ends, strict=True):
        found = np.unravel_index(int(cell), shape)
        if any(code == len(uniques) for code, (_, uniques) in zip(found, codes, strict=True)):
            continue  # a missing outlet or key value: no group
        values = [uniques[code] for code, (_, uniques) in zip(found, codes, strict=True)]
        yield values[0], values[1:], order[first:last]


def _ranked_by_id_and_start(hits: pd.DataFrame) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """A function giving, for a group's rows (in row order) and sorted ranks, the rows at
    those ranks when the group is ordered by id, start and row (a stable sort by id and
    start).

    Only the few drawn ranks are found, each by a partition of the group's keys (the id's
    sort code and the start in one 64-bit integer) and its ties in row order, not by sorting
    the group: at a million articles a verb class's group holds ~180,000 attributions, and
    sorting each group took most of the evidence's time (~3 s of ~5)."""
    ids = _sort_codes(hits["id"], decoded=False)[0]
    starts = _sort_codes(hits["start"], decoded=False)[0]
    # (Ids are sort codes unless numeric: then their values, which may not fit 31 bits.)
    if len(ids) and (
        int(starts.min()) < 0
        or int(starts.max()) >= 2**32
        or int(ids.min()) < 0
        or int(ids.max()) >= 2**31
    ):

        def sorted_ranks(rows: np.ndarray, ranks: np.ndarray) -> np.ndarray:
            return rows[np.lexsort((starts[rows], ids[rows]))][ranks]

        return sorted_ranks

    def partitioned_ranks(rows: np.ndarray, ranks: np.ndarray) -> np.ndarray:
        keys = ids[rows].astype(np.int64)
        keys <<= 32
        keys |= starts[rows].astype(np.int64)
        found = []
        for rank, value in zip(ranks, np.partition(keys, ranks)[ranks], strict=True):
            # Rows with the same id and start follow each other in row order.
            below = int(np.count_nonzero(keys < value))
            found.append(rows[np.flatnonzero(keys == value)[rank - below]])
        return np.array(found, dtype=rows.dtype)

    return partitioned_ranks


#: Most cells :func:`_stable_groups` counts the rows of in one array (beyond: one argsort).
_MOST_CELLS = 1 << 20

#: Rows placed at a time by :func:`_stable_groups`.
_CHUNK = 1 << 20


def _stable_groups(combined: np.ndarray, cells: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of ``combined`` (codes below ``cells``) grouped by code, in code order and
    in row order within a code (a stable sort), with each group's code and where it starts.

    With few cells, a counting sort placed a chunk of rows at a time into 32-bit positions
    (at ten million rows, 42 MB and a few small chunks, where ``np.argsort`` holds 64-bit
    positions and a buffer as large: 168 MB)."""
    n = len(combined)
    if cells > _MOST_CELLS or n >= np.iinfo(np.int32).max:
        order = np.argsort(combined, kind="stable")
        ordered = combined[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if n else order[:0]
        return order, ordered[starts].astype(np.int64), starts
    sizes = np.bincount(combined, minlength=cells)
    filled = np.cumsum(sizes) - sizes  # where each code's next row goes
    order = np.empty(n, dtype=np.int32)
    for first in range(0, n, _CHUNK):
        chunk = combined[first : first + _CHUNK]
        local = np.argsort(chunk, kind="stable")
        ranked = chunk[local].astype(np.int64)
        here = np.bincount(chunk, minlength=cells)
        rank = np.arange(len(chunk)) - (np.cumsum(here) - here)[ranked]
        order[filled[ranked] + rank] = local + first
        filled += here
    cells_seen = np.flatnonzero(sizes)
    return order, cells_seen, (np.cumsum(sizes) - sizes)[cells_seen]


def _combined_codes(codes: list[np.ndarray], shape: list[int]) -> np.ndarray:
    """One code per row that sorts as the rows' ``codes`` sort column by column (row-major
    in ``shape``), in the narrowest integers that hold them, computed a chunk at a time."""
    cells = int(np.prod(shape, dtype=np.int64))
    combined = np.empty(len(codes[0]), dtype=code_dtype(cells))
    for first in range(0, len(combined), _CHUNK):
        flat = np.zeros(len(codes[0][first : first + _CHUNK]), dtype=np.int64)
        for part, size in zip(codes, shape, strict=True):
            flat *= size
            flat += part[first : first + _CHUNK]
        combined[first : first + _CHUNK] = flat
    return combined


def _sort_codes(values: pd.Series, decoded: bool = True) -> tuple[np.ndarray, Any]:
    """Integer codes that sort as ``values`` sort (a categorical by its categories' order,
    missing values last, coded ``len(uniques)``) and the values the codes stand for (numbers
    without missing values are their own codes when not ``decoded``)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    elif not decoded and pd.api.types.is_numeric_dtype(values.dtype) and not values.isna().any():
        return values.to_numpy(), None
    else:
        codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
    # The narrowest type that holds the missing code too: an outlet's or a verb class's
    # codes in one byte, not four, for each of ten million attributions.
    narrow = next(
        t for t in (np.int8, np.int16, np.int32, np.int64) if np.iinfo(t).max > len(uniques)
    )
    codes = codes.astype(narrow)
    codes[codes < 0] = len(uniques)
    return codes, uniques


def evidence_html(evidence: pd.DataFrame, limit: int = 60) -> str:
    """A collapsible block listing evidence rows: the sentence escaped with the match
    highlighted, the outlet, the key and the article's id and title."""
    if evidence is None or evidence.empty:
        return ""
    items = []
    for row in evidence.head(limit).itertuples(index=False):
        sentence = str(row.sentence)
        a, b = int(row.start) - int(row.sentence_start), int(row.end) - int(row.sentence_start)
        shown = (
            html.escape(sentence[:a]) + f'<mark style="background:#fde2b8">'
            f"{html.escape(sentence[a:b])}</mark>" + html.escape(sentence[b:])
        )
        source = html.escape(f"{row.id}" + (f", {row.title}" if row.title else ""))
        items.append(
            f'<li style="margin-bottom:.35em"><strong>{html.escape(row.outlet)}</strong> · '
            f'{html.escape(row.key)}: {shown} <span style="color:#666">({source})</span></li>'
        )
    more = len(evidence) - min(limit, len(evidence))
    tail = f"<p>... and {more} more in <code>tables/evidence.csv</code>.</p>" if more else ""
    return (
        '<details class="framing-evidence" style="margin:.4em 0 1.2em 0;font-size:88%">'
        f"<summary>Evidence: {len(evidence)} example(s) behind this figure</summary>"
        f'<ul style="max-width:52em">{"".join(items)}</ul>{tail}</details>'
    )
