"""Validation against human coding: precision per outlet, and detected against corrected rates."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from framing.plots.common import add_note, finish, mark_missing, require_columns
from framing.plots.style import OKABE_ITO, outlet_colors, plain_text, style

__all__ = ["validation_figure"]


def validation_figure(
    estimates: pd.DataFrame,
    corrected: pd.DataFrame,
    *,
    title: str = "Measured against human coding",
    note: str | None = None,
) -> Figure:
    """Two panels per outlet: the detector's precision with its interval, and the detected rate
    beside the rate corrected for precision and misses, with its interval.

    Args:
        estimates: one row per outlet: ``outlet, precision, precision_low, precision_high``
            (as :func:`framing.coding.agreement` gives them).
        corrected: one row per outlet: ``outlet, detected_rate, corrected_rate,
            corrected_low, corrected_high``.
        title: the figure's title.
        note: a footnote.

    Returns:
        The figure (two axes). Outlets without an estimate are marked, never drawn at 0.

    Examples:
        >>> est = pd.DataFrame({"outlet": ["A", "B"], "precision": [0.9, float("nan")],
        ...                     "precision_low": [0.7, float("nan")],
        ...                     "precision_high": [0.97, float("nan")]})
        >>> cor = pd.DataFrame({"outlet": ["A", "B"], "detected_rate": [10.0, 0.0],
        ...                     "corrected_rate": [12.0, 2.0], "corrected_low": [9.0, 0.5],
        ...                     "corrected_high": [15.0, 4.0]})
        >>> fig = validation_figure(est, cor)
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['B', 'A']
    """
    require_columns(
        estimates, ["outlet", "precision", "precision_low", "precision_high"], "validation_figure"
    )
    require_columns(
        corrected,
        ["outlet", "detected_rate", "corrected_rate", "corrected_low", "corrected_high"],
        "validation_figure",
    )
    outlets = sorted(
        set(estimates["outlet"].astype(str)) | set(corrected["outlet"].astype(str)), reverse=True
    )
    colours = outlet_colors(sorted(outlets))
    est = estimates.assign(outlet=estimates["outlet"].astype(str)).set_index("outlet")
    cor = corrected.assign(outlet=corrected["outlet"].astype(str)).set_index("outlet")
    with style():
        fig = Figure(figsize=(8.4, 0.45 * len(outlets) + 1.6), layout="constrained")
        left, right = fig.subplots(1, 2, sharey=True)
        for y, outlet in enumerate(outlets):
            colour, marker = colours[outlet]
            row = est.loc[outlet] if outlet in est.index else None
            if row is None or pd.isna(row["precision"]):
                mark_missing(left, y, "no hits coded")
            else:
                p = float(row["precision"])
                err = [[max(0.0, p - row["precision_low"])], [max(0.0, row["precision_high"] - p)]]
                left.errorbar(p, y, xerr=err, fmt="none", ecolor=colour, elinewidth=1.8, capsize=3)
                left.plot([p], [y], marker=marker, color=colour, markersize=8, linestyle="none")
            rates = cor.loc[outlet] if outlet in cor.index else None
            if rates is None or pd.isna(rates["corrected_rate"]):
                mark_missing(right, y, "not coded")
                continue
            detected, value = float(rates["detected_rate"]), float(rates["corrected_rate"])
            err = [
                [max(0.0, value - rates["corrected_low"])],
                [max(0.0, rates["corrected_high"] - value)],
            ]
            right.errorbar(value, y, xerr=err, fmt="none", ecolor=colour, elinewidth=1.8, capsize=3)
            right.plot([value], [y], marker=marker, color=colour, markersize=8, linestyle="none")
            right.plot(
                [detected],
                [y],
                marker="|",
                color=OKABE_ITO["black"],
                markersize=14,
                linestyle="none",
            )
        left.set_yticks(range(len(outlets)), [plain_text(o) for o in outlets])
        left.set_ylim(-0.6, len(outlets) - 0.4)
        left.set_xlim(0, 1.02)
        left.set_xlabel("precision (share of sampled hits confirmed)")
        right.set_xlim(left=0)
        right.set_xlabel("per 1,000 words: corrected (dot), detected (|)")
        fig.suptitle(plain_text(title), x=0.01, ha="left")
        add_note(fig, note)
        return finish(fig)
