"""Which pages a site has, what each shows, and what each depends on.

A ``PageSpec`` is a page before rendering: its URL, template, the context the template gets, and
a ``key`` naming everything the page shows beyond the template and the config. Two builds that
give a page the same key give it the same bytes, so the builder re-renders only pages whose key
changed. Templates get only their context, and listing pages get key-sized views (``BriefCard``, the tag
views in ``views.py``) rather than whole model objects, so what a template can read is what
its key covers (``tests/test_page_keys.py`` checks every page kind).
"""

from __future__ import annotations

import heapq
from datetime import date
from functools import partial

from generator.index import RELATED, SiteIndex, Tag, event_rows
from generator.model import Brief, BriefCard, Entity, urls
from generator.model.text import tag_slug
from generator.model.urls import (
    ENTITIES,
    TAGS,
    TIMELINE,
    TIMELINE_LOOKUP,
    archive_url,
    entity_type_url,
    paginated,
    timeline_section_url,
)
from generator.pages.jsonld import entity_thing, news_article
from generator.pages.spec import PAGE_KINDS, Lazy, PageEntry, Pager, PageSpec, page_slices
from generator.pages.timeline import (
    timeline_data,
    timeline_index_page,
    timeline_lookup,
    timeline_section_page,
)
from generator.pages.views import CoMentionGraph, TagLink, TagListing, TagSummary

FEED_ENTRIES = 50


def by_month(briefs) -> list[tuple[date, list[BriefCard]]]:
    """Brief cards (newest first) grouped under the first day of their month."""
    groups: list[tuple[date, list[BriefCard]]] = []
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
    shown = tuple(b.card for b in briefs[start : start + size])
    pager = Pager(archive_url(), number, len(page_slices(briefs, size)), len(briefs))
    context = {"months": by_month(shown), "pager": pager, "years": years}
    key = (pager.key, shown, years)
    return PageSpec("archive", pager.url(number), "archive.html", context, key)


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


def entity_index_page(index: SiteIndex) -> PageSpec:
    """Each type of entity with its count and its most-named entities (a page of them); the
    type's own pages list the rest."""
    size = index.site.config.archive_page_size
    groups = []
    for kind, title, entities in index.entities_by_type:
        counted = [(e, index.mention_count(e.id)) for e in entities]
        top = heapq.nsmallest(size, counted, key=lambda row: (-row[1], row[0].name.lower()))
        groups.append((kind, title, top, len(entities), entity_type_url(kind)))
    key = tuple((kind, total, tuple((e.key, n) for e, n in rows)) for kind, _, rows, total, _ in groups)
    return PageSpec("entity", ENTITIES, "entities.html", {"groups": groups}, key)


def entity_type_page(index: SiteIndex, kind: str, number: int) -> PageSpec:
    """Page ``number`` of every entity of one type, by name, with how many briefs name each."""
    size = index.site.config.archive_page_size
    entities = next(group for k, _, group in index.entities_by_type if k == kind)
    start = (number - 1) * size
    rows = [(e, index.mention_count(e.id)) for e in entities[start : start + size]]
    pager = Pager(entity_type_url(kind), number, len(page_slices(entities, size)), len(entities))
    key = (kind, pager.key, tuple((e.key, n) for e, n in rows))
    context = {"kind": kind, "rows": rows, "pager": pager}
    return PageSpec("entity", pager.url(number), "entity-type.html", context, key)


def entity_page(index: SiteIndex, entity: Entity, number: int = 1) -> PageSpec:
    """Page ``number`` of an entity's briefs; the first page also lists its events (up to a page
    of them) and the entities most often named with it."""
    size = index.site.config.archive_page_size
    all_mentions = index.mentions_of(entity.id)
    start = (number - 1) * size
    mentions = all_mentions[start : start + size]
    pager = Pager(entity.url, number, len(page_slices(all_mentions, size)), len(all_mentions))
    all_events = index.events_of(entity.id) if number == 1 else []
    events = event_rows(index, all_events[:size])
    sections = sorted({e.section for e in all_events}, key=lambda s: (not s.isdigit(), s))  # years first
    event_years = [(name, timeline_section_url(name)) for name in sections]
    co_mentions = index.co_mentions_of(entity.id) if number == 1 else []
    context = {
        "entity": entity,
        "mentions": mentions,
        "pager": pager,
        "event_count": len(all_events),
        "event_years": event_years,
        "type_url": entity_type_url(entity.type),
        "events": events,
        "co_mentions": co_mentions,
        "co_mention_graph": CoMentionGraph(entity, tuple(co_mentions)),
        "seen": index.seen_range(entity.id),
        "jsonld": Lazy(lambda: entity_thing(index.site.config, entity)),
    }
    key = (
        entity.key,
        tuple((m.brief, m.snippet) for m in mentions),
        tuple(row.key for row in events),
        tuple((other.key, n) for other, n in co_mentions),
        pager.key,
        (len(all_events), tuple(event_years)),
        context["seen"],
    )
    return PageSpec("entity", pager.url(number), "entity.html", context, key)


def feed_page(url: str, title: str, alternate: str, briefs: list[BriefCard]) -> PageSpec:
    """An Atom feed of the newest briefs: the site's, an entity's or a tag's."""
    entries = tuple(briefs[:FEED_ENTRIES])
    updated = max((b.shown_updated or b.date for b in entries), default=date(1970, 1, 1))
    context = {"title": title, "alternate": alternate, "briefs": entries, "updated": updated}
    return PageSpec("feed", url, "feed.xml", context, (title, alternate, updated, entries))


def entity_feed(index: SiteIndex, entity: Entity) -> PageSpec:
    briefs = [b.card for b in index.named_by.get(entity.id, ())]
    title = f"{entity.name} · {index.site.config.title}"
    return feed_page(urls.feed_of(entity.url), title, entity.url, briefs)


def tag_feed(index: SiteIndex, tag: Tag) -> PageSpec:
    cards = [b.card for b in tag.briefs]
    return feed_page(urls.feed_of(tag.url), f"{tag.name} · {index.site.config.title}", tag.url, cards)


def tag_index_page(index: SiteIndex, number: int = 1) -> PageSpec:
    """Page ``number`` of every tag, by slug, with how many briefs carry each."""
    size = index.site.config.archive_page_size
    every = list(index.tags.values())
    start = (number - 1) * size
    tags = tuple(TagSummary(t.name, t.slug, len(t.briefs)) for t in every[start : start + size])
    pager = Pager(TAGS, number, len(page_slices(every, size)), len(every))
    return PageSpec("tag", pager.url(number), "tags.html", {"tags": tags, "pager": pager}, (pager.key, tags))


def tag_page(tag: Tag, number: int = 1, size: int = 10**9) -> PageSpec:
    """Page ``number`` of a tag's briefs, newest first."""
    has_events = any(b.events for b in tag.briefs)
    start = (number - 1) * size
    listing = TagListing(tag.name, tag.slug, tuple(b.card for b in tag.briefs[start : start + size]))
    pager = Pager(tag.url, number, len(page_slices(tag.briefs, size)), len(tag.briefs))
    context = {"tag": listing, "briefs": listing.briefs, "has_events": has_events, "pager": pager}
    return PageSpec("tag", pager.url(number), "tag.html", context, (listing, has_events, pager.key))


def sitemap(entries: list[PageEntry], index: SiteIndex) -> PageSpec:
    """Every page a reader may land on, as the page list says, with the briefs' last dates."""
    listed = [entry.url for entry in entries if entry.in_sitemap]
    lastmod = {b.url: max(b.date, b.updated or b.date) for b in index.site.briefs}
    key = tuple((u, lastmod.get(u)) for u in listed)
    return PageSpec("other", urls.SITEMAP, "sitemap.xml", {"pages": listed, "lastmod": lastmod}, key)


def _pages_of(items, size: int) -> range:
    """The page numbers of a listing of ``items``."""
    return range(1, len(page_slices(items, size)) + 1)


# Dependency tags. A page's entry lists the tags of the brief edits that can change its key;
# ``edit_tags`` names the tags one brief's edit touches: ``b:<slug>`` the brief itself (its own
# page), ``e:<id>`` an entity it names and ``t:<slug>`` a tag it carries (their pages show its
# card and snippets); and, when what others show of it changed (its card, entities, events,
# tags, files), ``c:<slug>`` (the listings and timeline pages that show its card), ``r:<id>`` and
# ``rt:<slug>`` (the pages of the briefs that share them, whose related briefs come from them).
# Then LISTED (which briefs the archive, home, feeds and sitemap list, in what order, with what
# dates) if its dates or its place in the list may have changed, TIMELINE_TAG (which events the
# timeline's pages hold, and its filters) if its tags or dates did, and COUNTS (the entity and
# tag indexes and counts) if its entities or tags did. When only its events changed, EVENTS (the
# timeline's front page, lookup and data) and ``s:<section>`` for the timeline page of each of
# its old and new events: a timeline page shows only its own events, and its filters follow from
# them and from the tags' names, which only a tag edit changes. An edit that adds or removes a page, or a
# change of the registry, templates or config, is not one these tags describe: then every page
# is made again (``engine.builder``).
LISTED, TIMELINE_TAG, EVENTS, COUNTS = "listed", "timeline", "events", "counts"


def shown(briefs) -> frozenset[str]:
    """The tags of the briefs whose cards a listing shows."""
    return frozenset(f"c:{b.slug}" for b in briefs)


def brief_tags(index: SiteIndex, brief: Brief) -> frozenset[str]:
    """What a brief's own page depends on: itself, and what shares its entities and tags."""
    return frozenset(
        {
            f"b:{brief.slug}",
            *(f"r:{i}" for i in brief.entity_ids),
            *(f"rt:{t}" for t in index.tag_slugs(brief)),
        }
    )


def edit_tags(old: Brief, new: Brief) -> set[str]:
    """The dependency tags an edit of one brief (same slug) touches.

    When what ranks related briefs stayed (its entities, tags, dates), the briefs that list it
    as related still do, and only their pages show its new card: ``rel:<slug>`` stands for them
    (``related_to`` names them), not every brief sharing an entity or tag."""
    touched = {f"b:{new.slug}"}
    framed = old.frame_key != new.frame_key or old.tags != new.tags
    ids_changed = old.entity_ids != new.entity_ids
    dated = (old.date, old.release, old.updated, old.draft) != (new.date, new.release, new.updated, new.draft)
    ranked = ids_changed or old.tags != new.tags or (old.date, old.release) != (new.date, new.release)
    for brief in (old, new):
        ids, tags = brief.entity_ids, [tag_slug(t) for t in brief.tags]
        touched.update(f"e:{i}" for i in ids)
        touched.update(f"t:{t}" for t in tags)
        if framed and ranked:
            touched.update(f"r:{i}" for i in ids)
            touched.update(f"rt:{t}" for t in tags)
    if framed:
        touched.add(f"c:{new.slug}")
        if not ranked:
            touched.add(f"rel:{new.slug}")
    if dated:
        touched.add(LISTED)
    if old.tags != new.tags or dated:
        touched.add(TIMELINE_TAG)
    elif old.events != new.events:
        touched.add(EVENTS)
        touched.update(f"s:{event.section}" for event in (*old.events, *new.events))
    if ids_changed or old.tags != new.tags:
        touched.add(COUNTS)
    return touched


def related_to(index: SiteIndex, slug: str) -> set[str]:
    """The ``b:`` tags of the briefs that list brief ``slug`` among their related briefs (only
    briefs sharing an entity or a tag with it can)."""
    brief = index.briefs_by_slug[slug]
    candidates = {b.slug: b for i in brief.entity_ids for b in index.named_by.get(i, ())}
    for tag in index.tag_slugs(brief):
        members = index.tags[tag].briefs
        # A brief that shares only this tag lists it only to fill its places, newest first: past
        # the first RELATED + 1 of the tag's briefs (the lister itself and those listed already
        # are skipped), none does.
        if any(b.slug == slug for b in members[: RELATED + 1]):
            candidates.update((b.slug, b) for b in members)
    candidates.pop(slug, None)
    return {
        f"b:{c.slug}" for c in candidates.values() if any(r.slug == slug for r in index.related_briefs(c))
    }


def page_makers(index: SiteIndex) -> list[PageEntry]:
    """Every page of the site, in a stable order: cheap to list, each spec made when needed."""
    config = index.site.config
    briefs, entities, tags = index.site.briefs, index.site.entities.values(), index.tags.values()
    size = config.archive_page_size
    years = archive_years(briefs, size)
    listed, timeline, counts = frozenset({LISTED}), frozenset({TIMELINE_TAG}), frozenset({COUNTS})
    events = timeline | {EVENTS}
    on_timeline = events | shown(b for b in briefs if b.events)
    entries = [
        PageEntry(
            urls.HOME,
            "home",
            partial(home_page, index),
            True,
            listed | counts | shown(briefs[: config.home_briefs]),
        ),
        *(
            PageEntry(
                archive_url(n),
                "archive",
                partial(archive_page, index, n, years),
                True,
                listed | shown(briefs[(n - 1) * size : n * size]),
            )
            for n in _pages_of(briefs, size)
        ),
        *(
            PageEntry(b.url, "brief", partial(brief_page, index, b), True, brief_tags(index, b))
            for b in briefs
        ),
        PageEntry(TIMELINE, "timeline", partial(timeline_index_page, index), True, events),
        *(
            PageEntry(
                timeline_section_url(name),
                "timeline",
                partial(timeline_section_page, index, n),
                True,
                timeline | {f"s:{name}"} | shown(index.timeline_briefs(name)),
            )
            for n, name in enumerate(index.timeline_pages)
        ),
        PageEntry(TIMELINE_LOOKUP, "timeline", partial(timeline_lookup, index), False, events),
        PageEntry(urls.TIMELINE_DATA, "timeline", partial(timeline_data, index), False, on_timeline),
        PageEntry(ENTITIES, "entity", partial(entity_index_page, index), True, counts),
        *(
            PageEntry(
                paginated(entity_type_url(kind), n),
                "entity",
                partial(entity_type_page, index, kind, n),
                True,
                counts,
            )
            for kind, _, group in index.entities_by_type
            for n in _pages_of(group, size)
        ),
        *(
            PageEntry(
                paginated(e.url, n),
                "entity",
                partial(entity_page, index, e, n),
                True,
                frozenset({f"e:{e.id}"}),
            )
            for e in entities
            for n in _pages_of(index.named_by.get(e.id, ()), size)
        ),
        *(
            PageEntry(paginated(TAGS, n), "tag", partial(tag_index_page, index, n), True, counts)
            for n in _pages_of(index.tags, size)
        ),
        *(
            PageEntry(
                paginated(t.url, n), "tag", partial(tag_page, t, n, size), True, frozenset({f"t:{t.slug}"})
            )
            for t in tags
            for n in _pages_of(t.briefs, size)
        ),
        PageEntry(
            urls.FEED,
            "feed",
            partial(feed_page, urls.FEED, config.title, urls.HOME, [b.card for b in briefs]),
            False,
            listed | shown(briefs[:FEED_ENTRIES]),
        ),
        *(
            PageEntry(
                urls.feed_of(e.url), "feed", partial(entity_feed, index, e), False, frozenset({f"e:{e.id}"})
            )
            for e in entities
        ),
        *(
            PageEntry(
                urls.feed_of(t.url), "feed", partial(tag_feed, index, t), False, frozenset({f"t:{t.slug}"})
            )
            for t in tags
        ),
        PageEntry(urls.SEARCH, "other", partial(PageSpec, "other", urls.SEARCH, "search.html", {})),
        PageEntry(urls.ROBOTS, "other", partial(PageSpec, "other", urls.ROBOTS, "robots.txt", {})),
        PageEntry(
            urls.NOT_FOUND,
            "other",
            partial(PageSpec, "other", urls.NOT_FOUND, "404.html", {}, absolute_links=True),
        ),
    ]
    return [*entries, PageEntry(urls.SITEMAP, "other", partial(sitemap, list(entries), index), False, listed)]


__all__ = [
    "PAGE_KINDS",
    "Lazy",
    "PageEntry",
    "PageSpec",
    "Pager",
    "edit_tags",
    "page_makers",
    "related_to",
    "timeline_section_page",
]
