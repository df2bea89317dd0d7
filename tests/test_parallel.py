"""fork_map: the same results as map, in order, with the work shared by the parent and children."""

from __future__ import annotations

import os

from generator import workers as parallel


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_fork_map_keeps_order_and_shares_the_work(monkeypatch):
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    items = list(range(1000))
    results = list(parallel.fork_map(square_and_pid, items))
    assert [value for value, _ in results] == [n * n for n in items]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2  # the parent and one child


def test_fork_map_runs_small_jobs_in_process():
    results = list(parallel.fork_map(square_and_pid, [1, 2, 3]))
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
