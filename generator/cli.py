"""The ``briefing`` command line: argument parsing and error printing, nothing else.

Each command lives in ``generator/commands/<name>.py`` and exposes ``register(subparsers)``,
which adds its parser and sets ``run`` to a function taking the parsed arguments and
returning an exit code. Library code raises ``BriefingError``; it is caught once, here.
Every message is printed as ``warning: ...`` or ``error: ...`` with paths inside the site shown
from its root (``content/briefs/x.md:12: ...``), as ``briefing serve`` shows them.
Bare ``briefing`` prints the help and exits with status 2, as any other usage mistake does.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from generator import __version__
from generator.errors import BriefingError

COMMANDS = ("build", "serve", "deploy", "ingest", "init", "new", "check")
USAGE_ERROR = 2


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only``, just that command (its module alone is imported,
    so a build does not pay for the preview server's or ingest's imports)."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Build a static news-briefing site from Markdown briefs.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full tracebacks and debug logs")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only in COMMANDS else COMMANDS:
        importlib.import_module(f"generator.commands.{name}").register(subparsers)
    for command in subparsers.choices.values():  # --debug after the command works too
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help="show full tracebacks"
        )
    return parser


class Relative:
    """Strips the site root (and the current folder) from paths in messages."""

    def __init__(self, args: argparse.Namespace):
        prefixes = []
        try:
            from generator.load.config import find_site_root

            prefixes.append(str(find_site_root(getattr(args, "root", None))))
        except (BriefingError, OSError):
            pass
        prefixes.append(os.getcwd())
        self.prefixes = [p.rstrip(os.sep) + os.sep for p in dict.fromkeys(prefixes) if p != os.sep]

    def __call__(self, text: str) -> str:
        for prefix in self.prefixes:
            text = text.replace(prefix, "")
        return text


class MessageFormatter(logging.Formatter):
    """``warning: content/briefs/x.md:3: ...``: lowercase severity, site-relative paths."""

    def __init__(self, relative: Relative):
        super().__init__()
        self.relative = relative

    def format(self, record: logging.LogRecord) -> str:
        text = self.relative(record.getMessage())
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return f"{record.levelname.lower()}: {text}"


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = make_parser(next((w for w in words if not w.startswith("-")), None))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return USAGE_ERROR
    relative = Relative(args)
    handler = logging.StreamHandler()
    handler.setFormatter(MessageFormatter(relative))
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO, handlers=[handler])
    try:
        return args.run(args)
    except BriefingError as error:
        if args.debug:
            raise
        for line in str(error).splitlines():
            print(f"error: {relative(line)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 130


def main_exit() -> None:
    """Console-script entry point."""
    sys.exit(main())
