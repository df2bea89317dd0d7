"""``briefing check``: validate content and the built site's links, publishing nothing.

``--publish`` is the pre-publication gate the Pages workflow runs: ``--strict`` (so every
review-gate warning, see ``load.review``, fails it) plus the link check.
"""

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
        "folder, and check that every internal link and #anchor resolves. site/ is not touched. "
        "--publish is the check before publishing: any warning fails it, such as a brief with no "
        "sources, ingest's review notes or the template's placeholder text left in, an entity "
        "still marked review: true, or an event without the source's wording of its date.",
    )
    add_root_argument(parser)
    parser.add_argument("--drafts", action="store_true", help="check drafts too")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--publish",
        action="store_true",
        help="the pre-publication check (what the Pages workflow runs): --strict, the review gate and links",
    )
    parser.add_argument("--base-url", metavar="URL", help="check links as built for this base_url")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = find_site_root(args.root)
    config = load_config(root, base_url=args.base_url)
    strict = args.strict or args.publish
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as tmp:
        result = build(
            root,
            drafts=args.drafts and not args.publish,
            strict=strict,
            base_url=args.base_url,
            output_dir=Path(tmp) / "site",
        )
        broken = check_links(result.output_dir, base_path(config.base_url))
    if broken:
        raise BrokenLinksError("\n".join(str(b) for b in broken))
    pages = sum(result.pages.values())
    what = "ready to publish: no review warnings" if args.publish else "content valid"
    print(f"ok: {what}, {pages} files built, every internal link resolves")
    return 0
