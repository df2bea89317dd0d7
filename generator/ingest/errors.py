"""Ingest's error type lives with every other in ``generator.errors``."""

from generator.errors import IngestError

__all__ = ["IngestError"]
