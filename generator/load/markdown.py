"""Brief bodies: Markdown → HTML that cannot run anything in a reader's browser.

Two defences, the second never trusting the first:

1. The Markdown engine passes no raw HTML through: it is shown as text.
2. Whatever the engine makes goes through an allow-list sanitiser (nh3, the Rust ammonia
   library): only the elements and attributes prose needs survive, URLs must pass
   ``model.text.is_safe_url`` after entity decoding (http, https, mailto or a relative link;
   never ``javascript:``, ``data:`` or ``//host``), and ``{: attr }`` lists can add no more than
   an ``id`` or a ``class``. Event handlers, ``style`` (beyond a table cell's alignment),
   ``<script>``, ``<iframe>``, forms and the like never reach a page.
"""

from __future__ import annotations

import re

import markdown
import nh3

from generator.model.text import is_safe_url

EXTENSIONS = ["extra", "sane_lists"]

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "abbr": set(),
}
URL_ATTRIBUTES = {"href", "src"}
NAME = re.compile(r"^[A-Za-z][\w:.-]{0,80}$")
NUMBER = re.compile(r"^\d{1,4}$")


def _filter(tag: str, attribute: str, value: str) -> str | None:
    """Keep an attribute only when its value is as harmless as its name."""
    if attribute in URL_ATTRIBUTES:
        return value if is_safe_url(value) else None
    if attribute == "id":
        return value if NAME.match(value) else None
    if attribute == "class":
        kept = [name for name in value.split() if NAME.match(name)]
        return " ".join(kept) or None
    if attribute == "loading":  # set by load.media on every image
        return value if value in ("lazy", "eager") else None
    if attribute in ("width", "height", "colspan", "rowspan", "start"):
        return value if NUMBER.match(value) else None
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript"},
    attributes=ATTRIBUTES,
    attribute_filter=_filter,
    link_rel=None,
    url_schemes={"http", "https", "mailto"},
    filter_style_properties={"text-align"},
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """``html`` with everything outside the allow-list removed (see the module docstring)."""
    return _cleaner.clean(html)


class _NoRawHtml(markdown.Extension):
    """Show raw HTML in a body as text instead of passing it through."""

    def extendMarkdown(self, md):  # noqa: N802 - the Markdown API's name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def engine_settings() -> str:
    """What the HTML of a body depends on besides its text: cached bodies carry it."""
    attributes = sorted((tag, sorted(names)) for tag, names in ATTRIBUTES.items())
    return f"python-markdown {markdown.__version__} {EXTENSIONS} nh3 {nh3.__version__} {sorted(TAGS)} {attributes}"


_converter = markdown.Markdown(extensions=[*EXTENSIONS, _NoRawHtml()], output_format="html")


def render_markdown(text: str) -> str:
    """Convert a brief body to safe HTML."""
    return sanitize_html(_converter.reset().convert(text))
