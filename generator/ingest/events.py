"""Dated statements: each date expression in a body sentence becomes a draft event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.ingest.sentences import Sentence
from generator.ingest.temporal import find_dates

MAX_TITLE_CHARS = 160


@dataclass(frozen=True)
class DraftEvent:
    """An event for the brief's front matter; ``sentence`` is where it was read."""

    date: str
    title: str
    entities: tuple[str, ...]
    phrase: str
    sentence: int


def find_events(
    sentences: list[Sentence],
    published: date | None,
    entities_by_sentence: dict[int, tuple[str, ...]],
) -> list[DraftEvent]:
    """One event per date expression in the body, carrying its sentence's entities."""
    events = []
    for sentence in sentences:
        if sentence.headline:
            continue
        for mention in find_dates(sentence.text, published):
            events.append(
                DraftEvent(
                    mention.date,
                    event_title(sentence.text),
                    entities_by_sentence.get(sentence.index, ()),
                    mention.phrase,
                    sentence.index,
                )
            )
    return events


def event_title(sentence: str) -> str:
    """The sentence as an event title: no outer quotes, at most ``MAX_TITLE_CHARS``."""
    text = " ".join(sentence.split()).strip("\"“”' ")
    if len(text) <= MAX_TITLE_CHARS:
        return text
    cut = text[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
