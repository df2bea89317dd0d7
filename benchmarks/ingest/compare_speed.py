"""Drafting speed of two checkouts side by side: alternating runs in one go, medians.

usage: python benchmarks/ingest/compare_speed.py OTHER_CHECKOUT [--runs N] [--rounds N]

Each run drafts every real article ``--rounds`` times in a fresh interpreter with that
checkout's ``generator`` package first on the path, and reports articles per CPU second. Both
checkouts draft this checkout's ``real/`` articles, so the work is the same.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
THIS = HERE.parents[1]

_RUN = """
import sys, time
from datetime import date
from pathlib import Path
from generator.ingest import gazetteer
from generator.ingest.curation import Curation
from generator.ingest.draft import render_brief
from generator.ingest.pipeline import DraftOptions, draft_brief
from generator.ingest.reading import read_article
from generator.ingest.registry import known_names
gazetteer.places(); gazetteer.demonyms(); gazetteer.regions()
articles = sorted(Path(sys.argv[1]).glob("*.txt")) * int(sys.argv[2])
known, curation = known_names({}, Curation()), Curation()
options = DraftOptions(today=date(2024, 1, 1), published=date(2024, 1, 1))
started = time.process_time()
for path in articles:
    render_brief(draft_brief(read_article(path), known, curation, options))
print(len(articles) / (time.process_time() - started))
"""


def rate(checkout: Path, rounds: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(HERE / "real"), str(rounds)],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="another checkout of this repository")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rates: dict[Path, list[float]] = {THIS: [], args.other.resolve(): []}
    for _ in range(args.runs):
        for checkout, found in rates.items():
            found.append(rate(checkout, args.rounds))
    for checkout, found in rates.items():
        runs = " ".join(f"{r:.1f}" for r in found)
        print(f"{checkout}: median {statistics.median(found):.1f} articles per CPU second ({runs})")
    this, other = (statistics.median(found) for found in rates.values())
    print(f"ratio this / other: {this / other:.2f}")


if __name__ == "__main__":
    main()
