"""Every exception type of Briefing: the library raises them, the command line prints them once.

A ``BriefingError`` is the user's to fix and is printed as one line per problem, no traceback.
"""

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


class InputError(ContentError):
    """A file a build must not read: not a regular file, too large, or a link out of the site."""

    def __init__(self, path: Path | str, message: str, hint: str = ""):
        super().__init__([Problem(path, message, None, hint)])


class ConfigError(BriefingError):
    """site.yaml is missing or wrong."""


class OutputError(BriefingError):
    """The output folder is unsafe to write into, or writing it failed."""


class TemplateError(BriefingError):
    """A Jinja template failed to load or render."""


class SearchError(BriefingError):
    """The search index could not be built."""


class BrokenLinksError(BriefingError):
    """The built site has internal links that lead nowhere."""


class ServeError(BriefingError):
    """The preview server cannot start (the port or address is unusable)."""


class DeployError(BriefingError):
    """Deploying failed; nothing was pushed."""


class GitCommandError(DeployError):
    """A git command failed; callers that can say more catch it and add a hint."""

    def __init__(self, args: tuple[str, ...], code: int, stdout: str, stderr: str, summary: str):
        self.code, self.stdout, self.stderr = code, stdout, stderr
        super().__init__(f"git {' '.join(args)}: {summary or f'exit status {code}'}")


class ScaffoldError(BriefingError):
    """A scaffold would overwrite something."""


class IngestError(BriefingError):
    """A bad article file, a bad option, or a draft that would overwrite a brief."""


class BuildCancelled(Exception):  # noqa: N818 - not an error: the preview asked the build to stop
    """A rebuild stopped because the preview server is stopping."""


class CacheDamaged(Exception):  # noqa: N818 - not the user's to fix: the build starts again without it
    """A part of the build cache read late (a brief's body) is missing or damaged."""


class DateError(ValueError):
    """A partial date that does not parse; the loader adds the file and line."""


class YamlSyntaxError(ValueError):
    """The text is not valid YAML (or uses what content YAML forbids); ``line`` is 1-based."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line
