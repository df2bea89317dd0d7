"""Measure a built Briefing site as readers get it, in headless Chromium, and print a table.

For the sample site (this repository) and a generated 1,000-brief site it measures:
Lighthouse (performance, accessibility, best practices, SEO; mobile and desktop) on home, a
brief, the archive, the timeline and its fullest year, the entity index, the fullest entity page
and a paginated tag page; the largest HTML page (bar: 1 MB); axe-core violations at 390 px and
1280 px in light and dark colours; html-validate on the pages; horizontal scrolling at 390 px;
console errors; requests that leave the site; the home page's transferred size; and whether
search answers. Each site is served by a local http.server on 127.0.0.1, under its base path
and gzipped, as a static host such as GitHub Pages serves it.

    npm ci                                  # once: axe-core, html-validate, lighthouse
    python scripts/quality.py               # sample site + 1,000 briefs (about 8 minutes)
    python scripts/quality.py --briefs 0    # the sample site only
    python scripts/quality.py --no-lighthouse
    python scripts/quality.py --no-site --briefs 10000 --language ru   # the at-scale figures

Exit status 1 when a bar is missed. The tests (tests/test_quality.py) reuse the helpers here.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
HTML_VALIDATE = NODE_MODULES / ".bin" / "html-validate"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
HTML_VALIDATE_CONFIG = REPO / "scripts" / "htmlvalidate.json"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (390, 1280)
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BARS = {"lighthouse": 95, "home_kb": 100, "page_kb": 1024}
SEARCH_QUERY = "programme"  # a word both the sample site and the generated one use
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}

sys.path.insert(0, str(REPO))


# --- serving ---------------------------------------------------------------------------------


class StaticHandler(SimpleHTTPRequestHandler):
    """Serves a built site under ``prefix`` like a static host: gzip, 404.html, no logging."""

    prefix = "/"

    def log_message(self, *args) -> None:  # quiet
        pass

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            return ""
        rel = posixpath.normpath(path[len(self.prefix) :]).lstrip("/")
        if rel.startswith(".."):
            return ""
        target = Path(self.directory) / (rel if rel != "." else "")
        if path.endswith("/") and not str(target).endswith("/"):
            return str(target) + "/"
        return str(target)

    def send_head(self):
        local = self.translate_path(self.path)
        if not local:
            return self._not_found()
        target = Path(local)
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return None
            target = target / "index.html"
        if not target.is_file():
            return self._not_found()
        return self._send(target, 200)

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if page.is_file():
            return self._send(page, 404)
        self.send_error(404)
        return None

    def _send(self, target: Path, status: int):
        data = target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(target)))
        if target.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(data)


@contextmanager
def serve(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``folder`` at http://127.0.0.1:PORT``prefix``; yields that URL."""
    handler = type("Handler", (StaticHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


# --- sites -----------------------------------------------------------------------------------


def build_site(root: Path, out: Path) -> tuple[Path, str]:
    """Build the site at ``root`` into ``out`` (search included); return it and its base path."""
    from generator.engine import build
    from generator.load.config import load_config
    from generator.model.urls import base_path

    result = build(root, output_dir=out)
    return result.output_dir, base_path(load_config(root).base_url)


def html_pages(site: Path) -> list[str]:
    """Every page's URL path relative to the site root ('' for home, 'briefs/x/', '404.html')."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages


def representative_pages(site: Path) -> dict[str, str]:
    """One page of each kind the quality bars name: home, a brief, the archive, the timeline and
    its fullest year, entities, the fullest entity page, and a tag page (a later page if any)."""
    briefs = sorted(p.parent.name for p in (site / "briefs").glob("*/index.html") if p.parent.name != "page")
    entities = sorted((site / "entities").glob("*/index.html"), key=lambda p: -p.stat().st_size)
    years = sorted((site / "timeline").glob("*/index.html"), key=lambda p: -p.stat().st_size)
    tags = sorted((site / "tags").glob("*/page/2/index.html")) or sorted((site / "tags").glob("*/index.html"))
    pages = {
        "home": "",
        "brief": f"briefs/{briefs[0]}/",
        "archive": "briefs/",
        "timeline": "timeline/",
        "entities": "entities/",
        "entity": f"entities/{entities[0].parent.name}/",  # the fullest entity page
    }
    if years:
        pages["timeline year"] = years[0].parent.relative_to(site).as_posix() + "/"  # the fullest year
    if tags:
        pages["tag"] = tags[0].parent.relative_to(site).as_posix() + "/"
    return pages


def largest_page(site: Path) -> tuple[str, int]:
    """The largest HTML page of the site and its size in bytes."""
    path = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return path.relative_to(site).as_posix(), path.stat().st_size


# --- in the browser --------------------------------------------------------------------------


def tools_missing(names: tuple[str, ...] = ("axe-core", "html-validate", "lighthouse")) -> list[str]:
    """Which of the npm tools (and Chromium) are not installed: run `npm ci` for the npm ones."""
    tools = {"axe-core": AXE_SCRIPT, "html-validate": HTML_VALIDATE, "lighthouse": LIGHTHOUSE}
    missing = [name for name in names if not tools[name].exists()]
    if not Path(CHROMIUM).exists():
        missing.append(f"chromium ({CHROMIUM})")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -e '.[test]')")
    return missing


def launch(playwright, timeout_ms: float = 30_000):
    """Debian's Chromium, headless, with the flags this machine's closed network needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS, timeout=timeout_ms)


@dataclass
class PageReport:
    """What one page showed at one width and colour scheme."""

    url: str
    width: int
    scheme: str
    violations: list[str] = field(default_factory=list)
    overflow: int = 0  # px of horizontal scrolling
    console_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    transferred: int = 0  # bytes, headers included, of the requests the load made


AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .map(v => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].target.join(' ')}`)"""


class PageChecker:
    """One browser tab, reused for many pages: loads each page once and checks it at every width.

    axe-core is injected by an init script, so it is there on every load without a round trip.
    """

    def __init__(self, browser, scheme: str = "light", axe: bool = True):
        self.scheme = scheme
        self.axe = axe
        self.context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, color_scheme=scheme)
        if axe:
            self.context.add_init_script(path=str(AXE_SCRIPT))
        self.page = self.context.new_page()
        self._errors: list[str] = []
        self._requests: list = []
        self.page.on("console", lambda m: m.type == "error" and self._errors.append(m.text))
        self.page.on("pageerror", lambda e: self._errors.append(str(e)))
        self.page.on("request", lambda r: self._requests.append(r))

    def check(self, url: str, widths: tuple[int, ...] = WIDTHS) -> list[PageReport]:
        """Load ``url`` at the first width, then resize through the others; one report per width."""
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        self._errors.clear()
        self._requests.clear()
        self.page.set_viewport_size({"width": widths[0], "height": 900})
        self.page.goto(url, wait_until="load")
        reports = []
        for width in widths:
            if width != widths[0]:
                self.page.set_viewport_size({"width": width, "height": 900})
            report = PageReport(url, width, self.scheme)
            if self.axe:
                report.violations = self.page.evaluate(AXE_RUN)
            report.overflow = self.page.evaluate(
                "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
            )
            reports.append(report)
        first = reports[0]
        first.console_errors = list(self._errors)
        for request in self._requests:
            if not request.url.startswith((origin, "data:")):
                first.external.append(request.url)
            elif request.response() is not None:
                sizes = request.sizes()
                first.transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return reports

    def close(self) -> None:
        self.context.close()


def search_answers(browser, site_url: str, query: str) -> tuple[int, list[str]]:
    """Type ``query`` in the header box; return (results shown, console errors)."""
    errors: list[str] = []
    page = browser.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(site_url)
        page.fill("#site-search-q", query)
        page.wait_for_selector("#site-search-results .search-result, #site-search-results .search-note")
        return page.locator("#site-search-results .search-result").count(), errors
    finally:
        page.close()


def validate_html(files: list[Path]) -> dict[str, list[str]]:
    """html-validate's messages per file (files with none are left out)."""
    done = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(HTML_VALIDATE_CONFIG), "--formatter", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1) or not done.stdout.strip():
        raise RuntimeError(f"html-validate failed: {done.stderr.strip()}")
    problems = {}
    for result in json.loads(done.stdout):
        if result["messages"]:
            problems[result["filePath"]] = [
                f"{m['line']}:{m['column']} {m['ruleId']}: {m['message']}" for m in result["messages"]
            ]
    return problems


def lighthouse(url: str, form_factor: str, work: Path) -> dict[str, int]:
    """Lighthouse scores (0–100) per category for ``url`` on 'mobile' or 'desktop'."""
    out = work / f"lh-{abs(hash((url, form_factor)))}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    try:
        report = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {c: -1 for c in LIGHTHOUSE_CATEGORIES}
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in LIGHTHOUSE_CATEGORIES}


# --- the report ------------------------------------------------------------------------------


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def measure(name: str, site: Path, prefix: str, work: Path, run_lighthouse: bool, all_pages: bool) -> bool:
    """Measure one built site; print its tables; return True if every bar is met."""
    from playwright.sync_api import sync_playwright

    ok = True
    kinds = representative_pages(site)
    pages = html_pages(site) if all_pages else [*kinds.values(), "search/", "tags/", "404.html"]
    print(f"\n## {name}: {len(html_pages(site))} pages; browser checks on {len(pages)}, under {prefix}\n")
    with serve(site, prefix) as root, sync_playwright() as playwright:
        browser = launch(playwright)
        totals = {"violations": 0, "overflow": 0, "errors": 0, "external": 0}
        for scheme in ("light", "dark"):
            checker = PageChecker(browser, scheme)
            for rel in pages:
                for report in checker.check(root + rel):
                    totals["violations"] += len(report.violations)
                    totals["overflow"] += bool(report.overflow and report.width == 390)
                    totals["errors"] += len(report.console_errors)
                    totals["external"] += len(report.external)
                    where = f"{rel or 'home'} @{report.width} {scheme}"
                    for problem in report.violations + report.console_errors + report.external:
                        print(f"  {where}: {problem}")
                    if report.overflow:
                        print(f"  {where}: scrolls {report.overflow}px sideways")
            checker.close()
        plain = PageChecker(browser, axe=False)
        home = plain.check(root, (390,))[0]
        plain.close()
        hits, search_errors = search_answers(browser, root, SEARCH_QUERY)
        browser.close()
        every_page = html_pages(site)  # the validator is quick: every page of the site
        validation = validate_html(
            [site / (r if r.endswith(".html") else r + "index.html") for r in every_page]
        )
        for path, messages in validation.items():
            for message in messages:
                print(f"  {Path(path).relative_to(site)}: {message}")
        rows = [
            ["axe violations (390/1280 px, light/dark)", totals["violations"], "0"],
            ["pages with sideways scroll at 390 px", totals["overflow"], "0"],
            ["console errors", totals["errors"] + len(search_errors), "0"],
            ["requests leaving the site", totals["external"], "0"],
            ["html-validate: pages with errors", f"{len(validation)} of {len(every_page)}", "0"],
            ["home page transferred (KB)", f"{home.transferred / 1024:.1f}", f"< {BARS['home_kb']}"],
            [f"search results for '{SEARCH_QUERY}' in the header box", hits, "> 0"],
        ]
        ok &= totals["violations"] == totals["overflow"] == totals["errors"] == totals["external"] == 0
        ok &= not validation and not search_errors and hits > 0
        ok &= home.transferred / 1024 < BARS["home_kb"]
        biggest, size = largest_page(site)
        rows.append([f"largest HTML page (KB): {biggest}", f"{size / 1024:.0f}", f"< {BARS['page_kb']}"])
        ok &= size / 1024 < BARS["page_kb"]
        print(table([[str(c) for c in r] for r in rows], ["check", name, "bar"]))
        if run_lighthouse:
            lh_rows = []
            for kind, rel in kinds.items():
                for form_factor in ("mobile", "desktop"):
                    scores = lighthouse(root + rel, form_factor, work)
                    ok &= min(scores.values()) >= BARS["lighthouse"]
                    lh_rows.append([kind, form_factor, *(str(scores[c]) for c in LIGHTHOUSE_CATEGORIES)])
            print()
            print(table(lh_rows, ["page", "form factor", *LIGHTHOUSE_CATEGORIES]))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000, help="size of the generated site (0: skip it)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (the slow part)")
    parser.add_argument("--site", type=Path, default=REPO, help="the site folder to measure first")
    parser.add_argument("--no-site", action="store_true", help="measure only the generated site")
    parser.add_argument("--language", default="", help="build the generated site in this language")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it comes, even in a log
    missing = tools_missing()
    if missing:
        print(f"missing: {', '.join(missing)} (run `npm ci` in {REPO})", file=sys.stderr)
        return 2
    ok = True
    with tempfile.TemporaryDirectory(prefix="briefing-quality-") as tmp:
        work = Path(tmp)
        if not args.no_site:
            site, prefix = build_site(args.site, work / "sample")
            ok &= measure("sample site", site, prefix, work, not args.no_lighthouse, all_pages=True)
        if args.briefs:
            corpus = work / "corpus"
            subprocess.run(
                [
                    sys.executable,
                    str(REPO / "benchmarks" / "corpus.py"),
                    str(corpus),
                    "--briefs",
                    str(args.briefs),
                ],
                check=True,
            )
            if args.language:
                config = corpus / "site.yaml"
                text = config.read_text(encoding="utf-8").replace("language: en\n", "")
                config.write_text(f"{text}language: {args.language}\n", encoding="utf-8")
            site, prefix = build_site(corpus, work / "corpus-site")
            ok &= measure(
                f"{args.briefs} briefs", site, prefix, work, not args.no_lighthouse, all_pages=False
            )
        shutil.rmtree(work, ignore_errors=True)
    print("\nall bars met" if ok else "\nsome bars missed (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
