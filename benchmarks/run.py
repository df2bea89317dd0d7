"""Briefing against Hugo, Pelican, MkDocs and Jekyll on the same generated briefs, side by side.

For each size: write the deterministic corpus (benchmarks/corpus.py), convert it for each peer,
then time every tool in fresh subprocesses: a cold build, a warm build (output and caches there,
a template touched) and a build after one brief was edited; for Briefing also the live-preview
path (one process, second ``rebuild()`` after an edit). Prints a Markdown table and merges the
rows into benchmarks/results/<date>.json. See benchmarks/README.md.

    python benchmarks/run.py [--sizes 1000,10000] [--peers hugo,pelican,mkdocs,jekyll]
                             [--skip-install] [--skip-briefing] [--repeat N] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
import report  # noqa: E402
from corpus import write_corpus  # noqa: E402
from peers import PEERS, Peer, read_corpus  # noqa: E402

EDIT = "\nA late update adds one more sentence to this brief.\n"
ENV = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def touch(path: Path) -> None:
    """A template 'touched': a new mtime, the same bytes."""
    os.utime(path)


def append(path: Path) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(EDIT)


def phase(
    rows: list, size: int, tool: str, name: str, before: Callable[[], None], cmd: list[str],
    output: Path, logs: Path, repeat: int,
) -> None:  # fmt: skip
    """Run ``before`` then ``cmd`` ``repeat`` times; record the fastest run (see README)."""
    runs, load = [], os.getloadavg()[0]
    for i in range(repeat):
        before()
        runs.append(measure.run(cmd, cwd=REPO, env=ENV, log=logs / f"{tool}-{name}-{i}.log"))
    best = min(runs, key=lambda m: m.seconds)
    record(rows, size, tool, name, best, measure.count_pages(output), runs, load)


def record(rows, size, tool, name, best, pages, runs, load) -> None:
    row = {"size": size, "tool": tool, "phase": name, "seconds": round(best.seconds, 3)}
    row |= {
        "cpu_seconds": round(best.cpu_seconds, 3),
        "pages": pages,
        "peak_mib": round(best.peak_rss_mib, 1),
    }
    row |= {"runs": [round(m.seconds, 3) for m in runs], "load_before": round(load, 2)}
    log(f"{size} {tool} {name}: {best.seconds:.2f} s (CPU {best.cpu_seconds:.2f} s), {pages} pages, "
        f"{best.peak_rss_mib:.0f} MiB, load {load:.1f}")  # fmt: skip
    rows.append(row)


NO_SEARCH = "briefing --no-search"


def briefing_build_cmd(root: Path, cold: bool) -> list[str]:
    cmd = [sys.executable, "-m", "generator", "build", "--root", str(root)]
    help_text = subprocess.run([*cmd[:4], "--help"], capture_output=True, text=True, check=True).stdout
    return [*cmd, "--clean"] if cold and "--clean" in help_text else cmd


def bench_briefing(rows: list, size: int, root: Path, brief: Path, logs: Path, repeat: int) -> None:
    site = root / "site"
    shutil.copy(REPO / "templates" / "base.html", root / "templates" / "base.html")

    def clean() -> None:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(root / ".briefing-cache", ignore_errors=True)

    args = (site, logs, repeat)
    # Then the same without the search index, which none of the peers builds.
    for tool, extra in (("briefing", []), (NO_SEARCH, ["--no-search"])):
        phase(rows, size, tool, "cold", clean, [*briefing_build_cmd(root, cold=True), *extra], *args)
        build = [*briefing_build_cmd(root, cold=False), *extra]
        phase(rows, size, tool, "warm", lambda: touch(root / "templates" / "base.html"), build, *args)
        phase(rows, size, tool, "edit", lambda: append(brief), build, *args)
    live_out = root.parent / "briefing-live"
    runs: dict[str, list[measure.Measurement]] = {"first": [], "edit": []}
    load = os.getloadavg()[0]
    for i in range(repeat):
        shutil.rmtree(live_out, ignore_errors=True)
        cmd = [sys.executable, str(HERE / "live_preview.py"), str(root), str(live_out), str(brief)]
        process = measure.run(cmd, cwd=REPO, env=ENV, log=logs / f"briefing-live-{i}.log")
        times = json.loads((logs / f"briefing-live-{i}.log").read_text().strip().splitlines()[-1])
        for name in runs:
            wall, cpu = times[name]
            runs[name].append(measure.Measurement(wall, cpu, process.peak_rss_mib, 0))
    pages = measure.count_pages(live_out)
    for name, measured in runs.items():
        best = min(measured, key=lambda m: m.seconds)
        record(rows, size, "briefing", f"live-{name}", best, pages, measured, load)
    shutil.rmtree(live_out, ignore_errors=True)


def bench_peer(rows: list, size: int, peer: Peer, project: Path, brief: Path, logs: Path, repeat: int):
    args = (project / peer.output, logs, repeat)
    phase(rows, size, peer.name, "cold", lambda: peer.clean(project), peer.command(project, True), *args)
    template = project / peer.template if peer.template else None
    warm_before = (lambda: touch(template)) if template else (lambda: None)
    phase(rows, size, peer.name, "warm", warm_before, peer.command(project, False), *args)
    phase(rows, size, peer.name, "edit", lambda: append(brief), peer.command(project, False), *args)


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated brief counts (default: 1000)")
    parser.add_argument("--peers", default=",".join(PEERS), help="comma-separated, or 'none'")
    parser.add_argument("--skip-install", action="store_true", help="never install a missing peer")
    parser.add_argument("--repeat", type=int, default=1, help="runs per phase; the fastest is kept")
    parser.add_argument("--skip-briefing", action="store_true", help="measure the peers only")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    names = [] if args.peers in ("", "none") else args.peers.split(",")
    if unknown := set(names) - set(PEERS):
        parser.error(f"unknown peers: {', '.join(sorted(unknown))} (known: {', '.join(PEERS)})")
    peers = [PEERS[n] for n in names]
    for peer in peers:
        if not peer.available():
            if args.skip_install:
                raise SystemExit(f"{peer.name} is not installed (drop --skip-install to install it)")
            log(f"installing {peer.name}")
            peer.install()
    versions = {p.name: p.version() for p in peers}
    versions["briefing"] = versions[NO_SEARCH] = git("rev-parse", "--short", "HEAD") + (
        " + uncommitted changes" if git("status", "--porcelain", "--", "generator", "templates") else ""
    )
    rows: list[dict] = []
    for size in sizes:
        work = args.work / str(size)
        shutil.rmtree(work, ignore_errors=True)
        root, logs = work / "briefing", work / "logs"
        logs.mkdir(parents=True)
        started = time.perf_counter()
        write_corpus(root, size, entities=2000, seed=1)
        (root / "templates").mkdir(exist_ok=True)
        briefs, entities = read_corpus(root)
        edited = briefs[size // 2]
        for peer in peers:
            peer.prepare(work / peer.name, briefs, entities)
        log(f"{size} briefs written and converted in {time.perf_counter() - started:.1f} s")
        if not args.skip_briefing:
            brief = root / "content" / "briefs" / f"{edited.slug}.md"
            bench_briefing(rows, size, root, brief, logs, args.repeat)
        for peer in peers:
            project = work / peer.name
            bench_peer(rows, size, peer, project, peer.brief_file(project, edited), logs, args.repeat)
    now = datetime.now(timezone.utc)
    for row in rows:
        row["measured"] = now.isoformat(timespec="seconds")
        row["version"] = versions[row["tool"]]
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    data = report.merge(
        report.RESULTS / f"{now:%Y-%m-%d}.json", rows, {"machine": machine, "versions": versions}
    )
    print(report.markdown(data["rows"]))


if __name__ == "__main__":
    main()
