"""Briefing against Hugo, Pelican, MkDocs and Jekyll on the same generated briefs, side by side.

For each size: write the deterministic corpus (benchmarks/corpus.py), convert it for each peer,
then time every tool in fresh subprocesses: a cold build, a warm build (output and caches there,
a template touched) and a build after one brief was edited; for Briefing also the live-preview
path (one process, second ``rebuild()`` after an edit). Briefing runs as four tools, each in its
own copy of the corpus: with each Markdown engine (cmark-gfm, the default, and python-markdown),
with and without the search index. Within a phase the tools take turns, run after run, so the
machine's load falls on all of them alike; the median run is kept. Prints a Markdown table and
merges the rows into benchmarks/results/<date>.json. See benchmarks/README.md.

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
from dataclasses import dataclass
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


@dataclass
class Run:
    """One tool's phase: what to do before each run, the command, and where its pages go."""

    tool: str
    before: Callable[[], None]
    cmd: list[str]
    output: Path


def phase(rows: list, size: int, name: str, runs: list[Run], logs: Path, repeat: int) -> None:
    """Run every tool's ``name`` phase ``repeat`` times, taking turns; record each tool's median."""
    measured: dict[str, list[measure.Measurement]] = {run.tool: [] for run in runs}
    loads = {run.tool: os.getloadavg()[0] for run in runs}
    for i in range(repeat):
        for run in runs:
            run.before()
            log_file = logs / f"{run.tool.replace(' ', '_')}-{name}-{i}.log"
            measured[run.tool].append(measure.run(run.cmd, cwd=REPO, env=ENV, log=log_file))
    for run in runs:
        ordered = sorted(measured[run.tool], key=lambda m: m.seconds)
        middle = ordered[(len(ordered) - 1) // 2]  # the median run (the lower one of an even count)
        record(
            rows,
            size,
            run.tool,
            name,
            middle,
            measure.count_pages(run.output),
            measured[run.tool],
            loads[run.tool],
        )


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
# Briefing's variants: tool name → (site.yaml's markdown setting, build options).
VARIANTS = {
    "briefing": ("", []),
    NO_SEARCH: ("", ["--no-search"]),
    "briefing python-markdown": ("markdown: {engine: python-markdown}\n", []),
    "briefing python-markdown --no-search": ("markdown: {engine: python-markdown}\n", ["--no-search"]),
}


def briefing_build_cmd(root: Path, cold: bool) -> list[str]:
    cmd = [sys.executable, "-m", "generator", "build", "--root", str(root)]
    help_text = subprocess.run([*cmd[:4], "--help"], capture_output=True, text=True, check=True).stdout
    return [*cmd, "--clean"] if cold and "--clean" in help_text else cmd


def briefing_runs(root: Path, brief: Path, variants: list[str]) -> dict[str, list[Run]]:
    """For each phase, a run per Briefing variant, each in its own copy of the corpus."""
    phases: dict[str, list[Run]] = {"cold": [], "warm": [], "edit": []}
    for tool in variants:
        setting, extra = VARIANTS[tool]
        copy = (
            root.parent / ("briefing-" + tool.replace(" ", "").replace("--", "-"))
            if tool != "briefing"
            else root
        )
        if copy != root:
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".briefing-cache"))
        config = copy / "site.yaml"
        config.write_text((root / "site.yaml").read_text(encoding="utf-8") + setting, encoding="utf-8")
        shutil.copy(REPO / "templates" / "base.html", copy / "templates" / "base.html")
        site, edited = copy / "site", copy / brief.relative_to(root)

        def clean(copy: Path = copy, site: Path = site) -> None:
            shutil.rmtree(site, ignore_errors=True)
            shutil.rmtree(copy / ".briefing-cache", ignore_errors=True)

        build = [*briefing_build_cmd(copy, cold=False), *extra]
        phases["cold"].append(Run(tool, clean, [*briefing_build_cmd(copy, cold=True), *extra], site))
        phases["warm"].append(Run(tool, lambda c=copy: touch(c / "templates" / "base.html"), build, site))
        phases["edit"].append(Run(tool, lambda e=edited: append(e), build, site))
    return phases


def bench_live(rows: list, size: int, root: Path, brief: Path, logs: Path, repeat: int) -> None:
    live_out = root.parent / "briefing-live"
    runs: dict[str, list[measure.Measurement]] = {}
    load = os.getloadavg()[0]
    for i in range(repeat):
        shutil.rmtree(live_out, ignore_errors=True)
        cmd = [sys.executable, str(HERE / "live_preview.py"), str(root), str(live_out), str(brief)]
        process = measure.run(cmd, cwd=REPO, env=ENV, log=logs / f"briefing-live-{i}.log")
        times = json.loads((logs / f"briefing-live-{i}.log").read_text().strip().splitlines()[-1])
        for name, (wall, cpu) in times.items():  # first, edit (the body), edit-title, ...
            runs.setdefault(name, []).append(measure.Measurement(wall, cpu, process.peak_rss_mib, 0))
    pages = measure.count_pages(live_out)
    for name, measured in runs.items():
        middle = sorted(measured, key=lambda m: m.seconds)[(len(measured) - 1) // 2]
        record(rows, size, "briefing", f"live-{name}", middle, pages, measured, load)
    shutil.rmtree(live_out, ignore_errors=True)


def peer_runs(peer: Peer, project: Path, brief: Path) -> dict[str, list[Run]]:
    output = project / peer.output
    template = project / peer.template if peer.template else None
    rebuild = peer.command(project, False)
    return {
        "cold": [Run(peer.name, lambda: peer.clean(project), peer.command(project, True), output)],
        "warm": [Run(peer.name, (lambda: touch(template)) if template else (lambda: None), rebuild, output)],
        "edit": [Run(peer.name, lambda: append(brief), rebuild, output)],
    }


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated brief counts (default: 1000)")
    parser.add_argument("--peers", default=",".join(PEERS), help="comma-separated, or 'none'")
    parser.add_argument(
        "--skip-install", action="store_true", help="never install a missing peer: leave it out"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per phase; the median is kept")
    parser.add_argument("--skip-briefing", action="store_true", help="measure the peers only")
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help=f"Briefing's tools to run (default: all of {', '.join(VARIANTS)})",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    names = [] if args.peers in ("", "none") else args.peers.split(",")
    if unknown := set(names) - set(PEERS):
        parser.error(f"unknown peers: {', '.join(sorted(unknown))} (known: {', '.join(PEERS)})")
    variants = [] if args.skip_briefing else args.variants.split(",")
    if unknown := set(variants) - set(VARIANTS):
        parser.error(f"unknown variants: {', '.join(sorted(unknown))} (known: {', '.join(VARIANTS)})")
    peers, missing = [], []
    for peer in (PEERS[n] for n in names):
        if not peer.available():
            if args.skip_install:
                missing.append(peer.name)
                continue
            log(f"installing {peer.name}")
            peer.install()
        peers.append(peer)
    if missing:
        log(f"not installed, so not measured: {', '.join(missing)}")
    versions = {p.name: p.version() for p in peers}
    commit = git("rev-parse", "--short", "HEAD") + (
        " + uncommitted changes" if git("status", "--porcelain", "--", "generator", "templates") else ""
    )
    versions |= dict.fromkeys(VARIANTS, commit)
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
        brief = root / "content" / "briefs" / f"{edited.slug}.md"
        phases = briefing_runs(root, brief, variants)
        for peer in peers:
            project = work / peer.name
            for name, runs in peer_runs(peer, project, peer.brief_file(project, edited)).items():
                phases[name] += runs
        for name, runs in phases.items():  # every tool's cold runs, taking turns; then warm; then edit
            phase(rows, size, name, runs, logs, args.repeat)
        if "briefing" in variants:
            bench_live(rows, size, root, brief, logs, args.repeat)
    now = datetime.now(timezone.utc)
    for row in rows:
        row["measured"] = now.isoformat(timespec="seconds")
        row["version"] = versions[row["tool"]]
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    data = report.merge(
        report.RESULTS / f"{now:%Y-%m-%d}.json", rows, {"machine": machine, "versions": versions}
    )
    print(report.markdown(data["rows"]))
    if missing:
        print(f"\nNot installed here, so not measured: {', '.join(missing)}.")


if __name__ == "__main__":
    main()
