"""Plain-text and Markdown articles: the first line (or '# heading') is the headline.

A short line right after the headline that is only a date ('14 March 2024', 'Published:
2024-03-14') is the publication date; a 'By ...' line is dropped. Paragraphs are separated by
blank lines; when a block's lines each end a sentence, each line is its own paragraph.
Markdown loses its markup ('**', links, images, code) and may carry YAML front matter with
title, date, url and publisher.
"""

from __future__ import annotations

import re
from datetime import date

from generator.errors import YamlSyntaxError
from generator.ingest.article import Article
from generator.ingest.errors import IngestError
from generator.ingest.metadata import parse_published
from generator.load.yamlfile import load_yaml

MAX_HEADLINE_CHARS = 200
MAX_DATELINE_CHARS = 80
LINE_PARAGRAPH_SHARE = 0.8  # this share of a block's lines end sentences: one paragraph each
_BYLINE = re.compile(r"^(?:by|from)\s+\S", re.I)
_SENTENCE_END = re.compile(r"[.!?:\"”’)]\s*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_MARKDOWN_RULES = [
    (re.compile(r"^(?:```|~~~).*?^(?:```|~~~)[ \t]*$", re.S | re.M), ""),  # code blocks
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M), ""),  # link definitions
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M), ""),  # rules
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # quotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M), ""),  # list markers
    (re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis, code
]
_SOURCE_LINE = re.compile(r"^(?P<publisher>[^|]{0,80}?)\s*\|\s*(?P<url>(?:https?://\S+)?)$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", re.M)


def parse_text(text: str, source: str) -> Article:
    """A plain-text article: headline, optional date line, paragraphs."""
    return _article(text, source, title="", published=None, publisher="", url="")


def parse_markdown(text: str, source: str) -> Article:
    """A Markdown article, with optional front matter and a '# heading' as headline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict = {}
    front = _FRONT_MATTER.match(text)
    if front:
        try:
            loaded, _ = load_yaml(front.group(1), 2)
        except YamlSyntaxError as error:  # aliases and the like included: the article is untrusted
            raise IngestError(
                f"{source}:{error.line}: {error.message} (fix or remove its front matter)"
            ) from None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[front.end() :]
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    title = str(meta.get("title") or "").strip()
    if not title:
        heading = _HEADING.search(text)
        if heading and not text[: heading.start()].strip():
            title = heading.group(2)
            text = text[heading.end() :]
    text = _HEADING.sub(lambda m: f"\n{m.group(2)}\n", text)
    published = _meta_date(meta.get("published") or meta.get("date"))
    return _article(
        text,
        source,
        title=title,
        published=published,
        publisher=str(meta.get("publisher") or "").strip(),
        url=str(meta.get("url") or meta.get("canonical") or "").strip(),
    )


def _meta_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    return parse_published(str(value)) if value else None


def _article(text: str, source: str, title: str, published: date | None, publisher: str, url: str) -> Article:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not title:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None and len(lines[first].strip()) <= MAX_HEADLINE_CHARS:
            title = lines[first].strip()
            lines = lines[first + 1 :]
    lines = _drop_bylines(lines)
    if published is None:
        published, lines = _dateline(lines)
    if not (publisher or url):
        publisher, url, lines = _source_line(lines)
    return Article(source, " ".join(title.split()), tuple(_paragraphs(lines)), published, publisher, url)


def _source_line(lines: list[str]) -> tuple[str, str, list[str]]:
    """A 'Publisher | URL' line near the top, as in the labelled article files, says where the
    article came from (either side may be empty)."""
    for index, line in enumerate(lines[:4]):
        stripped = line.strip()
        if not stripped:
            continue
        match = _SOURCE_LINE.match(stripped)
        if match and (match.group("publisher") or match.group("url")):
            return match.group("publisher").strip(), match.group("url"), lines[:index] + lines[index + 1 :]
        break
    return "", "", lines


def _drop_bylines(lines: list[str]) -> list[str]:
    """Remove a 'By ...' line among the first non-empty lines."""
    kept = list(lines)
    for index, line in enumerate(kept[:6]):
        if _BYLINE.match(line.strip()) and len(line.strip()) <= MAX_DATELINE_CHARS:
            del kept[index]
            break
    return kept


def _dateline(lines: list[str]) -> tuple[date | None, list[str]]:
    """A short date-only line near the top is the publication date."""
    for index, line in enumerate(lines[:6]):
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= MAX_DATELINE_CHARS:
            published = parse_published(stripped, whole=True)
            if published:
                return published, lines[:index] + lines[index + 1 :]
        break
    return None, lines


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs, block = [], []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.strip())
            continue
        if block:
            ends = sum(bool(_SENTENCE_END.search(row)) for row in block)
            if len(block) > 1 and ends >= LINE_PARAGRAPH_SHARE * len(block):
                paragraphs.extend(block)
            else:
                paragraphs.append(" ".join(block))
            block = []
    return paragraphs
