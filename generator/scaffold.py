"""New sites and new briefs from templates; never overwrites a file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from generator import __version__
from generator.errors import ScaffoldError
from generator.load.config import CONFIG_NAME
from generator.load.review import BODY_PLACEHOLDER, SUMMARY_PLACEHOLDER
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
    phrase: this year
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
summary: "{summary}"
sources: []
entities: []
events: []
tags: []
draft: true
---

{body}

## Key points

-
"""


GITIGNORE = """\
# Made by every build: the site, the build cache, the spare tree (.site.spare) and what an
# interrupted build left behind.
/site/
/_site/
/.briefing-cache/
.site.*
"""

DISTRIBUTION = "briefing-desk"  # the name on PyPI; the import package is 'generator'

# The Pages workflow: ``briefing init --github`` writes it with the pip spec of Briefing (or a
# wheel kept in the site's .briefing/ folder); this repository's own copy installs the checkout.
PAGES_WORKFLOW = """\
# Build the site and publish it with GitHub Pages, on every push and every hour (so a brief whose
# publish_at has come appears without a push). Turn it on once: Settings → Pages → Build and
# deployment → Source: "GitHub Actions".
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  schedule:
    - cron: "7 * * * *"
  workflow_dispatch:

# The deploy job needs to write to Pages and prove who it is with an OIDC token; nothing else.
permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer run waits rather than cancelling one in flight.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  BRIEFING_INSTALL: "@INSTALL@"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Check out
        uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the history gives each brief its "Updated" date

      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: "3.11"

      - name: Cache pip downloads and the build cache
        uses: actions/cache@v4
        with:
          path: |
            ~/.cache/pip
            .briefing-cache
            site
          key: briefing-${{ runner.os }}-${{ env.BRIEFING_INSTALL }}-${{ github.sha }}
          restore-keys: briefing-${{ runner.os }}-${{ env.BRIEFING_INSTALL }}-

      - name: Install Briefing
        run: |
          if ls .briefing/*.whl >/dev/null 2>&1; then pip install .briefing/*.whl; else pip install $BRIEFING_INSTALL; fi

      - name: Configure GitHub Pages
        id: pages
        uses: actions/configure-pages@v5

      # base_url comes from the Pages settings: https://<owner>.github.io/<repo> for a project
      # site, https://<owner>.github.io for a user site, or the custom domain when one is set.
      - name: Check the content (the review gate) and every link
        run: briefing check --publish --base-url "${{ steps.pages.outputs.base_url }}/"

      - name: Build the site
        run: |
          briefing build --strict --base-url "${{ steps.pages.outputs.base_url }}/"
          rm -rf _site && cp -r site _site && rm -f _site/.briefing-manifest.json

      - name: Upload the site
        uses: actions/upload-pages-artifact@v4
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"""


def pages_workflow(install: str) -> str:
    """The Pages workflow, installing Briefing with the pip argument ``install``."""
    return PAGES_WORKFLOW.replace("@INSTALL@", install.replace('"', ""))


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


def init_site(folder: Path, today: date, github: bool = False, install: str = "") -> list[Path]:
    """Scaffold a site that builds at once; refuse if any file it would write exists. With
    ``github``, add a Pages workflow that installs Briefing with ``install`` (a pip spec)."""
    files = {
        folder / ".gitignore": GITIGNORE,
        folder / CONFIG_NAME: SITE_YAML.format(
            title=json.dumps(folder.resolve().name.replace("-", " ").title())
        ),
        folder / "content" / "entities.yaml": ENTITIES_YAML,
        folder / "content" / "briefs" / "welcome.md": EXAMPLE_BRIEF.format(
            today=today.isoformat(), year=today.year
        ),
    }
    if github:
        files[folder / ".github" / "workflows" / "pages.yml"] = pages_workflow(
            install or f"{DISTRIBUTION}=={__version__}"
        )
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
    text = NEW_BRIEF.format(
        title=json.dumps(title, ensure_ascii=False),
        today=today.isoformat(),
        summary=SUMMARY_PLACEHOLDER,
        body=BODY_PLACEHOLDER,
    )
    create_file(path, text)
    return path
