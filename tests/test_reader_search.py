"""Search: a Pagefind index built with the site, loaded only when a reader starts to search."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, quality

from generator.build import SiteBuilder, build
from generator.search import UNUSED


@pytest.fixture(scope="module")
def built_sample(tmp_path_factory) -> Path:
    """The sample site, built once for this module (published under /briefing/)."""
    return build(REPO, output_dir=tmp_path_factory.mktemp("sample") / "site").output_dir


def test_build_indexes_briefs_and_entities_for_search(built_sample):
    bundle = built_sample / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list(bundle.glob("wasm.*")) and list((bundle / "fragment").iterdir())
    assert not [name for name in UNUSED if (bundle / name).exists()]  # we use pagefind.js alone
    assert "pagefind/pagefind.js" in (built_sample / ".briefing-manifest.json").read_text()
    brief = (built_sample / "briefs" / "milex-track-record" / "index.html").read_text()
    assert "data-pagefind-body" in brief and 'data-pagefind-meta="kind:brief"' in brief
    for page in ("index.html", "timeline/index.html", "tags/index.html", "search/index.html"):
        assert "data-pagefind-body" not in (built_sample / page).read_text(), page


def test_every_page_has_a_search_box_that_works_as_a_plain_form(built_sample):
    for page in built_sample.rglob("*.html"):
        html = page.read_text()
        rel = page.relative_to(built_sample).as_posix()
        if rel == "search/index.html":
            assert "data-search-page" in html and 'name="q"' in html
            continue
        assert 'role="search"' in html and 'name="q"' in html, rel
    assert 'action="/briefing/search/"' in (built_sample / "404.html").read_text()
    assert (
        'action="../../search/"'
        in (built_sample / "briefs" / "milex-track-record" / "index.html").read_text()
    )


def test_search_can_be_turned_off_and_the_live_preview_skips_it(tiny_site, tmp_path):
    live = SiteBuilder(tiny_site, output_dir=tmp_path / "preview", live=True)
    live.rebuild()
    assert not (tmp_path / "preview" / "pagefind").exists()
    assert (tmp_path / "preview" / "search" / "index.html").is_file()
    (tiny_site / "site.yaml").write_text("title: Tiny desk\nsearch: false\n", encoding="utf-8")
    out = build(tiny_site).output_dir
    assert not (out / "pagefind").exists() and (out / "index.html").is_file()


def test_pagefind_loads_only_when_the_reader_starts_to_search(built_sample, browser):
    with quality.serve(built_sample, "/briefing/") as root:
        page = browser.new_page()
        fetched: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: fetched.append(r.url))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(root + "entities/belarus/")
        page.wait_for_load_state("networkidle")
        assert not [u for u in fetched if "/pagefind/" in u]  # nothing for search on a page view
        page.focus("#site-search-q")
        page.wait_for_function(
            "() => performance.getEntriesByType('resource').some(r => r.name.includes('pagefind.js'))"
        )
        page.fill("#site-search-q", "Lukashenko")
        first = page.locator("#site-search-results .search-result a").first
        first.wait_for()
        href = first.get_attribute("href")
        assert href.startswith("/briefing/")  # under the sub-path the site is served from
        assert page.locator("#site-search-results").get_attribute("aria-label") == "Search results"
        page.keyboard.press("ArrowDown")
        assert page.evaluate("() => document.activeElement.closest('.search-result') !== null")
        page.keyboard.press("Escape")
        assert page.locator("#site-search-results").is_hidden()
        assert page.locator("#site-search-q").input_value() == "Lukashenko"
        page.keyboard.press("ArrowDown")  # closed: stays in the box
        page.fill("#site-search-q", "lukashenko")  # typing again reopens the results
        first.click()
        page.wait_for_url("**" + href)
        assert page.locator("h1").is_visible()
        assert errors == []
        page.close()


def test_search_page_reads_the_query_and_kind_from_the_url(built_sample, browser):
    with quality.serve(built_sample, "/briefing/") as root:
        page = browser.new_page()
        page.goto(root + "search/?q=programme")
        page.locator("#search-results .search-result").first.wait_for()
        everything = page.locator("#search-results .search-result").count()
        assert page.locator("#search-q").input_value() == "programme"
        assert "results for “programme”" in page.locator("#search-status").text_content()
        page.select_option("#search-kind", "brief")
        page.wait_for_function("() => location.search.includes('kind=brief')")
        page.wait_for_function(
            "() => document.querySelector('#search-status').textContent.includes('briefs for')"
        )
        kinds = page.locator("#search-results .search-result .meta").all_text_contents()
        assert kinds and all("Brief" in k for k in kinds) and len(kinds) < everything
        page.close()


def test_without_an_index_search_says_why_instead_of_failing(tiny_site, tmp_path, browser):
    SiteBuilder(tiny_site, output_dir=tmp_path / "preview", live=True).rebuild()
    with quality.serve(tmp_path / "preview") as root:
        page = browser.new_page()
        page.goto(root)
        page.fill("#site-search-q", "Jane")
        note = page.locator("#site-search-results .search-note")
        note.wait_for()
        assert "built by “briefing build”" in note.text_content()
        page.close()
