"""The desk's working day, through the real command line: the review gate, embargoes, updates,
images and attachments, and the messages a desk reads."""

from __future__ import annotations

import gzip
import json
import os
import re
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from conftest import REPO, write_brief

ENV = {**os.environ, "PYTHONPATH": str(REPO), "BRIEFING_GIT_DATES": "0"}


def briefing(root: Path, *args: str, now: str | None = None, **env: str) -> subprocess.CompletedProcess:
    extra = {"BRIEFING_NOW": now} if now else {}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=root,
        env={**ENV, **extra, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def site_text(out: Path) -> dict[str, str]:
    """Every file of a build as text, the search index's gzipped files unpacked."""
    texts = {}
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        texts[path.relative_to(out).as_posix()] = data.decode("utf-8", "replace")
    return texts


@pytest.fixture
def desk(tiny_site: Path) -> Path:
    """The tiny site with its one brief reviewed: every event has the source's wording."""
    first = tiny_site / "content" / "briefs" / "first.md"
    first.write_text(
        first.read_text().replace("entities: [jane-roe]\n", "entities: [jane-roe]\n    phrase: in March\n")
    )
    return tiny_site


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\0" + b"\0" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


REVIEWED = """
title: Reviewed
date: 2025-03-14
summary: Everything checked.
sources:
  - title: The report
entities: [acme-agency]
events:
  - date: "2025-03"
    title: Something happens
    phrase: in March
"""


# The review gate


def test_review_gate_warns_with_file_and_line_and_strict_fails(desk):
    registry = desk / "content" / "entities.yaml"
    registry.write_text(
        registry.read_text() + "new-person:\n  name: New Person\n  type: person\n  review: true\n"
    )
    write_brief(
        desk,
        "unreviewed",
        """
        title: Unreviewed
        date: 2025-03-15
        summary: "Bottom line up front, in one or two sentences."
        entities: [acme-agency, new-person]
        events:
          - date: "2025"
            title: No wording
        """,
        "*Drafted by `briefing ingest` from a.txt: check every point.*\n\nWrite the brief here.\n\n"
        "## Key points\n\n-\n\n## Source\n\n- “a.txt”, publication date unknown",
    )
    done = briefing(desk, "build")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    path = "content/briefs/unreviewed.md"
    expected = [
        f"{path}:2: has no sources",
        f"{path}:4: the summary is the template's placeholder",
        f"{path}:5: entity 'new-person' is still marked review: true",
        f"{path}:7: event 1 has no 'phrase'",
        f"{path}:11: ingest's review note is still here",
        f"{path}:13: the template's placeholder text is still here",
        f"{path}:17: an empty list item",
        f"{path}:19: ingest's '## Source' section is still here",
    ]
    for text in expected:
        assert any(w.startswith(f"warning: {text}") for w in warnings), (text, warnings)
    strict = briefing(desk, "build", "--strict")
    assert strict.returncode == 1
    assert f"error: {path}:2: has no sources" in strict.stderr
    publish = briefing(desk, "check", "--publish")
    assert publish.returncode == 1 and f"error: {path}:5: entity 'new-person'" in publish.stderr


def test_the_review_gate_follows_the_registry_without_a_brief_change(desk):
    registry = desk / "content" / "entities.yaml"
    text = registry.read_text()
    registry.write_text(text.replace("type: person\n", "type: person\n  review: true\n"))
    assert "jane-roe' is still marked review: true" in briefing(desk, "build").stderr
    registry.write_text(text)
    done = briefing(desk, "check", "--publish")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ready to publish")


def test_drafts_are_not_reviewed_and_check_publish_passes_a_clean_site(desk):
    write_brief(
        desk, "draft", "title: D\ndate: 2025-01-01\nsummary: S.\ndraft: true", "Write the brief here."
    )
    done = briefing(desk, "check", "--publish")
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr


def test_an_ingested_brief_published_unreviewed_fails_the_gate(desk):
    article = REPO / "tests" / "fixtures" / "ingest" / "harbour-deal.txt"
    done = briefing(desk, "ingest", str(article), "--published", "2025-06-01", "--slug", "harbour")
    assert done.returncode == 0, done.stderr
    brief = desk / "content" / "briefs" / "harbour.md"
    brief.write_text(brief.read_text().replace("draft: true", "draft: false"))
    done = briefing(desk, "check", "--publish")
    assert done.returncode == 1
    assert "content/briefs/harbour.md" in done.stderr
    assert "ingest's review note is still here" in done.stderr
    assert "ingest's '## Source' section is still here" in done.stderr


def test_what_only_drafts_name_is_published_nowhere(desk):
    registry = desk / "content" / "entities.yaml"
    registry.write_text(registry.read_text() + "secret-source:\n  name: Zyxwv Secretperson\n  type: person\n")
    write_brief(
        desk,
        "unpublished",
        """
        title: Qwertyuiop draft title
        date: 2025-03-20
        summary: Zyxwv Secretperson talks.
        draft: true
        entities: [secret-source]
        events:
          - date: "2025-03-19"
            title: Plugh event happens
            entities: [secret-source]
        tags: [xyzzy-tag]
        """,
        "Zyxwv Secretperson said so.",
    )
    done = briefing(desk, "build")
    assert done.returncode == 0, done.stderr
    files = site_text(desk / "site")
    assert any(name.startswith("pagefind/") for name in files)
    for word in ("Zyxwv", "Secretperson", "secret-source", "Plugh", "xyzzy", "Qwertyuiop", "unpublished"):
        leaks = [name for name, text in files.items() if word.lower() in text.lower()]
        assert not leaks, (word, leaks)


# Embargo and scheduling


EMBARGOED = """
title: Embargoed budget brief
date: 2025-03-10
publish_at: 2025-04-01T09:00:00+02:00
summary: The budget, out at nine.
sources:
  - title: The budget
entities: [jane-roe]
tags: [budget-day]
"""


def shows_embargoed(out: Path) -> bool:
    files = site_text(out)
    return any("Embargoed budget brief" in text or "budget-day" in text for text in files.values())


def test_an_embargoed_brief_appears_only_when_its_time_comes_even_from_a_cached_build(desk):
    write_brief(desk, "budget", EMBARGOED)
    out = desk / "site"
    before, after = "2025-04-01T06:59:00Z", "2025-04-01T07:00:00Z"  # 09:00+02:00 is 07:00 UTC
    assert briefing(desk, "build", now=before).returncode == 0
    assert not shows_embargoed(out) and not (out / "briefs" / "budget").exists()
    assert not (out / "tags" / "budget-day").exists()
    again = briefing(desk, "build", now=before)
    assert "0 rendered" in again.stdout  # nothing changed: the stamp is trusted
    assert not shows_embargoed(out)
    done = briefing(desk, "build", now=after)  # no file changed, but the time has come
    assert done.returncode == 0, done.stderr
    assert (out / "briefs" / "budget" / "index.html").is_file()
    assert "budget" in (out / "sitemap.xml").read_text() and "Embargoed" in (out / "feed.xml").read_text()
    assert briefing(desk, "build", now=before).returncode == 0  # a clock set back: not early
    assert not shows_embargoed(out)


def test_future_previews_the_embargo_and_a_future_date_is_an_embargo_too(desk):
    write_brief(desk, "budget", EMBARGOED)
    write_brief(desk, "tomorrow", REVIEWED.replace("2025-03-14", "2025-03-21"))
    out = desk / "site"
    assert briefing(desk, "build", now="2025-03-20").returncode == 0
    assert not (out / "briefs" / "tomorrow").exists() and not (out / "briefs" / "budget").exists()
    assert briefing(desk, "build", "--future", now="2025-03-20").returncode == 0
    assert (out / "briefs" / "tomorrow" / "index.html").is_file()
    assert (out / "briefs" / "budget" / "index.html").is_file()
    assert briefing(desk, "build", now="2025-03-21").returncode == 0
    assert (out / "briefs" / "tomorrow" / "index.html").is_file()
    assert not (out / "briefs" / "budget").exists()


def test_publish_at_needs_a_timezone(desk):
    write_brief(
        desk,
        "budget",
        EMBARGOED.replace("publish_at: 2025-04-01T09:00:00+02:00", 'publish_at: "2025-04-01T09:00"'),
    )
    done = briefing(desk, "build")
    assert done.returncode == 1
    assert "error: content/briefs/budget.md:4: 'publish_at': 2025-04-01T09:00 has no timezone" in done.stderr


def serve_lines(process: subprocess.Popen) -> str:
    for line in process.stdout:
        if line.startswith("serving"):
            return line
    raise AssertionError(process.stderr.read())


def fetch(url: str) -> str:
    from urllib.request import urlopen

    with urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def test_serve_future_previews_the_embargo(desk):
    write_brief(desk, "budget", EMBARGOED)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--future", "--port", "0"],
        cwd=desk,
        env={**ENV, "BRIEFING_NOW": "2025-03-20"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = re.search(r"http://\S+", serve_lines(process)).group(0)
        assert "Embargoed budget brief" in fetch(url)
    finally:
        process.terminate()
        process.wait(timeout=30)


# Updates


def test_updated_shows_on_the_page_feed_sitemap_and_json_ld(desk):
    write_brief(
        desk,
        "revised",
        REVIEWED
        + "updated:\n  - date: 2025-03-20\n    note: Added the minister's denial.\n  - date: 2025-03-16\n",
    )
    assert briefing(desk, "build").returncode == 0
    out = desk / "site"
    page = (out / "briefs" / "revised" / "index.html").read_text()
    assert re.search(r'Updated <time datetime="2025-03-20"[^>]*>20 March 2025</time>', page)
    assert "Added the minister&#39;s denial." in page or "Added the minister's denial." in page
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(ld)["dateModified"] == "2025-03-20" and json.loads(ld)["datePublished"] == "2025-03-14"
    feed = (out / "feed.xml").read_text()
    assert "<updated>2025-03-20T00:00:00Z</updated>" in feed
    assert "<published>2025-03-14T00:00:00Z</published>" in feed
    assert "<loc>/briefs/revised/</loc><lastmod>2025-03-20</lastmod>" in (out / "sitemap.xml").read_text()


def test_the_last_commit_dates_a_brief_and_a_cached_build_sees_a_new_commit(desk):
    write_brief(desk, "revised", REVIEWED)

    def git(*args: str, day: str = "2025-03-14") -> None:
        stamp = f"{day}T12:00:00+00:00"
        env = {**ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        subprocess.run(["git", *args], cwd=desk, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=Desk", "-c", "user.email=desk@example.org", "add", ".")
    git("-c", "user.name=Desk", "-c", "user.email=desk@example.org", "commit", "-qm", "first")
    page = desk / "site" / "briefs" / "revised" / "index.html"
    assert briefing(desk, "build", BRIEFING_GIT_DATES="1").returncode == 0
    assert "Updated" not in page.read_text()  # committed on its own date: no update
    brief = desk / "content" / "briefs" / "revised.md"
    brief.write_text(brief.read_text() + "\nA correction.\n")
    git(
        "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "commit", "-qam", "fix", day="2025-04-02"
    )
    assert briefing(desk, "build", BRIEFING_GIT_DATES="1").returncode == 0
    assert 'Updated <time datetime="2025-04-02"' in page.read_text()
    assert "<lastmod>2025-04-02</lastmod>" in (desk / "site" / "sitemap.xml").read_text()


# Images and attachments


def folder_brief(root: Path, slug: str, body: str, files: dict[str, bytes]) -> Path:
    folder = root / "content" / "briefs" / slug
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    path = folder / "index.md"
    path.write_text(f"---\n{textwrap.dedent(REVIEWED).strip()}\n---\n\n{body}\n", encoding="utf-8")
    return path


def test_a_brief_folder_carries_its_images_sized_lazy_and_captioned(desk):
    static = desk / "static"
    static.mkdir()
    (static / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200"></svg>')
    (static / "report.pdf").write_bytes(b"%PDF-1.4 test")
    folder_brief(
        desk,
        "harbour",
        '![The harbour at dawn](harbour.png "The harbour, seen from the north pier")\n\n'
        "Inline ![](img/map.png) map and ![Chart of exports](/static/chart.svg).\n\n"
        "[The full report](/static/report.pdf) and [notes](notes.txt); see [the first](../first/) "
        "and [the timeline](../../timeline/).",
        {"harbour.png": png(64, 48), "img/map.png": png(10, 20), "notes.txt": b"notes"},
    )
    done = briefing(desk, "build")
    assert done.returncode == 0, done.stderr
    assert "warning: content/briefs/harbour/index.md:16: image 'img/map.png' has no alt text" in done.stderr
    out = desk / "site"
    page = (out / "briefs" / "harbour" / "index.html").read_text()
    figure = re.search(r"<figure><img ([^>]*)><figcaption>(.*?)</figcaption></figure>", page)
    assert figure and figure.group(2) == "The harbour, seen from the north pier"
    attributes = dict(re.findall(r'(\w+)="([^"]*)"', figure.group(1)))  # in whichever order the engine writes
    assert attributes == {
        "alt": "The harbour at dawn", "src": "harbour.png", "width": "64", "height": "48", "loading": "lazy",
    }  # fmt: skip
    images = [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img ([^>]*)>", page)]
    sized = {(i["src"], i.get("width"), i.get("height"), i.get("loading")) for i in images}
    assert ("img/map.png", "10", "20", "lazy") in sized
    assert ("../../static/chart.svg", "320", "200", "lazy") in sized
    assert 'href="../../static/report.pdf"' in page and 'href="notes.txt"' in page
    assert (out / "briefs" / "harbour" / "harbour.png").read_bytes() == png(64, 48)
    assert (out / "briefs" / "harbour" / "img" / "map.png").is_file()
    assert (out / "briefs" / "harbour" / "notes.txt").read_bytes() == b"notes"
    assert (out / "static" / "chart.svg").is_file() and (out / "assets" / "style.css").is_file()
    assert briefing(desk, "check", "--strict").returncode == 1  # the missing alt text
    (desk / "content" / "briefs" / "harbour" / "harbour.png").write_bytes(png(128, 96))
    assert briefing(desk, "build").returncode == 0  # a changed image is a changed input
    assert 'width="128" height="96"' in (out / "briefs" / "harbour" / "index.html").read_text()
    assert (out / "briefs" / "harbour" / "harbour.png").read_bytes() == png(128, 96)


def test_a_broken_image_or_attachment_is_a_build_error_naming_the_brief_and_line(desk):
    folder_brief(desk, "harbour", "Text.\n\n![A map](missing.png)\n\n[Report](/static/gone.pdf)", {})
    write_brief(desk, "flat", REVIEWED, "![A photo](photo.jpg)")
    done = briefing(desk, "build")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert any(
        line.startswith("error: content/briefs/harbour/index.md:16: 'missing.png' is not there")
        for line in lines
    )
    assert any(
        line.startswith("error: content/briefs/harbour/index.md:18: '/static/gone.pdf' is not there")
        for line in lines
    )
    assert any(
        line.startswith("error: content/briefs/flat.md:14: 'photo.jpg' names no file the site publishes")
        and "content/briefs/<slug>/index.md" in line
        for line in lines
    )


def test_image_sizes_are_read_from_each_format():
    from generator.load.media import image_size

    gif = b"GIF89a" + struct.pack("<HH", 7, 9) + b"\0" * 10
    jpeg = (
        b"\xff\xd8\xff\xe0"
        + struct.pack(">H", 16)
        + b"\0" * 14
        + b"\xff\xc0"
        + struct.pack(">HBHH", 17, 8, 30, 40)
    )
    webp = b"RIFF\0\0\0\0WEBPVP8X" + b"\0" * 8 + (99).to_bytes(3, "little") + (49).to_bytes(3, "little")
    svg = b'<?xml version="1.0"?><svg width="12px" height="34" xmlns="http://www.w3.org/2000/svg"/>'
    assert image_size(png(3, 5)) == (3, 5)
    assert image_size(gif) == (7, 9)
    assert image_size(jpeg) == (40, 30)
    assert image_size(webp) == (100, 50)
    assert image_size(svg) == (12, 34)
    assert image_size(b"not an image") is None


# The command line


def test_bare_briefing_prints_help_and_version_has_a_short_flag(tmp_path):
    done = briefing(tmp_path)
    assert done.returncode == 2 and "COMMAND" in done.stdout and "build" in done.stdout
    assert briefing(tmp_path, "-V").stdout.startswith("briefing ")


def test_debug_is_accepted_after_the_command(desk):
    done = briefing(desk, "build", "--debug")
    assert done.returncode == 0, done.stderr
    assert "debug: " in done.stderr and "DEBUG" not in done.stderr


@pytest.mark.parametrize(
    ("date", "hint"),
    [
        ("~2019", "write '2019~'"),
        ("March 2024", "write '2024-03'"),
        ("5 March 2024", "write '2024-03-05'"),
    ],
)
def test_a_bad_event_date_hint_says_how_to_write_it(desk, date, hint):
    write_brief(desk, "bad", REVIEWED.replace('"2025-03"', f'"{date}"'))
    done = briefing(desk, "build")
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: content/briefs/bad.md:9: event 1: ") and f"({hint}" in line


def test_missing_dates_and_an_unclosed_front_matter_say_so(desk):
    write_brief(
        desk,
        "nodate",
        REVIEWED.replace('date: "2025-03"', "title2: x").replace("date: 2025-03-14\n", ""),
    )
    (desk / "content" / "briefs" / "open.md").write_text("---\ntitle: Open\n\nNo closing line.\n")
    done = briefing(desk, "build")
    assert done.returncode == 1
    assert "error: content/briefs/nodate.md:2: 'date' is missing" in done.stderr
    assert "event 1: the date is missing" in done.stderr
    assert "error: content/briefs/open.md:1: the front matter has no closing '---' line" in done.stderr
    assert str(desk) not in done.stderr  # every path from the site's root


def test_warnings_are_lowercase_and_site_relative_from_a_subfolder(desk):
    write_brief(desk, "w", REVIEWED + "sumary: typo\n")
    done = briefing(desk / "content", "build")
    assert done.returncode == 0, done.stderr
    assert "warning: content/briefs/w.md:12: unknown key 'sumary'" in done.stderr
    assert "WARNING" not in done.stderr and str(desk) not in done.stderr + done.stdout


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('{% extends "base.html" %}', "base.html: extends or includes itself"),
        (
            '{% extends "nowhere.html" %}',
            "home.html: extends or includes 'nowhere.html', which is not a template",
        ),
    ],
)
def test_a_template_loop_or_missing_parent_is_one_error_line(desk, template, message):
    templates = desk / "templates"
    templates.mkdir()
    (templates / ("base.html" if "base" in template else "home.html")).write_text(template + "\n")
    done = briefing(desk, "build")
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: templates/") and message in line, line
