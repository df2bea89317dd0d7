"""The content model: frozen dataclasses that every later stage reads and none modifies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

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

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias: what a brief may call this entity."""
        return (self.name, *self.aliases)

    @property
    def url(self) -> str:
        return f"entities/{self.id}/"


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

    @property
    def anchor(self) -> str:
        return f"event-{self.brief_slug}-{self.index + 1}"

    @property
    def url(self) -> str:
        return f"timeline/#{self.anchor}"


@dataclass(frozen=True)
class Brief:
    """One Markdown brief: front matter plus the body rendered to HTML."""

    slug: str
    title: str
    date: date
    summary: str
    body_html: str
    word_count: int  # of the Markdown source, for reading time
    sources: tuple[Source, ...] = ()
    entities: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False
    fingerprint: str = ""  # digest of the source file; what the brief's own page depends on

    @property
    def url(self) -> str:
        return f"briefs/{self.slug}/"

    @cached_property
    def card_key(self) -> tuple:
        """What a listing of this brief shows; pages that list briefs depend on this only."""
        return (self.slug, self.title, self.date, self.summary, self.draft)

    @cached_property
    def frame_key(self) -> tuple:
        """Everything but the body and sources: what pages other than the brief's own depend on."""
        return (self.card_key, self.entities, self.events, self.tags)


def brief_entity_ids(brief: Brief) -> tuple[str, ...]:
    """Entities a brief names: its list, then any only its events name."""
    ids = dict.fromkeys(brief.entities)
    for event in brief.events:
        ids.update(dict.fromkeys(event.entities))
    return tuple(ids)


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
