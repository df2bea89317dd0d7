"""Publish a built site to GitHub Pages: the site becomes the whole tree of one new commit on
the ``gh-pages`` branch, which is then pushed.

Everything goes through git plumbing with a temporary index (``GIT_INDEX_FILE``) and the
temporary build folder as the work tree, so the user's working tree, index, current branch
and uncommitted work are never touched. The new commit is pushed first and the local branch
moved only once the push succeeded, so a rejected push changes nothing, locally or remotely.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator import __version__
from generator.engine import build
from generator.errors import BriefingError, DeployError, GitCommandError
from generator.load.config import load_config
from generator.publish import git
from generator.write.writer import MANIFEST

log = logging.getLogger(__name__)

# Used only when the repository has no identity of its own (a fresh CI runner, say).
FALLBACK_IDENTITY = {"user.name": "briefing", "user.email": "briefing@localhost"}
ZERO_SHA = "0" * 40


@dataclass(frozen=True)
class DeployResult:
    """One deploy: the new commit, how many files it holds, and where it went."""

    commit: str
    files: int
    branch: str
    remote: str | None  # None when the commit was not pushed
    site_url: str | None  # where the site will be served, when we can tell

    def summary(self) -> str:
        where = (
            f"pushed to {self.remote}/{self.branch}"
            if self.remote
            else f"committed on local branch {self.branch}, not pushed"
        )
        text = f"deployed {self.commit[:7]} ({self.files} files): {where}"
        if self.site_url:
            text += f"; the site will be at {self.site_url}"
        return text


def deploy(
    root: Path,
    remote: str = "origin",
    branch: str = "gh-pages",
    message: str | None = None,
    cname: str | None = None,
    push: bool = True,
    base_url: str | None = None,
    drafts: bool = False,
    strict: bool = False,
) -> DeployResult:
    """Build the site at ``root`` for production and commit it as the whole tree of ``branch``."""
    config = load_config(root, base_url=base_url)
    repo = git.repository(root)
    git.check_branch(repo, branch)
    remote_url = git.remote_url(repo, remote)
    if push and remote_url is None:
        raise DeployError(
            f"no remote named '{remote}' in {repo} (see `git remote -v`; add one with "
            f"`git remote add {remote} URL`, or pass --remote NAME)"
        )
    cname = _check_cname(cname if cname is not None else config.cname)
    site_url = _site_url(config.base_url, cname, remote_url)

    local = git.rev(repo, f"refs/heads/{branch}")
    parent = local
    if local is None and remote_url is not None:
        parent = git.fetch_remote_branch(repo, remote, branch)

    with tempfile.TemporaryDirectory(prefix="briefing-deploy-") as tmp:
        try:
            result = build(
                root, drafts=drafts, strict=strict, base_url=base_url, output_dir=Path(tmp) / "site"
            )
        except BriefingError as error:
            raise DeployError(f"build failed, nothing deployed: {error}") from error
        files = _prepare_tree(result.output_dir, cname)
        tree = _write_tree(repo, result.output_dir, Path(tmp) / "index")
    commit = _commit(repo, tree, parent, message or _default_message(repo, config.title))

    if push:
        _push(repo, remote, branch, commit)
    _move_branch(repo, branch, commit, local)
    return DeployResult(commit, files, branch, remote if push else None, site_url)


def _check_cname(cname: str) -> str:
    """A bare domain name for GitHub Pages' CNAME file, or '' for none."""
    cname = cname.strip()
    if cname and not re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?", cname):
        raise DeployError(f"CNAME '{cname}' must be a domain name like news.example.org, not a URL or path")
    return cname


def _site_url(base_url: str, cname: str, remote_url: str | None) -> str | None:
    """Where the site will be served; warns when base_url will not produce correct absolute links."""
    absolute = bool(urlsplit(base_url).scheme)
    if cname:
        url = f"https://{cname}/"
        if urlsplit(base_url).hostname != cname.lower():
            log.warning(
                "base_url is %s but the site will be served at %s: set base_url to it "
                "so the feed, sitemap and canonical links point there",
                base_url,
                url,
            )
        return url
    if absolute:
        return base_url
    guess = github_pages_url(remote_url or "")
    log.warning(
        "base_url is '%s', not a full URL, so the feed, sitemap and canonical links are not absolute; "
        "set base_url in site.yaml or pass --base-url%s",
        base_url,
        f" (for this remote it is probably {guess})" if guess else "",
    )
    return guess


def github_pages_url(remote_url: str) -> str | None:
    """The default Pages address of a GitHub repository, from its remote URL; None if not GitHub."""
    match = re.match(
        r"^(?:https://(?:[^@/]+@)?github\.com/|ssh://git@github\.com/|git@github\.com:)"
        r"([^/]+)/([^/]+?)(?:\.git)?/?$",
        remote_url.strip(),
    )
    if not match:
        return None
    owner, name = match.groups()
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/"
    return f"https://{owner.lower()}.github.io/{name}/"


def _prepare_tree(site: Path, cname: str) -> int:
    """Turn the build folder into the published tree; return how many files it holds."""
    (site / MANIFEST).unlink(missing_ok=True)  # the writer's bookkeeping, not part of the site
    (site / ".nojekyll").write_bytes(b"")  # serve files as they are, _underscored ones included
    if cname:
        (site / "CNAME").write_text(cname + "\n", encoding="utf-8")
    return sum(1 for path in site.rglob("*") if path.is_file())


def _write_tree(repo: Path, site: Path, index_file: Path) -> str:
    """Store ``site`` as a git tree, through an index of our own; the user's index is never read."""
    env = {**os.environ, "GIT_INDEX_FILE": str(index_file)}
    # -f: the user's global excludes must not drop built files; no autocrlf: publish bytes as built.
    plain = ("-c", "core.autocrlf=false", "-c", "core.safecrlf=false", f"--work-tree={site}")
    try:
        git.git(repo, *plain, "add", "--all", "--force", ".", env=env)
        return git.git(repo, "write-tree", env=env)
    except GitCommandError as failed:
        raise DeployError(f"cannot store the built site in git: {failed}") from None


def _identity(repo: Path) -> list[str]:
    """``-c`` options for whichever of user.name/user.email the repository lacks."""
    options = []
    for key, value in FALLBACK_IDENTITY.items():
        try:
            git.git(repo, "config", "--get", key)
        except GitCommandError:
            options += ["-c", f"{key}={value}"]
    return options


def _default_message(repo: Path, title: str) -> str:
    text = f"Deploy {title} (briefing {__version__})"
    source = git.rev(repo, "HEAD")
    return f"{text} from {source[:7]}" if source else text


def _commit(repo: Path, tree: str, parent: str | None, message: str) -> str:
    parents = ["-p", parent] if parent else []
    try:
        return git.git(repo, *_identity(repo), "commit-tree", tree, *parents, "-m", message)
    except GitCommandError as failed:
        raise DeployError(f"cannot commit the built site: {failed}") from None


def _move_branch(repo: Path, branch: str, commit: str, old: str | None) -> None:
    """Point the local branch at the new commit, only if nobody moved it meanwhile."""
    try:
        git.git(repo, "update-ref", "-m", "briefing deploy", f"refs/heads/{branch}", commit, old or ZERO_SHA)
    except GitCommandError as failed:
        raise DeployError(f"committed {commit[:7]} but cannot move local branch {branch}: {failed}") from None


def _push(repo: Path, remote: str, branch: str, commit: str) -> None:
    try:
        git.git(repo, "push", "--porcelain", remote, f"{commit}:refs/heads/{branch}")
    except GitCommandError as failed:
        raise DeployError(git.push_failure(remote, branch, failed.stdout, failed.stderr)) from None
