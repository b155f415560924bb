"""framing.plots.trends: periods are labelled so a reader can tell them apart."""

from __future__ import annotations

import pandas as pd

from framing.plots import trends_figure


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


def test_many_periods_get_fewer_ticks_than_periods():
    months = pd.date_range("2024-01-01", periods=30, freq="MS")
    fig = trends_figure(_trends(months))
    labels = [x for x in _labels(fig) if x]
    assert 2 <= len(labels) <= 10
