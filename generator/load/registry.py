"""The entity registry: ``entities.yaml`` → ``{id: Entity}``, every problem collected."""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import InputError
from generator.files import read_input
from generator.load.problems import Problems
from generator.load.yamlfile import LineMap, YamlSyntaxError, decode_text, line_of, load_yaml
from generator.model import ENTITY_TYPES, Entity
from generator.model.text import is_safe_url, slugify

ENTITY_KEYS = {"name", "type", "aliases", "description", "links", "review"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_entities(path: Path, problems: Problems, raw: bytes | None = None) -> dict[str, Entity]:
    """Read ``entities.yaml`` (``raw``: its bytes, if already read):
    ``id: {name, type, aliases, description, links, review}``."""
    if raw is None and not path.exists():
        problems.warn(path, "no entity registry; briefs cannot name entities", hint="create entities.yaml")
        return {}
    try:
        raw = read_input(path) if raw is None else raw
        data, lines = load_yaml(decode_text(raw))
    except YamlSyntaxError as error:
        problems.error(path, error.message, error.line, "fix the YAML syntax")
        return {}
    except InputError as error:
        problems.errors += error.problems
        return {}
    except UnicodeDecodeError:
        problems.error(path, "is not UTF-8 text", hint="save it as UTF-8")
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
    aliases = string_list(
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


def string_list(value, path, line, what: str, problems: Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        problems.error(path, f"{what} must be a list of text", line)
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())
