"""Load: the site's files → the content model, collecting every problem.

Nothing here raises on the first mistake: each problem is recorded with its file and line, and
``load_site`` raises one ``ContentError`` listing them all, so an analyst fixes a batch at once.
Warnings are kept with each parse result, cached or not, and ``strict`` is applied when they are
reported, so a warm build warns and fails exactly as a cold one does.
``registry.py`` reads ``entities.yaml``, ``brief.py`` one brief, ``markdown.py`` its body.
"""

from __future__ import annotations

import contextlib
import logging
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.errors import ContentError, InputError, Problem
from generator.files import StatSig, digest, read_input, stat_sig
from generator.load.brief import brief_slug, load_brief
from generator.load.history import commit_dates, with_commit_date
from generator.load.media import resolve_media
from generator.load.problems import Problems
from generator.load.registry import load_entities
from generator.load.schedule import now as current_time
from generator.model import Brief, Entity, Site, SiteConfig
from generator.model.text import tag_slug
from generator.workers import fork_map

log = logging.getLogger(__name__)

# Names Windows reserves whatever the extension: a site with them cannot be cloned there.
RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10))}


def brief_paths(config: SiteConfig) -> list[str]:
    """Every brief file, in a stable order (as text: a live rebuild lists thousands): ``<slug>.md``,
    or ``<slug>/index.md`` for a brief with files of its own."""
    folder = str(config.briefs_dir)
    try:
        names = sorted(
            entry.name if entry.name.endswith(".md") else os.path.join(entry.name, "index.md")
            for entry in os.scandir(folder)
            if entry.name.endswith(".md")
            or (entry.is_dir() and os.path.isfile(os.path.join(folder, entry.name, "index.md")))
        )
    except OSError:
        return []
    return [os.path.join(folder, name) for name in names]


@dataclass(frozen=True)
class Parsed:
    """What parsing one file gave: the brief (None if unusable), its errors and warnings."""

    brief: Brief | None
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


@dataclass
class _Loaded:
    """One brief file as last loaded in this process: its stat signature and what it gave."""

    signature: StatSig | None
    ids_digest: str  # of the entity ids known then
    parsed: Parsed


@dataclass
class ContentCache:
    """Parsed files kept between builds: in memory by stat signature, and in ``store`` (which the
    persistent build cache keeps on disk) by content digest."""

    entities_signature: StatSig | None = None
    entities_digest: str = ""
    parsed: int = 0  # files parsed by the last load, 0 when all came from the cache
    entities: dict[str, Entity] = field(default_factory=dict)
    entity_problems: Parsed = field(default_factory=lambda: Parsed(None))
    briefs: dict[str, _Loaded] = field(default_factory=dict)
    store: dict[tuple, Parsed] = field(default_factory=dict)  # (path, digest, ids+markdown digest) → result
    warnings: tuple[Problem, ...] = ()  # what the last load warned about


def _parse_file(path: str, raw: bytes | None, entities: dict[str, Entity], config: SiteConfig) -> Parsed:
    problems = Problems()
    try:
        data = read_input(path, config.root) if raw is None else raw
    except InputError as error:
        return Parsed(None, tuple(error.problems))
    brief = load_brief(Path(path), entities, problems, data, config.markdown)
    return Parsed(brief, tuple(problems.errors), tuple(problems.warnings))


def _load_registry(config: SiteConfig, cache: ContentCache) -> int:
    """Refresh the cached registry if ``entities.yaml`` changed; the number of files parsed."""
    signature = stat_sig(config.entities_file)
    if signature is not None and signature == cache.entities_signature:
        return 0
    problems = Problems()
    try:
        raw = read_input(config.entities_file, config.root) if signature is not None else b""
    except InputError as error:
        cache.entities, cache.entity_problems = {}, Parsed(None, tuple(error.problems))
        cache.entities_signature, cache.entities_digest = None, ""
        return 1
    registry_digest = digest(raw) if signature is not None else ""
    if registry_digest and registry_digest == cache.entities_digest:
        cache.entities_signature = signature
        return 0
    cache.entities = load_entities(config.entities_file, problems, raw if signature is not None else None)
    cache.entity_problems = Parsed(None, tuple(problems.errors), tuple(problems.warnings))
    cache.entities_signature, cache.entities_digest = signature, registry_digest
    return 1


def _real_path(path: str, folders: dict[str, str]) -> str:
    """``os.path.realpath`` of a brief, resolving each folder once (a link is resolved whole)."""
    if os.path.islink(path):
        return os.path.realpath(path)
    folder, name = os.path.split(path)
    if folder not in folders:
        folders[folder] = os.path.realpath(folder)
    return os.path.join(folders[folder], name)


def _name_problems(paths: Iterable[str]) -> list[Problem]:
    """File names that would publish wrongly: reserved on Windows, no slug, or one name twice."""
    problems, seen = [], {}
    for path in paths:
        name = os.path.basename(path)
        stem = brief_slug(Path(path)) if name == "index.md" else os.path.splitext(name)[0]
        folded = unicodedata.normalize("NFC", stem).casefold()
        if folded in RESERVED_NAMES:
            problems.append(Problem(path, f"'{stem}' is a reserved file name on Windows", None, "rename it"))
        other = seen.setdefault(folded, path)
        if other != path:
            problems.append(
                Problem(
                    path,
                    f"is the same name as {os.path.basename(other)} (in another Unicode form or case)",
                    None,
                    "keep one of them",
                )
            )
    return problems


def load_site(
    config: SiteConfig,
    drafts: bool = False,
    strict: bool = False,
    cache: ContentCache | None = None,
    parallel: bool = True,
    digests: dict[str, str] | None = None,
    future: bool = False,
    at: datetime | None = None,
    changed: frozenset[str] | None = None,
) -> Site:
    """Load the whole site's content, raising one ContentError that lists every problem.

    With a ``cache``, unchanged files are not parsed again; new or changed briefs are parsed
    across worker processes when there are many. ``digests``: brief digests by path, if this
    build has already read the files (see ``engine.state.input_digest``). ``changed``: the only
    files that may have changed since the last load (a watcher's word), so no other is stat-ed.
    Warnings are logged, or with ``strict`` raised as errors. A brief whose embargo
    (``Brief.release``) is after ``at`` (default: now) is held back unless ``future``.
    """
    cache = cache if cache is not None else ContentCache()
    if not config.briefs_dir.is_dir():
        hint = "create it and add a brief with 'briefing new \"Title\"'"
        raise ContentError([Problem(config.briefs_dir, "no briefs folder", None, hint)])
    registry_changed = changed is None or str(config.entities_file) in changed or not cache.entities_digest
    parsed = _load_registry(config, cache) if registry_changed else 0
    entities = cache.entities
    # A parse depends on the file, the entity ids it may name (and which are marked for review:
    # the review gate reads them) and the site's Markdown settings.
    review = sorted(entity_id for entity_id, entity in entities.items() if entity.review)
    ids_digest = digest("\0".join([repr(config.markdown), *sorted(entities), "review:", *review]))
    paths = brief_paths(config)
    for stale in cache.briefs.keys() - set(paths):
        del cache.briefs[stale]
    jobs: list[tuple[str, StatSig | None, bytes | None]] = []
    store: dict[tuple, Parsed] = {}
    for path in paths:
        loaded = cache.briefs.get(path)
        unseen = changed is not None and path not in changed and loaded is not None
        signature = loaded.signature if unseen else stat_sig(path)
        if loaded is not None and loaded.signature == signature and loaded.ids_digest == ids_digest:
            if loaded.parsed.brief is not None:
                store[(path, loaded.parsed.brief.fingerprint, ids_digest)] = loaded.parsed
            continue
        fingerprint = (digests or {}).get(path)
        raw = None
        if not fingerprint:
            with contextlib.suppress(InputError):  # parsing reports it
                raw = read_input(path, config.root)
        key = (path, fingerprint or digest(raw or b""), ids_digest)
        if (fingerprint or raw is not None) and key in cache.store:
            cache.briefs[path] = _Loaded(signature, ids_digest, cache.store[key])
            store[key] = cache.store[key]
        else:
            jobs.append((path, signature, raw))

    def parse(job: tuple[str, StatSig | None, bytes | None]) -> Parsed:
        return _parse_file(job[0], job[2], entities, config)

    for (path, signature, _), result in zip(jobs, fork_map(parse, jobs, parallel), strict=True):
        cache.briefs[path] = _Loaded(signature, ids_digest, result)
        if result.brief is not None:
            store[(path, result.brief.fingerprint, ids_digest)] = result
    cache.store = store
    cache.parsed = parsed + len(jobs)
    results = [cache.briefs[path].parsed for path in paths]
    errors = [*cache.entity_problems.errors, *_name_problems(paths)]
    warnings = list(cache.entity_problems.warnings)
    briefs: list[Brief] = []
    held: list[Brief] = []
    at = at or current_time()
    updates = commit_dates(config.root, config.briefs_dir) if paths else {}
    seen: dict[str, str] = {}
    real_folders: dict[str, str] = {}
    for path, result in zip(paths, results, strict=True):
        errors += result.errors
        warnings += result.warnings
        brief = result.brief
        if brief is None:
            continue
        if brief.slug in seen:
            errors.append(
                Problem(
                    path,
                    f"has the same slug '{brief.slug}' as {os.path.basename(seen[brief.slug])}",
                    None,
                    "rename one file",
                )
            )
            continue
        seen[brief.slug] = path
        if drafts or not brief.draft:
            brief, media_errors, media_warnings = resolve_media(config, brief, path)
            errors += media_errors
            warnings += media_warnings
            if updates:  # git's dates, by each file's real path
                brief = with_commit_date(path, brief, updates.get(_real_path(path, real_folders)))
            if future or brief.release <= at:
                briefs.append(brief)
            else:
                held.append(brief)
    errors += _tag_problems((seen[b.slug], b) for b in briefs)
    report(errors, warnings, strict)
    cache.warnings = tuple(warnings)
    briefs.sort(key=lambda b: (b.date, b.slug), reverse=True)
    embargoes = tuple(sorted({b.release for b in held}))
    return Site(
        config=config, briefs=tuple(briefs), entities=_published(entities, briefs), embargoes=embargoes
    )


def _tag_problems(briefs: Iterable[tuple[str, Brief]]) -> list[Problem]:
    """Two different tags with one slug would share one page: 'Россия' and 'Rossiya' both give
    'rossiya'. Spellings that differ only in case or Unicode form are one tag."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, str, str]] = {}  # slug → (folded name, name, path) of its first use
    reported: set[tuple[str, str]] = set()
    for path, brief in briefs:
        for name in brief.tags:
            folded, slug = unicodedata.normalize("NFKC", name).casefold(), tag_slug(name)
            other_folded, other_name, other_path = first.setdefault(slug, (folded, name, path))
            if other_folded == folded or (slug, folded) in reported:
                continue
            reported.add((slug, folded))
            where = "" if other_path == path else f" in {os.path.basename(other_path)}"
            problems.append(
                Problem(
                    path,
                    f"tag '{name}' has the same slug '{slug}' as tag '{other_name}'{where}",
                    None,
                    "spell the tag one way in every brief, or rename one of them",
                )
            )
    return problems


def report(errors: list[Problem], warnings: list[Problem], strict: bool) -> None:
    """Raise the errors (and with ``strict`` the warnings) as one ContentError; else log the warnings."""
    if errors or (strict and warnings):
        raise ContentError([*errors, *(warnings if strict else ())])
    for warning in warnings:
        log.warning("%s", warning)


def _published(entities: dict[str, Entity], briefs: list[Brief]) -> dict[str, Entity]:
    """The entities a published brief names: the rest of the registry stays off the site, so no
    page, feed or index shows whom the desk is writing about before it publishes."""
    named = {entity_id for brief in briefs for entity_id in brief.entity_ids}
    return {entity_id: entity for entity_id, entity in entities.items() if entity_id in named}
