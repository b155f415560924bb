"""framing.plots.rates: the dot plot of a rate per outlet."""

from __future__ import annotations

import matplotlib as mpl
import pytest
from matplotlib.figure import Figure

from framing import plots


def texts(fig: Figure) -> list[str]:
    """Every text drawn in a figure (titles, tick labels, legends, annotations)."""
    return [t.get_text() for t in fig.findobj(mpl.text.Text) if t.get_text()]


def test_loaded_rate_figure_sorts_outlets_and_draws_intervals(frames):
    fig = plots.loaded_rate_figure(frames.rates())
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Courier", "Ledger", "Sentinel"]
    assert ax.get_xlabel() == "loaded terms per 1,000 words (outlet voice)"
    assert ax.get_title(loc="left") == "Loaded terms in the outlet's own voice"
    assert len(ax.collections) == 3  # one error bar per outlet
    assert ax.get_xlim()[0] <= 0


def test_loaded_rate_figure_marks_missing_rates_instead_of_zero(frames):
    frame = frames.rates()
    frame.loc[0, ["rate", "ci_low", "ci_high"]] = float("nan")
    fig = plots.loaded_rate_figure(frame, min_note="fewer than 5 articles")
    (ax,) = fig.axes
    assert "fewer than 5 articles" in texts(fig)
    assert len(ax.collections) == 2
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(dots) == 2


def test_missing_columns_are_named(frames):
    with pytest.raises(ValueError, match=r"missing column\(s\) \['ci_low'\]"):
        plots.loaded_rate_figure(frames.rates().drop(columns="ci_low"))
