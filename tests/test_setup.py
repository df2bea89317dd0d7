"""Set-up that works anywhere: the README's commands, the wheel in a clean virtual environment,
``briefing init`` with its .gitignore and Pages workflow (its shell steps run here, as far as
they go without GitHub), and ``briefing serve --output``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
import yaml
from conftest import REPO

from generator.scaffold import pages_workflow

ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def run(command: list[str] | str, cwd: Path, env: dict | None = None, timeout: int = 600):
    done = subprocess.run(
        command,
        cwd=cwd,
        env=env or ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
        shell=isinstance(command, str),
        executable="/bin/bash" if isinstance(command, str) else None,
    )
    assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done


def clean_env(venv: Path) -> dict:
    """An environment that sees only the virtual environment's Briefing, not this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    return env


def test_init_writes_a_gitignore_that_keeps_builds_out_of_git(tmp_path):
    run([sys.executable, "-m", "generator", "init", "desk"], tmp_path)
    desk = tmp_path / "desk"
    run([sys.executable, "-m", "generator", "build"], desk)
    assert not (desk / ".github").exists()
    run(["git", "init", "-q"], desk)
    run(["git", "add", "."], desk)
    tracked = run(["git", "ls-files"], desk).stdout.split()
    assert sorted(tracked) == [
        ".gitignore",
        "content/briefs/welcome.md",
        "content/entities.yaml",
        "site.yaml",
    ]
    assert (desk / "site" / "index.html").is_file() and (desk / ".briefing-cache").is_dir()


def test_this_repositorys_workflow_is_the_one_init_writes():
    text = (REPO / ".github" / "workflows" / "pages.yml").read_text()
    assert text == pages_workflow(".")
    workflow = yaml.safe_load(text)
    assert workflow[True]["schedule"][0]["cron"]  # PyYAML reads the key 'on' as True
    steps = workflow["jobs"]["build"]["steps"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert ".briefing-cache" in cache["with"]["path"] and "~/.cache/pip" in cache["with"]["path"]
    assert any("briefing check --publish" in s.get("run", "") for s in steps)
    assert "pyproject.toml" not in text


def test_the_wheel_installs_into_a_clean_venv_and_a_new_site_runs_its_workflow(tmp_path):
    """The distribution is briefing-desk; its wheel alone gives a working ``briefing``, and the
    workflow ``briefing init --github`` writes runs its steps in the new site's repository."""
    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)], tmp_path)
    (wheel,) = wheels.glob("briefing_desk-*-py3-none-any.whl")
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    env = clean_env(venv)
    run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], tmp_path, env)
    assert (venv / "bin" / "briefing").is_file()
    run(["briefing", "init", "--github", "desk"], tmp_path, env)
    desk = tmp_path / "desk"
    (desk / ".briefing").mkdir()
    shutil.copy(wheel, desk / ".briefing")
    workflow = yaml.safe_load((desk / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow["env"]["BRIEFING_INSTALL"].startswith("briefing-desk==")
    base = "https://desk.github.io/briefs"
    steps = workflow["jobs"]["build"]["steps"]
    for step in steps:
        if "run" not in step:
            continue
        script = step["run"].replace("${{ steps.pages.outputs.base_url }}", base)
        assert "${{" not in script, script
        done = run(script, desk, {**env, **workflow["env"]})
        if step["name"].startswith("Install"):
            version = run(["briefing", "-V"], desk, env).stdout
            assert version.startswith("briefing "), version
            where = run(["python", "-c", "import generator; print(generator.__file__)"], desk, env).stdout
            assert str(venv) in where  # the wheel's package, not this checkout
        if step["name"].startswith("Check"):
            assert done.stdout.startswith("ok: ready to publish"), done.stdout
    site = desk / "_site"
    assert (site / "index.html").is_file() and not (site / ".briefing-manifest.json").exists()
    assert 'href="https://desk.github.io/briefs/"' in (site / "index.html").read_text()
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    for path in cache["with"]["path"].split():
        if not path.startswith("~"):
            assert (desk / path).exists(), path  # what the next run restores
    again = run(["briefing", "build", "--strict", "--base-url", base + "/"], desk, env)
    assert "0 rendered" in again.stdout  # the restored cache makes the next run warm


def test_the_readmes_first_command_sets_up_a_venv_and_builds(tmp_path):
    readme = (REPO / "README.md").read_text()
    command = re.search(r"## Set-up on a fresh machine.*?```sh\n(.*?)\n```", readme, re.S).group(1)
    assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    copy = tmp_path / "briefing"
    shutil.copytree(
        REPO,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", ".briefing-cache", "node_modules", "__pycache__", "*.egg-info"
        ),
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = run(command, copy, env)
    assert "built " in done.stdout
    assert (copy / "site" / "index.html").is_file() and (copy / ".venv" / "bin" / "briefing").is_file()


def test_serve_output_serves_an_existing_build_under_its_base_path(tiny_site):
    (tiny_site / "site.yaml").write_text("title: Tiny desk\nbase_url: https://desk.github.io/briefs/\n")
    run([sys.executable, "-m", "generator", "build", "--no-search"], tiny_site)
    before = sorted(p.name for p in (tiny_site / "site").rglob("*"))
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--output", "site", "--port", "0"],
        cwd=tiny_site,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"http://\S+", line).group(0)
        assert url.endswith("/briefs/"), line
        with urlopen(url + "briefs/first/", timeout=30) as response:
            page = response.read().decode()
        assert "First brief" in page and "livereload" not in page
        with pytest.raises(HTTPError) as missing:
            urlopen(url + "nowhere/", timeout=30)
        assert missing.value.code == 404
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert sorted(p.name for p in (tiny_site / "site").rglob("*")) == before  # nothing rebuilt


def externally_managed(python: str) -> bool:
    check = "import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path('stdlib'), 'EXTERNALLY-MANAGED')))"
    return Path(python).is_file() and subprocess.run([python, "-c", check]).returncode == 0


@pytest.mark.skipif(
    not externally_managed("/usr/bin/python3"), reason="no externally managed /usr/bin/python3"
)
def test_the_test_script_installs_into_a_venv_where_the_system_python_refuses(tmp_path):
    """Debian's own Python (PEP 668): scripts/test.sh makes .venv/ and installs the test needs there."""
    copy = tmp_path / "briefing"
    shutil.copytree(
        REPO,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", ".briefing-cache", "node_modules", "__pycache__", "*.egg-info"
        ),
    )
    script = (copy / "scripts" / "test.sh").read_text()
    head = script[: script.index("command -v chromium")]  # the Python part, before apt and npm
    head += 'python3 -c "import sys; print(sys.prefix)" && python3 -m pytest --version\n'
    (copy / "scripts" / "head.sh").write_text(head)
    env = {"HOME": os.environ.get("HOME", str(tmp_path)), "PATH": "/usr/bin:/bin"}
    done = run(["bash", "scripts/head.sh"], copy, env)
    assert done.stdout.splitlines()[0] == str(copy / ".venv")
