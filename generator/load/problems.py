"""Problems found while loading: collected, never raised one at a time."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem


@dataclass
class Problems:
    """Collects problems (errors) and warnings while loading one file."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, path: Path, message: str, line: int | None = None, hint: str = "") -> None:
        self.errors.append(Problem(path, message, line, hint))

    def warn(self, path: Path, message: str, line: int | None = None, hint: str = "") -> None:
        self.warnings.append(Problem(path, message, line, hint))


def closest(word: str, choices) -> str:
    """A 'did you mean' hint, or a pointer to the registry when nothing is close."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"did you mean '{match[0]}'?" if match else "add it to content/entities.yaml"
