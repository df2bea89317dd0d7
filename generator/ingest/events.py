"""Dated statements: each date expression in a body sentence becomes a draft event, with a confidence.

What counts as an event, and at what precision, follows the labelling conventions of the real
evaluation set: decades, centuries and pure durations ('for two years', 'in the last six months',
'in recent years', 'in the next year') are not events, nor a weekday in a name ('Saturday Night
Live'), standing for a kind of day ('it is a Tuesday') or in a habit ('every year in May'); a week or a weekend is dated only to its
month, a quarter or half only to its year (in a sport article a quarter with no year is the
game's); 'before X' and 'after X' are dated by X; 'a day earlier', 'a year later' count from the
last date the text named; a weekday named twice is one day, and so is a day of the month named
again without its year. A dateline's date, a named day ('Black Friday') and a weekday dated by
another event are not events; the baseline of a change ('down 5 percent from a year ago') and a
bare year labelling a noun of this year or later ('the 2015 season' in 2015) go to review, and so
does a day read before that names a thing ('Tuesday's report') or is a quoted 'today'. Each event
carries how sure the reading is (see ``confidence``); below ``EVENT_REVIEW_BELOW`` it goes into
the draft commented out for review instead of onto the timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from generator.ingest.confidence import EVENT_REVIEW_BELOW, event_confidence
from generator.ingest.lexicon import MIN_SPORT_WORDS, SPORT_WORDS
from generator.ingest.sentences import Sentence
from generator.ingest.temporal import UNKNOWN, DateMention, Point, find_dates

MAX_TITLE_CHARS = 160
NOT_EVENTS = frozenset({"decade", "century", "past_span", "past_years"})
WEEK_LEVEL = frozenset({"weekend"})
DATED_DAYS = frozenset({"month_day", "day_month"})
DAY_KINDS = DATED_DAYS | {"weekday"}
_DURATION = re.compile(r"(?i:\bthe\s+(?:past|last|previous|coming)\s+(?:week|weekend|month|year|decade)\b)")
_SPAN_AHEAD = re.compile(  # 'in the next year', 'spend the next year or so': how long, not when
    r"(?i:\b(?:in|over|within|during|for)\s+the\s+next\s+(?:few\s+)?(?:weeks?|months?|years?)\b"
    r"|\bthe\s+next\s+(?:week|month|year)\s+or\s+so\b)"
)
_SHOW = re.compile(r"^\s+(?:Night|Morning|Evening|Afternoon)\s+[A-Z]")  # 'Saturday Night Live'
_RELATIVE_TO_EVENT = re.compile(r"^\s+(?:before|after|following|preceding)\s+(?:the\s+)?[A-Z]")
_COMPARISON = re.compile(r"^\s*(?:level|levels|peak|high|low|average|figure|figures|rate)\b")
_PART = re.compile(r"(?i:\b(?:end|start|beginning)\s+of\b)")  # 'until the end of the decade' is a date
_NOW = re.compile(r"(?i:\b(?:today|now)\b)")
_ANCHORED = re.compile(r"(?i:\b(?P<n>a|one|two|three)\s+days?\s+(?P<way>earlier|before|later|after)\b)")
_SAME_TIME = re.compile(
    r"(?i:\b(?:(?:later|earlier|in)\s+that|that\s+same|(?:on\s+)?the\s+same|(?:on\s+)?that"
    r"|(?P<next>(?:on\s+)?the\s+following|(?:on\s+)?the\s+next))\s+(?:(?P<day>day)|(?P<month>month)|(?P<year>year))\b)"
)
_LATER = re.compile(
    r"(?i:(?<!from )(?<!than )(?<!time )(?<!to )(?<!with )\b(?P<n>a|one|two|three|four|five|six)\s+(?P<unit>week|year)s?\s+(?P<way>earlier|later)\b)"
)
_BARE_THAT = re.compile(r"(?i:that\s+(?!same\b))")
_CLAUSE_OPENS = re.compile(r"(?:^|[,;:—–])\s*$")
_BARE_WEEKDAY = re.compile(
    r"^(?:(?:on|late|early|by|until|from)\s+)*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!\s+(?:last|next|this)\b)",
    re.I,
)
_YEAR_IN = re.compile(r"\d{4}")
_YEAR_WORD = re.compile(r"(?i:\d{4}|\byear\b)")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_POINT = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
_QUOTE_OR_STOP = re.compile(r"[\"“”]|[.!]\s")  # the question is another clause than the date's
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_BEFORE_THE = re.compile(r"(?i:\b(?:before|ahead\s+of|until|till)\s+(?:the|its|their|his|her|this|next)\s+)$")
_DETERMINED = re.compile(r"(?i:\b(?:the|its|their|his|her|our|this|that)\s+)$|['’]s\s+$")
_DATELINE = re.compile(  # 'WASHINGTON (', 'MOSCOW, ', 'AUSTIN, Texas, '
    r"^[\s\W]*[A-Z][A-Z.'’ -]*[A-Z.](?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*[,(]?\s*$"
)
_GENERIC_WEEKDAY = re.compile(r"^\s+(?:before|after|following|preceding|of)\b")
_EVERY = re.compile(r"(?i:\b(?:every|each)\s+)$")
_HABIT = re.compile(r"(?i:\b(?:every|each)\s+(?:year|month|week)\b|\b(?:annually|yearly)\b)")
HABIT_KINDS = frozenset({"month", "season", "weekday", "month_day", "day_month"})  # named without a year
HABIT_REACH = 25  # characters either side of a date where 'every year' makes it a habit
_A_DAY = re.compile(r"(?i:\ban?\s+)$")  # 'That's a Tuesday, not a Wednesday' ('a Thursday gathering' is one)
_CLAUSE_END = re.compile(r"^\s*(?:[,.;:!?]|$)")
_THE = re.compile(r"(?i:\bthe\s+)$")
_CHANGE = re.compile(
    r"(?i:(?:\d\s*(?:%|percent|per\s+cent|points?)|\b(?:up|down|higher|lower|more|less|rose|fell"
    r"|increased|decreased|dropped|climbed|declined|gained|jumped)(?:\s+(?:slightly|sharply))?),?\s+$)"
)
_COMPARED = re.compile(
    r"(?i:\b(?:compared\s+(?:with|to)|than)\s+(?:(?:it|they|he|she|we|there)\s+(?:was|were|did|had\s+been)\s+)?"
    r"(?:(?:in|at|during|for)\s+)?"
    r"(?:(?:the\s+)?same\s+(?:time|period|quarter|month|week|day)\s+(?:of\s+|in\s+)?)?$)"
)
_FROM_LOW = re.compile(
    r"(?i:\b(?:up|down|higher|lower|rose|fell|slightly|sharply)\s+from\s+(?:its|their|the|a)\s+[^,;]{0,40}$)"
)
_RANGE = re.compile(r"\s(?:to|and|until|through)\s|\d\s*[-–]\s*\d")
_THIS_TIME = re.compile(r"(?i:\b(?:this|that|the\s+same)\s+(?:time|period|point)\s+$)")
_TENSE = re.compile(
    r"(?i:\b(?:(?P<now>is|are|remains?)|was|were|had|did|said|says|\w{3,}ed)\b)(?!\s+(?:expected|due|set|scheduled|likely|going|to)\b)"
)
_LABEL_BEFORE = re.compile(r"(?i:\b(?:the|a|an|this|that|its|their|his|her|our)\s+$)|['’]s\s+$")
_LABEL_AFTER = re.compile(
    r"^(?:['’]s\b|\s+(?!(?:and|or|to|in|on|at|when|as|of|was|is|were|that|with|for|by)\b)[A-Za-z][a-z-]+)"
)
_QUOTE_MARK = re.compile(r"[“”\"]")
_CLAUSE_START = re.compile(r"[^,;:]*$")
_HEADING_END = re.compile(r"[.!?:\"“”’')]\s*$")
MAX_HEADING_WORDS = 16
HEADING_REACH = 3  # sentences after a heading that may restate it
NEAR_WEEKDAY_DAYS = 3  # a weekday ahead by this much is nearer than its last one
LABEL_YEAR_FACTOR = 0.7
BASELINE_FACTOR = 0.5
GENERIC_NOW_FACTOR = 0.7
RECALLED_FACTOR = 0.7


@dataclass(frozen=True)
class DraftEvent:
    """An event for the brief's front matter; ``sentence`` is where it was read."""

    date: str
    title: str
    entities: tuple[str, ...]
    phrase: str
    sentence: int
    confidence: float = 1.0

    @property
    def accepted(self) -> bool:
        return self.confidence >= EVENT_REVIEW_BELOW


def find_events(
    sentences: list[Sentence],
    published: date | None,
    entities_by_sentence: dict[int, tuple[str, ...]],
) -> list[DraftEvent]:
    """One event per dated statement in the body, carrying its sentence's entities."""
    events = []
    sport = _is_sport(sentences)
    weekdays: dict[int, str] = {}  # event index → the bare weekday it was read from
    last: dict[str, str | None] = {"day": None, "year": None, "point": None}  # the last dates read
    dated: set[str] = set()  # the dates of the events accepted so far
    days: dict[str, str] = {}  # month and day ('03-11') → the first date read for it
    for sentence in sentences:
        if sentence.headline:
            continue
        asks = sentence.text.rstrip("\"”’' )").endswith("?")
        found = []
        for mention in find_dates(sentence.text, published):
            value = event_date(mention, sentence.text, published)
            if value is None or (
                sport and mention.kind == "quarter" and not _YEAR_WORD.search(mention.phrase)
            ):
                continue  # in a sport article 'the fourth quarter' is the game's
            found.append((mention.start, mention.phrase, value, mention))
        found += _anchored(sentence.text, found, last)
        for start, phrase, value, mention in sorted(found, key=lambda item: item[0]):
            if _DAY.match(value):
                unwritten = mention is not None and mention.kind in DATED_DAYS and not _YEAR_IN.search(phrase)
                value = (
                    days.setdefault(value[5:], value) if unwritten else value
                )  # 'March 11' again: that day
                days.setdefault(value[5:], value)
            question = asks and not _QUOTE_OR_STOP.search(
                sentence.text, start, len(sentence.text.rstrip()) - 1
            )
            confidence = event_confidence(mention, value, question=question)
            if mention is not None and _year_as_label(mention, sentence.text, published):
                confidence *= LABEL_YEAR_FACTOR
            if mention is not None and _baseline(mention, sentence.text):
                confidence *= BASELINE_FACTOR
            if mention is not None and _generic_now(mention, sentence.text):
                confidence *= GENERIC_NOW_FACTOR
            if (
                mention is not None
                and value in dated
                and (_labels_noun(mention, sentence.text) or _quoted_day(mention, sentence.text))
            ):
                confidence *= RECALLED_FACTOR
            if confidence >= EVENT_REVIEW_BELOW:
                dated.add(value)
            if _DAY.match(value):
                last["day"] = value
            if _POINT.match(value):
                last["point"] = value
            year = _YEAR_IN.search(value) if _YEAR_IN.search(phrase) else None  # a year the text wrote
            last["year"] = year.group() if year else last["year"]
            bare = _BARE_WEEKDAY.search(phrase) if mention is not None and mention.kind == "weekday" else None
            if bare:
                weekdays[len(events)] = bare.group(1)
            events.append(
                DraftEvent(
                    value,
                    event_title(sentence.text),
                    entities_by_sentence.get(sentence.index, ()),
                    phrase,
                    sentence.index,
                    round(confidence, 2),
                )
            )
    events = _one_day_per_weekday(events, weekdays, published)
    return _restated_headings(events, {s.index: s.text for s in sentences})


def _is_sport(sentences: list[Sentence]) -> bool:
    """An article about a game: it holds several words of sport reporting."""
    words = {w.lower() for s in sentences for w in re.findall(r"[\w-]+", s.text)}
    return len(words & SPORT_WORDS) >= MIN_SPORT_WORDS


def _one_day_per_weekday(events: list[DraftEvent], weekdays: dict[int, str], published: date | None) -> list:
    """A weekday named more than once in an article is one day: when one clause puts it ahead,
    nearer than the one gone ("You'll hear from the President on Tuesday" in a Sunday article),
    so is the rest ('addressed the speech on Tuesday evening')."""
    if published is None:
        return events
    soon = (published + timedelta(days=NEAR_WEEKDAY_DAYS)).isoformat()
    ahead = {
        name: events[k].date for k, name in weekdays.items() if published.isoformat() < events[k].date <= soon
    }
    return [
        replace(event, date=ahead[weekdays[k]]) if k in weekdays and weekdays[k] in ahead else event
        for k, event in enumerate(events)
    ]


def _anchored(text: str, found: list, last: dict[str, str | None]) -> list:
    """Dates counted from another the text named: 'a day earlier', 'on the same day', 'later
    that year', 'the same month', 'a week later', 'a year later'; a day in this sentence, else the
    last date or written year read. A week counts to its month, as 'last week' does."""
    anchored: list = []
    lower = text.lower()  # each pattern needs its unit word: most sentences skip all three scans
    if "day" not in lower and "week" not in lower and "month" not in lower and "year" not in lower:
        return anchored
    for match in _ANCHORED.finditer(text) if "day" in lower else ():
        same = next((v for start, _, v, _ in found if _DAY.match(v) and start != match.start()), None)
        sideways = match.group("way").lower() in ("after", "before")
        anchor = same if sideways else (same or last["day"])  # 'a day after X': X's day is in this sentence
        if anchor:
            anchored.append((match.start(), match.group(), _shift(match, anchor), None))
    for match in _LATER.finditer(text) if "week" in lower or "year" in lower else ():
        value = _later(match, last)
        if value and not _overlaps(match, found):
            anchored.append((match.start(), match.group(), value, None))
    for match in _SAME_TIME.finditer(text):
        if _overlaps(match, found) or _SPAN_AHEAD.search(text, max(0, match.start() - 12), match.end() + 7):
            continue  # already read as a date of its own, or a span ahead ('in the next year')
        if _BARE_THAT.match(match.group()) and not _CLAUSE_OPENS.search(text, 0, match.start()):
            continue  # 'vowed to prevent that day from coming': a thing, not a time ('That day, ...' is)
        step = 1 if match.group("next") else 0
        if match.group("day") and last["day"]:
            value = (date.fromisoformat(last["day"]) + timedelta(days=step)).isoformat()
        elif match.group("month") and last["point"]:
            point = Point(*(int(part) for part in last["point"].split("-")[:2]))
            value = (
                point.shifted(step) if point.month else point
            ).text()  # 'the same month' as 'last summer': its year
        elif match.group("year") and last["year"]:
            value = str(int(last["year"]) + step)
        else:
            continue
        anchored.append((match.start(), match.group(), value, None))
    return anchored


def _overlaps(match: re.Match, found: list) -> bool:
    return any(start < match.end() and match.start() < start + len(phrase) for start, phrase, _, _ in found)


def _later(match: re.Match, last: dict[str, str | None]) -> str | None:
    """'A week later' from the last date read, to its month ('arrested in April ... died a week
    later' is April); 'a year later' from the last year the text wrote. Not 'up from a year
    earlier', the baseline of a change."""
    n = NUMBERS[match.group("n").lower()] * (1 if match.group("way").lower() == "later" else -1)
    point = last["point"] or ""
    if match.group("unit").lower() == "year":
        return str(int(last["year"]) + n) if last["year"] else None
    if _DAY.match(point):
        return (date.fromisoformat(point) + timedelta(weeks=n)).isoformat()[:7]
    return point[:7] if len(point) == len("2016-01") else None


def _restated_headings(events: list[DraftEvent], texts: dict[int, str]) -> list[DraftEvent]:
    """A subheading ('Deadlock likely to end on Tuesday') restates the paragraph below it: its
    date, when one of the next sentences gives the same, goes to review as a repeat."""
    kept = []
    for event in events:
        text = texts[event.sentence]
        heading = not _HEADING_END.search(text) and len(text.split()) <= MAX_HEADING_WORDS
        if heading and any(
            other.date == event.date and 0 < other.sentence - event.sentence <= HEADING_REACH
            for other in events
        ):
            event = replace(event, confidence=round(event.confidence * BASELINE_FACTOR, 2))
        kept.append(event)
    return kept


def _year_as_label(mention: DateMention, text: str, published: date | None) -> bool:
    """A bare year used as a noun's label rather than as the time of the statement: a year still
    to come ('their 2016 prospects' in 2014), the current one ('the 2015 season' in 2015), or the
    event another is dated by ('long before the 2014 midterm elections'). It goes to review."""
    if mention.kind != "year" or mention.lead or not mention.phrase.strip().isdigit():
        return False
    before = text[: mention.start]
    if _BEFORE_THE.search(before):
        return True
    if published is None:
        return False
    year = int(mention.phrase.strip())
    return year > published.year or (year == published.year and bool(_DETERMINED.search(before)))


def _labels_noun(mention: DateMention, text: str) -> bool:
    """A day names a thing rather than times a statement: 'Tuesday's report', 'the July 20
    protests'. When the day was read before, this recalls that occurrence ('after Friday's
    attack') more often than it states a new one, and goes to review."""
    if mention.lead or mention.kind not in DAY_KINDS:
        return False
    after = text[mention.end :]
    return _LABEL_AFTER.match(after) is not None and (
        after[:1] in "'’" or _LABEL_BEFORE.search(text, 0, mention.start) is not None
    )


def _quoted_day(mention: DateMention, text: str) -> bool:
    """'Today', 'tomorrow', 'this morning' inside quoted speech: the speaker's day, which once
    read before recalls that day ('"Today we achieved this goal"') more often than it dates a new
    statement."""
    if mention.kind != "day_word":
        return False
    before, after = text[: mention.start], text[mention.end :]
    opened = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    closing = _QUOTE_MARK.search(after)
    return opened or (closing is not None and (closing.group() == "”" or after.count('"') % 2 == 1))


def _generic_now(mention: DateMention, text: str) -> bool:
    """'Today, it is a reality', 'what is happening there today': the present as a state, not a
    dated occurrence; told by the nearest verb, before 'today' in its clause or else after it."""
    if mention.kind != "day_word" or mention.lead or mention.phrase.lower() != "today":
        return False
    before = _CLAUSE_START.search(text, 0, mention.start)
    verbs = list(_TENSE.finditer(text, before.start() if before else 0, mention.start))
    verb = verbs[-1] if verbs else _TENSE.search(text, mention.end)
    if verb is None or not verb.group("now"):
        return False
    between = (
        text[verb.end() : mention.start] if verb.end() <= mention.start else text[mention.end : verb.start()]
    )
    return bool(between.strip(" ,"))  # 'the vote is today', 'Today is the deadline': the day itself


def _baseline(mention: DateMention, text: str) -> bool:
    """The point a change is measured from, not the time of a statement: 'down 32.5 percent from
    a year ago', 'compared with the same time last year', 'up from the second quarter', 'up
    slightly from its all-time low last year', 'more elaborate than it was a decade ago'."""
    if _RANGE.search(mention.phrase):
        return False  # 'from 2011 to 2013'
    before = text[: mention.start]
    if mention.lead == "from" and (_CHANGE.search(before) or _THIS_TIME.search(before)):
        return True
    if mention.lead == "" and (_THIS_TIME.search(before) or _FROM_LOW.search(before)):
        return True  # 'from this time last year', 'up slightly from its all-time low of 0.09 last year'
    return mention.lead in ("", "in", "at", "during", "for") and bool(_COMPARED.search(before))


def event_date(mention: DateMention, text: str, published: date | None) -> str | None:
    """The event's date by the shared conventions, or None when the phrase is not an event."""
    reach = text[max(0, mention.start - 4) : mention.end]  # 'the' may stand before the phrase
    if mention.kind in NOT_EVENTS or (mention.kind in ("relative", "weekend") and _DURATION.search(reach)):
        return None
    if mention.kind == "relative" and _SPAN_AHEAD.search(text, max(0, mention.start - 12), mention.end + 7):
        return None
    if mention.kind == "relative" and "decade" in mention.phrase.lower() and not _PART.search(mention.phrase):
        return None
    if mention.kind == "few_days" and mention.lead == "for":
        return None  # 'for the past few days': how long, not when
    if mention.lead in ("until", "till", "through", "since") and _NOW.search(mention.phrase):
        return None  # 'until today', 'through now': the present, not an occurrence
    after = text[mention.end :]
    if mention.kind == "weekday" and (
        _RELATIVE_TO_EVENT.match(after)
        or (_THE.search(text[: mention.start]) and _GENERIC_WEEKDAY.match(after))
    ):
        return None  # 'the Sunday before Election Day', 'the Thursday before a race': dated by another event
    if mention.kind == "weekday" and _SHOW.match(after):
        return None  # a name: 'Saturday Night Live'
    if mention.kind == "weekday" and (
        _EVERY.search(text[: mention.start])
        or (_A_DAY.search(text[: mention.start]) and _CLAUSE_END.match(after))
    ):
        return None  # 'every Sunday', 'it is a Tuesday': a habit or a kind of day, not an occurrence
    if mention.kind in HABIT_KINDS and _HABIT.search(
        text, max(0, mention.start - HABIT_REACH), mention.end + HABIT_REACH
    ):
        return None  # 'every year in May', 'held annually in June': a habit
    if _DATELINE.match(text[: mention.start]) and mention.kind in ("day_month", "month_day"):
        return None  # 'WASHINGTON (Aug. 13) --': the dateline's day of filing
    if mention.kind == "year" and _COMPARISON.match(after):
        return None  # 'below the 2008 level'
    value = mention.date
    if value == UNKNOWN:
        return value
    if mention.kind in WEEK_LEVEL or _is_week(mention, value):
        return _month_of(value)
    if mention.kind in ("quarter", "half"):
        return value.split("-")[0]  # 'in the third quarter', like 'in the first half of 2027': its year
    if mention.lead == "before" and value.startswith("../") and "end of" not in mention.phrase.lower():
        return _before(mention)
    if mention.lead == "after" and value.endswith("/.."):
        return _after(value)
    return value


def _before(mention: DateMention) -> str:
    """'Before X' is dated by X: 'before 2016 arrives', 'before December 31st'."""
    end = mention.date.removeprefix("../")
    if not _POINT.match(end):
        return mention.date
    parts = [int(part) for part in end.split("-")]
    return "../" + Point(*parts).shifted(1).text()


def _after(value: str) -> str:
    """'After X' is dated by X, as 'before X' is: 'until after Jan. 18' is from 18 January."""
    start = value.removesuffix("/..")
    if not _POINT.match(start):
        return value
    return Point(*(int(part) for part in start.split("-"))).shifted(-1).text() + "/.."


def _is_week(mention: DateMention, value: str) -> bool:
    """'last week', 'this week', 'next week', 'two weeks ago': days the text does not pin down."""
    if mention.kind == "ago":
        return "week" in mention.phrase.lower()
    return mention.kind == "relative" and "week" in mention.phrase.lower() and "/" in value


def _month_of(value: str) -> str:
    """The month that holds most of a week: that of its middle day ('last week' from Monday
    31 October to Sunday 6 November is November)."""
    start = value.split("/")[0]
    if start in ("", ".."):
        return value
    if len(start) == len("2016-10-31"):
        return (date.fromisoformat(start) + timedelta(days=3)).isoformat()[:7]
    return start[:7]


def _shift(match: re.Match, anchor: str) -> str:
    """'A day earlier' is the anchor's day less one; in 'on Tuesday, a day after X', X is Monday."""
    days = NUMBERS[match.group("n").lower()]
    sign = {"earlier": -1, "after": -1, "later": 1, "before": 1}[match.group("way").lower()]
    return (date.fromisoformat(anchor) + timedelta(days=sign * days)).isoformat()


def event_title(sentence: str) -> str:
    """The sentence as an event title: no outer quotes, at most ``MAX_TITLE_CHARS``."""
    text = " ".join(sentence.split()).strip("\"“”' ")
    if len(text) <= MAX_TITLE_CHARS:
        return text
    cut = text[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
