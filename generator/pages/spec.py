"""What a page is before it renders: its spec (URL, template, context, key), its place in the
site's page list, and where it sits in a paginated listing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.model.urls import paginated

PAGE_KINDS = ("home", "archive", "brief", "timeline", "entity", "tag", "feed", "other")


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
class PageEntry:
    """A page in the site's list: its URL and kind now, its spec when ``make`` is called (in
    whichever worker renders it); ``in_sitemap`` for the pages a reader may land on; ``deps``,
    the dependency tags (see ``pages.edit_tags``) of every brief edit that can change its key."""

    url: str
    kind: str
    make: Callable[[], PageSpec]
    in_sitemap: bool = False
    deps: frozenset[str] = frozenset()


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
