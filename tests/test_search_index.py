"""The search index: Pagefind fed page by page, and never a broken bundle taken for a good one."""

from __future__ import annotations

import pytest

from generator.engine import build
from generator.errors import SearchError
from generator.files import tree_digest
from generator.write import search


def test_a_bundle_with_an_empty_or_missing_file_is_refused(tmp_path):
    bundle = tmp_path / "0"
    bundle.mkdir()
    (bundle / "pagefind.js").write_text("export {}")
    with pytest.raises(SearchError, match=r"missing \['pagefind-entry\.json'\]"):
        search._check_bundle(bundle)
    (bundle / "pagefind-entry.json").write_text("")
    with pytest.raises(SearchError, match=r"empty \['pagefind-entry\.json'\]"):
        search._check_bundle(bundle)
    (bundle / "pagefind-entry.json").write_text("{}")
    search._check_bundle(bundle)
    entry = {"files": tree_digest(bundle)}
    (bundle / "pagefind.js").write_text("")  # emptied after the build that listed it
    assert not search._copy_shard(bundle, tmp_path / "new", {"files": tree_digest(bundle)})
    assert not search._copy_shard(bundle, tmp_path / "new", entry)


def test_pagefind_is_fed_the_pages_without_a_folder_of_links(tmp_path):
    site = tmp_path / "site"
    for name in ("a", "b"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(
            f"<html><body data-pagefind-body><h1>Page {name}</h1><p>Words about {name}.</p></body></html>"
        )
    pages = {"a/index.html": "1", "b/index.html": "2"}
    search.index_site(site, pages, tmp_path / "bundle")
    assert (tmp_path / "bundle" / "0" / "pagefind-entry.json").stat().st_size > 0
    assert sorted(p.name for p in site.iterdir()) == ["a", "b"]  # nothing left beside the pages
    assert not list((tmp_path / "bundle").glob(".shard-*"))


def test_pagefind_is_sent_the_indexed_element_and_builds_the_same_index(sample_site, tmp_path, monkeypatch):
    site = build(sample_site, output_dir=tmp_path / "site", search=False).output_dir
    pages = {p.relative_to(site).as_posix(): "1" for p in site.rglob("*.html")}
    brief = (site / "briefs" / "milex-track-record" / "index.html").read_bytes()
    part = search.indexed_part(brief)
    assert part.startswith(b'<html lang="en"') and b"<title>" in part and b"<nav" not in part
    assert part.count(b"data-pagefind-body") == 1 and len(part) < len(brief) / 2
    search.index_site(site, pages, tmp_path / "part")
    monkeypatch.setattr(search, "indexed_part", lambda html: html)
    search.index_site(site, pages, tmp_path / "whole")
    assert tree_digest(tmp_path / "part") == tree_digest(tmp_path / "whole")  # byte for byte


@pytest.mark.parametrize(
    "page",
    [
        '<html><body><img src="a.png"><main data-pagefind-body><h1>T</h1></main></body></html>',
        "<html><body><h1>Outside</h1><main data-pagefind-body><p>x</p></main></body></html>",
        '<html><body><main data-pagefind-body><p>x</p></main><p data-pagefind-meta="m:v"></p></body></html>',
        "<html><body><div data-pagefind-body>a</div><div data-pagefind-body>b</div></body></html>",
        "<html><body><!-- <div data-pagefind-body> --><div>a</div></body></html>",
        "<html><body><div data-pagefind-body><!-- </div> -->a</div></body></html>",
        "<html><body><div data-pagefind-body><div>a</div></body></html>",
        "<body><div data-pagefind-body>a</div></body>",
    ],
)
def test_a_page_is_sent_whole_when_pagefind_may_read_more_of_it(page):
    assert search.indexed_part(page.encode()) == page.encode()


def test_the_indexed_element_is_cut_where_it_ends():
    page = (
        '<HTML lang="fr"><head><title>T</title><script>"<div>"</script></head><body><nav>n</nav>'
        "<DIV class=x data-pagefind-body><div>a</div><Div>b</Div></div><footer>f</footer></body></HTML>"
    )
    assert search.indexed_part(page.encode()) == (
        b'<HTML lang="fr"><head><title>T</title></head><body>'
        b"<DIV class=x data-pagefind-body><div>a</div><Div>b</Div></div></body></html>"
    )


def test_the_manifest_holds_each_search_file_as_it_is_after_a_rebuild(sample_site, monkeypatch):
    """The writer takes the bundle's digests from the indexer (it read or wrote every file);
    they must be the files' own, for the shards made anew and for those linked unchanged."""
    import json

    from generator.files import digest
    from generator.write.writer import MANIFEST

    def check(site):
        manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        bundle = {rel: value for rel, value in manifest.items() if rel.startswith("pagefind/")}
        on_disk = {p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*") if p.is_file()}
        assert set(bundle) == on_disk and len(bundle) > 10
        assert all(digest((site / rel).read_bytes()) == value for rel, value in bundle.items())

    monkeypatch.setattr(search, "PAGES_PER_SHARD", 3)  # shards an edit leaves alone are linked
    first = build(sample_site, use_cache=True)
    check(first.output_dir)
    shards = len(json.loads((first.output_dir / "pagefind" / search.SHARDS_FILE).read_text())["shards"])
    brief = next((sample_site / "content" / "briefs").glob("*.md"))
    brief.write_text(
        brief.read_text(encoding="utf-8") + "\nOne more searchable sentence.\n", encoding="utf-8"
    )
    again = build(sample_site, use_cache=True)
    changed_shards = {
        rel.split("/")[1] for rel in again.changed if rel.startswith("pagefind/") and rel.count("/") > 1
    }
    assert shards > 2 and 1 <= len(changed_shards) < shards
    check(again.output_dir)
