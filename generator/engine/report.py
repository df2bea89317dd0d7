"""What a build tells people: phases and pages as it goes, warnings, and a summary at the end.

The builder never prints: it calls a ``Reporter``. The base reporter is silent (tests, the
preview); ``TerminalReporter`` shows a bar on a terminal and a few plain lines otherwise, and
only once a build has run for a second. Phase events (inputs, load, index, render, search or
commit, save)
let a benchmark time each stage without patching the builder.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from generator.pages import PAGE_KINDS

SHOW_AFTER_SECONDS = 1.0

log = logging.getLogger("generator")


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: files by kind, pages re-rendered, files changed on disk, seconds taken."""

    output_dir: Path
    pages: Counter
    rendered: int
    changed: tuple[str, ...]
    seconds: float

    def summary(self) -> str:
        kinds = ", ".join(f"{self.pages[k]} {k}" for k in (*PAGE_KINDS, "static") if self.pages[k])
        total = sum(self.pages.values())
        reused = total - self.pages["static"] - self.rendered
        return (
            f"built {total} files ({kinds}); {self.rendered} rendered, {reused} unchanged; "
            f"{len(self.changed)} written or removed in {self.seconds:.2f} s → {self.output_dir}"
        )


class Reporter:
    """Silent, except for warnings (which go to the log); subclasses show more."""

    def phase(self, name: str, total: int = 0) -> None:
        """A stage of the build begins; ``total``: the pages it will advance through."""

    def advance(self, n: int = 1) -> None:
        """``n`` more pages are done."""

    def warning(self, text: str) -> None:
        log.warning("%s", text)

    def finish(self) -> None:
        """The build is over."""


class TerminalReporter(Reporter):
    """Shows page progress once a build has run for a second: a bar on a TTY, else lines at each 25%."""

    def __init__(self, stream: TextIO = sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()
        self.total = self.done = 0
        self.started = 0.0
        self.last_quarter = 0
        self.shown = False

    def phase(self, name: str, total: int = 0) -> None:
        if name == "render":
            self.total, self.done, self.started, self.last_quarter = total, 0, time.perf_counter(), 0
        elif name == "search" and self.total and time.perf_counter() - self.started >= SHOW_AFTER_SECONDS:
            self._end_bar()
            self.stream.write("indexing for search\n")

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.total or time.perf_counter() - self.started < SHOW_AFTER_SECONDS:
            return
        if self.tty:
            if self.done % 25 == 0 or self.done == self.total:
                width = 30
                filled = width * self.done // self.total
                bar = "#" * filled + "-" * (width - filled)
                self.stream.write(f"\rrendering [{bar}] {self.done}/{self.total} pages")
                self.stream.flush()
                self.shown = True
        else:
            quarter = 4 * self.done // self.total
            if quarter > self.last_quarter:
                self.last_quarter = quarter
                self.stream.write(f"rendered {self.done}/{self.total} pages\n")

    def finish(self) -> None:
        self._end_bar()

    def _end_bar(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.shown = False
