"""Sentences and words: the units every extractor reads.

Sentences are split by the project's one rule (``model.text.split_sentences``). Tokens keep their character offsets, split off a possessive "'s" and
keep hyphenated words ("Military-Technical") and dotted abbreviations ("U.S") whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from generator.ingest.article import Article
from generator.model.text import split_sentences

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


class Token(NamedTuple):
    """A word or punctuation mark and its character offsets in its sentence (a tuple: a
    sentence makes dozens, and a tuple is made in half a frozen dataclass's time)."""

    text: str
    start: int
    end: int


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
