"""The search index alone: ``index_site`` on a built site, one version of the code against another.

    python benchmarks/search_index.py SITE_DIR [--code LABEL=TREE[,NAME=VALUE...] ...] [--runs 3]
        [--edit] [--set NAME=VALUE ...]

``SITE_DIR`` is a built site (its ``.briefing-manifest.json`` lists the pages). Each run is a fresh
subprocess (``measure.py``: wall, CPU and peak PSS of its tree, Pagefind's processes included)
that indexes the site into a scratch bundle with the ``generator`` package of one TREE (a
checkout; the default is this one, labelled ``new``); the trees take turns, run after run, so
a busy machine slows them alike. ``--edit`` times an edit instead: the bundle of a first,
untimed run is the previous one, and one brief's digest differs, so one shard is indexed again.
``--set`` changes a constant of ``generator.write.search`` (``PAGES_PER_SHARD=500``,
``AT_ONCE=1``) in every tree, ``,NAME=VALUE`` after a tree in that one. Prints each run and the
medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402

CHILD = """
import json, sys
from pathlib import Path
from generator.write import search
site, bundle, previous, edited, settings = sys.argv[1:6]
for name, value in json.loads(settings).items():
    setattr(search, name, value)
manifest = json.loads((Path(site) / ".briefing-manifest.json").read_text())
pages = {rel: value for rel, value in manifest.items() if rel.endswith(".html")}
if edited:
    pages[edited] = "edited"
search.index_site(Path(site), pages, Path(bundle), Path(previous) if previous else None)
"""


def index(
    tree: Path, site: Path, bundle: Path, previous: Path | None, edited: str, settings: dict, log: Path
):
    """One ``index_site`` in a subprocess with ``tree``'s code; its measurement."""
    shutil.rmtree(bundle, ignore_errors=True)
    cmd = [
        sys.executable,
        "-c",
        CHILD,
        str(site),
        str(bundle),
        str(previous or ""),
        edited,
        json.dumps(settings),
    ]
    return measure.run(cmd, env={**os.environ, "PYTHONPATH": str(tree)}, log=log)


def _setting(entry: str) -> tuple[str, int]:
    name, value = entry.split("=", 1)
    return name, int(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--code", action="append", default=[], help="LABEL=TREE[,NAME=VALUE...] (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edit", action="store_true")
    parser.add_argument("--set", action="append", default=[], help="NAME=VALUE (repeatable)")
    args = parser.parse_args()
    settings = dict(_setting(entry) for entry in args.set)
    trees, own = {"new": HERE.parent} if not args.code else {}, {}
    for entry in args.code:
        label, spec = entry.split("=", 1)
        tree, *changes = spec.split(",")
        trees[label], own[label] = Path(tree), {**settings, **dict(map(_setting, changes))}
    site = args.site.resolve()
    edited = (
        next(
            rel
            for rel in sorted(json.loads((site / ".briefing-manifest.json").read_text()))
            if rel.startswith("briefs/")
        )
        if args.edit
        else ""
    )
    work = Path(tempfile.mkdtemp(prefix="search-index-"))
    results: dict[str, list] = {label: [] for label in trees}
    try:
        previous = {}
        if args.edit:
            for label, tree in trees.items():
                previous[label] = work / f"{label}-previous"
                index(tree, site, previous[label], None, "", own.get(label, settings), work / "log")
        for run in range(args.runs):
            for label, tree in trees.items():
                m = index(
                    tree,
                    site,
                    work / "bundle",
                    previous.get(label),
                    edited,
                    own.get(label, settings),
                    work / "log",
                )
                results[label].append(m)
                print(
                    f"run {run + 1} {label}: {m.seconds:.2f} s wall, {m.cpu_seconds:.2f} s CPU, {m.peak_rss_mib:.0f} MiB",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for label, runs in results.items():
        wall = statistics.median(m.seconds for m in runs)
        cpu = statistics.median(m.cpu_seconds for m in runs)
        peak = max(m.peak_rss_mib for m in runs)
        print(f"{label}: median {wall:.2f} s wall, {cpu:.2f} s CPU, peak {peak:.0f} MiB ({len(runs)} runs)")


if __name__ == "__main__":
    main()
