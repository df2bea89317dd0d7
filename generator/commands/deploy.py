"""``briefing deploy``: build for production and publish to GitHub Pages (the gh-pages branch)."""

from __future__ import annotations

import argparse

from generator.commands._options import add_build_options, add_root_argument
from generator.load.config import find_site_root
from generator.publish.deploy import deploy


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "deploy",
        help="build the site and publish it to GitHub Pages (the gh-pages branch)",
        description="Build the site with its production base_url into a temporary folder, commit it as "
        "the whole tree of a new commit on the gh-pages branch, and push that branch. Your working "
        "tree, index, current branch and site/ are left exactly as they are.",
    )
    add_root_argument(parser)
    add_build_options(parser)
    parser.add_argument("--remote", default="origin", help="the git remote to push to (default: origin)")
    parser.add_argument(
        "--branch", default="gh-pages", help="the branch GitHub Pages serves (default: gh-pages)"
    )
    parser.add_argument(
        "--message",
        metavar="TEXT",
        help="the commit message (default: 'Deploy <title> (briefing <version>) from <source commit>')",
    )
    parser.add_argument(
        "--cname",
        metavar="DOMAIN",
        help="serve the site at this custom domain: writes a CNAME file (default: site.yaml's cname)",
    )
    parser.add_argument(
        "--no-push",
        dest="push",
        action="store_false",
        help="commit on the local branch only; push it yourself later",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = deploy(
        find_site_root(args.root),
        remote=args.remote,
        branch=args.branch,
        message=args.message,
        cname=args.cname,
        push=args.push,
        base_url=args.base_url,
        drafts=args.drafts,
        strict=args.strict,
    )
    print(result.summary())
    return 0
