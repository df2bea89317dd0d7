"""``--model NAME``: names from a spaCy pipeline, when the user has spaCy and that model.

spaCy is imported only here and only when asked for; without it ingest uses its rules.
"""

from __future__ import annotations

import importlib
import logging

from generator.ingest.entities import NameFinder

log = logging.getLogger(__name__)

# spaCy's entity labels (OntoNotes) → our entity types; others (dates, numbers, NORP) are skipped.
LABEL_TYPES = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "LAW": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "MISC": None,
}


def model_finder(name: str) -> NameFinder | None:
    """A finder backed by the spaCy pipeline ``name``, or None (with a warning) if unavailable."""
    try:
        spacy = importlib.import_module("spacy")
        nlp = spacy.load(name)
    except Exception as error:  # ImportError, OSError for a missing model, or a broken install
        log.warning("spaCy model '%s' is not available (%s); using the built-in rules", name, error)
        return None

    def find(text: str) -> list[tuple[int, int, str | None]]:
        return [
            (ent.start_char, ent.end_char, LABEL_TYPES[ent.label_])
            for ent in nlp(text).ents
            if ent.label_ in LABEL_TYPES
        ]

    return find
