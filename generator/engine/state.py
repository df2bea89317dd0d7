"""What a build leaves for the next one, in ``<site>/.briefing-cache/``, and how it is trusted.

``state.json`` holds the parsed entity registry (by the digest of its bytes), the names of the
shards of parsed briefs (``briefs-<digest>.json``: by path, the digest of their bytes and the set
of known entity ids, with their warnings and snippets; their bodies apart, in ``bodies-<digest>.json``,
read only when a page shows one), and, for every page of the last build, its
digest (see ``pages``) with the stat of the file written. ``stamp.json`` is the small record a
build reads first (``BuildStamp``), with the stat and digest each input was read at.

A cache may come from anywhere (a CI cache restored from another branch), so it is data, never
code: JSON, with a checksum and a salt (generator version and code, Markdown settings, Python
version). A file that is corrupt, half-written, foreign or from another version is ignored and
rebuilt. What it restores is checked again as if it were new input: brief bodies go through the
HTML sanitiser and links through the URL rule before any page shows them. A body file found
damaged only when read (``CacheDamaged``) makes the builder start that build again without the
cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import stat
import sys
import time
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import generator
from generator.engine.codec import content_from_json, content_to_json, store_from_json, store_to_json
from generator.errors import CacheDamaged, InputError
from generator.files import (
    CACHE_DIR,
    MAX_INPUT_BYTES,
    STATIC_LIMIT,
    atomic_write,
    digest,
    digest_parts,
    file_stat,
    mtime_ns,
    read_input,
    tree_digest,
)
from generator.load import ContentCache, brief_paths
from generator.load.config import CONFIG_NAME
from generator.load.markdown import engine_settings
from generator.load.media import folder_files
from generator.model import SiteConfig
from generator.render.deps import References
from generator.render.theme import default_theme_dir, static_files, template_files

log = logging.getLogger(__name__)

CACHE_FILE = "state.json"
STAMP_FILE = "stamp.json"
MAGIC = "briefing-cache 2"

# A file changed less than this before its digest was taken may change again within one tick of
# its clock without its stat changing (git's "racy" files): such a file is read again next time.
RACY_NS = 2_000_000_000

# input path → [size, mtime_ns, inode, ctime_ns, digest] of a regular file as last read
Sightings = dict[str, list]


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
    sightings: Sightings = field(default_factory=dict)  # each input file's stat and digest
    sightings_ns: int = 0  # when they were taken
    taken_ns: int = 0  # when the output's stats were taken

    def vouched_folders(self, out: Path) -> dict[str, int]:
        """{folder: mtime} of the output folders: while a folder's mtime is the one given, no
        file was added to or removed from it since this build. A folder changed too close to the
        stamp for its clock to tell (as ``RACY_NS``) is given as -2, which no mtime equals."""
        if self.output_dir != str(out):
            return {}
        racy = self.taken_ns - RACY_NS
        return {rel: mtime if mtime < racy else -2 for rel, mtime in self.folders.items()}


def take_stamp(
    inputs: Inputs,
    out: Path,
    files: list[str],
    counts: dict[str, int],
    cache: list,
    warnings: list[str],
    window: list[str],
    last: BuildStamp | None = None,
    written: set[str] | None = None,
) -> BuildStamp:
    """Record ``files`` (paths in ``out``) and their folders as they are now, and what was read.

    With the ``last`` stamp of this output, a file not ``written`` since is the very file it
    recorded (kept files are the live ones, linked: see ``write.writer``), so its stat is not
    taken again."""
    taken = time.time_ns()
    folders = {"."}
    for rel in files:
        parent = rel.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    known = last.files if last is not None and last.output_dir == str(out) and written is not None else {}
    base = str(out)
    stats = {}
    for rel in files:
        recorded = known.get(rel)
        stats[rel] = recorded if recorded and rel not in written else file_stat(f"{base}/{rel}")
    return BuildStamp(
        inputs.digest,
        str(out),
        dict(counts),
        stats,
        {folder: mtime_ns(f"{base}/{folder}") for folder in folders},
        cache,
        warnings,
        window,
        inputs.sightings,
        inputs.taken_ns,
        taken,
    )


def is_current(stamp: BuildStamp | None, inputs: str, out: Path, cache: list) -> bool:
    """True if a build of ``inputs`` into ``out`` would change nothing since ``stamp`` was taken."""
    if stamp is None or stamp.inputs != inputs or stamp.output_dir != str(out) or stamp.cache != cache:
        return False
    if any(mtime_ns(out / folder) != mtime for folder, mtime in stamp.folders.items()):
        return False
    return all(file_stat(out / rel) == recorded for rel, recorded in stamp.files.items())


@dataclass(frozen=True)
class Inputs:
    """What a build reads: one digest of it all (for the stamp), each file's digest (so loading
    need not read the files again) and the stat each was read at (so the next build need not)."""

    digest: str
    each: dict[str, str]
    sightings: Sightings
    taken_ns: int


def input_digest(
    config: SiteConfig, settings: str, known: Sightings | None = None, known_ns: int = 0
) -> Inputs:
    """Digest every file a build reads, by content, with ``settings`` (equal digests mean the build
    would write the same site). A regular file whose stat is as ``known`` records it (and was not
    racy then) keeps its digest unread, like git's index. A file a build must not read counts as
    missing here; loading reports it."""
    taken_ns = time.time_ns()
    theme = str(default_theme_dir()) + os.sep
    site_root = os.path.realpath(config.root)
    files = [str(config.root / CONFIG_NAME), str(config.entities_file), *brief_paths(config)]
    files += map(str, template_files(config))
    statics = [*(str(path) for _, path in static_files(config)), *folder_files(config)]
    static_set = set(statics)
    known = known or {}
    each: dict[str, str] = {}
    sightings: Sightings = {}
    inside: dict[str, bool] = {}
    for path in [*files, *statics]:
        root = None if path.startswith(theme) else config.root
        sighting = _sighting(path, root is not None, site_root, inside)
        recorded = known.get(path)
        if (
            sighting
            and recorded
            and recorded[:4] == sighting
            and max(sighting[1], sighting[3]) < known_ns - RACY_NS
        ):
            each[path], sightings[path] = recorded[4], recorded
            continue
        with contextlib.suppress(InputError):
            each[path] = digest(
                read_input(path, root, STATIC_LIMIT if path in static_set else MAX_INPUT_BYTES)
            )
            if sighting:
                sightings[path] = [*sighting, each[path]]
    total = digest_parts([settings, *(f"{path}\0{each.get(path, '-')}" for path in files + statics)])
    return Inputs(total, each, sightings, taken_ns)


def _sighting(path: str, in_site: bool, site_root: str, inside: dict[str, bool]) -> list | None:
    """[size, mtime_ns, inode, ctime_ns] of a regular file (not a link) whose folder lies inside
    the site (each folder resolved once), or None: then it is read and checked in full."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    if in_site:
        folder = os.path.dirname(path)
        if folder not in inside:
            real = os.path.realpath(folder)
            inside[folder] = real == site_root or real.startswith(site_root + os.sep)
        if not inside[folder]:
            return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


# output path → (page digest, size, mtime_ns) of the file the last build left there
PageRecords = dict[str, tuple[str, int, int]]


def intact(path: Path | str, record: tuple) -> bool:
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
    basis: str = ""  # what the page records hold for (see engine.builder)
    templates: References = field(default_factory=dict)  # see render.deps


def cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def stamp_path(root: Path) -> Path:
    return root / CACHE_DIR / STAMP_FILE


# Parsed briefs are kept in shards by path, with their snippets, each named by the digest of what
# it holds: an edit rewrites the one shard its brief is in, and ``state.json`` names the shards
# it goes with.
SHARDS = 64
SHARD_NAME = re.compile(r"briefs-[0-9a-f]{32}\.json")


# The names of the shards this process read or wrote, by what they hold: a shard that is as it
# was read keeps its name without its 1,000 keys being digested again.
_known_names: dict[tuple, str] = {}


def _held(entries, snippets) -> tuple:
    """What a shard holds, as its name is made from: its briefs' keys and its snippets'."""
    return (cache_salt(), tuple(key for key, _ in entries), tuple(key for key, _ in snippets))


def _shard_name(held: tuple) -> str:
    """Named by what it holds (a snippet follows from its key)."""
    if held not in _known_names:
        keys = [held[0], *(repr(key) for key in held[1]), *(repr(key) for key in held[2])]
        _known_names[held] = f"briefs-{digest_parts(keys)[:32]}.json"
    return _known_names[held]


def _bodies_name(shard: str) -> str:
    """The file beside a shard that holds its briefs' bodies (read only when one is shown)."""
    return "bodies-" + shard.removeprefix("briefs-")


class _Bodies:
    """The bodies of one shard's briefs, read (and checked) the first time one is asked for."""

    def __init__(self, path: Path):
        self.path = path
        self.values: list | None = None

    def __call__(self, n: int) -> str:
        if self.values is None:
            values = _read(self.path)
            if not isinstance(values, list):
                raise CacheDamaged(f"{self.path}: missing or damaged")
            self.values = values
        if not 0 <= n < len(self.values) or not isinstance(self.values[n], str):
            raise CacheDamaged(f"{self.path}: has no body {n}")
        body, self.values[n] = self.values[n], None  # its Body keeps it from now on
        return body


def _snippets_to_json(snippets) -> list:
    return [[fingerprint, list(names), text] for (fingerprint, names), text in snippets]


def _snippets_from_json(items: list) -> dict:
    """Snippets by (fingerprint, names); one tuple for each entity's names, which recur."""
    known: dict[tuple, tuple[str, ...]] = {}
    snippets = {}
    for fingerprint, names, text in items:
        raw = tuple(names)
        if raw not in known:
            known[raw] = tuple(map(str, raw))
        snippets[(str(fingerprint), known[raw])] = str(text)
    return snippets


def _cache_to_json(cache: BuildCache, shards: list[str], loose: list) -> dict:
    snippets = _snippets_to_json(loose)
    return {
        "content": content_to_json(cache.content),
        "shards": shards,
        "pages": cache.pages,
        "output_dir": cache.output_dir,
        "snippets": snippets,
        "basis": cache.basis,
        "templates": cache.templates,
    }


def _cache_from_json(data: dict, folder: Path) -> BuildCache:
    pages = {str(rel): (str(d), int(size), int(mtime)) for rel, (d, size, mtime) in data["pages"].items()}
    snippets = _snippets_from_json(data["snippets"])
    store: dict = {}
    for name in data["shards"]:
        if isinstance(name, str) and SHARD_NAME.fullmatch(name):
            bodies = folder / _bodies_name(name)
            shard = (_read(folder / name) if bodies.is_file() else None) or {"entries": [], "snippets": []}
            entries = store_from_json(shard["entries"], _Bodies(bodies))  # one lost: parsed again
            held = _snippets_from_json(shard["snippets"])
            store.update(entries)
            snippets.update(held)
            if entries:
                _known_names[_held(entries.items(), held.items())] = name
    content = content_from_json(data["content"], store)
    templates = {
        str(key): [None if n is None else str(n) for n in names] for key, names in data["templates"].items()
    }
    return BuildCache(content, pages, str(data["output_dir"]), snippets, str(data["basis"]), templates)


def load_cache(root: Path) -> BuildCache:
    """The cache of the site at ``root``, or an empty one if it is missing, stale or damaged."""
    data = _read(cache_path(root))
    if data is None:
        return BuildCache()
    try:
        return _cache_from_json(data, cache_path(root).parent)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        log.warning("%s: build cache is damaged (%s); ignoring it and rebuilding", cache_path(root), error)
        return BuildCache()


def save_cache(root: Path, cache: BuildCache) -> None:
    """Write the shards that changed, then the state that names them, then drop the others."""
    folder = cache_path(root).parent
    groups: list[list] = [[] for _ in range(SHARDS)]
    for key, parsed in cache.content.store.items():
        groups[zlib.crc32(key[0].encode("utf-8")) % SHARDS].append((key, parsed))
    by_brief: dict[str, list] = {}  # a shard keeps the snippets of its briefs
    for item in cache.snippets.items():
        by_brief.setdefault(item[0][0], []).append(item)
    names, known = [], {}
    for entries in filter(None, groups):
        fingerprints = sorted({p.brief.fingerprint for _, p in entries if p.brief} & by_brief.keys())
        snippets = [item for f in fingerprints for item in sorted(by_brief.pop(f), key=itemgetter(0))]
        held = _held(entries, snippets)
        name = known[held] = _shard_name(held)
        if not (folder / name).is_file() or not (folder / _bodies_name(name)).is_file():
            parsed, bodies = store_to_json(dict(entries))  # (reads every body of the old shard)
            _write(folder / _bodies_name(name), bodies)
            _write(folder / name, {"entries": parsed, "snippets": _snippets_to_json(snippets)})
        names.append(name)
    _known_names.clear()  # only the shards saved now can be asked for again
    _known_names.update(known)
    loose = [item for items in by_brief.values() for item in items]  # of briefs changed by their media
    _write(cache_path(root), _cache_to_json(cache, names, loose))
    kept = {*names, *map(_bodies_name, names)}
    for old in [*folder.glob("briefs-*.json"), *folder.glob("bodies-*.json")]:
        if old.name not in kept:
            old.unlink(missing_ok=True)


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
