"""What every reader produces: an article's text and what is known about where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Article:
    """The article's headline, its body paragraphs and its metadata (empty when unknown)."""

    source: str  # the file it was read from, for messages and the draft's note
    title: str
    paragraphs: tuple[str, ...]
    published: date | None = None
    publisher: str = ""
    url: str = ""
