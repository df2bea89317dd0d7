"""Every page's path and link, in one place: links are page-relative, so a site works at a
domain root and under a sub-path (GitHub project pages) unchanged."""

from __future__ import annotations

from urllib.parse import urlsplit

# Site-relative URLs of the pages that exist once per site ('' is the home page).
HOME = ""
TIMELINE = "timeline/"
TIMELINE_DATA = "timeline.json"
ENTITIES = "entities/"
TAGS = "tags/"
SEARCH = "search/"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"


def brief_url(slug: str) -> str:
    return f"briefs/{slug}/"


def entity_url(entity_id: str) -> str:
    return f"{ENTITIES}{entity_id}/"


def tag_url(slug: str) -> str:
    return f"{TAGS}{slug}/"


def feed_of(page_url: str) -> str:
    """The Atom feed beside a page: 'tags/x/' → 'tags/x/feed.xml'."""
    return page_url + FEED


def output_path(url: str) -> str:
    """Where a page URL lives on disk: 'briefs/x/' → 'briefs/x/index.html'."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url``, both site-relative ('' is home).

    Both are normalized site paths, so the link climbs to the root and descends again:
    'briefs/x/' → 'entities/y/' gives '../../entities/y/'.
    """
    depth = output_path(from_url).count("/")
    link = "../" * depth + to_url
    if not link or link.startswith("#"):
        return "./" + link
    return link


def absolute_url(base_url: str, url: str) -> str:
    """The full URL of a page, for feeds, sitemaps and canonical links."""
    return base_url + url


def base_path(base_url: str) -> str:
    """The path part of base_url: 'https://x.github.io/repo/' → '/repo/'."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


# --- the site's URL patterns: every page kind's path, built here and nowhere else -------------

ARCHIVE = "briefs/"
TIMELINE_LOOKUP = "timeline/events.json"  # event anchor → its timeline page, for old permalinks
OPEN_START_SECTION = "until"  # events known only by when they ended: a page per end year
UNDATED_SECTION = "undated"  # events with no known date


def paginated(first_page: str, number: int) -> str:
    """Page ``number`` (1-based) of a listing whose first page is ``first_page``:
    'briefs/' → 'briefs/page/2/'; page 1 is the listing itself."""
    return first_page if number <= 1 else f"{first_page}page/{number}/"


def archive_url(number: int = 1) -> str:
    return paginated(ARCHIVE, number)


def entity_type_url(kind: str) -> str:
    """Every entity of one type, paginated: 'entities/type/person/' (no entity id clashes:
    an entity 'type' lives at entities/type/index.html)."""
    return f"entities/type/{kind}/"


def timeline_section_url(section: str) -> str:
    """A timeline page: a year ('2025'), 'until/2025' or 'undated' → 'timeline/2025/'."""
    return f"{TIMELINE}{section}/"


def timeline_section_of(first_year: int | None, last_year: int | None) -> str:
    """Which timeline page files an event: the year it may start in, else the year it ended by
    ('until/2025': only its end is known), else 'undated'."""
    if first_year is not None:
        return str(first_year)
    return f"{OPEN_START_SECTION}/{last_year}" if last_year is not None else UNDATED_SECTION
