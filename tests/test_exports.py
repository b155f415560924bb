"""framing.exports: the packages' public names, imported on first use."""

from __future__ import annotations

import subprocess
import sys

import framing
import framing.report


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_import_framing_imports_no_pandas_until_a_name_is_used():
    code = (
        "import sys, framing, framing.report\n"
        "print('pandas' in sys.modules)\n"
        "framing.loaded_terms\n"
        "print('pandas' in sys.modules)"
    )
    assert _run(code).split() == ["False", "True"]


def test_every_public_name_is_there_and_listed():
    for package in (framing, framing.report):
        for name in package.__all__:
            assert getattr(package, name) is not None, (package.__name__, name)
        assert set(package.__all__) <= set(dir(package))


def test_functions_named_like_their_subpackages_stay_functions():
    """``framing.extract``, ``framing.detect`` and ``framing.kwic`` are functions, also after
    their subpackages (and a subpackage named like a module of the standard library,
    ``framing.types``) are imported, whichever comes first."""
    code = (
        "import framing.extract.batch, framing.detect.pipeline, framing.kwic, framing.types\n"
        "import framing\n"
        "print(*(type(getattr(framing, n)).__name__ for n in ('extract', 'detect', 'kwic')))\n"
        "from framing import extract\n"
        "print(extract is framing.extract, framing.types.__name__)"
    )
    assert _run(code).splitlines() == ["function function function", "True framing.types"]
