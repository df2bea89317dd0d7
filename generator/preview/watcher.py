"""Watching the sources of a preview: stat polling, which needs no extra package and works on
every system (network mounts included), tuned to cost a few percent of one core."""

from __future__ import annotations

import logging
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger(__name__)

# The watcher scans every source at most every MIN_POLL seconds, and less often on a big site,
# so that scanning costs at most about POLL_BUDGET of one core; never less often than MAX_POLL.
# The RECENT_FILES saved last are checked every MIN_POLL seconds whatever the site's size.
MIN_POLL = 0.025
MAX_POLL = 1.0
POLL_BUDGET = 0.03
RECENT_FILES = 8
# After a change, wait until the files hold still for SETTLE seconds (an editor saving in
# several writes), but never longer than MAX_SETTLE.
SETTLE = 0.01
MAX_SETTLE = 0.5
# Files editors write beside the one being edited, and folders that are never sources.
EDITOR_SCRATCH = re.compile(r"^(\.#.*|.*~|.*\.sw[a-p]|4913|\.DS_Store)$")
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules"})

Snapshot = dict[str, tuple[int, int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """(mtime, size, inode) of every file at or under ``paths``; a missing path is just absent."""
    found: Snapshot = {}
    for path in paths:
        _scan(os.fspath(path), found)
    return found


def _scan(path: str, found: Snapshot) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    if not stat.S_ISDIR(info.st_mode):
        found[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
        return
    try:
        with os.scandir(path) as it:
            entries = list(it)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED_FOLDERS:
                    _scan(entry.path, found)
            elif not EDITOR_SCRATCH.match(entry.name):
                info = entry.stat()
                found[entry.path] = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            continue  # removed while we looked: the next scan sees it gone


class SourceWatcher(threading.Thread):
    """Polls the sources and calls ``on_change(changed_paths)`` once a change has settled.

    Polling works on every system and needs no extra dependency. A full scan runs as often as
    its CPU cost allows (every 25 ms on a small site, less often on a big one); the few files
    saved last, the ones an analyst is working on, are checked every 25 ms whatever the size.
    """

    def __init__(
        self,
        paths: Callable[[], list[Path]],
        on_change: Callable[[list[str]], None],
        baseline: Snapshot | None = None,
        stopping: threading.Event | None = None,
    ):
        """``baseline``: the sources as the site was last built from (default: as they are now);
        ``stopping``: set to stop (default: a new event; ``stop()`` sets it)."""
        super().__init__(name="briefing-watcher", daemon=True)
        self.paths = paths
        self.on_change = on_change
        self.baseline = baseline
        self.stopping = stopping or threading.Event()
        self.interval = MIN_POLL  # between full scans
        self.recent: list[str] = []  # the last files saved, checked on every tick
        self._scan_cost = 0.0

    def run(self) -> None:
        last = self._scan() if self.baseline is None else self.baseline
        next_scan = time.monotonic() + self.interval
        while not self.stopping.wait(MIN_POLL):
            if time.monotonic() < next_scan and not self._recent_changed(last):
                continue
            current = self._scan()
            next_scan = time.monotonic() + self.interval
            if current == last:
                continue
            changed = sorted(p for p in last.keys() | current.keys() if last.get(p) != current.get(p))
            current = self._settle(current, changed)
            if self.stopping.is_set():
                return
            last = current
            self.recent = [*changed, *(p for p in self.recent if p not in changed)][:RECENT_FILES]
            try:
                self.on_change(changed)
            except Exception:  # keep watching whatever happened
                log.exception("the preview failed to handle a change")

    def stop(self) -> None:
        self.stopping.set()

    def _scan(self) -> Snapshot:
        started = time.thread_time()  # CPU time: a busy machine should not slow the polling down
        found = snapshot(self.paths())
        cost = time.thread_time() - started
        self._scan_cost = cost if not self._scan_cost else 0.8 * self._scan_cost + 0.2 * cost
        self.interval = min(MAX_POLL, max(MIN_POLL, self._scan_cost / POLL_BUDGET))
        return found

    def _recent_changed(self, last: Snapshot) -> bool:
        now = snapshot(map(Path, self.recent))
        return any(now.get(path) != last.get(path) for path in self.recent)

    def _settle(self, current: Snapshot, changed: list[str]) -> Snapshot:
        """Wait until the changed files hold still (an editor saving in several writes)."""
        deadline = time.monotonic() + MAX_SETTLE
        while time.monotonic() < deadline and not self.stopping.wait(SETTLE):
            again = snapshot(map(Path, changed))
            if all(again.get(path) == current.get(path) for path in changed):
                break
            for path in changed:
                current.pop(path, None)
            current.update(again)
        return current
