"""How this installation of framing was built: pure Python (the default, and what every test
runs), or with the detectors' modules compiled by mypyc (``make compiled``; docs/performance.md,
"Compiled detectors").

A compiled build runs the same source, so its rows are the same (tested:
``tests/test_build.py``); it only runs faster. This module imports nothing from framing, so the
build (``setup.py``) can read :data:`COMPILED_MODULES` without the package's dependencies.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os

#: The modules a compiled build compiles: those that hold the detectors' per-article work
#: (tokens are left out: :class:`framing.text.tokens.Token` subclasses ``tuple``, which mypyc
#: cannot compile; packages' ``__init__`` modules too).
COMPILED_MODULES: tuple[str, ...] = (
    "framing.text.normalise",
    "framing.text.quotes",
    "framing.text.sentences",
    "framing.text.document",
    "framing.lexicons.matcher",
    "framing.detect.attribution.article",
    "framing.detect.attribution.entities",
    "framing.detect.attribution.words",
    "framing.detect.attribution.kinds",
    "framing.detect.attribution.phrases",
    "framing.detect.attribution.cues",
    "framing.detect.attribution.subjects",
    "framing.detect.attribution.quotations",
    "framing.detect.attribution.content",
    "framing.detect.attribution.resolve",
    "framing.extract.features",
)


def source_paths() -> list[str]:
    """The source file of each module of :data:`COMPILED_MODULES`, relative to the project
    folder: what ``setup.py`` hands to mypyc.

    Examples:
        >>> source_paths()[0].replace(os.sep, "/")
        'framing/text/normalise.py'
    """
    return [os.path.join(*name.split(".")) + ".py" for name in COMPILED_MODULES]


def compiled_modules() -> tuple[str, ...]:
    """The modules of :data:`COMPILED_MODULES` that this installation runs compiled.

    Examples:
        >>> set(compiled_modules()) <= set(COMPILED_MODULES)
        True
    """
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return tuple(
        name
        for name in COMPILED_MODULES
        if str(getattr(importlib.import_module(name), "__file__", "")).endswith(suffixes)
    )


def build_kind() -> str:
    """``"compiled (mypyc)"`` when every module of :data:`COMPILED_MODULES` runs compiled,
    ``"pure Python"`` when none does, else ``"partly compiled"`` (a build to redo)."""
    compiled = compiled_modules()
    if not compiled:
        return "pure Python"
    return "compiled (mypyc)" if len(compiled) == len(COMPILED_MODULES) else "partly compiled"
