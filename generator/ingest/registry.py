"""The entity registry as ingest sees it: known names to find, and new entities to append.

A mention of a registry entity's name or any alias (or a name ``ingest.yaml`` merges into it)
maps to that entity's id. New entities are appended to ``entities.yaml`` as YAML text, so the
analyst's comments and layout above them stay as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, YamlSyntaxError
from generator.ingest.curation import Curation
from generator.ingest.errors import IngestError
from generator.ingest.gazetteer import fold
from generator.ingest.sentences import Token, tokenize
from generator.ingest.yamltext import dump_yaml
from generator.load.problems import Problems
from generator.load.registry import load_entities
from generator.load.yamlfile import load_yaml
from generator.model import Entity
from generator.model.text import slugify


@dataclass(frozen=True)
class NewEntity:
    """An entity ingest found that the registry does not know; written with ``review: true``."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    confidence: float = 1.0  # how sure ingest is; shown for review items, never written


def load_registry(path: Path) -> dict[str, Entity]:
    """The site's entities by id; empty when ``entities.yaml`` does not exist yet."""
    if not path.exists():
        return {}
    problems = Problems()
    entities = load_entities(path, problems)
    if problems.errors:
        raise ContentError(problems.errors)
    return entities


# A registry name as tokens: (folded words, the exact word a one-word name must be, id).
IndexEntry = tuple[tuple[str, ...], str | None, str]


@dataclass(frozen=True)
class KnownNames:
    """Every registry name and alias, folded, and indexed by first word to find them in text.

    A one-word name matches only as written ('US' is not 'us'); longer names match in any case
    ('joint programme')."""

    entities: dict[str, Entity]
    by_name: dict[str, str]
    by_first_word: dict[str, list[IndexEntry]]
    blocked: frozenset[str] = frozenset()

    def with_entities(self, added: list[Entity]) -> KnownNames:
        """These names too: the registry after ingest appends ``added``, indexed cheaply."""
        by_name = dict(self.by_name)
        by_first_word = {word: list(entries) for word, entries in self.by_first_word.items()}
        _index([(name, e.id) for e in added for name in e.names], self.blocked, by_name, by_first_word)
        entities = {**self.entities, **{e.id: e for e in added}}
        return KnownNames(entities, by_name, by_first_word, self.blocked)

    def lookup(self, name: str) -> str | None:
        """The id of the entity called ``name`` (any case, accents optional), or None."""
        return self.by_name.get(fold(name))

    def scan(self, tokens: list[Token]) -> list[tuple[int, int, str]]:
        """(start, end, id) of each known name in a sentence's tokens, longest first."""
        folded = [fold(t.text) for t in tokens]
        hits, i = [], 0
        while i < len(tokens):
            size = 0
            for words, exact, entity_id in self.by_first_word.get(folded[i], ()):
                if tuple(folded[i : i + len(words)]) == words and exact in (None, tokens[i].text):
                    size = len(words)
                    hits.append((tokens[i].start, tokens[i + size - 1].end, entity_id))
                    break
            i += size or 1
        return hits

    def person_by_surname(self, surname: str) -> str | None:
        """The one registry person whose name ends with ``surname``, if exactly one does."""
        matches = [
            e.id
            for e in self.entities.values()
            if e.type == "person" and len(e.name.split()) > 1 and fold(e.name.split()[-1]) == fold(surname)
        ]
        return matches[0] if len(matches) == 1 else None


def known_names(registry: dict[str, Entity], curation: Curation) -> KnownNames:
    """Index the registry's names and the curated merges, leaving out blocked names."""
    by_name: dict[str, str] = {}
    by_first_word: dict[str, list[IndexEntry]] = {}
    names = list(curation.merge.items()) + [(name, e.id) for e in registry.values() for name in e.names]
    _index(names, curation.block, by_name, by_first_word)
    return KnownNames(registry, by_name, by_first_word, curation.block)


def _index(
    names: list[tuple[str, str]],
    blocked: frozenset[str],
    by_name: dict[str, str],
    by_first_word: dict[str, list[IndexEntry]],
) -> None:
    """Add (name, id) pairs to the indexes; the first id given a name keeps it."""
    for name, entity_id in names:
        tokens = tokenize(name)
        if not tokens or fold(name) in blocked:
            continue
        by_name.setdefault(fold(name), entity_id)
        words = tuple(fold(t.text) for t in tokens)
        exact = tokens[0].text if len(tokens) == 1 else None
        entries = by_first_word.setdefault(words[0], [])
        entries.append((words, exact, entity_id))
        entries.sort(key=lambda entry: -len(entry[0]))


def new_entity_id(name: str, taken: set[str]) -> str:
    """A lowercase-kebab-case id for ``name`` that no entity has yet."""
    base = slugify(name)[:60].strip("-") or "entity"  # transliterated: 'Łódź' → 'lodz', not 'odz'
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def entities_yaml(entities: list[NewEntity], source: str) -> str:
    """The YAML text to append for new entities, each marked ``review: true``."""
    data = {
        entity.id: {
            "name": entity.name,
            "type": entity.type,
            "aliases": list(entity.aliases),
            "description": "",
            "links": {},
            "review": True,
        }
        for entity in entities
    }
    body = dump_yaml(data, flow_lists=True)
    header = f"# Found by 'briefing ingest' in {source}: check each, add a description, remove 'review'.\n"
    return header + re.sub(r"\n(?=\S)", "\n\n", body)


def appended_registry_text(path: Path, existing: str, additions: list[tuple[str, list[NewEntity]]]) -> str:
    """The registry's whole new text: the old text untouched, each source's new entities after.

    Refuses when appending would not give one mapping holding every old and new id (say, a
    registry written as one flow-style ``{...}``), rather than corrupt the file."""
    text = existing.rstrip("\n")
    for source, entities in additions:
        text = (text + "\n\n" if text.strip() else "") + entities_yaml(entities, source)
    try:
        merged = load_yaml(text)[0]
        before = load_yaml(existing)[0] or {}
    except YamlSyntaxError:
        merged, before = None, None
    new_ids = {e.id for _, entities in additions for e in entities}
    if not (isinstance(merged, dict) and isinstance(before, dict) and set(merged) == set(before) | new_ids):
        raise IngestError(
            f"{path}: cannot append new entities to it as YAML text; add them by hand "
            "(see 'briefing ingest --dry-run')"
        )
    return text


def as_registry_entity(entity: NewEntity) -> Entity:
    """A new entity as the registry will hold it once appended."""
    return Entity(entity.id, entity.name, entity.type, entity.aliases, review=True)
