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
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator import __version__
from generator.build import build
from generator.config import load_config
from generator.errors import BriefingError
from generator.output import MANIFEST

log = logging.getLogger(__name__)

# Used only when the repository has no identity of its own (a fresh CI runner, say).
FALLBACK_IDENTITY = {"user.name": "briefing", "user.email": "briefing@localhost"}
ZERO_SHA = "0" * 40


class DeployError(BriefingError):
    """Deploying failed; nothing was pushed."""


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
    repo = _repository(root)
    _check_branch(repo, branch)
    remote_url = _remote_url(repo, remote)
    if push and remote_url is None:
        raise DeployError(
            f"no remote named '{remote}' in {repo} (see `git remote -v`; add one with "
            f"`git remote add {remote} URL`, or pass --remote NAME)"
        )
    cname = _check_cname(cname if cname is not None else config.cname)
    site_url = _site_url(config.base_url, cname, remote_url)

    local = _rev(repo, f"refs/heads/{branch}")
    parent = local
    if local is None and remote_url is not None:
        parent = _fetch_remote_branch(repo, remote, branch)

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


class GitCommandError(DeployError):
    """A git command failed; callers that can say more catch it and add a hint."""

    def __init__(self, args: tuple[str, ...], code: int, stdout: str, stderr: str):
        self.code, self.stdout, self.stderr = code, stdout, stderr
        super().__init__(f"git {' '.join(args)}: {first_line(stderr) or f'exit status {code}'}")


def first_line(text: str) -> str:
    """git's first meaningful line of output, without its 'fatal:'/'error:' prefix."""
    for line in text.splitlines():
        line = re.sub(r"^(fatal|error):\s*", "", line.strip())
        if line and not line.startswith("hint:"):
            return line
    return ""


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in ``repo``; its stdout, stripped. Raises GitCommandError on a non-zero exit."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise DeployError("git is not installed or not on PATH; deploy needs it") from None
    if done.returncode != 0:
        raise GitCommandError(args, done.returncode, done.stdout, done.stderr)
    return done.stdout.strip()


def _repository(root: Path) -> Path:
    try:
        return Path(_git(root, "rev-parse", "--show-toplevel"))
    except GitCommandError:
        raise DeployError(
            f"{root} is not in a git repository; deploy publishes to a branch of the site's "
            "repository (run `git init`, commit the site and add a remote first)"
        ) from None


def _check_branch(repo: Path, branch: str) -> None:
    """The branch name is valid and not checked out anywhere (moving it would desync that tree)."""
    try:
        _git(repo, "check-ref-format", "--branch", branch)
    except GitCommandError:
        raise DeployError(f"'{branch}' is not a valid branch name") from None
    worktrees = _git(repo, "worktree", "list", "--porcelain")
    for line in worktrees.splitlines():
        if line == f"branch refs/heads/{branch}":
            raise DeployError(
                f"{branch} is checked out in a working tree (see `git worktree list`); "
                "switch that tree to your source branch and deploy again"
            )


def _remote_url(repo: Path, remote: str) -> str | None:
    try:
        return _git(repo, "remote", "get-url", remote)
    except GitCommandError:
        return None


def _rev(repo: Path, ref: str) -> str | None:
    """The commit ``ref`` points to, or None if there is no such ref."""
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitCommandError:
        return None


def _fetch_remote_branch(repo: Path, remote: str, branch: str) -> str | None:
    """The remote's ``branch`` (fetched into refs/remotes/), so a new commit continues it; None if absent."""
    try:
        _git(repo, "ls-remote", "--exit-code", "--heads", remote, f"refs/heads/{branch}")
    except GitCommandError as failed:
        if failed.code == 2:  # reachable, no such branch: this deploy starts it
            return None
        raise DeployError(f"cannot reach remote '{remote}': {first_line(failed.stderr)}") from None
    tracking = f"refs/remotes/{remote}/{branch}"
    try:
        _git(repo, "fetch", "--quiet", "--no-tags", remote, f"+refs/heads/{branch}:{tracking}")
    except GitCommandError as failed:
        raise DeployError(f"cannot fetch {branch} from '{remote}': {first_line(failed.stderr)}") from None
    return _rev(repo, tracking)


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
        _git(repo, *plain, "add", "--all", "--force", ".", env=env)
        return _git(repo, "write-tree", env=env)
    except GitCommandError as failed:
        raise DeployError(f"cannot store the built site in git: {failed}") from None


def _identity(repo: Path) -> list[str]:
    """``-c`` options for whichever of user.name/user.email the repository lacks."""
    options = []
    for key, value in FALLBACK_IDENTITY.items():
        try:
            _git(repo, "config", "--get", key)
        except GitCommandError:
            options += ["-c", f"{key}={value}"]
    return options


def _default_message(repo: Path, title: str) -> str:
    text = f"Deploy {title} (briefing {__version__})"
    source = _rev(repo, "HEAD")
    return f"{text} from {source[:7]}" if source else text


def _commit(repo: Path, tree: str, parent: str | None, message: str) -> str:
    parents = ["-p", parent] if parent else []
    try:
        return _git(repo, *_identity(repo), "commit-tree", tree, *parents, "-m", message)
    except GitCommandError as failed:
        raise DeployError(f"cannot commit the built site: {failed}") from None


def _move_branch(repo: Path, branch: str, commit: str, old: str | None) -> None:
    """Point the local branch at the new commit, only if nobody moved it meanwhile."""
    try:
        _git(repo, "update-ref", "-m", "briefing deploy", f"refs/heads/{branch}", commit, old or ZERO_SHA)
    except GitCommandError as failed:
        raise DeployError(f"committed {commit[:7]} but cannot move local branch {branch}: {failed}") from None


def _push(repo: Path, remote: str, branch: str, commit: str) -> None:
    try:
        _git(repo, "push", "--porcelain", remote, f"{commit}:refs/heads/{branch}")
    except GitCommandError as failed:
        raise DeployError(push_failure(remote, branch, failed.stdout, failed.stderr)) from None


def push_failure(remote: str, branch: str, stdout: str, stderr: str) -> str:
    """One line saying why a push failed and what to do; git's --porcelain output tells which case."""
    output = stdout + "\n" + stderr
    if "(non-fast-forward)" in output or "(fetch first)" in output:
        return (
            f"push to {remote} rejected: its {branch} has commits your local {branch} lacks; run "
            f"`git fetch {remote} {branch}:{branch}` (or `git branch -D {branch}` to continue from "
            f"{remote}'s) and deploy again; nothing was pushed"
        )
    said = [line[len("remote:") :].strip() for line in stderr.splitlines() if line.startswith("remote:")]
    said = [line for line in said if line]
    rejected = re.search(r"\[remote rejected\] \((.*)\)", output)
    if rejected:
        reason = rejected.group(1) + (f": {said[0]}" if said else "")
        return f"push to {remote} rejected by the remote ({reason}); nothing was pushed"
    return f"push to {remote} failed: {first_line(stderr) or 'unknown error'}; nothing was pushed"
