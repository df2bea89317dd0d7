"""Read an article file: check it is a readable text file, decode it, pick the reader.

Refused with a one-line error that names the file: a missing or unsupported file, one larger
than ``MAX_ARTICLE_BYTES``, an empty file, a binary file, text in no encoding we can read, and
a page with no article text. Text that is not UTF-8 is read as Windows-1252 (the usual
encoding of old Windows text) with a warning, or as the charset an HTML page declares.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import replace
from pathlib import Path

from generator.ingest.article import Article
from generator.ingest.errors import IngestError
from generator.ingest.html_reader import parse_html
from generator.ingest.text_reader import parse_markdown, parse_text

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # far above any article; keeps one run fast
READERS = {
    ".txt": parse_text,
    ".text": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}
SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")


def read_article(path: Path, title: str | None = None) -> Article:
    """The article in ``path`` (.txt, .md or .html); ``title`` overrides its headline."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(
            f"{path}: cannot read '{path.suffix or 'extensionless'}' files; use .txt, .md or .html"
        )
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise IngestError(
                f"{path}: {size / 2**20:.1f} MB is more than the {MAX_ARTICLE_BYTES // 2**20} MB "
                "limit for one article; save only the article's text"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot read it ({error.strerror or error})") from None
    if not data.strip():
        raise IngestError(f"{path}: the file is empty")
    text = decode(data, path)
    article = reader(text, str(path))
    if title:
        article = replace(article, title=title)
    article = _without_markup(article)
    if not article.paragraphs:
        raise IngestError(f"{path}: no article text found in it")
    return article


def decode(data: bytes, path: Path) -> str:
    """Text from bytes: UTF-8 (or UTF-16 with a BOM), a declared HTML charset, or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(f"{path}: broken UTF-16 text; save it as UTF-8") from None
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise IngestError(
            f"{path}: looks like a binary file, not an article (expected text, Markdown or HTML)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(sample)
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["cp1252"]:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        log.warning("%s: not UTF-8; read it as %s (check accented letters in the draft)", path, encoding)
        return text
    raise IngestError(f"{path}: not UTF-8 or Windows-1252 text; save it as UTF-8")


def _without_markup(article: Article) -> Article:
    """No tag-like text ('<script>') survives into a draft, from any field."""

    def clean(text: str) -> str:
        return " ".join(_MARKUP.sub(" ", text).split())

    paragraphs = tuple(p for p in (clean(p) for p in article.paragraphs) if p)
    return replace(
        article,
        title=clean(article.title),
        paragraphs=paragraphs,
        publisher=clean(article.publisher),
        url=article.url if not _MARKUP.search(article.url) else "",
    )
