"""framing.plots.attribution: verb-class bars and the per-speaker share heat map."""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure

from framing import plots


def texts(fig: Figure) -> list[str]:
    """Every text drawn in a figure (titles, tick labels, legends, annotations)."""
    return [t.get_text() for t in fig.findobj(mpl.text.Text) if t.get_text()]


def test_verb_class_figure_stacks_to_one_hundred_percent(frames):
    fig = plots.verb_class_figure(frames.verbs())
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["neutral", "endorsement", "emotive", "doubt"]  # house order of classes
    widths: dict[float, float] = {}
    for patch in ax.patches:
        widths[round(patch.get_y(), 6)] = widths.get(round(patch.get_y(), 6), 0) + patch.get_width()
    assert sorted(round(w, 9) for w in widths.values()) == [1.0, 1.0, 1.0]
    assert {"n=28", "n=32", "n=36"} <= set(texts(fig))
    assert ax.get_xlabel() == "share of attributions"


def test_doubt_share_figure_hatches_cells_below_min_count(frames):
    fig = plots.doubt_share_figure(frames.shares(), min_count=3)
    ax = fig.axes[0]
    cells = [t.get_text() for t in ax.texts]
    assert cells.count("n<3") == 1
    assert len(cells) == 6
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Courier", "Ledger", "Sentinel"]
    assert len(fig.axes) == 2  # heat map and colour bar
    assert "0%\nn=1" not in cells  # a thin cell is never shown as a share
