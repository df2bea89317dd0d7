"""What a reader (and a crawler) gets on a brief page: metadata, related briefs, a print view."""

from __future__ import annotations

import json
import re

import pytest
from conftest import quality, write_brief

from generator.engine import build

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> dict:
    (block,) = JSON_LD.findall(html)
    return json.loads(block)


def meta(html: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)


def test_brief_has_news_article_json_ld(sample_site):
    out = build(sample_site).output_dir
    html = (out / "briefs" / "decree-and-199-point-programme" / "index.html").read_text()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"].startswith("A presidential decree")
    assert data["datePublished"] == "2026-11-24"
    assert data["url"] == "https://example.github.io/briefing/briefs/decree-and-199-point-programme/"
    about = {a["name"]: a["@type"] for a in data["about"]}
    assert about["Alexander Lukashenko"] == "Person" and about["Belarus"] == "Place"
    assert data["isBasedOn"][0]["name"] == "Belarus joins Russia in extended military-technical collaboration"
    assert data["publisher"]["name"].startswith("Briefing")


@pytest.mark.parametrize("field", ["title", "summary", "source title"])
def test_json_ld_is_safe_against_script_in_any_field(tiny_site, field):
    evil = "</script><script>alert(1)</script><!--"
    front = {
        "title": "Plain title",
        "summary": "Plain summary.",
        "source title": "Plain source",
    }
    front[field] = evil
    write_brief(
        tiny_site,
        "evil",
        f"""
        title: {json.dumps(front["title"])}
        date: 2025-05-01
        summary: {json.dumps(front["summary"])}
        sources:
          - title: {json.dumps(front["source title"])}
            url: https://example.org/a
        """,
    )
    html = (build(tiny_site).output_dir / "briefs" / "evil" / "index.html").read_text()
    assert "<script>alert" not in html
    data = json_ld(html)  # exactly one block, closed where it should be
    values = {"title": data["headline"], "summary": data["description"]}
    values["source title"] = data["isBasedOn"][0]["name"]
    assert values[field] == evil


def test_brief_has_open_graph_twitter_card_and_canonical(sample_site):
    out = build(sample_site).output_dir
    html = (out / "briefs" / "pantus-announces-wider-cooperation" / "index.html").read_text()
    url = "https://example.github.io/briefing/briefs/pantus-announces-wider-cooperation/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "og:url") == [url] and meta(html, "og:type") == ["article"]
    assert meta(html, "og:title") == meta(html, "twitter:title") != []
    assert "·" not in meta(html, "og:title")[0]  # the brief's own title, not the page title
    assert meta(html, "og:description") == meta(html, "description") == meta(html, "twitter:description")
    assert meta(html, "twitter:card") == ["summary"]
    assert meta(html, "article:published_time") == ["2026-11-23"]
    assert "defence-industry" in meta(html, "article:tag")


def test_related_briefs_rank_shared_entities_before_shared_tags(tiny_site):
    write_brief(
        tiny_site,
        "shares-entities",
        "title: Shares entities\ndate: 2025-01-01\nsummary: S.\nentities: [acme-agency, jane-roe]",
    )
    write_brief(
        tiny_site, "shares-a-tag", "title: Shares a tag\ndate: 2025-06-01\nsummary: S.\ntags: [people]"
    )
    write_brief(tiny_site, "shares-nothing", "title: Shares nothing\ndate: 2025-07-01\nsummary: S.")
    html = (build(tiny_site).output_dir / "briefs" / "first" / "index.html").read_text()
    related = html[html.index('id="related"') :]
    assert related.index("Shares entities") < related.index("Shares a tag")
    assert "Shares nothing" not in related


def test_reading_time_is_shown(sample_site):
    html = (build(sample_site).output_dir / "briefs" / "milex-track-record" / "index.html").read_text()
    assert re.search(r"\d+ min read", html)


def test_print_view_keeps_sources_with_their_urls_and_drops_navigation(tiny_site, tmp_path):
    missing = quality.tools_missing(())
    if missing:
        (pytest.fail if quality.os.environ.get("CI") else pytest.skip)(f"missing: {', '.join(missing)}")
    write_brief(
        tiny_site,
        "sourced",
        """
        title: Sourced
        date: 2025-02-01
        summary: S.
        sources:
          - {title: The wire story, publisher: Wire, url: "https://example.org/wire/1"}
        """,
        "See [the report](https://example.org/report) for more.",
    )
    out = build(tiny_site).output_dir
    from playwright.sync_api import sync_playwright

    with quality.serve(out) as root, sync_playwright() as playwright:
        browser = quality.launch(playwright)
        page = browser.new_page()
        page.goto(root + "briefs/sourced/")
        page.emulate_media(media="print")
        assert page.locator(".print-url").first.is_visible()
        assert page.locator(".print-url").first.text_content() == "https://example.org/wire/1"
        assert page.locator(".print-source").is_visible()  # where the printout came from
        assert not page.locator(".site-header nav").is_visible()
        assert not page.locator(".site-search").is_visible()
        after = page.evaluate("() => getComputedStyle(document.querySelector('.body a'), '::after').content")
        assert "https://example.org/report" in after
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        browser.close()
