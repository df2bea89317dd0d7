"""The live preview's fast path: a save that changed only briefs' bodies renders just their pages.

A body shows only on its own page, and as a snippet on its entities' pages; when the snippets
stay the same, nothing else can have changed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.engine.report import BuildResult
from generator.engine.state import file_records
from generator.files import STATIC_LIMIT, read_input
from generator.index import BodyText, find_snippet
from generator.model import Brief, Site, SiteConfig
from generator.model.urls import output_path
from generator.pages import brief_page
from generator.render.theme import default_theme_dir, static_files
from generator.write.writer import SiteWriter, WriteMode

if TYPE_CHECKING:
    from generator.engine.builder import SiteBuilder


def static_assets(config: SiteConfig) -> Iterator[tuple[str, bytes]]:
    """Every static file's site path and bytes; the site's own may not link out of the site."""
    theme = default_theme_dir()
    for rel, path in static_files(config):
        inside_theme = path.is_relative_to(theme)
        yield rel, read_input(path, None if inside_theme else config.root, STATIC_LIMIT)


def body_edits(builder: SiteBuilder, site: Site) -> list[Brief] | None:
    """The briefs whose bodies alone changed since the last build, if nothing else did."""
    last = builder.last
    if (
        last is None
        or last.config != builder.config
        or last.templates_signature != builder._templates_signature
        or last.registry_digest != builder.content.entities_digest
        or last.site.entities.keys() != site.entities.keys()
        or len(last.site.briefs) != len(site.briefs)
    ):
        return None
    edited = []
    for new, old in zip(site.briefs, last.site.briefs, strict=True):
        if new is old:
            continue
        if new.slug != old.slug or new.frame_key != old.frame_key:
            return None
        edited.append((new, old))
    for new, old in edited:
        body = BodyText.of(new)
        for entity_id in new.entity_ids:
            entity = site.entities[entity_id]
            if find_snippet(entity, body) != builder.snippets.get((old.fingerprint, entity.names)):
                return None
    return [new for new, _ in edited]


def rebuild_bodies(
    builder: SiteBuilder, site: Site, edited: list[Brief], salt: str, started: float
) -> BuildResult:
    """Render just the edited briefs' pages (see ``body_edits``)."""
    last, config = builder.last, builder.config
    renderer = builder.renderer(config)
    digests = {}
    with SiteWriter(config, WriteMode.LIVE, known=builder.live_manifest) as writer:
        pages = [brief_page(last.index, brief) for brief in edited]
        statics = list(static_assets(config))
        writer.carry_over(exclude={output_path(p.url) for p in pages} | {rel for rel, _ in statics})
        for spec in pages:
            rel = output_path(spec.url)
            digests[rel] = builder.page_digest(spec, salt)
            writer.put(rel, renderer.render(spec))
        for rel, data in statics:
            writer.put(rel, data)
        changed = writer.commit()
    before = {b.slug: b.fingerprint for b in last.site.briefs}
    for brief in edited:  # the snippets are unchanged: file them under the new fingerprints
        for entity_id in brief.entity_ids:
            names = site.entities[entity_id].names
            builder.snippets[(brief.fingerprint, names)] = builder.snippets[(before[brief.slug], names)]
    builder.live_manifest = writer.manifest
    builder.pages.update(file_records(config.output_dir, digests))
    builder.last = replace(last, site=site)
    return BuildResult(
        config.output_dir, last.counts, len(pages), tuple(changed), time.perf_counter() - started
    )
