"""The search index: Pagefind fed page by page, and never a broken bundle taken for a good one."""

from __future__ import annotations

import pytest

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
