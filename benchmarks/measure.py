"""Timing one command: wall time, CPU time, peak memory of its process tree, and the pages it left.

Each measurement is its own child process. ``os.wait4`` returns that child's own resource
usage: CPU time of it and every descendant it waited for, and ``ru_maxrss``, the largest single
process among them; so measurements never blur into each other the way ``RUSAGE_CHILDREN``
totals do. A sampler thread also sums the proportional set size (PSS: shared pages split among
the processes sharing them, so forked workers are not counted twice) of the whole tree from
/proc every 50 ms, which catches tools that run several worker processes at once. The peak
reported is the larger of the two.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measurement:
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float
    returncode: int


class CommandError(RuntimeError):
    pass


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _memory(pid: int) -> int:
    """PSS of one process in bytes (its RSS where smaps_rollup is missing); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except FileNotFoundError:
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                return int(f.read().split()[1]) * PAGE_SIZE
        except OSError:
            return 0
    except OSError:
        return 0
    return 0


def _tree_memory(pid: int) -> int:
    """Memory of ``pid`` and all its descendants right now."""
    tree, todo, total = _children(), [pid], 0
    while todo:
        p = todo.pop()
        total += _memory(p)
        todo += tree.get(p, [])
    return total


def run(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None, log: Path) -> Measurement:
    """Run ``cmd`` to completion, its output going to ``log``; raise CommandError if it fails."""
    peak = 0
    done = threading.Event()
    with open(log, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, _tree_memory(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise CommandError(f"{' '.join(map(str, cmd))} exited {proc.returncode}; log {log}:\n{tail}")
    peak_mib = max(peak, usage.ru_maxrss * 1024) / 2**20
    return Measurement(seconds, usage.ru_utime + usage.ru_stime, peak_mib, proc.returncode)


def count_pages(folder: Path) -> int:
    """HTML files under ``folder``: what a visitor can open."""
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0
