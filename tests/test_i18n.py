"""The site in the desk's language: theme strings from the catalogs, CLDR dates and numbers,
right-to-left layout, and a site's own translations."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, quality, write_brief

from generator.engine import SiteBuilder, build
from generator.errors import ConfigError
from generator.load.config import load_config


class Page(HTMLParser):
    """The <html> attributes, the text of each element kind we check, and the page's text."""

    WATCH = ("h1", "h2", "time", "title", "label", "button", "strong", "dt")

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html_attrs: dict[str, str] = {}
        self.texts: dict[str, list[str]] = {tag: [] for tag in self.WATCH}
        self.labels: list[str] = []  # aria-label values
        self._open: list[str] = []
        self._skip = 0
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        if tag == "script":
            self._skip += 1
        if "aria-label" in attrs:
            self.labels.append(attrs["aria-label"])
        if tag in self.WATCH:
            self._open.append(tag)
            self.texts[tag].append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._skip -= 1
        if tag in self.WATCH and self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._skip:
            return
        data = data.replace("\u202f", " ").replace("\xa0", " ")  # CLDR's no-break spaces
        self.text += data
        for tag in self._open:
            self.texts[tag][-1] += data


def read(out: Path, url: str) -> Page:
    return Page((out / url / "index.html").read_text(encoding="utf-8"))


def site_in(tiny_site: Path, language: str) -> Path:
    """The tiny site in ``language``, with events of several date shapes and a second brief."""
    (tiny_site / "site.yaml").write_text(
        f"title: Desk\nbase_url: /\nlanguage: {language}\n", encoding="utf-8"
    )
    write_brief(
        tiny_site,
        "second",
        """
        title: Second
        date: 2026-12-01
        summary: S.
        entities: [acme-agency, jane-roe]
        tags: [budget]
        events:
          - {date: "2019~", title: Early days}
          - {date: "../2025", title: Until then}
          - {date: "2024-03", title: A month}
          - {date: "201X", title: A decade}
        """,
    )
    return build(tiny_site).output_dir


# (language, strings and dates every page kind must show in it)
EXPECTED = {
    "ru": {
        "html": {"lang": "ru", "dir": "ltr"},
        "home_h2": "Последние сводки",
        "brief_date": "1 декабря 2026 г.",
        "brief_h2": "Датированные события",
        "month": "декабрь 2026 г.",
        "events": {"ок. 2019", "март 2024 г.", "2010-е"},
        "until": "до 2025",
        "entities_h2": "Люди",
        "count": "2 сводки",
        "tag_count": "1 сводка",
        "search_h1": "Поиск",
        "missing_h1": "Страница не найдена",
        "timeline_h1": "Хронология",
        "note": "Приблизная дата.",
    },
    "pl": {
        "html": {"lang": "pl", "dir": "ltr"},
        "home_h2": "Najnowsze notatki",
        "brief_date": "1 grudnia 2026",
        "brief_h2": "Datowane wydarzenia",
        "month": "grudzień 2026",
        "events": {"ok. 2019", "marzec 2024", "lata 2010."},
        "until": "do 2025",
        "entities_h2": "Osoby",
        "count": "2 notatki",
        "tag_count": "1 notatka",
        "search_h1": "Szukaj",
        "missing_h1": "Nie znaleziono strony",
        "timeline_h1": "Oś czasu",
        "note": "Data przybliżona.",
    },
    "en": {
        "html": {"lang": "en", "dir": "ltr"},
        "home_h2": "Latest briefs",
        "brief_date": "1 December 2026",
        "brief_h2": "Dated events",
        "month": "December 2026",
        "events": {"c. 2019", "March 2024", "2010s"},
        "until": "until 2025",
        "entities_h2": "People",
        "count": "2 briefs",
        "tag_count": "1 brief",
        "search_h1": "Search",
        "missing_h1": "Page not found",
        "timeline_h1": "Timeline",
        "note": "Approximate date.",
    },
}


@pytest.mark.parametrize("language", EXPECTED)
def test_every_page_kind_speaks_the_site_language(tiny_site, language):
    want = EXPECTED[language]
    out = site_in(tiny_site, language)
    home = read(out, "")
    assert {k: home.html_attrs[k] for k in ("lang", "dir")} == want["html"]
    assert want["home_h2"] in home.texts["h2"]
    brief = read(out, "briefs/second")
    assert want["brief_date"] in brief.texts["time"] and want["brief_h2"] in brief.texts["h2"]
    archive = read(out, "briefs")
    assert want["month"] in archive.texts["h2"]  # the month headings, in the stand-alone form
    assert want["brief_date"] in archive.texts["time"]
    years = {
        t for url in ("timeline/2019", "timeline/2024", "timeline/2010") for t in read(out, url).texts["time"]
    }
    assert want["events"] <= years
    until = read(out, "timeline/until/2025")
    assert want["until"] in until.texts["time"]
    assert want["timeline_h1"] == read(out, "timeline").texts["h1"][0]
    assert any(label.startswith(want["note"]) for label in read(out, "timeline/2019").labels)
    assert want["entities_h2"] in read(out, "entities").texts["h2"]
    entity = read(out, "entities/jane-roe")
    assert want["count"] in entity.text
    assert want["tag_count"] in read(out, "tags/budget").text
    assert want["search_h1"] in read(out, "search").texts["h1"]
    missing = Page((out / "404.html").read_text(encoding="utf-8"))
    assert want["missing_h1"] in missing.texts["h1"]
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert f'xml:lang="{language}"' in feed


def test_numbers_follow_the_language(tiny_site):
    (tiny_site / "site.yaml").write_text("title: Desk\nlanguage: de\narchive_page_size: 1\n")
    for n in range(2, 13):
        write_brief(tiny_site, f"b{n}", f"title: B{n}\ndate: 2025-01-{n:02d}\nsummary: S.")
    (tiny_site / "content" / "briefs" / "first.md").unlink()
    out = build(tiny_site).output_dir
    archive = read(out, "briefs")
    assert "11 Briefings, neueste zuerst. Seite 1 von 11." in archive.text
    assert "12. Januar 2025" in archive.texts["time"]


def test_every_theme_string_is_translated():
    """scripts/catalogs.py --check: every message of the theme in every shipped catalog."""
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "catalogs.py"), "--check"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    shipped = {p.stem for p in (REPO / "templates" / "locales").glob("*.po")}
    assert {"en", "ru", "uk", "pl", "de", "fr"} <= shipped


def test_a_site_overrides_or_adds_a_translation(tiny_site):
    locales = tiny_site / "locales"
    locales.mkdir()
    (locales / "ru.po").write_text(
        textwrap.dedent(
            """\
            msgid ""
            msgstr "Content-Type: text/plain; charset=UTF-8\\n"

            msgid "Latest briefs"
            msgstr "Свежие сводки"
            """
        ),
        encoding="utf-8",
    )
    (tiny_site / "site.yaml").write_text("title: Desk\nlanguage: ru\n")
    builder = SiteBuilder(tiny_site)
    out = builder.rebuild().output_dir
    home = read(out, "")
    assert "Свежие сводки" in home.texts["h2"]  # the site's own wording
    assert "Хронология" in home.text  # the theme's catalog for everything else
    po = locales / "ru.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Свежие", "Новые"), encoding="utf-8")
    assert "index.html" in builder.rebuild().changed  # a catalog edit re-renders the pages
    assert "Новые сводки" in read(out, "").texts["h2"]
    # A language the theme does not ship: the site's catalog, with CLDR dates for it.
    (locales / "be.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Timeline"\nmsgstr "Храналогія"\n',
        encoding="utf-8",
    )
    (tiny_site / "site.yaml").write_text("title: Desk\nlanguage: be\n")
    out = build(tiny_site).output_dir
    home = read(out, "")
    assert home.html_attrs["lang"] == "be" and "Храналогія" in home.text
    assert "14 сакавіка 2025" in " ".join(home.texts["time"])


def test_arabic_is_laid_out_right_to_left(tiny_site, browser):
    (tiny_site / "site.yaml").write_text("title: Desk\nbase_url: /\nlanguage: ar\n")
    out = build(tiny_site).output_dir
    home = read(out, "")
    assert home.html_attrs == {"lang": "ar", "dir": "rtl"}
    assert "أحدث الموجزات" in home.texts["h2"]
    with quality.serve(out) as root:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(root + "briefs/first/")
        bluf = page.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('.bluf'));"
            " return [s.borderRightWidth, s.borderLeftWidth, s.direction]; }"
        )
        assert bluf == ["4px", "0px", "rtl"]  # the accent bar on the start side, the right
        box = page.locator("h1").bounding_box()
        assert box["x"] + box["width"] > 390 - 40  # the heading starts at the right edge
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")  # no sideways scroll
        page.goto(root + "timeline/")
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
        page.close()


def test_the_language_must_be_a_language_tag(tiny_site):
    for value, tag in (("pt_br", "pt-BR"), ("EN", "en"), ("sr-latn", "sr-Latn")):
        (tiny_site / "site.yaml").write_text(f"title: T\nlanguage: {value}\n")
        assert load_config(tiny_site).language == tag
    (tiny_site / "site.yaml").write_text("title: T\nlanguage: English\n")
    with pytest.raises(ConfigError, match="not a language tag"):
        load_config(tiny_site)


def test_search_indexes_in_the_page_language(tiny_site):
    (tiny_site / "site.yaml").write_text("title: Desk\nlanguage: pl\n")
    out = build(tiny_site).output_dir
    entries = list((out / "pagefind").rglob("pagefind-entry.json"))
    if not entries:
        pytest.skip("Pagefind did not run here")
    assert '"pl"' in entries[0].read_text()


def test_changing_the_language_rerenders_in_the_new_one(tiny_site):
    builder = SiteBuilder(tiny_site)  # one builder, one Jinja environment, as under briefing serve
    out = builder.rebuild().output_dir
    assert "14 March 2025" in read(out, "briefs/first").texts["time"]
    (tiny_site / "site.yaml").write_text("title: Tiny desk\nlanguage: pl\n")
    builder.rebuild()
    brief = read(out, "briefs/first")
    assert brief.html_attrs["lang"] == "pl" and "14 marca 2025" in brief.texts["time"]
    assert "Podmioty" in brief.texts["h2"]


def test_the_co_mention_graph_is_named_in_the_site_language(tiny_site):
    out = site_in(tiny_site, "de")
    page = (out / "entities" / "jane-roe" / "index.html").read_text(encoding="utf-8")
    title = re.search(r'<title id="co-mention-graph-title">([^<]+)</title>', page).group(1)
    assert title == "Jane Roe und die 1 Einträge, die am häufigsten mit ihm genannt werden"
