"""A build: load → index → page specs → render → write, keeping what it can between builds.

``SiteBuilder`` remembers the parsed content and every page it rendered with the page's key
(see ``pages.py``) and the digest of its template and the config. A rebuild reads only changed
files and re-renders only pages whose inputs changed: that is the live preview's fast path.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from generator import memory
from generator.cache import BuildCache, cache_path, cache_salt, load_cache, load_stamp, save_cache, save_stamp
from generator.config import CONFIG_NAME, load_config
from generator.content import ContentCache, load_site
from generator.index import BodyText, SiteIndex, SnippetCache, brief_entity_ids, build_index, find_snippet
from generator.model import Brief, Site, SiteConfig
from generator.output import MANIFEST, SiteWriter, put_file
from generator.pages import PAGE_KINDS, PageSpec, brief_page, page_makers
from generator.parallel import fork_map
from generator.progress import Progress
from generator.render import Renderer, default_theme_dir, make_environment
from generator.search import BUNDLE as SEARCH_BUNDLE
from generator.search import index_site
from generator.sources import input_digest, static_files, template_files
from generator.stamp import file_stat, is_current, take_stamp
from generator.urls import output_path


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: files by kind, pages re-rendered, files changed on disk, seconds taken."""

    output_dir: Path
    pages: Counter
    rendered: int
    changed: tuple[str, ...]
    seconds: float

    def summary(self) -> str:
        kinds = ", ".join(f"{self.pages[k]} {k}" for k in (*PAGE_KINDS, "static") if self.pages[k])
        total = sum(self.pages.values())
        reused = total - self.pages["static"] - self.rendered
        return (
            f"built {total} files ({kinds}); {self.rendered} rendered, {reused} unchanged; "
            f"{len(self.changed)} written or removed in {self.seconds:.2f} s → {self.output_dir}"
        )


# {% extends "x" %}, {% include 'x' %}, {% import "x" as y %}, {% from "x" import y %}
TEMPLATE_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")
DYNAMIC_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+[^\s"'\[]""")


@dataclass
class TemplateDigests:
    """Digest of each template together with every template it extends, includes or imports."""

    env: jinja2.Environment
    _digests: dict[str, str] = field(default_factory=dict)

    def of(self, name: str) -> str:
        if name not in self._digests:
            self._digests[name] = hashlib.blake2b(
                "\0".join(self._source(n) for n in sorted(self._closure(name))).encode(), digest_size=16
            ).hexdigest()
        return self._digests[name]

    def _source(self, name: str) -> str:
        try:
            return self.env.loader.get_source(self.env, name)[0]
        except jinja2.TemplateNotFound:
            return ""  # a page rendered in Python (timeline.json); rendering reports a real miss

    def _closure(self, name: str, seen: set | None = None) -> set[str]:
        seen = set() if seen is None else seen
        if name in seen:
            return seen
        seen.add(name)
        source = self._source(name)
        if DYNAMIC_REFERENCE.search(source):  # a name computed at render time: depend on every template
            seen.update(self.env.list_templates())
            return seen
        for child in TEMPLATE_REFERENCE.findall(source):
            self._closure(child, seen)
        return seen


def _stat_signature(paths) -> tuple:
    return tuple((str(path), file_stat(path)) for path in paths)


@dataclass(frozen=True)
class _Snapshot:
    """The last successful build in this process, for the live preview's fast path."""

    config: SiteConfig
    templates_signature: tuple
    site: Site
    index: SiteIndex
    counts: Counter


# What forked page workers inherit (see parallel.fork_map): builder, renderer, writer, page makers, salt.
_page_context: tuple = ()


def _make_page(number: int, force: bool = False) -> tuple[str, str, str, tuple | None]:
    """Make page ``number``'s spec and digest, then render and write it unless the file the last
    build left for it still stands (result None). Returns (kind, path, digest, put_file result)."""
    builder, renderer, writer, makers, salt = _page_context
    spec = makers[number]()
    rel = output_path(spec.url)
    digest = builder._page_digest(spec, salt)
    record = builder._pages.get(rel)
    trusted = record is not None and (builder.live or builder._intact(rel, record, writer))
    if trusted and record[0] == digest and not force:
        return spec.kind, rel, digest, None
    previous = writer.previous_digest(rel) if trusted else None  # an edited file is written anew
    data = renderer.render(spec)
    return spec.kind, rel, digest, put_file(writer.target(rel), writer.out / rel, data, previous, writer.mode)


class SiteBuilder:
    """Builds one site again and again, redoing only what its changed inputs require.

    Between builds of one process it keeps parsed content and rendered pages in memory; with
    ``use_cache`` it also keeps them in ``.briefing-cache/`` for the next process (``clean``:
    start from nothing, but leave a fresh cache behind). ``live=True``
    updates the output folder file by file (each file replaced atomically), for a private
    preview folder, and never forks; otherwise every build is swapped in whole, so a failed
    build leaves the previous site untouched.
    """

    def __init__(
        self,
        root: Path,
        *,
        drafts: bool = False,
        strict: bool = False,
        base_url: str | None = None,
        output_dir: Path | None = None,
        live: bool = False,
        use_cache: bool = False,
        clean: bool = False,
        search: bool | None = None,
        progress: Progress | None = None,
    ):
        self.root = Path(root).resolve()
        self.search = search
        self.drafts = drafts
        self.strict = strict
        self.base_url = base_url
        self.output_dir = output_dir.resolve() if output_dir else None
        self.live = live
        self.use_cache = use_cache
        self.progress = progress or Progress()
        self.config: SiteConfig | None = None
        self._content = ContentCache()
        self._snippets: SnippetCache = {}
        self._templates_signature: tuple = ()
        self._env: jinja2.Environment | None = None
        self._digests: TemplateDigests | None = None
        # output path → (page digest, size, mtime_ns) of the file the last build left there
        self._pages: dict[str, tuple] = {}
        self._pages_for = ""
        self._live_manifest: dict[str, str] = {}
        self._last: _Snapshot | None = None
        self._cache_unread = use_cache and not clean  # read on the first build that needs it

    def _read_cache(self) -> None:
        stored = load_cache(self.root)
        self._content = stored.content
        self._snippets = stored.snippets
        self._pages, self._pages_for = stored.pages, stored.output_dir
        self._cache_unread = False

    def watch_paths(self) -> list[Path]:
        """What a live preview watches: site.yaml, content, the site's templates and static, the theme."""
        config = self.config or self._load_config()
        paths = [self.root / CONFIG_NAME, config.content_dir, config.templates_dir, config.static_dir]
        return [*paths, default_theme_dir()]

    def _load_config(self) -> SiteConfig:
        config = load_config(self.root, base_url=self.base_url)
        if self.output_dir is not None:
            config = replace(config, output_dir=self.output_dir)
        if self.search is not None:
            config = replace(config, search=self.search)
        return config

    def _refresh(self, config: SiteConfig) -> None:
        """Drop what a template change makes stale, and page records of another output folder."""
        self.config = config
        if self._pages_for != str(config.output_dir):
            self._pages, self._pages_for = {}, str(config.output_dir)
        signature = _stat_signature(template_files(config))
        if self._env is None or signature != self._templates_signature:
            self._env = make_environment(config.templates_dir)
            self._digests = TemplateDigests(self._env)
            self._templates_signature = signature

    def rebuild(self) -> BuildResult:
        """Build now; raise BriefingError on bad input, leaving the output as it was."""
        global _page_context
        started = time.perf_counter()
        config = self._load_config()
        inputs, file_digests = "", None
        if self.use_cache and not self.live:
            inputs, file_digests = input_digest(
                config, f"{cache_salt()}\0{config!r}\0{self.drafts}\0{self.strict}"
            )
            if self._cache_unread:
                stamp = load_stamp(self.root)
                if is_current(stamp, inputs, config.output_dir, file_stat(cache_path(self.root))):
                    self.config = config
                    return BuildResult(
                        config.output_dir, Counter(stamp.counts), 0, (), time.perf_counter() - started
                    )
                self._read_cache()
        self._refresh(config)
        site = load_site(config, self.drafts, self.strict, self._content, not self.live, file_digests)
        salt = f"{cache_salt()}\0{config!r}"
        edited = self._body_edits(site, config) if self.live else None
        if edited:
            return self._rebuild_bodies(config, site, edited, salt, started)
        index = build_index(site, self._snippets)
        memory.release()  # what parsing and indexing left behind
        counts: Counter = Counter()
        digests: dict[str, str] = {}
        rendered = 0
        makers = page_makers(index)
        known = self._live_manifest if self.live and self._pages else None
        with SiteWriter(config, live=self.live, known=known) as writer:
            self.progress.start(len(makers))
            _page_context = (self, Renderer(config, self._env), writer, makers, salt)
            try:
                pages = fork_map(_make_page, range(len(makers)), not self.live)
                for number, (kind, rel, digest, result) in enumerate(pages):
                    counts[kind] += 1
                    digests[rel] = digest
                    if result is None and not writer.keep(rel):
                        result = _make_page(number, force=True)  # its file went missing meanwhile
                    if result is not None:
                        writer.record(rel, result)
                        rendered += 1
                    self.progress.advance()
            finally:
                _page_context = ()
            for rel, source in static_files(config):
                writer.put(rel, source.read_bytes())
                counts["static"] += 1
            memory.release()  # before the search indexer starts beside us
            changed = writer.commit((SEARCH_BUNDLE, index_site) if config.search and not self.live else None)
        if self.live:  # a private folder: only what this build wrote needs new records
            self._live_manifest = writer.manifest
            self._pages = self._file_records(config.output_dir, digests, self._pages, set(writer.changed))
        else:
            self._pages = self._file_records(config.output_dir, digests)
        if self.use_cache and (rendered or self._content.parsed or changed):
            kept = replace(self._content, briefs={})  # stat signatures mean nothing to another process
            save_cache(self.root, BuildCache(kept, self._pages, self._pages_for, self._snippets))
        if inputs:
            files = [*writer.manifest, MANIFEST]
            cache = file_stat(cache_path(self.root))
            save_stamp(self.root, take_stamp(inputs, config.output_dir, files, counts, cache))
        self.progress.finish()
        self._last = _Snapshot(config, self._templates_signature, site, index, counts)
        return BuildResult(config.output_dir, counts, rendered, tuple(changed), time.perf_counter() - started)

    def _body_edits(self, site: Site, config: SiteConfig) -> list[Brief] | None:
        """The briefs whose bodies alone changed since the last build, if nothing else did.

        A body shows only on its own page, and as a snippet on its entities' pages; when the
        snippets stay the same, only the brief pages need rendering: the live preview's fast path.
        """
        last = self._last
        if (
            last is None
            or last.config != config
            or last.templates_signature != self._templates_signature
            or last.site.entities is not site.entities
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
            for entity_id in brief_entity_ids(new):
                entity = site.entities[entity_id]
                if find_snippet(entity, body) != self._snippets.get((old.fingerprint, entity.names)):
                    return None
        return [new for new, _ in edited]

    def _rebuild_bodies(
        self, config: SiteConfig, site: Site, edited: list[Brief], salt: str, started: float
    ) -> BuildResult:
        """Render just the edited briefs' pages (see ``_body_edits``)."""
        last = self._last
        renderer = Renderer(config, self._env)
        digests = {}
        with SiteWriter(config, live=True, known=self._live_manifest) as writer:
            pages = [brief_page(last.index, brief) for brief in edited]
            statics = [(rel, source.read_bytes()) for rel, source in static_files(config)]
            writer.carry_over(exclude={output_path(p.url) for p in pages} | {rel for rel, _ in statics})
            for spec in pages:
                rel = output_path(spec.url)
                digests[rel] = self._page_digest(spec, salt)
                writer.put(rel, renderer.render(spec))
            for rel, data in statics:
                writer.put(rel, data)
            changed = writer.commit()
        before = {b.slug: b.fingerprint for b in last.site.briefs}
        for brief in edited:  # the snippets are unchanged: file them under the new fingerprints
            for entity_id in brief_entity_ids(brief):
                names = site.entities[entity_id].names
                self._snippets[(brief.fingerprint, names)] = self._snippets[(before[brief.slug], names)]
        self._live_manifest = writer.manifest
        self._pages.update(self._file_records(config.output_dir, digests))
        self._last = replace(last, site=site)
        return BuildResult(
            config.output_dir, last.counts, len(pages), tuple(changed), time.perf_counter() - started
        )

    @staticmethod
    def _intact(rel: str, record: tuple | None, writer: SiteWriter) -> bool:
        """True if the file the last build wrote at ``rel`` is still there, untouched."""
        if record is None:
            return False
        try:
            st = (writer.out / rel).stat()
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns) == record[1:]

    @staticmethod
    def _file_records(
        out: Path, digests: dict[str, str], previous: dict | None = None, written: set | None = None
    ) -> dict[str, tuple]:
        """(page digest, size, mtime) of each page file; with ``previous``, stat only ``written``."""
        records = {}
        for rel, digest in digests.items():
            if previous is not None and rel not in written and rel in previous:
                records[rel] = (digest, *previous[rel][1:])
                continue
            try:
                st = (out / rel).stat()
            except OSError:
                continue
            records[rel] = (digest, st.st_size, st.st_mtime_ns)
        return records

    def _page_digest(self, spec: PageSpec, salt: str) -> str:
        text = f"{salt}\0{self._digests.of(spec.template)}\0{spec.url}\0{spec.key!r}"
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def build(
    root: Path,
    drafts: bool = False,
    strict: bool = False,
    base_url: str | None = None,
    output_dir: Path | None = None,
    use_cache: bool = False,
    clean: bool = False,
    search: bool | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the site at ``root`` once; raise BriefingError on any problem."""
    builder = SiteBuilder(
        root,
        drafts=drafts,
        strict=strict,
        base_url=base_url,
        output_dir=output_dir,
        use_cache=use_cache,
        clean=clean,
        search=search,
        progress=progress,
    )
    return builder.rebuild()
