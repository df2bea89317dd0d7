"""A one-brief edit makes again only the pages whose dependency tags it touched, and the site it
leaves is the one a clean build makes, byte for byte, for every kind of edit."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generator.engine import SiteBuilder, build
from generator.engine.report import Reporter
from generator.index import build_index
from generator.load import load_site
from generator.load.config import load_config
from generator.pages import related_to

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from corpus import write_corpus

BRIEF = "brief-00007.md"


def _front(text: str, field: str, value: str) -> str:
    return re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M)


EDITS = {
    "body": lambda t: t + "\nOne more closing sentence about the Hugo Petrov 12 talks.\n",
    "title": lambda t: _front(t, "title", '"A retitled brief"'),
    "summary": lambda t: _front(t, "summary", '"A new bottom line."'),
    "date": lambda t: _front(t, "date", '"2019-06-01"'),
    "entity added": lambda t: _front(t, "entities", '["e1", "e2", "e3", "e4"]'),
    "entity removed": lambda t: _front(t, "entities", "[]"),
    "events": lambda t: _front(
        t,
        "events",
        '[{"date": "2011-03", "title": "A new event", "entities": ["e5"], "phrase": "in March 2011"}]',
    ),
    "no events": lambda t: _front(t, "events", "[]"),
    "tag added": lambda t: t.replace("\ntags: [", '\ntags: ["topic-1", ', 1),
    "new tag": lambda t: _front(t, "tags", '["brand-new"]'),
    "tag spelling": lambda t: t.replace('\ntags: ["topic-', '\ntags: ["Topic-', 1),
    "sources": lambda t: _front(
        t, "sources", '[{"title": "Another report", "publisher": "Desk", "url": "https://example.org/x"}]'
    ),
    "updated": lambda t: t.replace("\ntags:", '\nupdated: "2031-07-01"\ntags:', 1),
}


class Counting(Reporter):
    def __init__(self) -> None:
        self.made: int | None = None

    def phase(self, name: str, total: int = 0) -> None:
        if name == "render":
            self.made = total


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    write_corpus(root, 60, 24)
    with (root / "site.yaml").open("a", encoding="utf-8") as f:
        f.write("search: false\narchive_page_size: 10\n")
    for n in range(0, 60, 3):  # some briefs share tags, so related lists and tag pages overlap
        path = root / "content" / "briefs" / f"brief-{n:05d}.md"
        path.write_text(_front(path.read_text(), "tags", '["topic-1", "topic-2"]'))
    return root


def _rebuild_noting_pages(corpus: Path):
    """A cached rebuild of ``corpus``, and the URL of every page it made a spec for."""
    made: list[str] = []
    builder = SiteBuilder(corpus, use_cache=True)
    original = builder.page_digest

    def noting(spec, salt):
        made.append(spec.url)
        return original(spec, salt)

    builder.page_digest = noting
    return builder.rebuild(), made


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edit_in_a_new_process_equals_a_clean_build(corpus: Path, tmp_path: Path, edit: str) -> None:
    build(corpus, use_cache=True)
    brief = corpus / "content" / "briefs" / BRIEF
    brief.write_text(EDITS[edit](brief.read_text()))
    counting = Counting()
    warm = build(corpus, use_cache=True, reporter=counting)
    clean = build(corpus, output_dir=tmp_path / "clean")
    assert files(warm.output_dir) == files(clean.output_dir)
    total = sum(clean.pages.values()) - clean.pages["static"]
    if edit == "new tag":  # a new page: every page is made again
        assert counting.made == total
    else:
        assert counting.made is not None and counting.made < total  # not every page was made again
    if edit in ("body", "sources"):
        # its page, its six entities' pages (two each) and feeds, its three tags' pages and feeds
        assert counting.made <= 24


@pytest.mark.usefixtures("worker_path")  # in this process, and down the forked-worker path
def test_edits_in_one_process_equal_clean_builds(corpus: Path, tmp_path: Path) -> None:
    builder = SiteBuilder(corpus, use_cache=True)
    builder.rebuild()
    brief = corpus / "content" / "briefs" / BRIEF
    for number, edit in enumerate(sorted(EDITS)):
        brief.write_text(EDITS[edit](brief.read_text()))
        warm = builder.rebuild()
        clean = build(corpus, output_dir=tmp_path / f"clean-{number}")
        assert files(warm.output_dir) == files(clean.output_dir), edit


def test_a_brief_added_makes_every_page_again(corpus: Path) -> None:
    build(corpus, use_cache=True)
    added = corpus / "content" / "briefs" / "brief-99999.md"
    added.write_text((corpus / "content" / "briefs" / BRIEF).read_text().replace("Brief 7:", "Brief new:"))
    counting = Counting()
    result = build(corpus, use_cache=True, reporter=counting)
    assert counting.made == sum(result.pages.values()) - result.pages["static"]


def test_a_title_edit_makes_only_the_listing_pages_that_show_the_brief(corpus: Path) -> None:
    """A retitled brief keeps its place: of the archive's pages only the one showing it is made
    again, and none of the timeline's pages that hold none of its events."""
    build(corpus, use_cache=True)
    before = {p.relative_to(corpus / "site").as_posix() for p in (corpus / "site").rglob("*.html")}
    brief = corpus / "content" / "briefs" / BRIEF
    brief.write_text(EDITS["title"](brief.read_text()))
    _, made = _rebuild_noting_pages(corpus)
    archive = [u for u in made if u == "briefs/" or u.startswith("briefs/page/")]
    assert len(archive) == 1, archive
    assert sum(1 for rel in before if rel.startswith("briefs/page/")) > 3  # the archive has more pages
    years = set(re.findall(r'"date": "(\d{4})', brief.read_text()))
    timeline_years = [u for u in made if re.fullmatch(r"timeline/\d{4}/", u)]
    assert timeline_years and all(u[9:13] in years for u in timeline_years), (timeline_years, years)


def test_an_event_edit_makes_only_the_timeline_pages_of_its_events(corpus: Path, tmp_path: Path) -> None:
    """A timeline page shows only its own events: an edit of a brief's events makes again the
    pages of its old and new events (and the front page, lookup and data), not every year's."""
    build(corpus, use_cache=True)
    brief = corpus / "content" / "briefs" / BRIEF
    old_years = set(re.findall(r'"date": "(\d{4})', brief.read_text()))
    years = sorted(p.name for p in (corpus / "site" / "timeline").iterdir() if p.name.isdigit())
    new_year = next(y for y in years if y not in old_years)  # a page that exists already
    event = (
        f'[{{"date": "{new_year}-03", "title": "A moved event", "entities": ["e5"], "phrase": "in March"}}]'
    )
    brief.write_text(_front(brief.read_text(), "events", event))
    warm, made = _rebuild_noting_pages(corpus)
    made_years = {u[9:13] for u in made if re.fullmatch(r"timeline/\d{4}/", u)}
    assert new_year in made_years and made_years <= old_years | {new_year}, (made_years, old_years)
    assert len(years) > len(old_years) + 1  # other years' pages were not made
    assert {"timeline/", "timeline.json"} <= set(made)
    clean = build(corpus, output_dir=tmp_path / "clean")
    assert files(warm.output_dir) == files(clean.output_dir)


@pytest.mark.parametrize("tags", [2, 40])
def test_related_to_names_every_brief_that_lists_it(corpus: Path, tags: int) -> None:
    """``related_to`` looks only at the briefs that can list a brief; a scan of all of them agrees."""
    for n in range(tags):  # more briefs that share only a tag, newest and oldest
        path = corpus / "content" / "briefs" / f"brief-{n:05d}.md"
        text = _front(_front(path.read_text(), "tags", '["topic-9"]'), "entities", "[]")
        path.write_text(_front(text, "events", "[]"))
    index = build_index(load_site(load_config(corpus), parallel=False))
    briefs = index.site.briefs
    for brief in briefs:
        listing = {
            f"b:{b.slug}"
            for b in briefs
            if b.slug != brief.slug and any(r.slug == brief.slug for r in index.related_briefs(b))
        }
        assert related_to(index, brief.slug) == listing, brief.slug
