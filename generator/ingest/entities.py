"""Find an article's entities and resolve them: one entity per real thing, mapped to the registry.

1. Each sentence gives mentions: registry names, capitalised names (or a spaCy model's), each
   with its strongest clue (see ``evidence``); roles split off ('Defence Minister X' → X);
   news layout read as such (see ``layout``); places inside longer names added; adjectives,
   attributive countries, handles and words in capitals for emphasis left out; names listed
   with a sure place or organization take its type; the publisher's own name is a media
   organization.
2. Mentions that are the same thing are joined: the same name; 'X, also known as Y' and
   'Long Name (LN)'; word-order variants ('State Military-Industrial Committee' and 'State
   Committee of Military Industry'); surnames and short forms ('Pantus', 'Nordvik') of a longer
   name met anywhere in the article; acronyms whose letters spell a name or a phrase.
3. Each group keeps its strongest type and fullest name, and maps to a registry id when any of
   its names is known; the others become new entities, each with a confidence (see
   ``confidence``): below the threshold they go to review instead of the registry.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from generator.ingest.confidence import ENTITY_REVIEW_BELOW, entity_confidence
from generator.ingest.curation import Curation
from generator.ingest.evidence import (
    CONTEXT,
    FAN_WORDS,
    GUESS,
    KNOWN,
    NO_CLUE,
    STRONG,
    SURE,
    Clue,
    context_clue,
    is_adjective_of_place,
    is_person_like,
    name_clue,
    state_of,
)
from generator.ingest.gazetteer import canonical_place, fold, is_demonym, regions
from generator.ingest.layout import (
    TICKER,
    dateline,
    family_names,
    inner_places,
    nicknamed,
    party_tags,
    post_authors,
    quoted_titles,
    ranked_teams,
    signoff,
    ticker_names,
)
from generator.ingest.lexicon import (
    ACTOR_VERBS,
    COMMON_ACRONYMS,
    COMMON_WORDS,
    EVENT_FIRST_WORDS,
    EVENT_HEADS,
    JOINERS,
    LEAGUES,
    LEGISLATURES,
    MASTHEAD_WORDS,
    MIN_SPORT_WORDS,
    NAME_NOUNS,
    NAME_PARTICLES,
    NOUN_TYPES,
    ORG_HEADS,
    OTHER_HEADS,
    PARTY_SHORT_NAMES,
    PARTY_WORDS,
    PLACE_FIRST_WORDS,
    PLACE_HEADS,
    PROGRAMME_HEADS,
    ROLE_NOUNS,
    SEAT_BEFORE,
    SEATS,
    SERVICE_FIRMS,
    SPORT_WORDS,
    SURNAME_TITLES,
    TEAM_AFTER,
    TEAM_BEFORE,
    TEAM_BEFORE_PAIRS,
    TEAM_NAME_AFTER,
    TEAM_NOUNS,
    TITLE_WORDS,
    WELL_KNOWN_ALIASES,
    WELL_KNOWN_TYPES,
)
from generator.ingest.names import (
    CODE_HEADS,
    find_name_spans,
    head_word,
    hyphen_prefix,
    is_acronym,
    without_article,
)
from generator.ingest.registry import KnownNames, NewEntity, new_entity_id
from generator.ingest.sentences import Sentence, Token, tokenize

# A model finder returns, for a sentence's text, (start, end, type or None) character spans.
NameFinder = Callable[[str], list[tuple[int, int, str | None]]]

_ALIAS_BETWEEN = re.compile(
    r"\s*(?:,\s*(?:also\s+)?(?:known|called|referred\s+to)\s+as|,\s*also\s+called|,\s*short\s+for"
    r"|\((?:also\s+known\s+as|known\s+as)?|,\s*or)\s*$"
)
_PUBLISHER_PARTS = re.compile(r"[()|]|\s[-–]\s")
_CODE_PLURAL = re.compile(r"(\d)s\b")
_HUMP = re.compile(r"[A-Z][a-z]+")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and|or|/|&)\s*")
_NUMBERED_PLAN = re.compile(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)"
    r"-point\s+(?:plan|programme|program|agenda|strategy|roadmap)\b"
)
FACILITY_HEADS = frozenset(
    "Airport Airbase Port Harbour Harbor Station Stadium Arena Field Ground Library Center Centre Hospital Park".split()
)
NESTING_TYPES = frozenset({"organization", "event", "programme", "other", "place"})
SMALL_WORDS = JOINERS | NAME_PARTICLES | {"the", "and", "&"}
MIN_SIGNATURE_WORDS = 3
MAX_SHORT_FORM_WORDS = 4
MIN_RUN_ON_WORDS = (
    4  # a title-case headline's run of this many capitalised words is a name only if the body has it
)
MIN_PLAYER_MENTIONS = 3
MAX_FORWARD_SENTENCES = 3  # a headline's 'Obama' is the 'Barack Obama' of the first paragraphs
_CODE_WORD = re.compile(r"^[A-Z]{0,3}\d{1,5}$")
STORM_NOUNS = frozenset("storm hurricane typhoon cyclone".split())
LOCAL_NOUNS = {"council": "organization", "police": "organization", "cartel": "organization"} | {
    noun: "place" for noun in "airport station harbour harbor stadium hospital prison jail".split()
}
_MIXED_ACRONYM = re.compile(r"^[A-Z](?:[a-z]?[A-Z])+$")  # 'MoD', 'DoJ', 'DfE'
ADVERB_ENDINGS = ("ately", "ally", "ously", "ively", "ingly", "edly", "ently", "antly", "fully")
LONE_HEAD_KINDS = (
    (ORG_HEADS, {"organization"}),
    (OTHER_HEADS | PROGRAMME_HEADS | EVENT_HEADS, {"other", "programme", "event"}),
)
SLOTS = frozenset("Week Day Round Game Stage Leg Match Heat".split())
GENERIC_BODIES = frozenset("Government Opposition Administration".split())
RANK_WORDS = frozenset("High Special Senior Assistant Associate Executive Principal".split())
NAME_SUFFIXES = frozenset("jr. jr sr. sr ii iii iv".split())
COMPANY_FORMS = frozenset("Co Co. Inc Inc. Corp Corp. Ltd Ltd. LLC plc PLC Plc AG SA NV".split())
FIRM_TITLES = frozenset("CEO CFO COO CTO".split())
NATIONAL_BODIES = frozenset("government army military navy police parliament assembly legislature".split())
PRONOUN_WORDS = frozenset("I I'm I’m I'd I’d I've I’ve I'll I’ll".split())
MIN_GERUND_LETTERS = 5  # 'Sterling', 'Reading' open names; 'Shuttering' a sentence
MIN_EMPHASIS_LETTERS = 6  # acronyms are shorter ('NATO', 'FSVTS'); 'CLEARED' is a word


@dataclass(frozen=True)
class Mention:
    """One naming of something in one sentence, with the clue to its type."""

    text: str
    sentence: int
    start: int
    end: int
    clue: Clue
    known_id: str | None = None
    extra_names: tuple[str, ...] = ()  # 'Narew' for 'Narew programme'
    layout: bool = False  # read off a dateline, sign-off or quotes: never an alias of a neighbour
    nested: bool = False  # a place inside a longer name ('Seattle' in 'Seattle Police Department')
    team: bool = False  # a country or city named as a team in a sport article ('India’s batsmen')

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def acronym(self) -> bool:
        return is_acronym(self.text)


@dataclass(frozen=True)
class FoundEntity:
    """An entity of the article: a registry entity (``known``) or a new one to review."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    known: bool
    confidence: float = 1.0

    @property
    def accepted(self) -> bool:
        """Sure enough for the registry and the brief; otherwise it goes to review."""
        return self.known or self.confidence >= ENTITY_REVIEW_BELOW


@dataclass(frozen=True)
class EntityFindings:
    """The article's entities in order of first mention, and which sentences name which."""

    entities: tuple[FoundEntity, ...]
    by_sentence: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def new_entities(self) -> list[NewEntity]:
        """New entities sure enough to append to the registry."""
        return [_new(e) for e in self.entities if not e.known and e.accepted]

    def review_entities(self) -> list[NewEntity]:
        """New entities below the confidence threshold: shown in the draft, commented out."""
        return [_new(e) for e in self.entities if not e.accepted]

    def accepted_ids(self) -> set[str]:
        return {e.id for e in self.entities if e.accepted}


def _new(entity: FoundEntity) -> NewEntity:
    return NewEntity(entity.id, entity.name, entity.type, entity.aliases, entity.confidence)


def find_entities(
    sentences: list[Sentence],
    known: KnownNames,
    curation: Curation,
    finder: NameFinder | None = None,
    publisher: str = "",
) -> EntityFindings:
    """Every entity the article names, merged with the registry; the publisher's names
    ('Daily Mail (MailOnline)') are a media organization's."""
    tokenized = [tokenize(s.text) for s in sentences]
    lower_words = {
        t.text
        for tokens in tokenized
        for k, t in enumerate(tokens)
        if t.text.islower() and not (k and tokens[k - 1].text in ("#", "@"))  # not '#toblerone'
    }
    mentions: list[Mention] = []
    links: list[tuple[int, int]] = []
    outlets = {fold(p.strip().removeprefix("The ")) for p in _PUBLISHER_PARTS.split(publisher) if p.strip()}
    body = " ".join(s.text for s in sentences if not s.headline)
    opening = next((s.index for s in sentences if not s.headline), None)
    for sentence, tokens in zip(sentences, tokenized, strict=True):
        found = _sentence_mentions(
            sentence, tokens, known, curation, lower_words, finder, sentence.index == opening
        )
        if sentence.headline and _is_title_case(sentence.text):
            found = [m for m in found if len(m.words) < MIN_RUN_ON_WORDS or m.text in body]
        found = [_as_publisher(m, outlets) for m in found]
        first = len(mentions)
        mentions.extend(found)
        links.extend((first + a, first + b) for a, b in _alias_links(sentence.text, found))
    mentions, links = _resolve_acronyms(sentences, mentions, links)
    if _is_sport(tokenized):
        mentions, links = _mark_teams(mentions, links, tokenized)
    groups = _group(mentions, links)
    return _findings(groups, known, curation)


def _as_publisher(mention: Mention, outlets: set[str]) -> Mention:
    if mention.known_id or fold(mention.text.removeprefix("The ")) not in outlets:
        return mention
    return replace(mention, clue=Clue("organization", SURE))


# --- 1. mentions in one sentence --------------------------------------------------------------


def _sentence_mentions(
    sentence: Sentence,
    tokens: list[Token],
    known: KnownNames,
    curation: Curation,
    lower_words: set[str],
    finder: NameFinder | None,
    opening: bool = False,
) -> list[Mention]:
    text = sentence.text
    if finder is None:
        found = _rule_mentions(sentence, tokens, lower_words)
    else:
        found = _model_mentions(sentence, tokens, finder)
    found += _prefix_mentions(sentence, tokens, known)
    found += [
        Mention(m.group(), sentence.index, m.start(), m.end(), Clue("programme", STRONG))
        for m in _NUMBERED_PLAN.finditer(text)
    ]
    found = _layout_mentions(sentence, found, opening)
    found = _apply_known(sentence, tokens, found, known)
    found = _coordinated(text, sorted(found, key=lambda m: m.start))
    found = [m for m in found if not curation.blocks(m.text)]
    if sentence.headline and _is_title_case(text):
        found = [m for m in found if m.clue.strength >= SURE]
    return sorted(found, key=lambda m: m.start)


def _coordinated(text: str, found: list[Mention]) -> list[Mention]:
    """Names listed with a sure organization or place, and nothing to say otherwise, are of its
    type: 'Sears and Walmart', 'from Glasgow to Ardrossan/Ayr/Largs'."""
    result = list(found)
    typed = {k for k, m in enumerate(result) if m.clue.strength >= SURE}
    for _ in range(2):  # along a list both ways
        for a, b in itertools.pairwise(range(len(result))):
            between = text[result[a].end : result[b].start]
            for sure, weak in ((a, b), (b, a)):
                kind = result[sure].clue.type
                if (
                    sure in typed
                    and kind in ("organization", "place")
                    and _listed(result[weak], between, kind)
                ):
                    result[weak] = replace(result[weak], clue=Clue(kind, CONTEXT))
                    typed.add(weak)
    return result


def _listed(weak: Mention, between: str, kind: str) -> bool:
    """A name with no clue of its own, in a list with one of ``kind``; not 'Congress, Paul Ryan'."""
    limit = CONTEXT if len(weak.words) == 1 and weak.clue.type != "person" else GUESS  # 'the Highlands, ...'
    if weak.nested or weak.clue.strength > limit or (len(weak.words) > 1 and is_person_like(weak.words)):
        return False
    return bool(_LIST_JOIN.fullmatch(between)) or (kind == "place" and between == " to ")


def _layout_mentions(sentence: Sentence, found: list[Mention], opening: bool = False) -> list[Mention]:
    """Datelines, sign-offs and quoted titles replace what capitals alone made of them; places
    inside longer names are added."""
    text = sentence.text
    datelined = dateline(text, opening)
    spans = datelined + signoff(text) + nicknamed(text) + party_tags(text) + post_authors(text)
    spans += ranked_teams(text) + ticker_names(text) + family_names(text)
    spans += [q for q in quoted_titles(text) if not any(n.start <= q.start < n.end for n in spans)]
    if spans:
        rest = [_after_dateline(m, datelined[-1].end, text) for m in found] if datelined else []
        found = [m for m in found if not any(s.start < m.end and m.start < s.end for s in spans)]
        found += [m for m in rest if m and not any(s.start < m.end and m.start < s.end for s in spans)]
        found += [
            Mention(
                text[s.start : s.end],
                sentence.index,
                s.start,
                s.end,
                Clue(s.kind, SURE),
                extra_names=tuple(n for n in (s.other_name, s.nickname) if n),
                layout=True,
            )
            for s in spans
            if s.kind != TICKER
        ]
    inner = []
    for mention in found:
        words = mention.words
        if len(words) < 2 or mention.known_id or mention.layout or mention.clue.type not in NESTING_TYPES:
            continue
        if mention.text.endswith(tuple(f" {noun}" for noun in NAME_NOUNS)):
            continue  # 'Brent crude' names no borough, 'Fars news agency' no province
        if mention.clue.type == "place" and (
            canonical_place(mention.text) or head_word(words) not in FACILITY_HEADS
        ):
            continue  # 'New York City' is one place, 'Java Sea' not Java; 'Philadelphia International Airport' holds Philadelphia
        if mention.clue.strength < STRONG or words[-1] in NATIONAL_BODIES or _team_words(words):
            continue  # 'Chad Myers' is a person, not Chad; in 'the UK government' the UK qualifies
        for a, b in inner_places(words):
            name = " ".join(words[a:b])
            if name.lower() in NAME_PARTICLES:
                continue  # 'Van' in 'Van Aalst Snacks'
            offset = mention.start + len(" ".join(words[:a])) + (1 if a else 0)
            inner.append(
                Mention(name, sentence.index, offset, offset + len(name), Clue("place", SURE), nested=True)
            )
    return found + inner + [m for m in map(_flight_operator, found) if m]


def _after_dateline(mention: Mention, cut: int, text: str) -> Mention | None:
    """The name that runs on from a dateline with no dash: 'General Electric Co' of 'NEW YORK
    General Electric Co said', 'Cook County Jail' of 'CHICAGO The Cook County Jail'."""
    if not mention.start < cut < mention.end:
        return None
    rest = text[cut : mention.end]
    start = cut + len(rest) - len(rest.lstrip())
    for article in ("The ", "A ", "An "):
        if text.startswith(article, start):
            start += len(article)
    words = text[start : mention.end].split()
    if not words or (len(words) == 1 and words[0].lower() in COMMON_WORDS):
        return None  # 'LONDON Oil prices rose'
    own = name_clue(words)
    clue = own if own.type else mention.clue
    return Mention(text[start : mention.end], mention.sentence, start, mention.end, clue)


def _flight_operator(mention: Mention) -> Mention | None:
    """'Malaysia Airlines' in 'Malaysia Airlines Flight 370': a flight's name holds its airline."""
    words = mention.words
    if mention.known_id or mention.layout or "Flight" not in words[1:-1]:
        return None
    cut = words.index("Flight")
    if not _CODE_WORD.match(words[cut + 1]) or any(w.lower() in SMALL_WORDS for w in words[:cut]):
        return None
    name = " ".join(words[:cut])
    if canonical_place(name) or is_adjective_of_place(words[:cut]):
        return None  # 'Indonesia Flight 8501' names no airline
    return Mention(
        name,
        mention.sentence,
        mention.start,
        mention.start + len(name),
        Clue("organization", SURE),
        nested=True,
    )


def _rule_mentions(sentence: Sentence, tokens: list[Token], lower_words: set[str]) -> list[Mention]:
    mentions = []
    for i, j in find_name_spans(tokens):
        if i > 0 and tokens[i - 1].text in ("@", "#") and tokens[i - 1].end == tokens[i].start:
            continue  # '@HelenRyles', '#Toblerone': handles and tags
        if j < len(tokens) and tokens[j].text == "@" and tokens[j].start == tokens[j - 1].end:
            continue  # 'TIPS@a2gov.org': an e-mail address
        bracketed = i > 0 and tokens[i - 1].text == "(" and j < len(tokens) and tokens[j].text == ")"
        if j - i == 1 and not bracketed and _is_emphasis(tokens[i].text, lower_words):
            continue  # 'CLEARED', 'HELPED': a word in capitals, not an acronym; '(WHO)' is one
        while j - i > 1 and _trails(tokens[j - 1].text):
            j -= 1  # 'Minnesota Vikings QB', 'NFL MVP': the name before a common noun's letters
        while (
            i < j
            and tokens[i].text in ("The", "the", "THE")
            and not canonical_place(" ".join(t.text for t in tokens[i:j]))
        ):
            i += 1
        if i < j and _is_common_start(tokens, i, j, lower_words):
            i += 1
        if j - i == 1 and tokens[i].text in LEGISLATURES and i > 0 and tokens[i - 1].text == "state":
            start, end = tokens[i - 1].start, tokens[i].end  # 'the state Senate': the state's own, named so
            clue = Clue("organization", SURE)
            mentions.append(
                Mention(
                    sentence.text[start:end], sentence.index, start, end, clue, extra_names=(tokens[i].text,)
                )
            )
            continue
        body = _national_body(sentence, tokens, i, j)
        if body:
            mentions.append(body)
            continue
        local = j < len(tokens) and tokens[j].text in LOCAL_NOUNS  # 'the Sinaloa cartel' is named
        if i < j and j - i <= 3 and not local and _is_attributive_country(tokens, i, j):
            continue  # 'the US election', 'The U.S. military': the conventions label only the noun use
        particle = i > 0 and tokens[i - 1].text in NAME_PARTICLES and tokens[i - 1].text.islower()
        if particle and not (i > 1 and tokens[i - 2].text[:1].isupper()):
            i -= 1  # 'said van Sebille': a surname, not the city 'Sebille'
        bracketed = i > 0 and tokens[i - 1].text == "(" and j < len(tokens) and tokens[j].text == ")"
        if i >= j or (j - i == 1 and not bracketed and _is_emphasis(tokens[i].text, lower_words)):
            continue  # but '(WHO)' defines an acronym
        role_end = _role_end(tokens, i, j)
        if role_end is not None:
            head = tokens[i].text  # 'GOP Sen. Ted Cruz', 'CNN meteorologist': the body before the title
            firm = role_end == i + 2 and tokens[i + 1].text in FIRM_TITLES  # 'Biz2Credit CEO Rohit Arora'
            if (
                role_end > i + 1
                and (firm or head in WELL_KNOWN_TYPES or (is_acronym(head) and head not in COMMON_ACRONYMS))
                and not _is_attributive_country(tokens, i, i + 1)  # 'U.S. Rep. Ron Paul'
            ):
                before = _typed_mention(
                    sentence, tokens, i, i + 1, Clue("organization", STRONG) if firm else None
                )
                if before:
                    mentions.append(before)
            i, clue = role_end, Clue("person", SURE)
        else:
            clue = None
        mention = _as_store(sentence, tokens, i, j, _typed_mention(sentence, tokens, i, j, clue))
        if mention:
            mentions.extend(_local_body(sentence, tokens, j, mention))
    return mentions


def _as_store(
    sentence: Sentence, tokens: list[Token], i: int, j: int, mention: Mention | None
) -> Mention | None:
    """'outside a Trader Joe's', 'at a McDonald's': after 'a', a possessive name is a store's,
    named with its 's ('a Obama's' is no English)."""
    if not (mention and i > 0 and tokens[i - 1].text in ("a", "an") and j < len(tokens)):
        return mention
    if tokens[j].text not in ("'s", "’s"):
        return mention
    end = tokens[j].end
    return Mention(
        sentence.text[mention.start : end], sentence.index, mention.start, end, Clue("organization", STRONG)
    )


def _national_body(sentence: Sentence, tokens: list[Token], i: int, j: int) -> Mention | None:
    """'the Kenyan government', 'the UK government', 'the Israeli army': a country's own body,
    named by its country or people, an organization (the country itself only qualifies it)."""
    if (
        not (0 < i < j < len(tokens))
        or tokens[j].text not in NATIONAL_BODIES
        or tokens[i - 1].text not in ("the", "The")
    ):
        return None
    words = [t.text for t in tokens[i:j]]
    country = canonical_place(" ".join(words))
    if not (is_adjective_of_place(words) or (country and country in regions())):
        return None
    start, end = tokens[i].start, tokens[j].end
    return Mention(sentence.text[start:end], sentence.index, start, end, Clue("organization", STRONG))


def _local_body(sentence: Sentence, tokens: list[Token], j: int, place: Mention) -> list[Mention]:
    """'Western Isles council', 'Dumfries and Galloway police', 'Dublin airport': a place's own
    body or facility, named with the place inside it."""
    if place.clue.type != "place" or place.end != tokens[j - 1].end or j >= len(tokens):
        return [place]
    kind = LOCAL_NOUNS.get(tokens[j].text)
    if kind is None:
        return [place]
    end = tokens[j].end
    body = Mention(sentence.text[place.start : end], sentence.index, place.start, end, Clue(kind, STRONG))
    return [body, replace(place, nested=True)]


def _trails(word: str) -> bool:
    """A last word that is no part of the name: a common noun's letters or 'I'm' ('Heck I'm')."""
    roman = not set(word) - set("IVX")  # 'World War II'
    return (word in COMMON_ACRONYMS and not roman) or word in PRONOUN_WORDS


def _is_emphasis(word: str, lower_words: set[str]) -> bool:
    """'CLEARED', 'HELPED', 'TOP': a word set in capitals for emphasis, not an acronym."""
    if not (len(word) >= 3 and word.isupper() and word.isalpha()) or word in WELL_KNOWN_TYPES:
        return False
    return word.lower() in lower_words or word.lower() in COMMON_WORDS or len(word) >= MIN_EMPHASIS_LETTERS


_NOT_ATTRIBUTIVE = frozenset(
    """and or nor is was has had have will would said says to in on at for with from by as that which
    who whom but also could can may might should did does are were be been its their his her""".split()
)


# Nouns and adjectives a country's name stands before as a modifier: 'US aircraft', 'US election'.
ATTRIBUTIVE_WORDS = (
    frozenset(
        """
        election aircraft troop soldier force military army navy official authoritie government
        administration economy dollar market policy sanction embassy citizen intelligence
        presidential federal national economic political diplomatic military-led strike drone
        warplane jet missile ally envoy delegation team company firm bank stock share bond
        """.split()
    )
    | ROLE_NOUNS
)
_BARE_BEFORE = frozenset("of for to from with by among between".split())
_DETERMINERS = frozenset(
    "the a an its their his her our this that numerous many several some other all".split()
)


def _is_attributive_country(tokens: list[Token], i: int, j: int) -> bool:
    """'the US election', 'a U.S. official': a country's name between a determiner and a noun."""
    name = " ".join(t.text for t in tokens[i:j])
    if j >= len(tokens) or not canonical_place(name) or canonical_place(name) not in regions():
        return False
    following = tokens[j].text
    if following in TITLE_WORDS and j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper():
        return True  # 'U.S. Rep. Ron Paul', 'US President Barack Obama'
    if not (following.islower() and following.isalpha()) or following in _NOT_ATTRIBUTIVE:
        return False
    if following in COMMON_WORDS or following.endswith("ly") or following.startswith("some"):
        return False  # 'came to the U.S. sometime', 'in the US last year': adverbs follow nouns
    determined = i > 0 and tokens[i - 1].text.lower() in _DETERMINERS
    if i > 0 and tokens[i - 1].text.lower() in _BARE_BEFORE and is_acronym(name):
        return True  # '47% of US merchants': a noun use would be 'of the US'
    if determined or following.removesuffix("s") in ATTRIBUTIVE_WORDS:
        return True  # 'the US election', 'when US aircraft carried out strikes'
    if is_acronym(name) and not following.endswith(("s", "ed")):
        return True  # 'reducing U.S. dependence': a verb would follow a noun use ('U.S. says', 'US imposed')
    second = tokens[j + 1].text if j + 1 < len(tokens) else ""
    adjective = following.endswith(("al", "ic", "ary", "ive"))  # 'US special forces'
    return adjective and second.islower() and second.removesuffix("s") in ATTRIBUTIVE_WORDS


def _model_mentions(sentence: Sentence, tokens: list[Token], finder: NameFinder) -> list[Mention]:
    mentions = []
    for start, end, kind in finder(sentence.text):
        inside = [k for k, t in enumerate(tokens) if t.start >= start and t.end <= end]
        if not inside:
            continue
        i, j = inside[0], inside[-1] + 1
        while i < j and tokens[i].text in ("The", "the"):
            i += 1
        clue = Clue(kind, STRONG) if kind else None
        mention = _typed_mention(sentence, tokens, i, j, clue) if i < j else None
        if mention:
            mentions.append(mention)
    return mentions


def _typed_mention(
    sentence: Sentence, tokens: list[Token], i: int, j: int, given: Clue | None
) -> Mention | None:
    if (
        j - i > 1
        and tokens[i].text in PARTY_WORDS
        and tokens[i + 1].text != "Party"  # 'Democratic Party primaries'
        and head_word([t.text for t in tokens[i:j]]) not in ORG_HEADS  # 'Democratic National Committee'
        and " ".join(t.text for t in tokens[i:j]) not in WELL_KNOWN_TYPES
    ):
        i += 1  # 'Republican Donald Trump'
    words = [t.text for t in tokens[i:j]]
    text = " ".join(words)
    well_known = WELL_KNOWN_TYPES.get(text)
    if text in SERVICE_FIRMS and j < len(tokens) and tokens[j].text in ACTOR_VERBS:
        well_known = "organization"  # 'Twitter told its employees', but 'wrote on Twitter': the service
    seat_place = text in SEATS and _after_word(tokens, i) in SEAT_BEFORE
    lone_common = len(words) == 1 and words[0].lower() in COMMON_WORDS and not is_acronym(words[0])
    if not well_known and (is_adjective_of_place(words) or lone_common or _is_plural_demonym(words)):
        return None
    if _is_role_or_common(words, tokens[j].text if j < len(tokens) else ""):
        return None
    role_after = j < len(tokens) and tokens[j].text in ROLE_NOUNS
    if (
        role_after
        and len(words) > 1
        and is_person_like(words)
        and not given
        and name_clue(words).strength < STRONG
        and not canonical_place(words[0])  # 'Manchester United manager Jose Mourinho': the club
    ):
        return None  # 'Veteran Nollywood actress': what she is, not who
    if not well_known and words[-1] in PARTY_WORDS:
        return None  # 'Democrats', 'New Jersey Republicans'
    own = Clue(well_known, SURE) if well_known else name_clue(words)
    if seat_place:
        own = Clue("place", STRONG)  # 'talks at the Kremlin'; where the seat acts, it is the body
    if role_after and own.strength < CONTEXT and len(words) > 1 and canonical_place(words[0]):
        own = Clue("organization", CONTEXT)  # 'Manchester United manager': a club or a firm
    if own.type == "place" and j < len(tokens) and tokens[j].text in FAN_WORDS:
        own = Clue("organization", SURE)  # 'a Crystal Palace fan': the club, not the place
    if own.strength < SURE and _is_team_name(tokens, i, j):
        own = Clue("organization", STRONG)  # 'the NHL's New Jersey Devils', 'Dallas Cowboys owner'
    around, noun = context_clue(tokens, i, j)
    clues = [given or NO_CLUE, own, around]  # a title in the name wins a tie: "Hawaii Gov. Josh Green"
    if len(words) > 1 and is_person_like(words):
        clues.append(Clue("person", GUESS))
    typed_before = (
        i > 0 and tokens[i - 1].text in NOUN_TYPES and not canonical_place(text)
    )  # 'law firm AJ Park'
    if noun in NAME_NOUNS or (typed_before and around.strength == STRONG and own.strength == SURE):
        clue = around  # 'Brent crude'; a type noun before the name beats its head word
    else:
        clue = max(clues, key=lambda c: c.strength)
    if clue.strength == GUESS and _modifies_noun(tokens, i, j):
        clue = Clue(
            "other", GUESS
        )  # 'a Golden Globe nomination', 'a Big Brother inmate': a title, not a person
    if len(words) == 1 and any(c.isdigit() for c in words[0]) and clue.strength < STRONG:
        return None  # 'COVID-19', 'F-16': a model or a disease, unless the text says what it is
    start, end = tokens[i].start, tokens[j - 1].end
    extra: tuple[str, ...] = ()
    if noun and clue is around:
        end = tokens[
            j + len(noun.split()) - 1
        ].end  # 'Shackleton crater', 'Narew programme', 'Fars news agency'
        extra = (sentence.text[start : tokens[j - 1].end],)
    elif i > 0 and tokens[i - 1].text in STORM_NOUNS and clue.strength < SURE:
        extra = (sentence.text[start:end],)  # 'storm Abigail' is Storm Abigail
        start, clue = tokens[i - 1].start, Clue("event", STRONG)
    return Mention(sentence.text[start:end], sentence.index, start, end, clue, extra_names=extra)


def _is_team_name(tokens: list[Token], i: int, j: int) -> bool:
    """A place and a capitalised plural ('Green Bay Packers'), where the place has several words,
    a league's possessive comes before, or a team's noun after: 'Dallas Woods' may be a person."""
    words = [t.text for t in tokens[i:j]]
    if not _team_words(words):
        return False
    league = i > 1 and tokens[i - 1].text in ("'s", "’s") and tokens[i - 2].text in LEAGUES
    following = tokens[j].text if j < len(tokens) else ""
    return len(words) > 2 or league or following in TEAM_NAME_AFTER


def _team_words(words: list[str]) -> bool:
    """A place and a capitalised plural that heads no body: 'Detroit Lions', not 'Defence Forces'."""
    last = words[-1]
    plural = last.endswith("s") and last[1:].islower() and not last.endswith("ss")
    return (
        len(words) > 1
        and plural
        and last not in ORG_HEADS | MASTHEAD_WORDS | PLACE_HEADS
        and bool(canonical_place(" ".join(words[:-1])))
    )


def _after_word(tokens: list[Token], i: int) -> str:
    """The word before tokens[i], over an article: 'at' of 'at the Kremlin'."""
    k = i - 1 if i > 0 and tokens[i - 1].text in ("the", "The") else i
    return tokens[k - 1].text if k > 0 else ""


def _is_role_or_common(words: list[str], following: str) -> bool:
    """Words that name no one: 'an airline CEO', 'the President' alone, an office ('UN Special
    Envoy for Yemen'), a role ('the High Commissioner'), a body left unnamed ('the Opposition'),
    a slot in a schedule ('in Week 1', 'Game 7')."""
    if len(words) == 1 and (
        words[0] in COMMON_ACRONYMS | GENERIC_BODIES or (words[0] in SLOTS and following.isdigit())
    ):
        return True
    if (len(words) == 1 or any(w in JOINERS for w in words)) and head_word(words) in TITLE_WORDS:
        return True
    return all(w in TITLE_WORDS or w in RANK_WORDS for w in words)


def _modifies_noun(tokens: list[Token], i: int, j: int) -> bool:
    """'a Golden Globe nomination': a name between 'a' and a noun modifies the noun."""
    if i == 0 or j >= len(tokens) or tokens[i - 1].text.lower() not in ("a", "an"):
        return False
    following = tokens[j].text
    return (
        following.isalpha()
        and following.islower()
        and following not in _NOT_ATTRIBUTIVE
        and following not in COMMON_WORDS
        and not following.endswith("ly")
    )


def _is_plural_demonym(words: list[str]) -> bool:
    """'Australians', 'Indonesians', 'African-Americans': people of a place, not a name."""
    word = " ".join(words)  # 'Australians', 'South Koreans'
    if not word[:1].isupper():
        return False
    if canonical_place(word):
        return False  # 'Appalachians', 'Philippines'
    singular = word[:-1] if word.endswith("s") else word
    parts = singular.split("-")
    return is_adjective_of_place(singular.split()) or all(
        is_demonym(part) for part in parts
    )  # 'Native Americans'


def _is_common_start(tokens: list[Token], i: int, j: int, lower_words: set[str]) -> bool:
    """A capitalised everyday word opening the sentence or a quotation ('However', 'Analysts')."""
    opens = i == 0 or tokens[i - 1].text in ('"', "“", "‘", "'", "(", ":", "—", "-")
    word = tokens[i].text
    if not opens or any(canonical_place(" ".join(t.text for t in tokens[i:k])) for k in range(i + 1, j + 1)):
        return False  # 'Moldova ...', 'THE HAGUE —', 'New York City Mayor Bill Smith'

    if word.lower() in NAME_PARTICLES and j > i + 1:
        return False  # 'De Groot'
    if i + 1 < j and (tokens[i + 1].text in JOINERS or word in EVENT_FIRST_WORDS | PLACE_FIRST_WORDS):
        return False  # 'Bank of America', 'Chancellor of the Exchequer George Osborne', 'Storm Abigail'
    lower = word.lower()
    adverb = lower.endswith(ADVERB_ENDINGS)  # 'Fortunately, ...', 'Additionally'
    gerund = (
        j > i + 1
        and len(lower) > MIN_GERUND_LETTERS
        and lower.endswith("ing")
        and word not in WELL_KNOWN_TYPES
    )
    return (
        adverb
        or gerund  # 'Shuttering Guantanamo', 'Explaining Beijing'
        or lower in COMMON_WORDS
        or lower in lower_words
        or lower in NOUN_TYPES
        or lower in ROLE_NOUNS
    )


def _role_end(tokens: list[Token], i: int, j: int) -> int | None:
    """Where the person's name starts after a role: 'Secretary General | Marit Halvorsen'."""
    last_title = None
    for k in range(i, j):
        surname = k == j - 1 and k > i and tokens[k].text in SURNAME_TITLES  # 'Peter King'
        if tokens[k].text in TITLE_WORDS and not surname:
            last_title = k
    if last_title is None:
        return None
    start = last_title + 1
    joined = start < j and tokens[start].text in JOINERS
    if joined:  # 'State Secretary for Defence Mirjam de Wit'
        start += 2 if start + 1 < j and tokens[start + 1].text == "the" else 1
        start += 1
    names = [t.text for t in tokens[start:j]]
    if joined and len(names) < 2:
        return None  # 'Minister for Life Sciences': the rest of the office, not a person
    headed = (
        len(names) == 2 and is_person_like(names[:1]) and names[1] in PLACE_HEADS
    )  # 'Chairman Steve Hill'
    return start if names and (is_person_like(names) or headed) else None


def _prefix_mentions(sentence: Sentence, tokens: list[Token], known: KnownNames) -> list[Mention]:
    """'Oslo' in 'Oslo-based', when it is a known place or entity."""
    mentions = []
    for index, token in enumerate(tokens):
        prefix = hyphen_prefix(token)
        start = token.start
        if prefix and index > 0 and tokens[index - 1].text[:1].isupper():
            wider = f"{tokens[index - 1].text} {prefix}"
            if canonical_place(wider) or known.lookup(wider):
                prefix, start = wider, tokens[index - 1].start  # 'New York-area', not 'York'
        if prefix and (canonical_place(prefix) or known.lookup(prefix)):
            end = (
                token.start + len(prefix)
                if start == token.start
                else token.start + len(prefix.split(" ", 1)[1])
            )
            mentions.append(Mention(prefix, sentence.index, start, end, Clue("place", SURE)))
    return mentions


def _apply_known(
    sentence: Sentence, tokens: list[Token], found: list[Mention], known: KnownNames
) -> list[Mention]:
    """Registry names win over overlapping names, unless a longer name holds them."""
    for start, end, entity_id in known.scan(tokens):
        holders = [m for m in found if m.start <= start and end <= m.end and (m.start, m.end) != (start, end)]
        if any(m.clue.strength >= SURE and not m.known_id for m in holders):
            continue  # 'Council of the European Union' holds 'European Union'
        found = [m for m in found if m.end <= start or m.start >= end]
        kind = known.entities[entity_id].type
        text = sentence.text[start:end]
        found.append(Mention(text, sentence.index, start, end, Clue(kind, KNOWN), entity_id))
    return found


def _is_title_case(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _alias_links(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Pairs of mentions the sentence says are one: 'X, also known as Y', 'Long Name (LN)'."""
    links = []
    order = [i for i, m in enumerate(mentions) if not m.nested]
    for a, b in itertools.pairwise(order):
        first, second = mentions[a], mentions[b]
        if first.layout or second.layout:
            continue
        between = text[first.end : second.start]
        if not _ALIAS_BETWEEN.fullmatch(between):
            continue
        if between.strip().startswith("(") and not text[second.end :].lstrip().startswith(")"):
            continue
        if between.strip().startswith("(") and _other_person(first, second):
            continue  # 'Carter (Denzel Washington)': the actor who plays him
        if between.strip() == ", or" and not (second.acronym or text[second.end : second.end + 1] in ",)"):
            continue
        links.append((a, b))
    return links


def _other_person(first: Mention, second: Mention) -> bool:
    """Two full names of people with no word in common are two people."""
    return (
        len(second.words) > 1
        and is_person_like(second.words)
        and is_person_like(first.words)
        and not set(first.words) & set(second.words)
    )


# --- teams ------------------------------------------------------------------------------------


def _is_sport(tokenized: list[list[Token]]) -> bool:
    """An article about a game: it holds several words of sport reporting."""
    words = {t.text.lower() for tokens in tokenized for t in tokens}
    return len(words & SPORT_WORDS) >= MIN_SPORT_WORDS


def _mark_teams(
    mentions: list[Mention], links: list[tuple[int, int]], tokenized: list[list[Token]]
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """In a sport article, a country or city named as an actor is its team: 'India’s batsmen',
    'against Australia', 'Chicago’s Ego Ferguson', 'Detroit' where 'Detroit Lions' plays."""
    result, links = list(mentions), list(links)
    bare = Counter(m.text for m in mentions if m.clue == NO_CLUE and len(m.words) == 1)
    datelined = {
        canonical_place(m.text) or canonical_place(n) for m in mentions if m.layout for n in m.extra_names
    }
    datelined |= {canonical_place(m.text) for m in mentions if m.layout}
    for index, mention in enumerate(mentions):
        if _is_nickname(mention) or _is_city_club(mention):
            result[index] = replace(mention, clue=Clue("organization", STRONG))
            continue
        if bare[mention.text] >= MIN_PLAYER_MENTIONS and _is_player(mention):
            result[index] = replace(mention, clue=Clue("person", CONTEXT))
            continue
        place = canonical_place(mention.text)
        if mention.layout or mention.nested or mention.known_id or not place or place in datelined:
            continue  # 'GREEN BAY, Wis. --' and then 'Green Bay coach': the city
        team = next((k for k, other in enumerate(mentions) if _names_team_of(other, mention)), None)
        if team is not None:
            links.append((team, index))
        if team is not None or _team_cue(tokenized[mention.sentence], mention):
            result[index] = replace(mention, team=True)
    return result, links


def _is_player(mention: Mention) -> bool:
    """'Walsh nailed his third field goal', 'Kohli should have been run out': in a sport article a
    lone name that nothing types, named again and again, is a player's surname."""
    word = mention.text
    return (
        mention.clue == NO_CLUE
        and word[1:].islower()
        and not word.endswith("s")
        and word not in PRONOUN_WORDS
        and not (canonical_place(word) or is_adjective_of_place([word]) or word.lower() in COMMON_WORDS)
    )


def _is_city_club(mention: Mention) -> bool:
    """'Manchester City', 'Leicester City': in a sport article a place and 'City' that is no
    city's name is a club ('Kansas City' and 'Mexico City' are cities)."""
    words = mention.words
    return (
        len(words) > 1
        and words[-1] == "City"
        and not mention.known_id
        and bool(canonical_place(" ".join(words[:-1])))
        and not canonical_place(mention.text)
    )


def _is_nickname(mention: Mention) -> bool:
    """'the Vikings', 'the Dolphins': in a sport article a lone plural name after 'the' is a team."""
    word = mention.text
    return (
        mention.clue.type == "organization"
        and mention.clue.strength == CONTEXT
        and len(mention.words) == 1
        and word.endswith("s")
        and word[1:].islower()
        and word not in EVENT_HEADS  # 'the Olympics', 'the Finals'
        and not (canonical_place(word) or _is_plural_demonym([word]) or word.lower() in COMMON_WORDS)
    )


def _names_team_of(other: Mention, place: Mention) -> bool:
    """'Detroit Lions' for 'Detroit': the place and one plural capitalised word."""
    words, size = other.words, len(place.words)
    return (
        other.clue.type == "organization"
        and len(words) == size + 1
        and words[:size] == place.words
        and words[-1].endswith("s")
        and words[-1][:1].isupper()
        and words[-1] not in ORG_HEADS
    )


def _team_cue(tokens: list[Token], mention: Mention) -> bool:
    starts = [k for k, t in enumerate(tokens) if t.start == mention.start]
    ends = [k + 1 for k, t in enumerate(tokens) if t.end == mention.end]
    if not starts or not ends:
        return False
    i, j = starts[0], ends[0]
    before = [t.text for t in tokens[max(0, i - 2) : i]]
    after = [t.text for t in tokens[j : j + 10]]
    if before and (before[-1] in TEAM_BEFORE or (before[-1] in ("at", "for") and before[:-1] == ["player"])):
        return True  # 'against India', 'a former player at Pittsburgh'
    if tuple(before[-2:]) in TEAM_BEFORE_PAIRS:
        return True  # 'an upset loss to Minnesota'
    if after and after[0] in TEAM_AFTER:
        return True
    if after and after[0] in ("’s", "'s"):
        rest = after[1:4]
        named = len(rest) > 1 and is_person_like(rest[:2]) and rest[0][:1].isupper()
        return named or any(w in TEAM_NOUNS for w in rest)  # 'Chicago’s Ego Ferguson', 'India’s batting'
    clause = list(itertools.takewhile(lambda w: w not in (",", ".", ";", ":"), after))
    return "their" in clause  # 'India was nowhere close to their notional victory'


# --- 2. acronyms ------------------------------------------------------------------------------


def _resolve_acronyms(
    sentences: list[Sentence], mentions: list[Mention], links: list[tuple[int, int]]
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Link each undefined acronym to a name whose initials spell it, or a phrase that does."""
    linked = {i for pair in links for i in pair}
    result, links = list(mentions), list(links)
    for index, mention in enumerate(mentions):
        mixed = not mention.acronym and bool(_MIXED_ACRONYM.match(mention.text))  # "MoD": o is "of"
        if (
            not (mention.acronym or mixed)
            or mention.known_id
            or index in linked
            or canonical_place(mention.text)
        ):
            continue
        letters = mention.text.replace(".", "").upper()
        target = next(
            (
                k
                for k, other in enumerate(mentions)
                if not other.acronym and len(other.words) > 1 and letters in _initials(other.words, mixed)
            ),
            None,
        )
        if target is None and len(letters) >= 3:
            phrase = _spelled_phrase(sentences, letters)
            if phrase:
                result.append(phrase)
                target = len(result) - 1
        if target is not None:
            links.append((target, index))
    return result, links


def _initials(words: list[str], small: bool = False) -> set[str]:
    """'Federal Service for Military-Technical Cooperation' → {'FSMC', 'FSMTC'}; with ``small``,
    small words count too: 'Ministry of Defence' → 'MOD' (written 'MoD'); a company's form may be
    left out: 'GE' of 'General Electric Co'."""
    content = [w for w in words if small or w.lower() not in SMALL_WORDS]
    whole = "".join(w[0] for w in content).upper()
    split = "".join(part[0] for w in content for part in w.split("-") if part).upper()
    formless = {whole[:-1], split[:-1]} if len(content) > 2 and content[-1] in COMPANY_FORMS else set()
    return {whole, split} | formless


def _spelled_phrase(sentences: list[Sentence], letters: str) -> Mention | None:
    """'military-industrial complex' for 'MIC', if its last word says what it is."""
    parts = r"[\s-]+".join(rf"{c.lower()}[a-z]*" for c in letters)
    pattern = re.compile(rf"(?:\b([A-Z][a-z]+)\s+)?\b({parts})\b")
    for sentence in sentences:
        for match in pattern.finditer(sentence.text):
            noun = match.group(2).split()[-1].split("-")[-1]
            if noun not in NOUN_TYPES:
                continue
            adjective = match.group(1)
            start = match.start(1) if adjective and is_demonym(adjective) else match.start(2)
            text = sentence.text[start : match.end()]
            return Mention(text, sentence.index, start, match.end(), Clue(NOUN_TYPES[noun], STRONG))
    return None


# --- 3. groups --------------------------------------------------------------------------------


def _group(mentions: list[Mention], links: list[tuple[int, int]]) -> list[list[Mention]]:
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_key: dict[tuple, int] = {}
    for index, mention in enumerate(mentions):
        for key in _keys(mention):
            join(index, by_key.setdefault(key, index))
    for a, b in links:
        join(a, b)
    signatures: dict[frozenset, int] = {}
    for index, mention in enumerate(mentions):
        signature = _signature(mention.words)
        if signature and mention.clue.type == "organization":
            join(index, signatures.setdefault(signature, index))
    folded = [[fold(w) for w in m.text.replace(" & ", " and ").split()] for m in mentions]
    surnames = _surnames(folded)
    for index in range(len(mentions)):
        target = _longer_form(index, mentions, folded, surnames)
        if target is None or _conflicts(mentions[root(target)], mentions[root(index)]):
            continue
        if _named_long_before(mentions[root(index)], mentions[target]):
            continue  # 'Obama' all along, then 'Michelle Obama': the surname was someone else's
        join(index, target)
    for index, mention in enumerate(mentions):
        target = _blended(mention, mentions)
        if target is not None:
            join(index, target)  # 'CalMac' of 'Caledonian MacBrayne'
    groups: dict[int, list[Mention]] = {}
    for index, mention in enumerate(mentions):
        groups.setdefault(root(index), []).append(mention)
    return [groups[r] for r in sorted(groups)]


def _blended(mention: Mention, mentions: list[Mention]) -> int | None:
    """The name a one-word blend is made of, each part the start of one of its words:
    'CalMac' of 'Caledonian MacBrayne'."""
    parts = _HUMP.findall(mention.text) if len(mention.words) == 1 else []
    if len(parts) < 2 or "".join(parts) != mention.text:
        return None
    for index, other in enumerate(mentions):
        words = other.words
        if len(words) == len(parts) and all(
            w.startswith(p) and w != p for w, p in zip(words, parts, strict=True)
        ):
            return index
    return None


def _named_long_before(first: Mention, full: Mention) -> bool:
    """A short form used sentences before a person's full name first appears names someone else
    ('Obama' for the President, then 'Michelle Obama'; 'Wein' for George, then 'Joyce Wein')."""
    person = full.clue.type in (None, "person") and len(full.words) > 1 and is_person_like(full.words)
    if not person or first.clue.type not in (None, "person") or canonical_place(full.words[0]):
        return False  # 'Indonesia AirAsia', 'Happy Thanksgiving' after 'Thanksgiving': no person's name
    return first.sentence < full.sentence - MAX_FORWARD_SENTENCES


def _conflicts(a: Mention, b: Mention) -> bool:
    """Two registry entities, or two different places, are never one group."""
    if a.known_id and b.known_id:
        return a.known_id != b.known_id
    return bool(canonical_place(a.text) and canonical_place(b.text))


def _keys(mention: Mention) -> list[tuple]:
    if mention.known_id:
        return [("id", mention.known_id)]
    place = (
        (mention.layout and mention.extra_names and canonical_place(mention.extra_names[0]))
        or canonical_place(mention.text)
        or state_of(mention.words)
    )  # 'SINGAPORE' in a sign-off is Singapore, the dateline 'NEW YORK' New York City
    keys = [("place", place)] if place else [("name", _name_key(mention.text))]
    full = WELL_KNOWN_ALIASES.get(mention.text) or PARTY_SHORT_NAMES.get(mention.text)
    if full:
        keys.append(("name", _name_key(full)))  # 'ISIL' of 'Islamic State', 'Labour' of 'Labour Party'
    words = [w for w in mention.words if w != "the"]
    if len(words) in (3, 4) and words[0] in ORG_HEADS and words[1] == "of":
        keys.append(("name", _name_key(" ".join([*words[2:], words[0]]))))  # 'Labour Ministry'
    return keys + [("name", _name_key(name)) for name in mention.extra_names]


def _name_key(text: str) -> str:
    """'Jazz & Heritage Foundation' and 'Jazz and Heritage Foundation' are one name, and so are
    'Airbus A320s' and 'Airbus A320', and 'Super Bowls' and 'Super Bowl'."""
    words = text.split()
    if len(words) > 1 and words[-1].endswith("s") and words[-1][:-1] in EVENT_HEADS:
        text = text[:-1]
    return fold(_CODE_PLURAL.sub(r"\1", text.replace(" & ", " and ")))


def _signature(words: list[str]) -> frozenset | None:
    """Word stems without order, for 'State Military-Industrial Committee' = 'State Committee
    of Military Industry'."""
    stems = frozenset(
        part.strip(",;:")[:5].lower() for w in words if w.lower() not in SMALL_WORDS for part in w.split("-")
    )
    return stems if len(stems) >= MIN_SIGNATURE_WORDS else None


def _headed_by(mention: Mention, mentions: list[Mention], folded: list[list[str]]) -> int | None:
    """The one name of its kind a lone head word stands for: 'the Corps' of 'Marine Corps',
    'the Code' of 'Canada Labour Code'."""
    kinds = next((kinds for heads, kinds in LONE_HEAD_KINDS if mention.text in heads), None)
    if len(mention.words) != 1 or kinds is None:
        return None
    word = fold(mention.text)
    holders = [
        k
        for k, other in enumerate(mentions)
        if len(folded[k]) > 1 and folded[k][-1] == word and other.clue.type in kinds
    ]
    names = {" ".join(folded[k]) for k in holders}
    return holders[0] if len(names) == 1 else None


def _by_first_name(word: str, mentions: list[Mention], folded: list[list[str]]) -> list[int]:
    """The mentions of the one full name in the text that starts with ``word``, if only one does."""
    found = [
        k
        for k, other in enumerate(mentions)
        if len(folded[k]) > 1
        and folded[k][0] == word
        and other.clue.type in (None, "person")
        and is_person_like(other.words)
    ]
    return found if len({" ".join(folded[k]) for k in found}) == 1 else []


def _unsuffixed(words: list[str]) -> list[str]:
    """A person's folded name less a generational suffix: 'Caesar Goodson Jr.' ends in 'goodson'."""
    return words[:-1] if len(words) > 2 and words[-1] in NAME_SUFFIXES else words


def _bare(words: list[str]) -> list[str]:
    """A folded name whose surname drops its article: 'bashar assad' of 'bashar al-assad'."""
    return [*words[:-1], without_article(words[-1])]


def _surnames(folded: list[list[str]]) -> tuple[list[list[str]], dict[str, list[int]]]:
    """Each folded name less a generational suffix, and the mentions by that name's last word
    (with and without its article), so that a surname finds its full names without a scan."""
    unsuffixed = [_unsuffixed(words) for words in folded]
    ending: dict[str, list[int]] = {}
    for k, words in enumerate(unsuffixed):
        for last in {words[-1], without_article(words[-1])} if words else ():
            ending.setdefault(last, []).append(k)
    return unsuffixed, ending


def _longer_form(
    index: int,
    mentions: list[Mention],
    folded: list[list[str]],
    surnames: tuple[list[list[str]], dict[str, list[int]]],
) -> int | None:
    """The first mention that mentions[index] shortens: a surname, a name's first words, a name
    less its country ('Department of Commerce' of 'US Department of Commerce'). ``surnames``
    is each folded name less a generational suffix, and the mentions by its last word."""
    mention, words = mentions[index], folded[index]
    if (
        mention.known_id
        or mention.acronym
        or len(words) > MAX_SHORT_FORM_WORDS
        or (canonical_place(mention.text) and mention.clue.type != "person")  # 'Mr. Douglas' is no city
        or (mention.clue.type == "place" and mention.clue.strength >= SURE)  # 'Western Isles' of its council
    ):
        return None
    size = len(words)
    unsuffixed, ending = surnames
    people = [
        k
        for k in (ending.get(words[-1], ()) if words else ())
        for other, full in [(mentions[k], unsuffixed[k])]
        if len(full) > size
        and (
            other.clue.type in (None, "person") or other.clue == Clue("other", GUESS)
        )  # 'a Doug Baldwin touchdown'
        and (full[-size:] == words or _bare(full)[-size:] == words)
        and is_person_like(other.words[: len(full)])
    ]
    firms = [
        k
        for k, other in enumerate(mentions)
        if len(folded[k]) > size
        and other.clue.type in ("organization", "programme", "event", "other")
        and other.clue.strength >= CONTEXT
        and folded[k][:size] == words
    ]
    head = _headed_by(mention, mentions, folded)
    if head is not None:
        return head
    if (
        size == 1 and mention.clue.type != "place"
    ):  # 'the Hilton' of 'the Beverly Hilton', 'Huron' of 'Lake Huron'
        sites = [
            k
            for k, other in enumerate(mentions)
            if other.clue.type == "place"
            and len(folded[k]) == 2
            and folded[k][-1] == words[0]
            and not canonical_place(other.text)
        ]
        if sites and len({" ".join(folded[k]) for k in sites}) == 1:
            return sites[0]
    if mention.text in ("North", "South"):  # 'the North' of 'North Korea', when the text names one such
        halves = [
            k for k, other in enumerate(mentions) if folded[k][:1] == words and canonical_place(other.text)
        ]
        if halves and len({canonical_place(mentions[k].text) for k in halves}) == 1:
            return halves[0]
    if not people and size == 1 and mention.clue.type in (None, "person"):
        people = _by_first_name(words[0], mentions, folded)  # 'Tejashwi' of 'Tejashwi Yadav'
    if people and not (firms and firms[0] < people[0]):
        # the nearest full name before, else the first after: 'Obama' is Barack or Michelle
        before = [k for k in people if k < index]
        return before[-1] if before else people[0]
    for other_index, other in enumerate(mentions):
        other_words = folded[other_index]
        if len(other_words) <= size:
            continue
        kind = other.clue.type
        if kind in ("organization", "programme", "event", "other") and other.clue.strength >= CONTEXT:
            coded = any(c.isdigit() for c in other.words[-1])  # 'Indonesia AirAsia' is not its flight
            owner = (
                mention.clue.type == "organization"
                and mention.clue.strength >= STRONG
                and kind != "organization"
            )
            if other_words[:size] == words and not (coded or owner):  # 'Biz2Credit' owns its index
                return other_index
            rest = other.words[:-size]
            country = (
                all(canonical_place(w) or is_demonym(w) for w in rest)
                or canonical_place(" ".join(rest))
                or (len(rest) == 1 and is_acronym(rest[0]))  # 'Security Council' of 'UN Security Council'
            )
            flight = mention.words[0] in CODE_HEADS  # 'Flight 8501' of 'Indonesia AirAsia Flight 8501'
            if other_words[-size:] == words and (country or flight):
                return (
                    other_index  # 'Jazz & Heritage Foundation' of 'New Orleans Jazz and Heritage Foundation'
                )
    return None


# --- 4. entities ------------------------------------------------------------------------------


def _findings(groups: list[list[Mention]], known: KnownNames, curation: Curation) -> EntityFindings:
    taken = set(known.entities)
    entities: dict[str, FoundEntity] = {}
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    for group in groups:
        if not _worth_keeping(group):
            continue
        entity = _entity(group, known, taken)
        if entity is None or curation.blocks(entity.name):
            continue
        taken.add(entity.id)
        entities.setdefault(entity.id, entity)
        for mention in group:
            by_sentence.setdefault(mention.sentence, []).append((mention.start, entity.id))
    kept, merged_into = _one_entity_per_name(list(entities.values()))
    by_sentence = {
        index: [(start, merged_into.get(entity_id, entity_id)) for start, entity_id in pairs]
        for index, pairs in by_sentence.items()
    }
    return EntityFindings(
        tuple(kept),
        {
            index: tuple(dict.fromkeys(entity_id for _, entity_id in sorted(pairs)))
            for index, pairs in by_sentence.items()
        },
    )


def _one_entity_per_name(found: list[FoundEntity]) -> tuple[list[FoundEntity], dict[str, str]]:
    """The registry's rule, that a name or alias (in any case) belongs to one entity: entities
    that share one become one ('SEOUL' of a dateline and 'Seoul'). A registry entity stays as it
    is; otherwise the one not written in capitals, or the surer one, gives the name and type.
    Returns the entities and, for each merged away, the id it became."""
    kept: list[FoundEntity] = []
    owner: dict[str, int] = {}
    merged_into: dict[str, str] = {}
    for entity in found:
        names = [entity.name, *entity.aliases]
        hit = next((owner[fold(n)] for n in names if fold(n) in owner), None)
        if hit is None:
            owner.update((fold(n), len(kept)) for n in names)
            kept.append(entity)
            continue
        first = kept[hit]
        if first.known or (not entity.known and _better_named(first, entity)):
            winner, loser = first, entity
        else:
            winner, loser = entity, first
        every = (winner.name, *winner.aliases, loser.name, *loser.aliases)
        aliases = tuple(dict.fromkeys(n for n in every if fold(n) != fold(winner.name)))
        if not winner.known:  # both new: the id the first one was given
            confidence = max(winner.confidence, loser.confidence)
            winner = replace(winner, id=first.id, aliases=aliases, confidence=confidence)
        kept[hit] = winner
        owner.update((fold(n), hit) for n in every)
        for gone in {first.id, entity.id} - {winner.id}:
            merged_into[gone] = winner.id
        merged_into.update({k: winner.id for k, v in merged_into.items() if v in (first.id, entity.id)})
    return kept, merged_into


def _better_named(first: FoundEntity, other: FoundEntity) -> bool:
    """True if ``first`` should name the two: not in capitals when ``other`` is, or surer."""
    if first.name.isupper() != other.name.isupper():
        return not first.name.isupper()
    return first.confidence >= other.confidence


def _worth_keeping(group: list[Mention]) -> bool:
    strength = max(m.clue.strength for m in group)
    if strength >= CONTEXT:
        return True
    return strength == GUESS and any(len(m.words) > 1 for m in group)


def _entity(group: list[Mention], known: KnownNames, taken: set[str]) -> FoundEntity | None:
    clue = max((m.clue for m in group if m.clue.type), key=lambda c: c.strength, default=None)
    if clue is None:
        return None
    if clue.type == "place" and any(m.team for m in group) and not any(m.layout for m in group):
        clue = Clue("organization", clue.strength)  # 'India' the team, in a sport article
    votes = Counter(m.clue.type for m in group if m.clue.type and m.clue.strength == clue.strength)
    if (
        clue.type != "person"
        and clue.strength <= CONTEXT
        and votes[clue.type] < 2
        and _has_full_person_name(group)
    ):
        clue = Clue("person", clue.strength)  # 'in Smith opting to bat', 'the Peterson family'

    surfaces = list(dict.fromkeys(name for m in group for name in (m.text, *m.extra_names)))
    known_id = next((m.known_id for m in group if m.known_id), None)
    if known_id is None:
        known_id = next(filter(None, map(known.lookup, surfaces)), None)
    if known_id is None and clue.type == "person" and len(surfaces) == 1 and " " not in surfaces[0]:
        known_id = known.person_by_surname(surfaces[0])
    if known_id:
        entity = known.entities[known_id]
        return FoundEntity(entity.id, entity.name, entity.type, entity.aliases, known=True)
    name = _best_name(group, clue.type)
    if clue.type == "organization" and name in PARTY_SHORT_NAMES:
        surfaces.append(name)
        name = PARTY_SHORT_NAMES[name]  # 'Labour' is the Labour Party
    place = canonical_place(name) if clue.type == "place" else None
    names = [*surfaces, place] if place else surfaces
    aliases = tuple(dict.fromkeys(n for n in names if n and fold(n) != fold(name)))
    confidence = entity_confidence(clue.strength, len(group), name, clue.type)
    return FoundEntity(new_entity_id(name, taken), name, clue.type, aliases, False, confidence)


def _has_full_person_name(group: list[Mention]) -> bool:
    """A first name and surname with nothing that says otherwise: 'Steve Smith', 'Quint Davis'."""
    return any(
        len(m.words) > 1
        and is_person_like(m.words)
        and (
            m.clue.type in (None, "person") or (m.clue.type == "other" and GUESS < m.clue.strength <= CONTEXT)
        )
        for m in group
    )


def _best_name(group: list[Mention], kind: str) -> str:
    """The first of the fullest names: most words, counting hyphenated parts, less 'of/and'."""
    full = [m for m in group if not m.acronym] or group
    if kind == "place" and all(m.text.isupper() for m in group):  # 'US', 'THE HAGUE', 'JAKARTA'
        others = (canonical_place(n) or n for m in group for n in m.extra_names)
        return canonical_place(group[0].text) or next(others, None) or group[0].text

    def size(mention: Mention) -> int:
        return sum(len(w.split("-")) for w in mention.words if w.lower() not in SMALL_WORDS)

    longest = max(size(m) for m in full)
    return next(m.text for m in full if size(m) == longest)
