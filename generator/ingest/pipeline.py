"""Article → draft: sentences, entities, events, summary and key points, in one pure function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.ingest.article import Article
from generator.ingest.curation import Curation
from generator.ingest.draft import Draft
from generator.ingest.entities import NameFinder, find_entities
from generator.ingest.events import find_events
from generator.ingest.registry import KnownNames
from generator.ingest.sentences import article_sentences
from generator.ingest.summary import choose_key_points, choose_summary
from generator.model.text import slugify

MAX_SLUG_CHARS = 60


@dataclass(frozen=True)
class DraftOptions:
    """What the analyst told us; ``today`` dates a brief whose article has no date."""

    today: date
    published: date | None = None
    url: str = ""
    publisher: str = ""
    slug: str | None = None


def draft_brief(
    article: Article,
    known: KnownNames,
    curation: Curation,
    options: DraftOptions,
    finder: NameFinder | None = None,
) -> Draft:
    """The draft brief for one article; the registry is read, never changed."""
    published = options.published or article.published
    sentences = article_sentences(article)
    findings = find_entities(sentences, known, curation, finder, options.publisher or article.publisher)
    accepted = findings.accepted_ids()
    by_sentence = {
        index: tuple(i for i in ids if i in accepted) for index, ids in findings.by_sentence.items()
    }
    events = find_events(sentences, published, by_sentence)
    summary, lead = choose_summary(sentences)
    mentions = {index: len(ids) for index, ids in by_sentence.items()}
    points = choose_key_points(sentences, lead, mentions, {e.sentence for e in events if e.accepted})
    title = article.title or Path(article.source).stem
    return Draft(
        slug=brief_slug(options.slug or title),
        title=title,
        date=published or options.today,
        summary=summary,
        key_points=tuple(points),
        source_file=article.source,
        source_title=article.title,
        publisher=options.publisher or article.publisher,
        url=options.url or article.url,
        published=published,
        entities=tuple(e.id for e in findings.entities if e.accepted),
        events=tuple(e for e in events if e.accepted),
        new_entities=tuple(findings.new_entities()),
        review_entities=tuple(findings.review_entities()),
        review_events=tuple(e for e in events if not e.accepted),
    )


def brief_slug(text: str) -> str:
    """'Lisbon parliament passes pension overhaul' → 'lisbon-parliament-passes-pension-overhaul'."""
    slug = slugify(text)  # the one slug rule: 'Россия' → 'rossiya', not an empty slug
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[: MAX_SLUG_CHARS + 1].rsplit("-", 1)[0]
    return slug or "brief"
