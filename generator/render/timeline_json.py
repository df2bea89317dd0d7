"""``timeline.json``: the timeline's events in TimelineJS's format, rendered in Python."""

from __future__ import annotations

import json

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
                "display_date": event.date.label(),
                "text": {"headline": event.title, "text": f"From the brief “{row.brief.title}”."},
                "group": section.title,
            }
            if event.date.end and event.date.start and event.date.end != event.date.start:
                item["end_date"] = _timelinejs_date(event.date.end, upper=True)
            events.append(item)
    document = {
        "title": {"text": {"headline": f"{config.title}: timeline", "text": config.description}},
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


def timeline_lookup_json(timeline) -> str:
    """{brief slug: [the page of its event 1, of event 2, …]}: what the timeline's front page
    needs to send an old permalink (timeline/#event-slug-2) to the page listing that event."""
    pages: dict[str, list[str]] = {}
    for section in timeline:
        for event in section.events:
            slots = pages.setdefault(event.brief_slug, [])
            slots.extend([""] * (event.index + 1 - len(slots)))
            slots[event.index] = section.name
    return json.dumps(pages, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
