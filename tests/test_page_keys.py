"""Page keys are honest by construction: what a template can read is exactly what its key covers.

For every page kind, each field of the model is changed in turn (in the files, as an analyst
would). A page whose key stays the same must offer its template the very same data (everything
reachable from its context, dumped field by field) and render the very same bytes; a page whose
key changes must offer different data. So no template, the theme's or a site's own, can show
something a cached build would not notice, and no key holds something no template can see.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import write_brief
from markupsafe import Markup

from generator.index import build_index
from generator.load import load_site
from generator.load.config import load_config
from generator.model import Body
from generator.pages import PAGE_KINDS, Lazy, page_makers
from generator.render import Renderer
from generator.render.theme import make_environment

ENTITIES = """\
acme-agency:
  name: Acme Agency
  type: organization
  aliases: [AA]
  description: A made-up agency.
  links: {Site: https://example.org/acme}
jane-roe:
  name: Jane Roe
  type: person
baltic-sea:
  name: Baltic Sea
  type: place
"""

FIRST = """
title: First brief
date: 2025-03-14
summary: Acme Agency hires Jane Roe.
sources:
  - title: Wire report
    publisher: Example Wire
    url: https://example.org/wire
    published: 2025-03-13
entities: [acme-agency, jane-roe]
events:
  - date: "2025-03"
    title: Jane Roe joins
    entities: [jane-roe]
    phrase: in March
tags: [people, agencies]
"""

SECOND = """
title: Second brief
date: 2025-04-02
summary: The agency looks at the Baltic Sea.
entities: [acme-agency, baltic-sea]
events:
  - date: "../2026"
    title: Survey runs
    entities: [baltic-sea]
tags: [agencies]
"""


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    (root / "content" / "briefs").mkdir(parents=True)
    site = "title: Key desk\nbase_url: https://example.org/\narchive_page_size: 1\n"  # every listing pages
    (root / "site.yaml").write_text(site, encoding="utf-8")
    (root / "content" / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    write_brief(root, "first", FIRST, "Jane Roe joined the Acme Agency in March. The AA said little.")
    write_brief(root, "second", SECOND, "Acme Agency surveys the Baltic Sea.\n\nA second paragraph.")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


FIRST_MD = ("content", "briefs", "first.md")
REGISTRY = ("content", "entities.yaml")
# (what changes, file, old text, new text): every field of Brief, Source, Event and Entity.
PERTURBATIONS = [
    ("brief title", FIRST_MD, "title: First brief", "title: First brief, revised"),
    ("brief date", FIRST_MD, "date: 2025-03-14", "date: 2025-03-15"),
    (
        "brief summary",
        FIRST_MD,
        "summary: Acme Agency hires Jane Roe.",
        "summary: Acme Agency hires Jane Roe again.",
    ),
    ("brief body", FIRST_MD, "The AA said little.", "The AA said nothing."),
    ("brief tags", FIRST_MD, "tags: [people, agencies]", "tags: [people, agencies, hiring]"),
    (
        "brief entities",
        FIRST_MD,
        "entities: [acme-agency, jane-roe]",
        "entities: [acme-agency, jane-roe, baltic-sea]",
    ),
    ("source title", FIRST_MD, "title: Wire report", "title: Wire report two"),
    ("source publisher", FIRST_MD, "publisher: Example Wire", "publisher: Other Wire"),
    ("source url", FIRST_MD, "url: https://example.org/wire", "url: https://example.org/wire2"),
    ("source date", FIRST_MD, "published: 2025-03-13", "published: 2025-03-12"),
    ("event title", FIRST_MD, "title: Jane Roe joins", "title: Jane Roe joins the agency"),
    ("event date", FIRST_MD, 'date: "2025-03"', 'date: "2025-02"'),
    ("event phrase", FIRST_MD, "phrase: in March", "phrase: this March"),
    (
        "event entities",
        FIRST_MD,
        "entities: [jane-roe]\n    phrase",
        "entities: [jane-roe, acme-agency]\n    phrase",
    ),
    ("entity name", REGISTRY, "name: Jane Roe", "name: Jane A. Roe"),
    ("entity aliases", REGISTRY, "aliases: [AA]", "aliases: [AA, The Agency]"),
    ("entity description", REGISTRY, "description: A made-up agency.", "description: An invented agency."),
    ("entity links", REGISTRY, "https://example.org/acme", "https://example.org/acme2"),
    ("entity type", REGISTRY, "type: place", "type: other"),
    ("entity review", REGISTRY, "  type: person\n", "  type: person\n  review: true\n"),
]


def dump(value, seen=()) -> str:
    """Everything a template could read from ``value``, field by field, as text."""
    if isinstance(value, Lazy):
        return dump(value.compute(), seen)
    if isinstance(value, Body):
        return f"Body({value.html!r})"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if id(value) in seen:
            return "<cycle>"
        inner = (*seen, id(value))
        parts = (f"{f.name}={dump(getattr(value, f.name), inner)}" for f in dataclasses.fields(value))
        return f"{type(value).__name__}({', '.join(parts)})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{dump(k, seen)}: {dump(v, seen)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return "[" + ", ".join(dump(v, seen) for v in items) + "]"
    if isinstance(value, (str, Markup, int, float, bool, date, enum.Enum, type(None))):
        return repr(value)
    raise AssertionError(f"a context holds a {type(value).__name__}, which this test cannot read")


def pages_of(root: Path) -> dict[str, tuple]:
    """url → (kind, key, dump of the context, rendered bytes) for every page of the site."""
    config = load_config(root)
    index = build_index(load_site(config, parallel=False))
    renderer = Renderer(config, make_environment(config.templates_dir))
    pages = {}
    for entry in page_makers(index):
        spec = entry.make()
        data = dump(spec.context)
        pages[spec.url] = (spec.kind, spec.key, data, renderer.render(spec))
    return pages


def test_every_page_kind_is_covered(desk):
    kinds = {kind for kind, *_ in pages_of(desk).values()}
    assert kinds == set(PAGE_KINDS)


@pytest.mark.parametrize(("what", "where", "old", "new"), PERTURBATIONS, ids=[p[0] for p in PERTURBATIONS])
def test_a_page_changes_exactly_when_its_key_does(desk, what, where, old, new):
    before = pages_of(desk)
    edit(desk.joinpath(*where), old, new)
    after = pages_of(desk)
    changed_keys = 0
    for url in before.keys() & after.keys():
        kind, key, data, html = before[url]
        _, key_after, data_after, html_after = after[url]
        if key == key_after:
            assert data == data_after, f"{what}: {url or 'home'} ({kind}) shows a change its key misses"
            assert html == html_after, f"{what}: {url or 'home'} ({kind}) rendered differently"
        else:
            changed_keys += 1
            assert data != data_after, f"{what}: {url or 'home'} ({kind}) keys on something it cannot show"
    assert changed_keys or before.keys() != after.keys(), f"{what}: no page noticed the change"


def test_a_site_template_cannot_reach_outside_the_key(desk):
    """The review's reproducer: a home.html printing a body. Listings hold cards, not briefs,
    so the template fails loudly instead of going stale."""
    (desk / "templates").mkdir()
    (desk / "templates" / "home.html").write_text(
        "{% for b in briefs %}{{ b.body_html }}{% endfor %}", encoding="utf-8"
    )
    from generator.engine import build
    from generator.errors import TemplateError

    with pytest.raises(TemplateError, match=re.escape("body_html")):
        build(desk, search=False)
