"""schema.org metadata as JSON-LD: NewsArticle for briefs, Person/Organization/Place for entities.

Plain dicts, built from the model and the config only, so a page's key covers them. Templates
write them with the ``tojson_script`` filter, which keeps any ``</script>`` in a field harmless.
"""

from __future__ import annotations

from generator.model import Brief, Entity, SiteConfig
from generator.model.urls import absolute_url

CONTEXT = "https://schema.org"
# Entity types without a fitting schema.org type are plain Things.
SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "place": "Place", "event": "Event"}


def schema_type(entity: Entity) -> str:
    return SCHEMA_TYPES.get(entity.type, "Thing")


def _entity_ref(config: SiteConfig, entity: Entity) -> dict:
    return {
        "@type": schema_type(entity),
        "name": entity.name,
        "url": absolute_url(config.base_url, entity.url),
    }


def _publisher(config: SiteConfig) -> dict:
    return {"@type": "Organization", "name": config.title, "url": config.base_url}


def news_article(config: SiteConfig, brief: Brief, entities: tuple[Entity, ...]) -> dict:
    """A brief as a schema.org NewsArticle, with its entities as ``about`` and sources as ``isBasedOn``."""
    url = absolute_url(config.base_url, brief.url)
    data: dict = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": brief.title,
        "description": brief.summary,
        "datePublished": brief.date.isoformat(),
        "dateModified": max(brief.date, brief.updated or brief.date).isoformat(),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": config.language,
        "wordCount": brief.word_count,
        "author": {"@type": "Organization", "name": config.author or config.title},
        "publisher": _publisher(config),
    }
    if brief.tags:
        data["keywords"] = list(brief.tags)
    if entities:
        data["about"] = [_entity_ref(config, e) for e in entities]
    sources = []
    for source in brief.sources:
        work: dict = {"@type": "CreativeWork", "name": source.title}
        if source.url:
            work["url"] = source.url
        if source.publisher:
            work["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.published:
            work["datePublished"] = source.published
        sources.append(work)
    if sources:
        data["isBasedOn"] = sources
    return data


def entity_thing(config: SiteConfig, entity: Entity) -> dict:
    """An entity as a schema.org Person, Organization, Place, Event or Thing."""
    data: dict = {"@context": CONTEXT, **_entity_ref(config, entity)}
    if entity.aliases:
        data["alternateName"] = list(entity.aliases)
    if entity.description:
        data["description"] = entity.description
    if entity.links:
        data["sameAs"] = [href for _, href in entity.links]
    data["subjectOf"] = {"@type": "WebPage", "url": data["url"], "publisher": _publisher(config)}
    return data
