"""Quality bars on every page of the sample site, in headless Chromium: axe-core at 390 px and
1280 px, valid HTML (html-validate), no sideways scrolling on a phone, no console errors, no
request leaving the site. Lighthouse is slower and lives in scripts/quality.py only.

The tools come from `npm ci` (axe-core, html-validate) and Debian's chromium. Where they are
missing the tests skip, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO, quality

from generator.engine import build

BASE_PATH = "/briefing/"  # the sample site's base_url path: the 404 page links from it


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    missing = quality.tools_missing(("axe-core", "html-validate"))
    if missing:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(
            f"missing: {', '.join(missing)} (run `npm ci` and bash scripts/test.sh)"
        )
    return build(REPO, output_dir=tmp_path_factory.mktemp("quality") / "site").output_dir


@pytest.fixture(scope="module")
def pages(site) -> list[str]:
    found = quality.html_pages(site)
    assert len(found) >= 25
    return found


@pytest.fixture(scope="module")
def reports(site, pages) -> dict[str, list[quality.PageReport]]:
    """Every page loaded once in light colours and checked at 390 px and 1280 px; a page of
    each kind also in dark colours."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[quality.PageReport]] = {}
    dark_pages = {*quality.representative_pages(site).values(), "search/", "tags/", "404.html"}
    with quality.serve(site, BASE_PATH) as root, sync_playwright() as playwright:
        browser = quality.launch(playwright)
        for scheme, chosen in (("light", pages), ("dark", sorted(dark_pages))):
            checker = quality.PageChecker(browser, scheme)
            for rel in chosen:
                found.setdefault(rel or "home", []).extend(checker.check(root + rel))
            checker.close()
        browser.close()
    return found


def problems(reports, attribute: str) -> list[str]:
    return [
        f"{page} @{r.width}px {r.scheme}: {item}"
        for page, page_reports in reports.items()
        for r in page_reports
        for item in getattr(r, attribute)
    ]


def test_axe_finds_no_violations_at_390_and_1280_px(reports):
    checked = {(r.width, r.scheme) for page_reports in reports.values() for r in page_reports}
    assert checked == {(390, "light"), (1280, "light"), (390, "dark"), (1280, "dark")}
    assert problems(reports, "violations") == []


def test_no_page_scrolls_sideways_on_a_phone(reports):
    wide = [
        f"{page}: {r.overflow}px" for page, rs in reports.items() for r in rs if r.width == 390 and r.overflow
    ]
    assert wide == []


def test_no_console_errors_and_no_request_leaves_the_site(reports):
    assert problems(reports, "console_errors") == []
    assert problems(reports, "external") == []


def test_home_page_is_small(reports):
    home = next(r for r in reports["home"] if r.width == 390 and r.transferred)
    assert home.transferred < 100 * 1024  # everything the first view loads, gzipped as served


def test_every_page_is_valid_html(site, pages):
    files = [site / (rel if rel.endswith(".html") else rel + "index.html") for rel in pages]
    assert quality.validate_html(files) == {}
