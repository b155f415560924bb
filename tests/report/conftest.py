"""Fixtures shared by the report tests."""

from __future__ import annotations

import papermill
import pytest


@pytest.fixture
def no_kernel(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started although the parameters are invalid")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)
