"""``briefing serve``: a live preview that rebuilds on every save and reloads the browser."""

from __future__ import annotations

import argparse

from generator.commands._options import add_root_argument
from generator.load.config import find_site_root
from generator.preview import serve


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="preview the site locally; every save rebuilds it and reloads the browser",
        description="Build the site into a private folder and serve it under its base_url's path. "
        "Changes to site.yaml, content/, templates/ and static/ rebuild only what they affect and "
        "reload open pages; a build error shows in the page until the next good save. "
        "site/ is not touched.",
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = find_site_root(args.root)
    return serve(root, host=args.host, port=args.port, drafts=args.drafts, open_browser=args.open)
