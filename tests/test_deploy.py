"""``briefing deploy`` against real git: a bare repository in a temporary folder is the remote."""

from __future__ import annotations

import mimetypes
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
import yaml

from generator.cli import main
from generator.publish.deploy import github_pages_url
from generator.publish.git import push_failure

PROJECT = Path(__file__).resolve().parents[1]
BASE_URL = "https://user.github.io/repo/"
BASE_PATH = "/repo/"


# --- fixtures: an isolated git, a source repository, a bare remote ---------------------------


@pytest.fixture(scope="module", autouse=True)
def isolated_git(tmp_path_factory) -> Iterator[None]:
    """No global or system git config (so no identity either), and no inherited repository."""
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", str(empty))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        patch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path_factory.getbasetemp()))
        for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
            patch.delenv(name, raising=False)
        yield


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def copy_sample_site(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(PROJECT / "site.yaml", folder / "site.yaml")
    shutil.copytree(PROJECT / "content", folder / "content")
    return folder


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    return bare


@pytest.fixture
def source(tmp_path: Path, remote: Path) -> Path:
    """The sample site, committed on main, with the bare repository as origin."""
    repo = copy_sample_site(tmp_path / "source")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Desk Editor")
    git(repo, "config", "user.email", "desk@example.org")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "Sample site")
    git(repo, "remote", "add", "origin", str(remote))
    return repo


def run_deploy(source: Path, *options: str) -> int:
    return main(["deploy", "--root", str(source), "--base-url", BASE_URL, *options])


def remote_branch(remote: Path, branch: str = "gh-pages") -> str | None:
    output = git(remote, "ls-remote", "--heads", str(remote), branch)
    return output.split()[0] if output else None


def checkout_pages(remote: Path, folder: Path) -> Path:
    git(remote.parent, "clone", "--quiet", "--branch", "gh-pages", str(remote), str(folder))
    return folder


def published_files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }


def repository_state(repo: Path) -> dict:
    """Everything deploy must leave alone: tree, index, branch, uncommitted work, file bytes."""
    return {
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "diff": git(repo, "diff"),
        "staged": git(repo, "diff", "--cached"),
        "index": git(repo, "ls-files", "--stage"),
        "branch": git(repo, "rev-parse", "--abbrev-ref", "HEAD"),
        "head": git(repo, "rev-parse", "HEAD"),
        "stash": git(repo, "stash", "list"),
        "files": {
            p.relative_to(repo).as_posix(): p.read_bytes()
            for p in sorted(repo.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(repo).parts
        },
    }


def error_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]


# --- what gets published ------------------------------------------------------------------------


def test_deploy_publishes_the_built_site_as_the_whole_gh_pages_tree(source, remote, tmp_path, capsys):
    assert run_deploy(source) == 0
    summary = capsys.readouterr().out.strip()
    assert "pushed to origin/gh-pages" in summary
    assert BASE_URL in summary

    pages = checkout_pages(remote, tmp_path / "pages")
    files = published_files(pages)
    assert {"index.html", ".nojekyll", "404.html", "feed.xml", "sitemap.xml", "assets/style.css"} <= files
    assert "CNAME" not in files
    assert ".briefing-manifest.json" not in files
    assert not {f for f in files if f.startswith("content/") or f == "site.yaml"}
    assert f"{len(files)} files" in summary
    assert git(pages, "rev-parse", "HEAD")[:7] in summary
    assert not (source / "site").exists(), "deploy builds in a temporary folder, not site/"


def test_deploy_writes_cname_from_the_option_or_site_yaml(source, remote, tmp_path, capsys):
    base = ["--base-url", "https://news.example.org/"]
    assert main(["deploy", "--root", str(source), *base, "--cname", "news.example.org"]) == 0
    assert "https://news.example.org/" in capsys.readouterr().out
    pages = checkout_pages(remote, tmp_path / "first")
    assert (pages / "CNAME").read_text() == "news.example.org\n"

    with (source / "site.yaml").open("a") as config:
        config.write("cname: briefs.example.net\n")
    assert main(["deploy", "--root", str(source), "--base-url", "https://briefs.example.net/"]) == 0
    pages = checkout_pages(remote, tmp_path / "second")
    assert (pages / "CNAME").read_text() == "briefs.example.net\n"


def test_second_deploy_adds_a_commit_and_leaves_the_source_repository_alone(source, remote, capsys):
    with (source / "content/briefs/milex-track-record.md").open("a") as brief:
        brief.write("\nAn uncommitted edit.\n")
    staged = source / "content/briefs/north-american-view.md"
    staged.write_text(staged.read_text() + "\nA staged edit.\n")
    git(source, "add", str(staged))
    before = repository_state(source)

    assert run_deploy(source) == 0
    first = remote_branch(remote)
    assert run_deploy(source) == 0
    second = remote_branch(remote)

    assert repository_state(source) == before
    assert git(remote, "rev-list", "--count", "gh-pages") == "2"
    assert git(remote, "rev-parse", f"{second}^") == first
    assert git(source, "rev-parse", "gh-pages") == second
    message = git(remote, "log", "-1", "--format=%s", "gh-pages")
    short = git(source, "rev-parse", "--short=7", "HEAD")
    assert message == f"Deploy Briefing — Belarus–Russia defence desk (briefing 0.1.0) from {short}"
    assert git(remote, "log", "-1", "--format=%an <%ae>", "gh-pages") == "Desk Editor <desk@example.org>"
    assert git(remote, "for-each-ref", "--format=%(refname)") == "refs/heads/gh-pages"


def test_deploy_continues_the_remotes_branch_when_there_is_no_local_one(source, remote, tmp_path):
    assert run_deploy(source) == 0
    first = remote_branch(remote)
    elsewhere = tmp_path / "elsewhere"
    git(tmp_path, "clone", "--quiet", "--branch", "main", str(source), str(elsewhere))
    git(elsewhere, "remote", "set-url", "origin", str(remote))
    assert run_deploy(elsewhere) == 0
    assert git(remote, "rev-parse", "gh-pages^") == first


def test_no_push_commits_on_the_local_branch_only(source, remote, capsys):
    assert run_deploy(source, "--no-push", "--message", "Try it locally") == 0
    assert "not pushed" in capsys.readouterr().out
    assert remote_branch(remote) is None
    assert git(source, "log", "-1", "--format=%s", "gh-pages") == "Try it locally"
    assert "index.html" in git(source, "ls-tree", "--name-only", "gh-pages").splitlines()


def test_deploy_falls_back_to_a_briefing_identity_when_git_has_none(source, remote):
    git(source, "config", "--unset", "user.name")
    git(source, "config", "--unset", "user.email")
    assert run_deploy(source) == 0
    assert git(remote, "log", "-1", "--format=%an <%ae>", "gh-pages") == "briefing <briefing@localhost>"


# --- the published site works under /repo/ ------------------------------------------------------


class PageScan(HTMLParser):
    """Links (href/src) and ids of one HTML page, plus its canonical link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.canonical: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")
        for attribute in ("href", "src"):
            if values.get(attribute):
                self.links.append(values[attribute])


def scan(html: str) -> PageScan:
    page = PageScan()
    page.feed(html)
    return page


def serve_like_github_pages(folder: Path) -> ThreadingHTTPServer:
    """Serve ``folder`` under /repo/ as Pages does: index.html for folders, 404.html for misses."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path = unquote(urlsplit(self.path).path)
            target = None
            if path.startswith(BASE_PATH):
                target = (folder / path[len(BASE_PATH) :]).resolve()
                if path.endswith("/"):
                    target = target / "index.html"
                if not target.is_relative_to(folder.resolve()) or not target.is_file():
                    target = None
            if target is None:
                self.send(404, folder / "404.html")
            else:
                self.send(200, target)

        def send(self, status: int, path: Path) -> None:
            body = path.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def served_site(source, remote, tmp_path) -> Iterator[tuple[str, Path]]:
    """The deployed gh-pages branch, checked out and served at http://127.0.0.1:PORT/repo/."""
    assert run_deploy(source) == 0
    pages = checkout_pages(remote, tmp_path / "pages")
    server = serve_like_github_pages(pages)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}", pages
    finally:
        server.shutdown()
        server.server_close()


def crawl(start: str, origin: str) -> dict[str, PageScan]:
    """Every page reachable from ``start`` through internal links; fails on any broken link or #anchor."""
    pages: dict[str, PageScan] = {}
    wanted: list[tuple[str, str]] = [(start, "start")]
    anchors: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    while wanted:
        url, referrer = wanted.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        assert status == 200, f"{url} (linked from {referrer}) answered {status}"
        if not url.endswith(("/", ".html")):
            continue
        page = pages[url] = scan(body)
        for link in page.links:
            target, fragment = urldefrag(urljoin(url, link))
            if not target.startswith(origin):
                continue  # external
            assert urlsplit(target).path.startswith(BASE_PATH), f"{url}: '{link}' leaves {BASE_PATH}"
            wanted.append((target, url))
            if fragment:
                anchors.append((target, unquote(fragment), url))
    for target, fragment, referrer in anchors:
        assert fragment in pages[target].ids, f"{referrer}: no id '{fragment}' in {target}"
    return pages


def test_every_internal_link_and_anchor_works_under_the_sub_path(served_site):
    start, _ = served_site
    origin = start[: -len(BASE_PATH) + 1]
    pages = crawl(start, origin)
    assert len(pages) >= 20
    for url, page in pages.items():
        expected = BASE_URL + url[len(start) :].removesuffix("index.html")
        assert page.canonical == expected, f"{url}: canonical {page.canonical}"


def test_feed_and_sitemap_urls_are_absolute_and_resolve(served_site):
    start, pages = served_site
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(pages / "feed.xml").getroot()
    sitemap = ET.parse(pages / "sitemap.xml").getroot()
    urls = [e.get("href") for e in feed.iter(f"{atom}link")] + [e.text for e in feed.iter(f"{atom}id")]
    urls += [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(urls) > 20
    for url in urls:
        assert url.startswith(BASE_URL), url
        assert fetch(start + url[len(BASE_URL) :])[0] == 200, url
    assert f"Sitemap: {BASE_URL}sitemap.xml" in (pages / "robots.txt").read_text()


def test_404_page_links_work_from_any_depth(served_site):
    start, _ = served_site
    missing = start + "a/b/c/"
    status, body = fetch(missing)
    assert status == 404
    assert "Page not found" in body
    links = [urljoin(missing, link) for link in scan(body).links if not link.startswith("#")]
    assert links
    for link in links:
        assert fetch(link)[0] == 200, link


# --- errors: one line, exit 1, nothing pushed -----------------------------------------------------


def test_deploy_outside_a_git_repository_fails(tmp_path, capsys):
    site = copy_sample_site(tmp_path / "plain")
    assert run_deploy(site) == 1
    [line] = error_lines(capsys)
    assert "not in a git repository" in line


def test_deploy_to_a_missing_remote_fails(source, remote, capsys):
    assert run_deploy(source, "--remote", "upstream") == 1
    [line] = error_lines(capsys)
    assert "no remote named 'upstream'" in line
    assert remote_branch(remote) is None
    assert not git(source, "branch", "--list", "gh-pages")


def test_failed_build_deploys_nothing(source, remote, capsys):
    (source / "content/briefs/broken.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    assert run_deploy(source) == 1
    [line] = error_lines(capsys)
    assert "build failed, nothing deployed" in line
    assert "broken.md" in line
    assert remote_branch(remote) is None
    assert not git(source, "branch", "--list", "gh-pages")


def test_push_rejected_when_the_remote_branch_moved_on(source, remote, tmp_path, capsys):
    assert run_deploy(source) == 0
    stale = git(source, "rev-parse", "gh-pages")
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", "--branch", "gh-pages", str(remote), str(other))
    (other / "extra.txt").write_text("pushed from elsewhere\n")
    git(other, "add", "extra.txt")
    git(other, "-c", "user.name=Other", "-c", "user.email=o@example.org", "commit", "-qm", "Elsewhere")
    git(other, "push", "--quiet", "origin", "gh-pages")
    moved = remote_branch(remote)
    capsys.readouterr()

    assert run_deploy(source) == 1
    [line] = error_lines(capsys)
    assert "rejected" in line
    assert "git fetch origin gh-pages:gh-pages" in line
    assert remote_branch(remote) == moved
    assert git(source, "rev-parse", "gh-pages") == stale

    git(source, "fetch", "--quiet", "origin", "gh-pages:gh-pages")  # the fix the message suggests
    assert run_deploy(source) == 0
    assert git(remote, "rev-parse", "gh-pages^") == moved


def test_push_rejected_by_a_hook_deploys_nothing(source, remote, capsys):
    hook = remote / "hooks/pre-receive"
    hook.write_text("#!/bin/sh\necho 'gh-pages is frozen' >&2\nexit 1\n")
    hook.chmod(0o755)
    assert run_deploy(source) == 1
    [line] = error_lines(capsys)
    assert "rejected by the remote" in line
    assert "gh-pages is frozen" in line
    assert remote_branch(remote) is None
    assert not git(source, "branch", "--list", "gh-pages")


def test_deploy_refuses_when_gh_pages_is_checked_out_in_a_worktree(source, remote, tmp_path, capsys):
    assert run_deploy(source, "--no-push") == 0
    git(source, "worktree", "add", "--quiet", str(tmp_path / "pages-tree"), "gh-pages")
    committed = git(source, "rev-parse", "gh-pages")
    assert run_deploy(source) == 1
    [line] = error_lines(capsys)
    assert "gh-pages is checked out" in line
    assert remote_branch(remote) is None
    assert git(source, "rev-parse", "gh-pages") == committed


# --- pure helpers and the workflow -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("remote_url", "pages_url"),
    [
        ("git@github.com:Desk/briefs.git", "https://desk.github.io/briefs/"),
        ("https://github.com/desk/briefs", "https://desk.github.io/briefs/"),
        ("ssh://git@github.com/desk/desk.github.io.git", "https://desk.github.io/"),
        ("https://gitlab.com/desk/briefs.git", None),
    ],
)
def test_github_pages_url_from_the_remote(remote_url, pages_url):
    assert github_pages_url(remote_url) == pages_url


def test_push_failure_explains_a_generic_failure_in_one_line():
    message = push_failure("origin", "gh-pages", "", "fatal: could not read from remote repository.\n")
    assert message == "push to origin failed: could not read from remote repository.; nothing was pushed"


def test_pages_workflow_builds_with_the_pages_base_url_and_deploys():
    workflow = yaml.safe_load((PROJECT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "group" in workflow["concurrency"]
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = " ".join(step.get("uses", "") for step in steps)
    for action in ("checkout", "setup-python", "configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}@" in uses
    runs = " ".join(step.get("run", "") for step in steps)
    assert "pip install ." in runs
    assert '--base-url "${{ steps.pages.outputs.base_url }}/"' in runs
    deploy_job = workflow["jobs"]["deploy"]
    assert deploy_job["environment"]["name"] == "github-pages"
    assert "page_url" in deploy_job["environment"]["url"]
