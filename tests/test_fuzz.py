"""Property-based fuzzing of the parsers and the sanitiser (issue #11), bounded for CI.

Proves, on random and grammar-built inputs:

- the front-matter and registry loaders let only our own error types escape (``BriefingError``
  subclasses, ``DateError``, or problems recorded in the loader's list), never another exception;
- the partial-date parser raises only ``DateError``; parse → str → parse gives the same date and
  label; the timeline ordering is total, antisymmetric and transitive on samples;
- the slugger never gives an empty slug for text with a letter or digit, never one with ``/``,
  ``..`` or a leading or trailing ``-``, and is stable (``slug(slug(x)) == slug(x)``);
- the Markdown renderer's output never holds an ``on*`` attribute, a ``javascript:``,
  ``vbscript:`` or ``data:`` URL (after entity decoding) or a ``script``/``iframe``/``object``/
  ``style`` element;
- ingest's readers raise only ``IngestError``.

Runs are deterministic (``derandomize``) with a per-example deadline; the profile ``ci`` (the
default) keeps the file near a minute; set ``HYPOTHESIS_PROFILE=thorough`` for a longer run.
Properties that fail on today's code are ``xfail(strict=True)`` with the issue item.

This is the one trust-test file that imports internals: every import is here, to repoint when
modules move.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.errors import BriefingError, DateError, IngestError
from generator.ingest.html_reader import parse_html
from generator.ingest.reading import decode, read_article
from generator.ingest.text_reader import parse_markdown, parse_text
from generator.load.brief import load_brief
from generator.load.markdown import render_markdown
from generator.load.problems import Problems
from generator.load.registry import load_entities
from generator.model import Entity
from generator.model.dates import parse_partial_date
from generator.model.text import slugify

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=timedelta(seconds=2),
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no patch files left behind
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

OWN_ERRORS = (BriefingError, DateError)
ENTITIES = {"acme": Entity(id="acme", name="Acme", type="organization")}
_WORK = tempfile.TemporaryDirectory(prefix="briefing-fuzz-")  # removed when the run ends
WORK = Path(_WORK.name)

# --- front matter --------------------------------------------------------------------------------

SCALARS = st.sampled_from(
    [
        "x",
        "2025-03-14",
        "2026-13-01",
        "2026-02-30",
        "2026-11-26 10:00:00",
        "!!timestamp 2026-11-26",
        "!!binary aGVsbG8=",
        "!!python/object:os.system ls",
        "!!set {a, b}",
        "[a, b]",
        "{a: b}",
        "~",
        "null",
        "yes",
        "12",
        "1e400",
        "'quoted'",
        '"\\x07 bell"',
        "&anchor x",
        "*anchor",
        "[acme, nobody]",
        "- a",
        ">\n  folded",
        "|\n  literal",
        ": colon",
        "'unclosed",
        "\t tab",
    ]
)
KEYS = st.sampled_from(
    ["title", "date", "summary", "sources", "entities", "events", "tags", "draft", "other", "? complex", "<<"]
)
LINE = st.one_of(
    st.tuples(KEYS, SCALARS).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.sampled_from(
        [
            "events:\n  - date: 2026-13-01\n    title: E",
            "events:\n  - {date: [1, 2], title: E, entities: 7}",
            "sources:\n  - title: S\n    url: javascript:x\n    published: 2026-13-01",
            "sources: [7, {title: 8}]",
            "entities: {a: 1}",
            "---",
            "...",
        ]
    ),
    st.text(max_size=30).map(lambda t: t.replace("\n", " ")),
)


def _load(text: str):
    """(brief or None, problems) for ``text`` as a brief file; only our own errors may escape."""
    problems = Problems()
    brief = None
    with contextlib.suppress(OWN_ERRORS):
        brief = load_brief(WORK / "fuzz.md", ENTITIES, problems, text.encode("utf-8", "surrogatepass"))
    return brief, problems


@given(st.lists(LINE, max_size=8), st.text(max_size=40))
def test_front_matter_grammar_only_own_errors(lines, body):
    """Front matter assembled from YAML fragments, good and bad, raises nothing but our errors."""
    _load("---\n" + "\n".join(lines) + "\n---\n\n" + body)


@given(st.sampled_from(["2026-11-26 10:00:00", "!!timestamp 2026-11-26T10:00:00Z", "2026-11-26T10:00:00"]))
def test_front_matter_timestamps_are_days_or_problems(value):
    """A brief's date is a day (datetime.date, not datetime), or the loader reports a problem with 'date'."""
    brief, problems = _load(f"---\ntitle: T\ndate: {value}\nsummary: S\n---\n\nx\n")
    if brief is None:
        assert any("date" in p.message for p in problems.errors)
    else:
        assert type(brief.date) is dt.date, f"date: {value} loads as {type(brief.date).__name__}"


@given(st.sampled_from(["tags: &t [*t]", "events: &e [{title: x, entities: *e}]"]))
def test_front_matter_recursive_alias_only_own_errors(line):
    _load(f"---\ntitle: T\ndate: 2025-01-01\nsummary: S\n{line}\n---\n\nx\n")


@given(st.text(max_size=200))
def test_front_matter_random_text_only_own_errors(text):
    _load("---\n" + text + "\n---\n\nbody")
    _load(text)


@given(st.lists(LINE, max_size=6), st.sampled_from(["acme", "Bad Id", "x-1", "'7'"]))
def test_registry_grammar_only_own_errors(lines, entity_id):
    path = WORK / "entities.yaml"
    path.write_text(f"{entity_id}:\n" + "".join(f"  {line}\n" for line in " ".join(lines).split("\n")))
    with contextlib.suppress(OWN_ERRORS):
        load_entities(path, Problems())


# --- partial dates --------------------------------------------------------------------------------

YEAR = st.integers(1, 9999).map(lambda y: f"{y:04d}")
POINT = st.one_of(
    YEAR,
    st.tuples(YEAR, st.integers(0, 13)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(YEAR, st.integers(0, 13), st.integers(0, 32)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.sampled_from(["201X", "19XX", "2024-XX", "2XXX", "XXXX"]),
).flatmap(lambda p: st.sampled_from(["", "~", "?", "%"]).map(lambda q: p + q))
DATE_TEXT = st.one_of(
    POINT,
    st.tuples(
        st.one_of(POINT, st.sampled_from(["..", ""])), st.one_of(POINT, st.sampled_from(["..", ""]))
    ).map("/".join),
    st.text(alphabet="0123456789-/X~?%. ", max_size=24),
    st.text(max_size=16),
)


def _parsed(text):
    try:
        return parse_partial_date(text)
    except DateError:
        return None


@given(DATE_TEXT)
def test_dates_parse_round_trip(text):
    date = _parsed(text)
    if date is None:
        return
    again = parse_partial_date(str(date))
    assert again.sort_key() == date.sort_key()
    assert again.label() == date.label()
    assert isinstance(date.label(), str) and date.label()
    date.machine()


@given(
    st.one_of(
        st.integers(), st.floats(), st.none(), st.lists(st.integers(), max_size=2), st.binary(max_size=8)
    )
)
def test_dates_non_text_only_date_error(value):
    _parsed(value)


@given(st.lists(DATE_TEXT, min_size=3, max_size=3))
def test_dates_order_total_and_consistent(texts):
    dates = [d for d in map(_parsed, texts) if d is not None]
    keys = [d.sort_key() for d in dates]
    for a in keys:
        for b in keys:
            assert (a < b) + (a == b) + (a > b) == 1  # total: exactly one holds
            assert not (a < b and b < a)  # antisymmetric
            for c in keys:
                if a <= b and b <= c:
                    assert a <= c  # transitive


# --- the slugger -----------------------------------------------------------------------------------


def _slug_properties(text: str) -> None:
    slug = slugify(text)
    assert "/" not in slug and ".." not in slug
    assert not slug.startswith("-") and not slug.endswith("-")
    assert slugify(slug) == slug


@given(st.text(max_size=40))
def test_slug_never_escapes_and_is_stable(text):
    _slug_properties(text)


@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=40).filter(
        lambda t: re.search(r"[A-Za-z0-9]", t)
    )
)
def test_slug_never_empty_for_ascii_letters(text):
    _slug_properties(text)
    assert slugify(text)


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd"]), min_size=1, max_size=20))
def test_slug_never_empty_for_any_letters(text):
    _slug_properties(text)
    assert slugify(text), f"{text!r} gives an empty slug"


# --- Markdown and the sanitiser ----------------------------------------------------------------------

SCHEMES = st.sampled_from(
    ["javascript:", "JaVaScRiPt:", " javascript:", "vbscript:", "data:text/html,", "DATA:text/html,"]
)
ENCODED_SCHEMES = st.sampled_from(
    [
        "&#106;avascript:",
        "&#x6A;avascript:",
        "&#0000106;avascript:",
        "javascript&#58;",
        "java\tscript:",
        "jav&#x09;ascript:",
    ]
)
RAW_HTML = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<iframe src=x></iframe>",
        "<object data=x></object>",
        "<style>*{}</style>",
        "<img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)'>x</a>",
        "<svg onload=alert(1)>",
        "<!-- c --><script>",
    ]
)
ATTR_LIST = st.sampled_from(
    [
        "{: onclick=alert(1) }",
        '{: onmouseover="alert(1)" }',
        "{: #id .class }",
        '{: href="javascript:alert(1)" }',
        "{: style=color:red }",
    ]
)
WORDS = st.text(alphabet="abc xyz*_`#>-[]()!:\n", max_size=20)


def _markdown(pieces) -> str:
    return "".join(pieces)


def _link(scheme_strategy):
    return st.tuples(scheme_strategy, st.sampled_from(["[t](", "![i](", "[r]: ", "<"])).map(
        lambda t: (
            f"{t[1]}{t[0]}alert(1))"
            if t[1] in ("[t](", "![i](")
            else f"[r]\n\n[r]: {t[0]}alert(1)\n"
            if t[1] == "[r]: "
            else f"<{t[0]}alert(1)>"
        )
    )


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "style", "embed", "svg"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"{name}=")
            if value and re.match(r"(javascript|vbscript|data):", re.sub(r"[\x00-\x20]", "", value), re.I):
                self.problems.append(f"{name}={value!r}")


def _unsafe(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.problems


@given(st.lists(st.one_of(WORDS, RAW_HTML, _link(SCHEMES)), max_size=8).map(_markdown))
def test_markdown_raw_html_and_plain_schemes_are_safe(text):
    html = render_markdown(text)
    assert not _unsafe(html), (text, html)


@given(
    st.lists(
        st.one_of(WORDS, _link(ENCODED_SCHEMES), ATTR_LIST.map(lambda a: f"\n\nPara\n{a}\n\n")), max_size=8
    ).map(_markdown)
)
def test_markdown_attr_list_and_encoded_schemes_are_safe(text):
    html = render_markdown(text)
    assert not _unsafe(html), (text, html)


# --- ingest's readers ----------------------------------------------------------------------------------

HTML_PIECES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "<html>",
            "<body>",
            "<article>",
            "<p>",
            "</p>",
            "<script type='application/ld+json'>",
            '{"@type": "NewsArticle", "articleBody": 7, "datePublished": [1]}',
            "</script>",
            "<meta charset=x-unknown>",
            '<meta property="article:published_time" content="2026-13-01">',
            '<link rel="canonical" href="javascript:x">',
            "<h1>",
            "</h1>",
            "<![CDATA[",
            "&#0;",
            "&#xFFFFFFFF;",
            "<time datetime='2026-02-30'>",
            "<nav>",
            "<!--",
            "<?xml?>",
            "<table><td>",
        ]
    ),
)


def _only_ingest_errors(call, *args):
    with contextlib.suppress(IngestError):
        call(*args)


@given(st.text(max_size=300))
def test_text_and_markdown_readers_only_ingest_errors(text):
    _only_ingest_errors(parse_text, text, "fuzz.txt")
    _only_ingest_errors(parse_markdown, text, "fuzz.md")
    _only_ingest_errors(parse_markdown, "---\n" + text + "\n---\n\n# H\n\nbody", "fuzz.md")


@given(st.lists(HTML_PIECES, max_size=20).map("".join))
def test_html_reader_only_ingest_errors(text):
    _only_ingest_errors(parse_html, text, "fuzz.html")


@given(st.binary(max_size=400), st.sampled_from([".txt", ".md", ".html", ".pdf", ""]))
def test_read_article_bytes_only_ingest_errors(data, suffix):
    _only_ingest_errors(decode, data, Path("fuzz" + suffix))
    path = WORK / f"article{suffix}"
    path.write_bytes(data)
    _only_ingest_errors(read_article, path)
