"""Giving freed memory back to the system, so a long build's footprint follows what it holds.

CPython frees a rendered page's strings at once, but glibc's allocator keeps the space; after a
few thousand pages a process holds far more than it uses. ``release`` asks glibc to return
whatever is free (``malloc_trim``); elsewhere it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time

RELEASE_EVERY_SECONDS = 0.25


def _trim_function():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


_trim = _trim_function()
_last = 0.0


def release(throttle: bool = False) -> None:
    """Return free heap memory to the system; with ``throttle``, at most every quarter second."""
    global _last
    if _trim is None:
        return
    now = time.monotonic()
    if throttle and now - _last < RELEASE_EVERY_SECONDS:
        return
    _last = now
    _trim(0)
