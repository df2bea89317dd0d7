"""Atomic writing of the built site.

Files are staged in a folder beside the output and moved into place only once every page has
rendered, so a failed build leaves the previous site untouched (``SiteWriter`` says how).
Files whose bytes did not change are never written again. A manifest records what we wrote,
so we never delete or overwrite a folder holding files of the user's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
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
    base = str(out)
    for folder, _, names in os.walk(base):
        prefix = os.path.relpath(folder, base).replace(os.sep, "/")
        for name in names:
            rel = name if prefix == "." else f"{prefix}/{name}"
            if rel != MANIFEST and rel not in manifest:
                found.append(rel)
    return sorted(found)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# A step that adds a folder of its own to the finished site (the search index):
# ``index(site_folder, pages, bundle_folder, previous_bundle)`` reads the site's HTML ``pages``
# ({path: digest}) and writes only into bundle_folder; previous_bundle (or None) is the folder the
# last build left, for reuse.
Finisher = tuple[str, Callable[[Path, dict[str, str], Path, Path | None], None]]


class SiteWriter:
    """Writes one build's files and then makes them the site; a failed build changes nothing.

    Three ways, chosen by what is there:

    - *swap* (no previous build): everything goes to a staging folder beside the output, which
      ``commit`` renames into place;
    - *overlay* (a previous build with its manifest): only changed files go to the staging
      folder; ``commit`` moves each into place atomically and deletes files that went away;
    - *live* (a private preview folder): changed files are replaced in place, each atomically.

    ``abort`` (or an exception inside ``with``) removes the staging folder and leaves the site.
    """

    def __init__(self, config: SiteConfig, live: bool = False, known: dict[str, str] | None = None):
        """``known``: the manifest a live writer left last time in this process (the folder is
        private, so it needs no re-reading or re-checking)."""
        self.out = config.output_dir.resolve()
        if known is None:
            check_output_dir(config)
        self.previous = dict(known) if known is not None else (read_manifest(self.out) or {})
        self.mode = "live" if live else ("overlay" if self.previous and self.out.is_dir() else "swap")
        self.live = live
        self.manifest: dict[str, str] = {}
        self.changed: list[str] = []
        if live:
            self.folder = self.out
        else:
            self.folder = self.out.with_name(f".{self.out.name}.staging-{os.getpid()}")
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is not None:
            self.abort()

    def target(self, rel: str) -> Path:
        """Where ``rel`` is written, after checking it stays inside the output folder."""
        if rel == MANIFEST or ".." in rel.split("/") or rel.startswith("/") or rel in self.manifest:
            raise OutputError(f"{rel}: a page path leaves the output folder, or two pages claim it")
        return self.folder / rel

    def put(self, rel: str, data: bytes) -> None:
        """Add a file; written only when its bytes differ from the previous build's."""
        self.record(
            rel, put_file(self.target(rel), self.out / rel, data, self.previous_digest(rel), self.mode)
        )

    def record(self, rel: str, result: tuple[str, bool]) -> None:
        """Note a file handled by ``put_file`` (in this process or a worker)."""
        if rel in self.manifest:
            raise OutputError(f"{rel}: two pages claim this path")
        self.manifest[rel], written = result
        if written:
            self.changed.append(rel)

    def previous_digest(self, rel: str) -> str | None:
        """The digest of the file the previous build left at ``rel``, if any."""
        return self.previous.get(rel)

    def carry_over(self, exclude: set[str]) -> None:
        """Keep every file of the previous build except ``exclude`` (live: nothing to copy)."""
        for rel, fingerprint in self.previous.items():
            if rel not in exclude:
                self.manifest[rel] = fingerprint

    def keep(self, rel: str) -> bool:
        """Carry the previous build's file over unchanged; False if it is gone."""
        if self.previous_digest(rel) is None:
            return False
        target = self.target(rel)
        if self.mode == "swap":
            target.parent.mkdir(parents=True, exist_ok=True)
            if not _link(self.out / rel, target):
                return False
        elif self.mode == "overlay" and not (self.out / rel).is_file():
            return False
        self.manifest[rel] = self.previous[rel]
        return True

    def commit(self, finisher: Finisher | None = None) -> list[str]:
        """Make the written files the site; return the paths that changed or went away."""
        if self.mode == "overlay":
            for rel in self.changed:
                destination = self.out / rel
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.folder / rel, destination)
        if finisher is not None:
            self._finish(*finisher)
        gone = sorted(self.previous.keys() - self.manifest.keys())
        if self.mode != "swap":
            for rel in gone:
                _remove(self.out, rel)
        home = self.out if self.mode == "live" else self.folder
        partial = home / f"{MANIFEST}.partial"
        partial.write_text(json.dumps(self.manifest, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        if self.mode == "overlay":
            os.replace(partial, self.out / MANIFEST)
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            os.replace(partial, home / MANIFEST)
            if self.mode == "swap":
                _swap(self.folder, self.out)
        return self.changed + gone

    def _finish(
        self, subfolder: str, index: Callable[[Path, dict[str, str], Path, Path | None], None]
    ) -> None:
        """Run the finisher when a page changed or it has no files yet (else keep them); record its files."""
        prefix = subfolder + "/"
        pages_changed = any(rel.endswith(".html") for rel in self.changed) or any(
            rel.endswith(".html") and rel not in self.manifest for rel in self.previous
        )
        kept = {rel: value for rel, value in self.previous.items() if rel.startswith(prefix)}
        if self.mode == "overlay" and kept and not pages_changed:
            self.manifest.update(kept)
            return
        site = self.folder if self.mode == "swap" else self.out
        bundle = self.folder / subfolder if self.mode == "swap" else self.folder / f".{subfolder}.new"
        shutil.rmtree(bundle, ignore_errors=True)
        pages = {rel: value for rel, value in self.manifest.items() if rel.endswith(".html")}
        previous = (
            self.out / subfolder if self.mode == "overlay" and (self.out / subfolder).is_dir() else None
        )
        index(site, pages, bundle, previous)
        for path in bundle.rglob("*"):
            if path.is_file():
                self.manifest[prefix + path.relative_to(bundle).as_posix()] = digest(path.read_bytes())
        if self.mode != "swap":  # put the new bundle where the old one was
            current = self.out / subfolder
            retired = self.folder / f".{subfolder}.old"
            if current.exists():
                current.rename(retired)
            bundle.rename(current)
            shutil.rmtree(retired, ignore_errors=True)

    def abort(self) -> None:
        if not self.live:
            shutil.rmtree(self.folder, ignore_errors=True)


def put_file(
    target: Path, previous_file: Path, data: bytes, previous_digest: str | None, mode: str
) -> tuple[str, bool]:
    """Write ``data`` at ``target`` unless the previous build had the same bytes there.

    Returns (digest, written). Safe to call from a worker process.
    """
    fingerprint = digest(data)
    if fingerprint == previous_digest:
        if mode != "swap" and previous_file.is_file():
            return fingerprint, False
        if mode == "swap":
            target.parent.mkdir(parents=True, exist_ok=True)
            if _link(previous_file, target):
                return fingerprint, False
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode == "live":
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)
    else:
        target.write_bytes(data)
    return fingerprint, True


def _remove(out: Path, rel: str) -> None:
    """Delete a file the site no longer has, and the folders it leaves empty."""
    path = out / rel
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == out:
            break
        try:
            folder.rmdir()
        except OSError:
            break


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
