"""The ``briefing`` command line: argument parsing and error printing, nothing else.

Each command lives in ``generator/commands/<name>.py`` and exposes ``register(subparsers)``,
which adds its parser and sets ``run`` to a function taking the parsed arguments and
returning an exit code. Library code raises ``BriefingError``; it is caught once, here.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from generator import __version__
from generator.errors import BriefingError

COMMANDS = ("build", "serve", "deploy", "ingest", "init", "new", "check")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Build a static news-briefing site from Markdown briefs.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full tracebacks and debug logs")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"generator.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.INFO,
        format="%(levelname)s: %(message)s",
    )
    try:
        return args.run(args)
    except BriefingError as error:
        if args.debug:
            raise
        for line in str(error).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 130


def main_exit() -> None:
    """Console-script entry point."""
    sys.exit(main())
