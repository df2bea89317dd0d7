"""``briefing serve``: the real server in a subprocess, driven over HTTP and livereload's websocket."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.preview import reload_path
from generator.preview.overlay import OVERLAY_ID, decorate_page
from generator.preview.watcher import SourceWatcher, snapshot

REPO = Path(__file__).resolve().parents[1]
BRIEF = "content/briefs/milex-track-record.md"
BRIEF_PAGE = "briefs/milex-track-record/"
TAGS_LINE = "tags: [belarus, russia, defence-industry, exhibitions]"
WAIT = 10  # seconds any one thing may take


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, what: str, timeout: float = WAIT):
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def fetch(url: str) -> tuple[int, str, str]:
    """(status, body, final URL after redirects)."""
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.status, response.read().decode("utf-8"), response.geturl()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), url


class Preview:
    """``python -m generator serve`` on a site, its output collected line by line."""

    def __init__(self, root: Path, args: list[str], tmpdir: Path):
        tmpdir.mkdir(exist_ok=True)
        self.tmpdir = tmpdir  # the server's private folder goes here, so we can see it removed
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmpdir)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--root", str(root), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.stdout), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.stderr), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        self.url = self.wait_for_output(r"serving on (http://\S+)").group(1)
        self.origin = re.match(r"http://[^/]+", self.url).group(0)

    @staticmethod
    def _read(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    def wait_for_output(self, pattern: str) -> re.Match:
        def find():
            for line in self.stdout:
                match = re.search(pattern, line)
                if match:
                    return match
            if self.process.poll() is not None:
                pytest.fail(f"the server exited ({self.process.returncode}): {self.stderr_text()}")
            return None

        return wait_until(find, f"/{pattern}/ in the server's output")

    def stderr_text(self) -> str:
        return "\n".join(self.stderr)

    def page(self, path: str = "") -> str:
        status, body, _ = fetch(self.url + path)
        assert status == 200, f"{self.url + path}: HTTP {status}"
        return body

    def wait_for_page(self, path: str, condition, what: str) -> str:
        return wait_until(
            lambda: (lambda body: body if condition(body) else None)(fetch(self.url + path)[1]), what
        )

    def stop(self, signum: int = signal.SIGINT) -> int:
        self.process.send_signal(signum)
        code = self.process.wait(timeout=WAIT)
        for reader in self._readers:
            reader.join(timeout=WAIT)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=WAIT)


@pytest.fixture
def start_preview(tmp_path):
    """Start ``briefing serve`` on a site; every server started is killed at the end of the test."""
    started: list[Preview] = []

    def start(root: Path, *args: str, port: int | None = None) -> Preview:
        preview = Preview(root, ["--port", str(port or free_port()), *args], tmp_path / "tmp")
        started.append(preview)
        return preview

    yield start
    for preview in started:
        preview.kill()


def edit(root: Path, old: str, new: str) -> None:
    path = root / BRIEF
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serves_the_site_under_its_base_path(sample_site, start_preview):
    preview = start_preview(sample_site)
    assert preview.url.endswith("/briefing/")  # base_url is https://example.github.io/briefing/

    status, home, final_url = fetch(preview.origin + "/")
    assert (status, final_url) == (200, preview.url)
    assert "Belarus–Russia defence desk" in home
    assert "MILEX record hints" in preview.page(BRIEF_PAGE)
    assert fetch(preview.origin + "/" + BRIEF_PAGE)[0] == 404  # outside the base path, as when published
    assert fetch(preview.url + "briefs/milex-track-record")[2] == preview.url + BRIEF_PAGE
    assert 'rel="canonical" href="https://example.github.io/briefing/briefs/milex-track-record/"' in (
        preview.page(BRIEF_PAGE)
    )
    assert not (sample_site / "site").exists()  # the preview never writes into site/


def test_livereload_client_script_is_served_locally(sample_site, start_preview):
    preview = start_preview(sample_site)
    page = preview.page(BRIEF_PAGE)
    assert "'/livereload.js?port='" in page
    assert "cdn" not in page.lower()
    with urllib.request.urlopen(preview.origin + "/livereload.js?port=1", timeout=WAIT) as response:
        assert response.headers["Content-Type"].startswith("application/javascript")
        assert "LiveReload" in response.read().decode("utf-8")


def test_serves_at_the_root_when_base_url_has_no_path(tiny_site, start_preview):
    preview = start_preview(tiny_site)
    assert preview.url == preview.origin + "/"
    assert "First brief" in preview.page()
    assert fetch(preview.origin + "/nowhere/")[0] == 404


def test_a_saved_brief_shows_without_restarting(sample_site, start_preview):
    preview = start_preview(sample_site)
    edit(sample_site, "Trade fairs are where", "A freshly saved sentence. Trade fairs are where")
    preview.wait_for_page(BRIEF_PAGE, lambda body: "A freshly saved sentence." in body, "the edited brief")
    preview.wait_for_output(r"milex-track-record\.md changed: rebuilt in")


def test_livereload_clients_are_told_to_reload_after_a_save(sample_site, start_preview):
    preview = start_preview(sample_site)
    host = preview.origin.removeprefix("http://")

    async def reload_message() -> dict:
        from tornado.websocket import websocket_connect

        client = await websocket_connect(f"ws://{host}/livereload")
        hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        await client.write_message(json.dumps(hello))
        assert json.loads(await asyncio.wait_for(client.read_message(), WAIT))["command"] == "hello"
        await client.write_message(json.dumps({"command": "info", "url": preview.url + BRIEF_PAGE}))
        await asyncio.sleep(0.2)
        edit(sample_site, "Trade fairs are where", "Reload me. Trade fairs are where")
        message = json.loads(await asyncio.wait_for(client.read_message(), WAIT))
        client.close()
        return message

    message = asyncio.run(reload_message())
    assert message["command"] == "reload"
    assert message["path"].startswith("/briefing/")


def test_a_broken_brief_shows_an_overlay_and_the_last_good_site(sample_site, start_preview):
    preview = start_preview(sample_site)
    line = (sample_site / BRIEF).read_text(encoding="utf-8").splitlines().index(TAGS_LINE) + 1
    edit(sample_site, TAGS_LINE, "tags: [belarus: : ][")

    page = preview.wait_for_page(BRIEF_PAGE, lambda body: OVERLAY_ID in body, "the error overlay")
    overlay = page[page.index(f'<div id="{OVERLAY_ID}"') :]
    assert 'role="alert"' in overlay
    assert f"content/briefs/milex-track-record.md:{line}: " in overlay
    assert "MILEX record hints" in page  # the last good page, under the overlay
    assert "Belarus–Russia defence desk" in preview.page()  # other pages keep being served
    assert preview.process.poll() is None
    wait_until(lambda: f"milex-track-record.md:{line}:" in preview.stderr_text(), "the error on stderr")

    edit(sample_site, "tags: [belarus: : ][", TAGS_LINE.replace("[belarus", "[belarus, recovered"))
    page = preview.wait_for_page(BRIEF_PAGE, lambda body: OVERLAY_ID not in body, "recovery")
    assert "recovered" in page
    assert "Traceback" not in preview.stderr_text()


def test_a_site_that_fails_its_first_build_is_served_once_fixed(sample_site, start_preview):
    edit(sample_site, TAGS_LINE, "tags: [belarus: : ][")
    preview = start_preview(sample_site)
    status, page, _ = fetch(preview.url)
    assert status == 404 and OVERLAY_ID in page and "milex-track-record.md" in page

    edit(sample_site, "tags: [belarus: : ][", TAGS_LINE)
    preview.wait_for_page(
        "",
        lambda body: "Belarus–Russia defence desk" in body and OVERLAY_ID not in body,
        "the first good build, without the overlay",
    )


def test_a_site_template_override_is_picked_up(sample_site, start_preview):
    preview = start_preview(sample_site)
    theme_base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    override = sample_site / "templates" / "base.html"
    override.parent.mkdir()  # templates/ did not exist when the server started
    override.write_text(
        theme_base.replace("<body>", "<body>\n<p>Preview banner one</p>", 1), encoding="utf-8"
    )
    preview.wait_for_page(BRIEF_PAGE, lambda body: "Preview banner one" in body, "the new base template")

    override.write_text(
        theme_base.replace("<body>", "<body>\n<p>Preview banner two</p>", 1), encoding="utf-8"
    )
    preview.wait_for_page("", lambda body: "Preview banner two" in body, "the edited base template")


def test_a_broken_template_shows_an_overlay_until_fixed(sample_site, start_preview):
    preview = start_preview(sample_site)
    theme_base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    override = sample_site / "templates" / "base.html"
    override.parent.mkdir()
    override.write_text(theme_base.replace("<body>", "<body>\n{% if %}", 1), encoding="utf-8")
    line = override.read_text(encoding="utf-8").splitlines().index("{% if %}") + 1

    page = preview.wait_for_page("", lambda body: OVERLAY_ID in body, "the error overlay")
    assert f"templates/base.html:{line}: " in page
    assert "Belarus–Russia defence desk" in page

    override.write_text(theme_base.replace("<body>", "<body>\n<p>Fixed banner</p>", 1), encoding="utf-8")
    preview.wait_for_page(
        "", lambda body: "Fixed banner" in body and OVERLAY_ID not in body, "the fixed template, no overlay"
    )


def test_a_busy_port_moves_to_the_next_free_one(tiny_site, start_preview):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        preview = start_preview(tiny_site, port=port)
        moved = preview.wait_for_output(rf"port {port} is busy; serving on (\d+)")
        assert int(moved.group(1)) != port
        assert preview.url == f"http://127.0.0.1:{moved.group(1)}/"
        assert "First brief" in preview.page()


def test_binds_to_loopback_by_default(tiny_site, start_preview):
    preview = start_preview(tiny_site)
    assert preview.origin.startswith("http://127.0.0.1:")
    port = int(preview.origin.rsplit(":", 1)[1])
    if sys.platform.startswith("linux"):  # all of 127/8 is this machine, but only .1 is bound
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.2", port), timeout=WAIT).close()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_the_server_cleanly(sample_site, start_preview, signum):
    preview = start_preview(sample_site)
    assert list(preview.tmpdir.iterdir())  # the private folder
    preview.page()

    code = preview.stop(signum)

    assert code in (0, 130)
    assert "Traceback" not in preview.stderr_text()
    assert preview.stderr[-1:] == ["stopped"]
    assert list(preview.tmpdir.iterdir()) == []  # private folder removed
    assert not (sample_site / "site").exists()
    port = int(preview.origin.rsplit(":", 1)[1])
    with socket.socket() as again:  # nothing is left listening (closed connections may linger)
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))
        again.listen()


def test_overlay_escapes_the_error_and_script_goes_in_the_head():
    page = b"<!doctype html><html><head><title>x</title></head><body><p>Hi</p></body></html>"
    decorated = decorate_page(page, "content/briefs/a.md:3: bad <script>alert(1)</script>").decode()
    assert decorated.index("/livereload.js") < decorated.index("</head>")
    assert decorated.index(OVERLAY_ID) < decorated.index("</body>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in decorated
    assert "<script>alert(1)" not in decorated
    assert OVERLAY_ID not in decorate_page(page).decode()


def test_reload_message_swaps_stylesheets_and_reloads_pages_otherwise():
    assert reload_path(["static/style.css"], "/b/") == "/b/static/style.css"
    assert reload_path(["static/style.css", "index.html"], "/b/") == "/b/index.html"
    assert reload_path([], "/b/") == "/b/"


def test_watcher_ignores_editor_scratch_files(tmp_path):
    (tmp_path / "a.md").write_text("a")
    for scratch in (".a.md.swp", "a.md~", ".#a.md", "4913"):
        (tmp_path / scratch).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("x")
    assert list(snapshot([tmp_path])) == [str(tmp_path / "a.md")]


def test_watcher_reports_new_and_saved_files_again_and_again(tmp_path):
    seen: list[list[str]] = []
    watcher = SourceWatcher(lambda: [tmp_path], seen.append)
    watcher.start()
    try:
        time.sleep(0.1)
        brief = tmp_path / "new.md"
        brief.write_text("one")
        wait_until(lambda: seen == [[str(brief)]], "the new file")
        for saves, text in enumerate(("second", "third save"), start=2):  # now a recent file
            brief.write_text(text)
            wait_until(lambda saves=saves: len(seen) == saves, "the saved file")
        assert seen == [[str(brief)]] * 3
    finally:
        watcher.stop()
        watcher.join(timeout=WAIT)
