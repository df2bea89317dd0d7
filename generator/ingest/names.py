"""Find the capitalised names in a sentence: 'Dmitry Pantus', 'Ministry of Industry and Trade'.

A name is a run of capitalised words. It may hold name particles ('Martijn de Groot'), and
'of/for/on' after a head word ('Bank of England', 'Panel on Climate Change'). 'and' joins only
inside an organization's name ('Ministry of Industry and Trade', 'National Snow and Ice Data
Center') or a known place ('Bosnia and Herzegovina'), never two names ('Canada and the United
States'). Months and weekdays are never names.
"""

from __future__ import annotations

import re

from generator.ingest.gazetteer import COMPASS_WORDS, canonical_place, is_demonym
from generator.ingest.lexicon import (
    EVENT_HEADS,
    JOINERS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_PARTICLES,
    NAMED_DAY_WORDS,
    ORG_HEADS,
    OTHER_HEADS,
    PLACE_HEADS,
    PROGRAMME_HEADS,
    TIME_ZONES,
    TITLE_WORDS,
    WEEKDAYS,
)
from generator.ingest.sentences import Token

SAINTS = frozenset({"St.", "St", "Saint"})
POSSESSIVE_NAME_WORDS = frozenset("King Queen People Children Women Men Workers Veterans Farmers".split())
# Heads only before a joiner, and what they make a name: 'House of Fraser', 'People for the
# Ethical Treatment of Animals', 'City of London', 'State of the Union' (an address; 'State of
# Ohio' is a place).
JOINED_HEADS = {"House": "organization", "People": "organization", "City": "place", "State": "event"}
HEADS = ORG_HEADS | PLACE_HEADS | EVENT_HEADS | PROGRAMME_HEADS | OTHER_HEADS
NOT_NAMES = (
    frozenset(MONTHS + WEEKDAYS + MONTH_ABBREVIATIONS + ["Follow"])
    | {f"{m}." for m in [*MONTH_ABBREVIATIONS, "Jan", "Mar"]}  # 'Aug. 13'
    | TIME_ZONES
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_LOWER_PART = re.compile(r"-(?!(?:i|e|al|el|ul|ud|ur|o|e)-[A-Z])[a-z]")  # not 'Mazar-i-Sharif'
_ARTICLE_PREFIX = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az|ez|an|ud|ul|ur)-[A-Z]\w"
)  # 'al-Assad', 'Deir ez-Zor'
LOWER_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]{2,}$")  # 'iPad', 'eBay', 'iSight'; not 'mRNA', 'kWh'
MAX_AND_CONTINUATION = 3
# Words a number or model code follows inside a name: 'Flight 8501', 'Boeing 777', 'Route 66'.
CODE_HEADS = frozenset(
    "Flight Boeing Airbus Embraer Bombardier Route Highway Interstate Apollo Soyuz Falcon".split()
)
_ROMAN = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")  # 'World War II'
_CODE = re.compile(r"^(?:\d{1,5}|[A-Z]{1,3}\d[\w-]*|\d+[A-Z]+)$")
MAX_HEADED_CONTINUATION = 6
MONTH_SURNAMES = frozenset({"May", "June", "April"})
_DAY_NUMBER = re.compile(r"^\d{1,4}(?:st|nd|rd|th)?,?$")  # 'George and Joyce Wein Jazz & Heritage Center'


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a name ('Pantus', 'NATO', 'Military-Technical')."""
    text = token.text
    if _ARTICLE_PREFIX.match(text) or (LOWER_CAMEL.match(text) and not text[-3:].isupper()):
        return True
    return (
        text[0].isupper()
        and any(c.isalpha() for c in text)
        and text not in NOT_NAMES
        and not _LOWER_PART.search(text)  # 'Oslo-based', 'Soviet-era' are adjectives
    )


def without_article(word: str) -> str:
    """'assad' of 'al-assad': a surname less its Arabic article, which its short form drops."""
    head, _, rest = word.partition("-")
    return rest if rest and _ARTICLE_PREFIX.match(f"{head}-{rest[:2].title()}") else word


def hyphen_prefix(token: Token) -> str | None:
    """'Oslo' from 'Oslo-based': the capitalised part of a compound adjective, if any."""
    if token.text[0].isupper() and _LOWER_PART.search(token.text):
        return token.text.split("-", 1)[0]
    return None


def is_acronym(text: str) -> bool:
    """'NATO', 'U.S', 'FSVTS': two to seven capitals (dots allowed), no lower-case letters."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def find_name_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of every capitalised name in a sentence."""
    spans = []
    i, n = 0, len(tokens)
    while i < n:
        starts_ordinal = _ORDINAL.match(tokens[i].text) and i + 1 < n and is_name_word(tokens[i + 1])
        if not (is_name_word(tokens[i]) or starts_ordinal):
            i += 1
            continue
        j = i + 1
        while j < n:
            step = _extension(tokens, i, j)
            if step is None:
                break
            j = step
        spans.append((i, j))
        i = j
    return spans


def _extension(tokens: list[Token], i: int, j: int) -> int | None:
    """Where the name tokens[i:j] can grow to through tokens[j], or None if it ends at j."""
    n = len(tokens)
    word = tokens[j].text
    if is_name_word(tokens[j]):
        return j + 1
    if word in ("'s", "’s") and _possessive_head(tokens, i, j):
        headed = j + 1 < n and tokens[j + 1].text in HEADS
        return (
            j + 2 if headed or tokens[i].text not in SAINTS else j + 1
        )  # 'King's College London', 'St Thomas's Hospital'
    if word in WEEKDAYS and tokens[j - 1].text in NAMED_DAY_WORDS:
        return j + 1  # 'Black Friday'
    if word in MONTH_SURNAMES and tokens[j - 1].text not in HEADS and not _dated(tokens, j):
        return j + 1  # 'Mark May', 'Theresa May': a surname, not the month
    following = j + 1 < n and is_name_word(tokens[j + 1])
    if word in NAME_PARTICLES and following:
        return j + 1
    headed = any(t.text in JOINERS for t in tokens[i:j])  # 'Board for Certification of Genealogists'
    if word in JOINERS and (
        tokens[j - 1].text in HEADS | TITLE_WORDS | JOINED_HEADS.keys() or (word == "of" and headed)
    ):
        k = j + 2 if j + 2 < n and tokens[j + 1].text in ("the", "a", "an") else j + 1
        rest = [t.text for t in tokens[k : _name_run(tokens, k)]]
        if rest and rest[0] in COMPASS_WORDS:
            rest = rest[1:]  # 'South Pacific'
        if (
            rest
            and canonical_place(" ".join(t.text for t in tokens[i:j]))
            and canonical_place(" ".join(rest))
        ):
            return None  # 'the Marshall Islands of the South Pacific': two places
        return k if k < n and is_name_word(tokens[k]) else None
    if word in ("and", "&"):
        return _and_extension(tokens, i, j)
    if word in ("v.", "vs.", "v") and following:
        return j + 1  # 'Abbott v. Burke': a court case
    if _CODE.match(word) and tokens[j - 1].text in CODE_HEADS:
        return j + 1  # 'Flight 8501', 'Boeing 777'
    previous = tokens[j - 1].text
    coded = _CODE.match(word) and any(c.isalpha() for c in word) and tokens[j].start == tokens[j - 1].end + 1
    if coded and previous[:1].isupper() and not previous.isdigit():
        return j + 1  # 'Airbus A320-200', 'Flight QZ8501'
    if word == "," and any(t.text in JOINERS for t in tokens[i:j]):
        return _list_extension(tokens, j)
    return None


def _possessive_head(tokens: list[Token], i: int, j: int) -> bool:
    """'King's College', 'Children's Hospital': a possessive common in names, then a head word,
    is one name; not 'Obama's Cabinet' or 'Britain's Foreign Office'."""
    if j == i + 2 and tokens[i].text in SAINTS and tokens[j].start == tokens[j - 1].end:
        saint = " ".join(t.text for t in tokens[i:j])
        return not canonical_place(saint)  # "St. Joseph's University", "St. Benedict's"; not "St. Louis's"
    return (
        tokens[j - 1].text in POSSESSIVE_NAME_WORDS
        and j + 1 < len(tokens)
        and tokens[j].start == tokens[j - 1].end
        and tokens[j + 1].text in HEADS
    )


def _dated(tokens: list[Token], j: int) -> bool:
    """A month with its day or year ('Paris May 5', 'Friday June 3'), or after a weekday."""
    following = tokens[j + 1].text if j + 1 < len(tokens) else ""
    return bool(_DAY_NUMBER.match(following)) or following == "of" or tokens[j - 1].text in WEEKDAYS


def _name_run(tokens: list[Token], k: int) -> int:
    """The end of the run of capitalised words starting at k ('Jazz & Heritage' is one run)."""
    while k < len(tokens) and is_name_word(tokens[k]):
        k += 1
        if k + 1 < len(tokens) and tokens[k].text == "&" and is_name_word(tokens[k + 1]):
            k += 1
    return k


def _and_extension(tokens: list[Token], i: int, j: int) -> int | None:
    k = j + 1
    end = _name_run(tokens, k)
    long_named = end - k <= MAX_HEADED_CONTINUATION and end > k and tokens[end - 1].text in HEADS
    if end == k or (end - k > MAX_AND_CONTINUATION and not long_named):
        return None
    if canonical_place(" ".join(t.text for t in tokens[i:end])):
        return end  # 'Bosnia and Herzegovina'
    if end < len(tokens) and tokens[end].text in ("’s", "'s") and tokens[end - 1].text not in HEADS:
        return None  # '... and Russia’s Federal Service': a second name
    continuation = tokens[k:end]
    if any(canonical_place(t.text) or is_demonym(t.text) for t in continuation):
        return None
    before = tokens[i:j]
    inside_complement = any(t.text in JOINERS for t in before)  # the 'and' is after 'of/for/on'
    if inside_complement and continuation[-1].text not in HEADS:
        return end  # 'Ministry of Industry and Trade', 'Center for Strategic and International Studies'
    if not any(t.text in HEADS for t in before) and continuation[-1].text in HEADS:
        return end  # 'National Snow and Ice Data Center', 'Lewis & Clark Boathouse'
    return None


def _list_extension(tokens: list[Token], j: int) -> int | None:
    """'Ministry of Labour, Solidarity and Social Security': a list inside an 'of' name."""
    k = j
    while k < len(tokens) and tokens[k].text == ",":
        end = _name_run(tokens, k + 1)
        run = [t.text for t in tokens[k + 1 : end]]
        if end == k + 1 or len(run) - run.count("&") > MAX_AND_CONTINUATION:
            return None
        if "&" in run and not any(canonical_place(t.text) for t in tokens[j:end]):
            return end  # 'Department for Environment, Food & Rural Affairs': the list's last item
        k = end
    if k < len(tokens) and tokens[k].text in ("and", "&"):
        end = _name_run(tokens, k + 1)
        if k + 1 < end <= k + 1 + MAX_AND_CONTINUATION and not any(
            canonical_place(t.text) for t in tokens[j:end]
        ):
            return end
    return None


def head_word(words: list[str]) -> str:
    """A name's head: the word before 'of/for/on' if it has one ('Ministry'), else its last word
    that is not a number or code ('Flight' in 'Flight 8501')."""
    for index, word in enumerate(words):
        if word in JOINERS and index > 0:
            return words[index - 1]
    named = [w for w in words if not ((_CODE.match(w) and any(c.isdigit() for c in w)) or _ROMAN.match(w))]
    return named[-1] if named else words[-1]
