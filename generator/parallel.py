"""Fork-based worker processes: children inherit the loaded site, so no state is pickled."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence

from generator import memory

# Below this many items a pool costs more than it saves.
MIN_PARALLEL_ITEMS = 200

_task: Callable | None = None
_items: Sequence = ()


def _run_chunk(indices: range) -> list:
    results = [_task(_items[i]) for i in indices]
    memory.release(throttle=True)
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
                memory.release(throttle=True)
    finally:
        _task, _items = None, ()
        gc.unfreeze()
