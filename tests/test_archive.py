"""The archive and paginated listings: every brief reachable in pages of a bounded size, and
one slug rule for every script."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import write_brief

from generator.engine import SiteBuilder, build
from generator.errors import ConfigError, ContentError
from generator.load.config import load_config


class Links(HTMLParser):
    """The links, rel links, headings and list items of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.rel: dict[str, str] = {}
        self.h2: list[str] = []
        self.current = ""
        self._in_h2 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
            if attrs.get("aria-current") == "page":
                self.current = attrs["href"]
        if tag == "link" and attrs.get("rel") in ("prev", "next"):
            self.rel[attrs["rel"]] = attrs["href"]
        self._in_h2 = tag == "h2" or (self._in_h2 and tag != "h2")
        if tag == "h2":
            self.h2.append("")

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        if self._in_h2:
            self.h2[-1] += data


@pytest.fixture
def many_briefs(tiny_site: Path) -> Path:
    """The tiny site with 8 briefs over three months, all tagged 'people' and naming Jane Roe,
    and pages of 3."""
    (tiny_site / "site.yaml").write_text("title: Tiny desk\nbase_url: /\narchive_page_size: 3\n")
    for n in range(2, 9):
        month = 1 + n // 3
        write_brief(
            tiny_site,
            f"brief-{n}",
            f"""
            title: Brief number {n}
            date: 2025-{month:02d}-{n:02d}
            summary: Jane Roe again.
            entities: [jane-roe]
            tags: [people]
            """,
        )
    return tiny_site


def rel(page: Links, url: str) -> dict[str, str]:
    """The page's rel=prev/next links, resolved against its own URL."""
    return {name: urljoin("/" + url, href) for name, href in page.rel.items()}


def brief_links(html: str) -> list[str]:
    return re.findall(r'<a href="\.\./(?:\.\./)*briefs/([a-z0-9-]+)/">', html)


def test_archive_lists_every_brief_newest_first_in_pages(many_briefs):
    out = build(many_briefs).output_dir
    pages = [
        out / "briefs" / "index.html",
        *(out / "briefs" / "page" / str(n) / "index.html" for n in (2, 3)),
    ]
    assert all(p.is_file() for p in pages) and not (out / "briefs" / "page" / "4").exists()
    listed = [slug for p in pages for slug in brief_links(p.read_text())]
    assert listed == ["first", "brief-8", "brief-7", "brief-6", "brief-5", "brief-4", "brief-3", "brief-2"]
    first, second, last = (Links(p.read_text()) for p in pages)
    assert rel(first, "briefs/") == {"next": "/briefs/page/2/"}
    assert rel(second, "briefs/page/2/") == {"prev": "/briefs/", "next": "/briefs/page/3/"}
    assert rel(last, "briefs/page/3/") == {"prev": "/briefs/page/2/"}
    assert second.h2 == ["March 2025", "February 2025"]  # grouped by month, newest first
    assert "8 briefs, newest first. Page 1 of 3." in pages[0].read_text()
    assert urljoin("/briefs/page/2/", second.current) == "/briefs/page/2/"  # the pager marks its page
    home = (out / "index.html").read_text()
    assert 'href="briefs/"' in home  # the home page links to the archive
    sitemap = (out / "sitemap.xml").read_text()
    for url in ("briefs/", "briefs/page/2/", "briefs/page/3/", "tags/people/page/3/", "timeline/2025/"):
        assert f"<loc>/{url}</loc>" in sitemap


def test_tag_and_entity_pages_paginate_the_same_way(many_briefs):
    out = build(many_briefs).output_dir
    tag_pages = [
        out / "tags" / "people" / "index.html",
        out / "tags" / "people" / "page" / "3" / "index.html",
    ]
    assert all(p.is_file() for p in tag_pages) and not (out / "tags" / "people" / "page" / "4").exists()
    assert rel(Links(tag_pages[1].read_text()), "tags/people/page/3/") == {"prev": "/tags/people/page/2/"}
    assert "8 briefs" in tag_pages[0].read_text()
    assert len(brief_links(tag_pages[0].read_text())) == 3
    entity = out / "entities" / "jane-roe"
    assert (entity / "page" / "3" / "index.html").is_file() and not (entity / "page" / "4").exists()
    page3 = (entity / "page" / "3" / "index.html").read_text()
    assert "Often named with" not in page3 and "data-pagefind-body" not in page3  # search sees page 1
    assert "8 briefs" in page3 and "Page 3 of 3" not in page3
    assert "<title>Jane Roe · page 3 of 3 · Tiny desk</title>" in page3


def test_an_edit_renders_only_the_listing_pages_that_show_it(many_briefs):
    builder = SiteBuilder(many_briefs)
    builder.rebuild()
    path = many_briefs / "content" / "briefs" / "brief-2.md"  # the oldest: on the last page
    path.write_text(path.read_text().replace("Brief number 2", "Brief number two"))
    changed = set(builder.rebuild().changed)
    assert "briefs/page/3/index.html" in changed and "tags/people/page/3/index.html" in changed
    assert not {"briefs/index.html", "briefs/page/2/index.html", "tags/people/index.html"} & changed


def test_archive_page_size_is_validated(tiny_site):
    for value, message in (("0", "at least 1"), ("many", "must be int")):
        (tiny_site / "site.yaml").write_text(f"title: T\narchive_page_size: {value}\n")
        with pytest.raises(ConfigError, match=message):
            load_config(tiny_site)
    (tiny_site / "site.yaml").write_text("title: T\n")
    assert load_config(tiny_site).archive_page_size == 50


def test_tags_and_file_names_in_any_script_get_readable_slugs(tiny_site):
    write_brief(
        tiny_site,
        "Россия-и-Беларусь",
        "title: R\ndate: 2025-01-02\nsummary: S.\ntags: [Россия, Gdańsk, Łódź]",
    )
    out = build(tiny_site).output_dir
    assert (out / "briefs" / "rossiya-i-belarus" / "index.html").is_file()
    for slug, name in (("rossiya", "Россия"), ("gdansk", "Gdańsk"), ("lodz", "Łódź")):
        assert f"<h1>{name}</h1>" in (out / "tags" / slug / "index.html").read_text()


def test_two_tags_with_one_slug_are_an_error_naming_both_files(tiny_site):
    write_brief(tiny_site, "a", "title: A\ndate: 2025-01-02\nsummary: S.\ntags: [Россия]")
    write_brief(tiny_site, "b", "title: B\ndate: 2025-01-03\nsummary: S.\ntags: [Rossiya, RUSSIA]")
    write_brief(tiny_site, "c", "title: C\ndate: 2025-01-04\nsummary: S.\ntags: [россия, Russia]")
    with pytest.raises(ContentError) as caught:
        build(tiny_site)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 1  # 'россия' is 'Россия' in other case; 'Russia' and 'RUSSIA' are one tag
    assert "b.md" in messages[0] and "a.md" in messages[0]
    assert "tag 'Rossiya' has the same slug 'rossiya' as tag 'Россия'" in messages[0]


def test_two_brief_files_with_one_transliterated_slug_are_an_error(tiny_site):
    write_brief(tiny_site, "Россия", "title: A\ndate: 2025-01-02\nsummary: S.")
    write_brief(tiny_site, "rossiya", "title: B\ndate: 2025-01-03\nsummary: S.")
    with pytest.raises(ContentError) as caught:
        build(tiny_site)
    message = " ".join(str(p) for p in caught.value.problems)
    assert "Россия.md" in message and "rossiya.md" in message and "'rossiya'" in message


def test_the_entity_and_tag_indexes_stay_bounded(tiny_site):
    (tiny_site / "site.yaml").write_text("title: Tiny desk\nbase_url: /\narchive_page_size: 1\n")
    entities = tiny_site / "content" / "entities.yaml"
    entities.write_text(entities.read_text() + "john-doe:\n  name: John Doe\n  type: person\n")
    write_brief(
        tiny_site,
        "second",
        "title: S\ndate: 2025-04-01\nsummary: S.\nentities: [john-doe, jane-roe]\ntags: [budget]",
    )
    out = build(tiny_site).output_dir
    index = (out / "entities" / "index.html").read_text()
    assert "Jane Roe" in index and "John Doe" not in index  # a page of the most named per type
    assert 'href="../entities/type/person/"' in index and "All of them, by name (2)" in index
    people = [
        out / "entities" / "type" / "person" / "index.html",
        out / "entities" / "type" / "person" / "page" / "2" / "index.html",
    ]
    assert "Jane Roe" in people[0].read_text() and "John Doe" in people[1].read_text()
    assert 'href="../../entities/type/person/"' in (out / "entities" / "jane-roe" / "index.html").read_text()
    assert (out / "tags" / "page" / "2" / "index.html").is_file()  # two tags, one a page
    assert "<loc>/entities/type/person/page/2/</loc>" in (out / "sitemap.xml").read_text()


def test_the_archive_jumps_to_each_year(tiny_site):
    (tiny_site / "site.yaml").write_text("title: Tiny desk\nbase_url: /\narchive_page_size: 2\n")
    for year in (2022, 2023, 2024):
        for day in (1, 2, 3):
            write_brief(tiny_site, f"b{year}-{day}", f"title: B\ndate: {year}-06-0{day}\nsummary: S.")
    out = build(tiny_site).output_dir
    first = (out / "briefs" / "index.html").read_text()
    jumps = re.findall(r'<a href="([^"]+)#y(\d{4})">', first)
    assert [year for _, year in jumps] == ["2025", "2024", "2023", "2022"]
    # 10 briefs, 2 a page: 2024's newest is the 2nd brief (page 1), 2023's the 5th (page 3)
    assert dict((y, urljoin("/briefs/", href)) for href, y in jumps)["2023"] == "/briefs/page/3/"
    assert 'id="y2023"' in (out / "briefs" / "page" / "3" / "index.html").read_text()


def test_the_pager_shows_a_bounded_run_of_page_numbers():
    from generator.pages import Pager

    pager = Pager("briefs/", 10, 20, 1000)
    assert pager.numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert (pager.prev, pager.next) == ("briefs/page/9/", "briefs/page/11/")
    first = Pager("tags/x/", 1, 3, 120)
    assert first.numbers == [1, 2, 3] and first.prev is None and first.url(1) == "tags/x/"
    assert Pager("briefs/", 1, 1, 0).numbers == [1]
