"""The bottom line and the key points, chosen from the article's own sentences (extractive).

The summary is the lead: news puts the bottom line first. Key points are the other sentences
that best cover what the article is about: many of its frequent words, named entities and
dates, a readable length, and a subject of their own (not 'He said ...' out of context).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from generator.ingest.lexicon import COMMON_WORDS
from generator.ingest.sentences import Sentence

MIN_KEY_POINTS, MAX_KEY_POINTS = 3, 5
MIN_WORDS, MAX_WORDS = 8, 45
SHORT_LEAD_WORDS = 15
MAX_OVERLAP = 0.6
_WORD = re.compile(r"[a-z][a-z'-]+")
_DEPENDENT_START = re.compile(r"^[\"“‘']|^(?:he|she|it|they|this|that|these|those|his|her|its|their)\b", re.I)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in COMMON_WORDS]


def choose_summary(sentences: list[Sentence]) -> tuple[str, set[int]]:
    """One or two lead sentences and their indices."""
    body = [s for s in sentences if not s.headline and len(s.text.split()) >= MIN_WORDS // 2]
    if not body:
        body = [s for s in sentences if not s.headline] or sentences
    chosen = [body[0]]
    if len(body[0].text.split()) < SHORT_LEAD_WORDS and len(body) > 1:
        chosen.append(body[1])
    return " ".join(s.text for s in chosen), {s.index for s in chosen}


def choose_key_points(
    sentences: list[Sentence],
    exclude: set[int],
    entity_counts: dict[int, int],
    dated: set[int],
) -> list[str]:
    """Three to five sentences that cover the article best, in reading order."""
    frequency = Counter(w for s in sentences for w in set(_words(s.text)))
    candidates = [s for s in sentences if not s.headline and s.index not in exclude]
    total = max(len(candidates), 1)
    scored = []
    for position, sentence in enumerate(candidates):
        words = _words(sentence.text)
        length = len(sentence.text.split())
        score = sum(frequency[w] - 1 for w in set(words)) / math.sqrt(max(len(words), 1))
        score += 1.0 * entity_counts.get(sentence.index, 0) + (0.5 if sentence.index in dated else 0)
        score -= position / total
        if not MIN_WORDS <= length <= MAX_WORDS:
            score -= 3
        if _DEPENDENT_START.match(sentence.text):
            score -= 2
        scored.append((score, sentence))
    wanted = min(MAX_KEY_POINTS, max(MIN_KEY_POINTS, len(candidates) // 4))
    chosen: list[Sentence] = []
    for _, sentence in sorted(scored, key=lambda pair: -pair[0]):
        if len(chosen) == wanted:
            break
        if all(_overlap(sentence.text, other.text) <= MAX_OVERLAP for other in chosen):
            chosen.append(sentence)
    return [s.text for s in sorted(chosen, key=lambda s: s.index)]


def _overlap(a: str, b: str) -> float:
    first, second = set(_words(a)), set(_words(b))
    return len(first & second) / max(min(len(first), len(second)), 1)
