"""Which pages a site has, what each shows, and what each depends on.

A ``PageSpec`` is a page before rendering: its URL, template, the context the template gets, and
a ``key`` naming everything the page shows beyond the template and the config. Two builds that
give a page the same key give it the same bytes, so the builder re-renders only pages whose key
changed. Templates get only their context (never the whole index), which keeps the keys honest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from generator.index import SiteIndex
from generator.model import Brief, Entity, Event

PAGE_KINDS = ("home", "brief", "timeline", "entity", "tag", "other")


@dataclass(frozen=True)
class PageSpec:
    """One page to render: ``template`` is a Jinja template, or 'timeline.json' for the data file."""

    kind: str
    url: str
    template: str
    context: dict = field(compare=False, hash=False)
    key: tuple = ()
    absolute_links: bool = False  # 404.html is served at any depth


@dataclass(frozen=True)
class EventRow:
    """An event with what a listing shows beside it: its brief and its entities."""

    event: Event
    brief: Brief
    entities: tuple[Entity, ...]

    @property
    def key(self) -> tuple:
        e = self.event
        return (
            e.anchor,
            e.date.text,
            e.title,
            e.phrase,
            self.brief.card_key,
            tuple(map(repr, self.entities)),
        )


def event_rows(index: SiteIndex, events) -> list[EventRow]:
    entities = index.site.entities
    return [
        EventRow(e, index.briefs_by_slug[e.brief_slug], tuple(entities[i] for i in e.entities))
        for e in events
    ]


def home_page(index: SiteIndex) -> PageSpec:
    briefs = index.site.briefs[: index.site.config.home_briefs]
    counts = (len(index.site.briefs), len(index.site.entities), len(index.tags))
    context = {"briefs": briefs, "total": counts[0], "entity_count": counts[1], "tag_count": counts[2]}
    return PageSpec("home", "", "home.html", context, (tuple(b.card_key for b in briefs), counts))


def brief_page(index: SiteIndex, brief: Brief) -> PageSpec:
    entities = tuple(index.site.entities[i] for i in brief.entities)
    related = tuple(index.related_briefs(brief))
    tags = tuple(index.tags[t] for t in dict.fromkeys(index.tag_slugs(brief)))
    context = {
        "brief": brief,
        "entities": entities,
        "related": related,
        "tags": tags,
        "events": event_rows(index, brief.events),
        "reading_minutes": max(1, round(brief.word_count / 220)),
    }
    key = (brief.fingerprint, tuple(map(repr, entities)), tuple(b.card_key for b in related))
    return PageSpec("brief", brief.url, "brief.html", context, (*key, tuple(t.url for t in tags)))


def timeline_pages(index: SiteIndex) -> Iterator[PageSpec]:
    sections = [(section, event_rows(index, section.events)) for section in index.timeline]
    key = tuple((s.id, s.title, tuple(row.key for row in rows)) for s, rows in sections)
    yield PageSpec("timeline", "timeline/", "timeline.html", {"sections": sections}, key)
    yield PageSpec("timeline", "timeline.json", "timeline.json", {"sections": sections}, key)


def entity_pages(index: SiteIndex) -> Iterator[PageSpec]:
    groups = [
        (kind, title, [(e, len(index.mentions.get(e.id, ()))) for e in entities])
        for kind, title, entities in index.entities_by_type
    ]
    key = tuple((kind, tuple((repr(e), n) for e, n in rows)) for kind, _, rows in groups)
    yield PageSpec("entity", "entities/", "entities.html", {"groups": groups}, key)
    for entity in index.site.entities.values():
        yield entity_page(index, entity)


def entity_page(index: SiteIndex, entity: Entity) -> PageSpec:
    mentions = index.mentions.get(entity.id, [])
    events = event_rows(index, index.events_by_entity.get(entity.id, []))
    co_mentions = index.co_mentions.get(entity.id, [])[:10]
    context = {
        "entity": entity,
        "mentions": mentions,
        "events": events,
        "co_mentions": co_mentions,
        "seen": index.seen_range(entity.id),
    }
    key = (
        repr(entity),
        tuple((m.brief.card_key, m.snippet) for m in mentions),
        tuple(row.key for row in events),
        tuple((repr(other), n) for other, n in co_mentions),
    )
    return PageSpec("entity", entity.url, "entity.html", context, key)


def tag_pages(index: SiteIndex) -> Iterator[PageSpec]:
    tags = list(index.tags.values())
    key = tuple((t.name, t.slug, len(t.briefs)) for t in tags)
    yield PageSpec("tag", "tags/", "tags.html", {"tags": tags}, key)
    for tag in tags:
        yield PageSpec(
            "tag", tag.url, "tag.html", {"tag": tag}, (tag.name, tuple(b.card_key for b in tag.briefs))
        )


def other_pages(index: SiteIndex) -> Iterator[PageSpec]:
    """Feed, sitemap, robots.txt and the 404 page."""
    briefs = index.site.briefs
    feed = briefs[:50]
    updated = briefs[0].date if briefs else date(1970, 1, 1)
    feed_key = (updated, tuple((b.card_key, b.tags) for b in feed))
    yield PageSpec("other", "feed.xml", "feed.xml", {"briefs": feed, "updated": updated}, feed_key)
    urls = ["", "timeline/", "entities/", "tags/"]
    urls += [b.url for b in briefs] + [e.url for e in index.site.entities.values()]
    urls += [t.url for t in index.tags.values()]
    lastmod = {b.url: b.date for b in briefs}
    sitemap_key = tuple((u, lastmod.get(u)) for u in urls)
    yield PageSpec("other", "sitemap.xml", "sitemap.xml", {"pages": urls, "lastmod": lastmod}, sitemap_key)
    yield PageSpec("other", "robots.txt", "robots.txt", {})
    yield PageSpec("other", "404.html", "404.html", {}, absolute_links=True)


def all_pages(index: SiteIndex) -> Iterator[PageSpec]:
    """Every page of the site, in a stable order."""
    yield home_page(index)
    for brief in index.site.briefs:
        yield brief_page(index, brief)
    yield from timeline_pages(index)
    yield from entity_pages(index)
    yield from tag_pages(index)
    yield from other_pages(index)
