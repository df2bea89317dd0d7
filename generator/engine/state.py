"""What a build leaves for the next one, in ``<site>/.briefing-cache/``, and how it is trusted.

``state.json`` holds the parsed entity registry (by the digest of its bytes), parsed briefs (by
path, the digest of their bytes and the set of known entity ids) with their warnings, snippets,
and, for every page of the last build, its digest (see ``pages``) with the stat of the file
written. ``stamp.json`` is the small record a build reads first (``BuildStamp``).

A cache may come from anywhere (a CI cache restored from another branch), so it is data, never
code: JSON, with a checksum and a salt (generator version and code, Markdown settings, Python
version). A file that is corrupt, half-written, foreign or from another version is ignored and
rebuilt. What it restores is checked again as if it were new input: brief bodies go through the
HTML sanitiser and links through the URL rule before any page shows them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import generator
from generator.engine.codec import content_from_json, content_to_json
from generator.errors import InputError
from generator.files import (
    CACHE_DIR,
    MAX_INPUT_BYTES,
    STATIC_LIMIT,
    atomic_write,
    digest,
    digest_parts,
    read_input,
    tree_digest,
)
from generator.load import ContentCache, brief_paths
from generator.load.config import CONFIG_NAME
from generator.load.markdown import engine_settings
from generator.model import SiteConfig
from generator.render.theme import default_theme_dir, static_files, template_files

log = logging.getLogger(__name__)

CACHE_FILE = "state.json"
STAMP_FILE = "stamp.json"
MAGIC = "briefing-cache 2"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the generator's own source, so an edited checkout never reuses stale output."""
    return tree_digest(Path(generator.__file__).parent, "*.py")


def cache_salt() -> str:
    """What invalidates everything cached: the generator's version and code, the Markdown settings, Python."""
    return f"{generator.__version__}|{code_digest()}|{engine_settings()}|{sys.version_info[:2]}"


@dataclass(frozen=True)
class BuildStamp:
    """What the last build read and left behind."""

    inputs: str  # digest of every input file and setting
    output_dir: str
    counts: dict[str, int]  # files by kind, for the summary
    files: dict[str, list]  # output path → [size, mtime_ns], the manifest included
    folders: dict[str, int]  # output folder → mtime_ns: adding or removing a file changes it
    cache: list  # [size, mtime_ns] of the cache file written with this stamp
    warnings: list[str] = field(default_factory=list)  # what that build warned about, to say again
    window: list[str] = field(default_factory=list)  # [newest release, first embargo held]: while true


def file_stat(path: Path) -> list:
    """[size, mtime_ns] of a file, or [] if it is missing."""
    try:
        st = path.stat()
    except OSError:
        return []
    return [st.st_size, st.st_mtime_ns]


def take_stamp(
    inputs: str,
    out: Path,
    files: list[str],
    counts: dict[str, int],
    cache: list,
    warnings: list[str],
    window: list[str],
) -> BuildStamp:
    """Record ``files`` (paths in ``out``) and their folders as they are now."""
    folders = {"."}
    for rel in files:
        parent = rel.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return BuildStamp(
        inputs,
        str(out),
        dict(counts),
        {rel: file_stat(out / rel) for rel in files},
        {folder: _mtime(out / folder) for folder in folders},
        cache,
        warnings,
        window,
    )


def is_current(stamp: BuildStamp | None, inputs: str, out: Path, cache: list) -> bool:
    """True if a build of ``inputs`` into ``out`` would change nothing since ``stamp`` was taken."""
    if stamp is None or stamp.inputs != inputs or stamp.output_dir != str(out) or stamp.cache != cache:
        return False
    if any(_mtime(out / folder) != mtime for folder, mtime in stamp.folders.items()):
        return False
    return all(file_stat(out / rel) == recorded for rel, recorded in stamp.files.items())


def _mtime(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def input_digest(config: SiteConfig, settings: str) -> tuple[str, dict[str, str]]:
    """One digest of every file a build reads, by content, and of ``settings`` (equal digests mean
    the build would write the same site); and each file's own digest, by path, so loading the
    content need not read the files again. A file a build must not read counts as missing here;
    loading reports it."""
    theme = default_theme_dir()
    files = [config.root / CONFIG_NAME, config.entities_file, *map(Path, brief_paths(config))]
    files += template_files(config)
    statics = [path for _, path in static_files(config)]
    each: dict[str, str] = {}
    for path in [*files, *statics]:
        root = None if path.is_relative_to(theme) else config.root
        with contextlib.suppress(InputError):
            each[str(path)] = digest(
                read_input(path, root, STATIC_LIMIT if path in statics else MAX_INPUT_BYTES)
            )
    files += statics
    return digest_parts([settings, *(f"{path}\0{each.get(str(path), '-')}" for path in files)]), each


# output path → (page digest, size, mtime_ns) of the file the last build left there
PageRecords = dict[str, tuple[str, int, int]]


def intact(path: Path, record: tuple) -> bool:
    """True if the file the last build wrote at ``path`` is still there, untouched."""
    return file_stat(path) == list(record[1:])


def file_records(
    out: Path, digests: dict[str, str], previous: PageRecords | None = None, written: set | None = None
) -> PageRecords:
    """(page digest, size, mtime) of each page file; with ``previous``, stat only ``written``."""
    records = {}
    for rel, page_digest in digests.items():
        if previous is not None and rel not in written and rel in previous:
            records[rel] = (page_digest, *previous[rel][1:])
            continue
        stat = file_stat(out / rel)
        if stat:
            records[rel] = (page_digest, *stat)
    return records


@dataclass
class BuildCache:
    """What the last build left for the next one."""

    content: ContentCache = field(default_factory=ContentCache)  # parsed registry and briefs, by digest
    pages: PageRecords = field(default_factory=dict)
    output_dir: str = ""
    snippets: dict[tuple, str] = field(default_factory=dict)  # see index.SnippetCache


def cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def stamp_path(root: Path) -> Path:
    return root / CACHE_DIR / STAMP_FILE


def _cache_to_json(cache: BuildCache) -> dict:
    snippets = [[fingerprint, list(names), text] for (fingerprint, names), text in cache.snippets.items()]
    return {
        "content": content_to_json(cache.content),
        "pages": cache.pages,
        "output_dir": cache.output_dir,
        "snippets": snippets,
    }


def _cache_from_json(data: dict) -> BuildCache:
    pages = {str(rel): (str(d), int(size), int(mtime)) for rel, (d, size, mtime) in data["pages"].items()}
    snippets = {(str(f), tuple(map(str, names))): str(text) for f, names, text in data["snippets"]}
    return BuildCache(content_from_json(data["content"]), pages, str(data["output_dir"]), snippets)


def load_cache(root: Path) -> BuildCache:
    """The cache of the site at ``root``, or an empty one if it is missing, stale or damaged."""
    data = _read(cache_path(root))
    if data is None:
        return BuildCache()
    try:
        return _cache_from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        log.warning("%s: build cache is damaged (%s); ignoring it and rebuilding", cache_path(root), error)
        return BuildCache()


def save_cache(root: Path, cache: BuildCache) -> None:
    _write(cache_path(root), _cache_to_json(cache))


def load_stamp(root: Path) -> BuildStamp | None:
    data = _read(stamp_path(root))
    try:
        return BuildStamp(**data) if isinstance(data, dict) else None
    except TypeError:
        return None


def save_stamp(root: Path, stamp: BuildStamp) -> None:
    _write(stamp_path(root), stamp.__dict__)


def _read(path: Path):
    """The JSON value stored at ``path``, or None if it is missing, from another version or damaged."""
    try:
        raw = path.read_bytes() if path.is_file() else b""
    except OSError:
        return None
    if not raw:
        return None
    try:
        header, checksum, payload = raw.split(b"\n", 2)
        if header.decode() != MAGIC or hashlib.sha256(payload).hexdigest().encode() != checksum:
            raise ValueError("checksum mismatch")
        document = json.loads(payload)
        if document.get("salt") != cache_salt():
            log.info("%s is from another version; rebuilding it", path)
            return None
        return document["value"]
    except (ValueError, KeyError, AttributeError, UnicodeDecodeError) as error:
        log.warning("%s: build cache is damaged (%s); ignoring it and rebuilding", path, error)
        return None


def _write(path: Path, value) -> None:
    """Write atomically; a cache that cannot be written is only a slower next build."""
    payload = json.dumps({"salt": cache_salt(), "value": value}, separators=(",", ":")).encode("utf-8")
    try:
        path.parent.mkdir(exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        atomic_write(path, f"{MAGIC}\n{hashlib.sha256(payload).hexdigest()}\n".encode() + payload)
    except OSError as error:
        log.warning(
            "%s: cannot save the build cache (%s); the next build will be slower", path, error.strerror
        )
