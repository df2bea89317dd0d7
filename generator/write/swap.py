"""Putting a finished tree where the site is: one atomic exchange, taking turns, mending after a kill.

``exchange`` swaps the staging folder and the output folder in one ``renameat2(RENAME_EXCHANGE)``
(Linux); where the system has none, it falls back to two renames, and ``clear_leftovers`` (run by
the next build, under the lock) completes them if a build died in between. The tree an exchange
retires is kept at ``spare_path`` (see ``writer``), a complete earlier build that the next one
recycles; a staging folder is never one, so a killed build's is always removed.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from pathlib import Path

from generator.errors import OutputError


def lock(out: Path) -> int:
    """Hold a lock on the output's parent folder until the build ends, so builds of one output
    take turns (``flock`` on the folder itself: no lock file is left anywhere)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out.parent, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def spare_path(out: Path) -> Path:
    """Where the tree an exchange retired waits, as the next build's starting point."""
    return out.with_name(f".{out.name}.spare")


def clear_leftovers(out: Path) -> None:
    """Remove the staging folders of builds that were killed (we hold the lock: none is running)."""
    for sibling in out.parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(sibling, ignore_errors=True)
    retired = out.with_name(f".{out.name}.old")
    if retired.is_dir():
        if not out.exists():  # killed between the two renames of the fallback swap
            retired.rename(out)
        else:
            shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2


def exchange(staging: Path, out: Path) -> None:
    """Put ``staging`` where ``out`` is and ``out`` where ``staging`` was, in one atomic step."""
    if _renameat2 is not None:
        if _renameat2(-100, os.fsencode(staging), -100, os.fsencode(out), _RENAME_EXCHANGE) == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code), str(out))
    # No atomic exchange here: two renames, which the next build completes if we die between.
    retired = out.with_name(f".{out.name}.old")
    out.rename(retired)
    staging.rename(out)
    retired.rename(staging)


def _renameat2_function():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_renameat2 = _renameat2_function()


def output_error(out: Path, error: OSError) -> OutputError:
    """One line for a failed write: the path, what the system said, what to do."""
    hints = {
        errno.ENOSPC: "free some disk space and build again",
        errno.EROFS: "the folder is on a read-only file system; choose another paths.output",
        errno.EACCES: "check the folder's permissions, or choose another paths.output",
        errno.ENOTDIR: "a part of the output path is a file; choose another paths.output",
    }
    hint = hints.get(error.errno, "the previous site is unchanged")
    return OutputError(f"{out}: cannot write the site: {error.strerror or error} ({hint})")
