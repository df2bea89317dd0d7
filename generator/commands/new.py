"""``briefing new "Title"``: a new draft brief with today's date."""

from __future__ import annotations

import argparse
import os
from datetime import date

from generator.commands._options import add_root_argument
from generator.load.config import find_site_root, load_config
from generator.scaffold import new_brief


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new",
        help="create a new brief (a draft) from the template",
        description="Create content/briefs/<slug>.md with today's date, marked draft: true. Never overwrites.",
    )
    parser.add_argument("title", help="the brief's title")
    parser.add_argument("--slug", help="file name without .md (default: from the title)")
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = load_config(find_site_root(args.root))
    path = new_brief(config, args.title, date.today(), args.slug)
    shown = os.path.relpath(path) if path.is_absolute() else path
    print(f"created {shown} (a draft: remove 'draft: true' to publish)")
    return 0
