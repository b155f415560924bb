"""Distinctive terms: small multiples of the highest z-scores, one panel per outlet."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure

from framing.plots.common import add_note, finish, require_columns
from framing.plots.style import outlet_colors, plain_text, style

__all__ = ["distinctive_terms_figure"]


def distinctive_terms_figure(
    terms: pd.DataFrame,
    *,
    outlet: str = "outlet",
    term: str = "term",
    z: str = "z",
    top: int = 8,
    ncols: int | None = None,
    title: str = "Distinctive terms per outlet",
    xlabel: str = "z-score of the log-odds ratio (dotted line: 1.96)",
    note: str | None = None,
) -> Figure:
    """Small multiples: the ``top`` terms with the highest z-score for each outlet.

    Args:
        terms: one row per (outlet, term), e.g. from :func:`framing.stats.distinctive_terms`.
        outlet, term, z: column names.
        top: terms shown per outlet (highest z first; only positive z-scores are shown).
        ncols: panels per row (default: up to 3).
        title, xlabel, note: texts.

    Returns:
        The figure, one axes per outlet (in sorted outlet order), titled with the outlet name.

    Examples:
        >>> df = pd.DataFrame({"outlet": ["A", "A", "B"], "term": ["x", "y", "z"],
        ...                    "z": [3.0, 2.0, 4.0]})
        >>> [ax.get_title(loc="left") for ax in distinctive_terms_figure(df).axes]
        ['A', 'B']
    """
    require_columns(terms, [outlet, term, z], "distinctive_terms_figure")
    outlets = sorted(dict.fromkeys(terms[outlet].astype(str)))
    colours = outlet_colors(outlets)
    n = max(1, len(outlets))
    ncols = ncols or min(3, n)
    nrows = math.ceil(n / ncols)
    with style(**{"axes.titleweight": "normal", "axes.titlesize": 9.5}):
        fig = Figure(
            figsize=(3.2 * ncols, 0.22 * top * nrows + 1.2 * nrows + 0.6), layout="constrained"
        )
        axes = fig.subplots(nrows, ncols, squeeze=False)
        flat = list(axes.flat)
        for ax, name in zip(flat, outlets, strict=False):
            part = terms[terms[outlet].astype(str) == name]
            part = part[part[z] > 0].sort_values(z, ascending=False, kind="stable").head(top)
            # Highest z at the top, panels aligned at the top whatever their length.
            positions = [top - 1 - i for i in range(len(part))]
            ax.barh(positions, part[z].astype(float), color=colours[name][0], height=0.7)
            ax.set_yticks(positions, [plain_text(t) for t in part[term]])
            ax.set_ylim(-0.6, max(top, 1) - 0.4)
            ax.set_title(plain_text(name), loc="left")
            if len(part):
                ax.set_xlim(left=0)
                ax.axvline(1.96, color="#888888", linewidth=0.8, linestyle=":")
            else:
                ax.text(
                    0.5,
                    0.5,
                    "no term used more than elsewhere",
                    transform=ax.transAxes,
                    ha="center",
                    va="center",
                    color="#777777",
                )
                ax.set_xticks([])
            ax.tick_params(axis="y", length=0)
        for ax in flat[len(outlets) :]:
            fig.delaxes(ax)
        fig.supxlabel(plain_text(xlabel), fontsize=9)
        fig.suptitle(plain_text(title), x=0.01, ha="left", fontweight="bold", fontsize=11)
        add_note(fig, note)
        return finish(fig)
