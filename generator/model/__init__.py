"""The content model: frozen dataclasses that every later stage reads and none modifies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from functools import cached_property
from pathlib import Path

from generator.model import urls
from generator.model.dates import PartialDate

ENTITY_TYPES = ("person", "organization", "place", "event", "programme", "other")

# Plural headings for the entity index, in the order the index shows them.
ENTITY_TYPE_TITLES = {
    "person": "People",
    "organization": "Organizations",
    "place": "Places",
    "event": "Events",
    "programme": "Programmes",
    "other": "Other",
}


@dataclass(frozen=True)
class Entity:
    """A person, organization, place, event or programme from ``entities.yaml``."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    links: tuple[tuple[str, str], ...] = ()
    review: bool = False

    @cached_property
    def key(self) -> str:
        """Everything about the entity, as text: what pages showing it depend on."""
        return repr(self)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The name and every alias: what a brief may call this entity."""
        return (self.name, *self.aliases)

    @property
    def url(self) -> str:
        return urls.entity_url(self.id)


@dataclass(frozen=True)
class Source:
    """Where a brief's facts come from."""

    title: str
    publisher: str = ""
    url: str = ""
    published: str = ""


@dataclass(frozen=True)
class Event:
    """A dated statement from a brief; ``anchor`` is its stable id on the timeline."""

    date: PartialDate
    title: str
    entities: tuple[str, ...]
    brief_slug: str
    index: int  # position within its brief, for a stable anchor
    phrase: str = ""  # the source wording the date came from, when known

    @cached_property
    def anchor(self) -> str:
        return f"event-{self.brief_slug}-{self.index + 1}"

    @cached_property
    def order(self) -> tuple:
        """Where it sorts among events: by date, then anchor."""
        return (self.date.sort_key(), self.anchor)

    @property
    def url(self) -> str:
        return f"{urls.timeline_section_url(self.section)}#{self.anchor}"

    @cached_property
    def section(self) -> str:
        """The timeline page that lists this event: a year, 'until/<year>' or 'undated'."""
        lower, upper = self.date.lower, self.date.upper
        return urls.timeline_section_of(lower.year if lower else None, upper.year if upper else None)


@dataclass(frozen=True)
class BriefCard:
    """A brief as a listing shows it, and all that a listing's template can read of it: pages
    that list briefs get cards, so their keys (which hold the cards) cover what they show."""

    slug: str
    title: str
    date: date
    summary: str
    draft: bool = False
    tags: tuple[str, ...] = ()
    updated: date | None = None  # the last update, as feeds show it

    @property
    def url(self) -> str:
        return urls.brief_url(self.slug)

    @property
    def shown_updated(self) -> date | None:
        """The update date worth showing: one after the brief's own date."""
        return self.updated if self.updated and self.updated > self.date else None


class Body:
    """A brief's body as (sanitised) HTML, or the promise of it: a brief restored from the build
    cache reads its body only when a page shows it, so a build that makes a few pages does not
    decode every body. Equal when the HTML is."""

    __slots__ = ("_html", "_load")

    def __init__(self, html: str | None = None, load: Callable[[], str] | None = None):
        if (html is None) == (load is None):
            raise ValueError("a Body takes its HTML or a way to load it, not both")
        self._html, self._load = html, load

    @property
    def html(self) -> str:
        if self._html is None:
            self._html, self._load = self._load(), None
        return self._html

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Body) and (self is other or self.html == other.html)

    def __hash__(self) -> int:
        return hash(self.html)

    def __repr__(self) -> str:
        return f"Body({self.html!r})"

    def __reduce__(self):
        return (Body, (self.html,))


@dataclass(frozen=True)
class Brief:
    """One Markdown brief: front matter plus the body rendered to HTML."""

    slug: str
    title: str
    date: date
    summary: str
    body: Body
    word_count: int  # of the Markdown source, for reading time
    sources: tuple[Source, ...] = ()
    entities: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False
    fingerprint: str = ""  # digest of the source file; what the brief's own page depends on
    publish_at: datetime | None = None  # embargo: left off the site until then (timezone-aware)
    updated: date | None = None  # the last update: front matter, or the last git commit if later
    changes: tuple[tuple[date, str], ...] = ()  # "what changed" notes, newest first
    media: tuple[tuple[str, int], ...] = ()  # (image or attachment reference, body line) to resolve
    assets: tuple[tuple[str, str], ...] = ()  # (output path, source file) copied with the brief

    @property
    def url(self) -> str:
        return urls.brief_url(self.slug)

    @property
    def body_html(self) -> str:
        return self.body.html

    @property
    def release(self) -> datetime:
        """When the brief may appear: ``publish_at``, else the start of its date (UTC)."""
        return self.publish_at or datetime.combine(self.date, time.min, timezone.utc)

    @property
    def shown_updated(self) -> date | None:
        return self.card.shown_updated

    @cached_property
    def card(self) -> BriefCard:
        """What a listing of this brief shows; pages that list briefs depend on this only."""
        return BriefCard(self.slug, self.title, self.date, self.summary, self.draft, self.tags, self.updated)

    @cached_property
    def entity_ids(self) -> tuple[str, ...]:
        """Entities the brief names: its list, then any only its events name."""
        ids = dict.fromkeys(self.entities)
        for event in self.events:
            ids.update(dict.fromkeys(event.entities))
        return tuple(ids)

    @cached_property
    def frame_key(self) -> tuple:
        """Everything but the body and sources: what pages other than the brief's own depend on."""
        return (self.card, self.entities, self.events, self.updated, self.assets)


@dataclass(frozen=True)
class MarkdownSettings:
    """``site.yaml``'s ``markdown``: which engine turns brief bodies into HTML, with what.

    ``cmark-gfm`` (the default) renders what GitHub renders; ``python-markdown`` takes
    ``extensions`` (names python-markdown knows, e.g. ``extra``, ``sane_lists``, ``smarty``).
    """

    engine: str = "cmark-gfm"
    extensions: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteConfig:
    """``site.yaml``, validated."""

    root: Path
    title: str
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    author: str = ""
    content_dir: Path = Path("content")
    output_dir: Path = Path("site")
    templates_dir: Path = Path("templates")
    static_dir: Path = Path("static")
    home_briefs: int = 20
    cname: str = ""
    search: bool = True
    archive_page_size: int = 50  # briefs per archive, tag or entity page; events per entity page
    translations: str = ""  # digest of the site's own catalogs for ``language`` (locales/)
    markdown: MarkdownSettings = MarkdownSettings()

    @property
    def briefs_dir(self) -> Path:
        return self.content_dir / "briefs"

    @property
    def entities_file(self) -> Path:
        return self.content_dir / "entities.yaml"


@dataclass(frozen=True)
class Site:
    """Everything a build renders: config, published briefs (newest first) and entities."""

    config: SiteConfig
    briefs: tuple[Brief, ...]
    entities: dict[str, Entity] = field(default_factory=dict)
    embargoes: tuple[datetime, ...] = ()  # when the briefs held back come out (nothing else of them)
