"""The spare tree: the tree an exchange retires is kept and brought up to date by difference.

Proves, through the real command line (``python -m generator build`` in a subprocess), on real
files:

- after builds with edits, additions and removals, ``site/`` equals a clean build byte for byte
  and the spare (``.site.spare``) equals the build before it, manifest included;
- nothing is written in place through a hard link the live site shares with the staging tree:
  the retired tree (now the spare) still holds the old bytes of the pages that changed;
- a tampered spare (a file deleted, its manifest deleted or garbled, a stray file added to a spare
  without a manifest) never puts a stale or missing file into the site;
- the same with the search index on (Pagefind, as the other search tests run it);
- ``build --clean`` starts from an empty staging folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MANIFEST = ".briefing-manifest.json"


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=root, env=env, capture_output=True, text=True
    )


def build(root: Path, *args: str) -> None:
    done = cli(root, "build", *args)
    assert done.returncode == 0, done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    files = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = Path(base, name)
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def without_manifest(files: dict[str, bytes]) -> dict[str, bytes]:
    return {rel: data for rel, data in files.items() if rel != MANIFEST}


def assert_spare_lists_only_shared_files(root: Path) -> None:
    """The spare's manifest lists as the live site's only its very files (one inode)."""
    listed = json.loads((root / ".site.spare" / MANIFEST).read_text())
    live = json.loads((root / "site" / MANIFEST).read_text())
    for rel in listed:
        if rel in live and listed[rel] == live[rel]:
            same = os.stat(root / ".site.spare" / rel).st_ino == os.stat(root / "site" / rel).st_ino
            assert same, f"{rel}: the spare lists a file that is not the live one"


def folders(folder: Path) -> set[str]:
    return {Path(base).relative_to(folder).as_posix() for base, _, _ in os.walk(folder)}


def write_site(root: Path, search: bool = False) -> None:
    (root / "content" / "briefs").mkdir(parents=True)
    (root / "site.yaml").write_text(
        f"title: Spare desk\nbase_url: /\nlanguage: en\nsearch: {'true' if search else 'false'}\n",
        encoding="utf-8",
    )
    (root / "content" / "entities.yaml").write_text(
        "acme:\n  name: Acme\n  type: organization\nzenith:\n  name: Zenith\n  type: organization\n",
        encoding="utf-8",
    )
    for i in range(12):
        write_brief(root, i)


def write_brief(root: Path, i: int, extra: str = "", entities: str = "acme") -> None:
    (root / "content" / "briefs" / f"brief-{i:03d}.md").write_text(
        f"---\ntitle: Brief {i}\ndate: 2025-01-{1 + i % 28:02d}\nsummary: Summary {i}.\n"
        f"entities: [{entities}]\ntags: [t{i % 3}]\n---\n\nAcme reports on budget {i}.{extra}\n",
        encoding="utf-8",
    )


def clean_build(root: Path, scratch: Path) -> dict[str, bytes]:
    """The site the sources of ``root`` give, built from nothing in a copy."""
    subprocess.run(["cp", "-a", str(root), str(scratch)], check=True)
    for leftover in ("site", ".site.spare", ".briefing-cache"):
        subprocess.run(["rm", "-rf", str(scratch / leftover)], check=True)
    build(scratch)
    result = tree(scratch / "site")
    subprocess.run(["rm", "-rf", str(scratch)], check=True)
    return result


def edits(root: Path):
    """Three rounds of changes: an edit, an addition and a removal, an entity moved."""
    yield lambda: write_brief(root, 3, " A late paragraph.")
    yield lambda: (write_brief(root, 20, " New."), (root / "content" / "briefs" / "brief-005.md").unlink())
    yield lambda: (
        write_brief(root, 7, entities="zenith"),
        (root / "content" / "briefs" / "brief-001.md").unlink(),
    )


def run_rounds(root: Path, tmp_path: Path) -> None:
    build(root)
    for number, edit in enumerate(edits(root)):
        before = tree(root / "site")
        before_folders = folders(root / "site")
        edit()
        build(root)
        assert tree(root / "site") == clean_build(root, tmp_path / f"clean-{number}"), f"round {number}"
        assert without_manifest(tree(root / ".site.spare")) == without_manifest(before), f"round {number}"
        assert_spare_lists_only_shared_files(root)
        assert folders(root / ".site.spare") == before_folders, f"round {number}: stray folders in the spare"
        assert not list(root.glob(".site.staging-*"))


def test_builds_by_difference_equal_clean_builds(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    write_site(root)
    run_rounds(root, tmp_path)
    # the site's folders are those of a clean build too (no empty folder left by a removal)
    scratch = tmp_path / "folders"
    subprocess.run(["cp", "-a", str(root), str(scratch)], check=True)
    subprocess.run(["rm", "-rf", str(scratch / "site"), str(scratch / ".site.spare")], check=True)
    build(scratch)
    assert folders(root / "site") == folders(scratch / "site")


def test_search_index_builds_by_difference(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    write_site(root, search=True)
    run_rounds(root, tmp_path)
    assert (root / "site" / "pagefind" / "shards.json").is_file()


def test_nothing_is_written_through_a_shared_link(tmp_path: Path) -> None:
    for search in (False, True):
        root = tmp_path / f"desk-{search}"
        write_site(root, search=search)
        build(root)
        write_brief(root, 2, " First edit.")
        build(root)  # now a spare exists, sharing inodes with the site
        live = root / "site"
        old = tree(live)
        inodes = {rel: os.stat(live / rel).st_ino for rel in old}
        write_brief(root, 2, " Second edit.")
        write_brief(root, 4, " Another edit.")
        build(root)  # the spare is recycled as the staging tree, then exchanged
        new = tree(live)
        changed = {rel for rel in old if new.get(rel) != old[rel]}
        assert sum("brief-002" in rel or "brief-004" in rel for rel in changed) >= 2, sorted(changed)
        spare = root / ".site.spare"
        # the retired tree is exactly the old build: every file kept its bytes, the changed ones too
        assert without_manifest(tree(spare)) == without_manifest(old)
        assert_spare_lists_only_shared_files(root)
        for rel in changed - {MANIFEST}:  # (the spare's manifest is its own: see the test above)
            if rel in new:
                assert os.stat(spare / rel).st_ino == inodes[rel], rel  # the very file readers had
                assert os.stat(live / rel).st_ino != inodes[rel], f"{rel}: written in place"


def test_tampered_spare_never_reaches_the_site(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    write_site(root)
    build(root)
    write_brief(root, 3, " Edit one.")
    build(root)
    spare = root / ".site.spare"
    page = next(rel for rel in tree(spare) if rel.endswith(".html") and "brief-008" in rel)

    # a file and the manifest deleted: the spare is dropped, the build starts afresh
    (spare / page).unlink()
    (spare / MANIFEST).unlink()
    (spare / "stray.html").write_text("stale")
    write_brief(root, 3, " Edit two.")
    build(root)
    assert tree(root / "site") == clean_build(root, tmp_path / "clean-a")

    # a garbled manifest, and one naming a path outside the folder
    for garbage in ("{not json", json.dumps({"../../escape.txt": "x"})):
        (spare / MANIFEST).write_text(garbage)
        write_brief(root, 3, f" Edit {len(garbage)}.")
        build(root)
        assert tree(root / "site") == clean_build(root, tmp_path / f"clean-{len(garbage)}")
        assert not (tmp_path / "escape.txt").exists()

    # a file the spare's manifest lists with other bytes than it holds: the live bytes win
    listed = json.loads((spare / MANIFEST).read_text())
    other = next(rel for rel in listed if rel.endswith(".html") and "brief-010" in rel)
    (spare / other).unlink()
    (spare / other).write_text("stale bytes")
    listed[other] = "0" * 64
    (spare / MANIFEST).write_text(json.dumps(listed))
    write_brief(root, 3, " Edit last.")
    build(root)
    assert tree(root / "site") == clean_build(root, tmp_path / "clean-b")


def rendered(root: Path, *args: str) -> int:
    done = cli(root, "build", *args)
    assert done.returncode == 0, done.stderr
    return int(re.search(r"(\d+) rendered", done.stdout).group(1))


def test_edits_after_a_clean_build_stay_selective(tmp_path: Path) -> None:
    """A build from an empty folder writes every file anew, so the tree it retires shares none
    with it: no later build may take that tree's files for the live ones (their stat differs
    from what the cache recorded, so each build after would render every page again)."""
    root = tmp_path / "desk"
    write_site(root)
    build(root)
    write_brief(root, 3, " Edit one.")
    build(root)
    total = rendered(root, "--clean")
    for n in range(3):
        write_brief(root, 3, f" Edit {n + 2}.")
        assert rendered(root) < total / 2, f"edit {n}: every page rendered again"
        assert_spare_lists_only_shared_files(root)
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")


def test_a_page_edited_in_the_site_never_returns_from_the_spare(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    write_site(root)
    build(root)
    write_brief(root, 3, " Edit one.")
    build(root)  # the spare now shares its unchanged files with the site
    page = root / "site" / "briefs" / "brief-008" / "index.html"
    with page.open("r+b") as f:  # in place: the spare's copy (the same inode) changes too
        f.write(b"<!-- edited by hand -->")
    build(root)  # the edited page is rendered again, as a new file
    write_brief(root, 3, " Edit two.")
    build(root)  # the spare (with the edited bytes) is recycled as the staging tree
    assert b"edited by hand" not in page.read_bytes()
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")


def test_clean_build_starts_from_an_empty_folder(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    write_site(root)
    build(root)
    write_brief(root, 3, " Edit one.")
    build(root)
    (root / ".site.spare" / "stray.html").write_text("stale, unlisted")
    write_brief(root, 3, " Edit two.")
    build(root, "--clean")
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")
    assert "stray.html" not in tree(root / ".site.spare")
