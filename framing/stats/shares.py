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
that resamples whole articles within the outlet (:func:`framing.stats.bootstrap.ratio_bootstrap`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.stats.bootstrap import group_rng, ratio_bootstrap
from framing.stats.inputs import check_bootstrap, check_columns, check_no_missing_groups, sort_rows
from framing.types import SOURCE_TYPES

__all__ = ["GENDERS", "outlet_shares", "share_of_voice", "source_types", "voice_by_gender"]

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
    rows = []
    for name, group in frame.groupby(by, sort=True, observed=True):
        counts = group[list(parts)].to_numpy(dtype=float)
        totals = group[total].to_numpy(dtype=float)
        below = len(group) < min_articles
        whole = float(totals.sum())
        shares = counts.sum(axis=0) / whole if whole and not below else np.full(len(parts), np.nan)
        lows = highs = np.full(len(parts), np.nan)
        if not below and whole:
            lows, highs = ratio_bootstrap(
                counts, totals, n_boot=n_boot, ci=ci, rng=group_rng(seed, "shares", name), scale=1.0
            )
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
    present = [t for t in SOURCE_TYPES if f"attr_{t}" in articles.columns]
    return outlet_shares(
        articles, [f"attr_{t}" for t in present], "attributions", names=present, **options
    ).rename(columns={"part": "source_type"})


def voice_by_gender(
    hits: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet", **options: object
) -> pd.DataFrame:
    """Shares of each outlet's attributions to named people by the gender the articles mark.

    Only attributions to named people count (``source_type == "named"``); ``unknown`` are those
    whose gender the article does not mark. ``options`` go to :func:`outlet_shares`.
    """
    check_columns(hits, ["id", "detector", "source_type", "speaker_gender"], "hits")
    named = hits[(hits["detector"] == "attribution") & (hits["source_type"] == "named")]
    gender = (
        named["speaker_gender"].astype(object).where(named["speaker_gender"].notna(), "unknown")
    )
    counts = pd.crosstab(named["id"], gender).reindex(columns=list(GENDERS), fill_value=0)
    frame = articles[["id", by]].merge(counts, left_on="id", right_index=True, how="left")
    frame[list(GENDERS)] = frame[list(GENDERS)].fillna(0).astype("int64")
    frame["named"] = frame[list(GENDERS)].sum(axis=1)
    return outlet_shares(frame, list(GENDERS), "named", by=by, **options).rename(
        columns={"part": "gender"}
    )


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
    att = hits[(hits["detector"] == "attribution") & (hits["source_type"] != "unresolved")]
    att = att[att["speaker"].notna()]
    rows = []
    for outlet, group in sort_rows(articles[["id", by, "attributions"]], ["id", by]).groupby(
        by, sort=True, observed=True
    ):
        ids = group["id"].astype(str).tolist()
        totals = group["attributions"].to_numpy(dtype=float)
        mine = att[att[by] == outlet]
        ranked = (
            mine.groupby("speaker", observed=True)
            .agg(n=("kind", "size"), source_type=("source_type", "first"))
            .reset_index()
            .sort_values(["n", "speaker"], ascending=[False, True], kind="mergesort")
            .head(top)
        )
        below = len(group) < min_articles
        for rank, speaker in enumerate(ranked.itertuples(index=False), start=1):
            said = mine[mine["speaker"] == speaker.speaker]
            # Ids as plain strings: reindexing by the outlet's ids is then a hash look-up
            # (on a categorical index it compares the whole category set each time).
            said_ids = said["id"].astype(str)
            per_article = said.groupby(said_ids).size().reindex(ids, fill_value=0).to_numpy(float)
            direct_rows = said["kind"] == "direct"
            direct = (
                said[direct_rows.to_numpy(dtype=bool, na_value=False)]
                .groupby(said_ids[direct_rows.to_numpy(dtype=bool, na_value=False)])
                .size()
                .reindex(ids, fill_value=0)
                .to_numpy(float)
            )
            share = speaker.n / totals.sum() if totals.sum() else math.nan
            direct_share = direct.sum() / speaker.n if speaker.n else math.nan
            s_low = s_high = d_low = d_high = math.nan
            if not below:
                rng = group_rng(seed, "share_of_voice", outlet, speaker.speaker)
                lows, highs = ratio_bootstrap(
                    per_article[:, None], totals, n_boot=n_boot, ci=ci, rng=rng, scale=1.0
                )
                s_low, s_high = float(lows[0]), float(highs[0])
                lows, highs = ratio_bootstrap(
                    direct[:, None], per_article, n_boot=n_boot, ci=ci, rng=rng, scale=1.0
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
