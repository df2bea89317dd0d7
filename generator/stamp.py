"""Recognising a build with nothing to do, from a small record of the last one (``BuildStamp``).

A build whose inputs have the digest the last build recorded (see ``sources.input_digest``),
and whose output folder still holds exactly what that build wrote, would write the same bytes:
it can stop before loading content or rendering anything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildStamp:
    """What the last build read and left behind."""

    inputs: str  # digest of every input file and setting
    output_dir: str
    counts: dict[str, int]  # files by kind, for the summary
    files: dict[str, tuple]  # output path → (size, mtime_ns), the manifest included
    folders: dict[str, int]  # output folder → mtime_ns: adding or removing a file changes it
    cache: tuple  # (size, mtime_ns) of the cache file written with this stamp


def file_stat(path: Path) -> tuple:
    """(size, mtime_ns) of a file, or () if it is missing."""
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_size, st.st_mtime_ns)


def take_stamp(inputs: str, out: Path, files: list[str], counts: dict[str, int], cache: tuple) -> BuildStamp:
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
    )


def is_current(stamp: BuildStamp | None, inputs: str, out: Path, cache: tuple) -> bool:
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
