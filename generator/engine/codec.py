"""The build cache as JSON: the model as plain lists and back, checked again on the way in.

Nothing restored is trusted more than new input: brief bodies go through the HTML sanitiser and
links through the URL rule (see ``state``'s docstring for why).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from generator.errors import Problem
from generator.load import ContentCache, Parsed
from generator.load.markdown import sanitize_html
from generator.model import Body, Brief, Entity, Event, Source
from generator.model.dates import parse_partial_date
from generator.model.text import is_safe_url


def content_to_json(content: ContentCache) -> dict:
    """The parsed registry (the parsed briefs go to shards: ``store_to_json``)."""
    return {
        "entities_digest": content.entities_digest,
        "entities": [_entity_to_json(e) for e in content.entities.values()],
        "entity_problems": _parsed_to_json(content.entity_problems),
    }


def store_to_json(store: dict) -> tuple[list, list]:
    """Parsed briefs by (path, digest, ids digest), and apart from them their bodies (in order,
    None for a file that gave no brief), which a later build reads only if it shows them."""
    entries = [[list(key), _parsed_to_json(parsed)] for key, parsed in store.items()]
    bodies = [parsed.brief.body_html if parsed.brief is not None else None for parsed in store.values()]
    return entries, bodies


def content_from_json(data: dict, store: dict) -> ContentCache:
    return ContentCache(
        entities_digest=str(data["entities_digest"]),
        entities={e.id: e for e in map(_entity_from_json, data["entities"])},
        entity_problems=_parsed_from_json(data["entity_problems"]),
        store=store,
    )


def store_from_json(entries: list, body: Callable[[int], str]) -> dict:
    """Parsed briefs back from a shard; ``body(n)`` reads the body of the ``n``-th when it is
    first shown, and it goes through the sanitiser then."""
    return {
        tuple(key): _parsed_from_json(parsed, Body(load=partial(_clean_body, body, n)))
        for n, (key, parsed) in enumerate(entries)
    }


def _clean_body(body: Callable[[int], str], n: int) -> str:
    return sanitize_html(str(body(n)))


def _entity_to_json(e: Entity) -> list:
    return [e.id, e.name, e.type, list(e.aliases), e.description, [list(link) for link in e.links], e.review]


def _entity_from_json(v: list) -> Entity:
    links = tuple((str(label), str(url)) for label, url in v[5] if is_safe_url(str(url)))
    return Entity(str(v[0]), str(v[1]), str(v[2]), tuple(map(str, v[3])), str(v[4]), links, bool(v[6]))


def _problem_to_json(p: Problem) -> list:
    return [str(p.path), p.message, p.line, p.hint]


def _parsed_to_json(parsed: Parsed) -> dict:
    return {
        "brief": _brief_to_json(parsed.brief) if parsed.brief is not None else None,
        "errors": [_problem_to_json(p) for p in parsed.errors],
        "warnings": [_problem_to_json(p) for p in parsed.warnings],
    }


def _parsed_from_json(v: dict, body: Body | None = None) -> Parsed:
    def problems(items) -> tuple[Problem, ...]:
        return tuple(Problem(str(path), str(message), line, str(hint)) for path, message, line, hint in items)

    brief = _brief_from_json(v["brief"], body) if v["brief"] is not None else None
    return Parsed(brief, problems(v["errors"]), problems(v["warnings"]))


def _brief_to_json(b: Brief) -> list:
    return [
        b.slug,
        b.title,
        b.date.isoformat(),
        b.summary,
        None,  # the body: kept apart (see store_to_json)
        b.word_count,
        [[s.title, s.publisher, s.url, s.published] for s in b.sources],
        list(b.entities),
        [[e.date.text, e.title, list(e.entities), e.index, e.phrase] for e in b.events],
        list(b.tags),
        b.draft,
        b.fingerprint,
        {  # what the desk's working day added: embargo, updates, references to resolve
            "publish_at": b.publish_at.isoformat() if b.publish_at else None,
            "updated": b.updated.isoformat() if b.updated else None,
            "changes": [[d.isoformat(), note] for d, note in b.changes],
            "media": [list(m) for m in b.media],
        },
    ]


def _brief_from_json(v: list, body: Body) -> Brief:
    slug = str(v[0])
    extra = v[12] if len(v) > 12 and isinstance(v[12], dict) else {}
    sources = tuple(
        Source(str(t), str(p), str(u) if is_safe_url(str(u)) else "", str(d)) for t, p, u, d in v[6]
    )
    events = tuple(
        Event(parse_partial_date(str(when)), str(title), tuple(map(str, ids)), slug, int(i), str(phrase))
        for when, title, ids, i, phrase in v[8]
    )
    return Brief(
        slug=slug,
        title=str(v[1]),
        date=date.fromisoformat(v[2]),
        summary=str(v[3]),
        body=body,
        word_count=int(v[5]),
        sources=sources,
        entities=tuple(map(str, v[7])),
        events=events,
        tags=tuple(map(str, v[9])),
        draft=bool(v[10]),
        fingerprint=str(v[11]),
        publish_at=datetime.fromisoformat(extra["publish_at"]) if extra.get("publish_at") else None,
        updated=date.fromisoformat(extra["updated"]) if extra.get("updated") else None,
        changes=tuple((date.fromisoformat(d), str(note)) for d, note in extra.get("changes", ())),
        media=tuple((str(ref), int(line)) for ref, line in extra.get("media", ())),
    )
