"""Hardening of the figures: labels taken from data are drawn as text."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
import pytest
from support import assert_inert_svg

from framing import plots

# ---------------------------------------------------------------------------------------------
# Figure labels from data are text


HOSTILE_LABELS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "javascript:alert(3)",
    "$\\frac{1}{0}$ --> <!--",
]


HOSTILE = ["<script>alert(1)</script>", "$x$ Times", "Plain Post"]


def rendered(text: mpl.text.Text) -> tuple[str, bool]:
    """What matplotlib will draw for a text, and whether it is treated as mathtext."""
    return text._preprocess_math(text.get_text())


def test_hostile_labels_render_literally(figure_name, make_figure, tmp_path):
    fig = make_figure(figure_name, HOSTILE)
    shown = {}
    for text in fig.findobj(mpl.text.Text):
        drawn, is_math = rendered(text)
        shown[drawn] = is_math
    assert shown.get("<script>alert(1)</script>") is False
    assert shown.get("$x$ Times") is False  # not mathtext: drawn with its dollar signs
    svg = tmp_path / "figure.svg"
    with plots.style():
        fig.savefig(svg, format="svg", metadata={"Date": None})
    content = svg.read_text(encoding="utf-8")
    assert "<script" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "$x$ Times" in content


def _drawn(fig) -> list[tuple[str, bool]]:
    out = []
    for text in fig.findobj(mpl.text.Text):
        shown = text.get_text()
        if shown:
            drawn, is_math = text._preprocess_math(shown)  # what matplotlib will draw
            out.append((drawn, bool(is_math)))
    return out


@pytest.mark.parametrize(
    "build",
    [
        lambda: plots.matched_events_figure(
            pd.DataFrame(
                {
                    "event": HOSTILE_LABELS,
                    "outlet": ["A", "B", "A", "B"],
                    "value": [1.0, 2.0, 3.0, 4.0],
                }
            ),
            highlight=HOSTILE_LABELS[:1],
        ),
        lambda: plots.doubt_share_figure(
            pd.DataFrame(
                {
                    "speaker": HOSTILE_LABELS,
                    "outlet": ["A", "A", "B", "B"],
                    "share": [0.1, 0.5, 0.2, 0.9],
                    "n": [5, 5, 5, 1],
                }
            ),
            min_count=3,
        ),
        lambda: plots.distinctive_terms_figure(
            pd.DataFrame({"outlet": ["A"] * 4, "term": HOSTILE_LABELS, "z": [4.0, 3.0, 2.0, 1.0]})
        ),
    ],
    ids=["events", "speakers", "terms"],
)
def test_hostile_events_speakers_and_terms_are_drawn_literally(build, tmp_path):
    fig = build()
    drawn = dict(_drawn(fig))
    for label in HOSTILE_LABELS:
        assert drawn.get(label) is False, (label, drawn)  # the exact string, not mathtext
    svg = tmp_path / "figure.svg"
    with plots.style():
        fig.savefig(svg, format="svg", metadata={"Date": None})
    assert_inert_svg(svg.read_text(encoding="utf-8"))
