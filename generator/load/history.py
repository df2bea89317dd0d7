"""When each brief last changed in git: one ``git log`` for the whole site, if git is there.

The date of the last commit touching a brief is its "Updated" date when later than the brief's
own and its front matter's ``updated``. No git, no repository, or ``BRIEFING_GIT_DATES=0``:
no dates, and no error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from generator.files import stat_sig
from generator.model import Brief

_dated: dict[str, tuple[Brief, date | None, Brief]] = {}
_repositories: dict[str, tuple[str, str] | None] = {}  # site root → (work tree, git folder)
_answers: dict[str, tuple[tuple, dict[str, date]]] = {}  # work tree → (HEAD signature, dates)


def commit_dates(root: Path, folder: Path) -> dict[str, date]:
    """Absolute path of each file below ``folder`` → the day of the last commit touching it.

    The answer is kept while the repository's HEAD and its log are unchanged, so the live
    preview does not run git on every save."""
    if os.environ.get("BRIEFING_GIT_DATES", "1") == "0" or shutil.which("git") is None:
        return {}
    try:
        if str(root) not in _repositories:
            found = subprocess.run(
                ["git", "-C", str(root), "rev-parse", "--show-toplevel", "--absolute-git-dir"],
                capture_output=True, text=True, timeout=30,
            )  # fmt: skip
            lines = found.stdout.split("\n")
            _repositories[str(root)] = (lines[0], lines[1]) if found.returncode == 0 else None
        where = _repositories[str(root)]
        if where is None:  # not a git repository
            return {}
        top, git_dir = where
        signature = (
            str(folder),
            stat_sig(os.path.join(git_dir, "HEAD")),
            stat_sig(os.path.join(git_dir, "logs", "HEAD")),
        )
        kept = _answers.get(top)
        if kept is not None and kept[0] == signature and signature[2] is not None:
            return kept[1]
        log = subprocess.run(
            ["git", "-C", top, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", str(folder)],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError, IndexError):
        return {}
    dates: dict[str, date] = {}
    day = None
    for line in log.splitlines():
        if line.startswith("\0"):
            try:
                day = date.fromisoformat(line[1:].strip())
            except ValueError:
                day = None
        elif line and day is not None:
            dates.setdefault(os.path.join(top, line), day)  # the newest commit comes first
    _answers[top] = (signature, dates)
    return dates


def with_commit_date(path: str, brief: Brief, committed: date | None) -> Brief:
    """The brief with its last commit's day as ``updated`` when that is later (the same object
    for the same inputs, so an unchanged brief stays unchanged for the live preview)."""
    kept = _dated.get(path)
    if kept is not None and kept[0] is brief and kept[1] == committed:
        return kept[2]
    result = brief
    if committed and (brief.updated is None or committed > brief.updated):
        result = replace(brief, updated=committed)
    _dated[path] = (brief, committed, result)
    return result
