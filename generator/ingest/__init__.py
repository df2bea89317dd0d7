"""``briefing ingest``: draft a brief from a raw article, offline.

The stages, each a module: ``reading`` (a file → an ``Article``: text, Markdown or HTML),
``sentences``, ``names``, ``layout`` (datelines, sign-offs, quoted titles) and ``entities``
(who and what is named, merged with the registry), ``temporal`` and ``events`` (dated
statements), ``confidence`` (how sure each is, and what goes to review), ``summary`` (bottom
line and key points), ``draft`` (the brief's text, review items commented out) and ``writing``
(atomic files). ``pipeline`` ties them together.
"""

from generator.ingest.errors import IngestError

__all__ = ["IngestError"]
