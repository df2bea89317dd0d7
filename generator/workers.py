"""Worker processes, and handing memory back to the system while a long build runs.

Workers are forked: children inherit the loaded site, so no state is pickled. CPython frees a
rendered page's strings at once, but glibc's allocator keeps the space; after a few thousand
pages a process holds far more than it uses. ``release`` asks glibc to return whatever is free
(``malloc_trim``); elsewhere it does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence

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


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run without Python's cyclic garbage collector (it runs again, as usual, afterwards).

    A build makes millions of small objects that live until it ends (parsed briefs, the index,
    page contexts); the collector walked them again and again (a third of a one-edit build at
    10,000 briefs) while finding next to nothing to free. Forked workers inherit the pause."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.contextmanager
def collector_off() -> Iterator[None]:
    """For a command that builds once, then exits: no cyclic collection during the build (see
    ``collector_paused``), and what it made is frozen, so that neither turning the collector back
    on nor the interpreter's last collection at exit walks it (0.3–0.5 s of CPU at 10,000 briefs)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


# Below this many items a pool costs more than it saves.
MIN_PARALLEL_ITEMS = 200

_task: Callable | None = None
_items: Sequence = ()


def _run_chunk(indices: range) -> list:
    results = [_task(_items[i]) for i in indices]
    release(throttle=True)
    return results


def worker_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    return sys.platform != "win32" and "fork" in multiprocessing.get_all_start_methods()


def fork_map(task: Callable, items: Sequence, parallel: bool = True) -> Iterator:
    """``map(task, items)`` in order, across forked workers when it pays; results stream back.

    ``task`` and ``items`` are inherited by the children, so both may hold anything (an open
    Jinja environment, the whole index); only the results are pickled. The parent takes its
    share of the chunks too, so one core needs no child (and no copy of the parent's memory).
    """
    workers = worker_count()
    if not parallel or workers < 2 or len(items) < MIN_PARALLEL_ITEMS or not can_fork():
        yield from map(task, items)
        return
    global _task, _items
    _task, _items = task, items
    size = max(1, min(64, len(items) // (workers * 8)))
    chunks = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    # Keep the collector off the inherited objects: traversing them would write to every page
    # they sit on and so give each child a private copy of the parent's heap.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            theirs = pool.imap(_run_chunk, [c for number, c in enumerate(chunks) if number % workers])
            for number, chunk in enumerate(chunks):
                if number % workers:
                    yield from next(theirs)
                    continue
                yield from map(task, (items[i] for i in chunk))
                release(throttle=True)
    finally:
        _task, _items = None, ()
        gc.unfreeze()
