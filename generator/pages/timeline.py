"""The timeline's pages: the front page with its years, a page a year (and for events known
only by their end, or by no date), the permalink lookup and the TimelineJS data."""

from __future__ import annotations

from generator.index import SiteIndex
from generator.model import ENTITY_TYPE_TITLES, urls
from generator.model.urls import TIMELINE, TIMELINE_LOOKUP, UNDATED_SECTION
from generator.pages.spec import PageSpec
from generator.pages.views import SectionLink, TimelinePart


def timeline_key(sections: list[tuple]) -> tuple:
    return tuple((s.id, s.title, tuple(row.key for row in rows)) for s, rows in sections)


def timeline_nav(index: SiteIndex) -> tuple[tuple[str, str], ...]:
    """(name, url) of every timeline page: what each page's jump list shows (no counts, so a
    year's page does not change when another year gains an event)."""
    return tuple((section.name, section.url) for section in index.timeline)


def timeline_index_page(index: SiteIndex) -> PageSpec:
    """The timeline's front page: each year with its count, the 'until' pages by the year their
    events ended by, and the 'undated' page."""
    counts = tuple((SectionLink(s.name, s.year, s.end_year), len(s.events)) for s in index.timeline)
    context = {
        "years": [(s, n) for s, n in counts if s.year is not None],
        "until": [(s, n) for s, n in counts if s.end_year is not None],
        "undated": [(s, n) for s, n in counts if s.name == UNDATED_SECTION],
        "total": sum(n for _, n in counts),
        "lookup": TIMELINE_LOOKUP,
    }
    return PageSpec("timeline", TIMELINE, "timeline-index.html", context, counts)


def timeline_section_page(index: SiteIndex, number: int) -> PageSpec:
    """One timeline page (a year, 'until' or 'undated') with its filters; it depends on its own
    events and the list of pages only."""
    section, rows = index.timeline[number], index.section_rows(number)
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
    """{brief slug: [the page of its event 1, of event 2, …]}: what the timeline's front page
    needs to send an old permalink (timeline/#event-slug-2) to the page listing that event."""
    slots: dict[str, list[str]] = {}
    for section in index.timeline:
        for event in section.events:
            pages = slots.setdefault(event.brief_slug, [])
            pages.extend([""] * (event.index + 1 - len(pages)))
            pages[event.index] = section.name
    lookup = {slug: tuple(pages) for slug, pages in sorted(slots.items())}
    key = tuple(lookup.items())
    return PageSpec("timeline", TIMELINE_LOOKUP, "timeline-lookup.json", {"pages": lookup}, key)


def timeline_data(index: SiteIndex) -> PageSpec:
    """The timeline's events as TimelineJS data: for each section, its title and, for each event,
    what TimelineJS shows of it (which is also the page's key)."""
    briefs = index.briefs_by_slug
    parts = tuple(
        TimelinePart(
            section.title,
            tuple((e.anchor, e.date.text, e.title, briefs[e.brief_slug].title) for e in section.events),
            tuple(e.date for e in section.events),
        )
        for section in index.timeline
    )
    key = tuple((part.group, part.shown) for part in parts)
    return PageSpec("timeline", urls.TIMELINE_DATA, "timeline.json", {"parts": parts}, key)
