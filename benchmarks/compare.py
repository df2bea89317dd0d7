"""Briefing at two commits, side by side: is a change a slowdown?

For each size, each commit gets a checkout of its own (``git worktree``, removed afterwards) and
a copy of the same generated corpus. Then, alternating between the commits so that the shared
machine's load falls on both alike, it times in fresh subprocesses a cold build (no output, no
cache), a warm build (nothing changed), a build after one brief's body was edited, and, in one
process, the live preview's rebuild after an edit. Prints medians and the ratio new / old.

    python benchmarks/compare.py [--refs 79689d7,HEAD] [--sizes 1000,10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402

EDIT = "\nA late update adds one more sentence to this brief.\n"
PHASES = ("cold", "warm", "edit", "live edit")

# The live preview's rebuild after one edit, timed inside one process (either commit's API).
LIVE = """
import sys, time
from pathlib import Path
try:
    from generator.engine import SiteBuilder
except ImportError:
    from generator.build import SiteBuilder
root, out, brief = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
builder = SiteBuilder(root, output_dir=out, live=True)
builder.rebuild()
with brief.open("a", encoding="utf-8") as f:
    f.write("\\nOne more live sentence.\\n")
started = time.perf_counter()
builder.rebuild()
print(time.perf_counter() - started)
"""


def run(checkout: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout), "LC_ALL": "C.UTF-8"}
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def build(checkout: Path, site: Path) -> float:
    return run(checkout, "-m", "generator", "build", "--root", str(site))


def measure(checkout: Path, site: Path, scratch: Path) -> dict[str, float]:
    """One round of every phase for one commit's checkout on its own copy of the corpus."""
    for leftover in (site / "site", site / ".briefing-cache"):
        shutil.rmtree(leftover, ignore_errors=True)
    times = {"cold": build(checkout, site), "warm": build(checkout, site)}
    brief = sorted((site / "content" / "briefs").glob("*.md"))[0]
    with brief.open("a", encoding="utf-8") as f:
        f.write(EDIT)
    times["edit"] = build(checkout, site)
    preview = scratch / "preview"
    shutil.rmtree(preview, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, "-c", LIVE, str(site), str(preview), str(brief)],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    times["live edit"] = float(done.stdout.strip().splitlines()[-1])
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refs", default="79689d7,HEAD", help="two commits: old,new")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    refs = args.refs.split(",")
    work = Path(tempfile.mkdtemp(prefix="briefing-compare-"))
    checkouts = {}
    try:
        for ref in refs:
            checkouts[ref] = work / f"checkout-{len(checkouts)}"
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(checkouts[ref]), ref],
                check=True,
            )
        print(f"| briefs | phase | {refs[0]} median (s) | {refs[1]} median (s) | new / old |")
        print("| --- | --- | --- | --- | --- |")
        for size in map(int, args.sizes.split(",")):
            corpus = work / f"corpus-{size}"
            write_corpus(corpus, size, entities=2000, seed=1)  # as run.py
            results = {ref: {phase: [] for phase in PHASES} for ref in refs}
            for round_number in range(args.repeat):
                for ref in refs if round_number % 2 == 0 else refs[::-1]:
                    site = work / f"site-{size}-{refs.index(ref)}"
                    shutil.rmtree(site, ignore_errors=True)
                    shutil.copytree(corpus, site)
                    for phase, seconds in measure(checkouts[ref], site, work).items():
                        results[ref][phase].append(seconds)
                    print(
                        f"  {size} {ref} round {round_number + 1}: {results[ref]}",
                        file=sys.stderr,
                        flush=True,
                    )
            for phase in PHASES:
                old, new = (statistics.median(results[ref][phase]) for ref in refs)
                print(f"| {size:,} | {phase} | {old:.2f} | {new:.2f} | {new / old:.2f} |", flush=True)
    finally:
        for checkout in checkouts.values():
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(checkout)], capture_output=True
            )
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
