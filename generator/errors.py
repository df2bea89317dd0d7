"""Our exception types: the library raises them, the command line prints them once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BriefingError(Exception):
    """Base of every error that is the user's to fix; printed as one line, no traceback."""


@dataclass
class Problem:
    """One thing wrong with one file, located as precisely as we can."""

    path: Path | str
    message: str
    line: int | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ContentError(BriefingError):
    """One or more problems in the content; all of them are collected before raising."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ConfigError(BriefingError):
    """site.yaml is missing or wrong."""


class OutputError(BriefingError):
    """The output folder is unsafe to write into, or writing it failed."""


class TemplateError(BriefingError):
    """A Jinja template failed to load or render."""


class DateError(ValueError):
    """A partial date that does not parse; the loader adds the file and line."""
