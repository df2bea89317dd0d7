"""``briefing check``: validate content and the built site's links, publishing nothing."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from generator.commands._options import add_root_argument
from generator.engine import build
from generator.errors import BrokenLinksError
from generator.load.config import find_site_root, load_config
from generator.model.urls import base_path
from generator.write.linkcheck import check_links


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate all content and every internal link, without touching site/",
        description="Load and validate every brief and the entity registry, build into a temporary "
        "folder, and check that every internal link and #anchor resolves. site/ is not touched.",
    )
    add_root_argument(parser)
    parser.add_argument("--drafts", action="store_true", help="check drafts too")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = find_site_root(args.root)
    config = load_config(root)
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as tmp:
        result = build(root, drafts=args.drafts, strict=args.strict, output_dir=Path(tmp) / "site")
        broken = check_links(result.output_dir, base_path(config.base_url))
    if broken:
        raise BrokenLinksError("\n".join(str(b) for b in broken))
    pages = sum(result.pages.values())
    print(f"ok: content valid, {pages} files built, every internal link resolves")
    return 0
