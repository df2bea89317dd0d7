"""A build: load → index → render → write, with a summary of what was written."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.config import load_config
from generator.content import load_site
from generator.index import build_index
from generator.model import SiteConfig
from generator.output import write_site
from generator.render import PAGE_KINDS, Renderer, default_theme_dir, make_environment


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: pages by kind, files changed on disk, seconds taken."""

    output_dir: Path
    pages: Counter
    changed: int
    seconds: float

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.pages.items() if n)
        total = sum(self.pages.values())
        return f"built {total} files ({kinds}); {self.changed} changed; in {self.seconds:.2f} s → {self.output_dir}"


def static_files(config: SiteConfig) -> Iterator[tuple[str, bytes]]:
    """Theme assets (overridable in the site's templates/static/) under static/, then the site's static/ at the root."""
    assets: dict[str, Path] = {}
    for folder in (default_theme_dir() / "static", config.templates_dir / "static"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                assets["static/" + path.relative_to(folder).as_posix()] = path
    if config.static_dir.is_dir():
        for path in sorted(config.static_dir.rglob("*")):
            if path.is_file():
                assets[path.relative_to(config.static_dir).as_posix()] = path
    for rel, path in sorted(assets.items()):
        yield rel, path.read_bytes()


def render_site(
    config: SiteConfig, drafts: bool = False, strict: bool = False
) -> tuple[list[tuple[str, bytes]], Counter]:
    """Every output file of the site, in memory, and the page count by kind."""
    site = load_site(config, drafts=drafts, strict=strict)
    renderer = Renderer(build_index(site), make_environment(config.templates_dir))
    files: list[tuple[str, bytes]] = []
    pages: Counter = Counter()
    for kind, render in PAGE_KINDS.items():
        for item in render(renderer):
            files.append(item)
            pages[kind] += 1
    for item in static_files(config):
        files.append(item)
        pages["static"] += 1
    return files, pages


def build(
    root: Path,
    drafts: bool = False,
    strict: bool = False,
    base_url: str | None = None,
    output_dir: Path | None = None,
) -> BuildResult:
    """Build the site at ``root`` into its output folder; raise BriefingError on any problem."""
    started = time.perf_counter()
    config = load_config(root, base_url=base_url)
    if output_dir is not None:
        config = SiteConfig(**{**config.__dict__, "output_dir": output_dir.resolve()})
    files, pages = render_site(config, drafts=drafts, strict=strict)
    changed = write_site(config, files)
    return BuildResult(config.output_dir, pages, changed, time.perf_counter() - started)
