"""Search: a Pagefind index built with the site, loaded only when a reader starts to search."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import REPO, quality

from generator.engine import SiteBuilder, build
from generator.write import search
from generator.write.search import SHARDS_FILE, UNUSED


@pytest.fixture(scope="module")
def built_sample(tmp_path_factory) -> Path:
    """The sample site, built once for this module (published under /briefing/)."""
    return build(REPO, output_dir=tmp_path_factory.mktemp("sample") / "site").output_dir


def test_build_indexes_briefs_and_entities_for_search(built_sample):
    shards = json.loads((built_sample / "pagefind" / SHARDS_FILE).read_text())["shards"]
    assert [shard["path"] for shard in shards] == ["0/"]  # a small site is one shard
    bundle = built_sample / "pagefind" / "0"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list(bundle.glob("wasm.*")) and list((bundle / "fragment").iterdir())
    assert not [name for name in UNUSED if (bundle / name).exists()]  # we use pagefind.js alone
    assert "pagefind/0/pagefind.js" in (built_sample / ".briefing-manifest.json").read_text()
    assert indexed_pages(built_sample) == len(list(built_sample.glob("briefs/*/index.html"))) + len(
        list(built_sample.glob("entities/*/index.html"))
    )
    brief = (built_sample / "briefs" / "milex-track-record" / "index.html").read_text()
    assert "data-pagefind-body" in brief and 'data-pagefind-meta="kind:brief"' in brief
    for page in ("index.html", "timeline/index.html", "tags/index.html", "search/index.html"):
        assert "data-pagefind-body" not in (built_sample / page).read_text(), page


def indexed_pages(site: Path) -> int:
    """Pages in the search index, over all its shards."""
    total = 0
    for entry in (site / "pagefind").glob("*/pagefind-entry.json"):
        total += sum(
            language["page_count"] for language in json.loads(entry.read_text())["languages"].values()
        )
    return total


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
        assert page.locator("#search-status").text_content() == f"Results for “programme”: {everything}"
        page.select_option("#search-kind", "brief")
        page.wait_for_function("() => location.search.includes('kind=brief')")
        page.wait_for_function(
            "n => /^Results for “programme”: \\d+$/.test(document.querySelector('#search-status').textContent)"
            " && document.querySelectorAll('#search-results .search-result').length < n",
            arg=everything,
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


def search_urls(browser, site: Path, query: str) -> list[str]:
    """The result links a reader gets for ``query`` on the site's search page."""
    with quality.serve(site, "/briefing/") as root:
        page = browser.new_page()
        page.goto(root + "search/?q=" + query)
        page.locator("#search-results .search-result").first.wait_for()
        page.wait_for_function(
            "() => document.querySelector('#search-status').textContent.startsWith('Results')"
        )
        urls = page.locator("#search-results .search-result a").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)"
        )
        page.close()
    return sorted(urls)


def test_a_sharded_index_searches_like_one(built_sample, sample_site, tmp_path, browser, monkeypatch):
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 4)
    sharded = build(sample_site, output_dir=tmp_path / "sharded").output_dir
    shards = json.loads((sharded / "pagefind" / SHARDS_FILE).read_text())["shards"]
    assert len(shards) >= 3
    assert indexed_pages(sharded) == indexed_pages(built_sample)  # every page in exactly one shard
    spread = set()
    for query in ("Lukashenko", "programme"):
        one = search_urls(browser, built_sample, query)
        assert len(one) > 1 and search_urls(browser, sharded, query) == one
        spread |= {search.shard_of(url.removeprefix("/briefing/") + "index.html", len(shards)) for url in one}
    assert len(spread) > 1  # the results came from more than one shard


def test_an_edit_reindexes_only_the_shard_holding_the_page(sample_site, monkeypatch):
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 4)
    out = build(sample_site, use_cache=True).output_dir
    count = len(json.loads((out / "pagefind" / SHARDS_FILE).read_text())["shards"])
    inodes = {entry.parent.name: entry.stat().st_ino for entry in out.glob("pagefind/*/pagefind-entry.json")}
    brief = next((sample_site / "content" / "briefs").glob("*.md"))
    brief.write_text(
        brief.read_text(encoding="utf-8") + "\nA closing line about zeppelins.\n", encoding="utf-8"
    )
    build(sample_site, use_cache=True)
    edited = str(search.shard_of(f"briefs/{brief.stem}/index.html", count))
    after = {entry.parent.name: entry.stat().st_ino for entry in out.glob("pagefind/*/pagefind-entry.json")}
    assert after.keys() == inodes.keys()
    assert [shard for shard in after if after[shard] != inodes[shard]] == [edited]
    fragments = (out / "pagefind" / edited / "fragment").iterdir()
    assert any(b"zeppelins" in gzip.decompress(f.read_bytes()) for f in fragments)


def test_a_removed_page_leaves_the_index(sample_site):
    out = build(sample_site, use_cache=True).output_dir
    before, entities_before = indexed_pages(out), len(list(out.glob("entities/*/index.html")))
    brief = next((sample_site / "content" / "briefs").glob("*.md"))
    brief.unlink()
    build(sample_site, use_cache=True)
    entities_gone = entities_before - len(list(out.glob("entities/*/index.html")))
    assert indexed_pages(out) == before - 1 - entities_gone  # and the entities only it named


def test_no_search_skips_the_index_for_one_build(tiny_site):
    from generator.cli import main

    assert main(["build", "--root", str(tiny_site), "--no-search"]) == 0
    out = tiny_site / "site"
    assert not (out / "pagefind").exists() and (out / "index.html").is_file()
    assert main(["build", "--root", str(tiny_site)]) == 0  # site.yaml has search on: back it comes
    assert (out / "pagefind" / SHARDS_FILE).is_file()
