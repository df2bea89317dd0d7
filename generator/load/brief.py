"""One brief: a Markdown file with YAML front matter → a ``Brief``, every problem collected."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from generator.errors import DateError, InputError, YamlSyntaxError
from generator.files import digest, read_input
from generator.load.markdown import render_markdown
from generator.load.problems import Problems, closest
from generator.load.registry import string_list
from generator.load.yamlfile import decode_text, line_of, load_yaml
from generator.model import Brief, Entity, Event, MarkdownSettings, Source
from generator.model.dates import parse_partial_date
from generator.model.text import is_safe_url, slugify

BRIEF_KEYS = {"title", "date", "summary", "sources", "entities", "events", "tags", "draft"}
SOURCE_KEYS = {"title", "publisher", "url", "published"}
EVENT_KEYS = {"date", "title", "entities", "phrase"}
OPENING = re.compile(r"\A---[ \t]*\r?\n")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split a brief into (front matter, body, line where the front matter starts)."""
    match = FRONT_MATTER.match(text)
    if match:
        return match.group(1), text[match.end() :], 2
    if OPENING.match(text):
        raise YamlSyntaxError("the front matter has no closing '---' line; add one after the YAML", 1)
    raise YamlSyntaxError("no front matter: start the file with a '---' line, the YAML, then '---'", 1)


def load_brief(
    path: Path,
    entities: dict[str, Entity],
    problems: Problems,
    raw: bytes | None = None,
    markdown: MarkdownSettings | None = None,
) -> Brief | None:
    """Read one brief (``raw``: its bytes, if already read; ``markdown``: the site's engine
    settings); record problems, None if unusable."""
    before = len(problems.errors)
    try:
        raw = read_input(path) if raw is None else raw
        text = decode_text(raw)
    except InputError as error:
        problems.errors += error.problems
        return None
    except UnicodeDecodeError:
        problems.error(path, "is not UTF-8 text", hint="save it as UTF-8")
        return None
    try:
        front, body, first_line = split_front_matter(text)
        data, lines = load_yaml(front, first_line)
    except YamlSyntaxError as error:
        problems.error(path, error.message, error.line, "fix the front matter YAML" if error.line > 1 else "")
        return None
    if not isinstance(data, dict):
        problems.error(path, "front matter must be a mapping of key: value", 2)
        return None

    def where(*key) -> int | None:
        return line_of(lines, *key) or 2

    for key in data.keys() - BRIEF_KEYS:
        problems.warn(path, f"unknown key '{key}'", where(key), f"known: {', '.join(sorted(BRIEF_KEYS))}")
    slug = slugify(path.stem)
    title = _required_text(data, "title", path, where, problems)
    summary = _required_text(data, "summary", path, where, problems)
    brief_date = _brief_date(data.get("date"), path, where("date"), problems)
    entity_ids = _entity_ids(data.get("entities"), ("entities",), path, where, entities, problems)
    sources = _sources(data.get("sources"), path, where, problems)
    events = _events(data.get("events"), slug, path, where, entities, problems)
    tags = string_list(data.get("tags"), path, where("tags"), "tags", problems)
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        problems.error(path, "draft must be true or false", where("draft"))
    if len(problems.errors) > before:
        return None
    return Brief(
        slug=slug,
        title=title,
        date=brief_date,
        summary=summary,
        word_count=len(body.split()),
        body_html=render_markdown(body, markdown),
        sources=sources,
        entities=entity_ids,
        events=events,
        tags=tuple(dict.fromkeys(tags)),
        draft=bool(draft),
        fingerprint=digest(raw),
    )


def _required_text(data: dict, key: str, path, where, problems: Problems) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.error(
            path,
            f"'{key}' is required and must be text",
            where(key) if key in data else 2,
            f"add '{key}: ...' to the front matter",
        )
        return ""
    return value.strip()


def _brief_date(value, path, line, problems: Problems) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    if value is None:
        problems.error(path, "'date' is missing", line, "add the brief's own date, as date: YYYY-MM-DD")
    else:
        problems.error(
            path, f"'date': {value!r} is not a day", line, "write the brief's own date as YYYY-MM-DD"
        )
    return date.min


def _entity_ids(
    value, key: tuple, path, where, entities: dict[str, Entity], problems: Problems
) -> tuple[str, ...]:
    ids = string_list(value, path, where(*key), "entities", problems)
    for i, entity_id in enumerate(ids):
        if entity_id not in entities:
            problems.error(
                path, f"unknown entity '{entity_id}'", where(*key, i), closest(entity_id, entities)
            )
    return tuple(dict.fromkeys(ids))


def _sources(value, path, where, problems: Problems) -> tuple[Source, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.error(path, "sources must be a list of {title, publisher, url, published}", where("sources"))
        return ()
    sources = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or not str(item.get("title") or "").strip():
            problems.error(path, f"source {i + 1} needs a title", where("sources", i))
            continue
        for key in item.keys() - SOURCE_KEYS:
            problems.warn(path, f"source {i + 1}: unknown key '{key}'", where("sources", i, key))
        url = str(item.get("url") or "").strip()
        if url and not is_safe_url(url):
            problems.error(
                path, f"source {i + 1}: url must be http(s), not {url!r}", where("sources", i, "url")
            )
            continue
        published = item.get("published") or ""
        sources.append(
            Source(
                title=str(item["title"]).strip(),
                publisher=str(item.get("publisher") or "").strip(),
                url=url,
                published=published.isoformat() if isinstance(published, date) else str(published).strip(),
            )
        )
    return tuple(sources)


def _events(value, slug: str, path, where, entities, problems: Problems) -> tuple[Event, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.error(path, "events must be a list of {date, title, entities}", where("events"))
        return ()
    events = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            problems.error(path, f"event {i + 1} must be a mapping with date and title", where("events", i))
            continue
        for key in item.keys() - EVENT_KEYS:
            problems.warn(path, f"event {i + 1}: unknown key '{key}'", where("events", i, key))
        title = str(item.get("title") or "").strip()
        if not title:
            problems.error(path, f"event {i + 1} needs a title", where("events", i))
        try:
            when = parse_partial_date(item.get("date"))
        except DateError as error:
            problems.error(
                path,
                f"event {i + 1}: {error}",
                where("events", i, "date"),
                "use YYYY, YYYY-MM, YYYY-MM-DD, ~ or ?, or an interval like ../2025",
            )
            continue
        ids = _entity_ids(item.get("entities"), ("events", i, "entities"), path, where, entities, problems)
        events.append(Event(when, title, ids, slug, i, str(item.get("phrase") or "").strip()))
    return tuple(events)
