"""``briefing ingest``: draft a brief from a raw article, offline.

The stages, each a module: ``reading`` (a file → an ``Article``: text, Markdown or HTML),
``sentences``, ``names`` and ``entities`` (who and what is named, merged with the registry),
``temporal`` and ``events`` (dated statements), ``summary`` (bottom line and key points),
``draft`` (the brief's text) and ``writing`` (atomic files). ``pipeline`` ties them together.
"""

from generator.ingest.errors import IngestError

__all__ = ["IngestError"]
