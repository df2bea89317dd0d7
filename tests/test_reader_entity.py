"""Entity and tag pages: the co-mention graph and its list, Atom feeds, schema.org metadata."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from conftest import write_brief

from generator.engine import build
from generator.model import Entity
from generator.pages.svg import co_mention_svg, label_lines

ATOM = "{http://www.w3.org/2005/Atom}"


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_co_mention_graph_is_a_static_svg_with_the_same_data_as_a_list(sample_site):
    out = build(sample_site).output_dir
    html = (out / "entities" / "belarus" / "index.html").read_text()
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    root = ET.fromstring(svg)  # well-formed
    assert root.get("role") == "img" and root.get("aria-labelledby") == "co-mention-graph-title"
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("Belarus and the 10 entities")
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="count">(\d+) shared', html)
    assert len(listed) == 10
    labels = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for name, shared in listed:
        assert name.split()[0] in labels and f"({shared})" in labels, name
    assert "Russia (4)" in labels and ("Russia", "4") in listed
    assert "<script" not in svg


def test_co_mention_labels_wrap_and_escape():
    assert label_lines("Belarusian State Military-Industrial Committee") == [
        "Belarusian State",
        "Military-Industr…",
    ]
    evil = Entity("x", "<b>&", "person")
    svg = co_mention_svg(Entity("a", "A", "place"), [(evil, 2)], "t")
    assert "&lt;b&gt;&amp;" in svg and "<b>" not in svg
    assert co_mention_svg(Entity("a", "A", "place"), [], "t") == ""


def test_every_entity_and_tag_has_an_atom_feed(tiny_site):
    write_brief(
        tiny_site,
        "second",
        "title: Second <brief>\ndate: 2025-04-02\nsummary: More on Jane.\nentities: [jane-roe]\ntags: [people, hiring]",
    )
    out = build(tiny_site).output_dir
    feed = ET.parse(out / "entities" / "jane-roe" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}title").text == "Jane Roe · Tiny desk"
    assert [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")] == [
        "Second <brief>",
        "First brief",
    ]
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == "/entities/jane-roe/feed.xml" and links["alternate"] == "/entities/jane-roe/"
    assert feed.find(f"{ATOM}updated").text == "2025-04-02T00:00:00Z"
    acme = ET.parse(out / "entities" / "acme-agency" / "feed.xml").getroot()
    assert [e.find(f"{ATOM}title").text for e in acme.iter(f"{ATOM}entry")] == ["First brief"]
    tag = ET.parse(out / "tags" / "hiring" / "feed.xml").getroot()
    assert [e.find(f"{ATOM}title").text for e in tag.iter(f"{ATOM}entry")] == ["Second <brief>"]
    page = (out / "entities" / "jane-roe" / "index.html").read_text()
    href = "../../entities/jane-roe/feed.xml"
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Jane Roe · Tiny desk" href="{href}">'
        in page
    )
    assert f'href="{href}" type="application/atom+xml">Atom feed' in page
    assert 'href="../../tags/hiring/feed.xml"' in (out / "tags" / "hiring" / "index.html").read_text()
    site_feed = ET.parse(out / "feed.xml").getroot()
    assert site_feed.find(f"{ATOM}title").text == "Tiny desk"
    assert len(list(site_feed.iter(f"{ATOM}entry"))) == 2


def test_entity_pages_carry_schema_org_json_ld(sample_site):
    out = build(sample_site).output_dir
    expected = {
        "alexander-lukashenko": "Person",
        "goskomvoenprom": "Organization",
        "belarus": "Place",
    }
    for entity_id, schema_type in expected.items():
        data = json_ld((out / "entities" / entity_id / "index.html").read_text())
        assert data["@context"] == "https://schema.org" and data["@type"] == schema_type
        assert data["url"] == f"https://example.github.io/briefing/entities/{entity_id}/"
    lukashenko = json_ld((out / "entities" / "alexander-lukashenko" / "index.html").read_text())
    assert lukashenko["name"] == "Alexander Lukashenko"
    assert "Lukashenko" in lukashenko["alternateName"]
    assert lukashenko["sameAs"] == ["https://en.wikipedia.org/wiki/Alexander_Lukashenko"]


def test_entity_page_links_to_its_events_on_the_filtered_timeline(tiny_site):
    out = build(tiny_site).output_dir
    page = (out / "entities" / "jane-roe" / "index.html").read_text()
    assert 'href="../../timeline/2025/?entity=jane-roe"' in page  # each year its events fall in
    tag = (out / "tags" / "people" / "index.html").read_text()
    assert 'href="../../timeline/?tag=people"' in tag
