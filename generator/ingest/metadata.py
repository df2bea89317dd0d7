"""Publication dates as metadata writes them: ISO, RFC 2822, or '14 March 2024'."""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

from generator.ingest.temporal import find_dates

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s]|$)")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FILLER = re.compile(
    r"(?i)\b(?:published|updated|posted|first|last|modified|date|on|at|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|gmt|utc|bst|cet|est|am|pm)\b"
    r"|\d{1,2}[:.]\d{2}|[^\w\s]"
)
MAX_LEFTOVER_WORDS = 1


def parse_published(text: str, whole: bool = False) -> date | None:
    """The day ``text`` gives, or None; ``whole`` requires the text to be only a date line."""
    text = text.strip()
    iso = _ISO.match(text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for mention in find_dates(text, None):
        if not _DAY.match(mention.date):
            continue
        if whole:
            rest = text[: mention.start] + text[mention.end :]
            if len(_FILLER.sub(" ", rest).split()) > MAX_LEFTOVER_WORDS:
                return None
        return date.fromisoformat(mention.date)
    return None
