"""Fixtures for the attribution tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import framing


def _speakers(text: str, verb: str) -> list[str]:
    rows = framing.attributions(text)
    return rows.loc[rows["verb"] == verb, "speaker"].tolist()


@pytest.fixture
def speakers() -> Callable[[str, str], list[str]]:
    """The resolved speakers of ``text``'s attributions whose cue is ``verb``, in order."""
    return _speakers
