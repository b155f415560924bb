"""Public names imported from their modules on first use (PEP 562).

``framing`` and ``framing.report`` name their public functions in ``__all__`` and in a
mapping from each name to the module that defines it; the module is imported the first time
the name is asked for. ``import framing`` alone then imports no pandas, and a process that
needs none stays small (the one ``framing report`` waits in).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def on_first_use(
    package: str, defined_in: Mapping[str, str], names: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: a name of ``defined_in`` is
    imported from its module when first asked for, then kept in the package.

    Examples:
        >>> get, listed = on_first_use("framing", {"kwic": "framing.kwic"}, ["kwic"])
        >>> get("kwic").__name__, "kwic" in listed()
        ('kwic', True)
    """
    names = list(names)

    def __getattr__(name: str) -> Any:
        module = defined_in.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *names})

    return __getattr__, __dir__
