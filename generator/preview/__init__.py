"""The live preview behind ``briefing serve``: build into a private folder, serve it under the
site's base path, rebuild on every save and tell connected browsers to reload.

- ``SourceWatcher`` (its own thread) polls the sources and calls ``LivePreview.rebuild`` when a
  save has settled.
- ``LivePreview.rebuild`` runs the incremental ``SiteBuilder`` there; a failed build keeps the
  last good files and records the error for the overlay (``serve_overlay.py``).
- Tornado, on the main thread, serves the folder through ``PreviewHandler`` and speaks the
  livereload protocol with livereload's own websocket handler and client script.

The user's ``site/`` is never touched: the preview lives in a temporary folder that the
builder updates file by file with atomic replaces, removed when the server stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Iterable
from pathlib import Path

from generator.engine import BuildResult, SiteBuilder
from generator.errors import BriefingError, BuildCancelled
from generator.load.config import CONFIG_NAME, load_config
from generator.model.urls import base_path
from generator.preview.server import application, close_browsers, listen, quiet_server_logs, say, send_reload
from generator.preview.watcher import Snapshot, SourceWatcher, snapshot
from generator.render.theme import default_theme_dir

log = logging.getLogger(__name__)


def watch_paths(config) -> list[Path]:
    """What a preview watches: site.yaml, content, the site's templates and static, the theme."""
    paths = [config.root / CONFIG_NAME, config.content_dir, config.templates_dir, config.static_dir]
    return [*paths, default_theme_dir()]


class LivePreview:
    """One site, built into a private folder and kept up to date while it is served."""

    def __init__(self, root: Path, *, drafts: bool = False, future: bool = False):
        self.root = Path(root).resolve()
        config = load_config(self.root)  # a broken site.yaml stops the server before it starts
        self.base_path = base_path(config.base_url)
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-serve-")).resolve()
        self.stopping = threading.Event()
        self.builder = SiteBuilder(
            self.root, drafts=drafts, future=future, output_dir=self.folder, live=True, cancel=self.stopping
        )
        self.watch_paths: list[Path] = watch_paths(self.builder.config or load_config(self.root))
        self.error: str | None = None  # the last build's problems, while it failed
        self.watcher: SourceWatcher | None = None
        self._sources_built: Snapshot | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def build_first(self) -> None:
        """The first build; a broken brief or template here still lets the server start."""
        self._sources_built = snapshot(self.watch_paths)  # a save from now on is not missed
        started = time.perf_counter()
        if self._build():
            say(f"built the site in {time.perf_counter() - started:.2f} s")

    def rebuild(self, changed_sources: list[str]) -> None:
        """After a save (in the watcher thread): rebuild, then reload the browsers if it shows."""
        had_error = self.error is not None
        started = time.perf_counter()
        result = self._build(changed_sources)
        if result is None or self.stopping.is_set():
            return
        what = ", ".join(self._relative(p) for p in changed_sources[:3])
        if len(changed_sources) > 3:
            what += f" and {len(changed_sources) - 3} more"
        seconds = time.perf_counter() - started
        if had_error:
            self._reload(self.base_path)  # a whole reload, so the overlay goes
        elif result.changed:
            self._reload(reload_path(result.changed, self.base_path))
        updated = f"{len(result.changed)} file{'s' if len(result.changed) != 1 else ''} updated"
        say(f"{what} changed: rebuilt in {seconds * 1000:.0f} ms, {updated}")

    def _build(self, changed: list[str] | None = None) -> BuildResult | None:
        """Run the builder; on failure keep the last good files and show the error instead."""
        try:
            result = self.builder.rebuild(changed)
        except BuildCancelled:
            return None
        except BriefingError as error:
            self._fail(self._relative(str(error)))
            return None
        except Exception as error:  # a bug of ours, not the user's: keep serving, show it, log it
            log.exception("unexpected error while building the preview")
            self._fail(f"internal error: {type(error).__name__}: {error}")
            return None
        self.error = None
        self.base_path = base_path(self.builder.config.base_url)
        self.watch_paths = watch_paths(self.builder.config or load_config(self.root))
        return result

    def _fail(self, text: str) -> None:
        if self.stopping.is_set():
            return
        for line in text.splitlines():
            print(f"error: {line}", file=sys.stderr, flush=True)
        print(
            "  (still serving the last good build; the browser shows this until the next good save)",
            file=sys.stderr,
            flush=True,
        )
        if text != self.error:
            self.error = text
            self._reload(self.base_path)  # show the overlay

    def _relative(self, text: str) -> str:
        """Paths inside the site shown from its root: 'content/briefs/x.md:12: ...'."""
        return text.replace(f"{self.root}{os.sep}", "")

    async def run(self, host: str, port: int, open_browser: bool = False) -> None:
        """Serve until SIGINT or SIGTERM."""
        self._loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(signum) is signal.SIG_IGN:
                continue  # e.g. a script's background job: its shell means to keep Ctrl-C from it
            try:
                self._loop.add_signal_handler(signum, stop.set)
            except (NotImplementedError, RuntimeError):  # Windows
                signal.signal(signum, lambda *_: self._loop.call_soon_threadsafe(stop.set))
        server, port = listen(application(self), host, port)
        shown_host = "localhost" if host in ("", "0.0.0.0", "::") else host
        url = f"http://{f'[{shown_host}]' if ':' in shown_host else shown_host}:{port}{self.base_path}"
        say(f"serving on {url} (Ctrl-C to stop)")
        if shown_host != host:
            say(f"note: listening on every address ({host}), so other machines can see the preview")
        self.watcher = SourceWatcher(
            lambda: self.watch_paths, self.rebuild, self._sources_built, self.stopping
        )
        self.watcher.start()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        try:
            await stop.wait()
        finally:
            self.stopping.set()
            server.stop()
            close_browsers()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(server.close_all_connections(), timeout=2)

    def _reload(self, path: str) -> None:
        """Ask every connected browser to reload (from any thread)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: we are stopping
            loop.call_soon_threadsafe(send_reload, path)

    def close(self) -> None:
        """Stop watching, wait for a rebuild in progress to end (at its next page), remove the folder."""
        try:
            self.stopping.set()
            if self.watcher is not None and self.watcher.is_alive():
                self.watcher.join(timeout=0.5)
                if self.watcher.is_alive():
                    # Removing the folder under a running rebuild would leave half of it behind.
                    print(
                        "waiting for the current rebuild to finish (Ctrl-C again to stop at once)…",
                        file=sys.stderr,
                        flush=True,
                    )
                    self.watcher.join()
        finally:  # even on a second Ctrl-C
            shutil.rmtree(self.folder, ignore_errors=True)


def reload_path(changed: Iterable[str], base: str) -> str:
    """The path a livereload 'reload' message names: the client swaps a stylesheet in place when
    only stylesheets changed; any other path makes it reload the page."""
    changed = list(changed)
    if changed and all(path.endswith(".css") for path in changed):
        return base + changed[0]
    pages = [path for path in changed if not path.endswith((".css", ".png", ".jpg", ".jpeg", ".gif"))]
    return base + (pages[0] if pages else "")


def serve(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    drafts: bool = False,
    open_browser: bool = False,
    future: bool = False,
) -> int:
    """Build, serve and rebuild the site at ``root`` until SIGINT or SIGTERM; 0 when stopped."""
    quiet_server_logs()
    previous_sigterm = signal.getsignal(signal.SIGTERM)
    # Outside the event loop (which handles signals itself), SIGTERM stops us like Ctrl-C,
    # cleaning up on the way.
    sigterm_interrupts = previous_sigterm is not signal.SIG_IGN
    if sigterm_interrupts:
        signal.signal(signal.SIGTERM, _interrupt)
    preview = None
    try:
        preview = LivePreview(root, drafts=drafts, future=future)
        preview.build_first()
        asyncio.run(preview.run(host, port, open_browser))
        if sigterm_interrupts:
            signal.signal(signal.SIGTERM, _interrupt)
    finally:
        if preview is not None:
            preview.close()
        signal.signal(signal.SIGTERM, previous_sigterm)
    print("stopped", file=sys.stderr, flush=True)
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
