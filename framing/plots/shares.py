"""Shares and rates in panels: one panel per part (a source type, a gender, a marker), one row
per outlet, a dot with its interval; and the most quoted speakers of each outlet."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure

from framing.plots.common import (
    add_note,
    finish,
    mark_missing,
    percent_label,
    require_columns,
    ticks_above_when_tall,
)
from framing.plots.style import OKABE_ITO, outlet_colors, plain_text, style

__all__ = ["SHARED_SCALE_RATIO", "panel_figure", "share_of_voice_figure"]


def panel_figure(
    table: pd.DataFrame,
    *,
    panel: str,
    value: str = "share",
    low: str = "ci_low",
    high: str = "ci_high",
    outlet: str = "outlet",
    panels: Sequence[str] | None = None,
    title: str,
    xlabel: str,
    percent: bool = True,
    note: str | None = None,
) -> Figure:
    """Small multiples: a panel per value of ``panel``, a row per outlet, a dot and its interval.

    Missing values (too few articles) are marked in the row, never drawn as 0.

    Examples:
        >>> df = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "part": ["x", "y"] * 2,
        ...     "share": [0.2, 0.8, 0.5, float("nan")], "ci_low": [0.1, 0.7, 0.4, float("nan")],
        ...     "ci_high": [0.3, 0.9, 0.6, float("nan")]})
        >>> fig = panel_figure(df, panel="part", title="t", xlabel="share")
        >>> [ax.get_title() for ax in fig.axes]
        ['x', 'y']
    """
    require_columns(table, [outlet, panel, value, low, high], "panel_figure")
    names = list(panels) if panels is not None else list(dict.fromkeys(table[panel].astype(str)))
    outlets = sorted(table[outlet].astype(str).unique(), reverse=True)
    colours = outlet_colors(sorted(outlets))
    data = table.assign(**{outlet: table[outlet].astype(str), panel: table[panel].astype(str)})
    keyed = data.set_index([outlet, panel])
    top = max(float(data[high].max(skipna=True) or 0), float(data[value].max(skipna=True) or 0))
    right = 1.02 if percent else (top * 1.08 if top > 0 else 1.0)
    with style():
        width = min(12.0, 2.3 * len(names) + 2.0)
        fig = Figure(figsize=(width, 0.42 * len(outlets) + 1.6), layout="constrained")
        axes = fig.subplots(1, len(names), sharey=True, squeeze=False)[0]
        for ax, name in zip(axes, names, strict=True):
            for y, out in enumerate(outlets):
                colour, marker = colours[out]
                if (out, name) not in keyed.index or pd.isna(keyed.loc[(out, name), value]):
                    mark_missing(ax, y, "n/a", x=0.02, fontsize=7)
                    continue
                row = keyed.loc[(out, name)]
                x = float(row[value])
                if not (pd.isna(row[low]) or pd.isna(row[high])):
                    err = [[max(0.0, x - row[low])], [max(0.0, row[high] - x)]]
                    ax.errorbar(
                        x, y, xerr=err, fmt="none", ecolor=colour, elinewidth=1.6, capsize=2.5
                    )
                ax.plot([x], [y], marker=marker, color=colour, markersize=7, linestyle="none")
            ax.set_title(plain_text(name), fontsize=9)
            ax.set_xlim(-0.02 * right, right)
            if percent:
                ax.xaxis.set_major_formatter(percent_label)
            ticks_above_when_tall(ax, len(outlets))
        axes[0].set_yticks(range(len(outlets)), [plain_text(o) for o in outlets])
        axes[0].set_ylim(-0.6, len(outlets) - 0.4)
        fig.supxlabel(plain_text(xlabel), fontsize=9)
        fig.suptitle(plain_text(title), x=0.01, ha="left")
        add_note(fig, note)
        return finish(fig)


def share_of_voice_figure(
    table: pd.DataFrame, *, title: str = "Who gets to speak", note: str | None = None
) -> Figure:
    """A panel per outlet: its most quoted speakers, each a bar of their share of the outlet's
    attributions (with its interval), with the share of their words quoted directly.

    ``table`` is :func:`framing.stats.share_of_voice`.
    """
    require_columns(
        table,
        ["outlet", "speaker", "share", "share_low", "share_high", "direct_share"],
        "share_of_voice_figure",
    )
    outlets = sorted(table["outlet"].astype(str).unique())
    colours = outlet_colors(outlets)
    top = max(1, int(table.groupby("outlet").size().max()) if len(table) else 1)
    columns = min(3, max(1, len(outlets)))
    rows = math.ceil(len(outlets) / columns) if outlets else 1
    limits, own_scales = _voice_limits(table, outlets)
    if own_scales:
        note = (note + " " if note else "") + (
            "Each panel has its own scale: the outlets' largest shares differ more than "
            f"{SHARED_SCALE_RATIO:g}-fold (compare bars within a panel, numbers across panels)."
        )
    with style():
        fig = Figure(
            figsize=(3.6 * columns + 0.6, rows * (0.32 * top + 1.1) + 0.6), layout="constrained"
        )
        axes = fig.subplots(rows, columns, squeeze=False).ravel()
        for ax, out in zip(axes, outlets, strict=False):
            part = table[table["outlet"].astype(str) == out].sort_values("share")
            colour = colours[out][0]
            ys = range(len(part))
            ax.barh(list(ys), part["share"], color=colour, alpha=0.85, height=0.6)
            for y, row in zip(ys, part.itertuples(index=False), strict=True):
                if not (pd.isna(row.share_low) or pd.isna(row.share_high)):
                    ax.plot(
                        [row.share_low, row.share_high],
                        [y, y],
                        color=OKABE_ITO["black"],
                        linewidth=1,
                    )
                direct = "" if pd.isna(row.direct_share) else f"{row.direct_share:.0%} direct"
                # Beside the panel, not inside it: an interval may reach the panel's edge.
                ax.text(
                    1.03,
                    y,
                    direct,
                    transform=ax.get_yaxis_transform(),
                    ha="left",
                    va="center",
                    fontsize=7,
                    color="#444444",
                )
            ax.set_yticks(list(ys), [plain_text(s) for s in part["speaker"]], fontsize=8)
            limit = limits[out]
            ax.set_xlim(0, limit)
            # (a scale of a few percent is labelled to a tenth: 0.5%, 1.0%, 1.5%)
            ax.xaxis.set_major_formatter(percent_label if limit >= 0.05 else "{:.1%}".format)
            ax.set_title(plain_text(out), fontsize=9, loc="left")
        for ax in axes[len(outlets) :]:
            ax.set_visible(False)
        fig.supxlabel("share of the outlet's attributions", fontsize=9)
        fig.suptitle(plain_text(title), x=0.01, ha="left")
        add_note(fig, note)
        return finish(fig)


#: Share-of-voice panels share one scale unless the outlets' largest shares (upper bounds
#: included) differ more than this many times; then each panel gets its own.
SHARED_SCALE_RATIO = 3.0
#: The narrowest scale of a share-of-voice panel (a share of 1 %).
_MIN_VOICE_SCALE = 0.01


def _voice_limits(table: pd.DataFrame, outlets: Sequence[str]) -> tuple[dict[str, float], bool]:
    """Each outlet's panel's right end, and whether the panels have scales of their own.

    One scale, 15 % beyond the largest share or upper bound of any outlet, keeps bars
    comparable across panels while the outlets' largest shares are of a size; when they
    differ more than :data:`SHARED_SCALE_RATIO`-fold (a small outlet's top speaker has a
    fifth of its few attributions, a large outlet's a hundredth of many), the common scale
    makes the large outlets' bars slivers, so each panel ends 15 % beyond its own. No scale
    is narrower than 1 % (a share of a few in a thousand is drawn as small) nor wider than
    100 %.

    Examples:
        >>> t = pd.DataFrame({"outlet": ["A", "B"], "share": [0.2, 0.01],
        ...                   "share_high": [0.25, 0.02]})
        >>> _voice_limits(t, ["A", "B"])
        ({'A': 0.2875, 'B': 0.023}, True)
    """
    tops = {}
    for out in outlets:
        part = table.loc[table["outlet"].astype(str) == out, ["share", "share_high"]]
        top = part.max(skipna=True).max(skipna=True) if len(part) else math.nan
        tops[out] = float(top) if pd.notna(top) and top > 0 else math.nan

    def scale(top: float) -> float:
        return 1.0 if math.isnan(top) else min(1.0, max(_MIN_VOICE_SCALE, top * 1.15))

    known = [t for t in tops.values() if not math.isnan(t)]
    own = bool(known) and max(known) > SHARED_SCALE_RATIO * min(known)
    if own:
        return {out: scale(t) for out, t in tops.items()}, True
    shared = scale(max(known)) if known else 1.0
    return dict.fromkeys(outlets, shared), False
