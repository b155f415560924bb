"""Scores on public corpora and known blind spots, as recorded in ``recorded.json``.

The public corpora are not shipped (their licences do not allow it, or none is stated), so
their scores are recorded with the command that re-measures them (``framing evaluate --polnear
DIR``, ``--babe DIR``); ``docs/validation.md`` has the full tables.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["recorded_scores"]


@cache
def recorded_scores() -> dict[str, Any]:
    """``{"measured", "public": [...], "limitations": [...]}`` from the bundled file."""
    text = resources.files("framing.evaluate").joinpath("recorded.json").read_text("utf-8")
    return json.loads(text)
