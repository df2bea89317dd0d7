"""Which pages a site has, what each shows, and what each depends on.

A ``PageSpec`` is a page before rendering: its URL, template, the context the template gets, and
a ``key`` naming everything the page shows beyond the template and the config. Two builds that
give a page the same key give it the same bytes, so the builder re-renders only pages whose key
changed. Templates get only their context (never the whole index), which keeps the keys honest.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from markupsafe import Markup

from generator.index import SiteIndex, Tag, event_rows
from generator.model import ENTITY_TYPE_TITLES, Brief, Entity
from generator.model.urls import (
    ENTITIES,
    TAGS,
    TIMELINE,
    TIMELINE_LOOKUP,
    UNDATED_SECTION,
    archive_url,
    entity_type_url,
    paginated,
    timeline_section_url,
)
from generator.pages.jsonld import entity_thing, news_article
from generator.pages.svg import co_mention_svg

PAGE_KINDS = ("home", "archive", "brief", "timeline", "entity", "tag", "feed", "other")
FEED_ENTRIES = 50


@dataclass(frozen=True)
class Lazy:
    """A context value computed only if the page is rendered (its inputs are in the key)."""

    compute: Callable[[], object]


@dataclass(frozen=True)
class PageSpec:
    """One page to render: ``template`` is a Jinja template, or 'timeline.json' or
    'timeline-lookup.json' for the data files rendered in Python."""

    kind: str
    url: str
    template: str
    context: dict = field(compare=False, hash=False)
    key: tuple = ()
    absolute_links: bool = False  # 404.html is served at any depth


@dataclass(frozen=True)
class Pager:
    """Where one page of a paginated listing sits: its number, the page count, and the links."""

    first_page: str  # the listing's first page: 'briefs/', 'tags/budget/'
    number: int  # 1-based
    count: int  # pages in the listing
    total: int  # items in the listing

    def url(self, number: int) -> str:
        return paginated(self.first_page, number)

    @property
    def prev(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers a pager shows, None for a gap: 1 … 4 5 6 … 20 (bounded at any size)."""
        shown = sorted(
            {1, self.count, *range(self.number - 2, self.number + 3)} & set(range(1, self.count + 1))
        )
        numbers: list[int | None] = []
        for n in shown:
            if numbers and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers

    @property
    def key(self) -> tuple:
        return (self.first_page, self.number, self.count, self.total)


def page_slices(items, size: int) -> list[tuple[int, int]]:
    """(start, stop) of each page of ``items``; an empty listing still has its first page."""
    return [(start, start + size) for start in range(0, max(len(items), 1), size)]


def by_month(briefs) -> list[tuple[date, list[Brief]]]:
    """Briefs (newest first) grouped under the first day of their month."""
    groups: list[tuple[date, list[Brief]]] = []
    for brief in briefs:
        month = brief.date.replace(day=1)
        if not groups or groups[-1][0] != month:
            groups.append((month, []))
        groups[-1][1].append(brief)
    return groups


def archive_years(briefs, size: int) -> tuple[tuple[int, str], ...]:
    """(year, the archive page its newest brief is on) for each year, newest first: the
    archive's jump list, so any brief is a few clicks away however many there are."""
    years: dict[int, str] = {}
    for position, brief in enumerate(briefs):
        years.setdefault(brief.date.year, archive_url(position // size + 1))
    return tuple(years.items())


def archive_page(index: SiteIndex, number: int, years: tuple[tuple[int, str], ...] = ()) -> PageSpec:
    """Page ``number`` of every published brief, newest first, grouped by month, with links to
    where each year starts (``archive_years``)."""
    size = index.site.config.archive_page_size
    briefs = index.site.briefs
    start = (number - 1) * size
    shown = briefs[start : start + size]
    pager = Pager(archive_url(), number, len(page_slices(briefs, size)), len(briefs))
    context = {"months": by_month(shown), "pager": pager, "years": years}
    key = (pager.key, tuple(b.card_key for b in shown), years)
    return PageSpec("archive", pager.url(number), "archive.html", context, key)


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
    key = (brief.fingerprint, tuple(e.key for e in entities), tuple(b.card_key for b in related))
    return PageSpec("brief", brief.url, "brief.html", context, (*key, tuple((t.name, t.url) for t in tags)))


def timeline_key(sections: list[tuple]) -> tuple:
    return tuple((s.id, s.title, tuple(row.key for row in rows)) for s, rows in sections)


def timeline_nav(index: SiteIndex) -> tuple[tuple[str, str], ...]:
    """(name, url) of every timeline page: what each page's jump list shows (no counts, so a
    year's page does not change when another year gains an event)."""
    return tuple((section.name, section.url) for section in index.timeline)


def timeline_index_page(index: SiteIndex) -> PageSpec:
    """The timeline's front page: each year with its count, the 'until' pages by the year their
    events ended by, and the 'undated' page."""
    counts = tuple((section, len(section.events)) for section in index.timeline)
    context = {
        "years": [(s, n) for s, n in counts if s.year is not None],
        "until": [(s, n) for s, n in counts if s.end_year is not None],
        "undated": [(s, n) for s, n in counts if s.name == UNDATED_SECTION],
        "total": sum(n for _, n in counts),
        "lookup": TIMELINE_LOOKUP,
    }
    return PageSpec(
        "timeline", TIMELINE, "timeline-index.html", context, tuple((s.name, n) for s, n in counts)
    )


def timeline_section_page(index: SiteIndex, number: int) -> PageSpec:
    """One timeline page (a year, 'until' or 'undated') with its filters; it depends on its own
    events and the list of pages only."""
    section, rows = index.timeline_rows[number]
    tag_slugs = {slug for row in rows for slug in row.tag_slugs}
    filters = {
        "types": [t for t in ENTITY_TYPE_TITLES if any(t in row.entity_types for row in rows)],
        "tags": [(tag.slug, tag.name) for tag in index.tags.values() if tag.slug in tag_slugs],
        "years": sorted({y for row in rows for y in row.years}),
    }
    nav = timeline_nav(index)
    page_key = (timeline_key([(section, rows)]), filters["tags"], nav)  # types and years follow from rows
    context = {"section": section, "rows": rows, "filters": filters, "nav": nav}
    return PageSpec("timeline", section.url, "timeline.html", context, page_key)


def timeline_lookup(index: SiteIndex) -> PageSpec:
    """Which page lists each event, for permalinks to the single-page timeline (/timeline/#event-…)."""
    key = tuple((s.name, tuple(e.anchor for e in s.events)) for s in index.timeline)
    return PageSpec("timeline", TIMELINE_LOOKUP, "timeline-lookup.json", {"timeline": index.timeline}, key)


def timeline_data(index: SiteIndex) -> PageSpec:
    """The timeline's events as TimelineJS data."""
    sections = index.timeline_rows
    return PageSpec(
        "timeline", "timeline.json", "timeline.json", {"sections": sections}, timeline_key(sections)
    )


def entity_index_page(index: SiteIndex) -> PageSpec:
    """Each type of entity with its count and its most-named entities (a page of them); the
    type's own pages list the rest."""
    size = index.site.config.archive_page_size
    groups = []
    for kind, title, entities in index.entities_by_type:
        counted = [(e, len(index.mentions.get(e.id, ()))) for e in entities]
        top = heapq.nsmallest(size, counted, key=lambda row: (-row[1], row[0].name.lower()))
        groups.append((kind, title, top, len(entities), entity_type_url(kind)))
    key = tuple((kind, total, tuple((e.key, n) for e, n in rows)) for kind, _, rows, total, _ in groups)
    return PageSpec("entity", ENTITIES, "entities.html", {"groups": groups}, key)


def entity_type_page(index: SiteIndex, kind: str, number: int) -> PageSpec:
    """Page ``number`` of every entity of one type, by name, with how many briefs name each."""
    size = index.site.config.archive_page_size
    entities = next(group for k, _, group in index.entities_by_type if k == kind)
    start = (number - 1) * size
    rows = [(e, len(index.mentions.get(e.id, ()))) for e in entities[start : start + size]]
    pager = Pager(entity_type_url(kind), number, len(page_slices(entities, size)), len(entities))
    key = (kind, pager.key, tuple((e.key, n) for e, n in rows))
    context = {"kind": kind, "rows": rows, "pager": pager}
    return PageSpec("entity", pager.url(number), "entity-type.html", context, key)


def entity_page(index: SiteIndex, entity: Entity, number: int = 1) -> PageSpec:
    """Page ``number`` of an entity's briefs; the first page also lists its events (up to a page
    of them) and the entities most often named with it."""
    size = index.site.config.archive_page_size
    all_mentions = index.mentions.get(entity.id, [])
    start = (number - 1) * size
    mentions = all_mentions[start : start + size]
    pager = Pager(entity.url, number, len(page_slices(all_mentions, size)), len(all_mentions))
    all_events = index.events_by_entity.get(entity.id, []) if number == 1 else []
    events = event_rows(index, all_events[:size])
    sections = sorted({e.section for e in all_events}, key=lambda s: (not s.isdigit(), s))  # years first
    event_years = [(name, timeline_section_url(name)) for name in sections]
    co_mentions = index.co_mentions.get(entity.id, [])[:10] if number == 1 else []
    context = {
        "entity": entity,
        "mentions": mentions,
        "pager": pager,
        "event_count": len(all_events),
        "event_years": event_years,
        "type_url": entity_type_url(entity.type),
        "events": events,
        "co_mentions": co_mentions,
        # Called by the template with the graph's title in the page's language.
        "co_mention_graph": lambda title: Markup(
            co_mention_svg(entity, co_mentions, "co-mention-graph-title", Markup(title).unescape())
        ),
        "seen": index.seen_range(entity.id),
        "jsonld": Lazy(lambda: entity_thing(index.site.config, entity)),
    }
    key = (
        entity.key,
        tuple((m.brief.card_key, m.snippet) for m in mentions),
        tuple(row.key for row in events),
        tuple((other.key, n) for other, n in co_mentions),
        pager.key,
        (len(all_events), tuple(event_years)),
        context["seen"],
    )
    return PageSpec("entity", pager.url(number), "entity.html", context, key)


def feed_page(url: str, title: str, alternate: str, briefs: tuple[Brief, ...] | list[Brief]) -> PageSpec:
    """An Atom feed of the newest briefs: the site's, an entity's or a tag's."""
    entries = tuple(briefs[:FEED_ENTRIES])
    updated = max((b.date for b in entries), default=date(1970, 1, 1))
    context = {"title": title, "alternate": alternate, "briefs": entries, "updated": updated}
    key = (title, alternate, updated, tuple((b.card_key, b.tags) for b in entries))
    return PageSpec("feed", url, "feed.xml", context, key)


def entity_feed(index: SiteIndex, entity: Entity) -> PageSpec:
    briefs = [m.brief for m in index.mentions.get(entity.id, [])]
    title = f"{entity.name} · {index.site.config.title}"
    return feed_page(entity.url + "feed.xml", title, entity.url, briefs)


def tag_feed(index: SiteIndex, tag: Tag) -> PageSpec:
    return feed_page(tag.url + "feed.xml", f"{tag.name} · {index.site.config.title}", tag.url, tag.briefs)


def tag_index_page(index: SiteIndex, number: int = 1) -> PageSpec:
    """Page ``number`` of every tag, by slug, with how many briefs carry each."""
    size = index.site.config.archive_page_size
    every = list(index.tags.values())
    start = (number - 1) * size
    tags = every[start : start + size]
    pager = Pager(TAGS, number, len(page_slices(every, size)), len(every))
    key = (pager.key, tuple((t.name, t.slug, len(t.briefs)) for t in tags))
    return PageSpec("tag", pager.url(number), "tags.html", {"tags": tags, "pager": pager}, key)


def tag_page(tag: Tag, number: int = 1, size: int = 10**9) -> PageSpec:
    """Page ``number`` of a tag's briefs, newest first."""
    has_events = any(b.events for b in tag.briefs)
    start = (number - 1) * size
    briefs = tag.briefs[start : start + size]
    pager = Pager(tag.url, number, len(page_slices(tag.briefs, size)), len(tag.briefs))
    key = (tag.name, tuple(b.card_key for b in briefs), has_events, pager.key)
    context = {"tag": tag, "briefs": briefs, "has_events": has_events, "pager": pager}
    return PageSpec("tag", pager.url(number), "tag.html", context, key)


def sitemap(index: SiteIndex) -> PageSpec:
    briefs = index.site.briefs
    size = index.site.config.archive_page_size
    urls = ["", TIMELINE, ENTITIES]
    urls += [paginated(TAGS, n) for n in range(1, len(page_slices(index.tags, size)) + 1)]
    urls += [archive_url(n) for n in range(1, len(page_slices(briefs, size)) + 1)]
    for kind, _, group in index.entities_by_type:
        urls += [paginated(entity_type_url(kind), n) for n in range(1, len(page_slices(group, size)) + 1)]
    urls += [s.url for s in index.timeline]
    urls += [b.url for b in briefs]
    for entity in index.site.entities.values():
        pages = len(page_slices(index.mentions.get(entity.id, ()), size))
        urls += [paginated(entity.url, n) for n in range(1, pages + 1)]
    for tag in index.tags.values():
        urls += [paginated(tag.url, n) for n in range(1, len(page_slices(tag.briefs, size)) + 1)]
    lastmod = {b.url: b.date for b in briefs}
    sitemap_key = tuple((u, lastmod.get(u)) for u in urls)
    return PageSpec("other", "sitemap.xml", "sitemap.xml", {"pages": urls, "lastmod": lastmod}, sitemap_key)


def page_makers(index: SiteIndex) -> list[Callable[[], PageSpec]]:
    """Every page of the site, in a stable order, as a function that makes its spec: cheap to
    list, and each spec can be made in whichever worker renders the page."""
    entities = index.site.entities.values()
    tags = index.tags.values()
    size = index.site.config.archive_page_size
    years = archive_years(index.site.briefs, size)
    return [
        partial(home_page, index),
        *(
            partial(archive_page, index, n, years)
            for n in range(1, len(page_slices(index.site.briefs, size)) + 1)
        ),
        *(partial(brief_page, index, brief) for brief in index.site.briefs),
        partial(timeline_index_page, index),
        *(partial(timeline_section_page, index, n) for n in range(len(index.timeline))),
        partial(timeline_lookup, index),
        partial(timeline_data, index),
        partial(entity_index_page, index),
        *(
            partial(entity_type_page, index, kind, n)
            for kind, _, group in index.entities_by_type
            for n in range(1, len(page_slices(group, size)) + 1)
        ),
        *(
            partial(entity_page, index, entity, n)
            for entity in entities
            for n in range(1, len(page_slices(index.mentions.get(entity.id, ()), size)) + 1)
        ),
        *(partial(tag_index_page, index, n) for n in range(1, len(page_slices(index.tags, size)) + 1)),
        *(
            partial(tag_page, tag, n, size)
            for tag in tags
            for n in range(1, len(page_slices(tag.briefs, size)) + 1)
        ),
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
