"""Shares per outlet with cluster-bootstrap intervals: who gets to speak, and as what.

- :func:`outlet_shares`: the share of a total that each part takes in each outlet (sources by
  type among attributions; speakers by gender among named people).
- :func:`source_types`: the sources of an outlet's attributions by type (named, organisation,
  anonymous, ...).
- :func:`share_of_voice`: the most quoted speakers of each outlet, their share of its
  attributions and how often they are quoted directly.
- :func:`voice_by_gender`: the share of an outlet's attributions to named people whom the
  articles themselves mark as women or men (``speaker_gender``: a pronoun resolved to the
  person, or a gendered title; never guessed from a name), or do not mark.

Every share is a ratio of sums over the outlet's articles; its interval is a percentile bootstrap
that resamples whole articles within the outlet; all estimates on one outlet share its resamples
(:class:`framing.stats.bootstrap.ArticleResamples`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.stats.bootstrap import ArticleResamples, percentile_ratio, shared_resamples
from framing.stats.inputs import (
    check_bootstrap,
    check_columns,
    check_no_missing_groups,
    code_counts,
    group_codes,
    id_sorted_groups,
    most_quoted,
    sort_rows,
    speaker_codes,
    take_by_codes,
)
from framing.types import SOURCE_TYPES

__all__ = [
    "GENDERS",
    "gender_counts",
    "outlet_shares",
    "share_of_voice",
    "share_of_voice_columns",
    "source_type_columns",
    "source_types",
    "voice_by_gender",
]

#: Values of the gender a share of voice is broken down by.
GENDERS = ("female", "male", "unknown")


def outlet_shares(
    articles: pd.DataFrame,
    parts: Sequence[str],
    total: str,
    *,
    by: str = "outlet",
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    min_articles: int = 5,
    names: Sequence[str] | None = None,
    resamples: ArticleResamples | None = None,
) -> pd.DataFrame:
    """The share of ``total`` that each of ``parts`` takes, per outlet, with intervals.

    Args:
        articles: one row per article with ``id``, ``by``, the ``parts`` count columns and the
            ``total`` count column (the parts need not add up to it).
        parts: count columns, one per part.
        total: the count column of the whole.
        by: the grouping column.
        n_boot, seed, ci: the bootstrap (articles resampled within the outlet; one random
            stream per outlet).
        min_articles: outlets with fewer articles get ``NaN`` shares and ``below_min=True``.
        names: the parts' names in the result (default: the column names).
        resamples: the outlets' article resamples, shared with the run's other estimates
            (default: drawn here; the same draws either way).

    Returns:
        One row per outlet and part: ``outlet, part, count, total, share, ci_low, ci_high,
        articles, below_min``.

    Examples:
        >>> articles = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
        ...     "attributions": [4, 2, 3], "attr_anonymous": [2, 0, 3]})
        >>> shares = outlet_shares(articles, ["attr_anonymous"], "attributions",
        ...                        names=["anonymous"], min_articles=1)
        >>> shares[["outlet", "part", "count", "total", "share"]].values.tolist()
        [['X', 'anonymous', 2, 6, 0.3333333333333333], ['Y', 'anonymous', 3, 3, 1.0]]
    """
    check_bootstrap(n_boot, ci, seed)
    check_columns(articles, ["id", by, total, *parts], "articles")
    check_no_missing_groups(articles, by, "articles")
    labels = list(names) if names is not None else list(parts)
    frame = sort_rows(articles[["id", by, total, *parts]], ["id", by])
    resamples = shared_resamples(resamples, seed, n_boot)
    rows = []
    for name, group in frame.groupby(by, sort=True, observed=True):
        counts = group[list(parts)].to_numpy(dtype=float)
        totals = group[total].to_numpy(dtype=float)
        below = len(group) < min_articles
        whole = float(totals.sum())
        shares = counts.sum(axis=0) / whole if whole and not below else np.full(len(parts), np.nan)
        lows = highs = np.full(len(parts), np.nan)
        if not below and whole:
            sums = resamples.sums(
                name, group["id"].astype(str).tolist(), np.column_stack([counts, totals])
            )
            lows, highs = percentile_ratio(sums[:, :-1], sums[:, -1], ci=ci, scale=1.0)
        for k, label in enumerate(labels):
            rows.append(
                (
                    name,
                    label,
                    int(counts[:, k].sum()),
                    int(whole),
                    float(shares[k]),
                    float(lows[k]),
                    float(highs[k]),
                    len(group),
                    below,
                )
            )
    out = pd.DataFrame(
        rows,
        columns=[
            by,
            "part",
            "count",
            "total",
            "share",
            "ci_low",
            "ci_high",
            "articles",
            "below_min",
        ],
    )
    out.attrs.update(
        {
            "n_boot": int(n_boot),
            "seed": int(seed),
            "ci": float(ci),
            "min_articles": int(min_articles),
            "total": total,
        }
    )
    return out


def source_types(articles: pd.DataFrame, **options: object) -> pd.DataFrame:
    """Sources of each outlet's attributions by type, as shares with intervals.

    ``articles`` is ``Extraction.articles`` (``attr_<type>`` counts and ``attributions``);
    ``options`` go to :func:`outlet_shares`. Types without a column are left out.
    """
    parts = source_type_columns(articles)
    present = [c.removeprefix("attr_") for c in parts]
    return outlet_shares(articles, parts, "attributions", names=present, **options).rename(
        columns={"part": "source_type"}
    )


def source_type_columns(articles: pd.DataFrame) -> list[str]:
    """The count columns :func:`source_types` shares out (``attr_<type>`` of the types
    ``articles`` has, in :data:`~framing.types.SOURCE_TYPES` order), without the total
    ``attributions``."""
    return [f"attr_{t}" for t in SOURCE_TYPES if f"attr_{t}" in articles.columns]


def voice_by_gender(
    hits: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet", **options: object
) -> pd.DataFrame:
    """Shares of each outlet's attributions to named people by the gender the articles mark.

    Only attributions to named people count (``source_type == "named"``); ``unknown`` are those
    whose gender the article does not mark. ``options`` go to :func:`outlet_shares`.
    """
    frame = gender_counts(hits, articles, by)
    return outlet_shares(frame, list(GENDERS), "named", by=by, **options).rename(
        columns={"part": "gender"}
    )


def gender_counts(hits: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Per article (the rows of ``articles``): its attributions to named people by the gender
    the article marks (``female``, ``male``, ``unknown``) and in all (``named``)."""
    check_columns(hits, ["id", "detector", "source_type", "speaker_gender"], "hits")
    # Every hit's article looked up once and the named attributions counted through a mask:
    # a copy of the named rows (4.5 M at a million articles) took 74 MB more.
    named = ((hits["detector"] == "attribution") & (hits["source_type"] == "named")).to_numpy(
        dtype=bool, na_value=False
    )
    gender = hits["speaker_gender"]
    counter = _ArticleCounter(articles["id"], hits["id"])
    frame = articles[["id", by]].copy()
    for value in GENDERS:
        # An unmarked gender counts as "unknown" (compared on the column as it is held:
        # a categorical compares per category, no string is made per hit).
        marked = (gender == value).to_numpy(dtype=bool, na_value=False)
        if value == "unknown":
            marked = marked | gender.isna().to_numpy(dtype=bool)
        frame[value] = counter.counts(marked & named).astype("int64")
    frame["named"] = frame[list(GENDERS)].sum(axis=1)
    return frame


class _ArticleCounter:
    """Counts of chosen hits per article, aligned with ``article_ids`` (an article listed
    twice gets its id's count twice; hits of other articles are not counted).

    Each hit's article is found once, by a hash look-up in Arrow (``index_in``: the first
    article row with the id, on a categorical's categories each id once, not per hit), so
    every count is one bincount. A pandas index of the ids built a hash table of Python
    strings: ~0.15 GB for the million ids of a million articles, twice per report.
    """

    def __init__(self, article_ids: pd.Series, hit_ids: pd.Series) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        def strings(values: Any) -> Any:  # as strings in Arrow (missing: null)
            return pa.array(values.astype(str)).cast(pa.large_string())

        ids = strings(article_ids)

        def first_rows(values: Any) -> np.ndarray:
            found = pc.index_in(values, value_set=ids)
            return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)

        self.size = len(ids)
        self.article_rows = first_rows(ids)
        if isinstance(hit_ids.dtype, pd.CategoricalDtype):
            # Only the ids these hits use are looked up (one outlet's hits use a few of a
            # million categories); each hit's article row kept in 32 bits, a chunk at a time
            # (NumPy widens the codes to 64 bits to index with them).
            codes = hit_ids.array.codes
            categories = hit_ids.cat.categories
            used = np.flatnonzero(code_counts(codes, len(categories)))
            # The last entry: a missing id (code -1), found in no article.
            rows = np.full(len(categories) + 1, -1, dtype=_row_type(self.size))
            rows[used] = first_rows(strings(categories[used]))
            self.hit_rows = take_by_codes(rows, codes)
        else:
            self.hit_rows = first_rows(strings(hit_ids)).astype(_row_type(self.size))

    def counts(self, chosen: np.ndarray) -> np.ndarray:
        rows = self.hit_rows[np.asarray(chosen, dtype=bool) & (self.hit_rows >= 0)]
        return np.bincount(rows, minlength=self.size)[self.article_rows]


def _row_type(rows: int) -> type[np.signedinteger[Any]]:
    """The integers that hold an article's row among ``rows`` (and -1)."""
    return np.int32 if rows < np.iinfo(np.int32).max else np.int64


def _voice_columns(
    hits: pd.DataFrame, articles: pd.DataFrame, top: int, by: str
) -> Iterator[tuple[Any, list[str], np.ndarray, pd.DataFrame, list[np.ndarray]]]:
    """Per outlet: its article ids (sorted), their attributions, its ``top`` most quoted
    speakers, and the per-article columns of its share-of-voice ratios (the attributions,
    then for each speaker their attributions and their direct quotations)."""
    chosen = _voiced(hits)
    for outlet, group in id_sorted_groups(articles[["id", by, "attributions"]], by):
        yield outlet, *_outlet_voice(hits, chosen, group, outlet, top, by)


def _voiced(hits: pd.DataFrame) -> np.ndarray:
    """Which rows of ``hits`` are attributions to a resolved speaker."""
    return (
        (hits["detector"] == "attribution")
        & (hits["source_type"] != "unresolved")
        & hits["speaker"].notna()
    ).to_numpy(dtype=bool, na_value=False)


def _outlet_voice(
    hits: pd.DataFrame, chosen: np.ndarray, group: pd.DataFrame, outlet: Any, top: int, by: str
) -> tuple[list[str], np.ndarray, pd.DataFrame, list[np.ndarray]]:
    """:func:`_voice_columns` of one outlet, whose articles are ``group`` (sorted by id)."""
    # The outlet's rows and the columns used only: a copy of five columns of every
    # attribution (~0.14 GB at a million articles) is never held at once.
    used = ["id", by, "speaker", "kind", "source_type"]
    ids = group["id"].astype(str).tolist()
    totals = group["attributions"].to_numpy(dtype=float)
    mine = hits.loc[chosen & (hits[by] == outlet).to_numpy(dtype=bool, na_value=False), used]
    codes, names = speaker_codes(mine["speaker"])
    ranked = most_quoted(codes, names, mine["source_type"], top)
    counter = _ArticleCounter(pd.Series(ids), mine["id"])
    is_direct = (mine["kind"] == "direct").to_numpy(dtype=bool, na_value=False)
    columns = [totals]
    for code in ranked["code"]:
        said = codes == code
        columns.append(counter.counts(said).astype(float))
        columns.append(counter.counts(said & is_direct).astype(float))
    return ids, totals, ranked, columns


class _VoiceColumns(Mapping[Any, tuple[list[str], np.ndarray]]):
    """:func:`share_of_voice_columns`: each outlet's entry computed when it is looked up and
    not kept, so a pass over the outlets holds one outlet's ids and columns at a time (all
    of them at once: ~0.16 GB at a million articles)."""

    def __init__(self, hits: pd.DataFrame, articles: pd.DataFrame, top: int, by: str) -> None:
        self._hits, self._top, self._by = hits, top, by
        self._articles = articles[["id", by, "attributions"]]
        codes, groups = group_codes(self._articles[by])
        self._outlets = [groups[c] for c in np.unique(codes) if c >= 0]
        self._chosen: np.ndarray | None = None

    def __getitem__(self, outlet: Any) -> tuple[list[str], np.ndarray]:
        if outlet not in self._outlets:
            raise KeyError(outlet)
        if self._chosen is None:
            self._chosen = _voiced(self._hits)
        rows = self._articles[(self._articles[self._by] == outlet).to_numpy(dtype=bool)]
        group = rows.sort_values("id", kind="mergesort", na_position="last")
        ids, _, _, columns = _outlet_voice(
            self._hits, self._chosen, group, outlet, self._top, self._by
        )
        return ids, np.column_stack(columns)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._outlets)

    def __len__(self) -> int:
        return len(self._outlets)


def share_of_voice_columns(
    hits: pd.DataFrame, articles: pd.DataFrame, *, top: int = 5, by: str = "outlet"
) -> Mapping[Any, tuple[list[str], np.ndarray]]:
    """The per-article columns :func:`share_of_voice` resamples, per outlet: its article ids
    (sorted) and an ``(articles, 1 + 2 * top)`` matrix (to warm shared resamples with).

    A read-only mapping whose entries are computed when looked up, and again each time:
    :meth:`~framing.stats.ArticleResamples.warm` looks each outlet up once, and holds one
    outlet's columns at a time."""
    return _VoiceColumns(hits, articles, top, by)


def share_of_voice(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    top: int = 5,
    by: str = "outlet",
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    min_articles: int = 5,
    resamples: ArticleResamples | None = None,
) -> pd.DataFrame:
    """The ``top`` most quoted speakers of each outlet: their share of its attributions, and
    the share of their attributions that are direct quotations, with intervals.

    Unresolved speakers ("they" with no antecedent) are not ranked.

    Returns:
        One row per outlet and speaker, most quoted first: ``outlet, rank, speaker,
        source_type, attributions, outlet_attributions, share, share_low, share_high, direct,
        direct_share, direct_low, direct_high``.

    Examples:
        >>> hits = pd.DataFrame({"id": ["a", "a", "b"], "outlet": ["X"] * 3,
        ...     "detector": ["attribution"] * 3, "speaker": ["Ana", "Ben", "Ana"],
        ...     "kind": ["direct", "indirect", "indirect"], "source_type": ["named"] * 3})
        >>> articles = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "X"],
        ...                          "attributions": [2, 1]})
        >>> sov = share_of_voice(hits, articles, min_articles=1, n_boot=100)
        >>> sov[["speaker", "attributions", "share", "direct_share"]].values.tolist()
        [['Ana', 2, 0.6666666666666666, 0.5], ['Ben', 1, 0.3333333333333333, 0.0]]
    """
    check_bootstrap(n_boot, ci, seed)
    check_columns(hits, ["id", by, "detector", "speaker", "kind", "source_type"], "hits")
    check_columns(articles, ["id", by, "attributions"], "articles")
    resamples = shared_resamples(resamples, seed, n_boot)
    rows = []
    for outlet, ids, totals, ranked, columns in _voice_columns(hits, articles, top, by):
        below = len(ids) < min_articles
        sums = None
        if not below and len(ranked):
            # The outlet's resamples, shared with its other estimates: one pass for all its
            # ranked speakers.
            sums = resamples.sums(outlet, ids, np.column_stack(columns))
        for rank, speaker in enumerate(ranked.itertuples(index=False), start=1):
            direct = columns[2 * rank]
            share = speaker.n / totals.sum() if totals.sum() else math.nan
            direct_share = direct.sum() / speaker.n if speaker.n else math.nan
            s_low = s_high = d_low = d_high = math.nan
            if sums is not None:
                lows, highs = percentile_ratio(
                    sums[:, [2 * rank - 1]], sums[:, 0], ci=ci, scale=1.0
                )
                s_low, s_high = float(lows[0]), float(highs[0])
                lows, highs = percentile_ratio(
                    sums[:, [2 * rank]], sums[:, 2 * rank - 1], ci=ci, scale=1.0
                )
                d_low, d_high = float(lows[0]), float(highs[0])
            rows.append(
                (
                    outlet,
                    rank,
                    speaker.speaker,
                    speaker.source_type,
                    int(speaker.n),
                    int(totals.sum()),
                    share,
                    s_low,
                    s_high,
                    int(direct.sum()),
                    direct_share,
                    d_low,
                    d_high,
                )
            )
    out = pd.DataFrame(
        rows,
        columns=[
            by,
            "rank",
            "speaker",
            "source_type",
            "attributions",
            "outlet_attributions",
            "share",
            "share_low",
            "share_high",
            "direct",
            "direct_share",
            "direct_low",
            "direct_high",
        ],
    )
    out.attrs.update(
        {
            "n_boot": int(n_boot),
            "seed": int(seed),
            "ci": float(ci),
            "top": int(top),
            "min_articles": int(min_articles),
        }
    )
    return out
