"""Options several commands share."""

from __future__ import annotations

import argparse


def add_root_argument(parser: argparse.ArgumentParser) -> None:
    """``--root DIR``: the site folder (holding site.yaml); default: the current folder or a parent."""
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="the site folder holding site.yaml (default: this folder or the nearest parent with one)",
    )


def add_build_options(parser: argparse.ArgumentParser) -> None:
    """Options every command that builds shares."""
    parser.add_argument("--drafts", action="store_true", help="include briefs marked draft: true")
    parser.add_argument("--strict", action="store_true", help="treat warnings (unknown keys, ...) as errors")
    parser.add_argument(
        "--base-url", metavar="URL", help="override site.yaml's base_url, e.g. https://user.github.io/repo/"
    )


def add_future_option(parser: argparse.ArgumentParser) -> None:
    """``--future``: show briefs whose publish_at or date has not come yet (a local preview)."""
    parser.add_argument(
        "--future",
        action="store_true",
        help="include briefs whose publish_at or date is still ahead (an embargo preview; never deploy it)",
    )
