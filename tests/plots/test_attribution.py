"""framing.plots.attribution: verb-class bars and the per-speaker share heat map."""

from __future__ import annotations

import matplotlib as mpl
import pytest
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


def test_doubt_share_figure_puts_many_outlets_on_rows(frames):
    outlets = [f"Outlet {i:02d}" for i in range(plots.attribution.MAX_OUTLET_COLUMNS + 4)]
    table = frames.shares(outlets)
    speakers = ["Mara Velic", "Ilse Marten"]
    fig = plots.doubt_share_figure(table, min_count=3, speakers=speakers)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == outlets
    assert [t.get_text() for t in ax.get_xticklabels()] == speakers
    width, height = fig.get_size_inches()
    assert height > width  # a column per speaker, not a page-wide row of outlets
    # Each cell still shows its own speaker and outlet's share and count.
    cells = {
        (round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts
    }
    for row in table.itertuples():
        i, j = outlets.index(row.outlet), speakers.index(row.speaker)
        expected = "n<3" if row.n < 3 else f"{row.share:.0%}\nn={row.n}"
        assert cells[(i, j)] == expected
    # Asked for, the usual orientation holds at any number of outlets.
    wide = plots.doubt_share_figure(table, min_count=3, rows="speakers").axes[0]
    assert [t.get_text() for t in wide.get_xticklabels()] == outlets


def test_doubt_share_figure_keeps_few_outlets_as_columns(frames):
    outlets = [f"Outlet {i:02d}" for i in range(plots.attribution.MAX_OUTLET_COLUMNS)]
    ax = plots.doubt_share_figure(frames.shares(outlets), min_count=3).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == outlets
    with pytest.raises(ValueError, match="rows must be"):
        plots.doubt_share_figure(frames.shares(outlets), rows="columns")


def test_doubt_share_cells_are_a_mesh_of_the_shares_not_an_image(frames):
    # An image is resampled to the output's pixels (at 300 dpi a 24 x 8 map took ~570 MB to
    # draw); a mesh draws each cell once, as a vector in PDF and SVG.
    table = frames.shares()
    ax = plots.doubt_share_figure(table, min_count=3, speakers=["Mara Velic", "Ilse Marten"]).axes[
        0
    ]
    assert len(ax.images) == 0
    [mesh] = ax.collections
    values = mesh.get_array()
    assert values.shape == (2, 3)
    expected = table.set_index(["speaker", "outlet"])
    for i, speaker in enumerate(["Mara Velic", "Ilse Marten"]):
        for j, outlet in enumerate(["Courier", "Ledger", "Sentinel"]):
            share, n = expected.loc[(speaker, outlet), ["share", "n"]]
            assert values.mask[i, j] == (n < 3)
            if n >= 3:
                assert values[i, j] == share
    assert ax.get_ylim() == (1.5, -0.5)  # the first speaker on top
