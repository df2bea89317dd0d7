"""Briefing's own HTML reader against trafilatura, on real news pages with expected output.

usage: python benchmarks/ingest/html_readers.py [--rounds N] [--save]

Needs trafilatura, which is not a dependency of Briefing: pip install trafilatura lxml_html_clean
(with lxml 6, trafilatura 2.3.1 also needs lxml_html_clean).

The pages and their expected text (and, where the fixture has them, headline, publication date
and authors) are in ``html/`` beside this file; ``html/SOURCES.md`` says where each came from.
Each page is read by

* ``briefing``: the function ``briefing ingest page.html`` reads HTML with
  (``generator.ingest.reading.read_article``, so decoding and markup cleaning are included);
* ``trafilatura``: ``trafilatura.bare_extraction`` with metadata, nothing fetched.

Main text is scored as a bag of tokens (multiset overlap): lower-cased, accents kept, every run
of letters or digits one token, and each CJK, kana, hangul or Thai character one token (those
scripts do not separate words with spaces). Precision is the share of the extracted tokens that
are in the expected text, recall the share of the expected tokens that were extracted.
Headlines match when equal after the same normalisation (case, punctuation, spacing); dates
when they fall on the same day (the fixture's date taken in its own time zone); authors when
every expected name is among those found. Speed: the two readers alternate page by page for
``--rounds`` rounds; the median time of each page is kept, and pages/s is pages over the sum of
those medians (wall clock and CPU).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from generator.ingest.reading import read_article  # noqa: E402

PAGES = HERE / "html" / "pages"
EXPECTED = HERE / "html" / "expected"
RESULTS = HERE / "results"
_TOKEN = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]|\w+")


@dataclass
class Expected:
    text: str
    title: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()


@dataclass
class Reading:
    text: str
    title: str
    published: date | None
    authors: str


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("_", " ")
    return _TOKEN.findall(text)


def prf(found: str, expected: str) -> tuple[float, float, float]:
    got, want = Counter(tokens(found)), Counter(tokens(expected))
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def same_headline(found: str, expected: str) -> bool:
    return tokens(found) == tokens(expected)


def load_expected(name: str) -> Expected:
    text_file = EXPECTED / f"{name}.txt"
    if text_file.exists():
        return Expected(text_file.read_text(encoding="utf-8"))
    data = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    published = date.fromisoformat(data["publish_date"][:10]) if data.get("publish_date") else None
    return Expected(
        data["text"], data.get("title"), published, tuple(a for a in data.get("authors", []) if a)
    )


def read_briefing(path: Path) -> Reading:
    article = read_article(path)
    return Reading("\n\n".join(article.paragraphs), article.title, article.published, "")


def read_trafilatura(path: Path) -> Reading:
    html = path.read_text(encoding="utf-8")
    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=False)
    if doc is None:
        return Reading("", "", None, "")
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return Reading(doc.text or "", doc.title or "", published, doc.author or "")


READERS: dict[str, Callable[[Path], Reading]] = {
    "briefing": read_briefing,
    "trafilatura": read_trafilatura,
}


def timings(pages: list[Path], rounds: int) -> dict[str, tuple[float, float]]:
    """Per reader: (wall seconds, CPU seconds) summed over pages, each the median of its rounds."""
    wall: dict[str, dict[Path, list[float]]] = {r: {p: [] for p in pages} for r in READERS}
    cpu: dict[str, dict[Path, list[float]]] = {r: {p: [] for p in pages} for r in READERS}
    for round_no in range(rounds):
        order = list(READERS) if round_no % 2 == 0 else list(reversed(READERS))
        for page in pages:
            for name in order:
                started, started_cpu = time.perf_counter(), time.process_time()
                with contextlib.suppress(Exception):  # a refusal is timed all the same
                    READERS[name](page)
                wall[name][page].append(time.perf_counter() - started)
                cpu[name][page].append(time.process_time() - started_cpu)
    return {
        name: (
            sum(statistics.median(v) for v in wall[name].values()),
            sum(statistics.median(v) for v in cpu[name].values()),
        )
        for name in READERS
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--save", action="store_true", help="also write results/html-readers-<hash>.txt")
    args = parser.parse_args()
    pages = sorted(PAGES.glob("*.html"))
    lines: list[str] = []
    totals = {name: {"p": [], "r": [], "f": [], "title": [], "date": [], "author": []} for name in READERS}
    header = f"{'page':24} {'reader':12} {'P':>5} {'R':>5} {'F1':>5}  headline date  author"
    lines.append(header)
    for page in pages:
        name = page.stem
        expected = load_expected(name)
        for reader, read in READERS.items():
            try:
                got = read(page)
            except Exception as error:  # a reader that fails scores zero on that page
                got = Reading("", "", None, "")
                print(f"{name}: {reader} failed: {error}", file=sys.stderr)
            p, r, f = prf(got.text, expected.text)
            t = totals[reader]
            t["p"].append(p)
            t["r"].append(r)
            t["f"].append(f)
            marks = []
            if expected.title is not None:
                ok = same_headline(got.title, expected.title)
                t["title"].append(ok)
                marks.append("yes" if ok else "no ")
            else:
                marks.append(" - ")
            if expected.published is not None:
                ok = got.published == expected.published
                t["date"].append(ok)
                marks.append("yes" if ok else "no ")
            else:
                marks.append(" - ")
            if expected.authors:
                if reader == "briefing":
                    marks.append("n/a (not read)")
                else:
                    ok = all(a.lower() in got.authors.lower() for a in expected.authors)
                    t["author"].append(ok)
                    marks.append("yes" if ok else "no")
            else:
                marks.append(" -")
            lines.append(
                f"{name:24} {reader:12} {p:5.3f} {r:5.3f} {f:5.3f}  {marks[0]:8} {marks[1]:5} {marks[2]}"
            )
    speed = timings(pages, args.rounds)
    lines.append("")
    lines.append(
        f"totals over {len(pages)} pages (macro means; headline/date/author: matched / pages whose fixture has one)"
    )
    lines.append(f"{'reader':12} {'P':>5} {'R':>5} {'F1':>5}  headline  date  author  pages/s  pages/CPU s")
    for reader, t in totals.items():
        wall, cpu = speed[reader]

        def frac(values: list[bool]) -> str:
            return f"{sum(values)}/{len(values)}" if values else "-"

        lines.append(
            f"{reader:12} {statistics.mean(t['p']):5.3f} {statistics.mean(t['r']):5.3f} "
            f"{statistics.mean(t['f']):5.3f}  {frac(t['title']):8}  {frac(t['date']):4}  "
            f"{frac(t['author']) if reader != 'briefing' else 'n/a':6}  {len(pages) / wall:7.0f}  {len(pages) / cpu:7.0f}"
        )
    names = list(READERS)
    per_page = list(zip(*(totals[name]["f"] for name in names), strict=True))
    wins = {
        name: sum(1 for fs in per_page if fs[i] > max(f for j, f in enumerate(fs) if j != i) + 0.005)
        for i, name in enumerate(names)
    }
    lines.append(
        "median F1: "
        + ", ".join(f"{name} {statistics.median(totals[name]['f']):.3f}" for name in names)
        + "; pages won by more than 0.005 F1: "
        + ", ".join(f"{name} {wins[name]}" for name in names)
        + f", neither {len(per_page) - sum(wins.values())}"
    )
    lines.append(
        f"speed: median of {args.rounds} alternating rounds per page; trafilatura {trafilatura.__version__}"
    )
    output = "\n".join(lines)
    print(output)
    if args.save:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        load = os.getloadavg()[0]
        RESULTS.mkdir(exist_ok=True)
        target = RESULTS / f"html-readers-{commit}.txt"
        target.write_text(
            f"# html_readers.py at {commit}; load average {load:.1f}\n{output}\n", encoding="utf-8"
        )
        print(f"saved {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
