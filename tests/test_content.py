"""Loading briefs and the entity registry: the model, and a clear error for every mistake."""

from pathlib import Path

import pytest
from conftest import write_brief

from generator.errors import ConfigError, ContentError
from generator.load import load_site
from generator.load.config import load_config


def load(root: Path, **kw):
    return load_site(load_config(root), **kw)


def test_loader_builds_the_model(tiny_site):
    site = load(tiny_site)
    (brief,) = site.briefs
    assert brief.slug == "first" and brief.title == "First brief"
    assert brief.entities == ("acme-agency", "jane-roe")
    assert brief.events[0].date.label() == "March 2025"
    assert brief.events[0].anchor == "event-first-1"
    assert "<p>Jane Roe joined" in brief.body_html
    assert site.entities["acme-agency"].aliases == ("AA",)


def test_sample_site_loads_with_every_alias(sample_site):
    site = load(sample_site)
    assert 4 <= len(site.briefs) <= 6
    committee = site.entities["goskomvoenprom"]
    assert len(committee.names) == 3


def problems_of(root: Path, **kw) -> list:
    with pytest.raises(ContentError) as caught:
        load(root, **kw)
    return caught.value.problems


def test_unknown_entity_names_the_closest_id_with_file_and_line(tiny_site):
    path = write_brief(
        tiny_site, "second", "title: Second\ndate: 2025-01-01\nsummary: S.\nentities:\n  - acme-agncy\n"
    )
    (problem,) = problems_of(tiny_site)
    assert problem.path == path and problem.line == 6
    assert "unknown entity 'acme-agncy'" in problem.message
    assert "did you mean 'acme-agency'" in problem.hint


def test_all_content_errors_are_collected_in_one_run(tiny_site):
    write_brief(tiny_site, "a", "title: A\ndate: 2025-01-01\n")  # no summary
    write_brief(tiny_site, "b", "title: B\ndate: 14 March\nsummary: S.")  # bad date
    write_brief(
        tiny_site, "c", "title: C\ndate: 2025-01-01\nsummary: S.\nevents:\n  - date: March 2024\n    title: X"
    )
    (tiny_site / "content" / "briefs" / "d.md").write_text("no front matter here\n", encoding="utf-8")
    messages = [str(p) for p in problems_of(tiny_site)]
    assert len(messages) == 4
    assert any("a.md:2: 'summary' is required" in m for m in messages)
    assert any("b.md:3: 'date': '14 March' is not a day" in m for m in messages)
    assert any("c.md:6: event 1: 'March 2024' is not a date" in m for m in messages)
    assert any("d.md:1: no front matter" in m for m in messages)


def test_yaml_syntax_error_has_its_line(tiny_site):
    write_brief(tiny_site, "broken", "title: Broken\ndate: 2025-01-01\nsummary: [unclosed\n")
    (problem,) = problems_of(tiny_site)
    assert problem.line in (4, 5) and "broken.md" in str(problem.path)


def test_unsafe_source_url_is_rejected(tiny_site):
    write_brief(
        tiny_site,
        "x",
        "title: X\ndate: 2025-01-01\nsummary: S.\nsources:\n  - title: T\n    url: 'javascript:alert(1)'",
    )
    (problem,) = problems_of(tiny_site)
    assert "url must be http(s)" in problem.message and problem.line == 7


def test_entity_registry_errors(tiny_site):
    (tiny_site / "content" / "entities.yaml").write_text(
        "Bad Id:\n  name: X\n  type: person\nok:\n  name: Y\n  type: planet\ndup:\n  name: Jane\n  type: person\n  aliases: [Y]\n",
        encoding="utf-8",
    )
    write_brief(tiny_site, "first", "title: F\ndate: 2025-01-01\nsummary: S.")
    messages = [str(p) for p in problems_of(tiny_site)]
    assert any("entities.yaml:1: entity id 'Bad Id' must be lowercase-kebab-case" in m for m in messages)
    assert any("entities.yaml:6: entity 'ok' has type 'planet'" in m for m in messages)
    assert any("'Y' names both 'ok'" in m for m in messages) is False  # 'ok' was rejected, so no clash
    assert len(messages) == 2


def test_unknown_key_warns_and_strict_makes_it_an_error(tiny_site, caplog):
    write_brief(
        tiny_site, "w", "title: W\ndate: 2025-01-01\nsummary: S.\nsumary: typo\nsources: [{title: T}]"
    )
    load(tiny_site)
    assert "unknown key 'sumary'" in caplog.text
    (problem,) = [p for p in problems_of(tiny_site, strict=True) if str(p.path).endswith("w.md")]
    assert problem.line == 5


def test_drafts_are_left_out_unless_asked(tiny_site):
    write_brief(tiny_site, "d", "title: D\ndate: 2025-01-01\nsummary: S.\ndraft: true")
    assert [b.slug for b in load(tiny_site).briefs] == ["first"]
    assert {b.slug for b in load(tiny_site, drafts=True).briefs} == {"first", "d"}


def test_raw_html_in_a_body_never_reaches_the_page(tiny_site):
    write_brief(
        tiny_site,
        "h",
        "title: H\ndate: 2025-01-01\nsummary: S.",
        "<script>alert(1)</script> [x](javascript:alert(2))",
    )
    brief = next(b for b in load(tiny_site).briefs if b.slug == "h")
    assert "<script>" not in brief.body_html  # cmark-gfm omits it (python-markdown shows it as text)
    assert "javascript:" not in brief.body_html


def test_config_errors_name_the_line(tiny_site):
    (tiny_site / "site.yaml").write_text("title: T\nbase_url: ftp://x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"site.yaml:2: base_url"):
        load_config(tiny_site)
    (tiny_site / "site.yaml").write_text("title: T\ncolour: red\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"site.yaml:2: unknown option 'colour'"):
        load_config(tiny_site)
    (tiny_site / "site.yaml").write_text("title: T\npaths:\n  output: ../elsewhere\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="leaves the site folder"):
        load_config(tiny_site)
