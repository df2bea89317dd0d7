"""``timeline.json``: the timeline's events in TimelineJS's format, rendered in Python.

TimelineJS puts its text fields into the page as HTML, so every text from content is
HTML-escaped here: a title such as ``<img onerror=…>`` shows as text there too.
"""

from __future__ import annotations

import json
from html import escape

from generator.model import SiteConfig
from generator.model.dates import Precision


def timeline_json(config: SiteConfig, sections) -> str:
    """The timeline in TimelineJS's JSON format; events with no known date are left out."""
    events = []
    for section, rows in sections:
        for row in rows:
            event = row.event
            if not event.date.is_known:
                continue
            item = {
                "unique_id": event.anchor,
                "start_date": _timelinejs_date(event.date.start or event.date.end),
                "display_date": escape(event.date.label()),
                "text": {
                    "headline": escape(event.title),
                    "text": f"From the brief “{escape(row.brief.title)}”.",
                },
                "group": escape(section.title),
            }
            if event.date.end and event.date.start and event.date.end != event.date.start:
                item["end_date"] = _timelinejs_date(event.date.end, upper=True)
            events.append(item)
    document = {
        "title": {
            "text": {"headline": escape(f"{config.title}: timeline"), "text": escape(config.description)}
        },
        "events": events,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _timelinejs_date(point, upper: bool = False) -> dict:
    day = point.upper if upper else point.lower
    parts = {"year": day.year}
    if point.precision >= Precision.MONTH:
        parts["month"] = day.month
    if point.precision >= Precision.DAY:
        parts["day"] = day.day
    return parts


def timeline_lookup_json(pages: dict[str, tuple[str, ...]]) -> str:
    """The lookup ``pages.timeline_lookup`` made, as JSON."""
    return json.dumps(pages, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
