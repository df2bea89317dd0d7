"""Load briefs and the entity registry into the content model, collecting every problem.

Nothing here raises on the first mistake: each problem is recorded with its file and line, and
``load_site`` raises one ``ContentError`` listing them all, so an analyst fixes a batch at once.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from generator.dates import parse_partial_date
from generator.errors import ContentError, DateError, Problem
from generator.markdown_render import render_markdown
from generator.model import ENTITY_TYPES, Brief, Entity, Event, Site, SiteConfig, Source
from generator.parallel import fork_map
from generator.yamlfile import LineMap, YamlSyntaxError, line_of, load_yaml

log = logging.getLogger(__name__)

BRIEF_KEYS = {"title", "date", "summary", "sources", "entities", "events", "tags", "draft"}
SOURCE_KEYS = {"title", "publisher", "url", "published"}
EVENT_KEYS = {"date", "title", "entities", "phrase"}
ENTITY_KEYS = {"name", "type", "aliases", "description", "links", "review"}
SAFE_URL_SCHEMES = ("http", "https", "mailto")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.S | re.M)


@dataclass
class Problems:
    """Collects problems (errors) and warnings while loading; ``strict`` makes warnings errors."""

    strict: bool = False
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, path: Path, message: str, line: int | None = None, hint: str = "") -> None:
        self.errors.append(Problem(path, message, line, hint))

    def warn(self, path: Path, message: str, line: int | None = None, hint: str = "") -> None:
        problem = Problem(path, message, line, hint)
        if self.strict:
            self.errors.append(problem)
        else:
            self.warnings.append(problem)
            log.warning("%s", problem)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentError(self.errors)


def slugify(text: str) -> str:
    """'Pantus: New Phase!' → 'pantus-new-phase'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def is_safe_url(url: str) -> bool:
    """True for http(s)/mailto URLs and relative links; never javascript: or data:."""
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_URL_SCHEMES or (scheme == "" and not url.strip().startswith("//"))


def closest(word: str, choices) -> str:
    """A 'did you mean' hint, or a pointer to the registry when nothing is close."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"did you mean '{match[0]}'?" if match else "add it to content/entities.yaml"


def load_entities(path: Path, problems: Problems) -> dict[str, Entity]:
    """Read ``entities.yaml``: ``id: {name, type, aliases, description, links, review}``."""
    if not path.exists():
        problems.warn(path, "no entity registry; briefs cannot name entities", hint="create entities.yaml")
        return {}
    try:
        data, lines = load_yaml(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as error:
        problems.error(path, error.message, error.line, "fix the YAML syntax")
        return {}
    except (OSError, UnicodeDecodeError) as error:
        problems.error(path, f"cannot read: {error}", hint="save it as UTF-8 text")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.error(path, "must be a mapping of id: {name, type, ...}", 1)
        return {}
    entities: dict[str, Entity] = {}
    claimed: dict[str, str] = {}  # lower-cased name or alias → entity id, to catch duplicates
    for entity_id, spec in data.items():
        line = line_of(lines, entity_id)
        entity = _entity(path, str(entity_id), spec, lines, line, problems)
        if entity is None:
            continue
        for name in entity.names:
            other = claimed.setdefault(name.lower(), entity.id)
            if other != entity.id:
                problems.error(
                    path, f"'{name}' names both '{other}' and '{entity.id}'", line, "keep it on one entity"
                )
        entities[entity.id] = entity
    return entities


def _entity(path, entity_id, spec, lines: LineMap, line, problems: Problems) -> Entity | None:
    if not SLUG.match(entity_id):
        problems.error(
            path, f"entity id '{entity_id}' must be lowercase-kebab-case", line, f"try '{slugify(entity_id)}'"
        )
        return None
    if not isinstance(spec, dict):
        problems.error(path, f"entity '{entity_id}' must be a mapping with name and type", line)
        return None
    for key in spec.keys() - ENTITY_KEYS:
        problems.warn(
            path,
            f"entity '{entity_id}': unknown key '{key}'",
            line_of(lines, entity_id, key),
            f"known: {', '.join(sorted(ENTITY_KEYS))}",
        )
    name = spec.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.error(path, f"entity '{entity_id}' needs a name", line)
        return None
    kind = spec.get("type")
    if kind not in ENTITY_TYPES:
        problems.error(
            path,
            f"entity '{entity_id}' has type {kind!r}",
            line_of(lines, entity_id, "type") or line,
            f"use one of {', '.join(ENTITY_TYPES)}",
        )
        return None
    aliases = _string_list(
        spec.get("aliases"),
        path,
        line_of(lines, entity_id, "aliases") or line,
        f"entity '{entity_id}' aliases",
        problems,
    )
    links = spec.get("links") or {}
    if not isinstance(links, dict):
        problems.error(
            path,
            f"entity '{entity_id}': links must be a mapping of name: url",
            line_of(lines, entity_id, "links"),
        )
        links = {}
    for label, url in links.items():
        if not isinstance(url, str) or not is_safe_url(url):
            problems.error(
                path,
                f"entity '{entity_id}': link '{label}' is not an http(s) URL",
                line_of(lines, entity_id, "links", label),
            )
    return Entity(
        id=entity_id,
        name=name.strip(),
        type=kind,
        aliases=tuple(a for a in aliases if a != name),
        description=str(spec.get("description") or "").strip(),
        links=tuple((str(k), str(v)) for k, v in links.items() if isinstance(v, str) and is_safe_url(v)),
        review=bool(spec.get("review", False)),
    )


def _string_list(value, path, line, what: str, problems: Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        problems.error(path, f"{what} must be a list of text", line)
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split a brief into (front matter, body, line where the front matter starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise ValueError("no front matter: start the file with a '---' line, the YAML, then '---'")
    return match.group(1), text[match.end() :], 2


def load_brief(
    path: Path, entities: dict[str, Entity], problems: Problems, raw: bytes | None = None
) -> Brief | None:
    """Read one brief (``raw``: its bytes, if already read); record problems, None if unusable."""
    before = len(problems.errors)
    try:
        raw = path.read_bytes() if raw is None else raw
        text = raw.decode("utf-8")
    except OSError as error:
        problems.error(path, f"cannot read: {error.strerror}")
        return None
    except UnicodeDecodeError:
        problems.error(path, "is not UTF-8 text", hint="save it as UTF-8")
        return None
    try:
        front, body, first_line = split_front_matter(text)
        data, lines = load_yaml(front, first_line)
    except ValueError as error:
        line = getattr(error, "line", 1)
        problems.error(
            path, getattr(error, "message", str(error)), line, "fix the front matter YAML" if line > 1 else ""
        )
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
    tags = _string_list(data.get("tags"), path, where("tags"), "tags", problems)
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
        body_html=render_markdown(body),
        source_path=path,
        sources=sources,
        entities=entity_ids,
        events=events,
        tags=tuple(dict.fromkeys(tags)),
        draft=bool(draft),
        fingerprint=hashlib.blake2b(raw, digest_size=16).hexdigest(),
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
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.error(
        path, f"'date' must be a day like 2025-03-14, not {value!r}", line, "the brief's own date, YYYY-MM-DD"
    )
    return date.min


def _entity_ids(
    value, key: tuple, path, where, entities: dict[str, Entity], problems: Problems
) -> tuple[str, ...]:
    ids = _string_list(value, path, where(*key), "entities", problems)
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


def brief_paths(config: SiteConfig) -> list[str]:
    """Every brief file, in a stable order (as text: a live rebuild lists thousands)."""
    folder = str(config.briefs_dir)
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".md"))
    except OSError:
        return []
    return [os.path.join(folder, name) for name in names]


@dataclass
class _Loaded:
    """One brief file as last loaded: its stat signature and what loading it gave."""

    signature: tuple
    ids_digest: str  # of the entity ids known then
    brief: Brief | None
    errors: list[Problem]


@dataclass
class ContentCache:
    """Parsed files kept between builds: in memory by stat signature, and in ``store`` (which the
    persistent build cache keeps on disk) by content digest."""

    entities_signature: tuple = ()
    entities_digest: str = ""
    parsed: int = 0  # files parsed by the last load, 0 when all came from the cache
    entities: dict[str, Entity] = field(default_factory=dict)
    entity_errors: list[Problem] = field(default_factory=list)
    briefs: dict[str, _Loaded] = field(default_factory=dict)
    store: dict[tuple, Brief] = field(default_factory=dict)


def _signature(path: Path | str) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return ()
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return None  # load_brief reports it


def _ids_digest(ids: frozenset) -> str:
    return hashlib.blake2b("\0".join(sorted(ids)).encode(), digest_size=16).hexdigest()


# What forked parser workers inherit (see parallel.fork_map).
_parse_context: tuple = ()


def _parse(job: tuple[str, tuple, bytes]) -> tuple[Brief | None, list[Problem]]:
    path, _, raw = job
    entities, strict = _parse_context
    local = Problems(strict=strict)
    return load_brief(Path(path), entities, local, raw), local.errors


def load_site(
    config: SiteConfig,
    drafts: bool = False,
    strict: bool = False,
    cache: ContentCache | None = None,
    parallel: bool = True,
    digests: dict[str, str] | None = None,
) -> Site:
    """Load the whole site's content, raising one ContentError that lists every problem.

    With a ``cache``, unchanged files are not parsed again; new or changed briefs are parsed
    across worker processes when there are many. ``digests``: brief digests by path, if this
    build has already read the files (see ``sources.input_digest``).
    """
    global _parse_context
    cache = cache if cache is not None else ContentCache()
    problems = Problems(strict=strict)
    if not config.briefs_dir.is_dir():
        problems.error(
            config.briefs_dir,
            "no briefs folder",
            hint="create it and add a brief with 'briefing new \"Title\"'",
        )
        problems.raise_if_any()
    parsed = 0
    signature = _signature(config.entities_file)
    if signature != cache.entities_signature or not signature:
        try:
            registry_digest = hashlib.blake2b(config.entities_file.read_bytes(), digest_size=16).hexdigest()
        except OSError:
            registry_digest = ""
        if not registry_digest or registry_digest != cache.entities_digest:
            parsed += 1
            local = Problems(strict=strict)
            cache.entities = load_entities(config.entities_file, local)
            cache.entity_errors = local.errors
        cache.entities_signature, cache.entities_digest = signature, registry_digest
    problems.errors += cache.entity_errors
    entities = cache.entities
    ids_digest = _ids_digest(frozenset(entities))
    paths = brief_paths(config)
    for stale in cache.briefs.keys() - set(paths):
        del cache.briefs[stale]
    jobs = []
    store: dict[tuple, Brief] = {}
    for path in paths:
        signature = _signature(path)
        loaded = cache.briefs.get(path)
        if loaded is not None and loaded.signature == signature and loaded.ids_digest == ids_digest:
            if loaded.brief is not None:
                store[(path, loaded.brief.fingerprint, ids_digest)] = loaded.brief
            continue
        fingerprint = (digests or {}).get(path)
        raw = None if fingerprint else _read(path)
        key = (path, fingerprint or hashlib.blake2b(raw or b"", digest_size=16).hexdigest(), ids_digest)
        if key in cache.store:
            cache.briefs[path] = _Loaded(signature, ids_digest, cache.store[key], [])
            store[key] = cache.store[key]
        else:
            jobs.append((path, signature, raw if raw is not None else _read(path)))
    _parse_context = (entities, strict)
    for (path, signature, _), (brief, errors) in zip(jobs, fork_map(_parse, jobs, parallel), strict=True):
        cache.briefs[path] = _Loaded(signature, ids_digest, brief, errors)
        if brief is not None:
            store[(path, brief.fingerprint, ids_digest)] = brief
    _parse_context = ()
    cache.store = store
    cache.parsed = parsed + len(jobs)
    briefs: list[Brief] = []
    seen: dict[str, str] = {}
    for path in paths:
        loaded = cache.briefs[path]
        problems.errors += loaded.errors
        brief = loaded.brief
        if brief is None:
            continue
        if brief.slug in seen:
            problems.error(
                Path(path),
                f"has the same slug '{brief.slug}' as {os.path.basename(seen[brief.slug])}",
                hint="rename one file",
            )
            continue
        seen[brief.slug] = path
        if drafts or not brief.draft:
            briefs.append(brief)
    problems.raise_if_any()
    briefs.sort(key=lambda b: (b.date, b.slug), reverse=True)
    return Site(config=config, briefs=tuple(briefs), entities=entities)
