"""End-to-end builds: real HTML parsed, every link followed, failures leave the old site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, write_brief

from generator.cli import main
from generator.engine import build
from generator.errors import OutputError
from generator.write.linkcheck import check_links
from generator.write.writer import MANIFEST


class Page(HTMLParser):
    """Collects what the tests look at: text, time elements, ids, landmarks."""

    def __init__(self, text: str):
        super().__init__()
        self.text: list[str] = []
        self.times: list[dict] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "time":
            self.times.append(a)
        if "id" in a:
            self.ids.add(a["id"])

    def handle_data(self, data):
        self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def read(site: Path, rel: str) -> Page:
    return Page((site / rel).read_text(encoding="utf-8"))


def test_sample_site_builds_every_page_kind(sample_site):
    result = build(sample_site)
    out = result.output_dir
    assert result.pages["brief"] == len(list((sample_site / "content" / "briefs").glob("*.md")))
    for rel in [
        "index.html",
        "timeline/index.html",
        "entities/index.html",
        "tags/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "timeline.json",
        "assets/style.css",
    ]:
        assert (out / rel).is_file(), rel
    for page in out.rglob("*.html"):
        parsed = read(out, page.relative_to(out).as_posix())
        assert {"header", "nav", "main", "footer"} <= set(parsed.tags), page
    home = read(out, "index.html").plain
    assert "Timeline" in home and "Entities" in home


def test_every_internal_link_and_anchor_resolves_at_root_and_under_a_sub_path(sample_site, tmp_path):
    at_root = build(sample_site, base_url="https://example.org/", output_dir=tmp_path / "root")
    assert check_links(at_root.output_dir, "/") == []
    sub = build(sample_site, base_url="https://user.github.io/repo/", output_dir=tmp_path / "sub")
    assert check_links(sub.output_dir, "/repo/") == []
    not_found = (sub.output_dir / "404.html").read_text(encoding="utf-8")
    assert 'href="/repo/timeline/"' in not_found  # works from any depth
    feed = (sub.output_dir / "feed.xml").read_text(encoding="utf-8")
    assert "https://user.github.io/repo/briefs/" in feed
    brief = next((sub.output_dir / "briefs").iterdir()) / "index.html"
    assert 'rel="canonical" href="https://user.github.io/repo/briefs/' in brief.read_text(encoding="utf-8")


def test_link_checker_catches_a_broken_anchor(sample_site):
    out = build(sample_site).output_dir
    page = out / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8") + '<a href="timeline/#no-such-event">x</a>', encoding="utf-8"
    )
    broken = check_links(out, "/briefing/")
    assert len(broken) == 1 and "no-such-event" in str(broken[0])


def test_timeline_is_ordered_with_time_elements_and_stable_anchors(tiny_site):
    write_brief(
        tiny_site,
        "second",
        """
        title: Second
        date: 2025-04-01
        summary: S.
        events:
          - {date: "2019~", title: Early days}
          - {date: "../2024", title: Until twenty-four}
          - {date: "../..", title: Nobody knows}
          - {date: "2025-03-02", title: Day precision}
        """,
    )
    out = build(tiny_site).output_dir
    pages = [read(out, f"timeline/{name}/index.html") for name in ("until/2024", "2019", "2025", "undated")]
    text = " ".join(page.plain for page in pages)
    order = ["Until twenty-four", "Early days", "Jane Roe joins", "Day precision", "Nobody knows"]
    positions = [text.index(t) for t in order]
    assert positions == sorted(positions)
    ids = set().union(*(page.ids for page in pages))
    assert {"y2019", "y2025", "open-start-2024", "undated", "event-first-1", "event-second-4"} <= ids
    times = {t["datetime"] for page in pages for t in page.times}
    assert times == {"2019", "2024", "2025-03", "2025-03-02"}
    assert "c. 2019" in text and "until 2024" in text and "date unknown" in text
    assert "1 January" not in text
    data = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    assert next(e["text"]["headline"] for e in data["events"]) == "Until twenty-four"
    assert len(data["events"]) == 4  # the undated event has no place on a TimelineJS axis


def test_entity_page_has_snippet_aliases_events_and_co_mentions(tiny_site):
    out = build(tiny_site).output_dir
    page = read(out, "entities/acme-agency/index.html").plain
    assert "Also known as AA" in page
    assert "Jane Roe joined the Acme Agency in March." in page  # the sentence naming it
    assert "Jane Roe 1 shared brief" in page
    jane = read(out, "entities/jane-roe/index.html").plain
    assert "Jane Roe joins" in jane and "March 2025" in jane
    index = read(out, "entities/index.html").plain
    assert "Organizations" in index and "People" in index and "1 brief" in index


@pytest.mark.parametrize("field", ["title", "summary", "entity name", "alias"])
def test_content_is_escaped(tiny_site, field):
    evil = "<script>alert(1)</script>"
    entities = tiny_site / "content" / "entities.yaml"
    brief = tiny_site / "content" / "briefs" / "first.md"
    if field in ("title", "summary"):
        text = brief.read_text().replace("title: First brief", f"title: '{evil}'")
        brief.write_text(
            text
            if field == "title"
            else text.replace("summary: Acme Agency hires Jane Roe.", f"summary: '{evil}'"),
            encoding="utf-8",
        )
    elif field == "entity name":
        entities.write_text(
            entities.read_text().replace("name: Jane Roe", f"name: '{evil}'"), encoding="utf-8"
        )
    else:
        entities.write_text(
            entities.read_text().replace("aliases: [AA]", f"aliases: ['{evil}']"), encoding="utf-8"
        )
    out = build(tiny_site).output_dir
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert "<script>alert" not in feed


def test_failed_build_keeps_previous_site(tiny_site):
    out = build(tiny_site).output_dir
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write_brief(tiny_site, "bad", "title: Bad\ndate: 2025-01-01\nsummary: S.\nentities: [nobody]")
    assert main(["build", "--root", str(tiny_site)]) == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(out.parent.glob(".site.staging-*"))


def test_template_error_fails_the_build_and_keeps_the_site(tiny_site):
    out = build(tiny_site).output_dir
    before = (out / "index.html").read_bytes()
    (tiny_site / "templates").mkdir()
    (tiny_site / "templates" / "home.html").write_text(
        "{% extends 'base.html' %}{% block content %}{{ nope() }}{% endblock %}"
    )
    assert main(["build", "--root", str(tiny_site)]) == 1
    assert (out / "index.html").read_bytes() == before


def test_site_templates_override_the_theme_file_by_file(tiny_site):
    (tiny_site / "templates").mkdir()
    (tiny_site / "templates" / "home.html").write_text(
        "{% extends 'base.html' %}{% block content %}<p>Custom home: {{ total }} briefs</p>{% endblock %}"
    )
    out = build(tiny_site).output_dir
    assert "Custom home: 1 briefs" in (out / "index.html").read_text()
    assert (
        "Jane Roe joins" in (out / "timeline" / "2025" / "index.html").read_text()
    )  # theme still used elsewhere


def test_build_is_deterministic(sample_site, tmp_path):
    a = build(sample_site, output_dir=tmp_path / "a").output_dir
    b = build(sample_site, output_dir=tmp_path / "b").output_dir
    files_a = {p.relative_to(a): p.read_bytes() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b): p.read_bytes() for p in b.rglob("*") if p.is_file()}
    assert files_a == files_b


@pytest.mark.parametrize("output", [".", "content", "..", "content/site"])
def test_refuses_an_output_folder_that_overlaps_sources(tiny_site, output):
    with pytest.raises(OutputError):
        build(tiny_site, output_dir=tiny_site / output)


def test_refuses_a_folder_holding_files_it_did_not_write(tiny_site):
    mine = tiny_site / "site" / "notes.txt"
    mine.parent.mkdir()
    mine.write_text("keep me")
    with pytest.raises(OutputError, match="did not write"):
        build(tiny_site)
    assert mine.read_text() == "keep me"
    # a folder the generator wrote is fine to rebuild
    mine.unlink()
    build(tiny_site)
    assert (tiny_site / "site" / MANIFEST).is_file()
    build(tiny_site)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_prints_one_line_per_problem_and_no_traceback(tiny_site):
    write_brief(tiny_site, "bad", "title: Bad\ndate: 2025-01-01\nsummary: S.\nentities: [jane-ro]")
    done = run_cli("build", "--root", str(tiny_site))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "bad.md:5: unknown entity 'jane-ro'" in line and "did you mean 'jane-roe'" in line
    debug = run_cli("--debug", "build", "--root", str(tiny_site))
    assert "Traceback" in debug.stderr


def test_cli_build_from_inside_the_site_prints_a_summary(tiny_site):
    done = run_cli("build", cwd=tiny_site / "content")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("built ") and "brief" in done.stdout and " s " in done.stdout


def test_init_new_and_check(tmp_path):
    site = tmp_path / "desk"
    assert run_cli("init", str(site)).returncode == 0
    assert run_cli("init", str(site)).returncode == 1  # never overwrites
    done = run_cli("new", "Ministry <moves> again", "--root", str(site))
    assert done.returncode == 0, done.stderr
    created = site / "content" / "briefs" / "ministry-moves-again.md"
    assert "draft: true" in created.read_text()
    again = run_cli("new", "Ministry <moves> again", "--root", str(site))
    assert again.returncode == 1 and "already exists" in again.stderr
    check = run_cli("check", "--root", str(site), "--drafts")
    assert check.returncode == 0, check.stderr
    assert not (site / "site").exists()  # check publishes nothing
    assert run_cli("build", "--root", str(site)).returncode == 0
    assert (site / "site" / "briefs" / "welcome" / "index.html").is_file()


def test_help_lists_every_command():
    from generator.cli import COMMANDS

    done = run_cli("--help")
    listed = re.findall(r"^    ([a-z]+)\s{2,}\S", done.stdout, re.M)  # "    build     build the site..."
    assert listed == list(COMMANDS)


def test_installed_package_carries_the_default_theme(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("briefing_desk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/theme/base.html" in names and "generator/theme/static/style.css" in names
