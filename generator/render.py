"""The Jinja environment and one function per page kind; each returns {output path: bytes}.

Templates come from the site's own ``templates/`` first and the default theme second, so a
site overrides the theme file by file. Autoescape is on for every template.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import __version__
from generator.dates import Precision
from generator.errors import TemplateError
from generator.index import SiteIndex, tag_slug
from generator.model import ENTITY_TYPE_TITLES, Brief, Entity
from generator.urls import absolute_url, base_path, output_path, relative_url


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
    env.globals["entity_type_titles"] = ENTITY_TYPE_TITLES
    env.globals["generator_version"] = __version__
    env.globals["tag_slug"] = tag_slug
    return env


def long_date(value: date) -> str:
    """'5 March 2025' (no locale dependency, so builds are deterministic)."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def json_for_script(value: object) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@dataclass
class Renderer:
    """Renders pages of one site; holds the environment and the shared template context."""

    index: SiteIndex
    env: jinja2.Environment

    @property
    def config(self):
        return self.index.site.config

    def page(self, template: str, url: str, absolute_links: bool = False, **context) -> tuple[str, bytes]:
        """Render ``template`` as the page at ``url``; links are relative to it."""
        if absolute_links:  # a 404 page is served at any depth, so its links start at the base path
            root = base_path(self.config.base_url)

            def link(target) -> str:
                return root + _target_url(target)
        else:

            def link(target) -> str:
                return relative_url(url, _target_url(target))

        try:
            text = self.env.get_template(template).render(
                site=self.config,
                index=self.index,
                page_url=url,
                url=link,
                abs_url=lambda target: absolute_url(self.config.base_url, _target_url(target)),
                **context,
            )
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(f"{error.filename or error.name}:{error.lineno}: {error.message}") from None
        except jinja2.TemplateError as error:
            raise TemplateError(f"template {template} (rendering {url or 'home'}): {error}") from None
        return output_path(url), text.encode("utf-8")


def _target_url(target) -> str:
    return target if isinstance(target, str) else target.url


# One function per page kind. Each yields (output path, bytes).
PageFunction = Callable[[Renderer], Iterator[tuple[str, bytes]]]


def render_home(r: Renderer) -> Iterator[tuple[str, bytes]]:
    briefs = r.index.site.briefs
    yield r.page("home.html", "", briefs=briefs[: r.config.home_briefs], total=len(briefs))


def render_brief(r: Renderer, brief: Brief) -> tuple[str, bytes]:
    entities = [r.index.site.entities[i] for i in brief.entities]
    return r.page(
        "brief.html",
        brief.url,
        brief=brief,
        entities=entities,
        related=r.index.related_briefs(brief),
        reading_minutes=max(1, round(brief.word_count / 220)),
    )


def render_briefs(r: Renderer) -> Iterator[tuple[str, bytes]]:
    for brief in r.index.site.briefs:
        yield render_brief(r, brief)


def render_timeline(r: Renderer) -> Iterator[tuple[str, bytes]]:
    yield r.page("timeline.html", "timeline/", sections=r.index.timeline)
    yield "timeline.json", timeline_json(r.index).encode("utf-8")


def render_entity(r: Renderer, entity: Entity) -> tuple[str, bytes]:
    return r.page(
        "entity.html",
        entity.url,
        entity=entity,
        mentions=r.index.mentions.get(entity.id, []),
        events=r.index.events_by_entity.get(entity.id, []),
        co_mentions=r.index.co_mentions.get(entity.id, [])[:10],
        seen=r.index.seen_range(entity.id),
    )


def render_entities(r: Renderer) -> Iterator[tuple[str, bytes]]:
    yield r.page("entities.html", "entities/", groups=r.index.entities_by_type)
    for entity in r.index.site.entities.values():
        yield render_entity(r, entity)


def render_tags(r: Renderer) -> Iterator[tuple[str, bytes]]:
    yield r.page("tags.html", "tags/", tags=list(r.index.tags.values()))
    for tag in r.index.tags.values():
        yield r.page("tag.html", tag.url, tag=tag)


def render_extras(r: Renderer) -> Iterator[tuple[str, bytes]]:
    """Feed, sitemap, robots.txt and the 404 page."""
    briefs = r.index.site.briefs
    updated = briefs[0].date if briefs else date(1970, 1, 1)
    yield r.page("feed.xml", "feed.xml", briefs=briefs[:50], updated=updated)
    pages = ["", "timeline/", "entities/", "tags/"]
    pages += [b.url for b in briefs] + [e.url for e in r.index.site.entities.values()]
    pages += [t.url for t in r.index.tags.values()]
    yield r.page("sitemap.xml", "sitemap.xml", pages=pages, lastmod={b.url: b.date for b in briefs})
    yield r.page("robots.txt", "robots.txt")
    yield r.page("404.html", "404.html", absolute_links=True)


PAGE_KINDS: dict[str, PageFunction] = {
    "home": render_home,
    "brief": render_briefs,
    "timeline": render_timeline,
    "entity": render_entities,
    "tag": render_tags,
    "other": render_extras,
}


def timeline_json(index: SiteIndex) -> str:
    """The timeline in TimelineJS's JSON format; events with no known date are left out."""
    config = index.site.config
    events = []
    for section in index.timeline:
        for event in section.events:
            if not event.date.is_known:
                continue
            item = {
                "unique_id": event.anchor,
                "start_date": _timelinejs_date(event.date.start or event.date.end),
                "display_date": event.date.label(),
                "text": {
                    "headline": event.title,
                    "text": f"From the brief “{index.briefs_by_slug[event.brief_slug].title}”.",
                },
                "group": section.title,
            }
            if event.date.end and event.date.start and event.date.end != event.date.start:
                item["end_date"] = _timelinejs_date(event.date.end, upper=True)
            events.append(item)
    document = {
        "title": {"text": {"headline": f"{config.title}: timeline", "text": config.description}},
        "events": events,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _timelinejs_date(point, upper: bool = False) -> dict:
    day = point.upper if upper else point.lower
    parts = {"year": day.year}
    if point.precision >= Precision.MONTH:
        parts["month"] = day.month
    if point.precision >= Precision.DAY:
        parts["day"] = day.day
    return parts
