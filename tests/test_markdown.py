"""Brief bodies render as GitHub renders them, or with python-markdown when the site asks; both safe."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.load.config import load_config
from generator.load.markdown import add_heading_ids, render_markdown
from generator.model import MarkdownSettings

REPO = Path(__file__).resolve().parents[1]
CMARK = MarkdownSettings()
PYTHON_MARKDOWN = MarkdownSettings("python-markdown", ("extra", "sane_lists"))
BOTH = pytest.mark.parametrize("settings", [CMARK, PYTHON_MARKDOWN], ids=["cmark-gfm", "python-markdown"])


def test_the_default_engine_renders_github_flavoured_markdown():
    html = render_markdown(
        "Intro line\n- a list right after a paragraph\n- second\n\n"
        "| a | b |\n| - | :-: |\n| 1 | 2 |\n\n"
        "~~gone~~ www.example.com\n\n- [x] done\n- [ ] open\n\nA claim.[^1]\n\n[^1]: The source.\n"
    )
    assert "<ul>\n<li>a list right after a paragraph</li>" in html  # python-markdown makes it prose
    assert "<table>" in html and '<td style="text-align:center">2</td>' in html
    assert "<del>gone</del>" in html
    assert '<a href="http://www.example.com">www.example.com</a>' in html
    assert '<li><input type="checkbox" checked disabled> done</li>' in html
    assert '<li><input type="checkbox" disabled> open</li>' in html
    assert '<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>' in html
    assert '<section class="footnotes">' in html and '<li id="fn-1">' in html


def test_python_markdown_keeps_the_old_rendering():
    html = render_markdown("Intro line\n- not a list here\n", PYTHON_MARKDOWN)
    assert html == "<p>Intro line\n- not a list here</p>"


@BOTH
def test_raw_html_never_runs_with_either_engine(settings):
    html = render_markdown(
        '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))\n\n'
        '<input type="text" name="q" value="x" onfocus="alert(4)">\n\n<iframe src="https://e.com"></iframe>\n',
        settings,
    )
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    assert not re.search(r"<[^>]*\son\w+=", html) and "javascript:" not in html
    assert "<input" not in html  # only a task list's checkbox survives, never a raw field


def test_the_sanitiser_forces_any_input_to_a_disabled_checkbox():
    from generator.load.markdown import sanitize_html

    cleaned = sanitize_html('<ul><li><input type="text" name="q" value="x" checked> x</li></ul>')
    assert cleaned == '<ul><li><input type="checkbox" checked disabled> x</li></ul>'


@BOTH
def test_heading_ids_are_stable_and_unique_on_the_page(settings):
    body = "## Key points\n\ntext\n\n## Key points\n\n## Sources\n\n### 2024: the year *it* began\n"
    first, second = render_markdown(body, settings), render_markdown(body, settings)
    assert first == second
    ids = re.findall(r'<h\d id="([^"]+)"', first)
    assert ids == ["key-points", "key-points-1", "sources-1", "h-2024-the-year-it-began"]


def test_cmark_gfm_runs_through_the_wrapper_that_frees_its_buffers():
    from generator.load import markdown

    assert markdown._RELEASE is not None  # else cmarkgfm's own wrapper, which leaks every body
    assert markdown._cmark_html("| a |\n| - |\n| 1 |\n") == (
        "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"
    )


def test_a_heading_that_has_an_id_keeps_it():
    assert add_heading_ids('<h2 id="mine">A</h2><h2>A</h2>') == '<h2 id="mine">A</h2><h2 id="a">A</h2>'


def test_site_yaml_chooses_and_validates_the_engine(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text("title: T\n", encoding="utf-8")
    assert load_config(tmp_path).markdown == CMARK
    site.write_text("title: T\nmarkdown: {engine: python-markdown}\n", encoding="utf-8")
    assert load_config(tmp_path).markdown == PYTHON_MARKDOWN
    site.write_text("title: T\nmarkdown:\n  engine: python-markdown\n  extensions: [extra, smarty]\n")
    assert load_config(tmp_path).markdown == MarkdownSettings("python-markdown", ("extra", "smarty"))
    for bad, message in [
        ("markdown: {engine: kramdown}", "markdown engine 'kramdown' is not one of"),
        ("markdown: {engine: cmark-gfm, extensions: [toc]}", "set 'engine: python-markdown'"),
        ("markdown: {engine: python-markdown, extensions: [no_such_ext]}", "cannot load the extensions"),
        ("markdown: {engine: python-markdown, extensions: extra}", "must be a list of names"),
        ("markdown: {flavour: gfm}", "unknown markdown option 'flavour'"),
        ("markdown: gfm", "'markdown' must be dict"),
    ]:
        site.write_text(f"title: T\n\n{bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=rf"site.yaml:3: .*{re.escape(message)}"):
            load_config(tmp_path)


class _Outline(HTMLParser):
    """A brief page's body as (structure, text): the element names in order, and the words."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.tags: list[str] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in ("br", "hr", "img", "input")
            self.tags.append(tag)
        elif tag == "div" and ("class", "body") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.words += data.split()


def _outline(page: Path) -> tuple[list[str], list[str]]:
    parser = _Outline()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags, parser.words


def test_the_sample_site_renders_the_same_with_both_engines(sample_site, tmp_path):
    """The repository's briefs use ordinary prose, lists and emphasis: both engines agree on them."""
    outlines = {}
    base = (sample_site / "site.yaml").read_text(encoding="utf-8")
    for engine in ("cmark-gfm", "python-markdown"):
        (sample_site / "site.yaml").write_text(f"{base}\nmarkdown: {{engine: {engine}}}\n", encoding="utf-8")
        out = tmp_path / engine
        subprocess.run(
            [sys.executable, "-m", "generator", "build", "--root", str(sample_site), "--no-search",
             "--output", str(out)],
            check=True, capture_output=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        pages = sorted((out / "briefs").glob("*/index.html"))
        assert len(pages) == len(list((sample_site / "content" / "briefs").glob("*.md")))
        outlines[engine] = {page.parent.name: _outline(page) for page in pages}
    for slug, (tags, words) in outlines["cmark-gfm"].items():
        old_tags, old_words = outlines["python-markdown"][slug]
        assert words and words == old_words, slug
        assert tags == old_tags, slug
