"""The files a build reads besides content: templates and static assets, and one digest of all inputs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from generator.config import CONFIG_NAME
from generator.content import brief_paths
from generator.model import SiteConfig
from generator.output import digest
from generator.render import default_theme_dir


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


def template_files(config: SiteConfig) -> list[Path]:
    """Every template file a build may read, for change detection."""
    files = []
    for folder in (config.templates_dir, default_theme_dir()):
        if folder.is_dir():
            files += [
                p for p in folder.rglob("*") if p.is_file() and "static" not in p.relative_to(folder).parts
            ]
    return sorted(files)


def input_digest(config: SiteConfig, settings: str) -> tuple[str, dict[str, str]]:
    """One digest of every file a build reads, by content, and of ``settings`` (equal digests mean
    the build would write the same site); and each file's own digest, by path, so loading the
    content need not read the files again."""
    combined = hashlib.blake2b(settings.encode(), digest_size=16)
    files = [config.root / CONFIG_NAME, config.entities_file, *brief_paths(config), *template_files(config)]
    files += [path for _, path in static_files(config)]
    each: dict[str, str] = {}
    for path in files:
        try:
            with open(path, "rb") as file:
                each[str(path)] = digest(file.read())
        except OSError:
            pass
        combined.update(f"\0{path}\0{each.get(str(path), '-')}".encode())
    return combined.hexdigest(), each
