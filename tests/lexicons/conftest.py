"""Fixtures for tests of lexicon files a test writes itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import framing


@pytest.fixture
def files(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """The test module's ``LEXICON`` and ``GUARDS`` (TSV text) written to files: (lexicon,
    guards)."""
    lex = tmp_path / "lex.tsv"
    grd = tmp_path / "grd.tsv"
    lex.write_text(request.module.LEXICON, "utf-8")
    grd.write_text(request.module.GUARDS, "utf-8")
    return lex, grd


@pytest.fixture
def found(files: tuple[Path, Path]) -> Callable[[str], list[str]]:
    """The loaded terms those files find in a text, as written."""
    lex, grd = files

    def terms(text: str) -> list[str]:
        return framing.loaded_terms(text, lexicon=lex, guards=grd)["text"].tolist()

    return terms
