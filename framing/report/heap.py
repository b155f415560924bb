"""Memory a report process has freed, handed back to the system.

Kept apart from the tables (:mod:`framing.report.compact`) because the process that waits for
the report's kernel calls :func:`trim_heap` and imports neither pandas nor Arrow.
"""

from __future__ import annotations

from functools import cache
from typing import Any


def release_arrow_memory() -> None:
    """Hand back to the system the memory Arrow's allocator keeps for reuse after reading,
    and the free memory the C library's heap keeps (:func:`trim_heap`).

    Arrow allocates through its own pool (mimalloc or jemalloc), which keeps freed memory
    for later Arrow allocations; pandas and NumPy cannot use it. After the pass over a
    million articles' parts, the report's kernel held ~125 MB so (and the ``framing report``
    process ~55 MB after checking the parameters), for the rest of the run.
    """
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    trim_heap()


def trim_heap() -> None:
    """Return to the system the free memory at the top and inside the C heap (glibc's
    ``malloc_trim``; nothing elsewhere). A step's transient arrays and strings, freed, stay
    in the heap otherwise: after the loaded-term rates of a million articles the kernel held
    ~240 MB of them, which the next steps need not (15 ms)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Any:
    """The C library's ``malloc_trim``, or ``None`` where it has none (looked up once)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None
