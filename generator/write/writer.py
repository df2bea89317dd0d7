"""Writing the built site: the output folder is always one whole build, the last or the new.

A build writes a complete new tree into a staging folder beside the output (unchanged files are
hard links to the last build's, so this costs little), runs every step that can still fail
(the search index) inside it, and then exchanges the two folders in one atomic rename. A crash,
a ``kill -9`` or a full disk at any moment leaves the previous site as it was; the next build
removes what the interrupted one left beside it. Builds of one output take turns (a lock on its parent folder).
A manifest records what we wrote, so we never delete or overwrite a folder of the user's.

The tree the exchange retires is not deleted: it is kept as the spare, ``.<name>.spare`` beside
the output (a complete earlier build with its manifest; mostly hard links to the live site's
files, so it costs the disk little more than the files that changed). The next build renames it
to its staging folder, deletes its manifest first thing (so a kill from then on leaves only a
staging folder, which the next build removes), and brings it up to date by difference: it
compares the spare's manifest with the live one and removes the files whose digest differs or
that the live build lacks (``held`` is then what the staging tree holds, each file the live
one's bytes). Kept files then cost nothing; changed ones are written as new files (a path is
unlinked first, never written in place: staging and live share inodes); the files the new build
does not have are removed at commit. The cost of a build is then in the files that changed, not
in the files the site has. Without a usable spare a build starts from an empty folder, as before.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from generator.errors import OutputError
from generator.files import digest, mtime_ns
from generator.model import SiteConfig
from generator.write.swap import clear_leftovers, exchange, lock, output_error, spare_path

MANIFEST = ".briefing-manifest.json"

# A step that adds a folder of its own to the finished site (the search index):
# ``index(site_folder, pages, bundle_folder, previous_bundle)`` reads the site's HTML ``pages``
# ({path: digest}) and writes only into bundle_folder; previous_bundle (or None) is the folder the
# last build left, for reuse.
Finisher = tuple[str, Callable[[Path, dict[str, str], Path, Path | None], dict[str, str]]]


class WriteMode(Enum):
    """STAGED: a whole new tree, swapped in at once. LIVE: a private preview folder, each file
    replaced in place (atomically), for the speed of one-file edits."""

    STAGED = "staged"
    LIVE = "live"


def check_output_path(config: SiteConfig) -> None:
    """Refuse an output folder that overlaps the sources or lies in a git repository's insides."""
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
    if ".git" in out.parts:
        raise OutputError(f"{out}: is inside a .git folder; choose an output folder outside it")


def check_output_dir(config: SiteConfig, vouched: dict[str, int] | None = None) -> None:
    """Refuse an output folder that would clobber sources or files the generator did not write
    (``vouched``: see ``foreign_files``)."""
    check_output_path(config)
    out = config.output_dir.resolve()
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder; move it away or set paths.output in site.yaml")
    foreign = foreign_files(out, vouched)
    if foreign:
        raise OutputError(
            f"{out}: holds files Briefing did not write (e.g. {foreign[0]}); move them away (put extra files in static/) or choose another paths.output"
        )


# In a spare's manifest, before the digest of a file that is not the live site's (see _retire).
NOT_SHARED = "not-shared:"


def read_manifest(out: Path) -> dict[str, str] | None:
    """{relative path: digest} of the previous build, or None if there is no valid manifest."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def foreign_files(out: Path, vouched: dict[str, int] | None = None) -> list[str]:
    """Files in ``out`` that the last build did not write (all of them if it has no manifest).

    ``vouched``: {folder: mtime} of folders that held only the last build's files when it
    recorded them; a folder whose mtime is still that has had no file added since, so only the
    others (and any folder that is new) are listed."""
    manifest = read_manifest(out) or {}
    base = str(out)
    if not vouched or not manifest:
        todo = ["."]
    else:
        todo = [rel for rel, mtime in vouched.items() if mtime_ns(f"{base}/{rel}") != mtime]
    found = []
    while todo:
        folder = todo.pop()
        try:
            entries = list(os.scandir(f"{base}/{folder}"))
        except OSError:
            continue  # gone: its parent's mtime changed, and the parent is listed
        for entry in entries:
            rel = entry.name if folder == "." else f"{folder}/{entry.name}"
            if entry.is_dir():
                if not entry.is_symlink() and (not vouched or rel not in vouched):
                    todo.append(rel)
            elif rel != MANIFEST and rel not in manifest:
                found.append(rel)
    return sorted(found)


class SiteWriter:
    """Writes one build's files and then makes them the site; a failed build changes nothing.

    ``abort`` (or an exception inside ``with``) removes the staging folder and leaves the site.
    """

    def __init__(
        self,
        config: SiteConfig,
        mode: WriteMode = WriteMode.STAGED,
        known: dict[str, str] | None = None,
        spare: bool = True,
        vouched: dict[str, int] | None = None,
    ):
        """``known``: the manifest a live writer left last time in this process (the folder is
        private, so it needs no re-reading or re-checking). ``spare``: False to start from an
        empty staging folder (and drop the spare) even when one is there. ``vouched``: the
        output folders' mtimes as the last build's stamp recorded them (see ``foreign_files``)."""
        self.out = config.output_dir.resolve()
        self.mode = mode
        self.manifest: dict[str, str] = {}
        self.changed: list[str] = []
        self.finished: set[str] = set()  # the files the finisher (the search indexer) wrote
        self.held: dict[str, str] | None = None  # what a recycled staging tree holds: {rel: digest}
        self._lock = None
        if mode is WriteMode.LIVE:
            self.previous = dict(known) if known is not None else (read_manifest(self.out) or {})
            self.folder = self.out
            self.folder.mkdir(parents=True, exist_ok=True)
            return
        check_output_path(config)
        try:
            self._lock = lock(self.out)
            clear_leftovers(self.out)
            check_output_dir(config, vouched)
            self.previous = read_manifest(self.out) or {}
            self.folder = self.out.with_name(f".{self.out.name}.staging-{os.getpid()}")
            self._stage(spare)
        except OSError as error:
            self.close()
            raise output_error(self.out, error) from None
        except BaseException:
            self.close()
            raise

    def _stage(self, use_spare: bool) -> None:
        """Make the staging folder: the spare brought up to date by difference, or an empty one."""
        spare = spare_path(self.out)
        held = read_manifest(spare) if use_spare and self.previous and spare.is_dir() else None
        if held is not None and not all(_safe(rel) and isinstance(value, str) for rel, value in held.items()):
            held = None  # not a manifest this writer left
        if held is None:
            if spare.exists():
                shutil.rmtree(spare, ignore_errors=True)
            self.folder.mkdir(parents=True)
            return
        spare.rename(self.folder)  # from here on a kill leaves a staging folder, never a half-done spare
        (self.folder / MANIFEST).unlink()
        for rel, fingerprint in list(held.items()):
            if self.previous.get(rel) != fingerprint:
                _remove(self.folder, rel)  # not the live file's bytes: linked or written anew if needed
                del held[rel]
        self.held = held

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is not None:
            self.abort()
            if isinstance(error, OSError):
                raise output_error(self.out, error) from None
        self.close()

    def target(self, rel: str) -> Path:
        """Where ``rel`` is written, after checking it stays inside the output folder."""
        self._check(rel)
        return self.folder / rel

    def _check(self, rel: str) -> None:
        if rel == MANIFEST or ".." in rel.split("/") or rel.startswith("/") or rel in self.manifest:
            raise OutputError(f"{rel}: a page path leaves the output folder, or two pages claim it")

    def put(self, rel: str, data: bytes) -> None:
        """Add a file; written only when its bytes differ from the previous build's."""
        self.record(rel, self.plan().put(rel, data, self.previous_digest(rel)))

    def plan(self) -> WritePlan:
        """What a worker process needs to write files the way this writer does."""
        return WritePlan(self.folder, self.out, self.mode, self.held)

    def record(self, rel: str, result: tuple[str, bool]) -> None:
        """Note a file handled by ``WritePlan.put`` (in this process or a worker)."""
        if rel in self.manifest:
            raise OutputError(f"{rel}: two pages claim this path")
        self.manifest[rel], written = result
        if written:
            self.changed.append(rel)

    def previous_digest(self, rel: str) -> str | None:
        """The digest of the file the previous build left at ``rel``, if any."""
        return self.previous.get(rel)

    def carry_over(self, exclude: set[str]) -> None:
        """Live: keep every file of the previous build except ``exclude`` (nothing to copy)."""
        for rel, fingerprint in self.previous.items():
            if rel not in exclude:
                self.manifest[rel] = fingerprint

    def keep(self, rel: str) -> bool:
        """Carry the previous build's file over unchanged; False if it is gone."""
        if self.previous_digest(rel) is None:
            return False
        if self.mode is WriteMode.STAGED:
            self._check(rel)
            if self.held is None or self.held.get(rel) != self.previous[rel]:  # else: already there
                target = self.folder / rel
                _make_parent(self.folder, target)
                if not _link(self.out / rel, target):
                    return False
        elif not os.path.isfile(f"{self.out}/{rel}"):  # (a str: no Path made per page)
            return False
        self.manifest[rel] = self.previous[rel]
        return True

    def commit(self, finisher: Finisher | None = None) -> list[str]:
        """Make the written files the site; return the paths that changed or went away."""
        if finisher is not None:
            self._finish(*finisher)
        gone = sorted(self.previous.keys() - self.manifest.keys())
        data = json.dumps(self.manifest, sort_keys=True, separators=(",", ":")).encode("utf-8")
        if self.mode is WriteMode.LIVE:
            for rel in gone:
                _remove(self.out, rel)
            _replace(self.out / MANIFEST, data)
            return self.changed + gone
        for rel in (self.held or {}).keys() - self.manifest.keys():
            _remove(self.folder, rel)  # the spare had it; this build does not
        _write_new(self.folder / MANIFEST, data)
        if self.out.exists():
            exchange(self.folder, self.out)
            self._retire()
        else:
            self.folder.rename(self.out)
        return self.changed + gone

    def _retire(self) -> None:
        """Keep the tree the exchange retired (now at the staging name) as the next build's spare.

        Its manifest then marks the files it does not share with the new site (``NOT_SHARED``:
        another inode): a file this build wrote anew is another file there, even with the same
        bytes (a page not trusted, one a user edited, every page of a build from an empty
        folder), so the next build removes it rather than take it for the live one. The old
        manifest goes first, so a kill in between leaves a spare with none, which the next build
        drops."""
        spare = spare_path(self.out)
        if spare.exists():
            shutil.rmtree(spare, ignore_errors=True)
        written = self.finished.union(self.changed)
        listed = {
            rel: NOT_SHARED + value if rel in written else value for rel, value in self.previous.items()
        }
        try:
            (self.folder / MANIFEST).unlink(missing_ok=True)
            self.folder.rename(spare)
            _write_new(spare / MANIFEST, json.dumps(listed, sort_keys=True, separators=(",", ":")).encode())
        except OSError:
            shutil.rmtree(self.folder, ignore_errors=True)
            shutil.rmtree(spare, ignore_errors=True)

    def _finish(
        self, subfolder: str, index: Callable[[Path, dict[str, str], Path, Path | None], dict[str, str]]
    ) -> None:
        """Run the finisher into the new tree (it reuses what it can of the last one); record its
        files, with the digests it gives for those it read or wrote (any other file is read)."""
        prefix = subfolder + "/"
        if self.mode is WriteMode.LIVE:
            raise OutputError("the search index is not built in the live preview")
        bundle = self.folder / subfolder
        if self.held is not None:  # the spare's bundle shares its files with the live one's
            shutil.rmtree(bundle, ignore_errors=True)
            if bundle.exists():
                raise OutputError(f"{bundle}: cannot clear the previous search index")
            self.held = {rel: value for rel, value in self.held.items() if not rel.startswith(prefix)}
        previous = self.out / subfolder if (self.out / subfolder).is_dir() else None
        pages = {rel: value for rel, value in self.manifest.items() if rel.endswith(".html")}
        known = index(self.folder, pages, bundle, previous)
        for top, _, names in os.walk(bundle):
            for name in names:
                rel = os.path.relpath(os.path.join(top, name), bundle).replace(os.sep, "/")
                fingerprint = known.get(rel)
                if fingerprint is None:
                    fingerprint = digest((bundle / rel).read_bytes())
                self.manifest[prefix + rel] = fingerprint
                self.finished.add(prefix + rel)

    def abort(self) -> None:
        if self.mode is WriteMode.STAGED:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.close()

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


class WritePlan:
    """How to write one file of this build; picklable, so a forked worker writes it too."""

    def __init__(self, folder: Path, out: Path, mode: WriteMode, held: dict[str, str] | None = None):
        """``held``: what a recycled staging folder already holds ({rel: digest, the live file's})."""
        self.folder, self.out, self.mode, self.held = folder, out, mode, held

    def put(self, rel: str, data: bytes, previous_digest: str | None) -> tuple[str, bool]:
        """Write ``data`` for ``rel`` unless the previous build had the same bytes there.

        Returns (digest, written). Staged, a file is always written as a new file (its path
        unlinked first): the staging tree's files may be hard links to the live site's."""
        fingerprint = digest(data)
        previous_file = self.out / rel
        target = self.folder / rel
        if fingerprint == previous_digest:
            if self.mode is WriteMode.LIVE and previous_file.is_file():
                return fingerprint, False
            if self.mode is WriteMode.STAGED:
                if self.held is not None and self.held.get(rel) == fingerprint:
                    return fingerprint, False  # already there
                _make_parent(self.folder, target)
                if _link(previous_file, target):
                    return fingerprint, False
        if self.mode is WriteMode.LIVE:
            target.parent.mkdir(parents=True, exist_ok=True)
            _replace(target, data)
        else:
            _make_parent(self.folder, target)
            _write_new(target, data)
        return fingerprint, True


def _replace(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _safe(rel: str) -> bool:
    """A path a manifest may hold: relative, inside its folder, not the manifest itself."""
    return isinstance(rel, str) and rel != MANIFEST and not rel.startswith("/") and ".." not in rel.split("/")


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` as a new file at ``path``: whatever was there is unlinked, never written into
    (it may be a hard link to a file of the live site)."""
    path.unlink(missing_ok=True)
    with open(path, "xb") as file:
        file.write(data)


def _make_parent(folder: Path, target: Path) -> None:
    """Make ``target``'s folders in ``folder``; a file of a recycled tree in their way is removed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    for parent in reversed(target.parents):
        if parent.is_relative_to(folder) and parent != folder and not parent.is_dir():
            parent.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)


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
    except FileNotFoundError:
        return False
    except FileExistsError:  # never copied into: it may share its inode with a live file
        target.unlink()
        return _link(source, target)
    except OSError:
        try:
            target.unlink(missing_ok=True)
            shutil.copyfile(source, target)
            return True
        except OSError:
            return False
