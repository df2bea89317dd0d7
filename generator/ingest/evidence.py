"""What a name in a sentence is: a person, organization, place, event, programme or other.

Each clue gives a type and a strength; the strongest clue wins, and a lone capitalised word
with no clue is not kept as an entity. Strengths, strongest first:

- ``KNOWN`` the registry or ``ingest.yaml`` names it;
- ``SURE`` a gazetteer place, a head word ('Ministry', 'Sea', 'Summit'), a title ('President');
- ``STRONG`` a type noun beside it ('the icebreaker X', 'X, the trade bloc', 'X crater'), a role
  ('chief executive X'), 'X, who leads ...', 'X, Colorado';
- ``CONTEXT`` a place word ('near X', 'based in X'), a company verb ('buy X'), 'the X';
- ``GUESS`` two to four capitalised words with no other clue: most often a person in news.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from generator.ingest.gazetteer import COMPASS_WORDS, canonical_place, is_demonym, regions
from generator.ingest.lexicon import (
    COMMON_ACRONYMS,
    COMPANY_CONTEXT,
    EVENT_FIRST_WORDS,
    EVENT_HEADS,
    LEGISLATURES,
    LOCATIVE_WORDS,
    MAKERS,
    MASTHEAD_WORDS,
    NAME_NOUNS,
    NAME_PARTICLES,
    NAME_SUFFIX_TYPES,
    NAMED_DAY_WORDS,
    NAMING_CUES,
    NOUN_TYPES,
    ORG_HEADS,
    OTHER_HEADS,
    PERSON_RELATIVE,
    PLACE_CONTEXT,
    PLACE_CONTEXT_PAIRS,
    PLACE_FIRST_WORDS,
    PLACE_HEAD_PAIRS,
    PLACE_HEADS,
    PROGRAMME_HEADS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    SURNAME_TITLES,
    TITLE_WORDS,
    WEEKDAYS,
)
from generator.ingest.names import JOINED_HEADS, LOWER_CAMEL, head_word, is_acronym
from generator.ingest.sentences import Token

KNOWN, SURE, STRONG, CONTEXT, GUESS, NONE = 5, 4, 3, 2, 1, 0
_INITIAL_WORD = re.compile(r"^(?:[A-Z]\.)+$")
_REGNAL = re.compile(r"^(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3})$")  # a pope's or king's number
_DOMAIN = re.compile(r"^[A-Z][\w-]*\.(?:com|org|net|co\.uk)$")
SHIP_PREFIXES = frozenset("USS HMS HMCS HMAS INS RFS USNS".split())
INNER_ORG_WORDS = frozenset(
    "News Airlines Airways Bank Media Group Broadcasting College University Institute School".split()
)
COMPASS_NAME_WORDS = COMPASS_WORDS | frozenset(
    "Northeast Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern Upper Lower Greater".split()
)
HEAD_TYPES = (
    (ORG_HEADS | MASTHEAD_WORDS, "organization"),  # 'Los Angeles Times', 'San Bernardino Sun'
    (PLACE_HEADS, "place"),
    (EVENT_HEADS, "event"),
    (PROGRAMME_HEADS, "programme"),
    (OTHER_HEADS, "other"),
)
FIRST_WORD_TYPES = {word: "place" for word in PLACE_FIRST_WORDS} | {
    word: "event" for word in EVENT_FIRST_WORDS
}
MAX_PERSON_WORDS = 4
APPOSITIVE_REACH = 6
OWNED_BY_FIRMS = frozenset(
    "chief CEO CFO shares stock shareholders stockholders board headquarters subsidiary subsidiaries employees".split()
)
STOCK_WORDS = frozenset("shares stock shareholders stockholders".split())
_CAMEL = re.compile(r"^[A-Z][a-z]{2,}(?:(?:[A-Z][a-z]{2,})+|TV|FM)$")
_CAMEL_SURNAME = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)[A-Z]")  # 'McConnell', 'LaGuardia'
PAIR_TYPES = (
    {pair: "place" for pair in PLACE_CONTEXT_PAIRS}
    | {("published", "in"): "organization"}
    | {(verb, article): "other" for verb in ("won", "win", "wins", "winning") for article in ("a", "an")}
)  # 'won a Golden Globe': an award
DEMONYM_PREFIXES = COMPASS_WORDS | {
    "Native",
    "Indigenous",
    "Aboriginal",
    "Middle",
}  # 'Native Hawaiian', 'Middle Eastern'
# Two-word type nouns whose last word alone says otherwise ('carrier' is an airline).
PAIR_NOUNS = {("aircraft", "carrier"): "other", ("news", "agency"): "organization"}
FAN_WORDS = frozenset("fan fans supporter supporters".split())
OFFICES = frozenset(  # 'managing director of X': X is an organization
    """minister president ambassador executive officer director manager chairman chairwoman chair
    spokesman spokeswoman spokesperson secretary founder co-founder chief deputy editor commissioner
    owner chancellor""".split()
)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*$")


@dataclass(frozen=True)
class Clue:
    """A type and how sure we are of it."""

    type: str | None
    strength: int


NO_CLUE = Clue(None, NONE)


def is_person_like(words: list[str]) -> bool:
    """Two to four plain capitalised words, particles allowed: 'Martijn de Groot'."""
    names = [w for w in words if w not in NAME_PARTICLES]
    if len(names) > 1 and len(names[0]) == 2 and names[0].isupper() and not canonical_place(names[0]):
        names = names[1:]  # 'MS Dhoni': initials
    if len(names) > 1 and _REGNAL.match(names[-1]):
        names = names[:-1]  # 'Benedict XVI', 'Henry VIII'
    while len(names) > 1 and _INITIAL_WORD.match(names[0]):
        names = names[1:]  # 'J.C. Chandor', 'D. Joshua Taylor'
    return (
        1 <= len(names) <= MAX_PERSON_WORDS
        and all(_NAME_WORD.match(w) and not w.isupper() and not LOWER_CAMEL.match(w) for w in names)
        and not any(w in ORG_HEADS or w in PLACE_HEADS or w in EVENT_HEADS for w in names)
        and not any(w in TITLE_WORDS for w in names[:-1])
        and names[-1] not in PROGRAMME_HEADS | OTHER_HEADS  # 'Climate Bill', but 'Bill Gates'
        and not (names[-1] in TITLE_WORDS and (len(names) < 2 or names[-1] not in SURNAME_TITLES))
    )


def state_of(words: list[str]) -> str | None:
    """The place 'State of New Jersey' names: New Jersey."""
    return canonical_place(" ".join(words[2:])) if words[:2] == ["State", "of"] else None


def is_adjective_of_place(words: list[str]) -> bool:
    """'Russian', 'South American', 'Belarusian and Russian': not names of anything."""
    text = " ".join(words)
    return is_demonym(text) or (
        all(is_demonym(w) or w in DEMONYM_PREFIXES or w == "and" for w in words)
        and any(map(is_demonym, words))
    )  # 'Middle Eastern', but 'Middle East' is a place


def name_clue(words: list[str]) -> Clue:
    """What the words of a name say by themselves: a known place, a head word, an acronym."""
    text = " ".join(words)
    if canonical_place(text):
        return Clue("place", SURE)
    if len(words) == 1 or (LOWER_CAMEL.match(words[0]) and not _head_clue(words)):
        return _word_clue(words[0])  # 'iPad Mini' is the iPad's kind
    if len(words) > 1 and words[0] in COMPASS_NAME_WORDS and canonical_place(" ".join(words[1:])):
        return Clue("place", SURE)  # 'Northern Virginia', 'Northwest Arkansas'
    if len(words) > 1 and tuple(words[-2:]) in PLACE_HEAD_PAIRS:
        return Clue("place", SURE)
    if len(words) > 1 and words[0] in MAKERS and any(c.isdigit() for c in words[-1]):
        return Clue("other", SURE)  # 'Airbus A330', 'Boeing 777'
    if len(words) > 2 and any(w in ("v.", "vs.", "v") for w in words[1:-1]):
        return Clue("other", SURE)  # 'Abbott v. Burke'
    if len(words) > 1 and words[0] in SHIP_PREFIXES:
        return Clue("other", SURE)  # 'USS Sampson'
    if len(words) > 1 and words[0] == "Air" and canonical_place(" ".join(words[1:])):
        return Clue("organization", SURE)  # 'Air France', 'Air India'
    if len(words) == 2 and words[0] in NAMED_DAY_WORDS and words[1] in WEEKDAYS:
        return Clue("event", SURE)  # 'Black Friday', 'Super Tuesday'
    headed = _head_clue(words)
    if headed:
        return headed
    if words[0] in FIRST_WORD_TYPES:
        return Clue(FIRST_WORD_TYPES[words[0]], SURE)  # 'Mount Everest', 'Hurricane Sandy'
    if len(words) > 2 and any(w in INNER_ORG_WORDS for w in words[1:-1]):
        return Clue("organization", STRONG)  # 'Fox News Latino'
    if len(words) > 1 and words[0] in ORG_HEADS:
        return Clue("organization", STRONG)  # 'Brigade North'
    if (
        len(words) > 1
        and _INITIAL_WORD.match(words[0])
        and not canonical_place(words[0])
        and is_person_like(words)
    ):
        return Clue("person", STRONG)  # 'J.C. Chandor', 'D. Joshua Taylor'
    return NO_CLUE


def _head_clue(words: list[str]) -> Clue | None:
    """What a name's head word says: 'Ministry', 'Sea', 'House of Fraser', 'Fox News Channel'."""
    head = head_word(words)
    if tuple(words[-2:]) == ("Space", "Station"):
        return Clue("other", SURE)  # 'International Space Station': a spacecraft
    if head == "Channel" and not (canonical_place(" ".join(words[:-1])) or is_adjective_of_place(words[:-1])):
        return Clue("organization", SURE)  # 'Fox News Channel', 'Weather Channel'; not 'English Channel'
    if head in JOINED_HEADS and words.index(head) < len(words) - 1:
        placed = head == "State" and state_of(words)
        return Clue("place" if placed else JOINED_HEADS[head], SURE)  # 'House of Fraser', 'City of London'
    if "-" in head and head.rsplit("-", 1)[1] in MASTHEAD_WORDS and len(words) > 1:
        return Clue("organization", SURE)  # 'Yamhill Valley News-Register', 'Star-Ledger'
    for heads, kind in HEAD_TYPES:
        if head in heads and len(words) > 1:  # a lone 'Steel' or 'Ministry' names nothing
            return Clue(kind, SURE)
    return None


def _word_clue(word: str) -> Clue:
    """What one word says by itself: a web address, a brand in camel case, an acronym."""
    if LOWER_CAMEL.match(word):
        return Clue("other" if word.startswith("i") else "organization", STRONG)  # 'iPad', 'eBay'
    if _DOMAIN.match(word):
        return Clue("organization", SURE)  # 'PolitickerNJ.com'
    if _CAMEL.match(word) and not _CAMEL_SURNAME.match(word):
        return Clue("organization", STRONG)  # 'ScotRail', 'FirstGroup', 'MetroTV': a brand, not a person
    if is_acronym(word) and word not in COMMON_ACRONYMS:
        return Clue("organization", CONTEXT)
    return NO_CLUE


def context_clue(tokens: list[Token], start: int, end: int) -> tuple[Clue, str | None]:
    """What the words around tokens[start:end] say; also a type noun that belongs to the name."""
    after = [t.text for t in tokens[end : end + APPOSITIVE_REACH + 2]]
    before = [t.text for t in tokens[max(0, start - 4) : start]]
    words = [t.text for t in tokens[start:end]]
    if tuple(after[:2]) in PAIR_NOUNS:
        return Clue(PAIR_NOUNS[tuple(after[:2])], STRONG), " ".join(after[:2])  # 'the Fars news agency'
    if after and after[0] in NAME_NOUNS:
        return Clue(NOUN_TYPES[after[0]], STRONG), after[0]  # 'Brent crude', though Brent is a borough too
    if after and after[0] in NOUN_TYPES and words[0] in LEGISLATURES and len(words) == 1:
        return Clue("organization", STRONG), None  # 'a House bill': the House's, not a bill's name
    if after and after[0] in NOUN_TYPES:
        kind = NOUN_TYPES[after[0]]
        return Clue(kind, STRONG), after[0] if kind in NAME_SUFFIX_TYPES else None
    coded = any(c.isdigit() for c in words[-1])
    if coded and after and NOUN_TYPES.get(after[0].removesuffix("s")) == "other":
        return Clue("other", STRONG), None  # 'C-17 jets', but 'Navy ships' are the navy's
    if after and after[0] in FAN_WORDS and canonical_place(" ".join(words)):
        return Clue("organization", STRONG), None  # 'a Crystal Palace fan', 'Chicago fans': a team
    says = after and (
        after[0] in SPEECH_VERBS or (after[0] == "," and after[1:2] and after[1] in SPEECH_VERBS)
    )
    if before and before[-1] == "," and says and (after[0] != "," or is_person_like(words)):
        return Clue(
            "person", CONTEXT
        ), None  # 'at the bottom of the sea, Soelistyo said'; 'committee, Nelson Koech, said'
    clue = _clue_before(before) or _clue_after(after, words)
    return clue or NO_CLUE, None


def _clue_before(before: list[str]) -> Clue | None:
    if not before:
        return None
    last = before[-1]
    if last in TITLE_WORDS or last.rstrip(".") + "." in TITLE_WORDS:
        return Clue("person", SURE)  # 'Dr. Naomi Brandt' lost the title to the full stop
    if last == "." and len(before) > 1 and before[-2] in TITLE_WORDS:
        return Clue("person", SURE)
    nearest = before[-2] if last == "," and len(before) > 1 else last
    if nearest in ROLE_NOUNS:
        return Clue("person", STRONG)
    typed = PAIR_NOUNS.get(tuple(before[-2:])) or NOUN_TYPES.get(nearest)  # 'the aircraft carrier X'
    if typed:
        return Clue(typed, STRONG)
    if last in NAMING_CUES or (len(before) > 1 and tuple(before[-2:]) == ("known", "as")):
        for word in reversed(before[:-1]):
            if word in NOUN_TYPES:
                return Clue(NOUN_TYPES[word], STRONG)
        return Clue("other", CONTEXT)
    kind = "place" if last in PLACE_CONTEXT else PAIR_TYPES.get(tuple(before[-2:]))
    if kind:  # 'based in X' a place; 'published in X' a journal, 'won a X' an award, which no person is
        return Clue(kind, CONTEXT if kind == "place" else STRONG)
    if last == "of" and len(before) > 1 and NOUN_TYPES.get(before[-2]) == "place":
        return Clue("place", STRONG)  # 'the state of Lower Saxony'
    if last in ("in", "of") and len(before) > 1 and before[-2] in COMPANY_CONTEXT | OFFICES:
        return Clue("organization", CONTEXT)  # 'shares in X', 'acquisition of X', 'managing director of X'
    if last in COMPANY_CONTEXT or (last == "to" and before[-2:-1] == ["merge"]):
        return Clue("organization", CONTEXT)
    if last in SPEECH_VERBS:
        return Clue("person", CONTEXT)
    if last in ("the", "The"):
        locative = len(before) > 1 and before[-2] in LOCATIVE_WORDS
        return Clue("place" if locative else "organization", CONTEXT)  # 'in the Atacama'
    if last in LOCATIVE_WORDS:
        return Clue("place", CONTEXT)  # 'in Lower Saxony': a place, not a person
    if last == "at":
        return Clue("organization", CONTEXT)  # 'analysts at Banco de Crédito'
    return None


def _clue_after(after: list[str], words: list[str]) -> Clue | None:
    if not after:
        return None
    if after[0] in ("'s", "’s") and len(after) > 1 and after[1] in OWNED_BY_FIRMS:
        return Clue("organization", CONTEXT)  # 'Zorvex's chief executive', 'Zorvex's shareholders'
    if after[0] in STOCK_WORDS or (after[0] == "," and after[1:2] == ["which"]):
        return Clue("organization", CONTEXT)  # 'Zorvex shares fell', 'Zorvex, which makes chips'
    if after[0] == "," and len(after) > 1:
        if after[1] in regions() or canonical_place(after[1]) in regions():
            return Clue("place", STRONG) if len(words) == 1 else None  # 'Boulder, Colorado'
        if after[1] == "who" and len(after) > 2 and after[2] in PERSON_RELATIVE | SPEECH_VERBS:
            return Clue("person", STRONG)
        if after[1] in ("the", "a", "an"):
            for word, following in itertools.pairwise([*after[2:], ""]):
                if word in (",", ".", "of", "that", "which"):
                    break
                if word in ROLE_NOUNS:
                    return Clue("person", STRONG)
                if word in NOUN_TYPES and following not in ROLE_NOUNS:  # 'a state senator' is a person
                    return Clue(NOUN_TYPES[word], STRONG)
    if after[0] in SPEECH_VERBS:  # 'Scottish Hydro Electric Power Distribution said': no person's name
        initialled = any(_INITIAL_WORD.match(w) for w in words)  # 'Brian M. Good said'
        return Clue("person" if initialled or is_person_like(words) else "organization", CONTEXT)
    return None
