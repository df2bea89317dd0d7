"""The persistent build cache in ``<site>/.briefing-cache/``: what a later build may reuse.

``state.pickle`` holds the parsed entity registry (by the digest of its bytes) and parsed briefs
(by their path, the digest of their bytes and the set of known entity ids), snippets, and, for
every page of the last build, its digest (see ``pages.py``) with the stat of the file written.
``stamp.pickle`` is the small record a build reads first (``BuildStamp``). Both carry a checksum
and a salt (generator version and code, Markdown settings, Python version): a file that is
corrupt, half-written or from another version is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import generator
from generator import markdown_render
from generator.content import ContentCache
from generator.stamp import BuildStamp

log = logging.getLogger(__name__)

CACHE_DIR = ".briefing-cache"
CACHE_FILE = "state.pickle"
STAMP_FILE = "stamp.pickle"
MAGIC = b"briefing-cache 1\n"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the generator's own source, so an edited checkout never reuses stale output."""
    package = Path(generator.__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_salt() -> str:
    """What invalidates everything cached: the generator's version and code, the Markdown settings, Python."""
    return f"{generator.__version__}|{code_digest()}|{markdown_render.EXTENSIONS}|{sys.version_info[:2]}"


@dataclass
class BuildCache:
    """What the last build left for the next one."""

    content: ContentCache = field(default_factory=ContentCache)  # parsed registry and briefs, by digest
    pages: dict[str, tuple] = field(default_factory=dict)  # output path → (page digest, size, mtime_ns)
    output_dir: str = ""
    snippets: dict[tuple, str] = field(default_factory=dict)  # see index.SnippetCache


def cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def stamp_path(root: Path) -> Path:
    return root / CACHE_DIR / STAMP_FILE


def load_cache(root: Path) -> BuildCache:
    """The cache of the site at ``root``, or an empty one if it is missing, stale or damaged."""
    return _read(cache_path(root), BuildCache) or BuildCache()


def save_cache(root: Path, cache: BuildCache) -> None:
    _write(cache_path(root), cache)


def load_stamp(root: Path) -> BuildStamp | None:
    return _read(stamp_path(root), BuildStamp)


def save_stamp(root: Path, stamp: BuildStamp) -> None:
    _write(stamp_path(root), stamp)


def _read(path: Path, kind: type):
    """The object pickled at ``path``, or None if it is missing, from another version or damaged."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        header, checksum, payload = raw.split(b"\n", 2)
        if header + b"\n" != MAGIC or hashlib.sha256(payload).hexdigest().encode() != checksum:
            raise ValueError("checksum mismatch")
        salt, value = pickle.loads(payload)
        if salt != cache_salt() or not isinstance(value, kind):
            log.info("%s is from another version; rebuilding it", path)
            return None
        return value
    except Exception as error:  # any damage at all means: do not trust it
        log.warning("%s: build cache is damaged (%s); ignoring it and rebuilding", path, error)
        return None


def _write(path: Path, value) -> None:
    """Write atomically (a temp file renamed over the old one)."""
    path.parent.mkdir(exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    payload = pickle.dumps((cache_salt(), value), protocol=pickle.HIGHEST_PROTOCOL)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as f:
        f.writelines((MAGIC, hashlib.sha256(payload).hexdigest().encode(), b"\n", payload))
    os.replace(partial, path)
