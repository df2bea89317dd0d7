"""``briefing ingest ARTICLE...``: draft briefs from raw articles, offline, for review."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from generator.commands._options import add_root_argument
from generator.ingest.curation import CURATION_FILE, load_curation
from generator.ingest.draft import Draft, render_brief
from generator.ingest.errors import IngestError
from generator.ingest.model_finder import model_finder
from generator.ingest.pipeline import DraftOptions, draft_brief
from generator.ingest.reading import read_article
from generator.ingest.registry import (
    appended_registry_text,
    as_registry_entity,
    entities_yaml,
    known_names,
    load_registry,
)
from generator.ingest.writing import write_atomically
from generator.load.config import find_site_root, load_config


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="draft briefs from articles (.txt, .md, .html), offline",
        description="Draft content/briefs/<slug>.md from each article: title, date, summary, key "
        "points, sources, entities and dated events, marked draft: true for review. New entities "
        "are appended to entities.yaml with review: true. Never overwrites a brief without --force.",
    )
    parser.add_argument("articles", nargs="+", metavar="ARTICLE", help="a .txt, .md or .html file")
    parser.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="the article's publication date (default: from the HTML or a date line; relative "
        "dates such as 'last year' need one)",
    )
    parser.add_argument("--url", help="the article's address, for the brief's sources")
    parser.add_argument("--publisher", metavar="NAME", help="who published the article")
    parser.add_argument("--title", help="the headline (default: the first line, or the page's headline)")
    parser.add_argument("--slug", help="the brief's file name without .md (default: from the title)")
    parser.add_argument("--dry-run", action="store_true", help="print the drafts; write nothing")
    parser.add_argument("--force", action="store_true", help="replace a brief that already exists")
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="find names with this installed spaCy pipeline, e.g. en_core_web_sm (default: rules)",
    )
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if len(args.articles) > 1 and (args.slug or args.url or args.title):
        raise IngestError("--slug, --url and --title describe one article; pass one ARTICLE with them")
    config = load_config(find_site_root(args.root))
    options = DraftOptions(
        today=date.today(),
        published=_day(args.published),
        url=args.url or "",
        publisher=args.publisher or "",
        slug=args.slug,
    )
    registry = load_registry(config.entities_file)
    curation = load_curation(config.content_dir / CURATION_FILE, registry)
    finder = model_finder(args.model) if args.model else None
    known = known_names(registry, curation)
    drafts: list[Draft] = []
    for article_path in args.articles:
        article = read_article(Path(article_path), args.title)
        draft = draft_brief(article, known, curation, options, finder)
        known = known.with_entities([as_registry_entity(e) for e in draft.new_entities])
        drafts.append(draft)
    targets = _targets(config.briefs_dir, drafts, args.force)
    if args.dry_run:
        for draft, target in zip(drafts, targets, strict=True):
            print(f"# {target} (dry run: nothing written)\n{render_brief(draft)}")
            if draft.new_entities:
                print(f"# would append to {config.entities_file}:")
                print(entities_yaml(list(draft.new_entities), Path(draft.source_file).name))
        return 0
    _append_entities(config.entities_file, drafts)
    for draft, target in zip(drafts, targets, strict=True):
        write_atomically(target, render_brief(draft))
        new = len(draft.new_entities)
        print(
            f"drafted {target}: {len(draft.entities)} entities ({new} new, marked review: true), "
            f"{len(draft.events)} events; review it, then remove 'draft: true'"
        )
    return 0


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise IngestError(f"--published '{text}' is not a day; use YYYY-MM-DD") from None


def _targets(briefs_dir: Path, drafts: list[Draft], force: bool) -> list[Path]:
    """Where each draft goes; refuse to overwrite, and two drafts one file, before writing."""
    targets: list[Path] = []
    for draft in drafts:
        target = briefs_dir / f"{draft.slug}.md"
        if target in targets:
            raise IngestError(
                f"{target}: two articles would both be drafted here; ingest them one by one with --slug"
            )
        if target.exists() and not force:
            raise IngestError(
                f"{target}: already exists; not overwriting it (pass --force to replace it, or --slug for another name)"
            )
        targets.append(target)
    return targets


def _append_entities(path: Path, drafts: list[Draft]) -> None:
    """Add every draft's new entities to the registry in one atomic write."""
    additions = [(Path(d.source_file).name, list(d.new_entities)) for d in drafts if d.new_entities]
    if not additions:
        return
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise IngestError(f"{path}: cannot read it to add entities ({error})") from None
    write_atomically(path, appended_registry_text(path, existing, additions))
