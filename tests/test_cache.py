"""The build cache: reused when it may be, invalidated exactly when it must be, never trusted broken."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import jinja2.meta
import pytest
from conftest import write_brief

from generator.engine import SiteBuilder, build, state
from generator.engine.state import cache_path
from generator.errors import OutputError
from generator.render.theme import default_theme_dir
from generator.write.writer import foreign_files

pytestmark = pytest.mark.usefixtures("worker_path")


REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def cached_build(root: Path, **kw):
    return build(root, use_cache=True, **kw)


@pytest.fixture
def desk(tiny_site: Path) -> Path:
    """The tiny site plus a second brief and search off (Pagefind is tested elsewhere)."""
    (tiny_site / "site.yaml").write_text("title: Tiny desk\nbase_url: /\nsearch: false\n", encoding="utf-8")
    write_brief(
        tiny_site,
        "second",
        "title: Second brief\ndate: 2025-04-01\nsummary: The Acme Agency grows.\nentities: [acme-agency]\ntags: [firms]",
        "The Acme Agency opened an office.",
    )
    return tiny_site


def test_warm_build_renders_nothing_and_changes_nothing(desk):
    first = cached_build(desk)
    before = site_files(first.output_dir)
    second = cached_build(desk)
    assert second.rendered == 0 and second.changed == ()
    assert site_files(second.output_dir) == before


def test_cached_and_uncached_builds_are_byte_identical(desk, tmp_path):
    cached_build(desk)
    (desk / "content" / "briefs" / "first.md").write_text(
        (desk / "content" / "briefs" / "first.md").read_text() + "\nA new closing line.\n"
    )
    warm = cached_build(desk, output_dir=desk / "site")
    clean = build(desk, output_dir=tmp_path / "clean")
    assert site_files(warm.output_dir) == site_files(clean.output_dir)


def test_editing_a_brief_rerenders_it_and_what_lists_it(desk):
    cached_build(desk)
    path = desk / "content" / "briefs" / "second.md"
    path.write_text(path.read_text().replace("title: Second brief", "title: Second brief, revised"))
    result = cached_build(desk)
    assert "briefs/second/index.html" in result.changed
    assert "index.html" in result.changed  # the home page lists its title
    assert "entities/acme-agency/index.html" in result.changed
    assert "briefs/first/index.html" in result.changed  # related briefs show the title
    assert "entities/jane-roe/index.html" not in result.changed  # names nothing of it
    assert "revised" in (desk / "site" / "briefs" / "second" / "index.html").read_text()


def test_editing_a_body_only_rerenders_the_brief(desk):
    cached_build(desk)
    path = desk / "content" / "briefs" / "second.md"
    path.write_text(path.read_text() + "\nMore detail, naming nobody.\n")
    result = cached_build(desk)
    assert result.rendered == 1 and result.changed == ("briefs/second/index.html",)


def test_a_template_change_rerenders_the_pages_that_use_it(desk):
    (desk / "templates").mkdir()
    tag_template = desk / "templates" / "tag.html"
    tag_template.write_text(
        "{% extends 'base.html' %}{% block content %}<h1>{{ tag.name }}</h1>{% endblock %}"
    )
    cached_build(desk)
    tag_template.write_text(
        "{% extends 'base.html' %}{% block content %}<h1>Tag: {{ tag.name }}</h1>{% endblock %}"
    )
    result = cached_build(desk)
    assert set(result.changed) == {"tags/people/index.html", "tags/firms/index.html"}
    (desk / "templates" / "base.html").write_text(
        (Path(__file__).parents[1] / "templates" / "base.html")
        .read_text()
        .replace("Skip to content", "Skip ahead")
    )
    result = cached_build(desk)
    assert "briefs/first/index.html" in result.changed and "timeline/index.html" in result.changed


def test_site_yaml_change_rerenders_everything_it_touches(desk):
    cached_build(desk)
    (desk / "site.yaml").write_text("title: Renamed desk\nbase_url: /\nsearch: false\n", encoding="utf-8")
    result = cached_build(desk)
    assert result.rendered == sum(result.pages.values()) - result.pages["static"]
    assert "Renamed desk" in (desk / "site" / "timeline" / "index.html").read_text()


def test_entities_yaml_change_rerenders_the_entity_and_pages_showing_it(desk):
    cached_build(desk)
    registry = desk / "content" / "entities.yaml"
    registry.write_text(
        registry.read_text().replace("name: Jane Roe", "name: Jane Roe-Smith\n  aliases: [Jane Roe]")
    )
    result = cached_build(desk)
    assert "entities/jane-roe/index.html" in result.changed
    assert "briefs/first/index.html" in result.changed  # shows the entity's name
    assert "briefs/second/index.html" not in result.changed  # does not name her
    assert "Jane Roe-Smith" in (desk / "site" / "entities" / "jane-roe" / "index.html").read_text()


def test_markdown_settings_invalidate_the_cache(desk):
    path = desk / "content" / "briefs" / "second.md"
    path.write_text(path.read_text() + '\nShe said "hello" -- twice.\n')
    page = desk / "site" / "briefs" / "second" / "index.html"
    cached_build(desk)
    assert '"hello"' in page.read_text() or "&quot;hello&quot;" in page.read_text()
    (desk / "site.yaml").write_text(
        "title: Tiny desk\nbase_url: /\nsearch: false\n"
        "markdown: {engine: python-markdown, extensions: [extra, sane_lists, smarty]}\n",
        encoding="utf-8",
    )
    result = cached_build(desk)
    assert result.rendered == sum(result.pages.values()) - result.pages["static"]
    assert "“hello”" in page.read_text()  # parsed again with the site's new settings
    (desk / "site.yaml").write_text("title: Tiny desk\nbase_url: /\nsearch: false\n", encoding="utf-8")
    cached_build(desk)
    assert "“hello”" not in page.read_text()


def test_generator_version_invalidates_the_cache(desk, monkeypatch):
    import generator

    cached_build(desk)
    monkeypatch.setattr(generator, "__version__", "99.0.0")
    result = cached_build(desk)
    assert result.rendered == sum(result.pages.values()) - result.pages["static"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped"])
def test_a_damaged_cache_is_detected_and_rebuilt(desk, damage, caplog):
    first = cached_build(desk)
    expected = site_files(first.output_dir)
    path = cache_path(desk)
    raw = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a cache at all")
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    else:
        path.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
    result = cached_build(desk)
    assert result.rendered == sum(result.pages.values()) - result.pages["static"]
    assert site_files(result.output_dir) == expected
    if damage != "garbage":
        assert "damaged" in caplog.text
    assert cached_build(desk).rendered == 0  # and the rebuilt cache is good again


def test_clean_ignores_the_cache(desk):
    from generator.cli import main

    cached_build(desk)
    assert main(["build", "--root", str(desk)]) == 0
    assert main(["build", "--root", str(desk), "--clean"]) == 0
    assert SiteBuilder(desk, use_cache=True, clean=True).rebuild().rendered > 0
    assert cached_build(desk).rendered == 0  # --clean leaves a good cache behind


def test_a_hand_edited_output_file_is_rerendered(desk):
    cached_build(desk)
    page = desk / "site" / "timeline" / "index.html"
    page.write_text("edited by hand")
    result = cached_build(desk)
    assert "timeline/index.html" in result.changed
    assert "edited by hand" not in page.read_text()


def test_a_deleted_brief_disappears_from_the_site(desk):
    cached_build(desk)
    (desk / "content" / "briefs" / "second.md").unlink()
    result = build(desk)  # no cache: nothing trusted, still nothing stale left behind
    assert "briefs/second/index.html" in result.changed
    assert not (desk / "site" / "briefs" / "second").exists()
    assert not (desk / "site" / "tags" / "firms" / "index.html").exists()


def test_an_unchanged_site_is_recognised_without_loading_the_cache(desk, monkeypatch):
    import generator.engine

    first = cached_build(desk)
    before = site_files(first.output_dir)
    template = desk / "templates" / "base.html"
    template.parent.mkdir(exist_ok=True)
    template.write_bytes((default_theme_dir() / "base.html").read_bytes())
    cached_build(desk)  # a site template that shadows the theme's with the same bytes
    template.touch()  # new mtime, same bytes: nothing to do

    def no_cache(root):
        raise AssertionError("an unchanged site should not need the cache")

    monkeypatch.setattr(generator.engine.builder, "load_cache", no_cache)
    second = cached_build(desk)
    assert second.rendered == 0 and second.changed == ()
    assert second.pages == first.pages
    assert site_files(second.output_dir) == before


@pytest.mark.parametrize("change", ["static file", "deleted page", "foreign file", "deleted cache"])
def test_the_build_stamp_is_not_trusted_after_a_change(desk, change):
    cached_build(desk)
    out = desk / "site"
    if change == "static file":
        (desk / "static").mkdir(exist_ok=True)
        (desk / "static" / "notes.txt").write_text("new file")
    elif change == "deleted page":
        (out / "briefs" / "second" / "index.html").unlink()
    elif change == "foreign file":
        (out / "briefs" / "mine.txt").write_text("the user's")
        with pytest.raises(OutputError, match="did not write"):
            cached_build(desk)
        return
    else:
        cache_path(desk).unlink()
    result = cached_build(desk)
    assert result.changed or result.rendered
    if change == "static file":
        assert (out / "static" / "notes.txt").read_text() == "new file"
    if change == "deleted page":
        assert (out / "briefs" / "second" / "index.html").is_file()
    assert cached_build(desk).rendered == 0


@pytest.mark.parametrize("where", ["briefs/second/notes.txt", "briefs/new-folder/notes.txt", "notes.txt"])
def test_a_foreign_file_is_found_where_the_stamp_vouches_for_the_folders(desk, monkeypatch, where):
    """The folders' mtimes the stamp recorded spare a build listing every folder; a file added
    anywhere since (in a folder that was there, a new folder, the top) is still found."""
    monkeypatch.setattr(state, "RACY_NS", 50_000_000)  # 50 ms, not 2 s: no waiting
    cached_build(desk)
    write_brief(
        desk,
        "second",
        "title: Second brief\ndate: 2025-04-01\nsummary: The Acme Agency grows.\nentities: [acme-agency]",
        "The Acme Agency opened an office. An edit.",
    )
    cached_build(desk)
    time.sleep(0.1)  # past the racy window, and a clock tick
    target = desk / "site" / where
    target.parent.mkdir(exist_ok=True)
    target.write_text("the user's")
    with pytest.raises(OutputError, match="did not write"):
        cached_build(desk)


def test_vouched_folders_are_not_listed(desk, monkeypatch):
    cached_build(desk)
    out = desk / "site"
    folders = {
        os.path.relpath(f, out).replace(os.sep, "/"): os.stat(f).st_mtime_ns for f, _, _ in os.walk(out)
    }
    listed = []
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listed.append(path) or real_scandir(path))
    assert foreign_files(out, folders) == []
    assert listed == []
    (out / "briefs" / "stray.txt").write_text("x")
    assert foreign_files(out, {**folders, "briefs": -2}) == ["briefs/stray.txt"]
    assert listed == [f"{out}/briefs"]


def test_a_template_included_by_a_list_is_a_dependency(desk):
    """The review's reproducer: `{% include [...] %}` was missed, so an edit kept old text."""
    templates = desk / "templates"
    templates.mkdir()
    (templates / "tag.html").write_text(
        (default_theme_dir() / "tag.html")
        .read_text()
        .replace("{% block content %}", '{% block content %}{% include ["tagpart.html"] %}'),
        encoding="utf-8",
    )
    (templates / "tagpart.html").write_text("PART-v1", encoding="utf-8")
    out = cached_build(desk).output_dir
    assert "PART-v1" in (out / "tags" / "people" / "index.html").read_text()
    (templates / "tagpart.html").write_text("PART-v2", encoding="utf-8")
    result = cached_build(desk)
    assert result.rendered > 0
    assert "PART-v2" in (out / "tags" / "people" / "index.html").read_text()


def test_a_template_name_computed_at_render_time_depends_on_every_template(desk):
    templates = desk / "templates"
    templates.mkdir()
    (templates / "tag.html").write_text(
        (default_theme_dir() / "tag.html")
        .read_text()
        .replace("{% block content %}", '{% block content %}{% include "tag" ~ "part.html" %}'),
        encoding="utf-8",
    )
    (templates / "tagpart.html").write_text("PART-v1", encoding="utf-8")
    out = cached_build(desk).output_dir
    (templates / "tagpart.html").write_text("PART-v2", encoding="utf-8")
    cached_build(desk)
    assert "PART-v2" in (out / "tags" / "people" / "index.html").read_text()


def test_the_references_a_cached_build_found_are_not_parsed_again(desk, monkeypatch):
    cached_build(desk)
    (desk / "content" / "briefs" / "second.md").write_text(
        (desk / "content" / "briefs" / "second.md").read_text() + "\nOne more line.\n"
    )
    parsed = []
    find = jinja2.meta.find_referenced_templates
    monkeypatch.setattr(jinja2.meta, "find_referenced_templates", lambda ast: parsed.append(ast) or find(ast))
    assert cached_build(desk).rendered > 0
    assert parsed == []  # every template's references came from the cache, by its source's digest


def test_a_template_edited_to_include_another_finds_its_new_reference(desk):
    templates = desk / "templates"
    templates.mkdir()
    theme = (default_theme_dir() / "tag.html").read_text()
    tag = templates / "tag.html"
    tag.write_text(theme.replace("{% block content %}", "{% block content %}TAG-v1"), encoding="utf-8")
    (templates / "tagpart.html").write_text("PART-v1", encoding="utf-8")
    out = cached_build(desk).output_dir
    tag.write_text(
        theme.replace("{% block content %}", '{% block content %}{% include "tagpart.html" %}'),
        encoding="utf-8",
    )
    cached_build(desk)
    assert "PART-v1" in (out / "tags" / "people" / "index.html").read_text()
    (templates / "tagpart.html").write_text("PART-v2", encoding="utf-8")
    cached_build(desk)
    assert "PART-v2" in (out / "tags" / "people" / "index.html").read_text()


def test_strict_fails_on_a_warning_seen_by_an_earlier_cached_build(desk):
    """The review's reproducer: a warning cached by a lenient build was gone, so --strict passed."""

    def run(*options: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "generator", "build", "--root", str(desk), *options]
        return subprocess.run(command, capture_output=True, text=True, env=ENV)

    path = desk / "content" / "briefs" / "second.md"
    path.write_text(path.read_text().replace("title: Second brief", "foo: 1\ntitle: Second brief"))
    cold, warm = run(), run()  # warm: the stamp says nothing changed, and says the same warning
    assert cold.returncode == warm.returncode == 0
    assert "unknown key 'foo'" in cold.stderr and "unknown key 'foo'" in warm.stderr
    strict = run("--strict")
    assert strict.returncode == 1
    assert "second.md:2: unknown key 'foo'" in strict.stderr


def test_a_crafted_cache_cannot_put_script_into_a_page(desk):
    """A cache restored from elsewhere is data, not code, and what it restores is sanitised again:
    a cache whose checksum and salt are right but whose stored body holds script publishes none."""
    import hashlib
    import json

    from generator.engine import state

    cached_build(desk)
    bodies = sorted(cache_path(desk).parent.glob("bodies-*.json"))  # beside each shard of briefs
    assert bodies
    for path in bodies:
        header, _checksum, payload = path.read_bytes().split(b"\n", 2)
        document = json.loads(payload)
        document["value"] = [
            '<p onclick="alert(1)">Hi</p><script>alert(2)</script><a href="javascript:x">y</a>'
            for _ in document["value"]
        ]
        payload = json.dumps(document).encode()
        path.write_bytes(header + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    stored = state.load_cache(desk).content.store
    assert any(
        "alert(2)" in p.brief.body_html or "Hi" in p.brief.body_html for p in stored.values() if p.brief
    )
    # the crafted cache is read (and sanitised as it is): the defence is what follows
    (desk / "site.yaml").write_text((desk / "site.yaml").read_text() + "description: A new line.\n")
    out = cached_build(desk).output_dir
    for page in out.rglob("*.html"):
        html = page.read_text()
        assert "<script>alert" not in html and "onclick=" not in html and "javascript:" not in html, page


def test_a_damaged_body_file_makes_the_build_start_again_without_the_cache(desk, caplog):
    """Bodies are read late, when a page shows one: one found damaged then makes that build
    start again from nothing; one missing makes its shard's briefs parsed again. Either way the
    site is the one a clean build gives."""
    clean = site_files(cached_build(desk, clean=True).output_dir)
    config = desk / "site.yaml"
    for damage in ("damaged", "missing"):
        for path in cache_path(desk).parent.glob("bodies-*.json"):
            path.write_bytes(b"damaged") if damage == "damaged" else path.unlink()
        caplog.clear()
        config.write_text(config.read_text() + f"description: {damage}\n")  # every page made again
        result = cached_build(desk)
        assert ("without the cache" in caplog.text) == (damage == "damaged"), damage
        assert result.rendered
        config.write_text(config.read_text().replace(f"description: {damage}\n", ""))
        assert site_files(cached_build(desk).output_dir) == clean, damage


def shard_names(root: Path) -> set[str]:
    return {p.name for p in cache_path(root).parent.glob("briefs-*.json")}


def test_an_edit_rewrites_only_the_shard_of_its_brief(desk):
    for n in range(40):
        write_brief(
            desk, f"extra-{n}", f"title: Extra {n}\ndate: 2025-02-{n % 28 + 1:02d}\nsummary: More.", "Body."
        )
    cached_build(desk)
    before = shard_names(desk)
    assert len(before) > 10  # the briefs are spread over many shards
    brief = desk / "content" / "briefs" / "extra-7.md"
    brief.write_text(brief.read_text() + "\nOne more line.\n")
    cached_build(desk)
    after = shard_names(desk)
    assert len(before - after) == 1 and len(after - before) == 1


def test_a_lost_shard_costs_a_parse_not_a_wrong_page(desk, tmp_path):
    cached_build(desk)
    for shard in cache_path(desk).parent.glob("briefs-*.json"):
        shard.unlink()
    brief = desk / "content" / "briefs" / "first.md"
    brief.write_text(brief.read_text() + "\nA closing line.\n")
    warm = cached_build(desk)
    clean = build(desk, output_dir=tmp_path / "clean")
    assert site_files(warm.output_dir) == site_files(clean.output_dir)
    assert shard_names(desk)  # and the shards are back


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(desk):
    """Like git's index: a file's stat (size, mtime, inode, ctime) stands for its bytes, so an
    edit that restores the old mtime is caught by its ctime."""
    brief = desk / "content" / "briefs" / "first.md"
    old = brief.stat()
    cached_build(desk)
    text = brief.read_text()
    assert "Acme" in text
    brief.write_text(text.replace("Acme", "Acne", 1))  # same size
    os.utime(brief, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert brief.stat().st_size == old.st_size and brief.stat().st_mtime_ns == old.st_mtime_ns
    out = cached_build(desk).output_dir
    assert "Acne" in (out / "briefs" / "first" / "index.html").read_text()


def test_files_whose_stat_is_unchanged_are_not_read_again(desk, monkeypatch):
    from generator.engine import state

    cached_build(desk)
    monkeypatch.setattr(state, "RACY_NS", 0)  # the files were written a moment ago
    cached_build(desk)  # sightings taken now that no file is racy
    reads = []
    real = state.read_input
    monkeypatch.setattr(state, "read_input", lambda path, *a: reads.append(str(path)) or real(path, *a))
    brief = desk / "content" / "briefs" / "second.md"
    brief.write_text(brief.read_text() + "\nOne more line.\n")
    cached_build(desk)
    assert reads == [str(brief)]
