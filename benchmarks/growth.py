"""How a build grows with the site: each phase's time and the peak memory, from 1,000 to 100,000 briefs.

For each size: write the deterministic corpus (``corpus.py``, two entities per ten briefs), then in
fresh subprocesses run ``phases.py`` for a cold build (no output, no cache), a warm build (nothing
changed) and a build after one brief's body was edited. Each run's wall time, CPU time and peak
memory of its whole process tree come from ``measure.py``; the phases from the builder's own
reporter. A phase whose time per brief stays flat as the site grows is linear.

    python benchmarks/growth.py [--sizes 1000,10000,30000,100000] [--search] [--work DIR]

Prints a Markdown table and writes ``benchmarks/results/growth-<date>-<commit>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
from corpus import write_corpus  # noqa: E402
from phases import LABELS  # noqa: E402

EDIT = "\nA late update adds one more sentence to this brief.\n"
ENV = {**os.environ, "PYTHONPATH": str(REPO), "LC_ALL": "C.UTF-8"}
PHASE_LINE = re.compile(r"^(.*?)\s+(\d+\.\d+) s$")
NAMES = {label: name for name, label in LABELS.items()}


def phases_run(root: Path, log: Path, clean: bool) -> dict:
    """One build through phases.py: wall, CPU, peak MiB and each phase's seconds."""
    cmd = [sys.executable, str(HERE / "phases.py"), str(root), *(["--clean"] if clean else [])]
    result = measure.run(cmd, env=ENV, log=log)
    times = {}
    for line in log.read_text().splitlines():
        if (match := PHASE_LINE.match(line)) and match[1].strip() in NAMES:
            times[NAMES[match[1].strip()]] = float(match[2])
    return {
        "seconds": result.seconds,
        "cpu": result.cpu_seconds,
        "peak_mib": result.peak_rss_mib,
        "phases": times,
    }


def measure_size(size: int, work: Path, search: bool) -> dict:
    root = work / f"growth-{size}"
    shutil.rmtree(root, ignore_errors=True)
    write_corpus(root, size, max(200, size // 5))
    if not search:
        config = root / "site.yaml"
        config.write_text(config.read_text() + "search: false\n", encoding="utf-8")
    rows = {"cold": phases_run(root, work / f"growth-{size}-cold.log", clean=True)}
    rows["warm"] = phases_run(root, work / f"growth-{size}-warm.log", clean=False)
    brief = sorted((root / "content" / "briefs").glob("*.md"))[size // 2]
    with brief.open("a", encoding="utf-8") as stream:
        stream.write(EDIT)
    rows["edit"] = phases_run(root, work / f"growth-{size}-edit.log", clean=False)
    shutil.rmtree(root, ignore_errors=True)
    return rows


def table(results: dict[int, dict]) -> str:
    phases = list(LABELS)
    lines = [
        "| briefs | build | wall s | CPU s | peak MiB | " + " | ".join(phases) + " | wall ms per brief |",
        "| ---: | --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in phases) + " | ---: |",
    ]
    for size, rows in results.items():
        for build, row in rows.items():
            cells = [f"{row['phases'][p]:.2f}" if p in row["phases"] else "" for p in phases]
            lines.append(
                f"| {size:,} | {build} | {row['seconds']:.2f} | {row['cpu']:.2f} | {row['peak_mib']:.0f} | "
                + " | ".join(cells)
                + f" | {1000 * row['seconds'] / size:.3f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,30000,100000")
    parser.add_argument("--search", action="store_true", help="build the search index too")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-growth"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in map(int, args.sizes.split(",")):
        results[size] = measure_size(size, args.work, args.search)
        print(
            f"{size:,} briefs done: cold {results[size]['cold']['seconds']:.1f} s",
            file=sys.stderr,
            flush=True,
        )
    print(table(results))
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    out = HERE / "results" / f"growth-{stamp}-{commit.stdout.strip() or 'unknown'}.json"
    out.write_text(json.dumps({"search": args.search, "results": results}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
