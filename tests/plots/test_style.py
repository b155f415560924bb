"""framing.plots.style: stable outlet colours, a scoped style, labels drawn literally."""

from __future__ import annotations

import subprocess
import sys

import matplotlib as mpl

from framing import plots


def rendered(text: mpl.text.Text) -> tuple[str, bool]:
    """What matplotlib will draw for a text, and whether it is treated as mathtext."""
    return text._preprocess_math(text.get_text())


def test_outlets_keep_their_colour_across_figures_and_subsets():
    full = plots.outlet_colors(["C", "A", "B"])
    assert full["A"][0] == plots.OKABE_ITO["orange"]
    assert plots.outlet_colors(["B", "A"])["B"] == full["B"]
    many = plots.outlet_colors([f"o{i:02d}" for i in range(10)])
    assert len(set(many.values())) == 10  # colours repeat with another marker


def test_style_is_scoped_and_import_changes_no_rcparams(make_figure):
    before = dict(mpl.rcParams)
    for name in make_figure.names:
        make_figure(name)
    assert dict(mpl.rcParams) == before
    code = (
        "import matplotlib as mpl; b = dict(mpl.rcParams); import framing.plots, framing.report;"
        " import sys; sys.exit(0 if dict(mpl.rcParams) == b else 1)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_plain_text_keeps_backslash_dollar_literal(frames):
    fig = plots.loaded_rate_figure(frames.rates(("a\\$b", "c", "d")))
    labels = {rendered(t)[0] for t in fig.axes[0].get_yticklabels()}
    assert "a\\$b" in labels
