"""Where a build's time goes: one build of a site, timed phase by phase, in this process.

    python benchmarks/phases.py SITE_ROOT [--clean]

Wraps the builder's stages with timers (nothing in the generator changes) and prints seconds
per phase: reading the inputs' digest, loading and parsing, the index, the pages (specs, keys,
rendering and writing, across the worker processes), the commit with the search index, and the
cache. ``--clean`` deletes the output folder and the cache first, for a cold build.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import time
from pathlib import Path

import generator.engine.builder as build
import generator.write.search as search
import generator.write.writer as output
from generator.load.config import load_config

TIMES: dict[str, float] = {}


def timed(owner, name: str, label: str) -> None:
    """Replace ``owner.name`` with a copy that adds its running time to TIMES[label]."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            TIMES[label] = TIMES.get(label, 0.0) + time.perf_counter() - started

    setattr(owner, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--clean", action="store_true", help="delete the output and the cache first")
    args = parser.parse_args()
    if args.clean:
        shutil.rmtree(load_config(args.root).output_dir, ignore_errors=True)
        shutil.rmtree(args.root / ".briefing-cache", ignore_errors=True)
    timed(build, "input_digest", "digest of the inputs")
    timed(build, "load_site", "load and parse content")
    timed(build, "build_index", "index (timeline, mentions, snippets)")
    pages = build.fork_map  # the pages' pool (load has its own for parsing)

    def fork_map(task, items, parallel=True):
        started = time.perf_counter()
        yield from pages(task, items, parallel)
        TIMES["pages: spec, key, render, write (all workers)"] = time.perf_counter() - started

    build.fork_map = fork_map
    timed(output.SiteWriter, "commit", "commit: moves, manifest, search index")
    timed(search, "_run_pagefind", "  of which Pagefind runs")
    timed(build, "save_cache", "save the cache")
    started = time.perf_counter()
    result = build.build(args.root, use_cache=True)
    TIMES["total"] = time.perf_counter() - started
    print(result.summary())
    for label, seconds in TIMES.items():
        print(f"{label:58s} {seconds:7.2f} s")


if __name__ == "__main__":
    main()
