"""The live preview's builder: each save re-renders what it must, and the result equals a clean build."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cache import site_files

from generator.engine import SiteBuilder, build

pytestmark = pytest.mark.usefixtures("worker_path")


@pytest.fixture
def live(tiny_site: Path, tmp_path: Path) -> SiteBuilder:
    (tiny_site / "site.yaml").write_text("title: Tiny desk\nbase_url: /\nsearch: false\n", encoding="utf-8")
    builder = SiteBuilder(tiny_site, output_dir=tmp_path / "preview", live=True)
    builder.rebuild()
    return builder


def assert_same_as_clean_build(builder: SiteBuilder, tmp_path: Path) -> None:
    clean = build(builder.root, output_dir=tmp_path / "clean")
    preview = site_files(builder.output_dir)
    expected = site_files(clean.output_dir)
    preview.pop(".briefing-manifest.json")
    expected.pop(".briefing-manifest.json")
    assert preview == expected


def edit(root: Path, old: str, new: str) -> None:
    path = root / "content" / "briefs" / "first.md"
    path.write_text(path.read_text().replace(old, new), encoding="utf-8")


def test_a_body_edit_renders_only_the_brief(live, tmp_path):
    edit(live.root, "The AA said little.", "The AA said little. A new sentence about the weather.")
    result = live.rebuild()
    assert result.rendered == 1 and result.changed == ("briefs/first/index.html",)
    assert "about the weather" in (live.output_dir / "briefs" / "first" / "index.html").read_text()
    assert_same_as_clean_build(live, tmp_path)


def test_a_body_edit_that_changes_a_snippet_updates_the_entity_page(live, tmp_path):
    edit(
        live.root, "Jane Roe joined the Acme Agency in March.", "In March, Jane Roe moved to the Acme Agency."
    )
    result = live.rebuild()
    assert "entities/acme-agency/index.html" in result.changed
    assert (
        "moved to the Acme Agency"
        in (live.output_dir / "entities" / "acme-agency" / "index.html").read_text()
    )
    assert_same_as_clean_build(live, tmp_path)


def test_a_title_edit_takes_the_full_path(live, tmp_path):
    edit(live.root, "title: First brief", "title: First brief, retitled")
    result = live.rebuild()
    assert {"index.html", "briefs/first/index.html", "timeline/2025/index.html"} <= set(result.changed)
    assert "timeline/index.html" not in result.changed  # the front page shows counts, not titles
    assert_same_as_clean_build(live, tmp_path)


def test_repeated_edits_stay_consistent(live, tmp_path):
    for n in range(3):
        edit(live.root, "The AA said little.", f"The AA said little. Edit {n}.")
        live.rebuild()
        edit(live.root, f"The AA said little. Edit {n}.", "The AA said little.")
        live.rebuild()
    edit(live.root, "title: First brief", "title: Renamed")
    live.rebuild()
    assert_same_as_clean_build(live, tmp_path)


def test_a_change_set_from_the_watcher_limits_what_is_looked_at(live, tmp_path):
    """Told which files changed, the builder reads just those: a save costs work in proportion
    to what changed. A file it was not told about waits for a rebuild that is not told."""
    from conftest import write_brief

    briefs = live.root / "content" / "briefs"
    write_brief(live.root, "second", "title: Second\ndate: 2025-04-01\nsummary: S.", "Second body.")
    live.rebuild()
    edit(live.root, "The AA said little.", "The AA said little. Told.")
    second = briefs / "second.md"
    second.write_text(second.read_text().replace("Second body.", "Second body. Untold."), encoding="utf-8")
    result = live.rebuild(changed=[str(briefs / "first.md")])
    assert result.changed == ("briefs/first/index.html",)
    assert "Untold" not in (live.output_dir / "briefs" / "second" / "index.html").read_text()
    live.rebuild()  # no change set: everything is checked
    assert "Untold" in (live.output_dir / "briefs" / "second" / "index.html").read_text()
    assert_same_as_clean_build(live, tmp_path)


def test_a_template_change_in_a_change_set_rerenders_the_pages(live, tmp_path):
    templates = live.root / "templates"
    templates.mkdir()
    base = templates / "base.html"
    from generator.render.theme import default_theme_dir

    base.write_text((default_theme_dir() / "base.html").read_text().replace("<body", "<body data-x=1"))
    result = live.rebuild(changed=[str(base)])
    assert "index.html" in result.changed
    assert_same_as_clean_build(live, tmp_path)
