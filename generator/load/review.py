"""The review gate: what a published brief must not still carry, found while it loads.

Each finding is a warning (``--strict``, and so ``briefing check --publish``, fails on it) with
the file and line: no sources, the note and sections ``briefing ingest`` drafts with, the
template's placeholder text, an entity still marked ``review: true``, an event whose date has no
source wording (``phrase``; not needed for ``../..``, no known date). Drafts are never checked: they are not published.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.load.problems import Problems
from generator.model import Entity

# What ``briefing new`` writes (``scaffold.NEW_BRIEF`` uses these very strings).
SUMMARY_PLACEHOLDER = "Bottom line up front, in one or two sentences."
BODY_PLACEHOLDER = "Write the brief here."
# What ``briefing ingest`` writes into a draft's body (see ``ingest/draft.py``).
INGEST_MARKS = (
    ("Drafted by `briefing ingest`", "ingest's review note is still here", "remove the italic note"),
    (
        "(no sentence stood out; write the key points)",
        "ingest's placeholder key point is still here",
        "write the key points",
    ),
)
UNKNOWN_DATE = "../.."  # a date nobody knows needs no wording to back it
SOURCE_HEADING = re.compile(r"^##\s+Source\s*$")
EMPTY_BULLET = re.compile(r"^\s*[-*]\s*$")


def review_brief(
    path: Path,
    data: dict,
    body: str,
    body_line: int,
    where,
    entities: dict[str, Entity],
    problems: Problems,
) -> None:
    """Warn about everything in a brief about to be published that still needs an editor."""
    if not data.get("sources"):
        problems.warn(
            path,
            "has no sources",
            where("sources") if "sources" in data else 2,
            "add the article it rests on under 'sources:' (title, publisher, url, published)",
        )
    if str(data.get("summary") or "").strip() == SUMMARY_PLACEHOLDER:
        problems.warn(
            path, "the summary is the template's placeholder", where("summary"), "write the bottom line"
        )
    for number, line in enumerate(body.splitlines(), body_line):
        text = line.strip()
        if text == BODY_PLACEHOLDER:
            problems.warn(path, "the template's placeholder text is still here", number, "write the brief")
        elif EMPTY_BULLET.match(line):
            problems.warn(
                path, "an empty list item (the template's)", number, "write the point or remove the '-'"
            )
        elif SOURCE_HEADING.match(text):
            problems.warn(
                path,
                "ingest's '## Source' section is still here",
                number,
                "the page lists the front matter's sources: remove the section",
            )
        for mark, message, hint in INGEST_MARKS:
            if mark in text:
                problems.warn(path, message, number, hint)
    _review_entities(path, data.get("entities"), ("entities",), where, entities, problems)
    events = data.get("events")
    for i, event in enumerate(events if isinstance(events, list) else ()):
        if not isinstance(event, dict):
            continue
        if not str(event.get("phrase") or "").strip() and str(event.get("date")).strip() != UNKNOWN_DATE:
            problems.warn(
                path,
                f"event {i + 1} has no 'phrase'",
                where("events", i),
                'add the source\'s wording of the date, e.g. phrase: "last March"',
            )
        _review_entities(path, event.get("entities"), ("events", i, "entities"), where, entities, problems)


def _review_entities(path, ids, key: tuple, where, entities: dict[str, Entity], problems: Problems) -> None:
    for i, entity_id in enumerate(ids if isinstance(ids, list) else ()):
        entity = entities.get(entity_id) if isinstance(entity_id, str) else None
        if entity is not None and entity.review:
            problems.warn(
                path,
                f"entity '{entity_id}' is still marked review: true",
                where(*key, i),
                "check it in content/entities.yaml, then remove 'review: true'",
            )
