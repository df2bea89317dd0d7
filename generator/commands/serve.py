"""``briefing serve``: a live preview that rebuilds on every save and reloads the browser;
``--output DIR`` serves a finished build as it is, under the site's base path."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from pathlib import Path

from tornado import web

from generator.commands._options import add_future_option, add_root_argument
from generator.errors import BriefingError, ServeError
from generator.load.config import find_site_root, load_config
from generator.model.urls import base_path
from generator.preview import serve
from generator.preview.server import PreviewHandler, content_type, listen, quiet_server_logs, say


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="preview the site locally; every save rebuilds it and reloads the browser",
        description="Build the site into a private folder and serve it under its base_url's path. "
        "Changes to site.yaml, content/, templates/ and static/ rebuild only what they affect and "
        "reload open pages; a build error shows in the page until the next good save. "
        "site/ is not touched. With --output DIR, serve that finished build as it is instead.",
    )
    add_root_argument(parser)
    parser.add_argument(
        "--port", type=int, default=8000, help="port to serve on; if busy, the next free one (default: 8000)"
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 shows it to your network)",
    )
    parser.add_argument("--open", action="store_true", help="open the site in the default browser")
    parser.add_argument("--drafts", action="store_true", help="include briefs marked draft: true")
    add_future_option(parser)
    parser.add_argument(
        "--output",
        metavar="DIR",
        help="serve this already-built site (e.g. site/) under base_url's path, without building or watching",
    )
    parser.add_argument(
        "--base-url", metavar="URL", help="with --output: the base_url the site was built for"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.output:
        base = args.base_url
        if base is None:
            try:
                base = load_config(find_site_root(args.root)).base_url
            except BriefingError:  # no site here: serve at the root
                base = "/"
        return serve_build(Path(args.output), base_path(base), args.host, args.port)
    root = find_site_root(args.root)
    return serve(
        root, host=args.host, port=args.port, drafts=args.drafts, open_browser=args.open, future=args.future
    )


class _Build:
    """What the handler needs to know of a finished build: its folder and base path."""

    def __init__(self, folder: Path, base: str):
        self.folder, self.base_path, self.error = folder, base, None


class BuildHandler(PreviewHandler):
    """The preview's handler, without the live-reload script: the files exactly as built."""

    def _send(self, name: str, data: bytes, include_body: bool) -> None:
        self.set_header("Content-Type", content_type(name))
        if include_body:
            self.write(data)
        else:
            self.set_header("Content-Length", len(data))


def serve_build(folder: Path, base: str, host: str, port: int) -> int:
    """Serve ``folder`` at ``base`` until Ctrl-C or SIGTERM; 0 when stopped."""
    folder = folder.resolve()
    if not (folder / "index.html").is_file():
        raise ServeError(f"{folder}: no index.html here (build the site first: briefing build)")
    quiet_server_logs()

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stop.set)
        app = web.Application([(r".*", BuildHandler, {"preview": _Build(folder, base)})])
        server, bound = listen(app, host, port)
        say(f"serving {folder} on http://{host}:{bound}{base} (Ctrl-C to stop)")
        try:
            await stop.wait()
        finally:
            server.stop()

    asyncio.run(main())
    print("stopped", flush=True)
    return 0
