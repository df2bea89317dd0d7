"""Which pages a site has, what each shows, and what each depends on.

A ``PageSpec`` is a page before rendering: its URL, template, the context the template gets, and
a ``key`` naming everything the page shows beyond the template and the config. Two builds that
give a page the same key give it the same bytes, so the builder re-renders only pages whose key
changed. Templates get only their context (never the whole index), which keeps the keys honest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from markupsafe import Markup

from generator.index import SiteIndex, Tag, event_rows
from generator.model import ENTITY_TYPE_TITLES, Brief, Entity
from generator.pages.jsonld import entity_thing, news_article
from generator.pages.svg import co_mention_svg

PAGE_KINDS = ("home", "brief", "timeline", "entity", "tag", "feed", "other")
FEED_ENTRIES = 50


@dataclass(frozen=True)
class Lazy:
    """A context value computed only if the page is rendered (its inputs are in the key)."""

    compute: Callable[[], object]


@dataclass(frozen=True)
class PageSpec:
    """One page to render: ``template`` is a Jinja template, or 'timeline.json' for the data file."""

    kind: str
    url: str
    template: str
    context: dict = field(compare=False, hash=False)
    key: tuple = ()
    absolute_links: bool = False  # 404.html is served at any depth


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
        "jsonld": Lazy(lambda: news_article(index.site.config, brief, entities)),
    }
    key = (
        brief.fingerprint,
        brief.updated,
        tuple(e.key for e in entities),
        tuple(b.card_key for b in related),
    )
    return PageSpec("brief", brief.url, "brief.html", context, (*key, tuple((t.name, t.url) for t in tags)))


def timeline_key(sections: list[tuple]) -> tuple:
    return tuple((s.id, s.title, tuple(row.key for row in rows)) for s, rows in sections)


def timeline_page(index: SiteIndex) -> PageSpec:
    """The timeline page with its filters."""
    sections = index.timeline_rows
    rows = [row for _, section_rows in sections for row in section_rows]
    tag_slugs = {slug for row in rows for slug in row.tag_slugs}
    filters = {
        "types": [t for t in ENTITY_TYPE_TITLES if any(t in row.entity_types for row in rows)],
        "tags": [(tag.slug, tag.name) for tag in index.tags.values() if tag.slug in tag_slugs],
        "years": sorted({y for row in rows for y in row.years}),
    }
    page_key = (timeline_key(sections), filters["tags"])  # types and years follow from the rows
    context = {"sections": sections, "filters": filters}
    return PageSpec("timeline", "timeline/", "timeline.html", context, page_key)


def timeline_data(index: SiteIndex) -> PageSpec:
    """The timeline's events as TimelineJS data."""
    sections = index.timeline_rows
    return PageSpec(
        "timeline", "timeline.json", "timeline.json", {"sections": sections}, timeline_key(sections)
    )


def entity_index_page(index: SiteIndex) -> PageSpec:
    groups = [
        (kind, title, [(e, len(index.mentions.get(e.id, ()))) for e in entities])
        for kind, title, entities in index.entities_by_type
    ]
    key = tuple((kind, tuple((e.key, n) for e, n in rows)) for kind, _, rows in groups)
    return PageSpec("entity", "entities/", "entities.html", {"groups": groups}, key)


def entity_page(index: SiteIndex, entity: Entity) -> PageSpec:
    mentions = index.mentions.get(entity.id, [])
    events = event_rows(index, index.events_by_entity.get(entity.id, []))
    co_mentions = index.co_mentions.get(entity.id, [])[:10]
    context = {
        "entity": entity,
        "mentions": mentions,
        "events": events,
        "co_mentions": co_mentions,
        "co_mention_graph": Lazy(
            lambda: Markup(co_mention_svg(entity, co_mentions, "co-mention-graph-title"))
        ),
        "seen": index.seen_range(entity.id),
        "jsonld": Lazy(lambda: entity_thing(index.site.config, entity)),
    }
    key = (
        entity.key,
        tuple((m.brief.card_key, m.snippet) for m in mentions),
        tuple(row.key for row in events),
        tuple((other.key, n) for other, n in co_mentions),
    )
    return PageSpec("entity", entity.url, "entity.html", context, key)


def feed_page(url: str, title: str, alternate: str, briefs: tuple[Brief, ...] | list[Brief]) -> PageSpec:
    """An Atom feed of the newest briefs: the site's, an entity's or a tag's."""
    entries = tuple(briefs[:FEED_ENTRIES])
    updated = max((b.shown_updated or b.date for b in entries), default=date(1970, 1, 1))
    context = {"title": title, "alternate": alternate, "briefs": entries, "updated": updated}
    key = (title, alternate, updated, tuple((b.card_key, b.tags, b.updated) for b in entries))
    return PageSpec("feed", url, "feed.xml", context, key)


def entity_feed(index: SiteIndex, entity: Entity) -> PageSpec:
    briefs = [m.brief for m in index.mentions.get(entity.id, [])]
    title = f"{entity.name} · {index.site.config.title}"
    return feed_page(entity.url + "feed.xml", title, entity.url, briefs)


def tag_feed(index: SiteIndex, tag: Tag) -> PageSpec:
    return feed_page(tag.url + "feed.xml", f"{tag.name} · {index.site.config.title}", tag.url, tag.briefs)


def tag_index_page(index: SiteIndex) -> PageSpec:
    tags = list(index.tags.values())
    key = tuple((t.name, t.slug, len(t.briefs)) for t in tags)
    return PageSpec("tag", "tags/", "tags.html", {"tags": tags}, key)


def tag_page(tag: Tag) -> PageSpec:
    has_events = any(b.events for b in tag.briefs)
    key = (tag.name, tuple(b.card_key for b in tag.briefs), has_events)
    return PageSpec("tag", tag.url, "tag.html", {"tag": tag, "has_events": has_events}, key)


def sitemap(index: SiteIndex) -> PageSpec:
    briefs = index.site.briefs
    urls = ["", "timeline/", "entities/", "tags/"]
    urls += [b.url for b in briefs] + [e.url for e in index.site.entities.values()]
    urls += [t.url for t in index.tags.values()]
    lastmod = {b.url: max(b.date, b.updated or b.date) for b in briefs}
    sitemap_key = tuple((u, lastmod.get(u)) for u in urls)
    return PageSpec("other", "sitemap.xml", "sitemap.xml", {"pages": urls, "lastmod": lastmod}, sitemap_key)


def page_makers(index: SiteIndex) -> list[Callable[[], PageSpec]]:
    """Every page of the site, in a stable order, as a function that makes its spec: cheap to
    list, and each spec can be made in whichever worker renders the page."""
    entities = index.site.entities.values()
    tags = index.tags.values()
    return [
        partial(home_page, index),
        *(partial(brief_page, index, brief) for brief in index.site.briefs),
        partial(timeline_page, index),
        partial(timeline_data, index),
        partial(entity_index_page, index),
        *(partial(entity_page, index, entity) for entity in entities),
        partial(tag_index_page, index),
        *(partial(tag_page, tag) for tag in tags),
        partial(feed_page, "feed.xml", index.site.config.title, "", index.site.briefs),
        *(partial(entity_feed, index, entity) for entity in entities),
        *(partial(tag_feed, index, tag) for tag in tags),
        partial(PageSpec, "other", "search/", "search.html", {}),
        partial(sitemap, index),
        partial(PageSpec, "other", "robots.txt", "robots.txt", {}),
        partial(PageSpec, "other", "404.html", "404.html", {}, absolute_links=True),
    ]


def all_pages(index: SiteIndex) -> Iterator[PageSpec]:
    """Every page of the site, in a stable order."""
    return (make() for make in page_makers(index))
