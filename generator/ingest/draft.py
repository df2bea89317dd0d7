"""The brief's text: YAML front matter (written by ``yaml.safe_dump``) and a Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.ingest.events import DraftEvent
from generator.ingest.registry import NewEntity
from generator.ingest.yamltext import dump_yaml
from generator.model.dates import MONTHS


@dataclass(frozen=True)
class Draft:
    """Everything a drafted brief says, before it becomes text."""

    slug: str
    title: str
    date: date
    summary: str
    key_points: tuple[str, ...]
    source_file: str
    source_title: str
    publisher: str
    url: str
    published: date | None
    entities: tuple[str, ...]
    events: tuple[DraftEvent, ...]
    new_entities: tuple[NewEntity, ...]
    review_entities: tuple[NewEntity, ...] = ()  # below the confidence threshold: commented out
    review_events: tuple[DraftEvent, ...] = ()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def markdown_text(text: str) -> str:
    """Article text shown literally in Markdown: no emphasis, links or raw HTML."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("<", "&lt;").replace(">", "&gt;")


def front_matter(draft: Draft) -> dict:
    source = {"title": draft.source_title or Path(draft.source_file).name}
    if draft.publisher:
        source["publisher"] = draft.publisher
    if draft.url:
        source["url"] = draft.url
    if draft.published:
        source["published"] = draft.published.isoformat()
    return {
        "title": draft.title,
        "date": draft.date,
        "summary": draft.summary,
        "sources": [source],
        "entities": list(draft.entities),
        "events": [
            {"date": e.date, "title": e.title, "entities": list(e.entities), "phrase": e.phrase}
            for e in draft.events
        ],
        "tags": [],
        "draft": True,
    }


def review_comments(draft: Draft) -> str:
    """What ingest found but is not sure of, as YAML comments inside the front matter.

    Nothing here reaches the timeline or ``entities.yaml``: to keep an event, move its line
    under ``events:`` and uncomment it; to keep an entity, add it to ``entities.yaml``."""
    if not (draft.review_events or draft.review_entities):
        return ""
    lines = ["# For review: found, but below the confidence threshold, so left out of the brief."]
    if draft.review_events:
        lines.append("# Events (to keep one, move it under 'events:' and uncomment it):")
        for event in draft.review_events:
            item = {
                "date": event.date,
                "title": event.title,
                "entities": list(event.entities),
                "phrase": event.phrase,
            }
            lines.append(f"# - {dump_yaml(item, flow_lists=True).strip().replace(chr(10), chr(10) + '#   ')}")
            lines.append(f"#   # confidence {event.confidence:.2f}")
    if draft.review_entities:
        lines.append("# Entities (not added to entities.yaml; add one there to keep it):")
        for entity in draft.review_entities:
            aliases = f", aliases: {list(entity.aliases)}" if entity.aliases else ""
            lines.append(f"# - {entity.name} ({entity.type}{aliases}), confidence {entity.confidence:.2f}")
    return "\n".join(lines) + "\n"


def render_brief(draft: Draft) -> str:
    """The whole brief file: front matter between '---' lines, then the body."""
    data = dump_yaml(front_matter(draft)) + review_comments(draft)
    points = "\n".join(f"- {markdown_text(point)}" for point in draft.key_points)
    body = [
        f"*Drafted by `briefing ingest` from {markdown_text(Path(draft.source_file).name)}: "
        "check every point, entity and date against the source, then remove `draft: true`.*",
        "",
        "## Key points",
        "",
        points or "- (no sentence stood out; write the key points)",
        "",
        "## Source",
        "",
        f"- {citation(draft)}",
    ]
    return f"---\n{data}---\n\n" + "\n".join(body) + "\n"


def citation(draft: Draft) -> str:
    """'[Title](url), Publisher, 14 March 2024': as much as is known."""
    title = markdown_text(draft.source_title or Path(draft.source_file).name)
    parts = [f"[{title}]({draft.url})" if draft.url else f"“{title}”"]
    if draft.publisher:
        parts.append(markdown_text(draft.publisher))
    if draft.published:
        day = draft.published
        parts.append(f"{day.day} {MONTHS[day.month]} {day.year}")
    else:
        parts.append("publication date unknown")
    return ", ".join(parts)
