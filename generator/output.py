"""Atomic writing of the built site.

A build renders into a temporary folder beside the output and swaps it in, so a failed build
leaves the previous site untouched. Files whose bytes did not change are hard-linked from the
previous site instead of being written again. A manifest records what we wrote, so we never
delete a folder holding files of the user's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from generator.errors import OutputError
from generator.model import SiteConfig

MANIFEST = ".briefing-manifest.json"


def check_output_dir(config: SiteConfig) -> None:
    """Refuse an output folder that would clobber sources or files the generator did not write."""
    out = config.output_dir.resolve()
    sources = {
        "the content folder": config.content_dir,
        "the templates folder": config.templates_dir,
        "the static folder": config.static_dir,
    }
    for what, folder in {"the site root": config.root, **sources}.items():
        folder = folder.resolve()
        inside_source = what in sources and out.is_relative_to(folder)
        if out == folder or folder.is_relative_to(out) or inside_source:
            raise OutputError(
                f"{out}: the output folder overlaps {what} ({folder}); set paths.output in site.yaml to a folder of its own, such as 'site'"
            )
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder; move it away or set paths.output in site.yaml")
    foreign = foreign_files(out)
    if foreign:
        raise OutputError(
            f"{out}: holds files Briefing did not write (e.g. {foreign[0]}); move them away (put extra files in static/) or choose another paths.output"
        )


def read_manifest(out: Path) -> dict[str, str] | None:
    """{relative path: sha256} of the previous build, or None if there is no valid manifest."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def foreign_files(out: Path) -> list[str]:
    """Files in ``out`` that the last build did not write (all of them if it has no manifest)."""
    manifest = read_manifest(out) or {}
    found = []
    for path in sorted(out.rglob("*")):
        if path.is_file() or path.is_symlink():
            rel = path.relative_to(out).as_posix()
            if rel != MANIFEST and rel not in manifest:
                found.append(rel)
    return found


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_site(config: SiteConfig, files: dict[str, bytes]) -> list[str]:
    """Write ``files`` as the whole new site, atomically swapped in; return the paths that changed."""
    check_output_dir(config)
    out = config.output_dir.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(out) or {}
    staging = out.with_name(f".{out.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        manifest = _manifest(files, staging)
        changed = []
        for rel, data in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if previous.get(rel) == manifest[rel] and _link(out / rel, target):
                continue
            target.write_bytes(data)
            changed.append(rel)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=0, sort_keys=True), encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return changed + sorted(previous.keys() - manifest.keys())


def update_site(config: SiteConfig, files: dict[str, bytes]) -> list[str]:
    """Bring the output folder to ``files`` in place: each changed file replaced atomically, removed
    files deleted. For a private preview folder, where a reader never sees a half-written file."""
    check_output_dir(config)
    out = config.output_dir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(out) or {}
    manifest = _manifest(files, out)
    changed = []
    for rel, data in files.items():
        if previous.get(rel) == manifest[rel] and (out / rel).is_file():
            continue
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)
        changed.append(rel)
    for rel in sorted(previous.keys() - manifest.keys()):
        (out / rel).unlink(missing_ok=True)
        changed.append(rel)
    partial = out / f"{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(partial, out / MANIFEST)
    return changed


def _manifest(files: dict[str, bytes], folder: Path) -> dict[str, str]:
    """Digest of every file, after checking no path escapes ``folder``."""
    base = folder.resolve()
    for rel in files:
        if not (base / rel).resolve().is_relative_to(base) or rel == MANIFEST:
            raise OutputError(f"{rel}: a page path leaves the output folder or clashes with the manifest")
    return {rel: digest(data) for rel, data in files.items()}


def _link(source: Path, target: Path) -> bool:
    """Reuse an unchanged file of the previous build; False if it is gone or can't be linked."""
    try:
        os.link(source, target)
        return True
    except OSError:
        return False


def _swap(staging: Path, out: Path) -> None:
    """Put ``staging`` where ``out`` is; the old site is removed only after the new one is in place."""
    if not out.exists():
        staging.rename(out)
        return
    retired = out.with_name(f".{out.name}.old-{os.getpid()}")
    shutil.rmtree(retired, ignore_errors=True)
    out.rename(retired)
    try:
        staging.rename(out)
    except OSError:
        retired.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
