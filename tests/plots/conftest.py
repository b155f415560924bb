"""Tidy frames for each figure family and a builder per figure, shared by the plot tests.

Tests take them as fixtures (``frames``, ``make_figure``); a test with a ``figure_name``
argument runs once per figure.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from matplotlib.figure import Figure

from framing import plots

OUTLETS = ("Courier", "Ledger", "Sentinel")


def rates_frame(outlets=OUTLETS) -> pd.DataFrame:
    n = len(outlets)
    return pd.DataFrame(
        {
            "outlet": list(outlets),
            "rate": [2.0 + 3 * i for i in range(n)],
            "ci_low": [1.0 + 3 * i for i in range(n)],
            "ci_high": [3.5 + 3 * i for i in range(n)],
        }
    )


def terms_frame(outlets=OUTLETS) -> pd.DataFrame:
    rows = []
    for i, outlet in enumerate(outlets):
        for j, term in enumerate(["fume", "chaos", "crony", "so-called"]):
            rows.append((outlet, term, 3.0 - j + i * 0.1 if (i + j) % 2 == 0 else -1.0))
    return pd.DataFrame(rows, columns=["outlet", "term", "z"])


def verb_frame(outlets=OUTLETS) -> pd.DataFrame:
    rows = []
    for i, outlet in enumerate(outlets):
        for j, verb_class in enumerate(["neutral", "doubt", "endorsement", "emotive"]):
            rows.append((outlet, verb_class, 10 - 2 * j + i))
    return pd.DataFrame(rows, columns=["outlet", "verb_class", "count"])


def share_frame(outlets=OUTLETS) -> pd.DataFrame:
    rows = []
    for i, outlet in enumerate(outlets):
        for j, speaker in enumerate(["Mara Velic", "Ilse Marten"]):
            n = 1 if (i, j) == (0, 1) else 4 + i + j
            rows.append((speaker, outlet, 0.25 * ((i + j) % 4), n))
    return pd.DataFrame(rows, columns=["speaker", "outlet", "share", "n"])


def events_frame(outlets=OUTLETS) -> pd.DataFrame:
    rows = []
    for e, event in enumerate(["e01-strike", "e02-budget"]):
        for i, outlet in enumerate(outlets):
            rows.append((event, outlet, float(e + 2 * i)))
    return pd.DataFrame(rows, columns=["event", "outlet", "value"])


BUILDERS = {
    "loaded_rate": lambda o: plots.loaded_rate_figure(rates_frame(o)),
    "distinctive_terms": lambda o: plots.distinctive_terms_figure(terms_frame(o)),
    "verb_classes": lambda o: plots.verb_class_figure(verb_frame(o)),
    "doubt_share": lambda o: plots.doubt_share_figure(share_frame(o), min_count=3),
    "matched_events": lambda o: plots.matched_events_figure(events_frame(o)),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "figure_name" in metafunc.fixturenames:
        metafunc.parametrize("figure_name", list(BUILDERS))


@pytest.fixture
def frames() -> SimpleNamespace:
    """Builders of a tidy input frame per figure family: ``frames.rates(outlets)`` ..."""
    return SimpleNamespace(
        rates=rates_frame,
        terms=terms_frame,
        verbs=verb_frame,
        shares=share_frame,
        events=events_frame,
    )


@pytest.fixture
def make_figure():
    """``make_figure(name, outlets)``: one of the report's figures drawn from the frames above;
    ``make_figure.names`` lists them."""

    def make(name: str, outlets=OUTLETS) -> Figure:
        return BUILDERS[name](tuple(outlets))

    make.names = list(BUILDERS)
    return make
