"""``timeline.json``: the timeline's events in TimelineJS's format, rendered in Python.

TimelineJS puts its text fields into the page as HTML, so every text from content is
HTML-escaped here: a title such as ``<img onerror=…>`` shows as text there too.
"""

from __future__ import annotations

import json
from functools import partial
from html import escape

from generator.model import SiteConfig
from generator.model.dates import Precision
from generator.pages.views import TimelinePart

_dumps = partial(json.dumps, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def timeline_json(config: SiteConfig, parts: tuple[TimelinePart, ...], made: dict | None = None) -> str:
    """The timeline in TimelineJS's JSON format; events with no known date are left out.

    ``made``: each section's events as JSON by what the section shows, from the last time; an
    edit changes one or two sections, so the others are not made again. It is left holding this
    timeline's sections only."""
    made = {} if made is None else made
    now = {}
    for part in parts:
        key = (part.group, part.shown)
        now[key] = made[key] if key in made else ",".join(map(_dumps, _events(part)))
    made.clear()
    made.update(now)
    events = ",".join(fragment for fragment in now.values() if fragment)
    title = {"text": {"headline": escape(f"{config.title}: timeline"), "text": escape(config.description)}}
    return f'{{"events":[{events}],"title":{_dumps(title)}}}\n'


def _events(part: TimelinePart):
    group = escape(part.group)
    for (anchor, _, title, brief_title), when in zip(part.shown, part.dates, strict=True):
        if not when.is_known:
            continue
        item = {
            "unique_id": anchor,
            "start_date": _timelinejs_date(when.start or when.end),
            "display_date": escape(when.label()),
            "text": {"headline": escape(title), "text": f"From the brief “{escape(brief_title)}”."},
            "group": group,
        }
        if when.end and when.start and when.end != when.start:
            item["end_date"] = _timelinejs_date(when.end, upper=True)
        yield item


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
    return _dumps(pages) + "\n"
