"""Screenshots of every page kind of the sample site, at 390 px and 1280 px, light and dark.

    python scripts/screenshots.py            # writes docs/screenshots/*.png and docs/screenshot.png

The site is built into a temporary folder and served on 127.0.0.1 under its base path, as a
reader would get it; each shot is the first screenful of the page in headless Chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # scripts/ is not a package

DOCS = quality.REPO / "docs"
HEIGHTS = {390: 844, 1280: 860}
# kind → (path relative to the site root, what to do before the shot)
SHOTS = {
    "home": ("", None),
    "brief": ("briefs/decree-and-199-point-programme/", None),
    "timeline": ("timeline/", "note"),
    "entities": ("entities/", None),
    "entity": ("entities/belarus/", "graph"),
    "tag": ("tags/belarus/", None),
    "search": ("search/?q=programme", "results"),
}


def prepare(page, action: str | None) -> None:
    if action == "results":
        page.locator("#search-results .search-result").first.wait_for()
    elif action == "note":  # show a vague date's note, as on hover or focus
        page.locator(".timeline .date-note").first.focus()
    elif action == "graph":
        page.locator("#with").scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -16)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS / "screenshots")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefing-shots-") as tmp:
        site, prefix = quality.build_site(quality.REPO, Path(tmp) / "site")
        with quality.serve(site, prefix) as root, sync_playwright() as playwright:
            browser = quality.launch(playwright)
            for scheme in ("light", "dark"):
                for width, height in HEIGHTS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    page.emulate_media(color_scheme=scheme)
                    for kind, (rel, action) in SHOTS.items():
                        page.goto(root + rel, wait_until="load")
                        prepare(page, action)
                        path = args.out / f"{kind}-{width}-{scheme}.png"
                        page.screenshot(path=str(path))
                        if (kind, width, scheme) == ("home", 1280, "light"):
                            page.screenshot(path=str(DOCS / "screenshot.png"))
                        print(path.relative_to(quality.REPO))
                    context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
