"""Sentences and words: the units every extractor reads.

Sentences end at '.', '!' or '?' before a capital, digit or quote, except after an abbreviation
such as 'Dr.' or 'U.S.'. Tokens keep their character offsets, split off a possessive "'s" and
keep hyphenated words ("Military-Technical") and dotted abbreviations ("U.S") whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest.article import Article

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col capt sgt st jr sr inc ltd co corp no vs etc e.g i.e jan feb mar
    apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u rep sen gov adm maj cmdr mt ft approx
    fig gov't p.m a.m
    """.split()
)
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]?$")
NAME_ABBREVIATIONS = (
    "St Mt Ft Jr Sr Gov Sen Rep Dr Mr Mrs Ms Gen Lt Col Capt Sgt Adm Maj Prof Ala Ariz Ark Calif Colo "
    "Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Va Vt "
    "Wash Wis Wyo"
).split()
# Dotted abbreviations keep their full stop, so that a name holds them: 'U.S.', 'J.J. Abrams',
# 'D. Joshua Taylor', 'St. Louis', 'Mo.'.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}(?![\w])|[A-Z]\.(?=\s+[A-Z])|(?:" + "|".join(NAME_ABBREVIATIONS) + r")\.(?=\s|$|[,;)])"
    r"|\bvs?\.(?=\s+[A-Z])"
    r"|[’']s\b|\w+(?:[-.&]\w+|['’](?!s\b)\w+)*|[^\w\s]"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article; the headline is sentence 0 when the article has one."""

    index: int
    text: str
    headline: bool = False


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark and its character offsets in its sentence."""

    text: str
    start: int
    end: int


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations such as 'Dr.' inside."""
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
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


def article_sentences(article: Article) -> list[Sentence]:
    """The headline, then every body sentence, numbered in reading order."""
    sentences = [Sentence(0, article.title, headline=True)] if article.title else []
    for paragraph in article.paragraphs:
        for text in split_sentences(paragraph):
            sentences.append(Sentence(len(sentences), text))
    return sentences


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with offsets; "Russia's" gives 'Russia' and "'s"."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
