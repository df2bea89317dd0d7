"""Bad and hostile input through the real command line (issue #11): one parametrized matrix.

Each case starts from a small site with a good previous build in ``site/``, breaks it one way (a
bad brief, bad YAML, a symlink, a FIFO, a hostile body, a draft that must stay private, ...) and
runs ``python -m generator build`` (or ``check``, ``build --clean``, ``ingest``, ``serve``) in a
subprocess with a timeout and, for the memory bombs, an address-space limit. It proves:

- input that is wrong fails with exit status 1 and one ``error:`` line per problem naming the file
  (its path relative to the site root), the line where there is one, the field and a fix; never a
  traceback, never a hang, never unbounded memory;
- a failed build leaves the previous ``site/`` byte for byte, writes nothing outside the site root
  and leaves nothing behind in the site's source folders (no staging folders; a build that
  succeeds leaves the site it replaced as ``.site.spare``, and nothing else);
- input that is acceptable builds and renders correctly (a BOM, a non-ASCII file name, ...);
- nothing a brief says runs in a reader's browser (no ``on*`` attribute, no ``javascript:`` URL),
  and nothing only drafts name reaches a public output.

Every case passes: each was first written against the code that failed it (issue #11).
"""

from __future__ import annotations

import gzip
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GiB = 2**30
TIMEOUT = 60  # seconds for any one command: a hang is a failure, not a stuck suite
FIFO_TIMEOUT = 15

# A fix hint: a verb telling the user what to do, or a parenthesised hint at the end.
HINT = re.compile(
    r"\b(use|add|remove|rename|move|choose|set|save|fix|try|quote|write|keep|delete|replace|"
    r"did you mean|give|make|split|shorten|point|put|run|create|change|drop|start|must)\b|http\(s\)|\(.+\)\s*$",
    re.I,
)
TOKEN = "zorblax"  # the name only drafts use, searched for in public outputs


# --- the site ------------------------------------------------------------------------------------

ENTITIES = """\
acme-agency:
  name: Acme Agency
  type: organization
  aliases: [AA]
  description: A made-up agency.
  links: {Wikipedia: https://en.wikipedia.org/wiki/Acme}
jane-roe:
  name: Jane Roe
  type: person
"""


def brief_text(
    title: str = "A brief", extra: str = "", body: str = "Body text.", date: str = "2025-03-14"
) -> str:
    """A brief whose front matter puts title on line 2, date on line 3, summary on line 4."""
    return f"---\ntitle: {title}\ndate: {date}\nsummary: A summary.\n{extra}---\n\n{body}\n"


def write_site(root: Path) -> None:
    (root / "content" / "briefs").mkdir(parents=True)
    (root / "site.yaml").write_text(
        "title: Trust desk\ndescription: Tests.\nbase_url: /\nlanguage: en\n", encoding="utf-8"
    )
    (root / "content" / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    briefs = root / "content" / "briefs"
    (briefs / "first.md").write_text(
        brief_text(
            "First brief",
            "entities: [acme-agency, jane-roe]\n"
            "sources:\n  - title: A wire\n    publisher: Wire\n    url: https://example.org/a\n"
            'events:\n  - date: "2025-03"\n    title: Jane Roe joins\n    entities: [jane-roe]\n'
            "tags: [people]\n",
            "Jane Roe joined the Acme Agency in March. The AA said little.",
        ),
        encoding="utf-8",
    )
    (briefs / "second.md").write_text(
        brief_text(
            "Second brief", "entities: [acme-agency]\ntags: [agencies]\n", "Acme Agency grew.", "2025-04-01"
        ),
        encoding="utf-8",
    )
    (briefs / "third.md").write_text(
        brief_text("Third brief", "", "Nothing named.", "2025-05-02"), encoding="utf-8"
    )


def brief(root: Path, name: str, text: str) -> Path:
    path = root / "content" / "briefs" / name
    path.write_text(text, encoding="utf-8")
    return path


# --- running and snapshots -------------------------------------------------------------------------


@dataclass
class Run:
    code: int | None  # None: timed out (killed)
    stdout: str
    stderr: str
    seconds: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * GiB, 2 * GiB))


def run_cli(root: Path, *args: str, timeout: float = TIMEOUT, limit: bool = False) -> Run:
    """``python -m generator ARGS`` in ``root``, its own process group, killed on timeout."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_limit_memory if limit else None,
    )
    try:
        out, err = process.communicate(timeout=timeout)
        code = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        code = None
    return Run(
        code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.monotonic() - started
    )


def snapshot_without(tree: dict[str, object], rel: str) -> dict[str, object]:
    return {path: value for path, value in tree.items() if path != rel}


def snapshot(folder: Path, skip: tuple[Path, ...] = ()) -> dict[str, object]:
    """{relative path: bytes | marker} of a tree, never following links or opening FIFOs."""
    tree: dict[str, object] = {}
    if not folder.exists():
        return tree
    for base, dirs, files in os.walk(folder, followlinks=False):
        here = Path(base)
        if any(here == s or here.is_relative_to(s) for s in skip):
            dirs[:] = []
            continue
        for name in dirs + files:
            path = here / name
            if any(path == s for s in skip):
                continue
            rel = path.relative_to(folder).as_posix()
            st = path.lstat()
            if path.is_symlink():
                tree[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                tree[rel] = ("dir",)
            elif not path.is_file():
                tree[rel] = ("special", st.st_mode)
            elif st.st_size > 10 * 2**20:
                tree[rel] = ("big", st.st_size, st.st_mtime_ns)
            else:
                tree[rel] = path.read_bytes()
    return tree


def site_files(site: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(site).items() if isinstance(v, bytes)}


def html_pages(site: Path) -> dict[str, str]:
    return {
        rel: data.decode("utf-8", "replace")
        for rel, data in site_files(site).items()
        if rel.endswith(".html")
    }


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "background"}


def unsafe_markup(text: str) -> list[str]:
    """Event-handler attributes and script URLs in an HTML page (entity references decoded)."""
    parser = _Elements()
    parser.feed(text)
    found = []
    for tag, attrs in parser.elements:
        for name, value in attrs:
            if name.lower().startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if name.lower() in URL_ATTRIBUTES and value is not None:
                squeezed = re.sub(
                    r"[\x00-\x20]", "", value
                )  # the parser decoded the references once, as a browser does
                if UNSAFE_SCHEME.match(squeezed):
                    found.append(f"<{tag} {name}={value!r}>")
    found += [f"<script>{s[:60]!r}" for s in parser.scripts if "alert(" in s]
    return found


def pagefind_text(site: Path) -> bytes:
    """Every search-index file, decompressed where it is gzip."""
    data = b""
    for rel, raw in site_files(site).items():
        if rel.startswith("pagefind/"):
            try:
                data += gzip.decompress(raw)
            except (OSError, EOFError):
                data += raw
    return data


# --- the cases -------------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    mutate: Callable[[Path], None]
    expect: str = "error"  # "error", "ok", or "either" (ok and correct, or a proper error)
    file: str | None = None  # relative path the error names
    files: tuple[str, ...] = ()  # more paths the same error line must name
    line: int | None = None
    field: str | None = None
    args: tuple[str, ...] = ("build",)
    check: Callable[[Path, Run], None] | None = None  # for ok: the built site is right
    run: Callable[[Path], Run] | None = None  # a command other than args (serve)
    timeout: float = TIMEOUT
    limit: bool = False
    marks: tuple = ()


def bomb(depth: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, depth):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def _front_bomb(root: Path) -> None:
    brief(root, "bomb.md", "---\ntitle: Bomb\ndate: 2025-01-01\nsummary: S.\n" + bomb() + "---\n\nx\n")


def _entities_bomb(root: Path) -> None:
    text = ENTITIES + bomb() + "bomb-entity:\n  name: Bomb\n  type: other\n  aliases: *a8\n"
    (root / "content" / "entities.yaml").write_text(text, encoding="utf-8")


def _ingest_bomb(root: Path) -> None:
    (root / "inbox").mkdir()
    (root / "inbox" / "article.md").write_text(
        "---\ntitle: Bomb\n"
        + bomb()
        + "publisher: *a8\n---\n\n# Bomb\n\nA paragraph of article text here.\n",
        encoding="utf-8",
    )


def _front_recursive(root: Path) -> None:
    brief(root, "loop.md", "---\ntitle: Loop\ndate: 2025-01-01\nsummary: S.\ntags: &t [*t]\n---\n\nx\n")


def _entities_recursive(root: Path) -> None:
    text = ENTITIES + "loop-entity: &loop\n  name: Loop\n  type: other\n  aliases: [*loop]\n"
    (root / "content" / "entities.yaml").write_text(text, encoding="utf-8")


def _symlink(target: str | Path, rel: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)

    return mutate


def _outside_brief(root: Path) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text(
        brief_text("Secret memo", "", "Not for publication."), encoding="utf-8"
    )
    (root / "content" / "briefs" / "secret.md").symlink_to(outside / "secret.md")


def _outside_static_folder(root: Path) -> None:
    outside = root.parent / "outside"
    (outside / "keys").mkdir(parents=True, exist_ok=True)
    (outside / "keys" / "id_rsa").write_text("PRIVATE KEY\n", encoding="utf-8")
    (root / "static").mkdir(exist_ok=True)
    (root / "static" / "keys").symlink_to(outside / "keys")


def _outside_entities(root: Path) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    path = root / "content" / "entities.yaml"
    path.unlink()
    path.symlink_to(outside / "entities.yaml")


def _inside_symlink(root: Path) -> None:
    (root / "shared").mkdir()
    (root / "shared" / "linked.md").write_text(
        brief_text("Linked brief", "", "Shared text."), encoding="utf-8"
    )
    (root / "content" / "briefs" / "linked.md").symlink_to(root / "shared" / "linked.md")


def _fifo(rel: str, replace: bool = False) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / rel
        if replace:
            path.unlink()
        os.mkfifo(path)

    return mutate


def _sparse_brief(root: Path) -> None:
    path = root / "content" / "briefs" / "huge.md"
    with path.open("wb") as file:
        file.write(brief_text("Huge").encode())
        file.truncate(3 * GiB)


def _directory_brief(root: Path) -> None:
    (root / "content" / "briefs" / "folder.md").mkdir()


def _append_entities(text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / "content" / "entities.yaml"
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return mutate


ENTITY_LINES = ENTITIES.count("\n")


def _write_brief(name: str, text: str) -> Callable[[Path], None]:
    return lambda root: brief(root, name, text)


def _bom(root: Path) -> None:
    path = root / "content" / "briefs" / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + brief_text("BOM brief", "", "Saved by Notepad.").encode())


CAFE_NFC = unicodedata.normalize("NFC", "café-report.md")
CAFE_NFD = unicodedata.normalize("NFD", "café-report.md")


def _cafe(root: Path) -> None:
    brief(root, CAFE_NFC, brief_text("Café one"))
    brief(root, CAFE_NFD, brief_text("Café two"))


def _drafts(root: Path) -> None:
    _append_entities(
        "zorblax-corp:\n  name: Zorblax Corp\n  type: organization\n  description: Zorblax secret.\n"
    )(root)
    brief(
        root,
        "draft-scoop.md",
        brief_text(
            "Zorblax scoop",
            "entities: [zorblax-corp]\ntags: [zorblaxtag]\ndraft: true\n"
            'events:\n  - date: "2025-06"\n    title: Zorblax merger\n    entities: [zorblax-corp]\n',
            "Zorblax Corp plans a merger.",
        ),
    )


def _cache_folders(root: Path) -> None:
    cache = root / ".briefing-cache"
    for path in cache.iterdir():
        if path.is_file():
            path.unlink()
            path.mkdir()
            (path / "x").write_text("x", encoding="utf-8")


def _cache_garbage(root: Path) -> None:
    for path in (root / ".briefing-cache").iterdir():
        if path.is_file() and path.name != ".gitignore":
            path.write_bytes(b"briefing-cache 1\n" + os.urandom(64))


def _cache_truncated(root: Path) -> None:
    for path in (root / ".briefing-cache").iterdir():
        if path.is_file() and path.name != ".gitignore":
            path.write_bytes(path.read_bytes()[:20])


def _git_folder(root: Path) -> None:
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")


def _blocker(root: Path) -> None:
    (root / "blocker").write_text("a regular file\n", encoding="utf-8")


def _config(text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / "site.yaml"
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return mutate


def _body(body: str) -> Callable[[Path], None]:
    return lambda root: brief(root, "hostile.md", brief_text("Hostile body", "", body))


def _both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for m in mutations:
            m(root)

    return mutate


# --- checks for cases that must build ----------------------------------------------------------------


def no_script(site: Path, result: Run) -> None:
    bad = {rel: found for rel, text in html_pages(site).items() if (found := unsafe_markup(text))}
    assert not bad, f"script reaches the pages: {bad}"


def page_has(rel: str, text: str) -> Callable[[Path, Run], None]:
    def check(site: Path, result: Run) -> None:
        page = site / rel
        assert page.is_file(), f"{rel} was not built"
        assert text in page.read_text(encoding="utf-8")

    return check


def real_slug(site: Path, result: Run) -> None:
    pages = html_pages(site)
    assert not any("briefs//" in text for text in pages.values()), "a page links to briefs//"
    found = [rel for rel, text in pages.items() if rel.startswith("briefs/") and "Umlaut brief" in text]
    slugs = [rel.split("/")[1] for rel in found if rel.count("/") == 2]
    assert slugs and all(slugs), f"no brief page with a slug of its own: {found}"


def xml_parses(site: Path, result: Run) -> None:
    for rel, data in site_files(site).items():
        if rel.endswith(".xml"):
            ET.fromstring(data)  # raises ParseError on invalid XML


def no_token(*names: str) -> Callable[[Path, Run], None]:
    """The drafts-only token is in none of the named outputs ('*.xml', 'pagefind', 'jsonld', paths...)."""

    def check(site: Path, result: Run) -> None:
        files = site_files(site)
        for name in names:
            if name == "pagefind":
                assert TOKEN.encode() not in pagefind_text(site).lower(), (
                    "drafts-only name in the search index"
                )
            elif name == "jsonld":
                for rel, text in html_pages(site).items():
                    for block in re.findall(
                        r'<script type="application/ld\+json">(.*?)</script>', text, re.S
                    ):
                        assert TOKEN not in block.lower(), f"drafts-only name in {rel}'s JSON-LD"
            elif name == "paths":
                assert not [rel for rel in files if TOKEN in rel.lower()], "a page for a drafts-only name"
            elif name.startswith("*"):
                for rel, data in files.items():
                    if rel.endswith(name[1:]):
                        assert TOKEN.encode() not in data.lower(), f"drafts-only name in {rel}"
            elif name == "all":
                leaks = [rel for rel, data in files.items() if TOKEN.encode() in data.lower() or TOKEN in rel]
                assert not leaks, f"drafts-only name in {leaks}"
            else:
                assert name in files, f"{name} missing"
                assert TOKEN.encode() not in files[name].lower(), f"drafts-only name in {name}"

    return check


def token_present(site: Path, result: Run) -> None:
    assert any(TOKEN in rel for rel in site_files(site)), "--drafts left the draft's pages out"


def no_file(*rels: str) -> Callable[[Path, Run], None]:
    def check(site: Path, result: Run) -> None:
        files = site_files(site)
        assert not [r for r in rels if r in files], f"published: {[r for r in rels if r in files]}"

    return check


def equals_clean_build(site: Path, result: Run) -> None:
    """The site equals a fresh build of the same sources into another folder."""
    root = site.parent
    fresh = root.parent / "fresh-copy"
    subprocess.run(["cp", "-a", str(root), str(fresh)], check=True)
    subprocess.run(["rm", "-rf", str(fresh / "site"), str(fresh / ".briefing-cache")], check=True)
    again = run_cli(fresh, "build")
    assert again.code == 0, again.stderr
    ours, theirs = site_files(site), site_files(fresh / "site")
    subprocess.run(["rm", "-rf", str(fresh)], check=True)
    assert ours == theirs, (
        f"differs from a clean build: {sorted(set(ours.items()) ^ set(theirs.items()))[:3]}"
    )


def serve_long_url(root: Path) -> Run:
    """Start the preview server, request an 8,000-character path, stop it; report the status."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    status = "no answer"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/" + "a" * 8000, timeout=10).close()
            status = "200"
        except urllib.error.HTTPError as error:
            status = str(error.code)
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            status = f"no answer ({error})"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            _out, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _out, err = process.communicate()
    stderr = "\n".join(line[:200] for line in err.decode("utf-8", "replace").splitlines())
    code = 1 if status not in {"404", "414", "400"} else 0
    return Run(code, status, stderr, 0.0)


CASES = [
    # 4. resource exhaustion and hangs
    Case(
        "alias-bomb-front-matter",
        _front_bomb,
        file="content/briefs/bomb.md",
        limit=True,
    ),
    Case(
        "alias-bomb-front-matter-check",
        _front_bomb,
        file="content/briefs/bomb.md",
        limit=True,
        args=("check",),
    ),
    Case(
        "alias-bomb-entities",
        _entities_bomb,
        file="content/entities.yaml",
        limit=True,
    ),
    Case(
        "alias-bomb-ingest",
        _ingest_bomb,
        file="inbox/article.md",
        limit=True,
        args=("ingest", "inbox/article.md", "--dry-run"),
    ),
    Case(
        "recursive-alias-front-matter",
        _front_recursive,
        file="content/briefs/loop.md",
    ),
    Case(
        "recursive-alias-entities",
        _entities_recursive,
        file="content/entities.yaml",
    ),
    Case(
        "brief-symlink-dev-zero",
        _symlink("/dev/zero", "content/briefs/zero.md"),
        file="content/briefs/zero.md",
        limit=True,
    ),
    Case(
        "entities-symlink-dev-zero",
        _both(
            lambda r: (r / "content/entities.yaml").unlink(), _symlink("/dev/zero", "content/entities.yaml")
        ),
        file="content/entities.yaml",
        limit=True,
    ),
    Case(
        "brief-fifo",
        _fifo("content/briefs/fifo.md"),
        file="content/briefs/fifo.md",
        timeout=FIFO_TIMEOUT,
    ),
    Case(
        "entities-fifo",
        _fifo("content/entities.yaml", replace=True),
        file="content/entities.yaml",
        timeout=FIFO_TIMEOUT,
    ),
    Case(
        "brief-sparse-3gib",
        _sparse_brief,
        file="content/briefs/huge.md",
        limit=True,
    ),
    Case(
        "brief-is-a-folder",
        _directory_brief,
        file="content/briefs/folder.md",
    ),
    # 3. symlinks that leave the site, drafts that leak
    Case(
        "static-symlink-etc-passwd",
        _symlink("/etc/passwd", "static/passwd.txt"),
        file="static/passwd.txt",
    ),
    Case(
        "static-folder-symlink-outside",
        _outside_static_folder,
        file="static/keys",
    ),
    Case(
        "brief-symlink-outside-root",
        _outside_brief,
        file="content/briefs/secret.md",
    ),
    Case(
        "entities-symlink-outside-root",
        _outside_entities,
        file="content/entities.yaml",
    ),
    Case(
        "brief-symlink-inside-root",
        _inside_symlink,
        expect="ok",
        check=page_has("briefs/linked/index.html", "Linked brief"),
    ),
    Case(
        "drafts-entity-page",
        _drafts,
        expect="ok",
        check=no_token("paths"),
    ),
    Case(
        "drafts-entity-index",
        _drafts,
        expect="ok",
        check=no_token("entities/index.html"),
    ),
    Case("drafts-tags", _drafts, expect="ok", check=no_token("tags/index.html")),
    Case(
        "drafts-sitemap",
        _drafts,
        expect="ok",
        check=no_token("sitemap.xml"),
    ),
    Case(
        "drafts-feeds",
        _drafts,
        expect="ok",
        check=no_token("*feed.xml"),
    ),
    Case("drafts-timeline-json", _drafts, expect="ok", check=no_token("timeline.json")),
    Case("drafts-timeline-page", _drafts, expect="ok", check=no_token("timeline/index.html")),
    Case(
        "drafts-search-index",
        _drafts,
        expect="ok",
        check=no_token("pagefind"),
    ),
    Case(
        "drafts-jsonld",
        _drafts,
        expect="ok",
        check=no_token("jsonld"),
    ),
    Case("drafts-home", _drafts, expect="ok", check=no_token("index.html", "search/index.html", "404.html")),
    Case(
        "drafts-anywhere",
        _drafts,
        expect="ok",
        check=no_token("all"),
    ),
    Case("drafts-included-with-flag", _drafts, expect="ok", args=("build", "--drafts"), check=token_present),
    # 5. silently wrong content
    Case(
        "duplicate-entity-id",
        _append_entities("acme-agency:\n  name: Acme Again\n  type: organization\n"),
        file="content/entities.yaml",
        line=ENTITY_LINES + 1,
        field="acme-agency",
    ),
    Case(
        "duplicate-entity-field",
        _append_entities("other-one:\n  name: Other\n  type: person\n  name: Other Two\n"),
        file="content/entities.yaml",
        line=ENTITY_LINES + 4,
        field="name",
    ),
    Case(
        "duplicate-front-matter-key",
        _write_brief("dup.md", brief_text("One", "title: Two\n")),
        file="content/briefs/dup.md",
        line=5,
        field="title",
    ),
    Case(
        "utf8-bom-brief",
        _bom,
        expect="ok",
        check=page_has("briefs/bom/index.html", "BOM brief"),
    ),
    Case(
        "unicode-forms-cafe",
        _cafe,
        file=f"content/briefs/{CAFE_NFC}",
        files=(CAFE_NFD,),
    ),
    Case(
        "umlaut-file-name",
        _write_brief("ü.md", brief_text("Umlaut brief")),
        expect="ok",
        check=real_slug,
    ),
    Case(
        "file-name-without-slug",
        _write_brief("!!!.md", brief_text("Bangs")),
        file="content/briefs/!!!.md",
    ),
    *[
        Case(
            f"windows-reserved-{name}",
            _write_brief(f"{name}.md", brief_text("Reserved")),
            file=f"content/briefs/{name}.md",
        )
        for name in ("con", "nul", "com1", "aux", "lpt1")
    ],
    Case(
        "same-slug-two-files",
        _write_brief("First.md", brief_text("Upper")),
        file="content/briefs/first.md",
        files=("First.md",),
    ),
    Case(
        "control-char-title",
        _write_brief("bell.md", brief_text('"Bell \\x07 and \\x1b escape"')),
        expect="either",
        line=2,
        field="title",
        file="content/briefs/bell.md",
        check=xml_parses,
    ),
    Case(
        "control-char-summary",
        _write_brief("bell2.md", '---\ntitle: T\ndate: 2025-01-01\nsummary: "a\\x0c b"\n---\n\nx\n'),
        expect="either",
        line=4,
        field="summary",
        file="content/briefs/bell2.md",
        check=xml_parses,
    ),
    Case(
        "output-dot-git",
        _git_folder,
        args=("build", "--output", ".git"),
        file=".git",
    ),
    Case(
        "output-inside-dot-git",
        _git_folder,
        args=("build", "--output", ".git/site"),
        file=".git",
    ),
    # 6. tracebacks instead of one line
    Case(
        "date-with-time",
        _write_brief("timed.md", brief_text(date="2026-11-26 10:00:00")),
        file="content/briefs/timed.md",
        line=3,
        field="date",
    ),
    Case(
        "date-explicit-timestamp",
        _write_brief("stamp.md", brief_text(date="!!timestamp 2026-11-26T10:00:00Z")),
        file="content/briefs/stamp.md",
        line=3,
        field="date",
    ),
    Case(
        "date-bad-month",
        _write_brief("month.md", brief_text(date="2026-13-01")),
        file="content/briefs/month.md",
        line=3,
        field="date",
    ),
    Case(
        "date-bad-day",
        _write_brief("day.md", brief_text(date="2026-02-30")),
        file="content/briefs/day.md",
        line=3,
        field="date",
    ),
    Case(
        "event-date-bad-month",
        _write_brief("event.md", brief_text(extra="events:\n  - date: 2026-13-01\n    title: E\n")),
        file="content/briefs/event.md",
        line=6,
        field="date",
    ),
    Case(
        "source-published-bad-month",
        _write_brief("pub.md", brief_text(extra="sources:\n  - title: S\n    published: 2026-13-01\n")),
        file="content/briefs/pub.md",
        line=7,
        field="published",
    ),
    Case(
        "entities-bad-month",
        _append_entities("dated-one:\n  name: Dated\n  type: other\n  description: 2026-13-01\n"),
        file="content/entities.yaml",
        line=ENTITY_LINES + 4,
        field="description",
    ),
    Case(
        "date-text-not-a-day",
        _write_brief("words.md", brief_text(date="last Tuesday")),
        file="content/briefs/words.md",
        line=3,
        field="date",
    ),
    Case(
        "output-parent-is-a-file",
        _blocker,
        args=("build", "--output", "blocker/site"),
        file="blocker",
    ),
    Case(
        "output-under-proc",
        lambda root: None,
        args=("build", "--output", "/proc/briefing-site"),
        file="/proc/briefing-site",
    ),
    Case(
        "paths-output-under-file",
        _both(_blocker, _config("paths:\n  output: blocker/site\n")),
        file="blocker",
    ),
    Case(
        "cache-files-are-folders",
        _cache_folders,
        expect="either",
        file=".briefing-cache",
        check=equals_clean_build,
    ),
    Case(
        "cache-files-are-folders-clean",
        _cache_folders,
        expect="either",
        file=".briefing-cache",
        args=("build", "--clean"),
        check=equals_clean_build,
    ),
    Case(
        "preview-8000-char-url",
        lambda root: None,
        run=serve_long_url,
        expect="ok",
    ),
    # 1. script in brief bodies
    Case(
        "body-reference-link-entity-scheme",
        _body("See [r].\n\n[r]: &#106;avascript:alert(1)"),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-inline-link-entity-scheme",
        _body("See [r](&#106;avascript:alert(1))."),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-hex-entity-scheme",
        _body("See [r].\n\n[r]: &#x6A;avascript:alert(1)"),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-attr-list-onclick",
        _body("A paragraph.\n{: onclick=alert(1) }"),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-attr-list-onmouseover-heading",
        _body('## Heading {: onmouseover="alert(1)" }'),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-attr-list-on-link",
        _body('[x](https://example.org){: onclick="alert(1)" }'),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-attr-list-href",
        _body('[x](https://example.org){: href="javascript:alert(1)" }'),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-raw-script",
        _body("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>."),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-javascript-link",
        _body("[x](javascript:alert(1)) and ![i](JaVaScRiPt:alert(1))"),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-data-and-vbscript",
        _body("[x](data:text/html,<script>alert(1)</script>) [y](vbscript:msgbox)"),
        expect="ok",
        check=no_script,
    ),
    Case(
        "body-tab-in-scheme",
        _body("[x](java\tscript:alert(1))"),
        expect="ok",
        check=no_script,
    ),
    # rows that already hold: front-matter fields escaped, unsafe URLs refused, guards, caches, traversal
    Case(
        "title-script-escaped",
        _write_brief("t.md", brief_text('"<script>alert(1)</script>"')),
        expect="ok",
        check=no_script,
    ),
    Case(
        "summary-attribute-break-escaped",
        _write_brief(
            "s.md", "---\ntitle: T\ndate: 2025-01-01\nsummary: '\"><img src=x onerror=alert(1)>'\n---\n\nx\n"
        ),
        expect="ok",
        check=no_script,
    ),
    Case(
        "source-url-javascript",
        _write_brief("src.md", brief_text(extra="sources:\n  - title: S\n    url: javascript:alert(1)\n")),
        file="content/briefs/src.md",
        line=7,
        field="url",
    ),
    Case(
        "source-url-entity-javascript",
        _write_brief(
            "src2.md", brief_text(extra="sources:\n  - title: S\n    url: '&#106;avascript:alert(1)'\n")
        ),
        expect="either",
        file="content/briefs/src2.md",
        line=7,
        field="url",
        check=no_script,
    ),
    Case(
        "source-url-data",
        _write_brief("src3.md", brief_text(extra="sources:\n  - title: S\n    url: 'data:text/html,x'\n")),
        file="content/briefs/src3.md",
        line=7,
        field="url",
    ),
    Case(
        "entity-link-javascript",
        _append_entities(
            "bad-link:\n  name: Bad Link\n  type: other\n  links: {Home: 'javascript:alert(1)'}\n"
        ),
        file="content/entities.yaml",
        line=ENTITY_LINES + 4,
        field="Home",
    ),
    Case("output-is-content", lambda root: None, args=("build", "--output", "content"), file="content"),
    Case("output-is-root", lambda root: None, args=("build", "--output", "."), file="site root"),
    Case(
        "output-is-templates",
        lambda root: (root / "templates").mkdir(),
        args=("build", "--output", "templates"),
        file="templates",
    ),
    Case(
        "output-holds-foreign-file",
        lambda root: (root / "site" / "notes.txt").write_text("mine\n"),
        file="notes.txt",
    ),
    Case("cache-garbage", _cache_garbage, expect="ok", check=equals_clean_build),
    Case("cache-truncated", _cache_truncated, expect="ok", check=equals_clean_build),
    Case(
        "entity-id-traversal",
        _append_entities("../../evil:\n  name: Evil\n  type: other\n"),
        file="content/entities.yaml",
        line=ENTITY_LINES + 1,
        field="../../evil",
    ),
    Case(
        "tag-traversal",
        _write_brief("tagged.md", brief_text(extra="tags: ['../../../outside', '..']\n")),
        expect="either",
        file="content/briefs/tagged.md",
        field="tags",
        check=page_has("briefs/tagged/index.html", "A brief"),
    ),
    Case(
        "unknown-entity",
        _write_brief("u.md", brief_text(extra="entities: [acme-agencyy]\n")),
        file="content/briefs/u.md",
        line=5,
        field="acme-agencyy",
    ),
    Case(
        "missing-title",
        _write_brief("nt.md", "---\ndate: 2025-01-01\nsummary: S.\n---\n\nx\n"),
        file="content/briefs/nt.md",
        field="title",
    ),
    Case(
        "yaml-syntax-error",
        _write_brief("syn.md", brief_text(extra="tags: [a, b\n")),
        file="content/briefs/syn.md",
        field=None,
    ),
    Case(
        "not-utf8",
        lambda root: (root / "content/briefs/latin.md").write_bytes(brief_text("Caf\xe9").encode("latin-1")),
        file="content/briefs/latin.md",
    ),
    Case(
        "front-matter-not-mapping",
        _write_brief("list.md", "---\n- a\n- b\n---\n\nx\n"),
        file="content/briefs/list.md",
        line=2,
    ),
    Case("no-front-matter", _write_brief("bare.md", "Just text.\n"), file="content/briefs/bare.md"),
    Case(
        "entities-not-mapping",
        lambda root: (root / "content/entities.yaml").write_text("- a\n"),
        file="content/entities.yaml",
        line=1,
    ),
    Case(
        "event-date-not-partial",
        _write_brief("ev.md", brief_text(extra="events:\n  - date: March 2024\n    title: E\n")),
        file="content/briefs/ev.md",
        line=6,
        field="date",
    ),
    Case(
        "draft-not-boolean",
        _write_brief("dr.md", brief_text(extra="draft: maybe\n")),
        file="content/briefs/dr.md",
        line=5,
        field="draft",
    ),
    Case(
        "check-bad-brief",
        _write_brief("u2.md", brief_text(extra="entities: [nobody]\n")),
        args=("check",),
        file="content/briefs/u2.md",
        line=5,
        field="nobody",
    ),
    Case(
        "clean-build-bad-brief",
        _write_brief("u3.md", brief_text(extra="entities: [nobody]\n")),
        args=("build", "--clean"),
        file="content/briefs/u3.md",
        line=5,
        field="nobody",
    ),
    Case(
        "config-bad-yaml",
        lambda root: (root / "site.yaml").write_text("title: [unclosed\n"),
        file="site.yaml",
        line=2,
    ),
    Case(
        "config-bad-language-attribute-break",
        _config("search: false\nlanguage: 'en\"><script>alert(1)</script>'\n"),
        expect="either",
        file="site.yaml",
        field="language",
        check=no_script,
    ),
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    root.mkdir()
    write_site(root)
    first = run_cli(root, "build")
    assert first.code == 0, f"the good build failed: {first.stderr}"
    return root


def _params():
    for case in CASES:
        marks = list(case.marks)
        yield pytest.param(case, id=case.id, marks=marks)


def assert_error_lines(case: Case, result: Run, root: Path) -> None:
    assert result.code is not None, f"timed out after {case.timeout} s (killed)"
    assert result.code != 0, f"exit 0 for bad input; stdout: {result.stdout[-300:]}"
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    stray = [line for line in lines if not line.startswith(("error:", "warning:"))]
    assert not stray, f"not one 'error:' line per problem: {stray[:5]}"
    errors = [line for line in lines if line.startswith("error:")]
    assert errors, f"no error line: {result.stderr[-500:]}"
    matching = errors
    if case.file:
        matching = [line for line in matching if case.file in line]
        assert matching, f"no error names {case.file}: {errors}"
    for other in case.files:
        matching = [line for line in matching if other in line]
        assert matching, f"no error names both {case.file} and {other}: {errors}"
    if case.line is not None:
        located = [line for line in matching if f"{case.file}:{case.line}:" in line]
        assert located, f"no error names line {case.line}: {matching}"
        matching = located
    if case.field:
        named = [line for line in matching if re.search(rf"(?<![\w-]){re.escape(case.field)}(?![\w-])", line)]
        assert named, f"no error names the field {case.field!r}: {matching}"
        matching = named
    hinted = [line for line in matching if HINT.search(line.split(":", 3)[-1])]
    assert hinted, f"no fix hint: {matching}"


@pytest.mark.parametrize("case", list(_params()))
def test_bad_input(case: Case, site: Path, tmp_path: Path) -> None:
    case.mutate(site)
    before_site = snapshot(site / "site")
    spare = site / ".site.spare"  # the tree a build retires, kept for the next one to recycle
    skip_sources = (site / "site", site / ".briefing-cache", spare)
    before_sources = snapshot(site, skip=skip_sources)
    before_outside = snapshot(tmp_path, skip=(site,))
    result = case.run(site) if case.run else run_cli(site, *case.args, timeout=case.timeout, limit=case.limit)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert snapshot(tmp_path, skip=(site,)) == before_outside, "something was written outside the site root"
    leftovers = set(snapshot(site, skip=skip_sources)) - set(before_sources)
    assert not leftovers, f"left in the site's folder: {sorted(leftovers)[:5]}"
    if result.code == 0 and case.run is None and spare.exists():
        # the spare is the build this one replaced; its manifest marks the files it no longer shares
        manifest = spare / ".briefing-manifest.json"
        assert snapshot(spare, skip=(manifest,)) == snapshot_without(before_site, manifest.name), (
            "the spare is not the build this one replaced"
        )
    expect = case.expect
    if expect == "either":
        expect = "ok" if result.code == 0 else "error"
    if expect == "ok":
        assert result.code == 0, f"exit {result.code}: {result.stderr[-800:]}"
        if case.check:
            case.check(site / "site", result)
    else:
        assert_error_lines(case, result, site)
        assert snapshot(site / "site") == before_site, "the previous site/ changed"


def test_matrix_is_large() -> None:
    """The matrix covers the issue's items with 60+ distinct cases."""
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)
