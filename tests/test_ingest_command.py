"""``briefing ingest`` end to end: drafts that load and build, refusals, dry runs, bad input."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.engine import build
from generator.load.brief import load_brief
from generator.load.problems import Problems
from generator.load.registry import load_entities
from generator.model.dates import parse_partial_date

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
REGISTRY = """\
# The desk's registry: keep this comment.
european-investment-bank:
  name: European Investment Bank
  type: organization
  aliases: [EIB]
  description: The EU's lending arm.
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    (root / "content" / "briefs").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Test desk\nbase_url: /\n", encoding="utf-8")
    (root / "content" / "entities.yaml").write_text(REGISTRY, encoding="utf-8")
    return root


def ingest(site: Path, *args: str) -> int:
    return main(["ingest", *args, "--root", str(site)])


def briefs(site: Path) -> list[Path]:
    return sorted((site / "content" / "briefs").iterdir())


def loaded(site: Path, path: Path):
    problems = Problems()
    entities = load_entities(site / "content" / "entities.yaml", problems)
    brief = load_brief(path, entities, problems)
    assert not problems.errors, problems.errors
    return brief, entities


def test_ingest_writes_a_draft_that_loads_with_valid_event_dates(site, capsys):
    assert ingest(site, str(FIXTURES / "harbour-deal.txt"), "--published", "2024-03-14") == 0
    [path] = briefs(site)
    assert path.name == "port-authority-signs-dredging-deal-with-danish-contractor.md"
    brief, entities = loaded(site, path)
    assert brief.draft and brief.title.startswith("Port authority")
    assert brief.date.isoformat() == "2024-03-14"
    assert brief.events and all(e.date.text for e in brief.events)
    for event in yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["events"]:
        parse_partial_date(event["date"])
        assert event["phrase"]
    assert "european-investment-bank" in brief.entities  # the known entity, by its alias EIB
    assert {"marta-kowalczyk", "nordhavn-marine", "gdansk"} <= set(brief.entities)
    assert entities["marta-kowalczyk"].review and entities["marta-kowalczyk"].aliases == ("Kowalczyk",)
    registry_text = (site / "content" / "entities.yaml").read_text(encoding="utf-8")
    assert registry_text.startswith(REGISTRY)  # the user's text and comment survive
    assert registry_text.count("name: European Investment Bank") == 1
    assert "drafted" in capsys.readouterr().out


def test_dry_run_prints_the_draft_and_writes_nothing(site, capsys):
    assert ingest(site, str(FIXTURES / "harbour-deal.txt"), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "title: Port authority signs dredging deal" in out and "draft: true" in out
    assert "would append to" in out and "review: true" in out
    assert briefs(site) == []
    assert (site / "content" / "entities.yaml").read_text(encoding="utf-8") == REGISTRY


def test_existing_brief_is_never_overwritten_without_force(site, capsys):
    article = str(FIXTURES / "harbour-deal.txt")
    assert ingest(site, article, "--published", "2024-03-14") == 0
    [path] = briefs(site)
    path.write_text(path.read_text(encoding="utf-8") + "\nAnalyst's edits.\n", encoding="utf-8")
    registry = (site / "content" / "entities.yaml").read_text(encoding="utf-8")
    assert ingest(site, article) == 1
    assert "already exists" in capsys.readouterr().err
    assert "Analyst's edits." in path.read_text(encoding="utf-8")
    assert ingest(site, article, "--published", "2024-03-14", "--force") == 0
    assert "Analyst's edits." not in path.read_text(encoding="utf-8")
    assert (site / "content" / "entities.yaml").read_text(encoding="utf-8") == registry  # no duplicates


def test_slug_url_and_publisher_options(site):
    assert (
        ingest(
            site,
            str(FIXTURES / "harbour-deal.txt"),
            "--slug",
            "gdansk-dredging",
            "--url",
            "https://example.com/gdansk",
            "--publisher",
            "Baltic Wire",
        )
        == 0
    )
    brief, _ = loaded(site, site / "content" / "briefs" / "gdansk-dredging.md")
    assert brief.sources[0].url == "https://example.com/gdansk"
    assert brief.sources[0].publisher == "Baltic Wire"


def test_html_with_scripts_and_handlers_gives_a_clean_safe_draft(site):
    assert ingest(site, str(FIXTURES / "script-laden.html")) == 0
    [path] = briefs(site)
    text = path.read_text(encoding="utf-8")
    for bad in (
        "<script",
        "evil",
        "onload",
        "onclick",
        "cookie",
        "javascript:",
        "alert('meta')",
        "injected",
    ):
        assert bad not in text
    brief, _ = loaded(site, path)
    assert brief.date.isoformat() == "2024-06-03"  # the page's publication date
    assert brief.sources[0].url == "https://example.com/drought"
    assert brief.sources[0].publisher == "Example Herald"
    assert "environment-agency" in brief.entities and "helen-marsh" in brief.entities


def test_several_articles_share_new_entities_without_duplicates(site, tmp_path):
    second = tmp_path / "follow-up.txt"
    second.write_text(
        "Dredging starts in Gdansk\n\nNordhavn Marine began dredging in Gdansk on Monday, "
        "chief executive Marta Kowalczyk said.\n",
        encoding="utf-8",
    )
    assert ingest(site, str(FIXTURES / "harbour-deal.txt"), str(second), "--published", "2024-03-14") == 0
    assert len(briefs(site)) == 2
    registry = (site / "content" / "entities.yaml").read_text(encoding="utf-8")
    assert registry.count("name: Marta Kowalczyk") == 1 and registry.count("name: Nordhavn Marine") == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 64),
        ("broken.txt", b"Headline\n\x81\x8d\x8f\x90 text\n"),
        ("huge.txt", b"Headline\n" + b"x" * (10 * 1024 * 1024)),
    ],
)
def test_bad_input_is_one_error_line_and_no_file(site, tmp_path, capsys, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert ingest(site, str(path)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and name in err[0]
    assert briefs(site) == []
    assert (site / "content" / "entities.yaml").read_text(encoding="utf-8") == REGISTRY


def test_non_utf8_text_is_drafted_with_a_warning(site, tmp_path, caplog):
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "Café chain expands\n\nThe café chain Brio opened stores in Lyon on Monday.\n".encode("cp1252")
    )
    assert ingest(site, str(path), "--published", "2024-03-14") == 0
    assert "not UTF-8" in caplog.text
    [brief_path] = briefs(site)
    assert "Café chain expands" in brief_path.read_text(encoding="utf-8")


def test_a_failed_write_leaves_no_partial_file(site, monkeypatch, capsys):
    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert ingest(site, str(FIXTURES / "harbour-deal.txt")) == 1
    assert "No space left" in capsys.readouterr().err
    assert briefs(site) == []
    assert sorted(p.name for p in (site / "content").iterdir()) == ["briefs", "entities.yaml"]
    assert (site / "content" / "entities.yaml").read_text(encoding="utf-8") == REGISTRY


def test_curation_file_blocks_and_merges(site):
    (site / "content" / "ingest.yaml").write_text(
        textwrap.dedent(
            """\
            block: [Gdansk]
            merge: {Nordhavn Marine: european-investment-bank}
            """
        ),
        encoding="utf-8",
    )
    assert ingest(site, str(FIXTURES / "harbour-deal.txt"), "--published", "2024-03-14") == 0
    brief, _ = loaded(site, briefs(site)[0])
    assert "gdansk" not in brief.entities and "nordhavn-marine" not in brief.entities


def test_curation_merge_must_name_a_registry_entity(site, capsys):
    (site / "content" / "ingest.yaml").write_text("merge: {Kremlin: russia}\n", encoding="utf-8")
    assert ingest(site, str(FIXTURES / "harbour-deal.txt")) == 1
    assert "names no entity" in capsys.readouterr().err


def test_missing_model_falls_back_to_rules(site, caplog):
    assert ingest(site, str(FIXTURES / "harbour-deal.txt"), "--model", "no_such_model_xyz", "--dry-run") == 0
    assert "using the built-in rules" in caplog.text


def test_ingested_drafts_build_into_entity_pages_and_the_timeline(site):
    for name in ("harbour-deal.txt", "ministry-note.md", "script-laden.html"):
        assert ingest(site, str(FIXTURES / name), "--published", "2024-06-05") == 0
    build(site, drafts=True)
    out = site / "site"
    person = (out / "entities" / "marta-kowalczyk" / "index.html").read_text(encoding="utf-8")
    assert "Port authority signs dredging deal" in person
    timeline = " ".join(
        p.read_text(encoding="utf-8") for p in sorted((out / "timeline").glob("*/index.html"))
    )
    assert "Environment Agency warned on Monday" in timeline
    assert "traffic had doubled since 2015" in timeline
    shutil.rmtree(out)
    build(site, drafts=False)
    assert not (out / "entities" / "marta-kowalczyk").exists() or "Port authority" not in (
        out / "entities" / "marta-kowalczyk" / "index.html"
    ).read_text(encoding="utf-8")
