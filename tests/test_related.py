"""Related briefs: the inverted-index ranking gives what scoring every pair of briefs gives."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.index import build_index
from generator.load import load_site
from generator.load.config import load_config
from generator.model.text import tag_slug

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from corpus import write_corpus


def every_pair(index, brief, limit=4):
    """The definition, brief against brief: 2 points per shared entity, 1 per shared tag, ties by
    slug; then briefs that share only a tag, newest first, tag by tag."""
    mine, tags = set(brief.entity_ids), set(brief.tags)
    scored = []
    for other in index.site.briefs:
        shared = len(mine & set(other.entity_ids))
        if other.slug != brief.slug and shared:
            scored.append((-(2 * shared + len(tags & set(other.tags))), other.slug))
    ranked = [slug for _, slug in sorted(scored)[:limit]]
    for tag in brief.tags:
        for other in index.tags[tag_slug(tag)].briefs:
            if len(ranked) < limit and other.slug != brief.slug and other.slug not in ranked:
                ranked.append(other.slug)
    return ranked


def test_related_briefs_match_scoring_every_pair(tmp_path):
    write_corpus(tmp_path, 300, entities=60, seed=3)  # few entities: many ties and overlaps
    site = load_site(load_config(tmp_path), parallel=False)
    index = build_index(site)
    for brief in site.briefs:
        assert [b.slug for b in index.related_briefs(brief)] == every_pair(index, brief), brief.slug
