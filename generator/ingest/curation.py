"""``content/ingest.yaml``: the analyst's standing corrections to what ingest finds.

Format (both keys optional)::

    # Names never to treat as entities, matched without regard to case.
    block: [Citation, Stakeholders]
    # Names that always mean a registry entity: name → entity id.
    merge:
      Kremlin: russia
      Lukashenka: alexander-lukashenko
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import YamlSyntaxError
from generator.ingest.errors import IngestError
from generator.ingest.gazetteer import fold
from generator.load.yamlfile import load_yaml
from generator.model import Entity

CURATION_FILE = "ingest.yaml"


@dataclass(frozen=True)
class Curation:
    """Blocked names (folded) and forced merges (name → entity id)."""

    block: frozenset[str] = frozenset()
    merge: dict[str, str] = field(default_factory=dict)

    def blocks(self, name: str) -> bool:
        return fold(name) in self.block


def load_curation(path: Path, registry: dict[str, Entity]) -> Curation:
    """Read ``ingest.yaml`` if it exists; every merge must name a registry entity."""
    if not path.exists():
        return Curation()
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))[0] or {}
    except YamlSyntaxError as error:
        raise IngestError(f"{path}:{error.line}: {error.message}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise IngestError(f"{path}: cannot read it: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict) or set(data) - {"block", "merge"}:
        raise IngestError(f"{path}: expected only 'block: [names]' and 'merge: {{name: entity-id}}'")
    block = data.get("block") or []
    merge = data.get("merge") or {}
    if not isinstance(block, list) or not all(isinstance(name, str) for name in block):
        raise IngestError(f"{path}: 'block' must be a list of names")
    if not isinstance(merge, dict):
        raise IngestError(f"{path}: 'merge' must map names to entity ids")
    for name, entity_id in merge.items():
        if entity_id not in registry:
            raise IngestError(
                f"{path}: merge '{name}: {entity_id}' names no entity in entities.yaml (use an existing id)"
            )
    return Curation(
        block=frozenset(fold(name) for name in block),
        merge={str(name): str(entity_id) for name, entity_id in merge.items()},
    )
