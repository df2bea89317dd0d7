"""Full-text search for a built site: Pagefind indexes the finished pages into ``pagefind/``.

The index is static files beside the pages, so search works on any static host, offline and
under a sub-path. The theme's ``assets/search.js`` loads it only when a reader starts to search.
Briefs and entity pages opt in with ``data-pagefind-body``; other pages are left out.

A large site is indexed in shards of about ``PAGES_PER_SHARD`` pages, each a Pagefind bundle of
its own in ``pagefind/<n>/``, listed in ``pagefind/shards.json``; the browser merges them into
one search. A page belongs to a shard by a hash of its path, so an edit changes one shard, and a
shard whose pages are unchanged is reused from the previous build. Pagefind's memory and its
time per page grow with the pages it indexes at once (45, 75 and 140 MB at 250, 500 and 1,000
briefs), so shards also bound them; smaller ones would cost the browser a request and a copy of
Pagefind's code for each (measured in ``benchmarks/search_index.py``'s results).

A Pagefind process per shard, in its ``--service`` mode, is handed what it reads of each page
and writes the shard's bundle (one process for every shard would keep the memory of each shard
it indexed); ``AT_ONCE`` shards are indexed at a time, since each process works on one core.
What it reads of a page is its ``data-pagefind-body`` element, the ``<html>`` tag (the
language) and the ``<title>``: a third of a brief's bytes, for the same index byte for byte.
A page with anything else Pagefind would read (an ``h1``, an ``img`` or a ``data-pagefind-*``
attribute outside that element, or a second one) is handed whole. No folder of links to the
pages is needed. The protocol (base64 JSON messages ended by a comma, one answer per request) is
the one the ``pagefind`` Python package speaks; that package's client waits 0.1 s between
answers, so the few lines it takes are ours.
A shard is accepted only if its bundle has ``pagefind.js`` and ``pagefind-entry.json`` and no
empty file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import select
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from generator.errors import SearchError
from generator.files import digest, digest_parts

BUNDLE = "pagefind"
SHARDS_FILE = "shards.json"
PAGES_PER_SHARD = 500
AT_ONCE = 2  # shards indexed at the same time, each by a Pagefind process (which uses one core)
TIMEOUT = 600  # seconds Pagefind may take over one answer before the build gives up on it
OPT_IN = b"data-pagefind-body"
# Outside that element Pagefind reads the language, the title (the first h1, else <title>), the
# image (the first img after the h1) and any data-pagefind-* attribute.
READ_OUTSIDE = (b"data-pagefind-", b"<h1", b"<img")
# Where markup is not tags: comments, scripts and styles (opened, closed).
RAW = ((b"<!--", b"-->"), (b"<script", b"</script"), (b"<style", b"</style"))
HTML_TAG = re.compile(rb"<html\b[^<>]*>")
TITLE = re.compile(rb"<title\b[^<>]*>.*?</title\s*>", re.DOTALL)
TAG_NAME = re.compile(rb"[a-z][\w-]*")
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


def index_site(
    site: Path, pages: dict[str, str], bundle: Path, previous: Path | None = None
) -> dict[str, str]:
    """Index ``pages`` ({path: digest} of the site's HTML files in ``site``) into ``bundle``,
    reusing the unchanged shards of the ``previous`` bundle, if any; return the bundle's files
    with their digests ({path in the bundle: digest}), as they were read or written."""
    bundle = bundle.resolve()
    pages = searchable_pages(site, pages)
    count = max(1, math.ceil(len(pages) / PAGES_PER_SHARD))
    members: list[dict[str, str]] = [{} for _ in range(count)]
    for rel, fingerprint in sorted(pages.items()):  # in path order: the index is the same however built
        members[shard_of(rel, count)][rel] = fingerprint
    reusable = _previous_shards(previous)
    executable = pagefind_executable()
    bundle.mkdir(parents=True, exist_ok=True)
    shards, stale, files = [], [], {}
    for number, pages_in_shard in enumerate(members):
        if not pages_in_shard and count > 1:
            continue
        folder = bundle / str(number)
        inputs = [str(executable), executable.stat().st_size, count, sorted(pages_in_shard.items())]
        signature = digest(json.dumps(inputs).encode())
        shards.append({"path": f"{number}/", "signature": signature})
        old = reusable.get(str(number))
        linked = (
            _copy_shard(previous / str(number), folder, old)
            if old and old["signature"] == signature
            else None
        )
        if linked is not None:
            shards[-1]["files"] = old["files"]  # the same files, linked
            files.update({f"{number}/{rel}": value for rel, value in linked.items()})
        else:
            stale.append((pages_in_shard, folder, shards[-1]))
    with ThreadPoolExecutor(min(AT_ONCE, os.cpu_count() or 1)) as pool:  # the first error cancels the rest
        made = list(pool.map(lambda shard: _run_pagefind(executable, site, *shard), stale))
    for (_, folder, _), written in zip(stale, made, strict=True):
        files.update({f"{folder.name}/{rel}": value for rel, value in written.items()})
    listing = json.dumps({"shards": shards}, indent=0).encode("utf-8")
    (bundle / SHARDS_FILE).write_bytes(listing)
    files[SHARDS_FILE] = digest(listing)
    return files


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


class PagefindService:
    """One ``pagefind --service`` process, spoken to one request at a time."""

    def __init__(self, executable: Path, site: Path) -> None:
        try:
            self.process = subprocess.Popen(
                [str(executable), "--service"],
                cwd=site,  # page paths are relative to the site, as the command line's --site
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise SearchError(f"search: Pagefind could not run: {error}") from None
        self.last_id = 0

    def send(self, payload: dict, expect: str) -> dict:
        """Send one request and return its answer, which must be of type ``expect``."""
        self.last_id += 1
        message = json.dumps({"message_id": self.last_id, "payload": payload}).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
            self.process.stdin.flush()
            answer = bytearray()
            while not answer.endswith(b","):
                if os.name != "nt" and not select.select([self.process.stdout], [], [], TIMEOUT)[0]:
                    raise SearchError(f"search: Pagefind gave no answer in {TIMEOUT} s")
                chunk = self.process.stdout.read1(65536)
                if not chunk:
                    raise SearchError(f"search: Pagefind stopped (exit {self.process.wait()})")
                answer += chunk
            reply = json.loads(base64.b64decode(answer[:-1]))
        except (OSError, ValueError) as error:
            raise SearchError(f"search: Pagefind could not be read: {error}") from None
        result = reply.get("payload") or {}
        if result.get("type") != expect:
            raise SearchError(f"search: Pagefind failed: {result.get('message') or result}")
        return result

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _run_pagefind(
    executable: Path, site: Path, pages: dict[str, str], output: Path, entry: dict
) -> dict[str, str]:
    """Index ``pages`` of ``site`` into the bundle ``output``, handing Pagefind what it reads of
    them; note the digest of its files in the shard's ``entry``, and return each file's."""
    service = PagefindService(executable, site)  # one per shard: its memory ends with it
    try:
        index_id = service.send({"type": "NewIndex", "config": None}, "NewIndex")["index_id"]
        for rel in pages:
            html = indexed_part((site / rel).read_bytes()).decode("utf-8", "replace")
            service.send(
                {"type": "AddFile", "index_id": index_id, "file_path": rel, "file_contents": html},
                "IndexedFile",
            )
        # Its files, handed back rather than written by it: its WriteFiles answers before the
        # bytes are on disk, and a service stopped then leaves them empty.
        files = service.send({"type": "GetFiles", "index_id": index_id}, "GetFiles")["files"]
    finally:
        service.close()
    for file in files:
        name = PurePosixPath(file["path"])
        if name.is_absolute() or ".." in name.parts or name.name in UNUSED:
            continue
        target = output.joinpath(*name.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
    entry["files"], files = _check_bundle(output)
    return files


def indexed_part(html: bytes) -> bytes:
    """What Pagefind reads of a page: its one ``data-pagefind-body`` element, with the ``<html>``
    tag (the language) and the ``<title>``; the whole page if anything it reads may be elsewhere."""
    low = html.lower()  # the same offsets, and tags found whatever their case
    region = _region(low)
    opening = HTML_TAG.search(low)
    if region is None or opening is None:
        return html
    start, end = region
    if any(low.find(mark, 0, start) >= 0 or low.find(mark, end) >= 0 for mark in READ_OUTSIDE):
        return html
    title = TITLE.search(low, 0, start)
    head = b"<head>" + (html[title.start() : title.end()] if title else b"") + b"</head>"
    return html[opening.start() : opening.end()] + head + b"<body>" + html[start:end] + b"</body></html>"


def _region(low: bytes) -> tuple[int, int] | None:
    """Where the only ``data-pagefind-body`` element of a page (in lower case) starts and ends,
    if it has one, in plain markup: none in a comment or a script, and none of those in it."""
    at = low.find(OPT_IN)
    start = low.rfind(b"<", 0, at)
    if at < 0 or start < 0 or low.find(OPT_IN, at + 1) >= 0 or b">" in low[start:at]:
        return None
    for opens, closes in RAW:
        if low.rfind(opens, 0, start) > low.rfind(closes, 0, start):
            return None  # inside a comment or a script
    name = TAG_NAME.match(low, start + 1)
    if name is None:
        return None
    depth = 0
    for tag in re.compile(rb"<(/?)" + re.escape(name.group(0)) + rb"(?=[\s/>])[^<>]*>").finditer(low, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            inside = low[start : tag.end()]
            return None if any(opens in inside for opens, _ in RAW) else (start, tag.end())
    return None


def _check_bundle(folder: Path) -> tuple[str, dict[str, str]]:
    """The digest of a bundle's files (``tree_digest``'s) and each file's, if it is good: with
    its entry files there and no file empty. One walk through it, its bytes read once."""
    names = sorted(
        os.path.relpath(os.path.join(top, name), folder).split(os.sep)
        for top, _, files in os.walk(folder)
        for name in files
    )
    parts, empty, files = [], [], {}
    for rel in names:
        with open(os.path.join(folder, *rel), "rb") as file:
            data = file.read()
        empty += [] if data else [rel[-1]]
        parts += ["/".join(rel), data]
        files["/".join(rel)] = digest(data)
    missing = [name for name in REQUIRED if [name] not in names]
    if missing or empty:
        raise SearchError(
            f"search: Pagefind left a broken index in {folder} (missing {missing}, empty {empty})"
        )
    return digest_parts(parts), files


def _previous_shards(previous: Path | None) -> dict[str, dict]:
    """The previous bundle's shards by number, if it has a readable list of them."""
    try:
        listed = json.loads((previous / SHARDS_FILE).read_text(encoding="utf-8"))["shards"]
        return {entry["path"].rstrip("/"): entry for entry in listed}
    except (TypeError, OSError, ValueError, KeyError, AttributeError):
        return {}


def _copy_shard(old: Path, new: Path, entry: dict) -> dict[str, str] | None:
    """Link the previous build's shard into the new bundle, if its files are as it left them;
    return their digests (None if it could not be taken)."""
    try:
        if not old.is_dir():
            return None
        shard, files = _check_bundle(old)
    except (SearchError, OSError):
        return None
    if shard != entry.get("files"):
        return None
    shutil.copytree(old, new, copy_function=_link_or_copy, dirs_exist_ok=True)
    return files


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
