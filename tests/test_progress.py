"""Build progress: a bar on a terminal, plain lines otherwise, and a summary line at the end."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from generator.engine import build
from generator.engine import report as progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_that_reaches_every_page(sample_site, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    stream = FakeTerminal()
    result = build(sample_site, reporter=progress.TerminalReporter(stream))
    pages = sum(result.pages.values()) - result.pages["static"]
    shown = stream.getvalue()
    assert shown.startswith("\rrendering [") and shown.endswith("\n")
    assert f"[{'#' * 30}] {pages}/{pages} pages" in shown


def test_a_log_gets_plain_lines_at_each_quarter(sample_site, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    stream = io.StringIO()
    result = build(sample_site, reporter=progress.TerminalReporter(stream))
    pages = sum(result.pages.values()) - result.pages["static"]
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue() and len(lines) == 5 and lines[-1] == "indexing for search"
    assert lines[-2] == f"rendered {pages}/{pages} pages"


def test_a_quick_build_shows_no_progress(sample_site, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 3600.0)  # "quick" whatever the machine's load
    stream = FakeTerminal()
    build(sample_site, reporter=progress.TerminalReporter(stream))
    assert stream.getvalue() == ""


def test_the_command_ends_with_a_summary_by_kind_with_cache_use_and_time(sample_site):
    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--root", str(sample_site)],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip().splitlines()[-1]

    first, second = run(), run()
    pattern = r"built (\d+) files \(1 home, 1 archive, 5 brief, .*\d+ static\); (\d+) rendered, (\d+) unchanged; (\d+) written or removed in [\d.]+ s → "
    total, rendered, unchanged, written = map(int, re.match(pattern, first).groups())
    assert rendered > 0 and unchanged == 0 and written == total
    total, rendered, unchanged, written = map(int, re.match(pattern, second).groups())
    assert rendered == 0 and written == 0 and unchanged > 0
