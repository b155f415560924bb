"""Opt-in pandas accessors: ``import framing.pandas`` registers ``Series.framing``.

Each method is a one-line call into the plain functions, applied to every text of a Series:

    >>> import pandas as pd
    >>> import framing.pandas  # noqa: F401
    >>> s = pd.Series(["The minister lashed out.", "Nothing here."], index=["a", "b"])
    >>> s.framing.loaded_terms()[["doc", "text"]].values.tolist()
    [['a', 'lashed out']]
"""

from __future__ import annotations

import pandas as pd

import framing


def _concat(series: pd.Series, func) -> pd.DataFrame:
    frames = []
    for key, text in series.items():
        df = func(text)
        df.insert(0, "doc", key)
        frames.append(df)
    if not frames:
        return func("").assign(doc=pd.Series(dtype=object))
    return pd.concat(frames, ignore_index=True)


@pd.api.extensions.register_series_accessor("framing")
class FramingSeriesAccessor:
    """``Series.framing``: the detectors over a Series of article texts; ``doc`` is the index."""

    def __init__(self, series: pd.Series):
        self._series = series

    def loaded_terms(self) -> pd.DataFrame:
        return _concat(self._series, framing.loaded_terms)

    def attributions(self) -> pd.DataFrame:
        return _concat(self._series, framing.attributions)

    def markers(self) -> pd.DataFrame:
        return _concat(self._series, framing.markers)
