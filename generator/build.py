"""A build: load → index → page specs → render → write, keeping what it can between builds.

``SiteBuilder`` remembers the parsed content and every page it rendered with the page's key
(see ``pages.py``) and the digest of its template and the config. A rebuild reads only changed
files and re-renders only pages whose inputs changed: that is the live preview's fast path.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
from jinja2 import meta

from generator import __version__
from generator.config import CONFIG_NAME, load_config
from generator.content import ContentCache, load_site
from generator.index import SnippetCache, build_index
from generator.model import SiteConfig
from generator.output import update_site, write_site
from generator.pages import PAGE_KINDS, PageSpec, all_pages
from generator.render import Renderer, default_theme_dir, make_environment
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
            f"{len(self.changed)} written in {self.seconds:.2f} s → {self.output_dir}"
        )


def static_files(config: SiteConfig) -> Iterator[tuple[str, Path]]:
    """Theme assets (overridable in the site's templates/static/) under static/; site static/ at the root."""
    assets: dict[str, Path] = {}
    for folder in (default_theme_dir() / "static", config.templates_dir / "static"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                assets["static/" + path.relative_to(folder).as_posix()] = path
    if config.static_dir.is_dir():
        for path in sorted(config.static_dir.rglob("*")):
            if path.is_file():
                assets[path.relative_to(config.static_dir).as_posix()] = path
    yield from sorted(assets.items())


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
        try:
            parsed = self.env.parse(self._source(name))
        except jinja2.TemplateSyntaxError:
            return seen  # rendering reports it with file and line
        for child in meta.find_referenced_templates(parsed):
            if child:
                self._closure(child, seen)
        return seen


def template_files(config: SiteConfig) -> list[Path]:
    """Every template file a build may read, for change detection."""
    files = []
    for folder in (config.templates_dir, default_theme_dir()):
        if folder.is_dir():
            files += [
                p for p in folder.rglob("*") if p.is_file() and "static" not in p.relative_to(folder).parts
            ]
    return sorted(files)


def _stat_signature(paths) -> tuple:
    signature = []
    for path in paths:
        try:
            st = path.stat()
            signature.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            signature.append((str(path),))
    return tuple(signature)


class SiteBuilder:
    """Builds one site again and again, redoing only what its changed inputs require.

    ``live=True`` updates the output folder file by file (each file replaced atomically), for a
    private preview folder; otherwise every build is swapped in whole, so a failed build leaves
    the previous site untouched.
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
    ):
        self.root = Path(root).resolve()
        self.drafts = drafts
        self.strict = strict
        self.base_url = base_url
        self.output_dir = output_dir.resolve() if output_dir else None
        self.live = live
        self.config: SiteConfig | None = None
        self._content = ContentCache()
        self._snippets: SnippetCache = {}
        self._templates_signature: tuple = ()
        self._env: jinja2.Environment | None = None
        self._digests: TemplateDigests | None = None
        self._pages: dict[str, tuple[str, bytes]] = {}  # path → (page digest, bytes)

    def watch_paths(self) -> list[Path]:
        """What a live preview watches: site.yaml, content, the site's templates and static, the theme."""
        config = self.config or self._load_config()
        paths = [self.root / CONFIG_NAME, config.content_dir, config.templates_dir, config.static_dir]
        return [*paths, default_theme_dir()]

    def _load_config(self) -> SiteConfig:
        config = load_config(self.root, base_url=self.base_url)
        if self.output_dir is not None:
            config = replace(config, output_dir=self.output_dir)
        return config

    def _refresh(self, config: SiteConfig) -> None:
        """Drop what a config or template change makes stale."""
        if config != self.config:
            self.config = config
            self._env = None
            self._pages.clear()
        signature = _stat_signature(template_files(config))
        if self._env is None or signature != self._templates_signature:
            self._env = make_environment(config.templates_dir)
            self._digests = TemplateDigests(self._env)
            self._templates_signature = signature

    def rebuild(self) -> BuildResult:
        """Build now; raise BriefingError on bad input, leaving the output as it was."""
        started = time.perf_counter()
        config = self._load_config()
        self._refresh(config)
        site = load_site(config, drafts=self.drafts, strict=self.strict, cache=self._content)
        index = build_index(site, self._snippets)
        renderer = Renderer(config, self._env)
        salt = f"{__version__}\0{config!r}"
        pages: dict[str, tuple[str, bytes]] = {}
        counts: Counter = Counter()
        rendered = 0
        for spec in all_pages(index):
            digest = self._page_digest(spec, salt)
            path = output_path(spec.url)
            previous = self._pages.get(path)
            if previous and previous[0] == digest:
                pages[path] = previous
            else:
                pages[path] = (digest, renderer.render(spec))
                rendered += 1
            counts[spec.kind] += 1
        files = {path: data for path, (_, data) in pages.items()}
        for rel, source in static_files(config):
            files[rel] = source.read_bytes()
            counts["static"] += 1
        write = update_site if self.live else write_site
        changed = write(config, files)
        self._pages = pages
        return BuildResult(config.output_dir, counts, rendered, tuple(changed), time.perf_counter() - started)

    def _page_digest(self, spec: PageSpec, salt: str) -> str:
        text = f"{salt}\0{self._digests.of(spec.template)}\0{spec.url}\0{spec.key!r}"
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def build(
    root: Path,
    drafts: bool = False,
    strict: bool = False,
    base_url: str | None = None,
    output_dir: Path | None = None,
) -> BuildResult:
    """Build the site at ``root`` once; raise BriefingError on any problem."""
    builder = SiteBuilder(root, drafts=drafts, strict=strict, base_url=base_url, output_dir=output_dir)
    return builder.rebuild()
