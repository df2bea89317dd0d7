"""Where a build's time goes: one build of a site, timed phase by phase, in this process.

    python benchmarks/phases.py SITE_ROOT [--clean] [--no-search]

The builder reports its phases to a ``Reporter`` (``generator/engine/report.py``); this one notes
the time between them, so nothing in the generator is patched: the digest of the inputs, loading
and parsing, the index, the pages (specs, keys, rendering and writing, across the worker
processes), the search index or commit, and saving the cache. ``--clean`` deletes the output
folder and the cache first, for a cold build.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import time
from pathlib import Path

from generator.engine import build
from generator.engine.report import Reporter
from generator.load.config import load_config

LABELS = {
    "inputs": "digest of the inputs (and the build stamp)",
    "load": "load and parse content",
    "index": "index (timeline, mentions, snippets)",
    "render": "pages: spec, key, render, write (all workers)",
    "search": "search index and the swap into place",
    "commit": "the swap into place",
    "save": "save the cache and the stamp",
}


def resident_mib() -> float:
    """This process's resident memory now (not its children's)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PhaseTimer(Reporter):
    """Seconds from each phase's start to the next one's, and the resident memory at its end."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.memory: dict[str, float] = {}
        self.current: str | None = None
        self.since = time.perf_counter()

    def phase(self, name: str, total: int = 0) -> None:
        self._close()
        self.current = name

    def finish(self) -> None:
        self._close()
        self.current = None

    def _close(self) -> None:
        now = time.perf_counter()
        if self.current is not None:
            self.times[self.current] = self.times.get(self.current, 0.0) + now - self.since
            self.memory[self.current] = resident_mib()
        self.since = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--clean", action="store_true", help="delete the output and the cache first")
    parser.add_argument("--no-search", action="store_true", help="as `briefing build --no-search`")
    args = parser.parse_args()
    if args.clean:
        shutil.rmtree(load_config(args.root).output_dir, ignore_errors=True)
        shutil.rmtree(args.root / ".briefing-cache", ignore_errors=True)
    timer = PhaseTimer()
    started = time.perf_counter()
    result = build(args.root, use_cache=True, search=False if args.no_search else None, reporter=timer)
    total = time.perf_counter() - started
    print(result.summary())
    for name, seconds in timer.times.items():
        print(f"{LABELS.get(name, name):58s} {seconds:7.2f} s")
    print(f"{'total':58s} {total:7.2f} s")
    for name, mib in timer.memory.items():  # where the main process's memory stands
        print(f"resident at the end of: {LABELS.get(name, name):34s} {mib:7.0f} MiB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak resident, main process':58s} {peak:7.0f} MiB")


if __name__ == "__main__":
    main()
