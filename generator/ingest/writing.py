"""Writing a draft: atomically (see ``files.atomic_write``), and as ingest's own error if it fails."""

from __future__ import annotations

from pathlib import Path

from generator.errors import IngestError
from generator.files import atomic_write


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, or leave it as it was."""
    try:
        atomic_write(path, text)
    except OSError as error:
        raise IngestError(f"{path}: cannot write it ({error.strerror or error})") from None
