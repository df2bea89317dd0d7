"""The one error type of ingest: an article we cannot draft, or a draft we must not write."""

from __future__ import annotations

from generator.errors import BriefingError


class IngestError(BriefingError):
    """A bad article file, a bad option, or a draft that would overwrite a brief."""
