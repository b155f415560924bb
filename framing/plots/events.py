"""The same events, outlet by outlet: one row per event, one dot per outlet."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure

from framing.plots.common import add_note, finish, legend_below, require_columns, start_at_zero
from framing.plots.style import outlet_colors, plain_text, style

__all__ = ["matched_events_figure"]


def matched_events_figure(
    matched: pd.DataFrame,
    *,
    event: str = "event",
    outlet: str = "outlet",
    value: str = "value",
    outlets: Sequence[str] | None = None,
    highlight: Sequence[str] = (),
    title: str = "The same events, outlet by outlet",
    xlabel: str = "loaded terms per 1,000 words (outlet voice)",
    note: str | None = None,
) -> Figure:
    """Dot plot per event: one row per event, one dot per outlet covering it.

    Comparing outlets within an event holds the story fixed, so differences are not due to
    outlets covering different news.

    Args:
        matched: one row per (event, outlet) with a value.
        event, outlet, value: column names.
        outlets: outlets in legend order (default: sorted).
        highlight: events whose labels are set in bold (e.g. those covered by every outlet).
        title, xlabel, note: texts.

    Returns:
        The figure; the legend names the outlets.

    Examples:
        >>> df = pd.DataFrame({"event": ["e1", "e1", "e2"], "outlet": ["A", "B", "A"],
        ...                    "value": [1.0, 4.0, 2.0]})
        >>> ax = matched_events_figure(df).axes[0]
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['e1', 'e2']
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['A', 'B']
    """
    require_columns(matched, [event, outlet, value], "matched_events_figure")
    data = matched[[event, outlet, value]].dropna(subset=[value]).copy()
    data[event] = data[event].astype(str)
    data[outlet] = data[outlet].astype(str)
    events = sorted(data[event].unique())
    names = [str(o) for o in outlets] if outlets is not None else sorted(data[outlet].unique())
    colours = outlet_colors(names)
    position = {e: len(events) - 1 - i for i, e in enumerate(events)}
    with style(**{"axes.grid.axis": "both"}):
        fig = Figure(figsize=(6.8, 0.4 * len(events) + 1.9), layout="constrained")
        ax = fig.add_subplot()
        for name, group in data.groupby(event, sort=True):
            ax.plot(
                [group[value].min(), group[value].max()],
                [position[name]] * 2,
                color="#bbbbbb",
                linewidth=1.2,
                zorder=1,
            )
        handles, labels = [], []
        # Dodge outlets vertically within an event row so equal values (often 0) stay visible.
        step = min(0.12, 0.6 / max(1, len(names)))
        for index, name in enumerate(names):
            part = data[data[outlet] == name]
            colour, marker = colours[name]
            offset = (index - (len(names) - 1) / 2) * step
            line = ax.plot(
                part[value].astype(float),
                [position[e] - offset for e in part[event]],
                marker=marker,
                color=colour,
                linestyle="none",
                markersize=7,
                alpha=0.9,
                zorder=2,
            )[0]
            handles.append(line)
            labels.append(plain_text(name))
        ax.set_yticks([position[e] for e in events], [plain_text(e) for e in events])
        bold = {str(e) for e in highlight}
        for label, name in zip(ax.get_yticklabels(), events, strict=True):
            if name in bold:
                label.set_fontweight("bold")
        ax.set_ylim(-0.6, len(events) - 0.4)
        start_at_zero(ax)
        ax.set_xlabel(plain_text(xlabel))
        ax.set_title(plain_text(title), loc="left")
        legend_below(ax, handles, labels, ncols=min(3, max(1, len(names))))
        add_note(fig, note)
        return finish(fig)
