"""Builds are atomic under faults (issue #11, item 2): kills, a failing indexer, a full disk.

Proves, through the real command line (``python -m generator build`` in a subprocess):

- ``kill -9`` at ``KILL_MOMENTS`` seeded moments spread over a build of a few hundred briefs, in
  three scenarios (briefs added, changed, removed since the last good build): afterwards ``site/``
  is byte for byte either the previous good build or the one the new content gives (a clean
  build of the same sources in another folder), and the next build succeeds, equals that clean
  build and leaves no staging folder behind (the last good build leaves a spare tree, so kills
  also land while a build recycles it);
- a search indexer that fails (Pagefind crashing on ``language: 'en"><script>'``) exits non-zero
  with one ``error:`` line and the previous site intact;
- a full disk (a tiny tmpfs holding the output folder, swept over several amounts of free space,
  so the disk fills while staging pages, while indexing, or not at all): either the build
  succeeds and equals a clean build, or it exits non-zero with one ``error:`` line, no traceback
  and the previous site intact; and the next build with space equals a clean build (no zero-byte
  files kept).

Every scenario was first written against the code that failed it (issue #11.2). Black-box: no internal module is
imported; the corpus comes from ``benchmarks/corpus.py`` run as a script.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
KILL_MOMENTS = int(
    os.environ.get("BRIEFING_KILL_MOMENTS", "6")
)  # per scenario; more: export BRIEFING_KILL_MOMENTS=15
BRIEFS = 200  # the previous good build's briefs
DELTA = 30  # briefs added, changed or removed since
ENTITIES = 100
SEED = 11
FREE_KB = (8, 32, 96, 192, 320, 512, 800)  # free space left on the tiny disk, one build each

pytestmark = pytest.mark.faults


def cli(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_build(root: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches forked workers too
    )


def tree(folder: Path) -> dict[str, bytes]:
    """{relative path: bytes} of every file under ``folder``."""
    files = {}
    if not folder.is_dir():
        return files
    for base, _, names in os.walk(folder):
        for name in names:
            path = Path(base, name)
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def copy(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)


def clean_build(root: Path, work: Path, mutate=None, out: Path | None = None) -> dict[str, bytes]:
    """The site the sources of ``root`` (after ``mutate``) give, built from nothing in a copy
    (into ``out``, when the file system matters: Pagefind's index follows the folder order)."""
    copy(root, work)
    for leftover in (work / "site", work / ".briefing-cache"):
        shutil.rmtree(leftover, ignore_errors=True)
    if mutate:
        mutate(work)
    out = out or work / "site"
    done = cli(work, "build", "--output", str(out))
    assert done.returncode == 0, done.stderr
    result = tree(out)
    shutil.rmtree(work)
    shutil.rmtree(out, ignore_errors=True)
    return result


def differs(a: dict[str, bytes], b: dict[str, bytes]) -> int:
    return len(set(a.items()) ^ set(b.items()))


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted({rel for rel, _ in set(a.items()) ^ set(b.items())})[:3]


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site.") and p.name != ".site.spare")


def error_lines_ok(stderr: str) -> list[str]:
    """What is wrong with a failed build's stderr: a traceback, stray lines, no error line."""
    wrong = []
    if "Traceback" in stderr:
        wrong.append("a traceback")
    lines = [line for line in stderr.splitlines() if line.strip()]
    if not any(line.startswith("error:") for line in lines):
        wrong.append("no 'error:' line")
    stray = [line for line in lines if not line.startswith(("error:", "warning:"))]
    if stray:
        wrong.append(f"stray lines such as {stray[0][:120]!r}")
    return wrong


# --- kill -9 -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """BRIEFS + DELTA briefs from the benchmark corpus generator (deterministic)."""
    pool = tmp_path_factory.mktemp("corpus") / "pool"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "corpus.py"),
            str(pool),
            "--briefs",
            str(BRIEFS + DELTA),
            "--entities",
            str(ENTITIES),
            "--seed",
            str(SEED),
        ],
        check=True,
        capture_output=True,
    )
    return pool


def _extras(pool: Path) -> list[Path]:
    return sorted((pool / "content" / "briefs").glob("*.md"))[-DELTA:]


def _added(pool: Path):
    def mutate(root: Path) -> None:
        for path in _extras(pool):
            shutil.copy2(path, root / "content" / "briefs" / path.name)

    return mutate


def _changed(pool: Path):
    def mutate(root: Path) -> None:
        briefs = sorted((root / "content" / "briefs").glob("*.md"))
        for path in random.Random(SEED).sample(briefs, DELTA):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r'^title: "?', lambda m: m.group(0) + "Revised ", text, count=1, flags=re.M)
            path.write_text(text + "\nA late paragraph added by the desk after review.\n", encoding="utf-8")

    return mutate


def _removed(pool: Path):
    def mutate(root: Path) -> None:
        briefs = sorted((root / "content" / "briefs").glob("*.md"))
        for path in random.Random(SEED + 1).sample(briefs, DELTA):
            path.unlink()

    return mutate


SCENARIOS = {"added": _added, "changed": _changed, "removed": _removed}


@pytest.mark.parametrize(
    "scenario",
    [
        "added",
        "changed",
        "removed",
    ],
)
def test_kill_during_build(scenario: str, corpus: Path, tmp_path: Path) -> None:
    mutate = SCENARIOS[scenario](corpus)
    old_root = tmp_path / "old"
    copy(corpus, old_root)
    for path in _extras(corpus):
        (old_root / "content" / "briefs" / path.name).unlink()
    first = cli(old_root, "build")
    assert first.returncode == 0, first.stderr
    # Leave a spare (the build before, one brief different) for the next builds to recycle, so
    # that kills also land while the spare is brought up to date.
    brief = sorted((old_root / "content" / "briefs").glob("*.md"))[0]
    text = brief.read_bytes()
    brief.write_bytes(text + b"\nA paragraph the desk took back.\n")
    for _ in range(2):
        again = cli(old_root, "build")
        assert again.returncode == 0, again.stderr
        brief.write_bytes(text)
    assert (old_root / ".site.spare").is_dir()
    old = tree(old_root / "site")
    new = clean_build(old_root, tmp_path / "expected", mutate)
    assert differs(old, new), "the scenario changes nothing"

    work = tmp_path / "work"
    copy(old_root, work)
    mutate(work)
    started = time.monotonic()
    done = cli(work, "build")
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert tree(work / "site") == new, "an uninterrupted incremental build differs from a clean build"

    rng = random.Random(f"{SEED}-{scenario}")
    moments = [(k + rng.random()) / KILL_MOMENTS * duration for k in range(KILL_MOMENTS)]
    problems = []
    for moment in moments:
        copy(old_root, work)
        mutate(work)
        process = start_build(work)
        time.sleep(moment)
        finished = process.poll() is not None
        if not finished:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        site = tree(work / "site")
        state = "old" if site == old else "new" if site == new else None
        label = f"kill at {moment:.2f} s of {duration:.2f} s" + (" (had finished)" if finished else "")
        if state is None:
            problems.append(
                f"{label}: mixed site/ ({differs(site, old)} files from old, {differs(site, new)} from new)"
            )
        again = cli(work, "build")
        if again.returncode != 0:
            first_line = (again.stderr.strip().splitlines() or ["?"])[0]
            problems.append(f"{label}: next build exit {again.returncode}: {first_line[:200]}")
        elif tree(work / "site") != new:
            problems.append(
                f"{label}: next build differs from a clean build (e.g. {differing(tree(work / 'site'), new)})"
            )
        if leftovers(work):
            problems.append(f"{label}: left {leftovers(work)} after the next build")
    assert not problems, f"{len(problems)} problems in {KILL_MOMENTS} kills:\n" + "\n".join(problems)


# --- a failing indexer and a full disk ----------------------------------------------------------------


def write_small_site(root: Path, briefs: int = 3, words: int = 40) -> None:
    (root / "content" / "briefs").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Fault desk\nbase_url: /\nlanguage: en\n", encoding="utf-8")
    (root / "content" / "entities.yaml").write_text(
        "acme:\n  name: Acme\n  type: organization\n", encoding="utf-8"
    )
    add_briefs(root, 0, briefs, words)


def add_briefs(root: Path, first: int, count: int, words: int) -> None:
    rng = random.Random(first)
    vocabulary = "acme ministry report budget plan factory border talks export supply".split()
    for i in range(first, first + count):
        body = " ".join(rng.choice(vocabulary) for _ in range(words))
        (root / "content" / "briefs" / f"brief-{i:03d}.md").write_text(
            f"---\ntitle: Brief {i}\ndate: 2025-01-{1 + i % 28:02d}\nsummary: Summary {i}.\n"
            f"entities: [acme]\ntags: [t{i % 5}]\n---\n\nAcme {body}.\n",
            encoding="utf-8",
        )


FAKE_PAGEFIND = """\
from pathlib import Path

SCRIPT = Path(__file__).with_name("pagefind")


def get_executable():
    return SCRIPT
"""
FAKE_PAGEFIND_SCRIPT = """\
#!/bin/sh
# A Pagefind that crashes half-way: it writes part of its output, then fails.
while [ $# -gt 0 ]; do
  if [ "$1" = "--output-path" ]; then mkdir -p "$2" && printf 'partial' > "$2/pagefind.js"; fi
  shift
done
echo "Error: simulated indexer crash" >&2
exit 1
"""


def test_failing_search_indexer_leaves_site(tmp_path: Path) -> None:
    """A Pagefind that crashes (a fake ``pagefind_bin`` first on the import path, which is where
    ``search.py`` finds the binary) after a change to every page: the old site must stay."""
    root = tmp_path / "desk"
    write_small_site(root)
    assert cli(root, "build").returncode == 0
    old = tree(root / "site")
    fake = tmp_path / "fake" / "pagefind_bin"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(FAKE_PAGEFIND, encoding="utf-8")
    (fake / "pagefind").write_text(FAKE_PAGEFIND_SCRIPT, encoding="utf-8")
    (fake / "pagefind").chmod(0o755)
    config = root / "site.yaml"
    config.write_text(
        config.read_text().replace("title: Fault desk", "title: Fault desk renamed"), encoding="utf-8"
    )
    env = dict(os.environ, PYTHONPATH=f"{fake.parent}{os.pathsep}{REPO}")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0, "the fake indexer was not used: this test no longer injects a fault"
    wrong = error_lines_ok(done.stderr)
    site = tree(root / "site")
    assert site == old, (
        f"site/ changed by a failed build ({differs(site, old)} files, e.g. {differing(site, old)})"
    )
    assert not wrong, f"stderr: {wrong}: {done.stderr[-400:]}"
    assert not leftovers(root), leftovers(root)
    again = cli(root, "build")
    assert again.returncode == 0, again.stderr
    assert tree(root / "site") == clean_build(root, tmp_path / "expected")


def test_hostile_language_builds_or_fails_cleanly(tmp_path: Path) -> None:
    """``language: 'en"><script>'`` (which crashed Pagefind in the issue's runs): either the build
    succeeds and equals a clean build, or it fails with one error line and the old site intact."""
    root = tmp_path / "desk"
    write_small_site(root)
    assert cli(root, "build").returncode == 0
    old = tree(root / "site")
    config = root / "site.yaml"
    config.write_text(
        config.read_text().replace("language: en", "language: 'en\"><script>'"), encoding="utf-8"
    )
    done = cli(root, "build")
    if done.returncode == 0:
        assert tree(root / "site") == clean_build(root, tmp_path / "expected")
    else:
        assert not error_lines_ok(done.stderr), done.stderr[-400:]
        assert tree(root / "site") == old


def _mount_tmpfs(folder: Path, size_kb: int) -> None:
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs for the full-disk test: {done.stderr.strip() or done.returncode}")


def _resize(folder: Path, size_kb: int) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size_kb}k", str(folder)], check=True, capture_output=True)


def _used_kb(folder: Path) -> int:
    st = os.statvfs(folder)
    return (st.f_blocks - st.f_bfree) * st.f_frsize // 1024


def test_disk_full_leaves_site(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, 64 * 1024)
    try:
        root = tmp_path / "desk"
        write_small_site(root, briefs=3)
        out = disk / "site"
        first = cli(root, "build", "--output", str(out))
        assert first.returncode == 0, first.stderr
        old = tree(out)
        saved_root, saved_out = tmp_path / "saved-root", tmp_path / "saved-out"
        copy(root, saved_root)
        copy(out, saved_out)
        used = _used_kb(disk)

        def grow(site_root: Path) -> None:
            add_briefs(site_root, 100, 20, 1500)

        new = clean_build(root, tmp_path / "expected", grow, out=disk / "expected")
        problems = []
        for free in FREE_KB:
            _resize(disk, 64 * 1024)
            copy(saved_root, root)
            shutil.rmtree(out)
            copy(saved_out, out)
            for stray in disk.iterdir():
                if stray.name != "site":
                    shutil.rmtree(stray, ignore_errors=True)
            grow(root)
            _resize(disk, used + free)
            done = cli(root, "build", "--output", str(out))
            label = f"{free} KB free"
            site = tree(out)
            if done.returncode == 0:
                if site != new:
                    empty = sorted(rel for rel, data in site.items() if not data and new.get(rel))
                    problems.append(
                        f"{label}: exit 0 but site differs from a clean build (e.g. {differing(site, new)}); zero-byte: {empty[:4]}"
                    )
            else:
                wrong = error_lines_ok(done.stderr)
                first_line = (done.stderr.strip().splitlines() or ["?"])[0][:160]
                if wrong:
                    problems.append(
                        f"{label}: exit {done.returncode}, {', '.join(wrong)}; first line: {first_line}"
                    )
                if site != old:
                    problems.append(
                        f"{label}: exit {done.returncode} and site changed ({differs(site, old)} files)"
                    )
            _resize(disk, 64 * 1024)
            again = cli(root, "build", "--output", str(out))
            if again.returncode != 0:
                problems.append(
                    f"{label}: next build with space: exit {again.returncode}: {again.stderr[-200:]}"
                )
            elif tree(out) != new:
                empty = sorted(rel for rel, data in tree(out).items() if not data)
                problems.append(
                    f"{label}: next build with space differs from a clean build (e.g. {differing(tree(out), new)}); "
                    f"zero-byte: {empty[:4]}"
                )
        assert not problems, "\n".join(problems)
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
