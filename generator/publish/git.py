"""git plumbing for publishing: run git, read refs, fetch a branch, explain a refused push."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from generator.errors import DeployError, GitCommandError


def first_line(text: str) -> str:
    """git's first meaningful line of output, without its 'fatal:'/'error:' prefix."""
    for line in text.splitlines():
        line = re.sub(r"^(fatal|error):\s*", "", line.strip())
        if line and not line.startswith("hint:"):
            return line
    return ""


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
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
        raise GitCommandError(args, done.returncode, done.stdout, done.stderr, first_line(done.stderr))
    return done.stdout.strip()


def repository(root: Path) -> Path:
    try:
        return Path(git(root, "rev-parse", "--show-toplevel"))
    except GitCommandError:
        raise DeployError(
            f"{root} is not in a git repository; deploy publishes to a branch of the site's "
            "repository (run `git init`, commit the site and add a remote first)"
        ) from None


def check_branch(repo: Path, branch: str) -> None:
    """The branch name is valid and not checked out anywhere (moving it would desync that tree)."""
    try:
        git(repo, "check-ref-format", "--branch", branch)
    except GitCommandError:
        raise DeployError(f"'{branch}' is not a valid branch name") from None
    worktrees = git(repo, "worktree", "list", "--porcelain")
    for line in worktrees.splitlines():
        if line == f"branch refs/heads/{branch}":
            raise DeployError(
                f"{branch} is checked out in a working tree (see `git worktree list`); "
                "switch that tree to your source branch and deploy again"
            )


def remote_url(repo: Path, remote: str) -> str | None:
    try:
        return git(repo, "remote", "get-url", remote)
    except GitCommandError:
        return None


def rev(repo: Path, ref: str) -> str | None:
    """The commit ``ref`` points to, or None if there is no such ref."""
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitCommandError:
        return None


def fetch_remote_branch(repo: Path, remote: str, branch: str) -> str | None:
    """The remote's ``branch`` (fetched into refs/remotes/), so a new commit continues it; None if absent."""
    try:
        git(repo, "ls-remote", "--exit-code", "--heads", remote, f"refs/heads/{branch}")
    except GitCommandError as failed:
        if failed.code == 2:  # reachable, no such branch: this deploy starts it
            return None
        raise DeployError(f"cannot reach remote '{remote}': {first_line(failed.stderr)}") from None
    tracking = f"refs/remotes/{remote}/{branch}"
    try:
        git(repo, "fetch", "--quiet", "--no-tags", remote, f"+refs/heads/{branch}:{tracking}")
    except GitCommandError as failed:
        raise DeployError(f"cannot fetch {branch} from '{remote}': {first_line(failed.stderr)}") from None
    return rev(repo, tracking)


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
