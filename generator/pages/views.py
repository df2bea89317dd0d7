"""Key-sized views: what listing pages hand their templates instead of whole model objects.

A template can read only what its context holds, and a page's key holds the same views, so a
site's own template (``home.html`` printing a field of its own choosing, say) can never show
something a rebuild would not notice. Briefs are listed as ``model.BriefCard``s; tags as the
views here.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.model import BriefCard, Entity, urls
from generator.model.dates import PartialDate
from generator.pages.svg import co_mention_svg


@dataclass(frozen=True)
class TimelinePart:
    """A timeline section as ``timeline.json`` shows it: its group title and, for each event, its
    anchor, date (as written), title and its brief's title; ``dates`` are those dates parsed."""

    group: str
    shown: tuple[tuple[str, str, str, str], ...]
    dates: tuple[PartialDate, ...]


@dataclass(frozen=True)
class TagLink:
    """A tag as a brief page links to it."""

    name: str
    slug: str

    @property
    def url(self) -> str:
        return urls.tag_url(self.slug)


@dataclass(frozen=True)
class TagSummary:
    """A tag as the tag index lists it: its name and how many briefs carry it."""

    name: str
    slug: str
    count: int

    @property
    def url(self) -> str:
        return urls.tag_url(self.slug)


@dataclass(frozen=True)
class TagListing:
    """A tag's own page: the cards of the briefs carrying it."""

    name: str
    slug: str
    briefs: tuple[BriefCard, ...]

    @property
    def url(self) -> str:
        return urls.tag_url(self.slug)


@dataclass(frozen=True)
class SectionLink:
    """A timeline page as the timeline's front page links to it: a year, 'until/<year>' or 'undated'."""

    name: str
    year: int | None
    end_year: int | None

    @property
    def url(self) -> str:
        return urls.timeline_section_url(self.name)


@dataclass(frozen=True)
class CoMentionGraph:
    """An entity's co-mention graph, drawn when the template calls it with the graph's title in
    the page's language (a view: what it draws is in its fields, and so in the page's key)."""

    entity: Entity
    co_mentions: tuple[tuple[Entity, int], ...]

    def __call__(self, title: str) -> Markup:
        svg = co_mention_svg(
            self.entity, list(self.co_mentions), "co-mention-graph-title", Markup(title).unescape()
        )
        return Markup(svg)
