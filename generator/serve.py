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
import errno
import logging
import mimetypes
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.websocket import WebSocketClosedError

from generator.build import BuildResult, SiteBuilder
from generator.config import load_config
from generator.errors import BriefingError
from generator.progress import Progress
from generator.serve_overlay import FALLBACK_PAGE, decorate_page
from generator.urls import base_path

log = logging.getLogger(__name__)

# A busy port moves the server to the next one, up to this many tries.
PORT_TRIES = 10
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


class ServeError(BriefingError):
    """The preview server cannot start (the port or address is unusable)."""


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


class RebuildCancelledError(Exception):
    """The server is stopping: a rebuild in progress ends at its next page."""


class StopWhenAsked(Progress):
    """Rebuild progress that ends the rebuild once the server stops, so Ctrl-C right after a
    template change (which re-renders every page) does not wait for the whole rebuild."""

    def __init__(self, stopping: threading.Event):
        self.stopping = stopping

    def advance(self, n: int = 1) -> None:
        if self.stopping.is_set():
            raise RebuildCancelledError


def reload_path(changed: Iterable[str], base: str) -> str:
    """The path a livereload 'reload' message names: the client swaps a stylesheet in place when
    only stylesheets changed; any other path makes it reload the page."""
    changed = list(changed)
    if changed and all(path.endswith(".css") for path in changed):
        return base + changed[0]
    pages = [path for path in changed if not path.endswith((".css", ".png", ".jpg", ".jpeg", ".gif"))]
    return base + (pages[0] if pages else "")


class LivePreview:
    """One site, built into a private folder and kept up to date while it is served."""

    def __init__(self, root: Path, *, drafts: bool = False):
        self.root = Path(root).resolve()
        config = load_config(self.root)  # a broken site.yaml stops the server before it starts
        self.base_path = base_path(config.base_url)
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-serve-")).resolve()
        self.stopping = threading.Event()
        self.builder = SiteBuilder(
            self.root, drafts=drafts, output_dir=self.folder, live=True, progress=StopWhenAsked(self.stopping)
        )
        self.watch_paths: list[Path] = self.builder.watch_paths()
        self.error: str | None = None  # the last build's problems, while it failed
        self.watcher: SourceWatcher | None = None
        self._sources_built: Snapshot | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # Building -----------------------------------------------------------------------------

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
        result = self._build()
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

    def _build(self) -> BuildResult | None:
        """Run the builder; on failure keep the last good files and show the error instead."""
        try:
            result = self.builder.rebuild()
        except RebuildCancelledError:
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
        self.watch_paths = self.builder.watch_paths()
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

    # Serving -------------------------------------------------------------------------------

    def application(self) -> web.Application:
        return web.Application(
            [
                (r"/livereload", LiveReloadHandler),
                (r"/livereload\.js", LiveReloadJSHandler),
                (r".*", PreviewHandler, {"preview": self}),
            ]
        )

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
        server, port = listen(self.application(), host, port)
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
            for browser in list(LiveReloadHandler.waiters):
                browser.close()
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


def send_reload(path: str) -> None:
    """livereload's 'reload' command to every connected page (on the event loop)."""
    message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
    for browser in list(LiveReloadHandler.waiters):
        try:
            browser.write_message(message)
        except WebSocketClosedError:
            LiveReloadHandler.waiters.discard(browser)


class PreviewHandler(web.RequestHandler):
    """The private folder under the site's base path; HTML gets the livereload client and, while
    the last build failed, the error overlay. Nothing is cached, so a reload shows the latest."""

    def initialize(self, preview: LivePreview) -> None:
        self.preview = preview

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")

    def compute_etag(self) -> None:
        return None  # never cached, so no validators

    def get(self) -> None:
        self._respond(include_body=True)

    def head(self) -> None:
        self._respond(include_body=False)

    def _respond(self, include_body: bool) -> None:
        base = self.preview.base_path
        path = unquote(self.request.path)
        if path + "/" == base or (path == "/" and base != "/"):
            self.redirect(base)
            return
        if not path.startswith(base):
            self._not_found(include_body)
            return
        folder = self.preview.folder
        try:
            target = (folder / path[len(base) :]).resolve()
        except (OSError, ValueError):  # e.g. a NUL byte in the path
            target = folder.parent
        if not target.is_relative_to(folder):
            self._not_found(include_body)
            return
        if target.is_dir():
            if not path.endswith("/"):
                query = f"?{self.request.query}" if self.request.query else ""
                self.redirect(self.request.path + "/" + query)
                return
            target = target / "index.html"
        try:
            data = target.read_bytes()
        except OSError:
            self._not_found(include_body)
            return
        self._send(target.name, data, include_body)

    def _not_found(self, include_body: bool) -> None:
        self.set_status(404)
        try:
            page = (self.preview.folder / "404.html").read_bytes()
        except OSError:
            page = FALLBACK_PAGE
        self._send("404.html", page, include_body)

    def _send(self, name: str, data: bytes, include_body: bool) -> None:
        kind = content_type(name)
        if kind.startswith("text/html"):
            data = decorate_page(data, self.preview.error)
        self.set_header("Content-Type", kind)
        if include_body:
            self.write(data)
        else:
            self.set_header("Content-Length", len(data))


def content_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    textual = kind.startswith("text/") or kind.endswith(("+xml", "/xml", "/json", "/javascript"))
    return f"{kind}; charset=utf-8" if textual else kind


def listen(app: web.Application, host: str, port: int) -> tuple[HTTPServer, int]:
    """Listen on ``host:port``, or on the next free port if it is busy (and say so)."""
    last = port if port == 0 else min(port + PORT_TRIES - 1, 65535)
    for candidate in range(port, last + 1):
        try:
            sockets = bind_sockets(candidate, address=host)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                continue
            reason = error.strerror or str(error)
            raise ServeError(
                f"cannot listen on {host}:{candidate}: {reason} (try another --host or --port)"
            ) from None
        server = HTTPServer(app)
        server.add_sockets(sockets)
        bound = sockets[0].getsockname()[1]
        if candidate != port:
            say(f"port {port} is busy; serving on {bound}")
        return server, bound
    raise ServeError(f"ports {port}–{last} on {host} are all busy (choose another with --port)")


def say(message: str) -> None:
    print(message, flush=True)


def quiet_server_logs() -> None:
    """Per-request and per-connection lines are noise in a preview; errors still show."""
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        logging.getLogger("tornado.access").setLevel(logging.ERROR)
        logging.getLogger("livereload").setLevel(logging.WARNING)


def serve(
    root: Path, *, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False, open_browser: bool = False
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
        preview = LivePreview(root, drafts=drafts)
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
