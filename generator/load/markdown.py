"""Brief bodies: Markdown → HTML that cannot run anything in a reader's browser.

Two engines, chosen per site in ``site.yaml`` (``markdown: {engine: ..., extensions: [...]}``):

- ``cmark-gfm`` (the default): GitHub's own CommonMark + GFM engine (cmarkgfm), so a brief reads
  on the site as it reads in a pull request: tables, strikethrough, autolinks, task lists and
  footnotes;
- ``python-markdown`` with the site's ``extensions`` (``extra`` and ``sane_lists`` unless it
  names others): the rendering sites had before cmark-gfm became the default.

Both give every heading that has no id a stable one, unique on its page (GitHub's form:
``## Key points`` → ``key-points``, then ``key-points-1``), and both go through the same two
defences, the second never trusting the first:

1. The engine passes no raw HTML through: python-markdown shows it as text, cmark-gfm (never
   run with ``CMARK_OPT_UNSAFE``) leaves a comment in its place, which the sanitiser drops.
2. Whatever the engine makes goes through an allow-list sanitiser (nh3, the Rust ammonia
   library): only the elements and attributes prose needs survive, URLs must pass
   ``model.text.is_safe_url`` after entity decoding (http, https, mailto or a relative link;
   never ``javascript:``, ``data:`` or ``//host``), and ``{: attr }`` lists can add no more than
   an ``id`` or a ``class``. Event handlers, ``style`` (beyond a table cell's alignment),
   ``<script>``, ``<iframe>``, forms and the like never reach a page; the one ``<input>`` kept
   is a task list's checkbox, always ``type="checkbox" disabled``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from generator.errors import ConfigError
from generator.model import MarkdownSettings
from generator.model.text import is_safe_url

ENGINES = ("cmark-gfm", "python-markdown")
PYTHON_MARKDOWN_DEFAULT = ("extra", "sane_lists")  # what every site had before cmark-gfm
CMARK_EXTENSIONS = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
CMARK_OPTIONS = Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "aria-label"},
    "input": {"checked"},  # and always type="checkbox" disabled: see sanitize_html
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "abbr": set(),
}
INPUT = re.compile(r"<input(?: checked=\"\")?>")  # all nh3 leaves of any <input>
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


def _checkbox(match: re.Match) -> str:
    checked = " checked" if "checked" in match.group(0) else ""
    return f'<input type="checkbox"{checked} disabled>'


def sanitize_html(html: str) -> str:
    """``html`` with everything outside the allow-list removed (see the module docstring); the
    one input kept is a task list's checkbox, made ``type="checkbox" disabled`` whatever it was
    (here rather than with nh3's ``set_tag_attribute_values``, whose attribute order varies
    from one process to the next)."""
    cleaned = _cleaner.clean(html)
    return INPUT.sub(_checkbox, cleaned) if "<input" in cleaned else cleaned


def _python_markdown(extensions: tuple[str, ...]):
    """A python-markdown converter that shows raw HTML in a body as text instead of passing it
    through (imported here: a site on the default engine never loads it)."""
    import markdown

    class NoRawHtml(markdown.Extension):
        def extendMarkdown(self, md):  # noqa: N802 - the Markdown API's name
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")

    return markdown.Markdown(extensions=[*extensions, NoRawHtml()], output_format="html")


@lru_cache(maxsize=1)
def engine_settings() -> str:
    """What the HTML of a body depends on besides its text and the site's ``markdown`` setting
    (which the content cache keys carry): the engines' versions and the sanitiser's lists."""
    attributes = sorted((tag, sorted(names)) for tag, names in ATTRIBUTES.items())
    return (
        f"cmarkgfm {_version('cmarkgfm')} {CMARK_EXTENSIONS} {CMARK_OPTIONS} "
        f"python-markdown {_version('markdown')} nh3 {nh3.__version__} {sorted(TAGS)} {attributes} "
        f"{INPUT.pattern} {HEADING_IDS}"
    )


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def markdown_settings(value: object, fail: Callable[[str], Exception]) -> MarkdownSettings:
    """``site.yaml``'s ``markdown`` mapping → settings; ``fail(message)`` makes the error to raise."""
    if value is None:
        return MarkdownSettings()
    if not isinstance(value, dict):
        raise fail("'markdown' must be a mapping like {engine: cmark-gfm}")
    unknown = value.keys() - {"engine", "extensions"}
    if unknown:
        raise fail(f"unknown markdown option '{sorted(unknown)[0]}' (known: engine, extensions)")
    engine = value.get("engine") or "cmark-gfm"
    if engine not in ENGINES:
        raise fail(f"markdown engine '{engine}' is not one of: {', '.join(ENGINES)}")
    extensions = value.get("extensions")
    if engine == "cmark-gfm":
        if extensions:
            raise fail("markdown extensions are python-markdown's: set 'engine: python-markdown' to use them")
        return MarkdownSettings()
    if extensions is None:
        extensions = list(PYTHON_MARKDOWN_DEFAULT)
    if not isinstance(extensions, list) or not all(isinstance(e, str) and e for e in extensions):
        raise fail("markdown extensions must be a list of names, like [extra, sane_lists]")
    settings = MarkdownSettings(engine, tuple(dict.fromkeys(extensions)))
    try:
        markdown_engine(settings)
    except Exception as error:  # python-markdown raises whatever the import raised
        raise fail(f"python-markdown cannot load the extensions {extensions}: {error}") from None
    return settings


@lru_cache(maxsize=4)
def markdown_engine(settings: MarkdownSettings) -> Callable[[str], str]:
    """The function that turns a body into (unsanitised) HTML with these settings."""
    if settings.engine == "python-markdown":
        converter = _python_markdown(settings.extensions)
        return lambda text: add_heading_ids(converter.reset().convert(text))
    if settings.engine == "cmark-gfm":
        return lambda text: add_heading_ids(_cmark_html(text))
    raise ConfigError(f"unknown markdown engine '{settings.engine}' (known: {', '.join(ENGINES)})")


def _cmark_release():
    """cmark's ``free`` for a rendered string and ``cmark_node_free`` for a document, or None.

    cmarkgfm's own wrappers free neither (about 26 KB lost per body with the GFM extensions,
    130 MB over the parent's share of a 10,000-brief build, and without end in ``briefing
    serve``), and its compiled module does not expose them, so they are looked up in it here.
    """
    try:
        import ctypes  # not cffi's own cdef, whose C parser takes 0.1 s to load

        from cmarkgfm import _cmark

        module, libc = ctypes.CDLL(_cmark.__file__), ctypes.CDLL(None)
        for function in (module.cmark_node_free, libc.free):
            function.argtypes, function.restype = [ctypes.c_void_p], None

        def address(pointer) -> int:
            return int(_cmark.ffi.cast("uintptr_t", pointer))

        return (_cmark, lambda p: libc.free(address(p)), lambda n: module.cmark_node_free(address(n)))
    except (ImportError, OSError, AttributeError):
        return None


_RELEASE = _cmark_release()


def _cmark_html(text: str) -> str:
    """cmark-gfm's HTML for ``text``, with every buffer it allocated freed."""
    if _RELEASE is None:  # cmarkgfm's own wrapper, which leaks
        return cmarkgfm.markdown_to_html_with_extensions(text, CMARK_OPTIONS, CMARK_EXTENSIONS)
    cmark, free, node_free = _RELEASE
    lib = cmark.lib
    lib.cmark_gfm_core_extensions_ensure_registered()
    parser = lib.cmark_parser_new(CMARK_OPTIONS)
    try:
        for name in CMARK_EXTENSIONS:
            lib.cmark_parser_attach_syntax_extension(parser, lib.cmark_find_syntax_extension(name.encode()))
        data = text.encode("utf-8")
        lib.cmark_parser_feed(parser, data, len(data))
        root = lib.cmark_parser_finish(parser)
        try:
            raw = lib.cmark_render_html(root, CMARK_OPTIONS, lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return cmark.ffi.string(raw).decode("utf-8")
            finally:
                free(raw)
        finally:
            node_free(root)
    finally:
        lib.cmark_parser_free(parser)


def render_markdown(text: str, settings: MarkdownSettings | None = None) -> str:
    """Convert a brief body to safe HTML with the site's settings (the default engine if None)."""
    return sanitize_html(markdown_engine(settings or MarkdownSettings())(text))


# Headings: ids as GitHub makes them, kept clear of the ids a brief page already uses.
HEADING_IDS = "github-2"  # the scheme's version, in engine_settings: a change re-renders bodies
HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.S)
ID_ATTRIBUTE = re.compile(r"""\sid=["']([^"']*)["']""")
TAG = re.compile(r"<[^>]*>")
NOT_SLUG = re.compile(r"[^\w\- ]")
PAGE_IDS = frozenset(
    {"main", "events", "entities", "sources", "related", "site-search-q", "site-search-results"}
)


def heading_slug(text: str) -> str:
    """GitHub's heading id: lower case, punctuation dropped, spaces → '-'; always a valid id."""
    slug = NOT_SLUG.sub("", html.unescape(TAG.sub("", text)).strip().lower()).replace(" ", "-")
    if not slug or not ("a" <= slug[0] <= "z"):
        slug = "h-" + slug if slug else "section"  # the sanitiser keeps ids that start with a letter
    return slug[:72]


def add_heading_ids(body: str) -> str:
    """``body`` with an id on every heading that lacks one, unique on the page."""
    if "<h" not in body:
        return body
    taken = set(PAGE_IDS) | (set(ID_ATTRIBUTE.findall(body)) if " id=" in body else set())

    def with_id(match: re.Match) -> str:
        level, attributes, inner = match.group(1), match.group(2) or "", match.group(3)
        if ID_ATTRIBUTE.search(attributes):
            return match.group(0)
        base = heading_slug(inner)
        slug, n = base, 0
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return f'<h{level} id="{slug}"{attributes}>{inner}</h{level}>'

    return HEADING.sub(with_id, body)
