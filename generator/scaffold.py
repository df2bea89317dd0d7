"""New sites and new briefs from templates; never overwrites a file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from generator.errors import ScaffoldError
from generator.load.config import CONFIG_NAME
from generator.model import SiteConfig
from generator.model.text import slugify

SITE_YAML = """\
# Briefing site settings (the README's "Configuration" section lists every option).
title: {title}
description: Short, sourced briefs.
base_url: /            # e.g. https://user.github.io/repo/ when published
language: en
author: ""
"""

ENTITIES_YAML = """\
# The entity registry: id → name, type (person, organization, place, event, programme, other),
# aliases, description, links. Briefs name entities by id.
example-agency:
  name: Example Agency
  type: organization
  aliases: [EA]
  description: A placeholder organization; replace it with a real one.
"""

EXAMPLE_BRIEF = """\
---
title: Welcome to your briefing site
date: {today}
summary: This example brief shows the front matter every brief carries; edit or delete it.
sources:
  - title: Where the facts came from
    publisher: Example Publisher
entities: [example-agency]
events:
  - date: "{year}"
    title: The Example Agency opens its briefing desk
    entities: [example-agency]
tags: [example]
---

The Example Agency (EA) is named here so its entity page can quote this sentence.

## Key points

- Front matter holds the title, the brief's date, a bottom line, sources, entities and events.
- Event dates may be partial: a year, a month, an interval such as `../2025`, or approximate (`2019~`).
"""

NEW_BRIEF = """\
---
title: {title}
date: {today}
summary: "Bottom line up front, in one or two sentences."
sources: []
entities: []
events: []
tags: []
draft: true
---

Write the brief here.

## Key points

-
"""


def create_file(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; fail if it exists (never overwrite)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{path}: already exists; not overwriting it (choose another name or move it)"
        ) from None


def init_site(folder: Path, today: date) -> list[Path]:
    """Scaffold a site that builds at once; refuse if any file it would write exists."""
    files = {
        folder / CONFIG_NAME: SITE_YAML.format(
            title=json.dumps(folder.resolve().name.replace("-", " ").title())
        ),
        folder / "content" / "entities.yaml": ENTITIES_YAML,
        folder / "content" / "briefs" / "welcome.md": EXAMPLE_BRIEF.format(
            today=today.isoformat(), year=today.year
        ),
    }
    existing = [p for p in files if p.exists()]
    if existing:
        raise ScaffoldError(
            f"{existing[0]}: already exists; 'briefing init' only starts new sites (pick an empty folder)"
        )
    for path, text in files.items():
        create_file(path, text)
    return list(files)


def new_brief(config: SiteConfig, title: str, today: date, slug: str | None = None) -> Path:
    """Create ``content/briefs/<slug>.md`` from the brief template, as a draft."""
    slug = slugify(slug or title)
    if not slug:
        raise ScaffoldError(f"'{title}' gives an empty slug; pass --slug")
    path = config.briefs_dir / f"{slug}.md"
    create_file(path, NEW_BRIEF.format(title=json.dumps(title, ensure_ascii=False), today=today.isoformat()))
    return path
