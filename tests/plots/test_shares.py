"""framing.plots.shares: the share-of-voice figure keeps its labels clear of the intervals."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from framing import plots
from framing.plots.shares import SHARED_SCALE_RATIO


def voice_table() -> pd.DataFrame:
    rows = []
    for outlet in ("Courier", "Ledger"):
        for rank, (speaker, share, high) in enumerate(
            [("Ana Ruiz", 0.22, 0.30), ("Ben Okafor", 0.10, 0.16), ("Cai Moore", 0.04, 0.05)],
            start=1,
        ):
            rows.append((outlet, rank, speaker, share, share - 0.03, high, 0.4))
    return pd.DataFrame(
        rows,
        columns=["outlet", "rank", "speaker", "share", "share_low", "share_high", "direct_share"],
    )


def test_direct_share_labels_never_overlap_an_interval():
    # The widest interval reaches the panel's right edge (the axis ends 15 % beyond the
    # largest upper bound); a label inside the panel ran into it.
    fig = plots.share_of_voice_figure(voice_table())
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    checked = 0
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        labels = [t for t in ax.texts if t.get_text().endswith("direct")]
        assert len(labels) == 3
        panel = ax.get_window_extent(renderer)
        for label in labels:
            box = label.get_window_extent(renderer)
            assert box.x0 >= panel.x1  # beside the panel
            for line in ax.lines:
                assert not box.overlaps(line.get_window_extent(renderer))
            checked += 1
    assert checked == 6
    texts = [t.get_window_extent(renderer) for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert all(box.x1 <= fig.bbox.x1 + 1 for box in texts)  # nothing cut off at the right


def test_panels_share_one_scale_while_the_outlets_largest_shares_are_of_a_size():
    # (largest upper bounds 0.30 and 0.30 x 2.5: within the threefold of SHARED_SCALE_RATIO)
    table = voice_table()
    ledger = table["outlet"] == "Ledger"
    table.loc[ledger, ["share", "share_low", "share_high"]] *= 2.5
    fig = plots.share_of_voice_figure(table, note="Bar: share.")
    limits = {ax.get_title(loc="left"): ax.get_xlim()[1] for ax in fig.axes if ax.get_visible()}
    assert limits == {"Courier": pytest.approx(0.75 * 1.15), "Ledger": pytest.approx(0.75 * 1.15)}
    assert not any("own scale" in t.get_text() for t in fig.texts)


def test_each_panel_gets_its_own_scale_when_the_largest_shares_differ_more_than_threefold():
    # A small outlet's top speaker holds a fifth of its few attributions, a large outlet's
    # top speaker a hundredth of many: on the small one's scale the large one's bars vanish.
    table = voice_table()
    ledger = table["outlet"] == "Ledger"
    table.loc[ledger, ["share", "share_low", "share_high"]] /= 20
    fig = plots.share_of_voice_figure(table, note="Bar: share.")
    limits = {ax.get_title(loc="left"): ax.get_xlim()[1] for ax in fig.axes if ax.get_visible()}
    assert limits["Courier"] == pytest.approx(0.30 * 1.15)
    assert limits["Ledger"] == pytest.approx(0.015 * 1.15)
    (note,) = [t.get_text() for t in fig.texts if "own scale" in t.get_text()]
    assert note.startswith("Bar: share.")
    assert SHARED_SCALE_RATIO == 3.0


def test_small_shares_get_a_scale_of_their_size_labelled_to_a_tenth_of_a_percent():
    # Corpora with many distinct speakers: the most quoted hold about 1 % of an outlet's
    # attributions; the scale used to start at 10 % and drew every bar as a sliver.
    table = voice_table()
    table[["share", "share_low", "share_high"]] /= 40  # largest upper bound 0.0075
    fig = plots.share_of_voice_figure(table)
    FigureCanvasAgg(fig).draw()
    for ax in (ax for ax in fig.axes if ax.get_visible()):
        assert ax.get_xlim()[1] == pytest.approx(0.01)  # the narrowest scale, 1 %
        shown = [t.get_text() for t in ax.get_xticklabels() if t.get_visible()]
        # (distinct labels, not "0%, 0%, 1%")
        assert len(set(shown)) == len(shown) >= 3
        assert all(re.fullmatch(r"\d\.\d%", label) for label in shown), shown
