"""Atomic writes: a temporary file in the same folder, then ``os.replace``; never half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.ingest.errors import IngestError


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, or leave it as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise IngestError(f"{path}: cannot write it ({error.strerror or error})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
