"""A build: load → index → pages → render → write, keeping what it can between builds.

``SiteBuilder`` remembers the parsed content and every page it rendered with the page's key
(see ``pages``) and the digest of its template and the config. A rebuild reads only changed
files and re-renders only pages whose inputs changed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import jinja2

from generator.engine import fastpath
from generator.engine.report import BuildResult, Reporter
from generator.engine.state import (
    BuildCache,
    BuildStamp,
    Inputs,
    PageRecords,
    cache_path,
    cache_salt,
    file_records,
    input_digest,
    intact,
    is_current,
    load_cache,
    load_stamp,
    save_cache,
    save_stamp,
    take_stamp,
)
from generator.errors import BuildCancelled, CacheDamaged
from generator.files import digest_parts, file_stat, stat_sig
from generator.index import SiteIndex, SnippetCache
from generator.load import ContentCache, load_site
from generator.load.config import CONFIG_NAME, load_config
from generator.load.media import brief_assets
from generator.load.schedule import now
from generator.model import Site, SiteConfig
from generator.model.urls import output_path
from generator.pages import PageSpec, edit_tags, page_makers, related_to
from generator.render import Renderer
from generator.render.deps import TemplateDigests
from generator.render.theme import default_theme_dir, make_environment, template_files
from generator.workers import MIN_PARALLEL_ITEMS, collector_paused, fork_map, release
from generator.write.search import BUNDLE as SEARCH_BUNDLE
from generator.write.search import index_site
from generator.write.writer import MANIFEST, SiteWriter, WriteMode

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChangeSet:
    """Which inputs a watcher saw change: content (briefs, the registry), templates, site.yaml."""

    paths: frozenset[str]
    config: bool
    templates: bool

    @classmethod
    def of(cls, changed: Iterable[str], config: SiteConfig) -> ChangeSet:
        paths = frozenset(os.path.abspath(p) for p in changed)
        folders = [str(config.templates_dir), str(default_theme_dir())]
        templates = any(
            p.startswith(tuple(f + os.sep for f in folders)) and f"{os.sep}static{os.sep}" not in p
            for p in paths
        )
        return cls(paths, str(config.root / CONFIG_NAME) in paths, templates)


@dataclass(frozen=True)
class Snapshot:
    """The last successful build in this process, for the live preview's fast path."""

    config: SiteConfig
    templates_signature: tuple
    registry_digest: str
    site: Site
    index: SiteIndex
    counts: Counter


class SiteBuilder:
    """Builds one site again and again, redoing only what its changed inputs require.

    Between builds of one process it keeps parsed content and rendered pages in memory; with
    ``use_cache`` it also keeps them in ``.briefing-cache/`` for the next process (``clean``:
    start from nothing, but leave a fresh cache behind). ``live=True`` updates a private preview
    folder file by file and never forks (forking a process that runs a server and a watcher
    thread is unsafe); otherwise every build is swapped in whole, so a failed or killed build
    leaves the previous site untouched. ``cancel``, when set, stops a rebuild at its next page.
    """

    def __init__(
        self,
        root: Path,
        *,
        drafts: bool = False,
        strict: bool = False,
        future: bool = False,
        base_url: str | None = None,
        output_dir: Path | None = None,
        live: bool = False,
        use_cache: bool = False,
        clean: bool = False,
        search: bool | None = None,
        reporter: Reporter | None = None,
        cancel: threading.Event | None = None,
    ):
        self.root = Path(root).resolve()
        self.options = dict(drafts=drafts, strict=strict, base_url=base_url, search=search)
        self.drafts, self.strict, self.future = drafts, strict, future
        self.output_dir = output_dir.resolve() if output_dir else None
        self.live = live
        self.use_cache = use_cache
        self.reporter = reporter or Reporter()
        self.cancel = cancel or threading.Event()
        self.config: SiteConfig | None = None
        self.content = ContentCache()
        self.snippets: SnippetCache = {}
        self.pages: PageRecords = {}
        self.pages_for = ""
        self.basis = self.pages_basis = ""  # what the page records hold for (see _render_pages)
        self._cached_briefs: dict | None = None  # the last build's briefs, as its cache kept them
        self._template_refs: dict = {}  # what the last process found templates to reference
        self._timeline_made: dict = {}  # timeline.json's sections as the last build made them
        self.live_manifest: dict[str, str] = {}
        self.last: Snapshot | None = None
        self._templates_signature: tuple = ()
        self._env: jinja2.Environment | None = None
        self.digests: TemplateDigests | None = None
        self._seen: Inputs | None = None  # the inputs as the last build read them
        self._stamp: BuildStamp | None = None  # the stamp the last process left, read once
        self._cache_unread = use_cache and not clean  # read on the first build that needs it
        self._fresh = clean  # --clean: the first build also starts from an empty staging folder

    def rebuild(self, changed: Iterable[str] | None = None) -> BuildResult:
        """Build now; raise BriefingError on bad input, leaving the output as it was.

        ``changed``: the files that changed since the last build, when a watcher knows them (the
        live preview, like Zola's change kinds); then only those are looked at again.
        """
        with collector_paused():
            try:
                return self._rebuild(changed)
            except CacheDamaged as error:  # a body the cache held could not be read back
                log.warning("%s; building again without the cache", error)
                self._forget_cache()
                return self._rebuild(None)

    def _forget_cache(self) -> None:
        self.content, self.snippets, self.pages, self.pages_basis = ContentCache(), {}, {}, ""
        self._cached_briefs, self.last, self._cache_unread = None, None, False

    def _rebuild(self, changed: Iterable[str] | None) -> BuildResult:
        started = time.perf_counter()
        changes = ChangeSet.of(changed, self.config) if changed is not None and self.last else None
        config = self.config if changes and not changes.config else self._load_config()
        self.reporter.phase("inputs")
        inputs = self._inputs(config)
        if inputs and self._cache_unread:
            if unchanged := self._unchanged(config, inputs, started):
                return unchanged
            self._read_cache()
        self._refresh(config, changes)
        self.reporter.phase("load")
        known = changes.paths if changes else None
        site = load_site(
            config,
            self.drafts,
            self.strict,
            self.content,
            not self.live,
            inputs.each if inputs else None,
            self.future,
            changed=known,
        )
        salt = f"{cache_salt()}\0{config!r}"
        if self.live and (edited := fastpath.body_edits(self, site)):
            return fastpath.rebuild_bodies(self, site, edited, salt, started)
        self.reporter.phase("index")
        index = SiteIndex(site, self.snippets)
        release()  # what parsing and indexing left behind
        mode = WriteMode.LIVE if self.live else WriteMode.STAGED
        private = self.live_manifest if self.live and self.pages else None
        vouched = self._stamp.vouched_folders(config.output_dir.resolve()) if self._stamp else None
        with SiteWriter(config, mode, private, spare=not self._fresh, vouched=vouched) as writer:
            self._fresh = False
            counts, digests, rendered = self._render_pages(index, writer, salt)
            self._copy_static(config, writer, counts, index.site)
            release()  # before the search indexer starts beside us
            self.reporter.phase("search" if config.search and not self.live else "commit")
            changed = writer.commit((SEARCH_BUNDLE, index_site) if config.search and not self.live else None)
        self.reporter.phase("save")
        index.prune_snippets()
        self._remember(config, writer, digests)
        self._save(config, inputs, writer, counts, rendered or self.content.parsed or changed, site)
        self.reporter.finish()
        self.last = Snapshot(
            config, self._templates_signature, self.content.entities_digest, site, index, counts
        )
        return BuildResult(config.output_dir, counts, rendered, tuple(changed), time.perf_counter() - started)

    def _load_config(self) -> SiteConfig:
        config = load_config(self.root, base_url=self.options["base_url"])
        if self.output_dir is not None:
            config = replace(config, output_dir=self.output_dir)
        if self.options["search"] is not None:
            config = replace(config, search=self.options["search"])
        return config

    def _inputs(self, config: SiteConfig) -> Inputs | None:
        """What this build reads, when a cache is kept; files whose stat the last build saw are not read again."""
        if not self.use_cache or self.live:
            return None
        if self._seen is None:
            self._stamp = load_stamp(self.root) if self._cache_unread else None
            seen = self._stamp.sightings if self._stamp else {}
            self._seen = Inputs("", {}, seen, self._stamp.sightings_ns if self._stamp else 0)
        settings = f"{cache_salt()}\0{config!r}\0{self.drafts}\0{self.strict}\0{self.future}"
        self._seen = input_digest(config, settings, self._seen.sightings, self._seen.taken_ns)
        return self._seen

    def _unchanged(self, config: SiteConfig, inputs: Inputs, started: float) -> BuildResult | None:
        """The last build's result, if it read these very inputs and its output is still intact."""
        stamp = self._stamp
        if not is_current(stamp, inputs.digest, config.output_dir, file_stat(cache_path(self.root))):
            return None
        if not self.future and not _still_true(stamp.window):  # an embargo ended, or the clock went back
            return None
        self.config = config
        for warning in stamp.warnings:  # a warm build warns as the cold one did
            self.reporter.warning(warning)
        return BuildResult(config.output_dir, Counter(stamp.counts), 0, (), time.perf_counter() - started)

    def _read_cache(self) -> None:
        stored = load_cache(self.root)
        self.content, self.snippets = stored.content, stored.snippets
        self.pages, self.pages_for = stored.pages, stored.output_dir
        self.pages_basis, self._template_refs = stored.basis, stored.templates
        self._cached_briefs = {p.brief.slug: p.brief for p in stored.content.store.values() if p.brief}
        self._cache_unread = False

    def _refresh(self, config: SiteConfig, changes: ChangeSet | None = None) -> None:
        """Drop what a template change makes stale, and page records of another output folder."""
        self.config = config
        if self.pages_for != str(config.output_dir):
            self.pages, self.pages_for, self.pages_basis = {}, str(config.output_dir), ""
        if changes and not changes.templates and self._env is not None:
            return
        signature = tuple((str(path), stat_sig(path)) for path in template_files(config))
        if self._env is None or signature != self._templates_signature:
            self._env = make_environment(config.templates_dir)
            self.digests = TemplateDigests(self._env, self._template_refs)
            self._templates_signature = signature

    def renderer(self, config: SiteConfig) -> Renderer:
        return Renderer(config, self._env, self._timeline_made)

    def _render_pages(self, index: SiteIndex, writer: SiteWriter, salt: str) -> tuple[Counter, dict, int]:
        """Render every page whose inputs changed (across workers); carry the others over.

        Only the pages whose dependency tags an edit touched are made again when nothing but
        briefs' contents changed since the last build (see ``pages.edit_tags``); the others keep
        the key digest they had, as long as their file is intact."""
        makers = page_makers(index)
        renderer, plan = self.renderer(index.site.config), writer.plan()
        self.basis = digest_parts(
            [salt, self.content.entities_digest, self.digests.of_all(), *sorted(m.url for m in makers)]
        )
        touched = self._touched(index)

        def make(number: int, force: bool = False) -> tuple[str, str, str, tuple | None]:
            if self.cancel.is_set():
                raise BuildCancelled
            spec = makers[number].make()
            rel = output_path(spec.url)
            page_digest = self.page_digest(spec, salt)
            record = self.pages.get(rel)
            trusted = record is not None and (self.live or intact(writer.out / rel, record))
            if trusted and record[0] == page_digest and not force:
                return spec.kind, rel, page_digest, None
            previous = writer.previous_digest(rel) if trusted else None  # an edited file is written anew
            return spec.kind, rel, page_digest, plan.put(rel, renderer.render(spec), previous)

        counts: Counter = Counter()
        digests: dict[str, str] = {}
        todo = []
        out = str(writer.out)
        for number, entry in enumerate(makers):
            rel = output_path(entry.url)
            record = self.pages.get(rel) if touched is not None and not entry.deps & touched else None
            if record is not None and (self.live or intact(f"{out}/{rel}", record)) and writer.keep(rel):
                counts[entry.kind] += 1
                digests[rel] = record[0]
            else:
                todo.append(number)
        if not self.live and len(todo) >= MIN_PARALLEL_ITEMS:
            index.prepare()  # once, before any worker forks (the live preview never forks)
        rendered = 0
        self.reporter.phase("render", len(todo))
        for number, (kind, rel, page_digest, result) in zip(
            todo, fork_map(make, todo, not self.live), strict=True
        ):
            counts[kind] += 1
            digests[rel] = page_digest
            if result is None and not writer.keep(rel):
                result = make(number, force=True)[3]  # its file went missing meanwhile
            if result is not None:
                writer.record(rel, result)
                rendered += 1
            self.reporter.advance()
        return counts, digests, rendered

    def _touched(self, index: SiteIndex) -> set[str] | None:
        """The dependency tags of the briefs edited since the last build, or None if more than
        briefs' contents changed (config, templates, registry, the list of pages) or the last
        build is not known: then every page is made again."""
        previous = {b.slug: b for b in self.last.site.briefs} if self.last else self._cached_briefs
        if not self.pages or previous is None or self.basis != self.pages_basis:
            return None
        touched: set[str] = set()
        for brief in index.site.briefs:
            old = previous.get(brief.slug)
            if old is None:
                return None
            if old is not brief and old != brief:
                touched |= edit_tags(old, brief)
        for tag in [t for t in touched if t.startswith("rel:")]:
            touched |= related_to(index, tag.removeprefix("rel:"))
        return touched

    @staticmethod
    def _copy_static(config: SiteConfig, writer: SiteWriter, counts: Counter, site: Site) -> None:
        for rel, data in [*fastpath.static_assets(config), *brief_assets(config, site)]:
            writer.put(rel, data)
            counts["static"] += 1

    def _remember(self, config: SiteConfig, writer: SiteWriter, digests: dict[str, str]) -> None:
        """Note, for the next build, each page's digest with the stat of the file it left (a file
        carried over is the very file recorded last time: only those written are looked at)."""
        if self.live:
            self.live_manifest = writer.manifest
        self.pages = file_records(config.output_dir, digests, self.pages, set(writer.changed))
        self.pages_basis = self.basis

    def _save(
        self,
        config: SiteConfig,
        inputs: Inputs | None,
        writer: SiteWriter,
        counts: Counter,
        anything,
        site: Site,
    ) -> None:
        """Leave the cache, then the stamp that vouches for it, for the next process."""
        if self.use_cache and anything:
            kept = replace(self.content, briefs={})  # stat signatures mean nothing to another process
            save_cache(
                self.root,
                BuildCache(
                    kept, self.pages, self.pages_for, self.snippets, self.pages_basis, self.digests.references
                ),
            )
        if inputs:
            files = [*writer.manifest, MANIFEST]
            cache = file_stat(cache_path(self.root))
            warnings = [str(w) for w in self.content.warnings]
            written = {*writer.changed, *writer.finished, MANIFEST}
            stamp = take_stamp(
                inputs, config.output_dir, files, counts, cache, warnings, _window(site), self._stamp, written
            )
            save_stamp(self.root, stamp)
            self._stamp = stamp

    def page_digest(self, spec: PageSpec, salt: str) -> str:
        return digest_parts((salt, self.digests.of(spec.template), spec.url, repr(spec.key)))


def _window(site: Site) -> list[str]:
    """While the site stays as built: from its newest release to the first brief it held back."""
    newest = max((b.release for b in site.briefs), default=None)
    first_held = min(site.embargoes, default=None)
    return [newest.isoformat() if newest else "", first_held.isoformat() if first_held else ""]


def _still_true(window: list[str]) -> bool:
    """True if the time now lies in a build's window (see ``_window``)."""
    if not window:
        return False
    at = now()
    newest, first_held = (datetime.fromisoformat(w) if w else None for w in window)
    return (newest is None or newest <= at) and (first_held is None or at < first_held)


def build(root: Path, **options) -> BuildResult:
    """Build the site at ``root`` once; raise BriefingError on any problem (see ``SiteBuilder``)."""
    return SiteBuilder(root, **options).rebuild()
