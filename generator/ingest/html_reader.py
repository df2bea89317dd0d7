"""HTML pages saved from news sites: the article's text and metadata, nothing else.

Built on the standard library's ``html.parser``; nothing is fetched. Scripts, styles, forms,
navigation, headers, footers, asides and elements whose class, id or role says they are
boilerplate (share bars, newsletters, related links, cookie banners) are dropped whole, and so
are blocks other than list items whose text is mostly links (headline lists); no
attribute is ever copied, so inline handlers cannot reach a brief. The text comes from the
``<article>`` (or ``[itemprop=articleBody]``, ``<main>``) when the page has one. Headline,
publication date, publisher and canonical URL come from JSON-LD, Open Graph and other meta
tags, ``<link rel=canonical>``, ``<h1>`` and ``<title>``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

from generator.ingest.article import Article
from generator.ingest.metadata import parse_published

SKIP_TAGS = frozenset(
    """
    script style noscript template svg math iframe object embed canvas form button select
    textarea nav header footer aside menu dialog figure video audio picture map head
    """.split()
)
BLOCK_TAGS = frozenset(
    """
    p div section article main h1 h2 h3 h4 h5 h6 li ul ol blockquote pre td th tr table br hr
    dd dt dl address figcaption body
    """.split()
)
TEXT_BLOCKS = frozenset("p div section article main li blockquote pre td dd body".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
SKIP_ROLES = frozenset("navigation banner contentinfo complementary search dialog alert menu menubar".split())
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|masthead|sidebar|share|sharing|social|related"
    r"|recommended|comments?|newsletter|subscribe|signup|cookie|consent|advert|advertisement|ads?"
    r"|promo|breadcrumbs?|byline|caption|credits?|tags|toolbar|popup|modal|banner|paywall)(?:$|[\s_-])",
    re.I,
)
ARTICLE_TYPES = frozenset(
    "Article NewsArticle ReportageNewsArticle AnalysisNewsArticle BlogPosting Report".split()
)
DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
MIN_BLOCK_WORDS = 6
LONG_BLOCK_WORDS = 12
MIN_ARTICLE_WORDS = 40
# A block (other than a list item) mostly made of links is a list of other pages beside the story,
# not the article; a list item that is one link is often the article itself (a link roundup).
MAX_LINK_SHARE = 0.8
_SENTENCE_END = re.compile(r"[.!?\"”’)。！？」』）]$")
# Scripts written without spaces between words (Chinese, Japanese kana and kanji, Thai): their
# characters are counted as words, two to a word, so a Japanese paragraph is not taken for a
# one-word caption.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]+$")


@dataclass
class _Block:
    text: str
    tag: str
    in_article: bool
    in_main: bool
    link_share: float  # of its letters, the share inside links: 1.0 for a list of headlines


class _Page(HTMLParser):
    """One pass over the page, collecting text blocks and metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.canonical = ""
        self.h1 = ""
        self.title = ""
        self.first_time = ""
        self._stack: list[tuple[str, bool, bool, bool]] = []  # tag, skip, in article, in main
        self._buffer: list[str] = []
        self._links = 0  # <a> elements open around the current text
        self._link_chars = 0  # letters of the current block inside links
        self._block_tag = "body"
        self._capture: str | None = None  # 'h1', 'title' or 'json-ld'
        self._captured: list[str] = []

    @property
    def _state(self) -> tuple[bool, bool, bool]:
        return self._stack[-1][1:] if self._stack else (False, False, False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.canonical = self.canonical or attributes.get("href", "")
        if tag in VOID_TAGS:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag == "body":  # a <head> left open ends here
            heads = [i for i, (open_tag, *_) in enumerate(self._stack) if open_tag == "head"]
            del self._stack[heads[0] if heads else len(self._stack) :]
        skip, in_article, in_main = self._state
        if tag == "time" and in_article and not self.first_time:
            self.first_time = attributes.get("datetime", "")
        is_json_ld = tag == "script" and attributes.get("type", "").lower() == "application/ld+json"
        skip = skip or tag in SKIP_TAGS or _is_boilerplate(attributes)
        in_article = in_article or tag == "article" or attributes.get("itemprop") == "articleBody"
        in_main = in_main or tag == "main" or attributes.get("role") == "main"
        if tag in BLOCK_TAGS:
            self._flush()
            self._block_tag = tag
        self._stack.append((tag, skip, in_article, in_main))
        if tag == "a":
            self._links += 1
        if is_json_ld:
            self._start_capture("json-ld")
        elif tag in ("h1", "title") and self._capture is None and not getattr(self, tag):
            self._start_capture(tag)

    def handle_endtag(self, tag: str) -> None:
        if not any(open_tag == tag for open_tag, *_ in self._stack):
            return
        if tag in BLOCK_TAGS:
            self._flush()
        while self._stack:
            open_tag = self._stack.pop()[0]
            if open_tag == "a":
                self._links = max(0, self._links - 1)
            if self._capture == open_tag or (self._capture == "json-ld" and open_tag == "script"):
                self._end_capture()
            if open_tag == tag:
                break
        self._block_tag = next((t for t, *_ in reversed(self._stack) if t in BLOCK_TAGS), "body")

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._captured.append(data)
        skip, *_ = self._state
        if not skip:
            self._buffer.append(data)
            if self._links:
                self._link_chars += len(data) - data.count(" ")

    def close(self) -> None:
        super().close()
        self._flush()

    def _start_capture(self, what: str) -> None:
        self._capture, self._captured = what, []

    def _end_capture(self) -> None:
        text = "".join(self._captured)
        if self._capture == "json-ld":
            self.json_ld.append(text)
        elif self._capture == "h1":
            self.h1 = " ".join(text.split())
        elif self._capture == "title":
            self.title = " ".join(text.split())
        self._capture = None

    def _meta(self, attributes: dict[str, str]) -> None:
        key = (
            attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
        ).lower()
        content = attributes.get("content", "").strip()
        if key and content:
            self.meta.setdefault(key, content)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        link_chars, self._buffer, self._link_chars = self._link_chars, [], 0
        if text:
            _, in_article, in_main = self._state
            share = min(1.0, link_chars / max(1, len(text) - text.count(" ")))
            self.blocks.append(_Block(text, self._block_tag, in_article, in_main, share))


def _is_boilerplate(attributes: dict[str, str]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    if attributes.get("role", "").lower() in SKIP_ROLES:
        return True
    style = attributes.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return bool(_BOILERPLATE.search(f"{attributes.get('class', '')} {attributes.get('id', '')}"))


def parse_html(text: str, source: str) -> Article:
    """The article in an HTML page: main text, headline, date, publisher, canonical URL."""
    page = _Page()
    page.feed(text)
    page.close()
    ld = _json_ld_article(page.json_ld)
    paragraphs = _main_text(page.blocks)
    if sum(_words(p) for p in paragraphs) < MIN_ARTICLE_WORDS and ld.get("articleBody"):
        paragraphs = [p.strip() for p in str(ld["articleBody"]).split("\n") if p.strip()]
    title = (
        _text(ld.get("headline"))
        or page.meta.get("og:title")
        or page.h1
        or page.meta.get("twitter:title")
        or _TITLE_SUFFIX.sub("", page.title)
    )
    return Article(
        source=source,
        title=" ".join(title.split()),
        paragraphs=tuple(paragraphs),
        published=_published(page, ld),
        publisher=_publisher(page, ld),
        url=_url(page, ld),
    )


def _main_text(blocks: list[_Block]) -> list[str]:
    """The article's paragraphs: the <article> or <main> when it holds the text, else the page."""
    for scope in ("in_article", "in_main", None):
        chosen = [b for b in blocks if scope is None or getattr(b, scope)]
        paragraphs = [
            b.text
            for b in chosen
            if b.tag in TEXT_BLOCKS
            and _is_prose(b.text)
            and (b.tag == "li" or b.link_share <= MAX_LINK_SHARE)
        ]
        if sum(_words(p) for p in paragraphs) >= MIN_ARTICLE_WORDS or scope is None:
            return list(dict.fromkeys(paragraphs))
    return []


def _words(text: str) -> int:
    """Words in ``text``: space-separated ones, and unspaced-script characters two to a word."""
    unspaced = len(_UNSPACED.findall(text))
    return len(_UNSPACED.sub(" ", text).split()) + unspaced // 2


def _is_prose(text: str) -> bool:
    words = _words(text)
    return words >= LONG_BLOCK_WORDS or (words >= MIN_BLOCK_WORDS and bool(_SENTENCE_END.search(text)))


def _json_ld_article(scripts: list[str]) -> dict:
    """The first Article-like object in the page's JSON-LD, or {}."""
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kinds = item.get("@type", [])
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(str(kind) in ARTICLE_TYPES for kind in kinds):
                    return item
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return {}


def _text(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return str(value or "").strip()


def _published(page: _Page, ld: dict) -> date | None:
    candidates = [_text(ld.get("datePublished"))]
    candidates += [page.meta.get(key, "") for key in DATE_META]
    candidates.append(page.first_time)
    for candidate in candidates:
        if candidate and (day := parse_published(candidate)):
            return day
    return None


def _publisher(page: _Page, ld: dict) -> str:
    return (
        _text(ld.get("publisher"))
        or page.meta.get("og:site_name", "")
        or page.meta.get("publisher", "")
        or page.meta.get("application-name", "")
    )


def _url(page: _Page, ld: dict) -> str:
    for candidate in (
        page.canonical,
        page.meta.get("og:url", ""),
        _text(ld.get("url")),
        _text(ld.get("mainEntityOfPage")),
    ):
        parts = urlsplit(candidate.strip())
        if parts.scheme in ("http", "https") and parts.netloc:
            return candidate.strip()
    return ""
