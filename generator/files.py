"""Files as the build sees them: one digest, one stat signature, one atomic write, one safe read.

Every stage that fingerprints bytes, notices a changed file or replaces a file uses these, so
two stages never disagree about whether something changed.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from generator.errors import InputError

# Where a site keeps what builds leave for each other (cache, stamp, lock); git-ignored.
CACHE_DIR = ".briefing-cache"
# A brief, a template or a registry larger than this is a mistake (or /dev/zero), not content.
MAX_INPUT_BYTES = 8 * 1024 * 1024
# A static file (an image, a PDF) may be larger, up to this.
STATIC_LIMIT = 100 * 1024 * 1024


def digest(data: bytes | str) -> str:
    """The content digest used everywhere (blake2b, 128 bits, hex)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def digest_parts(parts: Iterable[bytes | str]) -> str:
    """One digest of several parts, each kept apart from the next (no two splits collide)."""
    combined = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        combined.update(len(data).to_bytes(8, "big") + data)
    return combined.hexdigest()


def tree_digest(folder: Path, pattern: str = "*") -> str:
    """A digest of every file below ``folder`` matching ``pattern``, names and bytes."""
    files = sorted(p for p in folder.rglob(pattern) if p.is_file())
    return digest_parts(
        part for path in files for part in (path.relative_to(folder).as_posix(), path.read_bytes())
    )


class StatSig(NamedTuple):
    """What tells a file changed without reading it."""

    size: int
    mtime_ns: int
    inode: int


def stat_sig(path: Path | str) -> StatSig | None:
    """The file's stat signature, or None if it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return StatSig(st.st_size, st.st_mtime_ns, st.st_ino)


def file_stat(path: Path | str) -> list:
    """[size, mtime_ns] of a file, or [] if it is missing: what a build records of its output."""
    try:
        st = os.stat(path)
    except OSError:
        return []
    return [st.st_size, st.st_mtime_ns]


def mtime_ns(path: Path | str) -> int:
    """A file's or folder's mtime, or -1 if it is missing."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def read_input(path: Path | str, root: Path | None = None, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file; raise InputError for what a build must never read.

    Refused: anything but a regular file (a FIFO would hang the build, a device never ends),
    a file larger than ``limit``, and, with ``root``, a symlink that leads outside the site.
    """
    path = Path(path)
    if root is not None:
        check_inside(path, root)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise InputError(path, f"cannot read it ({error.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "is not a regular file", "replace it with an ordinary file")
        if info.st_size > limit:
            raise InputError(
                path, f"is {info.st_size:,} bytes, over the {limit:,}-byte limit", "split it or remove it"
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = _read_upto(stream, info.st_size, limit)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputError(path, f"is over the {limit:,}-byte limit", "split it or remove it")
    return data


def _read_upto(stream, expected: int, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes, in pieces: ``read(limit + 1)`` would set aside the whole limit
    (100 MiB for a static file) for a file of a few bytes. ``expected``: its size at ``fstat``."""
    parts = [stream.read(expected + 1)]
    total = len(parts[0])
    while total <= limit and len(parts[-1]) > 0 and total > expected:
        parts.append(stream.read(min(1 << 20, limit + 1 - total)))
        total += len(parts[-1])
    return b"".join(parts)


def check_inside(path: Path | str, root: Path) -> None:
    """Refuse a path that resolves (through symlinks) outside ``root``."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(os.path.realpath(root)):
        raise InputError(
            path,
            f"is a link to {real}, outside the site folder",
            "copy the file into the site instead of linking to it",
        )


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` in one step (a temporary file renamed over it), or not at all."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
