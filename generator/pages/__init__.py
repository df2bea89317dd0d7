"""Which pages a site has, what each shows, and what each depends on.

A ``PageSpec`` is a page before rendering: its URL, template, the context the template gets, and
a ``key`` naming everything the page shows beyond the template and the config. Two builds that
give a page the same key give it the same bytes, so the builder re-renders only pages whose key
changed. Templates get only their context, and listing pages get key-sized views (``BriefCard``, the tag
views in ``views.py``) rather than whole model objects, so what a template can read is what
its key covers (``tests/test_page_keys.py`` checks every page kind).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from markupsafe import Markup

from generator.index import CO_MENTIONS, SiteIndex, Tag, event_rows
from generator.model import ENTITY_TYPE_TITLES, Brief, BriefCard, Entity, urls
from generator.pages.jsonld import entity_thing, news_article
from generator.pages.svg import co_mention_svg
from generator.pages.views import TagLink, TagListing, TagSummary

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
    briefs = tuple(b.card for b in index.site.briefs[: index.site.config.home_briefs])
    counts = (len(index.site.briefs), len(index.site.entities), len(index.tags))
    context = {"briefs": briefs, "total": counts[0], "entity_count": counts[1], "tag_count": counts[2]}
    return PageSpec("home", urls.HOME, "home.html", context, (briefs, counts))


def brief_page(index: SiteIndex, brief: Brief) -> PageSpec:
    entities = tuple(index.site.entities[i] for i in brief.entities)
    related = tuple(b.card for b in index.related_briefs(brief))
    tags = tuple(TagLink(index.tags[t].name, t) for t in dict.fromkeys(index.tag_slugs(brief)))
    context = {
        "brief": brief,
        "entities": entities,
        "related": related,
        "tags": tags,
        "events": event_rows(index, brief.events),
        "reading_minutes": max(1, round(brief.word_count / 220)),
        "jsonld": Lazy(lambda: news_article(index.site.config, brief, entities)),
    }
    key = (brief.fingerprint, brief.updated, tuple(e.key for e in entities), related, tags)
    return PageSpec("brief", brief.url, "brief.html", context, key)


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
    return PageSpec("timeline", urls.TIMELINE, "timeline.html", context, page_key)


def timeline_data(index: SiteIndex) -> PageSpec:
    """The timeline's events as TimelineJS data."""
    sections = index.timeline_rows
    return PageSpec(
        "timeline", urls.TIMELINE_DATA, "timeline.json", {"sections": sections}, timeline_key(sections)
    )


def entity_index_page(index: SiteIndex) -> PageSpec:
    groups = [
        (kind, title, [(e, len(index.mentions.get(e.id, ()))) for e in entities])
        for kind, title, entities in index.entities_by_type
    ]
    key = tuple((kind, tuple((e.key, n) for e, n in rows)) for kind, _, rows in groups)
    return PageSpec("entity", urls.ENTITIES, "entities.html", {"groups": groups}, key)


def entity_page(index: SiteIndex, entity: Entity) -> PageSpec:
    mentions = index.mentions.get(entity.id, [])
    events = event_rows(index, index.events_by_entity.get(entity.id, []))
    co_mentions = index.co_mentions.get(entity.id, [])[:CO_MENTIONS]
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
        tuple((m.brief, m.snippet) for m in mentions),
        tuple(row.key for row in events),
        tuple((other.key, n) for other, n in co_mentions),
    )
    return PageSpec("entity", entity.url, "entity.html", context, key)


def feed_page(url: str, title: str, alternate: str, briefs: list[BriefCard]) -> PageSpec:
    """An Atom feed of the newest briefs: the site's, an entity's or a tag's."""
    entries = tuple(briefs[:FEED_ENTRIES])
    updated = max((b.shown_updated or b.date for b in entries), default=date(1970, 1, 1))
    context = {"title": title, "alternate": alternate, "briefs": entries, "updated": updated}
    key = (title, alternate, updated, entries)
    return PageSpec("feed", url, "feed.xml", context, key)


def entity_feed(index: SiteIndex, entity: Entity) -> PageSpec:
    briefs = [m.brief for m in index.mentions.get(entity.id, [])]
    title = f"{entity.name} · {index.site.config.title}"
    return feed_page(urls.feed_of(entity.url), title, entity.url, briefs)


def tag_feed(index: SiteIndex, tag: Tag) -> PageSpec:
    cards = [b.card for b in tag.briefs]
    return feed_page(urls.feed_of(tag.url), f"{tag.name} · {index.site.config.title}", tag.url, cards)


def tag_index_page(index: SiteIndex) -> PageSpec:
    tags = tuple(TagSummary(t.name, t.slug, len(t.briefs)) for t in index.tags.values())
    return PageSpec("tag", urls.TAGS, "tags.html", {"tags": tags}, tags)


def tag_page(tag: Tag) -> PageSpec:
    has_events = any(b.events for b in tag.briefs)
    listing = TagListing(tag.name, tag.slug, tuple(b.card for b in tag.briefs))
    return PageSpec(
        "tag", tag.url, "tag.html", {"tag": listing, "has_events": has_events}, (listing, has_events)
    )


def sitemap(entries: list[PageEntry], index: SiteIndex) -> PageSpec:
    """Every page a reader may land on, as the page list says, with the briefs' last dates."""
    listed = [entry.url for entry in entries if entry.in_sitemap]
    lastmod = {b.url: max(b.date, b.updated or b.date) for b in index.site.briefs}
    key = tuple((u, lastmod.get(u)) for u in listed)
    return PageSpec("other", urls.SITEMAP, "sitemap.xml", {"pages": listed, "lastmod": lastmod}, key)


@dataclass(frozen=True)
class PageEntry:
    """A page in the site's list: its URL now, its spec when ``make`` is called (in whichever
    worker renders it); ``in_sitemap`` for the pages a reader may land on."""

    url: str
    make: Callable[[], PageSpec]
    in_sitemap: bool = False


def page_makers(index: SiteIndex) -> list[PageEntry]:
    """Every page of the site, in a stable order: cheap to list, each spec made when needed."""
    config = index.site.config
    entities = index.site.entities.values()
    tags = index.tags.values()
    site_cards = [b.card for b in index.site.briefs]
    entries = [
        PageEntry(urls.HOME, partial(home_page, index), True),
        *(PageEntry(b.url, partial(brief_page, index, b), True) for b in index.site.briefs),
        PageEntry(urls.TIMELINE, partial(timeline_page, index), True),
        PageEntry(urls.TIMELINE_DATA, partial(timeline_data, index)),
        PageEntry(urls.ENTITIES, partial(entity_index_page, index), True),
        *(PageEntry(e.url, partial(entity_page, index, e), True) for e in entities),
        PageEntry(urls.TAGS, partial(tag_index_page, index), True),
        *(PageEntry(t.url, partial(tag_page, t), True) for t in tags),
        PageEntry(urls.FEED, partial(feed_page, urls.FEED, config.title, urls.HOME, site_cards)),
        *(PageEntry(urls.feed_of(e.url), partial(entity_feed, index, e)) for e in entities),
        *(PageEntry(urls.feed_of(t.url), partial(tag_feed, index, t)) for t in tags),
        PageEntry(urls.SEARCH, partial(PageSpec, "other", urls.SEARCH, "search.html", {})),
        PageEntry(urls.ROBOTS, partial(PageSpec, "other", urls.ROBOTS, "robots.txt", {})),
        PageEntry(
            urls.NOT_FOUND,
            partial(PageSpec, "other", urls.NOT_FOUND, "404.html", {}, absolute_links=True),
        ),
    ]
    return [*entries, PageEntry(urls.SITEMAP, partial(sitemap, list(entries), index))]
