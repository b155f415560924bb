"""framing.plots.trends: periods are labelled so a reader can tell them apart."""

from __future__ import annotations

import io
import pickle
import warnings

import pandas as pd

from framing.plots import trends, trends_figure


def _trends(periods):
    stamps = pd.to_datetime(periods)
    return pd.DataFrame({"outlet": "A", "period": stamps, "rate": 1.0, "ci_low": 0.5,
                         "ci_high": 1.5})  # fmt: skip


def _labels(fig):
    fig.canvas.draw()
    return [t.get_text() for t in fig.axes[0].get_xticklabels()]


def test_months_are_labelled_once_each_by_month_name():
    fig = trends_figure(_trends(["2026-03-01", "2026-04-01", "2026-05-01"]))
    assert _labels(fig) == ["Mar 2026", "Apr 2026", "May 2026"]


def test_weeks_are_labelled_by_their_first_day():
    fig = trends_figure(_trends(["2026-03-02", "2026-03-09", "2026-03-16"]))
    assert _labels(fig) == ["02 Mar", "09 Mar", "16 Mar"]


def test_quarters_and_years_are_labelled_as_such():
    quarters = _trends(["2024-01-01", "2024-04-01", "2024-07-01"])
    quarters.attrs["period"] = "quarter"
    assert _labels(trends_figure(quarters)) == ["Q1 2024", "Q2 2024", "Q3 2024"]
    years = _trends(["2019-01-01", "2020-01-01", "2021-01-01"])
    years.attrs["period"] = "year"
    assert _labels(trends_figure(years)) == ["2019", "2020", "2021"]


def test_many_periods_get_fewer_ticks_than_periods():
    months = pd.date_range("2024-01-01", periods=30, freq="MS")
    fig = trends_figure(_trends(months))
    labels = [x for x in _labels(fig) if x]
    assert 2 <= len(labels) <= 10


def _outlets_trends(outlets, months=6):
    stamps = pd.date_range("2026-01-01", periods=months, freq="MS")
    rows = [
        (outlet, stamp, 1.0 + i, 0.5 + i, 1.5 + i)
        for i, outlet in enumerate(outlets)
        for stamp in stamps
    ]
    return pd.DataFrame(rows, columns=["outlet", "period", "rate", "ci_low", "ci_high"])


def test_many_outlets_get_a_panel_each_and_the_figure_keeps_its_layout():
    outlets = [f"Outlet {i:02d}" for i in range(24)]
    fig = trends_figure(_outlets_trends(outlets))
    shown = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    assert [ax.get_title(loc="left") for ax in shown] == outlets
    for i, ax in enumerate(shown):
        mine = [line for line in ax.get_lines() if line.get_label() == outlets[i]]
        assert len(mine) == 1
        assert list(mine[0].get_ydata()) == [1.0 + i] * 6  # its own rates, not another's
        assert len(ax.get_lines()) == len(outlets)  # the others drawn behind it
    # Drawn in full, the layout holds (one axes and a 24-row legend collapsed it).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png", dpi=50)


def test_a_few_outlets_share_one_axes_with_a_legend():
    outlets = [f"Outlet {i:02d}" for i in range(trends.MAX_TREND_LINES)]
    fig = trends_figure(_outlets_trends(outlets))
    assert len(fig.axes) == 1
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == outlets


def test_beyond_the_context_limit_each_panel_shows_the_outlets_median_and_band():
    # Every other outlet's line in every panel grew with the square of the outlets (150
    # outlets: 22,350 lines, and shared axes that updated each other pairwise: 35 s to build;
    # the figure could not be pickled for the figure worker).
    outlets = [f"Outlet {i:03d}" for i in range(trends.MAX_CONTEXT_LINES + 2)]
    table = _outlets_trends(outlets)
    fig = trends_figure(table, note="Bands: intervals.")
    shown = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    assert [ax.get_title(loc="left") for ax in shown] == outlets
    medians = table.groupby("period")["rate"].median().to_list()
    for i, ax in enumerate(shown):
        lines = ax.get_lines()
        assert len(lines) == 2  # the median outlet, then its own
        assert list(lines[0].get_ydata()) == medians
        assert list(lines[1].get_ydata()) == [1.0 + i] * 6
        assert ax.get_ylim() == shown[0].get_ylim() and ax.get_ylim()[0] == 0
        assert ax.get_xlim() == shown[0].get_xlim()
    # the limits hold every outlet's band
    assert shown[0].get_ylim()[1] >= table["ci_high"].max()
    note = fig.texts[-1].get_text() if fig.texts else ""
    assert "Bands: intervals." in note and "median outlet" in note
    assert f"of the {len(outlets)} outlets" in note
    # x tick labels only under the last row, y tick labels only on the first column
    columns = 4
    last_row = (len(outlets) - 1) // columns
    fig.canvas.draw()
    for i, ax in enumerate(shown):
        x_labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
        y_labels = [t for t in ax.get_yticklabels() if t.get_visible() and t.get_text()]
        assert bool(x_labels) == (i // columns == last_row), i
        assert bool(y_labels) == (i % columns == 0), i
    pickle.dumps(fig)


def test_up_to_the_context_limit_every_other_outlet_is_drawn_behind():
    outlets = [f"Outlet {i:02d}" for i in range(trends.MAX_CONTEXT_LINES + 1)]
    fig = trends_figure(_outlets_trends(outlets))
    shown = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    assert all(len(ax.get_lines()) == len(outlets) for ax in shown)
