"""What aggregates across briefs: the timeline, entity mentions and co-mentions, tags.

Everything here is a pure function of a ``Site``: built once before any page renders, so the
pages that list many briefs are complete.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from generator.model import ENTITY_TYPE_TITLES, Brief, BriefCard, Entity, Event, Site, brief_entity_ids, urls
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

    @property
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

    @property
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


@dataclass
class SiteIndex:
    """The aggregates every page may need, computed once per build."""

    site: Site
    timeline: tuple[TimelineSection, ...] = ()
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    events_by_entity: dict[str, list[Event]] = field(default_factory=dict)
    co_mentions: dict[str, list[tuple[Entity, int]]] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    briefs_by_slug: dict[str, Brief] = field(default_factory=dict)

    @cached_property
    def timeline_rows(self) -> list[tuple[TimelineSection, list[EventRow]]]:
        """(section, its event rows) for each timeline section."""
        return [(section, event_rows(self, section.events)) for section in self.timeline]

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
        dates = [m.brief.date for m in self.mentions.get(entity_id, [])]
        return (min(dates), max(dates)) if dates else None

    @cached_property
    def mention_slugs(self) -> dict[str, tuple[str, ...]]:
        """Entity id → the slugs of the briefs naming it."""
        return {entity_id: tuple(m.brief.slug for m in found) for entity_id, found in self.mentions.items()}

    @cached_property
    def tag_members(self) -> dict[str, frozenset[str]]:
        """Tag slug → the slugs of the briefs carrying it."""
        return {slug: frozenset(b.slug for b in tag.briefs) for slug, tag in self.tags.items()}

    def tag_slugs(self, brief: Brief) -> list[str]:
        return [tag_slug(t) for t in brief.tags]

    def related_briefs(self, brief: Brief, limit: int = 4) -> list[Brief]:
        """Other briefs ranked by shared entities (2 points each) and shared tags (1 point each),
        ties by slug; briefs sharing only tags fill the places left, newest first (scoring every
        brief that shares a broad tag would cost more than it tells).

        From the inverted indexes (entity → briefs, tag → briefs): the work is the briefs that
        share an entity with this one, and only the few that share two entities or a tag are
        scored in Python; the many that share one entity and nothing else tie at 2 points, so
        the smallest slugs among them are all that can make the list.
        """
        shared: Counter[str] = Counter()
        for entity_id in brief_entity_ids(brief):
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


def event_rows(index: SiteIndex, events) -> list[EventRow]:
    """Events with their briefs and entities, as listings show them."""
    entities = index.site.entities
    return [
        EventRow(e, index.briefs_by_slug[e.brief_slug].card, tuple(entities[i] for i in e.entities))
        for e in events
    ]


def build_timeline(briefs: tuple[Brief, ...]) -> tuple[TimelineSection, ...]:
    """Every event in order, grouped by year; open-start events by the year they ended by (so no
    section grows without bound), and unknown dates in a section of their own."""
    events = sorted((e for b in briefs for e in b.events), key=lambda e: (e.date.sort_key(), e.anchor))
    by_year: dict[int, list[Event]] = defaultdict(list)
    open_start: list[Event] = []
    undated: list[Event] = []
    for event in events:
        if not event.date.is_known:
            undated.append(event)
        elif event.date.lower is None:
            open_start.append(event)
        else:
            by_year[event.date.year].append(event)
    open_start.sort(key=lambda e: (e.date.upper, e.date.precision, e.anchor))
    until: dict[int, list[Event]] = defaultdict(list)
    for event in open_start:
        until[event.date.upper.year].append(event)
    sections = [
        TimelineSection(f"open-start-{year}", "Start unknown (until a known date)", tuple(events))
        for year, events in until.items()
    ]
    sections += [TimelineSection(f"y{year}", str(year), tuple(by_year[year])) for year in sorted(by_year)]
    if undated:
        sections.append(TimelineSection("undated", "Date unknown", tuple(undated)))
    return tuple(sections)


CO_MENTIONS = 10  # the entities an entity page lists as most often named with it

# (brief fingerprint, entity names) → snippet; kept between builds by a SiteBuilder.
SnippetCache = dict[tuple[str, tuple[str, ...]], str]


def build_index(site: Site, snippets: SnippetCache | None = None) -> SiteIndex:
    """Compute the timeline, mentions with snippets, entity events, co-mentions and tags."""
    snippets = {} if snippets is None else snippets
    used: set = set()
    mentions: dict[str, list[Mention]] = defaultdict(list)
    events_by_entity: dict[str, list[Event]] = defaultdict(list)
    pair_counts: dict[str, Counter[str]] = defaultdict(Counter)
    tag_briefs: dict[str, list[Brief]] = defaultdict(list)
    tag_names: dict[str, str] = {}
    for brief in site.briefs:  # newest first, so mention lists are too
        body = None
        ids = brief_entity_ids(brief)
        for entity_id in ids:
            entity = site.entities[entity_id]
            cache_key = (brief.fingerprint, entity.names)
            if cache_key not in snippets:
                if body is None:
                    body = BodyText.of(brief)
                snippets[cache_key] = find_snippet(entity, body)
            used.add(cache_key)
            mentions[entity_id].append(Mention(brief.card, snippets[cache_key]))
            for other in ids:
                if other != entity_id:
                    pair_counts[entity_id][other] += 1
        for event in brief.events:
            for entity_id in event.entities:
                events_by_entity[entity_id].append(event)
        for tag in brief.tags:
            slug = tag_slug(tag)
            tag_names.setdefault(slug, tag)
            tag_briefs[slug].append(brief)
    for stale in snippets.keys() - used:
        del snippets[stale]
    for events in events_by_entity.values():
        events.sort(key=lambda e: (e.date.sort_key(), e.anchor))
    co_mentions = {
        entity_id: [
            (site.entities[other], n)
            for other, n in heapq.nsmallest(
                CO_MENTIONS, counts.items(), key=lambda kv: (-kv[1], site.entities[kv[0]].name)
            )
        ]
        for entity_id, counts in pair_counts.items()
    }
    tags = {slug: Tag(tag_names[slug], slug, tuple(briefs)) for slug, briefs in sorted(tag_briefs.items())}
    return SiteIndex(
        site=site,
        timeline=build_timeline(site.briefs),
        mentions=dict(mentions),
        events_by_entity=dict(events_by_entity),
        co_mentions=co_mentions,
        tags=tags,
        briefs_by_slug={b.slug: b for b in site.briefs},
    )
