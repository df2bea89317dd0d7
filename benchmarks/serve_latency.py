"""Save-to-reload latency of ``briefing serve``: from writing a brief to the browser being told to
reload (livereload's 'reload' message on its websocket), on the sample site and a generated one.

Starts the real server in a subprocess on a copy of each site, connects as a livereload client,
appends a line to one brief ``--edits`` times and times each save until the reload message
arrives. The server's own "rebuilt in" figure splits that into the rebuild and the rest (watcher,
settle, notify). With ``--browser`` it also drives headless Chromium and times each save until
the reloaded page shows the new line.

    python benchmarks/serve_latency.py [--briefs 1000] [--edits 10] [--browser] [--no-sample]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tornado.websocket import websocket_connect

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "scripts"))

import quality  # noqa: E402
from corpus import write_corpus  # noqa: E402


class Server:
    """``python -m generator serve`` on a site, with its output read line by line."""

    def __init__(self, root: Path):
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for(r"serving on (http://\S+)", timeout=600).group(1)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line.startswith("error:"):
                print(f"  server: {line}", file=sys.stderr)
            match = re.search(pattern, line)
            if match:
                return match
        raise TimeoutError(f"the server did not print /{pattern}/ within {timeout} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def probe_target(root: Path) -> Path:
    return sorted((root / "content" / "briefs").glob("*.md"))[0]


def save_probe(path: Path, original: str, i: int) -> None:
    path.write_text(f"{original.rstrip()}\n\nLatency probe {i}.\n", encoding="utf-8")


async def websocket_latencies(server: Server, root: Path, edits: int) -> list[tuple[float, float]]:
    """(save → reload message, server rebuild) in seconds, for each edit."""
    host = re.match(r"http://([^/]+)", server.url).group(1)
    socket = await websocket_connect(f"ws://{host}/livereload")
    await socket.write_message(
        json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
    )
    await socket.read_message()
    await socket.write_message(json.dumps({"command": "info", "url": server.url, "plugins": {}}))
    await asyncio.sleep(0.3)  # let the server register us
    target = probe_target(root)
    original = target.read_text(encoding="utf-8")
    results = []
    for i in range(edits):
        started = time.perf_counter()
        save_probe(target, original, i)
        while True:
            message = await asyncio.wait_for(socket.read_message(), timeout=60)
            if message is None:
                raise RuntimeError("the server closed the livereload socket")
            if json.loads(message).get("command") == "reload":
                break
        latency = time.perf_counter() - started
        rebuild = float(server.wait_for(r"rebuilt in ([0-9.]+) ms", timeout=60).group(1)) / 1000
        results.append((latency, rebuild))
        await asyncio.sleep(0.3)
    socket.close()
    target.write_text(original, encoding="utf-8")
    return results


def browser_latencies(server: Server, root: Path, edits: int) -> list[float]:
    """Save → the reloaded page has the new line (its DOMContentLoaded), in seconds, for each edit."""
    from playwright.sync_api import sync_playwright

    target = probe_target(root)
    original = target.read_text(encoding="utf-8")
    page_url = f"{server.url}briefs/{target.stem}/"
    results = []
    with sync_playwright() as playwright:
        browser = quality.launch(playwright)
        page = browser.new_page()
        # livereload.js fires 'LiveReloadConnect' on the document once its socket is open
        # and each load notes when its text was ready, so polling for the text adds nothing.
        page.add_init_script(
            "document.addEventListener('LiveReloadConnect', () => { window.liveReloadConnected = true; });"
            "document.addEventListener('DOMContentLoaded', () => { window.shownAt = Date.now(); });"
        )
        page.goto(page_url)
        for i in range(edits):
            page.wait_for_function("() => window.liveReloadConnected === true", timeout=30_000)
            page.wait_for_timeout(100)  # the client's 'info' reaches the server
            started = time.time()
            save_probe(target, original, i)
            page.get_by_text(f"Latency probe {i}.").wait_for(timeout=60_000)
            results.append(page.evaluate("window.shownAt") / 1000 - started)
            server.wait_for(r"rebuilt in", timeout=60)
        browser.close()
    target.write_text(original, encoding="utf-8")
    return results


def describe(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]
    return (
        f"median {statistics.median(ordered) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, "
        f"min {ordered[0] * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )


def measure(name: str, root: Path, edits: int, browser: bool) -> None:
    briefs = len(list((root / "content" / "briefs").glob("*.md")))
    print(f"{name} ({briefs} briefs): starting the server…", flush=True)
    server = Server(root)
    try:
        results = asyncio.run(websocket_latencies(server, root, edits))
        totals = [total for total, _ in results]
        rebuilds = [rebuild for _, rebuild in results]
        overheads = [total - rebuild for total, rebuild in results]
        print(f"  save → reload message ({edits} edits): {describe(totals)}")
        print(f"    of which the rebuild (server-reported): {describe(rebuilds)}")
        print(f"    of which watching and notifying:        {describe(overheads)}")
        if browser:
            shown = browser_latencies(server, root, edits)
            print(f"  save → new text shown in Chromium ({edits} edits): {describe(shown)}")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000, help="size of the generated site (0: skip it)")
    parser.add_argument("--edits", type=int, default=10, help="saves to time per site")
    parser.add_argument(
        "--browser", action="store_true", help="also time the page update in headless Chromium"
    )
    parser.add_argument("--no-sample", action="store_true", help="skip the repository's sample site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-latency-") as tmp:
        if not args.no_sample:
            sample = Path(tmp) / "sample"
            sample.mkdir()
            shutil.copy(REPO / "site.yaml", sample / "site.yaml")
            shutil.copytree(REPO / "content", sample / "content")
            measure("sample site", sample, args.edits, args.browser)
        if args.briefs:
            generated = Path(tmp) / "generated"
            write_corpus(generated, args.briefs, entities=2000)  # corpus.py's default
            measure("generated site", generated, args.edits, args.browser)


if __name__ == "__main__":
    main()
