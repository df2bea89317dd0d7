"""The Jinja filters and tests the theme uses: dates in words, JSON inside <script>."""

from __future__ import annotations

import json
from datetime import date

from markupsafe import Markup

from generator.model import Event
from generator.model.dates import OPEN, PartialDate


def long_date(value: date) -> str:
    """'5 March 2025' (no locale dependency, so builds are deterministic)."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def is_vague(value: PartialDate) -> bool:
    """Approximate, uncertain, open-ended or unknown: what the timeline marks."""
    return value.approximate or value.uncertain or value.is_open or not value.is_known


def date_note(event: Event) -> str:
    """What a reader should know about an event's date, in words, with the source's wording."""
    d = event.date
    words = [w for w, on in (("approximate", d.approximate), ("uncertain", d.uncertain)) if on]
    if not d.is_known:
        note = "No known date"
    else:
        note = " and ".join(words).capitalize() + " date" if words else "Date"
        if d.is_interval and d.start is None:
            note += " with no known start"
        elif d.is_interval and d.end is None:
            note += " with no end given" if d.end_marker == OPEN else " with an unknown end"
    note = "" if note == "Date" else f"{note}."
    if event.phrase:
        note = f"{note} The source says “{event.phrase}”.".strip()
    return note


def json_for_script(value: object) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
