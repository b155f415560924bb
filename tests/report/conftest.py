"""Fixtures shared by the report tests."""

from __future__ import annotations

from pathlib import Path

import papermill
import pytest
from support import SAMPLE

from framing.extract import extract


@pytest.fixture
def no_kernel(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started although the parameters are invalid")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)


@pytest.fixture(scope="session")
def sample_folder(tmp_path_factory) -> Path:
    """``corpora/sample`` extracted for a report, in parts of 16 articles."""
    folder = tmp_path_factory.mktemp("extracted") / "features"
    # Small parts on two workers: the tables must not depend on how the corpus was cut.
    extract(SAMPLE, output=folder, n_jobs=2, chunksize=16, for_report=True, progress=False)
    return folder
