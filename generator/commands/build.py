"""``briefing build``: render the site into its output folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from generator.commands._options import add_build_options, add_future_option, add_root_argument
from generator.engine import build
from generator.engine.report import TerminalReporter
from generator.load.config import find_site_root
from generator.workers import collector_off


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build the static site from content/ into site/",
        description="Build the site: every brief, the timeline, entity and tag pages, feed and sitemap. "
        "The previous site stays in place until the new one is complete.",
    )
    add_root_argument(parser)
    add_build_options(parser)
    add_future_option(parser)
    parser.add_argument(
        "--output", metavar="DIR", help="write the site here instead of paths.output (default: site/)"
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="ignore the build cache (.briefing-cache/), render every page, and leave a fresh cache",
    )
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="skip the search index this time, as 'search: false' in site.yaml would (a quicker local build)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = find_site_root(args.root)
    with collector_off():  # this process builds once
        result = build(
            root,
            drafts=args.drafts,
            strict=args.strict,
            future=args.future,
            base_url=args.base_url,
            output_dir=Path(args.output) if args.output else None,
            use_cache=True,
            clean=args.clean,
            search=False if args.no_search else None,
            reporter=TerminalReporter(),
        )
    print(result.summary().replace(f"{root}{os.sep}", ""))
    return 0
