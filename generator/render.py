"""The Jinja environment, and rendering a ``PageSpec`` to bytes.

Templates come from the site's own ``templates/`` first and the default theme second, so a
site overrides the theme file by file. Autoescape is on for every template.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import __version__
from generator.dates import OPEN, PartialDate, Precision
from generator.errors import TemplateError
from generator.model import ENTITY_TYPE_TITLES, Event, SiteConfig
from generator.pages import Lazy, PageSpec
from generator.urls import absolute_url, base_path, relative_url


def default_theme_dir() -> Path:
    """The default theme: shipped in the package as ``generator/theme``, or ``templates/`` in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "theme", package.parent / "templates"):
        if (candidate / "base.html").is_file():
            return candidate
    raise TemplateError(f"the default theme is missing from {package} (reinstall briefing)")


def make_environment(site_templates: Path) -> jinja2.Environment:
    """Site templates override the theme; undefined names fail loudly; output is escaped."""
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(str(site_templates)), jinja2.FileSystemLoader(str(default_theme_dir()))]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["tojson_script"] = json_for_script
    env.filters["date_note"] = date_note
    env.tests["vague"] = is_vague
    env.globals["entity_type_titles"] = ENTITY_TYPE_TITLES
    env.globals["generator_version"] = __version__
    return env


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


@dataclass
class Renderer:
    """Renders ``PageSpec``s of one site to bytes."""

    config: SiteConfig
    env: jinja2.Environment

    def render(self, spec: PageSpec) -> bytes:
        """The page's bytes; links are relative to its URL (root-absolute for the 404 page)."""
        if spec.template == "timeline.json":
            return timeline_json(self.config, spec.context["sections"]).encode("utf-8")
        if spec.absolute_links:
            root = base_path(self.config.base_url)

            def link(target) -> str:
                return root + _target_url(target)
        else:

            def link(target) -> str:
                return relative_url(spec.url, _target_url(target))

        try:
            parts = self.env.get_template(spec.template).generate(
                site=self.config,
                page_url=spec.url,
                url=link,
                abs_url=lambda target: absolute_url(self.config.base_url, _target_url(target)),
                **{k: v.compute() if isinstance(v, Lazy) else v for k, v in spec.context.items()},
            )
            return _encode(parts)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(f"{error.filename or error.name}:{error.lineno}: {error.message}") from None
        except jinja2.TemplateError as error:
            raise TemplateError(f"template {spec.template} (page {spec.url or 'home'}): {error}") from None


def _encode(parts: Iterator[str], batch: int = 8192) -> bytes:
    """A template's output as UTF-8, joined a batch at a time: a large page (the timeline) never
    sits in memory as a million small strings and one wide string besides its bytes."""
    data = bytearray()
    while chunk := list(islice(parts, batch)):
        data += "".join(chunk).encode("utf-8")
    return bytes(data)


def _target_url(target) -> str:
    return target if isinstance(target, str) else target.url


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
