"""End to end: a real (headless) Chromium on a served brief reloads by itself after a save."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import quality
from test_serve import BRIEF_PAGE, WAIT, Preview, edit, free_port


def missing(reason: str) -> None:
    """In CI a missing browser is a failure (it must be installed there); elsewhere, a skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must install it (apt-get install -y chromium; pip install -e .[test])")
    pytest.skip(reason)


@pytest.fixture
def chromium_page():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright Python package is not installed")
    if not Path(quality.CHROMIUM).is_file():
        missing(f"Chromium is not installed at {quality.CHROMIUM}")
    with sync_playwright() as playwright:
        browser = quality.launch(playwright, timeout_ms=WAIT * 3000)
        try:
            page = browser.new_page()
            page.set_default_timeout(WAIT * 1000)
            yield page
        finally:
            browser.close()


@pytest.fixture
def preview(sample_site, tmp_path):
    server = Preview(sample_site, ["--port", str(free_port())], tmp_path / "tmp")
    try:
        yield server
    finally:
        server.kill()


def test_the_open_page_reloads_itself_after_a_save(chromium_page, sample_site, preview):
    page = chromium_page
    # Test instrumentation only: note when livereload.js is connected, and mark this document
    # so we can tell a reloaded one from it.
    page.add_init_script(
        "document.addEventListener('LiveReloadConnect', () => { window.liveReloadConnected = true; });"
    )
    page.goto(preview.url + BRIEF_PAGE)
    page.wait_for_function("() => window.liveReloadConnected === true")
    page.wait_for_timeout(100)  # its 'info' message, which makes the server count it, arrives
    page.evaluate("() => { window.notReloadedYet = true; }")
    assert page.get_by_text("Saved while the browser watched.").count() == 0

    edit(sample_site, "Trade fairs are where", "Saved while the browser watched. Trade fairs are where")

    page.get_by_text("Saved while the browser watched.").wait_for()
    assert page.evaluate("() => window.notReloadedYet") is None  # a fresh document: it reloaded
    assert page.url == preview.url + BRIEF_PAGE
