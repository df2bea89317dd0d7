"""``briefing init DIR``: start a new site that builds at once."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from generator.scaffold import DISTRIBUTION, init_site


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "init",
        help="create a new site (site.yaml, .gitignore, content/ with an example brief and entity registry)",
        description="Create a new briefing site in DIR. Refuses to overwrite existing files.",
    )
    parser.add_argument("dir", metavar="DIR", help="folder for the new site (created if missing)")
    parser.add_argument(
        "--github",
        action="store_true",
        help="also write .github/workflows/pages.yml: check, build and publish with GitHub Pages, hourly too",
    )
    parser.add_argument(
        "--install",
        metavar="PIP_SPEC",
        help=f"how the workflow installs Briefing (default: {DISTRIBUTION}==<this version>; e.g. "
        "git+https://github.com/OWNER/briefing@TAG); a wheel in the site's .briefing/ folder wins",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    for path in init_site(folder, date.today(), github=args.github, install=args.install or ""):
        print(f"created {path}")
    print(f"next: cd {folder} && briefing build && briefing serve")
    return 0
