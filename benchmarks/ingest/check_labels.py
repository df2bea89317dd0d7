"""Check the real articles and their labels against the labelling conventions' mechanical rules.

usage: python benchmarks/ingest/check_labels.py

For every ``real/*.txt`` there is a ``.json`` beside it, and the article file has its header
(headline, ISO date, ``publisher | URL``, a blank line). Every entity has its name or an alias
verbatim in the headline or body; every alias and every event ``phrase`` and ``text`` occurs
verbatim, and each event's ``text`` holds its ``phrase``. Types and dates have the allowed forms;
every article is in a known split. Exits 1 and lists the problems if any.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL = HERE / "real"
TYPES = {"person", "organization", "place", "other"}
SPLITS = ("dev", "held-out", "fresh", "fresh2", "fresh3", "fresh4", "fresh6", "fresh7")
_DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_DATE = re.compile(rf"^(?:{_DAY}|\.\./{_DAY}|{_DAY}/\.\.|{_DAY}/{_DAY})$")


def article_parts(path: Path) -> tuple[str, str, str, str]:
    """(headline, date line, publisher line, body) of an article file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[0], lines[1], lines[2], "\n".join(lines[4:])


def problems_of(text_path: Path) -> list[str]:
    problems = []
    label_path = text_path.with_suffix(".json")
    if not label_path.exists():
        return [f"{text_path.name}: no label file"]
    headline, day, publisher, body = article_parts(text_path)
    text = headline + "\n" + body
    try:
        date.fromisoformat(day)
    except ValueError:
        problems.append(f"{text_path.name}: line 2 is not a date: {day!r}")
    if " | " not in publisher + " ":
        problems.append(f"{text_path.name}: line 3 is not 'publisher | URL'")
    labels = json.loads(label_path.read_text(encoding="utf-8"))
    if labels.get("split") not in SPLITS:
        problems.append(f"{label_path.name}: split must be one of {sorted(SPLITS)}")
    for entity in labels.get("entities", []):
        names = [entity["name"], *entity.get("aliases", [])]
        if entity["type"] not in TYPES:
            problems.append(f"{label_path.name}: {entity['name']}: unknown type {entity['type']}")
        if not any(name in text for name in names):
            problems.append(f"{label_path.name}: {entity['name']}: neither name nor alias is in the text")
        for alias in entity.get("aliases", []):
            if alias not in text:
                problems.append(f"{label_path.name}: {entity['name']}: alias {alias!r} is not in the text")
    for event in labels.get("events", []):
        if not _DATE.match(str(event["date"])):
            problems.append(f"{label_path.name}: {event['phrase']}: date {event['date']!r} is not EDTF")
        if event["text"] not in body:
            problems.append(f"{label_path.name}: event text {event['text']!r} is not in the body")
        if event["phrase"] not in event["text"]:
            problems.append(f"{label_path.name}: phrase {event['phrase']!r} is not in its text")
    return problems


def main() -> int:
    problems = []
    articles = sorted(REAL.glob("*.txt"))
    for path in articles:
        problems += problems_of(path)
    for problem in problems:
        print(problem)
    print(f"{len(articles)} articles, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
