"""Build progress for people: a bar on a terminal, a few plain lines otherwise; silent if quick."""

from __future__ import annotations

import sys
import time
from typing import TextIO

SHOW_AFTER_SECONDS = 1.0


class Progress:
    """Silent by default; ``TerminalProgress`` shows something."""

    def start(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class TerminalProgress(Progress):
    """Shows page progress once a build has run for a second: a bar on a TTY, else lines at each 25%."""

    def __init__(self, stream: TextIO = sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()
        self.total = self.done = 0
        self.started = 0.0
        self.last_quarter = 0
        self.shown = False

    def start(self, total: int) -> None:
        self.total, self.done, self.started, self.last_quarter = total, 0, time.perf_counter(), 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.total or time.perf_counter() - self.started < SHOW_AFTER_SECONDS:
            return
        if self.tty:
            if self.done % 25 == 0 or self.done == self.total:
                width = 30
                filled = width * self.done // self.total
                bar = "#" * filled + "-" * (width - filled)
                self.stream.write(f"\rbuilding [{bar}] {self.done}/{self.total} pages")
                self.stream.flush()
                self.shown = True
        else:
            quarter = 4 * self.done // self.total
            if quarter > self.last_quarter:
                self.last_quarter = quarter
                self.stream.write(f"built {self.done}/{self.total} pages\n")

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.shown = False
