"""How long one page of each kind takes to render, and its size, for a site folder.

The archive pages aside, no page should grow with the size of the site: compare a 1,000-brief
and a 10,000-brief corpus (benchmarks/corpus.py). The fullest timeline year, tag and entity are
the ones measured.

    python benchmarks/page_kinds.py SITE_DIR
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from generator import pages
from generator.index import build_index
from generator.load import load_site
from generator.load.config import load_config
from generator.render import Renderer
from generator.render.theme import make_environment

root = Path(sys.argv[1])
config = load_config(root)
index = build_index(load_site(config))
r = Renderer(config, make_environment(config.templates_dir))
size = config.archive_page_size
biggest_year = max(range(len(index.timeline)), key=lambda n: len(index.timeline[n].events))
entity = max(index.site.entities.values(), key=lambda e: len(index.mentions.get(e.id, ())))
tag = max(index.tags.values(), key=lambda t: len(t.briefs))
archive_pages = len(pages.page_slices(index.site.briefs, size))
years = pages.archive_years(index.site.briefs, size)
makers = {
    "home": lambda: pages.home_page(index),
    "archive p1": lambda: pages.archive_page(index, 1, years),
    "archive last": lambda: pages.archive_page(index, archive_pages, years),
    "brief": lambda: pages.brief_page(index, index.site.briefs[0]),
    "timeline index": lambda: pages.timeline_index_page(index),
    f"timeline year ({len(index.timeline[biggest_year].events)} events)": lambda: pages.timeline_section_page(
        index, biggest_year
    ),
    "tag p1": lambda: pages.tag_page(tag, 1, size),
    "tags index": lambda: pages.tag_index_page(index),
    "entity p1": lambda: pages.entity_page(index, entity),
    "entity index": lambda: pages.entity_index_page(index),
    "entity type p1": lambda: pages.entity_type_page(index, "person", 1),
}
for name, make in makers.items():
    make()
    r.render(make())  # warm
    t = time.perf_counter()
    for _ in range(5):
        data = r.render(make())
    print(f"{name:32s} {(time.perf_counter() - t) / 5 * 1000:7.1f} ms {len(data) / 1024:7.0f} KB")
