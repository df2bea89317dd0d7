"""The preview's HTTP side: Tornado serving the private folder under the site's base path, and
the livereload protocol (livereload's own websocket handler and client script)."""

from __future__ import annotations

import errno
import logging
import mimetypes
from typing import TYPE_CHECKING
from urllib.parse import unquote

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.websocket import WebSocketClosedError

from generator.errors import ServeError
from generator.preview.overlay import FALLBACK_PAGE, decorate_page

if TYPE_CHECKING:
    from generator.preview import LivePreview

# A busy port moves the server to the next one, up to this many tries.
PORT_TRIES = 10


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
        try:
            target = self._file_for(path[len(base) :])
        except OSError:  # a name too long, a NUL byte, a loop: nothing of ours
            target = None
        if target is None:
            self._not_found(include_body)
            return
        if target == "redirect":
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(self.request.path + "/" + query)
            return
        try:
            data = target.read_bytes()
        except OSError:
            self._not_found(include_body)
            return
        self._send(target.name, data, include_body)

    def _file_for(self, rel: str):
        """The file inside the preview folder that ``rel`` names, 'redirect' for a folder asked
        for without its slash, or None."""
        folder = self.preview.folder
        try:
            target = (folder / rel).resolve()
        except ValueError:  # a NUL byte
            return None
        if not target.is_relative_to(folder):
            return None
        if target.is_dir():
            return target / "index.html" if rel == "" or rel.endswith("/") else "redirect"
        return target

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


def application(preview: LivePreview) -> web.Application:
    return web.Application(
        [
            (r"/livereload", LiveReloadHandler),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r".*", PreviewHandler, {"preview": preview}),
        ]
    )


def close_browsers() -> None:
    for browser in list(LiveReloadHandler.waiters):
        browser.close()
