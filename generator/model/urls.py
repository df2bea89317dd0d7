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


def event_url(anchor: str) -> str:
    return f"{TIMELINE}#{anchor}"


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
