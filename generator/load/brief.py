"""One brief: a Markdown file with YAML front matter → a ``Brief``, every problem collected."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from pathlib import Path

from generator.errors import DateError, InputError, YamlSyntaxError
from generator.files import digest, read_input
from generator.load.markdown import render_markdown
from generator.load.problems import Problems, closest
from generator.load.registry import string_list
from generator.load.review import review_brief
from generator.load.yamlfile import decode_text, line_of, load_yaml
from generator.model import Body, Brief, Entity, Event, MarkdownSettings, Source
from generator.model.dates import FORMS_HINT, MONTHS, parse_partial_date
from generator.model.text import is_safe_url, slugify

BRIEF_KEYS = {
    "title", "date", "summary", "sources", "entities", "events", "tags", "draft", "publish_at", "updated",
}  # fmt: skip
UPDATE_KEYS = {"date", "note"}
SOURCE_KEYS = {"title", "publisher", "url", "published"}
EVENT_KEYS = {"date", "title", "entities", "phrase"}
OPENING = re.compile(r"\A---[ \t]*\r?\n")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.S | re.M)
# Images and links in a body: ![alt](target "title") and [text](target); the target is checked.
REFERENCE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^\s)>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#|//)")
MONTH_NAMES = {key: n for n, name in enumerate(MONTHS) if name for key in (name.lower(), name[:3].lower())}


def brief_slug(path: Path) -> str:
    """``content/briefs/<slug>.md`` or, for a brief with files of its own, ``<slug>/index.md``."""
    return slugify(path.parent.name if path.name == "index.md" else path.stem)


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
    slug = brief_slug(path)
    if not slug:
        problems.error(
            path, "the file name has no letter or digit to make its address from", None, "rename the file"
        )
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
    publish_at = _publish_at(data.get("publish_at"), path, where("publish_at"), problems)
    updated, changes = _updates(data.get("updated"), path, where, problems)
    body_line = text[: len(text) - len(body)].count("\n") + 1
    if draft is False:
        review_brief(path, data, body, body_line, where, entities, problems)
    if len(problems.errors) > before:
        return None
    return Brief(
        slug=slug,
        title=title,
        date=brief_date,
        summary=summary,
        word_count=len(body.split()),
        body=Body(render_markdown(body, markdown)),
        sources=sources,
        entities=entity_ids,
        events=events,
        tags=tuple(dict.fromkeys(tags)),
        draft=bool(draft),
        fingerprint=digest(raw),
        publish_at=publish_at,
        updated=updated,
        changes=changes,
        media=_references(body, body_line),
    )


def _references(body: str, first_line: int) -> tuple[tuple[str, int], ...]:
    """Every local image or link target in the body, with its line (resolved in ``load.media``)."""
    found = []
    for number, line in enumerate(body.splitlines(), first_line):
        if "](" not in line:
            continue
        for match in REFERENCE.finditer(line):
            target = match.group(2)
            if not EXTERNAL.match(target):
                found.append((target, number))
    return tuple(found)


def _publish_at(value, path, line, problems: Problems) -> datetime | None:
    """An embargo: a day (from its start, UTC) or an ISO date-time with a timezone."""
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time.min, timezone.utc)
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            moment = None
    if not isinstance(moment, datetime):
        problems.error(
            path,
            f"'publish_at': {value!r} is not a date or a date-time",
            line,
            "write YYYY-MM-DD or an ISO date-time with its timezone, e.g. 2026-12-01T09:00+01:00",
        )
        return None
    if moment.tzinfo is None:
        problems.error(
            path,
            f"'publish_at': {value} has no timezone",
            line,
            f"add one, e.g. {moment.isoformat(timespec='minutes')}+00:00 (UTC) or Z",
        )
        return None
    return moment.astimezone(timezone.utc)


def _updates(value, path, where, problems: Problems) -> tuple[date | None, tuple[tuple[date, str], ...]]:
    """``updated: YYYY-MM-DD``, or a list of ``{date, note}``: the last update and its notes."""
    if value is None:
        return None, ()
    if not isinstance(value, list):
        day = _day(value)
        if day is None:
            problems.error(
                path,
                f"'updated': {value!r} is not a day",
                where("updated"),
                "write updated: YYYY-MM-DD, or a list of {date, note}",
            )
        return day, ()
    changes = []
    for i, item in enumerate(value):
        day = _day(item.get("date")) if isinstance(item, dict) else None
        if day is None:
            problems.error(
                path,
                f"update {i + 1} needs a date (YYYY-MM-DD)",
                where("updated", i),
                "write '- date: YYYY-MM-DD' and 'note: what changed'",
            )
            continue
        for key in item.keys() - UPDATE_KEYS:
            problems.warn(path, f"update {i + 1}: unknown key '{key}'", where("updated", i, key))
        changes.append((day, str(item.get("note") or "").strip()))
    changes.sort(key=lambda change: change[0], reverse=True)
    return (changes[0][0] if changes else None), tuple(changes)


def _day(value) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def date_hint(value) -> str:
    """How to write a date that did not parse: the fix when we can see it, else the forms."""
    text = str(value).strip() if value is not None else ""
    if value is None or not text:
        return "add date: YYYY, YYYY-MM or YYYY-MM-DD, or ../.. when no date is known"
    if text[0] in "~?%" and len(text) > 1:
        return f"write '{text[1:]}{text[0]}': the mark goes after the date"
    words = text.replace(",", " ").split()
    months = [MONTH_NAMES.get(w.lower().rstrip(".")) for w in words]
    if len(words) in (2, 3) and any(months) and words[-1].isdigit() and len(words[-1]) == 4:
        month = next(m for m in months if m)
        day = next((w for w in words[:-1] if w.isdigit()), None)
        return (
            f"write '{words[-1]}-{month:02d}-{int(day):02d}'" if day else f"write '{words[-1]}-{month:02d}'"
        )
    return FORMS_HINT


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
            message = (
                f"event {i + 1}: the date is missing"
                if item.get("date") is None
                else f"event {i + 1}: {error}"
            )
            problems.error(path, message, where("events", i, "date"), date_hint(item.get("date")))
            continue
        ids = _entity_ids(item.get("entities"), ("events", i, "entities"), path, where, entities, problems)
        events.append(Event(when, title, ids, slug, i, str(item.get("phrase") or "").strip()))
    return tuple(events)
