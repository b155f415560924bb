"""framing.plots.events: the same events, outlet by outlet."""

from __future__ import annotations

from framing import plots


def test_matched_events_figure_one_row_per_event_and_legend_per_outlet(frames):
    fig = plots.matched_events_figure(frames.events(), highlight=["e01-strike"])
    ax = fig.axes[0]
    labels = ax.get_yticklabels()
    assert sorted(t.get_text() for t in labels) == ["e01-strike", "e02-budget"]
    bold = [t.get_text() for t in labels if t.get_fontweight() == "bold"]
    assert bold == ["e01-strike"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Courier", "Ledger", "Sentinel"]
