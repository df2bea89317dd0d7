"""Text rules every stage shares: one slug rule, one URL-safety rule, one sentence splitter."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from text_unidecode import unidecode

TAG_RE = re.compile(r"<[^>]+>")
SAFE_URL_SCHEMES = ("http", "https", "mailto")
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
# A URL with a safe scheme written plainly: no entity, space or control character to read through.
PLAIN_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^&\x00-\x20\x7f]*")


# Cyrillic letters whose generic transliteration reads badly ("Rossiia"): the common
# practical romanisation instead ("rossiya", "kyiv" needs no table).
CYRILLIC = str.maketrans(
    {
        "я": "ya", "ю": "yu", "ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "й": "y", "ы": "y", "э": "e", "ь": "", "ъ": "", "є": "ye", "ї": "yi",
        "і": "i", "ґ": "g", "ў": "w",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)  # names and tags recur across briefs
def slugify(text: str) -> str:
    """One slug rule for briefs, entities and tags: readable ASCII, stable for ASCII input.

    'Pantus: New Phase!' → 'pantus-new-phase', 'Gdańsk' → 'gdansk', 'Россия' → 'rossiya'.
    Two Unicode spellings of one name (composed or not) give one slug. Empty when nothing
    in ``text`` is a letter or digit.
    """
    folded = unicodedata.normalize("NFKC", text).lower()
    if not folded.isascii():
        ascii_text = unidecode(folded.translate(CYRILLIC)).lower()
        if not re.search(r"[a-z0-9]", ascii_text):  # letters with no Latin reading: name them
            ascii_text = " ".join(f"u{ord(c):x}" for c in folded if c.isalnum())
        folded = ascii_text
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def is_safe_url(url: str) -> bool:
    """True for http(s)/mailto URLs and relative links; never javascript:, data: or //host.

    Judged as a browser would read it: after HTML entities are decoded and with every space and
    control character gone (browsers drop tabs and newlines inside a scheme: ``java\tscript:``)."""
    if PLAIN_SAFE_URL.fullmatch(url):  # most links: the answer without decoding them
        return True
    bare = URL_NOISE.sub("", html.unescape(url))
    scheme = urlsplit(bare).scheme.lower()
    if scheme:
        return scheme in SAFE_URL_SCHEMES
    return not bare.startswith(("//", "\\\\", "/\\", "\\/"))


def tag_slug(name: str) -> str:
    return slugify(name) or "tag"


def plain_text(body_html: str) -> str:
    """A brief body as plain text, for snippets."""
    return html.unescape(TAG_RE.sub(" ", body_html))


def sentences(text: str) -> list[str]:
    """Every sentence of a text, line by line."""
    return [s for line in text.splitlines() for s in split_sentences(line)]


ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col capt sgt st jr sr inc ltd co corp no vs etc e.g i.e jan feb mar
    apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u rep sen gov adm maj cmdr mt ft approx
    fig gov't p.m a.m
    """.split()
)
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?(\w))")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]?$")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations such as 'Dr.' inside."""
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        if not (match.group(1).isupper() or match.group(1).isdigit()):
            continue  # a sentence starts with a capital (any script) or a figure
        before = _WORD_BEFORE.search(paragraph, start, match.start() + 1)
        word = before.group(1).rstrip(".").lower() if before else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or _INITIALS.fullmatch(word):
            continue  # 'Dr.', 'J.', 'J.C. Chandor', 'J.J. Abrams'
        sentences.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
