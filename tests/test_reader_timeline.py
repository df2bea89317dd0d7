"""The timeline as readers use it: filters in the URL, permalinks, vague dates, 5,000 events."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import quality, write_brief

from generator.engine import build
from generator.index import build_index
from generator.model import Body, Brief, Entity, Event, Site, SiteConfig
from generator.model.dates import parse_partial_date
from generator.pages import timeline_section_page
from generator.render import Renderer
from generator.render.theme import default_theme_dir, make_environment


@pytest.fixture
def timeline_site(tiny_site: Path) -> Path:
    """The tiny site with events of every kind of date, two entity types and two tags."""
    write_brief(
        tiny_site,
        "second",
        """
        title: Second
        date: 2025-04-01
        summary: S.
        entities: [acme-agency]
        tags: [budget]
        events:
          - {date: "2019/2021", title: A three-year plan, entities: [acme-agency]}
          - {date: "2019~", title: Early days, phrase: around the turn of the decade}
          - {date: "../2024", title: Until twenty-four, entities: [acme-agency]}
          - {date: "../..", title: Nobody knows, phrase: at some point}
          - {date: "2025-03-02", title: Day precision, phrase: on the second}
        """,
    )
    return build(tiny_site).output_dir


def event_tag(html: str, anchor: str) -> str:
    return re.search(rf'<li class="[^"]*" id="{anchor}"[^>]*>', html).group(0)


def page(site: Path, name: str) -> str:
    return (site / "timeline" / name / "index.html").read_text()


def test_the_timeline_has_a_page_a_year_and_a_front_page_with_counts(timeline_site):
    front = (timeline_site / "timeline" / "index.html").read_text()
    years = re.findall(
        r'<a href="../timeline/(\d{4})/" data-section="\d{4}">\d{4}</a> <span class="count">([^<]+)</span>',
        front,
    )
    assert years == [("2019", "2 events"), ("2025", "2 events")]
    assert 'href="../timeline/until/2024/"' in front  # known only by their end: a page per end year
    assert 'href="../timeline/undated/"' in front
    assert "Start unknown (until a known date)" in front and "until 2024" in front and "Date unknown" in front
    assert {p.name for p in (timeline_site / "timeline").iterdir()} == {
        "index.html",
        "events.json",
        "2019",
        "2025",
        "until",
        "undated",
    }
    year = page(timeline_site, "2025")
    assert 'id="event-first-1"' in year and 'id="event-second-5"' in year and "event-second-1" not in year
    assert 'aria-current="page">2025</a>' in year  # the jump list names every page, this one current
    assert json.loads((timeline_site / "timeline" / "events.json").read_text()) == {
        "first": ["2025"],
        "second": ["2019", "2019", "until/2024", "undated", "2025"],
    }
    data = json.loads((timeline_site / "timeline.json").read_text())
    assert len(data["events"]) == 5  # whole: every event with a known date


def test_events_carry_what_the_filters_need(timeline_site):
    html = page(timeline_site, "2019")
    plan = event_tag(html, "event-second-1")
    assert 'data-year="2019 2020 2021"' in plan
    assert 'data-type="organization"' in plan and 'data-entity="acme-agency"' in plan
    assert 'data-tag="budget"' in plan
    jane = event_tag(page(timeline_site, "2025"), "event-first-1")
    assert 'data-type="person"' in jane and 'data-tag="people"' in jane and 'data-year="2025"' in jane
    assert 'data-year="2024"' in event_tag(page(timeline_site, "until/2024"), "event-second-3")
    assert 'data-year=""' in event_tag(page(timeline_site, "undated"), "event-second-4")
    for option in (
        '<option value="organization">Organizations</option>',
        '<option value="budget">budget</option>',
    ):
        assert option in html
    assert "<option>2020</option>" in html


def test_vague_dates_are_marked_with_the_source_wording(timeline_site):
    html = page(timeline_site, "2019")
    early = html[html.index('id="event-second-2"') :]
    early = early[: early.index("</li>")]
    assert "is-vague" in event_tag(html, "event-second-2")
    assert 'aria-label="Approximate date. The source says “around the turn of the decade”."' in early
    assert 'tabindex="0"' in early and 'role="img"' in early
    assert 'aria-label="No known start."' in page(timeline_site, "until/2024")  # ../2024
    assert 'aria-label="No known date. The source says “at some point”."' in page(timeline_site, "undated")
    html = page(timeline_site, "2025")
    day = html[html.index('id="event-second-5"') :]
    day = day[: day.index("</li>")]
    assert "is-vague" not in event_tag(html, "event-second-5")
    assert 'aria-label="The source says “on the second”."' in day  # precise, but the wording is kept
    assert "date-note" not in html[html.index('id="event-first-1"') :].split("</li>")[0]


def test_filters_work_from_the_url_and_follow_the_reader_across_years(timeline_site, browser):
    with quality.serve(timeline_site) as root:
        page = browser.new_page()
        page.goto(root + "timeline/2025/?type=person")
        visible = page.locator("li.event:visible")
        assert visible.count() == 1 and "Jane Roe joins" in visible.first.text_content()
        assert page.locator("#timeline-status").text_content() == "Showing 1 of 2 events."
        assert page.locator("#filter-type").input_value() == "person"
        assert (
            page.locator('.jump a[data-section="2019"]')
            .first.get_attribute("href")
            .endswith("/timeline/2019/?type=person")
        )  # the other years open with the same filters
        page.goto(root + "timeline/2019/")
        page.select_option("#filter-year", "2020")
        page.wait_for_function("() => location.search === '?year=2020'")
        assert [t.strip() for t in page.locator("li.event:visible .event-title").all_text_contents()] == [
            "A three-year plan"
        ]
        page.fill("#filter-entity", "Acme Agency")
        page.wait_for_function("() => new URLSearchParams(location.search).get('entity') === 'acme-agency'")
        page.click("button[type=reset]")
        page.wait_for_function("() => location.search === ''")
        assert page.locator("li.event:visible").count() == 2
        page.goto(root + "timeline/2019/?tag=budget&entity=acme-agency")
        assert page.locator("#filter-entity").input_value() == "Acme Agency"
        assert page.locator("li.event:visible").count() == 1
        page.goto(root + "timeline/?tag=budget")  # the front page carries filters into each year
        assert page.locator('a[data-section="2019"]').get_attribute("href").endswith("2019/?tag=budget")
        page.close()


def test_old_permalinks_find_their_year_page(timeline_site, browser):
    with quality.serve(timeline_site) as root:
        page = browser.new_page(viewport={"width": 390, "height": 600})
        page.goto(root + "timeline/#event-second-5")
        page.wait_for_url("**/timeline/2025/#event-second-5")
        target = page.locator("#event-second-5")
        assert target.is_visible() and target.evaluate("el => el.matches(':target')")
        page.goto(root + "timeline/#event-second-3")
        page.wait_for_url("**/timeline/until/2024/#event-second-3")
        page.goto(root + "timeline/#y2019")  # a year's old anchor
        page.wait_for_url("**/timeline/2019/")
        page.goto(root + "timeline/#undated")
        page.wait_for_url("**/timeline/undated/")
        page.close()


def test_a_permalink_shows_and_highlights_its_event_even_when_filtered_out(timeline_site, browser):
    with quality.serve(timeline_site) as root:
        page = browser.new_page(viewport={"width": 390, "height": 600})
        page.goto(root + "timeline/?type=organization#event-first-1")  # an old link, filtered
        page.wait_for_url("**/timeline/2025/**")
        target = page.locator("#event-first-1")
        target.wait_for(state="visible")
        assert target.evaluate("el => el.matches(':target')")
        top = page.evaluate("() => document.querySelector('#event-first-1').getBoundingClientRect().top")
        assert 0 <= top < 600 - 50  # scrolled into view
        assert page.url.endswith("/timeline/2025/#event-first-1")  # the cleared filter left the URL too
        assert page.locator("li.event:visible").count() == 2  # the filter that hid it was cleared
        assert target.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"  # highlighted
        page.close()


def test_without_javascript_the_full_list_shows_and_the_filters_hide(timeline_site, browser):
    with quality.serve(timeline_site) as root:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(root + "timeline/2019/?type=person")
        assert page.locator("li.event:visible").count() == 2
        assert not page.locator("#timeline-filters").is_visible()
        page.goto(root + "timeline/#event-second-5")  # no lookup: the front page lists every year
        assert page.locator('a[data-section="2025"]').is_visible()
        page.goto(root)
        assert page.locator("form[role=search]").first.get_attribute("action") == "search/"
        context.close()


def big_timeline(folder: Path, events: int) -> Path:
    """A site folder holding only one timeline year of ``events`` events (rendered, not loaded)."""
    config = SiteConfig(root=folder, title="Big desk", output_dir=folder / "site", templates_dir=folder / "t")
    entities = {
        f"e{i}": Entity(f"e{i}", f"Entity {i}", ("person", "place", "organization")[i % 3])
        for i in range(300)
    }
    briefs = []
    for b in range(events // 4):
        slug = f"b{b:05d}"
        evs = tuple(
            Event(
                parse_partial_date(f"2020-{(b * 4 + k) % 12 + 1:02d}"),  # one year: its page
                f"Event {b}-{k}",
                (f"e{(b + k) % 300}", f"e{(b * 7 + k) % 300}"),
                slug,
                k,
            )
            for k in range(4)
        )
        briefs.append(
            Brief(
                slug,
                f"Brief {b}",
                date(2020, 1, 1) + timedelta(days=b),
                "S.",
                Body(""),
                0,
                events=evs,
                tags=(f"topic-{b % 20}",),
            )
        )
    index = build_index(Site(config, tuple(briefs), entities))
    spec = timeline_section_page(index, 0)
    out = folder / "site"
    (out / "timeline" / "2020").mkdir(parents=True)
    (out / "timeline" / "2020" / "index.html").write_bytes(
        Renderer(config, make_environment(config.templates_dir)).render(spec)
    )
    shutil.copytree(default_theme_dir() / "static", out / "assets")
    return out


def test_filtering_stays_fast_with_5000_events(tmp_path, browser):
    site = big_timeline(tmp_path, 5000)
    with quality.serve(site) as root:
        page = browser.new_page()
        page.goto(root + "timeline/2020/")
        assert page.locator("li.event").count() == 5000
        timings = page.evaluate(
            """async () => {
                const select = document.getElementById('filter-type');
                const times = [];
                for (const value of ['person', 'place', '']) {
                    const start = performance.now();
                    select.value = value;
                    select.dispatchEvent(new Event('input', {bubbles: true}));
                    await new Promise(r => setTimeout(r, 0));
                    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                    times.push(performance.now() - start);
                }
                return times;
            }"""
        )
        assert page.locator("#timeline-status").text_content() == ""
        page.select_option("#filter-type", "place")
        status = page.locator("#timeline-status").text_content()
        assert re.fullmatch(r"Showing [\d,]+ of 5,000 events\.", status)
        print(f"filtering 5,000 events: {', '.join(f'{t:.0f} ms' for t in timings)}")
        assert max(timings) < 1000  # a generous bound for a busy CI machine; typically well under 100 ms
        page.close()
