"""framing.plots.terms: small multiples of distinctive terms."""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure

from framing import plots


def texts(fig: Figure) -> list[str]:
    """Every text drawn in a figure (titles, tick labels, legends, annotations)."""
    return [t.get_text() for t in fig.findobj(mpl.text.Text) if t.get_text()]


def test_distinctive_terms_figure_has_one_panel_per_outlet(frames):
    fig = plots.distinctive_terms_figure(frames.terms(), top=3)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Courier", "Ledger", "Sentinel"]
    first = fig.axes[0]
    labels = [t.get_text() for t in first.get_yticklabels()]
    assert labels == ["fume", "crony"]  # positive z only, highest first
    assert fig._suptitle.get_text() == "Distinctive terms per outlet"
    assert "z-score" in fig._supxlabel.get_text()


def test_distinctive_terms_figure_empty_panel_says_so(frames):
    frame = frames.terms()
    frame.loc[frame["outlet"] == "Ledger", "z"] = -2.0
    fig = plots.distinctive_terms_figure(frame)
    assert "no term used more than elsewhere" in texts(fig)
