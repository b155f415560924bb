"""Attribution asymmetry: how each outlet attributes the words of frequently quoted speakers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.stats.bootstrap import group_rng, ratio_bootstrap
from framing.stats.inputs import (
    attribution_hits,
    check_bootstrap,
    check_no_missing_groups,
    isin_names,
    most_quoted,
    speaker_codes,
)

__all__ = ["ASYMMETRY_SHARES", "RANKED_AT_LEAST", "RANKED_SOURCE_TYPES", "attribution_asymmetry"]

#: Attribution shares reported by :func:`attribution_asymmetry`: column suffix -> (hit column,
#: value).
ASYMMETRY_SHARES: dict[str, tuple[str, str]] = {
    "direct": ("kind", "direct"),
    "doubt": ("category", "doubt"),
    "endorsement": ("category", "endorsement"),
    "emotive": ("category", "emotive"),
}


#: Source types eligible for :func:`attribution_asymmetry`'s ``top`` speakers by default.
RANKED_SOURCE_TYPES = ("named", "organization")

#: The fewest speakers :func:`attribution_asymmetry` ranks (the ``top`` chosen, and the most
#: attributed ones a message about an unknown speaker lists).
RANKED_AT_LEAST = 8


def attribution_asymmetry(
    hits: pd.DataFrame,
    speakers: Sequence[str] | None = None,
    *,
    top: int = 10,
    by: str = "outlet",
    source_types: Sequence[str] = RANKED_SOURCE_TYPES,
    min_attributions: int = 5,
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
) -> pd.DataFrame:
    r"""How each outlet attributes the words of frequently quoted speakers.

    For each speaker x outlet cell: the number of attributions and the share of them that
    are direct quotations (``kind == "direct"``; partial quotes inside paraphrase, ``mixed``,
    do not count) and that use doubt (``claimed``, ``insisted``), endorsing (``pointed out``,
    ``confirmed``) or emotive (``fumed``, ``lashed out``) cues. A share is
    :math:`\sum_a k_a / \sum_a n_a` over the articles of the cell; its interval is a
    percentile bootstrap resampling those articles with replacement (attributions in one
    article share a writer and a context, so they are clustered).

    Args:
        hits: ``Extraction.hits``.
        speakers: canonical speaker names to report, in this order (a name absent as
            written is matched whatever its capitals); default the ``top`` most attributed
            speakers (ties broken by name).
        top: number of speakers when ``speakers`` is not given.
        by: the grouping column.
        source_types: source types eligible for the ``top`` selection (anonymous sources
            such as "officials" are not one speaker across articles).
        min_attributions: cells with fewer attributions get ``below_min=True`` and ``NaN``
            shares and intervals (insufficient, not zero).
        n_boot: bootstrap resamples.
        seed: seed of the random streams (one per cell, from ``seed``, speaker and outlet).
        ci: coverage of the intervals.

    Returns:
        One row per speaker x outlet (every outlet with attributions, so cells without any
        appear with 0 attributions): ``speaker, outlet, attributions, articles``, then for
        each of ``direct, doubt, endorsement, emotive``: ``share_<x>, share_<x>_low,
        share_<x>_high``; then ``below_min``.

    Raises:
        ValueError: missing columns, a listed speaker without any attribution (the message
            lists the most attributed ones), or invalid parameters.

    References:
        Efron & Tibshirani (1993); Field & Welsh (2007).

    Examples:
        >>> hits = pd.DataFrame({
        ...     "id": ["a1", "a1", "a2", "b1", "b1"], "outlet": ["A", "A", "A", "B", "B"],
        ...     "detector": "attribution", "speaker": "Mara Velic",
        ...     "category": ["doubt", "neutral", "doubt", "neutral", "endorsement"],
        ...     "kind": ["direct", "indirect", "indirect", "direct", "direct"],
        ...     "source_type": "named",
        ... })
        >>> table = attribution_asymmetry(hits, min_attributions=2)
        >>> table[["speaker", "outlet", "attributions", "share_doubt", "share_direct"]]
              speaker outlet  attributions  share_doubt  share_direct
        0  Mara Velic      A             3     0.666667      0.333333
        1  Mara Velic      B             2     0.000000      1.000000
    """
    check_bootstrap(n_boot, ci, seed)
    att = attribution_hits(hits, by)
    check_no_missing_groups(att, by, "attribution hits")
    # Ranked on the speaker codes (ties by name, as strings sort), not on a table of every
    # speaker's name: at a million articles there are 4.5 M of them.
    codes, names = speaker_codes(att["speaker"])
    eligible = att["source_type"].isin(list(source_types)).to_numpy(dtype=bool)
    ranked = most_quoted(codes, names, att["source_type"], max(top, RANKED_AT_LEAST), eligible)
    frequency = [str(s) for s in ranked["speaker"]]
    if speakers is None:
        chosen = frequency[:top]
    else:
        present = {str(s) for s in att["speaker"].dropna().unique()}
        # A name as the articles write it, whatever its capitals (the report's slices keep
        # one form of each speaker: "police" for "Police" too).
        chosen = [str(s) for s in speakers]
        if any(s not in present for s in chosen):
            forms = {name.lower(): name for name in sorted(present, reverse=True)}
            chosen = [s if s in present else forms.get(s.lower(), s) for s in chosen]
        unknown = [s for s in chosen if s not in present]
        if unknown:
            common = ", ".join(repr(s) for s in frequency[:8])
            raise ValueError(
                f"no attributions to speaker(s) {', '.join(map(repr, unknown))}; "
                f"most attributed: {common}"
            )
    groups = att[by]
    if isinstance(groups.dtype, pd.CategoricalDtype):  # the categories used, no string per hit
        codes_used = np.unique(groups.cat.codes.to_numpy())
        outlets = sorted(str(groups.cat.categories[c]) for c in codes_used if c >= 0)
    else:
        outlets = sorted(groups.astype(str).unique().tolist())
    share_names = list(ASYMMETRY_SHARES)
    # Per speaker x outlet x article: attributions and how many of them have each feature
    # (the sufficient statistics of the cell's shares and of its cluster bootstrap).
    speaker = att["speaker"]
    named_by_strings = isinstance(speaker.dtype, pd.CategoricalDtype) and (
        speaker.cat.categories.inferred_type in ("string", "empty")
    )
    if not named_by_strings:  # match names as strings (a categorical matches per name)
        speaker = speaker.astype(str).where(speaker.notna())
    mine = att[isin_names(speaker, chosen)]
    counts = pd.DataFrame(
        {
            "speaker": mine["speaker"].astype(str).to_numpy(),
            by: mine[by].astype(str).to_numpy(),
            "id": mine["id"].astype(str).to_numpy(),
            "n": 1.0,
            **{
                name: (mine[column] == value).fillna(False).to_numpy(dtype=float)
                for name, (column, value) in ASYMMETRY_SHARES.items()
            },
        }
    )
    per_article = counts.groupby(["speaker", by, "id"], sort=True).sum()
    cells = {key: frame for key, frame in per_article.groupby(level=[0, 1], sort=False)}
    empty = per_article.iloc[:0]

    rows = []
    for speaker in chosen:
        for outlet in outlets:
            cell = cells.get((speaker, outlet), empty)
            n = int(cell["n"].sum())
            below = n < min_attributions
            shares = low = high = np.full(len(share_names), np.nan)
            if not below:
                numerators = cell[share_names].to_numpy()
                denominators = cell["n"].to_numpy()
                shares = numerators.sum(axis=0) / denominators.sum()
                low, high = ratio_bootstrap(
                    numerators,
                    denominators,
                    n_boot=n_boot,
                    ci=ci,
                    rng=group_rng(seed, speaker, outlet),
                    scale=1.0,
                )
            values: list[Any] = [speaker, outlet, n, len(cell)]
            for j in range(len(share_names)):
                values += [float(shares[j]), float(low[j]), float(high[j])]
            rows.append((*values, below))
    columns = ["speaker", by, "attributions", "articles"]
    for name in share_names:
        columns += [f"share_{name}", f"share_{name}_low", f"share_{name}_high"]
    out = pd.DataFrame(rows, columns=[*columns, "below_min"]).astype(
        {"attributions": "int64", "articles": "int64", "below_min": "bool"}
    )
    out.attrs.update(
        {
            "speakers": chosen,
            "min_attributions": int(min_attributions),
            "n_boot": int(n_boot),
            "seed": int(seed),
            "ci": float(ci),
            "method": "percentile bootstrap, articles resampled within speaker x " + by,
            "shares": {k: f"{c} == {v!r}" for k, (c, v) in ASYMMETRY_SHARES.items()},
        }
    )
    return out
