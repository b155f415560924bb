"""framing.plots.common: footnotes and legends that keep their place at any number of outlets."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from framing import plots
from framing.plots.common import LEGEND_GAP_POINTS


def _legend_gap_points(fig) -> float:
    """Points between the bottom of the axes and the top of its legend, as drawn."""
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    axes_bottom = ax.get_window_extent(renderer).y0
    legend_top = ax.get_legend().get_window_extent(renderer).y1
    return (axes_bottom - legend_top) * 72 / fig.dpi


@pytest.mark.parametrize("name", ["verb_classes", "matched_events"])
def test_a_legend_below_stays_under_its_axis_label_at_any_number_of_outlets(make_figure, name):
    few = make_figure(name, [f"Outlet {i:02d}" for i in range(3)])
    many = make_figure(name, [f"Outlet {i:02d}" for i in range(24)])
    gaps = [_legend_gap_points(fig) for fig in (few, many)]
    # The same distance in points (the legend's border pad aside) at 3 and 24 outlets; it
    # grew with the axes' height before (~150 points at 24 outlets).
    assert gaps[0] == pytest.approx(gaps[1], abs=0.5)
    assert LEGEND_GAP_POINTS <= gaps[0] <= LEGEND_GAP_POINTS + 6
    for fig in (few, many):  # below the x-axis label, not over it
        renderer = fig.canvas.get_renderer()
        label = fig.axes[0].xaxis.label.get_window_extent(renderer)
        assert fig.axes[0].get_legend().get_window_extent(renderer).y1 <= label.y0


def test_a_long_footnote_is_wrapped_to_the_figure_width():
    frame = pd.DataFrame({"outlet": ["A", "B"], "rate": [1.0, 2.0], "ci_low": [0.5, 1.5],
                          "ci_high": [1.5, 2.5], "articles": [9, 9]})  # fmt: skip
    note = " ".join(["A footnote that runs on and on about intervals and seeds."] * 8)
    fig = plots.loaded_rate_figure(frame, note=note)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=72, bbox_inches="tight")
    width = Image.open(buffer).size[0]
    # Saved cropped to what it draws: a one-line footnote made it ~5x the figure's width.
    assert width <= fig.get_figwidth() * 72 * 1.1
    [footnote] = [t for t in fig.texts if "footnote" in t.get_text()]
    assert footnote.get_text().count("\n") >= 3
    assert footnote.get_text().replace("\n", " ") == note  # every word kept, in order


def _top_labels(ax) -> list[str]:
    ax.figure.canvas.draw()
    return [t.label2.get_text() for t in ax.xaxis.get_major_ticks() if t.label2.get_visible()]


@pytest.mark.parametrize("name", ["loaded_rate", "verb_classes"])
def test_a_figure_with_a_row_per_outlet_repeats_its_scale_above_when_tall(make_figure, name):
    # At 150 outlets the loaded-rate dot plot is ~70 inches tall: its scale was only at the
    # bottom, far from the rows a reader starts with.
    from framing.plots.common import TALL_ROWS

    tall = make_figure(name, [f"Outlet {i:02d}" for i in range(TALL_ROWS + 1)])
    usual = make_figure(name, [f"Outlet {i:02d}" for i in range(TALL_ROWS)])
    assert [t for t in _top_labels(tall.axes[0]) if t]
    assert not [t for t in _top_labels(usual.axes[0]) if t]


def test_source_type_panels_repeat_their_scale_above_when_tall():
    from framing.plots.common import TALL_ROWS

    def panels(n):
        rows = [(f"Outlet {i:02d}", part, 0.3, 0.2, 0.4) for i in range(n) for part in "xy"]
        table = pd.DataFrame(rows, columns=["outlet", "part", "share", "ci_low", "ci_high"])
        return plots.panel_figure(table, panel="part", title="t", xlabel="share")

    assert all([t for t in _top_labels(ax) if t] for ax in panels(TALL_ROWS + 1).axes)
    assert not any([t for t in _top_labels(ax) if t] for ax in panels(TALL_ROWS).axes)


def test_verb_class_bars_of_many_outlets_fill_their_axes(make_figure):
    # matplotlib's 5% margins grow with the rows: 30 empty rows above and below 600 bars
    from framing.plots.common import TALL_ROWS

    outlets = [f"Outlet {i:02d}" for i in range(TALL_ROWS + 1)]
    fig = make_figure("verb_classes", outlets)
    assert fig.axes[0].get_ylim() == (-0.6, len(outlets) - 0.4)
