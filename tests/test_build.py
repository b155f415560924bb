"""A compiled build (``make compiled``: the modules of :data:`framing.build.COMPILED_MODULES`
compiled by mypyc) runs the same sources, so it must give the same rows as the pure-Python build
every other test runs.

The build is made here the way ``make compiled`` makes it (``FRAMING_COMPILE=1``, setuptools
and mypyc, no build isolation), from a copy of the sources, and the detector tests run against
it in a subprocess: the recorded digests of every detector's rows
(``tests/detect/test_versions.py``), the rows expected of every rule, the strict xfails and the
property tests. mypyc checks the annotations at run time, so a value of a type the annotations
do not admit fails there even where Python would carry on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from framing.build import COMPILED_MODULES, build_kind, source_paths

ROOT = Path(__file__).resolve().parents[1]
#: The tests run against the compiled build: every test of the compiled modules' behaviour.
COMPILED_TESTS = ("tests/detect", "tests/text", "tests/lexicons", "tests/extract/test_scale.py")


def test_every_module_to_compile_is_a_source_module():
    # the paths setup.py hands to mypyc, one per module
    paths = source_paths()
    assert len(paths) == len(COMPILED_MODULES)
    for name, relative in zip(COMPILED_MODULES, paths, strict=True):
        path = ROOT / relative
        assert path.is_file(), f"{name}: no {relative}"
        assert path.name != "__init__.py", f"{name}: a package's __init__ is not compiled"
    assert len(set(COMPILED_MODULES)) == len(COMPILED_MODULES)


def test_this_test_run_reads_the_sources():
    # The other tests monkeypatch and inspect the modules; they are written for the sources.
    assert build_kind() == "pure Python"


@pytest.mark.slow
def test_a_compiled_build_gives_the_same_rows(tmp_path):
    pytest.importorskip("mypyc", reason="mypy (the test extra) builds the compiled modules")
    source = tmp_path / "source"
    shutil.copytree(
        ROOT / "framing", source / "framing", ignore=shutil.ignore_patterns("__pycache__", "*.so")
    )
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    wheels = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(source)],
        env={**os.environ, "FRAMING_COMPILE": "1"}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-4000:]
    (wheel,) = wheels.glob("framing-*.whl")
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)
    env = {k: v for k, v in os.environ.items() if k != "FRAMING_COMPILE"}
    env["PYTHONPATH"] = str(installed)  # ahead of the editable install of the sources
    kind = subprocess.run(
        [sys.executable, "-P", "-c", "from framing.build import build_kind; print(build_kind())"],
        env=env, cwd=installed, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert kind.stdout.strip() == "compiled (mypyc)", kind.stdout + kind.stderr
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
         *(str(ROOT / path) for path in COMPILED_TESTS)],
        env=env, cwd=installed, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-6000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout.splitlines()[-1], tests.stdout[-2000:]
