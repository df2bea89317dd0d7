"""What aggregates across briefs: the timeline, entity mentions and co-mentions, tags.

Everything here is a pure function of a ``Site``: built once before any page renders, so the
pages that list many briefs are complete.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from operator import attrgetter

from generator.model import ENTITY_TYPE_TITLES, Brief, BriefCard, Entity, Event, Site, urls
from generator.model.text import plain_text, sentences, tag_slug
from generator.model.urls import OPEN_START_SECTION, UNDATED_SECTION, timeline_section_url


@dataclass(frozen=True)
class TimelineSection:
    """A heading on the timeline and its events in order."""

    id: str  # the anchor: "y2025", "open-start-2025" (until 2025), "undated"
    title: str  # English, for machine uses (timeline.json groups); pages say it in the site's language
    events: tuple[Event, ...]

    @property
    def name(self) -> str:
        """The section's page: a year ('2025'), 'until/2025' or 'undated'."""
        if self.id.startswith("y"):
            return self.id[1:]
        if self.id.startswith("open-start-"):
            return f"{OPEN_START_SECTION}/{self.id.removeprefix('open-start-')}"
        return UNDATED_SECTION

    @property
    def url(self) -> str:
        return timeline_section_url(self.name)

    @property
    def year(self) -> int | None:
        """The year of a year's section; None for the open-start and undated ones."""
        return int(self.name) if self.name.isdigit() else None

    @property
    def end_year(self) -> int | None:
        """The year an open-start section's events ended by."""
        return int(self.id.removeprefix("open-start-")) if self.id.startswith("open-start-") else None


@dataclass(frozen=True)
class Mention:
    """A brief that names an entity, with the sentence that names it."""

    brief: BriefCard
    snippet: str


@dataclass(frozen=True)
class Tag:
    """A tag and the briefs that carry it."""

    name: str
    slug: str
    briefs: tuple[Brief, ...]

    @property
    def url(self) -> str:
        return urls.tag_url(self.slug)


@lru_cache(maxsize=65536)
def names_patterns(names: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """Whole-word matchers for any of the names: case-sensitive first (so 'US' is not 'us'), then not."""
    ordered = sorted(names, key=len, reverse=True)
    source = r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)"
    return re.compile(source), re.compile(source, re.IGNORECASE)


@dataclass(frozen=True)
class BodyText:
    """A brief body split into sentences, with lower-cased copies for quick rejection."""

    sentences: list[str]
    lowered: list[str]
    lowered_text: str

    @classmethod
    def of(cls, brief: Brief) -> BodyText:
        parts = sentences(plain_text(brief.body_html))
        lowered = [p.lower() for p in parts]
        return cls(parts, lowered, "\n".join(lowered))


def find_snippet(entity: Entity, body: BodyText, limit: int = 280) -> str:
    """The first sentence naming the entity, or naming it in other letter case as a fallback."""
    lowered_names = [n.lower() for n in entity.names]
    if not any(n in body.lowered_text for n in lowered_names):
        return ""
    candidates = [
        s for s, low in zip(body.sentences, body.lowered, strict=True) if any(n in low for n in lowered_names)
    ]
    for matcher in names_patterns(entity.names) if candidates else ():
        for sentence in candidates:
            if matcher.search(sentence):
                return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
    return ""


@dataclass(frozen=True)
class EventRow:
    """An event with what a listing shows beside it: its brief, its entities, and what the
    timeline filters on (entity ids and types, the brief's tag slugs, the years it spans)."""

    event: Event
    brief: BriefCard
    entities: tuple[Entity, ...]

    @cached_property
    def key(self) -> tuple:
        e = self.event
        return (
            e.anchor,
            e.date.text,
            e.title,
            e.phrase,
            self.brief,
            tuple(e.key for e in self.entities),
        )

    @cached_property
    def tag_slugs(self) -> list[str]:
        return list(dict.fromkeys(tag_slug(t) for t in self.brief.tags))

    @property
    def entity_types(self) -> list[str]:
        return list(dict.fromkeys(e.type for e in self.entities))

    @property
    def years(self) -> list[int]:
        """Every year the date may fall in; for a long or open span, only its known ends."""
        d = self.event.date
        first = d.lower.year if d.lower else None
        last = d.upper.year if d.upper else None
        if first and last:
            return list(range(first, last + 1)) if last - first <= 30 else [first, last]
        return [y for y in (first, last) if y]


def event_rows(index: SiteIndex, events) -> list[EventRow]:
    """Events with their briefs and entities, as listings show them."""
    entities = index.site.entities
    return [
        EventRow(e, index.briefs_by_slug[e.brief_slug].card, tuple(entities[i] for i in e.entities))
        for e in events
    ]


def _section_order(name: str) -> tuple[int, int]:
    """Timeline pages in order: the 'until' pages by year, then the years, then 'undated'."""
    if name.isdigit():
        return (1, int(name))
    if name.startswith(OPEN_START_SECTION + "/"):
        return (0, int(name.removeprefix(OPEN_START_SECTION + "/")))
    return (2, 0)


def timeline_pages(briefs: tuple[Brief, ...]) -> list[str]:
    """The names of the timeline's pages (see ``Event.section``), in order."""
    return sorted({e.section for b in briefs for e in b.events}, key=_section_order)


def build_timeline(briefs: tuple[Brief, ...]) -> tuple[TimelineSection, ...]:
    """Every event in order, grouped by year; open-start events by the year they ended by (so no
    section grows without bound), and unknown dates in a section of their own."""
    by_section: dict[str, list[Event]] = defaultdict(list)
    for event in sorted((e for b in briefs for e in b.events), key=attrgetter("order")):
        by_section[event.section].append(event)
    sections = []
    for name in sorted(by_section, key=_section_order):
        events = by_section[name]
        if name.isdigit():
            sections.append(TimelineSection(f"y{name}", name, tuple(events)))
        elif name == UNDATED_SECTION:
            sections.append(TimelineSection("undated", "Date unknown", tuple(events)))
        else:
            events.sort(key=lambda e: (e.date.upper, e.date.precision, e.anchor))
            year = name.removeprefix(OPEN_START_SECTION + "/")
            sections.append(
                TimelineSection(f"open-start-{year}", "Start unknown (until a known date)", tuple(events))
            )
    return tuple(sections)


CO_MENTIONS = 10  # the entities an entity page lists as most often named with it
RELATED = 4  # the related briefs a brief page lists

# (brief fingerprint, entity names) → snippet; kept between builds by a SiteBuilder.
SnippetCache = dict[tuple[str, tuple[str, ...]], str]


class SiteIndex:
    """The aggregates pages need: the timeline, each entity's mentions (with snippets), events
    and co-mentions, the tags. Each is computed when a page first asks for it, so a build that
    makes a few pages computes only what they show; ``prepare`` computes them all at once (before
    pages render in forked workers, which would each compute them again)."""

    def __init__(self, site: Site, snippets: SnippetCache | None = None):
        self.site = site
        self.snippets: SnippetCache = {} if snippets is None else snippets
        self._mentions: dict[str, list[Mention]] = {}
        self._co_mentions: dict[str, list[tuple[Entity, int]]] = {}
        self._events: dict[str, list[Event]] = {}
        self._rows: dict[int, list[EventRow]] = {}

    def prepare(self) -> SiteIndex:
        """Compute every aggregate now (each brief's body split once, for all its snippets)."""
        entities = self.site.entities
        for brief in self.site.briefs:
            body = None
            for entity_id in brief.entity_ids:
                key = (brief.fingerprint, entities[entity_id].names)
                if key not in self.snippets:
                    body = body or BodyText.of(brief)
                    self.snippets[key] = find_snippet(entities[entity_id], body)
        for entity_id in self.named_by:
            self.mentions_of(entity_id)
            self.co_mentions_of(entity_id)
            self.events_of(entity_id)
        for number in range(len(self.timeline)):
            self.section_rows(number)
        for name in ("entities_by_type", "tag_members", "mention_slugs"):
            getattr(self, name)
        return self

    def prune_snippets(self) -> None:
        """Forget the snippets of brief versions and entity names this site no longer has."""
        entities = self.site.entities
        live = {(b.fingerprint, entities[i].names) for b in self.site.briefs for i in b.entity_ids}
        for stale in self.snippets.keys() - live:
            del self.snippets[stale]

    @cached_property
    def briefs_by_slug(self) -> dict[str, Brief]:
        return {b.slug: b for b in self.site.briefs}

    @cached_property
    def named_by(self) -> dict[str, list[Brief]]:
        """Entity id → the briefs naming it, newest first."""
        found: dict[str, list[Brief]] = defaultdict(list)
        for brief in self.site.briefs:
            for entity_id in brief.entity_ids:
                found[entity_id].append(brief)
        return dict(found)

    def mention_count(self, entity_id: str) -> int:
        return len(self.named_by.get(entity_id, ()))

    def mentions_of(self, entity_id: str) -> list[Mention]:
        """The briefs naming an entity, newest first, each with the sentence that names it."""
        if entity_id not in self._mentions:
            entity = self.site.entities[entity_id]
            found = []
            for brief in self.named_by.get(entity_id, ()):
                key = (brief.fingerprint, entity.names)
                if key not in self.snippets:
                    self.snippets[key] = find_snippet(entity, BodyText.of(brief))
                found.append(Mention(brief.card, self.snippets[key]))
            self._mentions[entity_id] = found
        return self._mentions[entity_id]

    def co_mentions_of(self, entity_id: str) -> list[tuple[Entity, int]]:
        """The entities most often named in the same briefs, with how many briefs name both."""
        if entity_id not in self._co_mentions:
            counts: Counter[str] = Counter()
            for brief in self.named_by.get(entity_id, ()):
                counts.update(brief.entity_ids)
            counts.pop(entity_id, None)
            entities = self.site.entities
            top = heapq.nsmallest(CO_MENTIONS, counts.items(), key=lambda kv: (-kv[1], entities[kv[0]].name))
            self._co_mentions[entity_id] = [(entities[other], n) for other, n in top]
        return self._co_mentions[entity_id]

    def events_of(self, entity_id: str) -> list[Event]:
        """The events naming an entity, in date order."""
        if entity_id not in self._events:
            found = [e for b in self.named_by.get(entity_id, ()) for e in b.events if entity_id in e.entities]
            self._events[entity_id] = sorted(found, key=attrgetter("order"))
        return self._events[entity_id]

    @cached_property
    def tags(self) -> dict[str, Tag]:
        """Tag slug → the tag (as first spelt, newest first) with its briefs, by slug."""
        names: dict[str, str] = {}
        carrying: dict[str, list[Brief]] = defaultdict(list)
        for brief in self.site.briefs:
            for tag in brief.tags:
                slug = tag_slug(tag)
                names.setdefault(slug, tag)
                carrying[slug].append(brief)
        return {slug: Tag(names[slug], slug, tuple(briefs)) for slug, briefs in sorted(carrying.items())}

    @cached_property
    def timeline(self) -> tuple[TimelineSection, ...]:
        return build_timeline(self.site.briefs)

    @cached_property
    def timeline_pages(self) -> list[str]:
        return timeline_pages(self.site.briefs)

    def timeline_briefs(self, name: str) -> list[Brief]:
        """The briefs with an event on the timeline page ``name``."""
        return self._timeline_briefs.get(name, [])

    @cached_property
    def _timeline_briefs(self) -> dict[str, list[Brief]]:
        found: dict[str, dict[str, Brief]] = defaultdict(dict)
        for brief in self.site.briefs:
            for event in brief.events:
                found[event.section][brief.slug] = brief
        return {name: list(briefs.values()) for name, briefs in found.items()}

    def section_rows(self, number: int) -> list[EventRow]:
        """The event rows of the ``number``-th timeline section (made when a page first asks)."""
        if number not in self._rows:
            self._rows[number] = event_rows(self, self.timeline[number].events)
        return self._rows[number]

    @cached_property
    def entities_by_type(self) -> list[tuple[str, str, list[Entity]]]:
        """(type, heading, entities sorted by name) for each type that has entities."""
        groups: dict[str, list[Entity]] = defaultdict(list)
        for entity in self.site.entities.values():
            groups[entity.type].append(entity)
        return [
            (kind, title, sorted(groups[kind], key=lambda e: e.name.lower()))
            for kind, title in ENTITY_TYPE_TITLES.items()
            if groups[kind]
        ]

    def seen_range(self, entity_id: str) -> tuple[date, date] | None:
        """First and last brief dates naming the entity."""
        dates = [b.date for b in self.named_by.get(entity_id, ())]
        return (min(dates), max(dates)) if dates else None

    @cached_property
    def mention_slugs(self) -> dict[str, tuple[str, ...]]:
        """Entity id → the slugs of the briefs naming it."""
        return {entity_id: tuple(b.slug for b in found) for entity_id, found in self.named_by.items()}

    @cached_property
    def tag_members(self) -> dict[str, frozenset[str]]:
        """Tag slug → the slugs of the briefs carrying it."""
        return {slug: frozenset(b.slug for b in tag.briefs) for slug, tag in self.tags.items()}

    def tag_slugs(self, brief: Brief) -> list[str]:
        return [tag_slug(t) for t in brief.tags]

    def related_briefs(self, brief: Brief, limit: int = RELATED) -> list[Brief]:
        """Other briefs ranked by shared entities (2 points each) and shared tags (1 point each),
        ties by slug; briefs sharing only tags fill the places left, newest first (scoring every
        brief that shares a broad tag would cost more than it tells).

        From the inverted indexes (entity → briefs, tag → briefs): the work is the briefs that
        share an entity with this one, and only the few that share two entities or a tag are
        scored in Python; the many that share one entity and nothing else tie at 2 points, so
        the smallest slugs among them are all that can make the list.
        """
        shared: Counter[str] = Counter()
        for entity_id in brief.entity_ids:
            shared.update(self.mention_slugs.get(entity_id, ()))
        shared.pop(brief.slug, None)
        ranked: list[str] = []
        if shared:
            scores: dict[str, int] = {}
            for slug, n in shared.most_common():
                if n < 2:
                    break
                scores[slug] = 2 * n
            candidates = set(shared)
            for tag in brief.tags:
                for slug in candidates & self.tag_members[tag_slug(tag)]:
                    scores[slug] = scores.get(slug, 2) + 1
            plain = heapq.nsmallest(limit, candidates.difference(scores))  # one entity, no tag: 2 points
            ranked = sorted((*scores, *plain), key=lambda s: (-scores.get(s, 2), s))[:limit]
        for tag in brief.tags:
            for other in self.tags[tag_slug(tag)].briefs:
                if len(ranked) >= limit:
                    break
                if other.slug != brief.slug and other.slug not in ranked:
                    ranked.append(other.slug)
        return [self.briefs_by_slug[slug] for slug in ranked]


def build_index(site: Site, snippets: SnippetCache | None = None) -> SiteIndex:
    """The index of a site, computed in full (see ``SiteIndex`` for the lazy one)."""
    return SiteIndex(site, snippets).prepare()
