"""``briefing init DIR``: start a new site that builds at once."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from generator.scaffold import init_site


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "init",
        help="create a new site (site.yaml, content/ with an example brief and entity registry)",
        description="Create a new briefing site in DIR. Refuses to overwrite existing files.",
    )
    parser.add_argument("dir", metavar="DIR", help="folder for the new site (created if missing)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    for path in init_site(folder, date.today()):
        print(f"created {path}")
    print(f"next: cd {folder} && briefing build")
    return 0
