"""Full-text search for a built site: Pagefind indexes the finished pages into ``pagefind/``.

The index is static files beside the pages, so search works on any static host, offline and
under a sub-path. The theme's ``assets/search.js`` loads it only when a reader starts to search.
Briefs and entity pages opt in with ``data-pagefind-body``; other pages are left out.

A large site is indexed in shards of about ``PAGES_PER_SHARD`` pages, each a Pagefind bundle of
its own in ``pagefind/<n>/``, listed in ``pagefind/shards.json``; the browser merges them into
one search. A page belongs to a shard by a hash of its path, so an edit changes one shard, and a
shard whose pages are unchanged is reused from the previous build. Pagefind's memory grows with
the pages it indexes at once (about 150 MB per 1,000 briefs), so shards, indexed one at a time,
also bound it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import SearchError
from generator.files import digest, tree_digest

BUNDLE = "pagefind"
SHARDS_FILE = "shards.json"
PAGES_PER_SHARD = 1000
OPT_IN = b"data-pagefind-body"
# What every shard must hold for the browser to load it.
REQUIRED = ("pagefind.js", "pagefind-entry.json")
# Pagefind's own ready-made interfaces: the theme talks to pagefind.js directly, so leave them out.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css")
UNUSED += ("pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind-bin`` package (or one on PATH)."""
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind") or shutil.which("pagefind_extended")
        if found:
            return Path(found)
    raise SearchError(
        "search: the Pagefind binary is missing (pip install pagefind-bin), or set 'search: false' in site.yaml"
    )


def index_site(site: Path, pages: dict[str, str], bundle: Path, previous: Path | None = None) -> None:
    """Index ``pages`` ({path: digest} of the site's HTML files in ``site``) into ``bundle``,
    reusing the unchanged shards of the ``previous`` bundle, if any."""
    bundle = bundle.resolve()
    pages = searchable_pages(site, pages)
    count = max(1, math.ceil(len(pages) / PAGES_PER_SHARD))
    members: list[dict[str, str]] = [{} for _ in range(count)]
    for rel, fingerprint in pages.items():
        members[shard_of(rel, count)][rel] = fingerprint
    reusable = _previous_shards(previous)
    executable = pagefind_executable()
    bundle.mkdir(parents=True, exist_ok=True)
    shards = []
    for number, pages_in_shard in enumerate(members):
        if not pages_in_shard and count > 1:
            continue
        folder = bundle / str(number)
        inputs = [str(executable), executable.stat().st_size, count, sorted(pages_in_shard.items())]
        signature = digest(json.dumps(inputs).encode())
        old = reusable.get(str(number))
        if not (old and old["signature"] == signature and _copy_shard(previous / str(number), folder, old)):
            _run_pagefind(executable, site, pages_in_shard, folder)  # one at a time: it uses every core
        shards.append({"path": f"{number}/", "signature": signature, "files": tree_digest(folder)})
    (bundle / SHARDS_FILE).write_text(json.dumps({"shards": shards}, indent=0), encoding="utf-8")


def searchable_pages(site: Path, pages: dict[str, str]) -> dict[str, str]:
    """The ``pages`` that opt in to search, or all of them if none does (as Pagefind would)."""
    opted = {}
    for rel, fingerprint in pages.items():
        if OPT_IN in (site / rel).read_bytes():
            opted[rel] = fingerprint
    return opted or pages


def shard_of(rel: str, count: int) -> int:
    """The shard a page's path falls in: stable while the number of shards stays the same."""
    return int.from_bytes(hashlib.blake2b(rel.encode(), digest_size=8).digest(), "big") % count


def _run_pagefind(executable: Path, site: Path, pages: dict[str, str], output: Path) -> None:
    """Index ``pages`` of ``site`` with Pagefind into ``output``, through a folder of links to them."""
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".shard-") as scratch:
        for rel in pages:
            target = Path(scratch, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, target)
            except OSError:
                shutil.copyfile(site / rel, target)
        command = [str(executable), "--site", scratch, "--output-path", str(output), "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SearchError(f"search: Pagefind could not run: {error}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchError(
            f"search: Pagefind failed: {detail[-1] if detail else 'exit ' + str(done.returncode)}"
        )
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    check_shard(output)


def check_shard(folder: Path) -> None:
    """Refuse a shard Pagefind left incomplete (a full disk can end it with exit 0 and empty files)."""
    for name in REQUIRED:
        if not (folder / name).is_file():
            raise SearchError(f"search: Pagefind left no {name} in {folder.name}/ (is the disk full?)")
    empty = [p.name for p in folder.rglob("*") if p.is_file() and p.stat().st_size == 0]
    if empty:
        raise SearchError(
            f"search: Pagefind wrote an empty {empty[0]} (is the disk full?); the site is unchanged"
        )


def _previous_shards(previous: Path | None) -> dict[str, dict]:
    """The previous bundle's shards by number, if it has a readable list of them."""
    try:
        listed = json.loads((previous / SHARDS_FILE).read_text(encoding="utf-8"))["shards"]
        return {entry["path"].rstrip("/"): entry for entry in listed}
    except (TypeError, OSError, ValueError, KeyError, AttributeError):
        return {}


def _copy_shard(old: Path, new: Path, entry: dict) -> bool:
    """Link the previous build's shard into the new bundle, if its files are as it left them."""
    if not old.is_dir() or tree_digest(old) != entry.get("files"):
        return False
    try:
        check_shard(old)
    except SearchError:
        return False
    shutil.copytree(old, new, copy_function=_link_or_copy, dirs_exist_ok=True)
    return True


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
