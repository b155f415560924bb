"""framing.plots.shares: the share-of-voice figure keeps its labels clear of the intervals."""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg

from framing import plots


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
