"""Shared fixtures: small sites built in tmp_path, and the repository's sample site."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import quality  # noqa: E402  (scripts/quality.py: the Chromium launch and tool checks)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium through Playwright; missing tools fail under CI, skip elsewhere."""
    missing = quality.tools_missing(())
    if missing:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"missing: {', '.join(missing)}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = quality.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(params=["in-process", "forked"])
def worker_path(request, monkeypatch):
    """Run a test twice: in one process, and down the forked-worker path every site of more than
    a couple of hundred pages takes (forced for small sites here)."""
    from generator import workers

    if request.param == "forked":
        if not workers.can_fork():
            pytest.skip("this platform cannot fork")
        monkeypatch.setattr(workers, "MIN_PARALLEL_ITEMS", 1)
        monkeypatch.setattr(workers, "worker_count", lambda: 2)
    return request.param


@pytest.fixture
def sample_site(tmp_path: Path) -> Path:
    """A copy of the repository's sample site (site.yaml and content/)."""
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "content", root / "content")
    return root


def write_brief(root: Path, slug: str, front: str, body: str = "Body text.") -> Path:
    path = root / "content" / "briefs" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{textwrap.dedent(front).strip()}\n---\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """A two-entity, one-brief site to break in tests."""
    root = tmp_path / "tiny"
    (root / "content" / "briefs").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Tiny desk\nbase_url: /\n", encoding="utf-8")
    (root / "content" / "entities.yaml").write_text(
        textwrap.dedent(
            """\
            acme-agency:
              name: Acme Agency
              type: organization
              aliases: [AA]
            jane-roe:
              name: Jane Roe
              type: person
            """
        ),
        encoding="utf-8",
    )
    write_brief(
        root,
        "first",
        """
        title: First brief
        date: 2025-03-14
        summary: Acme Agency hires Jane Roe.
        sources:
          - title: Acme Agency annual report
        entities: [acme-agency, jane-roe]
        events:
          - date: "2025-03"
            title: Jane Roe joins
            entities: [jane-roe]
        tags: [people]
        """,
        "Jane Roe joined the Acme Agency in March. The AA said little.",
    )
    return root
