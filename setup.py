"""Build hook. ``pyproject.toml`` describes the package; this file only adds, when
``FRAMING_COMPILE=1`` is set, the detectors' modules compiled with mypyc (``make compiled``,
docs/performance.md "Compiled detectors"). Without it the build is pure Python."""

import os
import runpy

from setuptools import setup

ext_modules = []
if os.environ.get("FRAMING_COMPILE") == "1":
    from mypyc.build import mypycify  # needs mypy at build time: `make compiled` installs it

    paths = runpy.run_path(os.path.join("framing", "build.py"))["source_paths"]()
    ext_modules = mypycify(["--ignore-missing-imports", "--follow-imports=silent", *paths])

setup(ext_modules=ext_modules)
