"""Names that news layout gives away, where capitalisation alone misleads.

- a dateline: 'MUMBAI (Reuters) -', 'GREEN BAY, Wis. --', '(CNN) --': the city is a place, the
  agency in brackets an organization, and the two are not one thing;
- a sign-off: '(Reporting by A and B in JAKARTA; Editing by C)', "CNN's A, B and C contributed
  to this report": people, and the places they wrote from;
- a title in quotes: '“A Most Violent Year”', '"Final Verdict"': a work, named whole;
- a place inside a longer name: 'Ann Arbor Police Department' names Ann Arbor too, as the
  labelling conventions ask ('Bank of Canada' → Canada).

Each finder returns character spans with a type; ``entities`` turns them into mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest.gazetteer import canonical_place
from generator.ingest.lexicon import JOINERS, ORG_HEADS

_DASH = r"(?:-{1,2}|—|–)"
AREA_HEADS = frozenset("County Province Region District Valley Coast Peninsula".split())
_MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?!" + _MONTH_DAY + r")(?P<region>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?"
    r"(?:,?\s*\(?(?P<date>"
    + _MONTH_DAY
    + r")\)?)?"  # 'WASHINGTON (Aug. 13) --', 'MOSCOW, April 10 (RIA Novosti)'
    r"(?:\s*\((?P<agency>[A-Z][\w .&'’-]{1,40})\))?\s*(?:" + _DASH + r"\s|(?P<alone>$))"
)
_BARE_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s*(?P<region>[A-Z][a-z]+\.?))?\s+(?=[A-Z](?:[a-z]|\s))"
)
_AGENCY_ONLY = re.compile(r"^\((?P<agency>[A-Z][\w .&'’-]{1,40})\)\s*" + _DASH + r"\s")
_SIGNOFF = re.compile(
    r"^\(?(?:(?:Additional\s+)?[Rr]eporting|Writing|Editing|Compiled|Reported)\s+[Bb]y\s+(?P<rest>.+?)\)?\.?$"
)
_CONTRIBUTED = re.compile(
    r"^(?P<org>[A-Z][\w&.]*)['’]s\s+(?P<names>.+?)\s+(?:contributed|reported)\s+(?:to\s+)?this\s+(?:report|story)"
)
_ROLE = re.compile(r"^\s*(?:(?:Additional\s+)?[Rr]eporting|Writing|Editing|Compiled)\s+[Bb]y\s+")
# Where one credit of a sign-off ends: 'X; Editing by Y', 'X. Writing by Y', 'X Editing by Y'.
_CREDIT_BREAK = re.compile(r";|\.?\s+(?=(?:Writing|Editing|Compiled)\s+[Bb]y\s)")
_PERSON = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|bin|al|el)){1,3}$")
_QUOTED = re.compile(r"[“\"](?P<title>[A-Z][^\"“”]{2,70}?)(?:[,.]\s?)?[”\"]")
_TITLE_WORD = re.compile(r"^(?:[A-Z0-9][\w'’:.&-]*|of|the|a|an|and|in|on|for|to|with|at|by|from|or)$")
_SMALL = frozenset("of the a an and in on for to with at by from or".split())
MIN_TITLE_WORDS = 2
MIN_CITY_LETTERS = 4
MAX_TITLE_WORDS = 8


@dataclass(frozen=True)
class Span:
    """A name found by layout: where it is, what it is, and another form of it if any."""

    start: int
    end: int
    kind: str
    other_name: str = ""  # 'Mumbai' for 'MUMBAI'
    nickname: str = ""  # 'Jokowi' in 'Joko “Jokowi” Widodo'


def dateline(text: str, opening: bool = False) -> list[Span]:
    """The dateline at the start of a sentence, if it has one; the ``opening`` sentence of the
    body may also have one whose dash was lost ('CHICAGO The Cook County Jail ...')."""
    agency = _AGENCY_ONLY.match(text)
    if agency:
        return [Span(agency.start("agency"), agency.end("agency"), "organization")]
    bare = _BARE_DATELINE.match(text) if opening else None
    if bare and (bare.group("region") or canonical_place(bare.group("city").title())):
        spans = [Span(bare.start("city"), bare.end("city"), "place", _city(bare.group("city")))]
        if bare.group("region"):
            spans.append(Span(bare.start("region"), bare.end("region"), "place"))
        return spans
    match = _DATELINE.match(text)
    if not match or (
        match.group("alone") is not None and not (match.group("date") and match.group("agency"))
    ):
        return []  # a line of its own only as 'MOSCOW, April 10 (RIA Novosti)'
    city = match.group("city")
    titled = _city(city)
    spans = [Span(match.start("city"), match.end("city"), "place", titled)]
    if match.group("region"):
        spans.append(Span(match.start("region"), match.end("region"), "place"))
    if match.group("agency"):
        spans.append(Span(match.start("agency"), match.end("agency"), "organization"))
    if not (
        match.group("agency")
        or match.group("region")
        or canonical_place(titled)
        or len(city) >= MIN_CITY_LETTERS
    ):
        return []  # an upper-case opening word ('AI -'), not a dateline
    return spans


def _city(caps: str) -> str:
    """A dateline's city in title case; one named as its state or country is the city:
    'NEW YORK' is New York City, 'KUWAIT' Kuwait City."""
    titled = " ".join(word.capitalize() for word in caps.split())
    return f"{titled} City" if canonical_place(f"{titled} City") == f"{titled} City" else titled


def signoff(text: str) -> list[Span]:
    """People (and the cities they wrote from) in a news agency's or network's sign-off."""
    contributed = _CONTRIBUTED.match(text)
    if contributed:
        spans = [Span(contributed.start("org"), contributed.end("org"), "organization")]
        return spans + _names(text, contributed.start("names"), contributed.group("names"))
    match = _SIGNOFF.match(text.strip())
    if not match:
        return []
    offset = text.find(match.group("rest"))
    spans: list[Span] = []
    rest = match.group("rest")
    cuts = [(m.start(), m.end()) for m in _CREDIT_BREAK.finditer(rest)]
    for begin, end in zip([0] + [e for _, e in cuts], [s for s, _ in cuts] + [len(rest)], strict=True):
        part = rest[begin:end]
        role = _ROLE.match(part)
        spans += _names(text, offset + begin + (role.end() if role else 0), part[role.end() if role else 0 :])
    return spans


def _names(text: str, offset: int, listing: str) -> list[Span]:
    """'A, B and C in JAKARTA, D in SYDNEY' → the people and the places."""
    spans = []
    for piece in re.finditer(r"[^,]+", listing.replace(" and ", ", ")):
        words = piece.group().strip()
        if not words:
            continue
        place = None
        if " in " in words:
            words, place = words.split(" in ", 1)
        start = text.find(words, offset + piece.start() - 4 if piece.start() >= 4 else offset)
        if _PERSON.match(words.strip()) and start >= 0:
            spans.append(Span(start, start + len(words.strip()), "person"))
        if place:
            place = place.strip()
            place_start = text.find(place, start if start >= 0 else offset)
            if place_start >= 0:
                titled = " ".join(w.capitalize() for w in place.split())
                spans.append(Span(place_start, place_start + len(place), "place", titled))
    return spans


_NICKNAMED = re.compile(
    r"\b(?P<first>[A-Z][a-z]+)\s+[“\"](?P<nick>[A-Z][\w'’.-]+)[”\"]\s+(?P<last>[A-Z][a-z]+)\b(?!\s+[A-Z])"
)


def nicknamed(text: str) -> list[Span]:
    """'Joko “Jokowi” Widodo': a person named with a nickname between first name and surname."""
    return [
        Span(m.start(), m.end(), "person", f"{m.group('first')} {m.group('last')}", m.group("nick"))
        for m in _NICKNAMED.finditer(text)
    ]


_PARTY_TAG = re.compile(r"(?<![\w-])[RDI]-(?P<state>[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+)?)(?=[),;]|\s*$)")


def party_tags(text: str) -> list[Span]:
    """'Sen. Ted Cruz, R-Texas,' and '(R-Warren)': the place a US politician represents."""
    return [Span(m.start("state"), m.end("state"), "place") for m in _PARTY_TAG.finditer(text)]


_POST_AUTHOR = re.compile(r"(?:^|--\s|—\s)(?P<name>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})\s\(@\w+\)")
_RANKED = re.compile(r"\bNo\.\s?\d{1,2}\s(?P<team>[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,2})")


def post_authors(text: str) -> list[Span]:
    """'-- Angela Night (@Angelheartnight) November 8, 2016': who wrote an embedded post."""
    return [Span(m.start("name"), m.end("name"), "person") for m in _POST_AUTHOR.finditer(text)]


def ranked_teams(text: str) -> list[Span]:
    """'No. 4 Ohio State', 'No. 1 Alabama': a ranked team, not the state."""
    return [Span(m.start("team"), m.end("team"), "organization") for m in _RANKED.finditer(text)]


_NAME_PART = r"[A-Z][\w&'’.-]*"
_TICKER = re.compile(
    rf"(?P<name>{_NAME_PART}(?:\s+(?:{_NAME_PART}|and|&|of|de))*?)\s+"
    r"\((?P<ticker>[A-Z0-9]{1,6}\.[A-Z]{1,3}|(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|NSE|BSE)\s*:\s*[A-Z0-9.]{1,8})\)"
)


TICKER = "ticker"


def ticker_names(text: str) -> list[Span]:
    """'Lanco Infratech (LAIN.NS)', 'Larsen and Toubro (LART.NS)', 'Acme (NYSE: ACM)': a listed
    company named whole before its stock ticker; the ticker (kind ``TICKER``) names nothing new."""
    spans = []
    for match in _TICKER.finditer(text):
        words = match.group("name").split()
        while words and (
            words[0].lower() in ("and", "&", "of", "de", "the")
            or (len(words) > 2 and words[1] == "of" and words[0] not in ORG_HEADS)
        ):
            words = words[1:]  # 'Shares of Acme Corp'; but 'Bank of America'
        if not words or words[-1] in ("and", "&", "of", "de"):
            continue
        start = match.end("name") - len(" ".join(words))
        spans.append(Span(start, match.end("name"), "organization"))
        spans.append(Span(match.start("ticker"), match.end("ticker"), TICKER))
    return spans


_GIVEN = r"[A-Z][a-z]{2,}"
_SHARED_SURNAME = re.compile(
    rf"\b(?P<list>{_GIVEN}(?:,\s+{_GIVEN})+,?\s+and)\s+(?P<last>{_GIVEN})\s+(?P<surname>{_GIVEN})\b(?![\w-]|\s+[A-Z])"
)
_RELATIVE = re.compile(
    rf"(?P<surname>{_GIVEN})['’]s\s+(?:wife|husband|son|daughter|brother|sister|mother|father|widow),\s+"
    rf"(?P<given>{_GIVEN})\b(?![\w.]|\s+[A-Z]|\s+[a-z]+\s+[A-Z])"
)


def family_names(text: str) -> list[Span]:
    """Given names that share a surname: 'Kent, Stephanie and Rachel Jordan' names Kent Jordan
    and Stephanie Jordan; "Trump's wife, Melania" names Melania Trump."""
    spans = []
    for match in _SHARED_SURNAME.finditer(text):
        surname = match.group("surname")
        names = [match.group("last"), *match.group("list").replace(",", " ").split()[:-1]]
        before = text[: match.start()].split()[-1:]
        if before and (before[0][:1].isupper() or before[0] in ("of", "for", "on", "the")):
            continue  # 'Ministry of Labour, Solidarity and Social Security'
        if any(canonical_place(n) for n in names) or surname in ORG_HEADS:
            continue  # 'Indonesia, Malaysia and South Korea'
        offset = match.start("list")
        for given in re.finditer(_GIVEN, match.group("list")):
            spans.append(
                Span(offset + given.start(), offset + given.end(), "person", f"{given.group()} {surname}")
            )
    for match in _RELATIVE.finditer(text):
        if not canonical_place(match.group("given")):
            full = f"{match.group('given')} {match.group('surname')}"
            spans.append(Span(match.start("given"), match.end("given"), "person", full))
    return spans


def quoted_titles(text: str) -> list[Span]:
    """'“Inside Llewyn Davis”': two to eight words in title case between quotes name a work."""
    spans = []
    for match in _QUOTED.finditer(text):
        words = match.group("title").split()
        if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS:
            continue
        if not all(_TITLE_WORD.match(w) for w in words) or words[-1] in _SMALL:
            continue
        if text[: match.start()].rstrip().endswith("("):
            continue  # '(“The Violence”)': a translation, not a title
        spans.append(Span(match.start("title"), match.end("title"), "other"))
    return spans


def inner_places(words: list[str]) -> list[tuple[int, int]]:
    """Word ranges of known places inside a longer name: its first words, or the words after
    'of' ('University of Western Australia'), or its last word ('Air France')."""
    found = []
    size = len(words)
    area = next((k for k in range(1, min(size - 1, 4)) if words[k] in AREA_HEADS), None)
    if area is not None and words[0] not in JOINERS:
        found.append((0, area + 1))  # 'Los Angeles County Superior Court', 'Orange County Register'
    for length in range(min(size - 1, 4), 0, -1):
        for start in (0, size - length):
            candidate = " ".join(words[start : start + length])
            if canonical_place(candidate) and not any(a <= start < b for a, b in found):
                found.append((start, start + length))
        for index, word in enumerate(words[:-1]):
            if word == "of" and index + 1 + length <= size:
                candidate = " ".join(words[index + 1 : index + 1 + length])
                if canonical_place(candidate) and not any(a <= index + 1 < b for a, b in found):
                    found.append((index + 1, index + 1 + length))
    return sorted(set(found))
