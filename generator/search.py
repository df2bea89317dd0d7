"""Full-text search for a built site: Pagefind indexes the finished pages into ``pagefind/``.

The index is static files beside the pages, so search works on any static host, offline and
under a sub-path. The theme's ``static/search.js`` loads it only when a reader starts to search.
Briefs and entity pages opt in with ``data-pagefind-body``; other pages are left out.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.errors import BriefingError

BUNDLE = "pagefind"
# Pagefind's own ready-made interfaces: the theme talks to pagefind.js directly, so leave them out.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css")
UNUSED += ("pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchError(BriefingError):
    """The search index could not be built."""


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind-bin`` package (or one on PATH)."""
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind") or shutil.which("pagefind_extended")
        if found:
            return Path(found)
    raise SearchError(
        "search: the Pagefind binary is missing (pip install pagefind-bin), or set 'search: false' in site.yaml"
    )


def index_site(site: Path, bundle: Path | None = None) -> None:
    """Index the complete site in ``site`` into ``bundle`` (default: ``site/pagefind/``)."""
    bundle = (bundle or site / BUNDLE).resolve()
    command = [str(pagefind_executable()), "--site", str(site), "--output-path", str(bundle), "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchError(f"search: Pagefind could not run: {error}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchError(
            f"search: Pagefind failed: {detail[-1] if detail else 'exit ' + str(done.returncode)}"
        )
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
