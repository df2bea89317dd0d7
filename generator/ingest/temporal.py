"""Date expressions in a sentence, resolved to partial dates at the precision the text supports.

A date expression is a core ('14 May', 'March 2024', '2019', 'the 1990s', 'the second quarter',
'Monday', 'last year', 'three weeks ago', 'in past years') with an optional lead-in that
changes its meaning: 'since X' and 'dating back to X' → ``X/..``, 'until/through/by X' → ``../X``, 'before X' → ``../X-1``,
'around X' → ``X~``, 'the end of X' → X's last part; 'from X to Y' and 'between X and Y' are
ranges. Relative expressions resolve against the publication date, looking forward when the
clause speaks of the future ('will', 'plans to', 'is expected'); without a publication date they
resolve to ``../..`` (unknown), never to the build clock. A bare year counts only where English
uses one as a date ('in 2019', 'its 2021 report'), so '2000 troops' is not a date, nor 'may'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from generator.ingest.lexicon import COMMON_WORDS, NAMED_DAY_WORDS
from generator.model.dates import DateError, parse_partial_date

MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan.", "Jan"),
            ("February", "Feb.", "Feb"),
            ("March", "Mar."),
            ("April", "Apr.", "Apr"),
            ("May",),
            ("June", "Jun.", "Jun"),
            ("July", "Jul.", "Jul"),
            ("August", "Aug.", "Aug"),
            ("September", "Sep.", "Sept.", "Sept", "Sep"),
            ("October", "Oct.", "Oct"),
            ("November", "Nov.", "Nov"),
            ("December", "Dec.", "Dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAY_NUMBERS = {
    name: number
    for number, name in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
}
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
NUMBER_WORDS.update({"a": 1, "an": 1})
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

M = (
    "(?:"
    + "|".join(
        re.escape(m) + (r"(?!\w)" if len(m) <= 4 and not m.endswith(".") else "")  # 'Oct 28', not 'Octopus'
        for m in sorted(MONTH_NUMBERS, key=len, reverse=True)
    )
    + ")"
)
Y = r"(?<![\d.,$€£])(?:1[5-9]\d\d|20\d\d|21\d\d)(?![\d]|,\d|\.\d|-[a-z]|%)"
D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
N = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
UNIT = r"(?:day|week|month|year|decade)"
# 'Black Friday', 'Super Tuesday', 'Good Friday' are names, not days of this week
WEEKDAY = (
    "".join(f"(?<!{word} )" for word in sorted(NAMED_DAY_WORDS)) + "(?:" + "|".join(WEEKDAY_NUMBERS) + ")"
)

CORES = {
    "iso": r"\b\d{4}-\d{2}-\d{2}\b",
    "day_range": rf"\b(?P<d1>{D})\s*(?:and|to|-|–)\s*(?P<d2>{D})\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?",
    "day_month": rf"\b(?:the\s+)?(?P<d>{D})(?:\s+of)?\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?",
    "month_day": rf"\b(?P<m>{M})\s+(?P<d>{D})(?:,?\s+(?P<y>{Y}))?",
    "month_year": rf"\b(?P<m>{M})(?:\s+of)?\s+(?P<y>{Y})",
    "month_rel": rf"\b(?P<m>{M})(?:\s+of)?\s+(?i:(?P<rel>this|last|next)\s+year)\b",
    "month": rf"(?i:\b(?P<mod>early|mid|late)[\s-]+)?\b(?P<m>{M})(?![\w-])",
    "quarter": rf"(?i:\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?!s)"
    rf"(?:\s+of\s+(?:(?P<y>{Y})|(?P<rel>this|last|next)\s+year|the\s+year))?)|\bQ(?P<qn>[1-4])\s*(?P<qy>{Y})?",
    "half": rf"(?i:\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<y>{Y})|(?P<rel>this|last|next)\s+year"
    rf"|the\s+year))",
    "decade": r"(?i:\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<decade>1[5-9]\d0|20\d0)s\b)",
    "century": r"(?i:\bthe\s+(?P<n>1\d|2[01])(?:st|nd|rd|th)\s+century\b)",
    "season_year": rf"(?i:\b(?P<season>spring|summer|autumn|winter|fall)(?:\s+of)?\s+(?P<y>{Y}))",
    "season": r"(?i:\b(?P<rel>the|this|last|next)\s+(?P<season>spring|summer|autumn|winter)\b"
    r"(?!\s+(?:of\b|(?!(?:as|is|was|has|this|thus|its|his|plus|across|always|perhaps)\b)[a-z]+s\b|holiday|break"
    r"|term|session|season|months?\b)))",
    "year": rf"(?i:\b(?:(?P<mod>early|mid|late)[\s-]+|mid-)?)(?P<y>{Y})",
    "weekday": rf"(?:(?i:(?P<rel>last|next|this)\s+))?(?P<wd>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"(?i:\s+(?:of\s+)?(?P<week>last|next|this)\s+week\b)?",
    "day_word": r"(?i:\b(?P<word>today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b)",
    "relative": rf"(?i:\b(?P<mod>earlier\s+this|later\s+this|earlier\s+in\s+the|later\s+in\s+the|last|this|next"
    rf"|the\s+past|the\s+last|the\s+previous|the\s+coming|the)\s+(?P<unit>{UNIT})\b(?!\s+of\b|-))",
    "ago": rf"(?i:\b(?P<n>{N})\s+(?P<unit>{UNIT})s?\s+ago\b)",
    "past_span": rf"(?i:\bthe\s+(?:past|last|previous)\s+(?P<n>{N})\s+(?P<unit>{UNIT})s\b)",
    "past_years": r"(?i:\b(?P<which>past|previous|prior|earlier|recent)\s+years\b)",
    "weekend": r"(?i:\b(?P<rel>the|this|last|next)\s+weekend\b)",
    "play_season": r"(?i:\b(?P<rel>this|last|next)\s+season\b)",
    "few_days": r"(?i:\bthe\s+(?:past|last)\s+(?:few|couple\s+of)\s+days\b(?!\s+of\b)|\brecent\s+days\b)",
}
# Words one of which a sentence must hold for a core to be worth trying (most sentences hold
# none for most cores); "0" stands for any digit.
CUES = {
    "iso": "0",
    "day_range": "0",
    "day_month": "0",
    "month_day": "0",
    "month_year": "0",
    "month_rel": "year",
    "month": "jan feb mar apr may jun jul aug sep oct nov dec",
    "play_season": "season",
    "quarter": "quarter q1 q2 q3 q4",
    "half": "half",
    "decade": "0",
    "century": "century",
    "season_year": "0",
    "season": "spring summer autumn winter",
    "year": "0",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday",
    "day_word": "today yesterday tomorrow tonight night this morning afternoon evening",
    "relative": "week month year decade",
    "ago": "ago",
    "past_span": "past last previous",
    "past_years": "years",
    "weekend": "weekend",
    "few_days": "days",
}
# Each core with the words one of which a sentence must hold for the core to be tried (None: a digit).
_CORES = [
    (kind, re.compile(pattern), None if cues == ["0"] else re.compile("|".join(map(re.escape, cues))))
    for kind, pattern in CORES.items()
    for cues in [CUES[kind].split()]
]
_DIGIT = re.compile(r"\d")
_LEAD = re.compile(
    r"(?i:\b(?P<lead>since|from|until|till|through|throughout|by|before|after|around|about|circa"
    r"|c\.|approximately|roughly|in|on|during|for|of|at|over|across|into|between|as\s+early\s+as|no\s+later\s+than"
    r"|back\s+to|as\s+far\s+back\s+as"
    r"|up\s+to|last|next|this)\s+(?:(?:the\s+)?(?P<part>end|start|beginning)\s+of\s+)?)$"
)
_PART_ONLY = re.compile(r"(?i:\b(?:the\s+)?(?P<part>end|start|beginning)\s+of\s+)$")
_RANGE_JOIN = re.compile(r"^\s*,?\s*(?:-|–|—|to|until|till|through|and)\s*$")  # 'Nov. 28, 2005, and'
_FUTURE = re.compile(
    r"(?i:\b(?:will|shall|\w+['’]ll|(?:un)?likely\s+to|due\s+to|(?:is|are)\s+(?:due|set|expected|scheduled)|expects?\s+to"
    r"|expect(?:s|ed|ing)?|plans?\s+to|planned|scheduled|slated|aims?\s+to|hopes?\s+to|intends?\s+to|upcoming"
    r"|going\s+to|next\s+(?:[\w-]+\s+)?(?:game|match|race|meeting|session|hearing|vote|round|fixture))\b)"
)
_PAST = re.compile(
    r"(?i:\b(?:was|were|had|did|went|came|began|took|made|said|told|saw|left|fell|rose|won|lost"
    r"|held|met|gave|ran|flew|became|shot|sent|struck|brought|bought|caught|found|built|spent|paid|sold"
    r"|wrote|spoke|chose|drove|broke|stole|knew|grew|threw|fled|fought|sought|taught|kept|got|\w{3,}ed(?!\s+by\b))\b)"
)
_PRESENT = re.compile(
    r"(?i:\b(?:is|are|has|have|says|say|according)\b)"
)  # 'according to a statement on Monday'
_PUT_OFF = re.compile(
    r"(?i:\b(?:delayed|postponed|adjourned|suspended|deferred|extended|put\s+off|pushed\s+back)\b)"
)
_DATED_NOUN = re.compile(
    r"(?:['’]s)?\s+(?:general\s+|presidential\s+|local\s+|midterm\s+)?(?:election|elections|vote|poll|polls"
    r"|primary|referendum|runoff|ballot|summit|deadline|hearing|trial|meeting)\b"
)
_COPULA = re.compile(r"(?i:\b(?:is|are)\s+)$")
_COPULA_AFTER = re.compile(r"\s+is\s+(?:the|a|when)\b")
_WOULD = re.compile(r"(?i:\bwould\b)")  # 'said it would publish guidance in July': the coming July
_DETERMINER = re.compile(r"(?i:\b(?:the|a|an|its|their|his|her|this|that|our)\s+)$|['’]s\s+$")
_NEXT_WORD = re.compile(r"\s+([a-z][\w-]*)")
_NAME_WORD = re.compile(r"\s+[A-Z][a-z]+\s+(?:[A-Z]|(?!(?:of|and|or)\b)[a-z])")
_DATE_LIST = re.compile(rf"(?:\b\d{{4}}|{M})\s*(?:,|and|or|to|-|–)\s*$")
AMBIGUOUS_LEADS = frozenset(
    {"in", "of", "for", "at", "over", "across", "into", "around", "about", "up to", "from"}
)
_YEAR_WORDS = re.compile(r"(?i:\b(?:fiscal|financial\s+year|year|FY)\s*)$")
_CLAUSE_SPLIT = re.compile(r"([,;:()—–])")
_OPENS_CLAUSE = re.compile(
    r"(?i:(?:^|[,;:]\s*(?:and|but)?)\s*)$"
)  # 'By Tuesday, ...', '..., and by Tuesday, ...'
_MAIN_CLAUSE = re.compile(r"\s*,([^,;:.!?]*)")
_RELATIVE = re.compile(r"(?i:\s*(?:which|who|whom|whose|where|when)\b)")
_POSSESSIVE = re.compile(r"['’]s\b")
_ADDRESS = re.compile(
    r"\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:Avenue|Ave\.?|Street|St\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Lane|Way)(?!\w)"
)
_GAME = re.compile(
    r"(?i:\b(?:games?|match|lead|timeouts?|touchdowns?|field\s+goals?|goals?|innings?|overtime|halftime"
    r"|quarterbacks?|possessions?|comeback|trail(?:ed|ing)|yards?|plays?|[\w]+-point|\w+-score)\b)|\b\d{1,3}-\d{1,3}\b"
)
_WEEKDAY_GLUE = re.compile(r"\s*(?:\(|,)\s*")
FUTURE_LEADS = frozenset({"by", "no later than", "until", "till"})
MIN_CLAUSE_WORDS = 4
NEAR_AHEAD_DAYS = 62  # a month or day named without a year this soon ahead is the coming one
MAX_SURE_DAYS_BACK = 183  # ... and this far back, this year's
SUNDAY = 6
SEASON_TURN_MONTH = 3  # before March a playing season is one that began last year
SEASON_SETTLED_MONTH = 8  # from August, this year's
YEAR_DAYS = 366
TENSE_WINDOW_WORDS = 20
OPEN = ".."
UNKNOWN = "../.."


@dataclass(frozen=True)
class Point:
    """A day, month, year or decade; ``decade`` marks a year that stands for its whole decade."""

    year: int
    month: int | None = None
    day: int | None = None
    decade: bool = False
    qualifier: str = ""

    def text(self) -> str:
        if self.decade:
            return f"{self.year // 10}X{self.qualifier}"
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts) + self.qualifier

    def first(self) -> Point:
        return Point(self.year) if self.decade else self

    def last(self) -> Point:
        return Point(self.year + 9) if self.decade else self

    def shifted(self, step: int) -> Point:
        """One unit of its own precision later (+1) or earlier (-1)."""
        if self.day:
            moved = date(self.year, self.month, self.day) + timedelta(days=step)
            return Point(moved.year, moved.month, moved.day)
        if self.month:
            year, month = divmod(self.year * 12 + self.month - 1 + step, 12)
            return Point(year, month + 1)
        return Point(self.year + step * (10 if self.decade else 1), decade=self.decade)


@dataclass(frozen=True)
class Span:
    """A resolved time: ``start`` to ``end``; None is an open end. Equal ends are one point."""

    start: Point | None
    end: Point | None

    def text(self) -> str:
        if self.start == self.end and self.start is not None:
            return self.start.text()
        start = self.start.text() if self.start else OPEN
        end = self.end.text() if self.end else OPEN
        return f"{start}/{end}"


def point(value: Point) -> Span:
    return Span(value, value)


def day_point(day: date) -> Point:
    return Point(day.year, day.month, day.day)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence and the partial date it resolves to."""

    phrase: str
    start: int
    end: int
    date: str
    kind: str = ""  # the core: 'weekday', 'month', 'year', 'relative', ...
    lead: str = ""  # 'since', 'until', 'in', ... or ''
    guessed_year: bool = False  # a month or day without a year, and no tense to say which


@dataclass(frozen=True)
class _Core:
    kind: str
    match: re.Match

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()


class _NotADateError(Exception):
    """This match only looks like a date ('may', '2000 troops')."""


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against the publication date."""
    cores = _pick_cores(text)
    mentions: list[DateMention] = []
    index = 0
    while index < len(cores):
        core = cores[index]
        following = cores[index + 1] if index + 1 < len(cores) else None
        index += 1
        start, lead, part = _lead_in(text, core.start)
        if _POSSESSIVE.match(text, core.end):
            start, lead, part = core.start, "", ""  # "through today's session": today, not '../today'
        try:
            if following and _is_range(text, core, following, lead):
                value = _range(text, core, following, published)
                end = following.end
                index += 1
            else:
                future, value = _tensed(text, core, start, lead, part, published)
                if not future and not _looks_back(text, start):
                    value = _coming_year(core, value, published)
                elif not future and not _WOULD.search(text, 0, start):
                    value = _gone_year(text, core, value, published)
                value = _apply_lead(value, lead, part)
                end = core.end
        except _NotADateError:
            continue
        date_text = UNKNOWN if value is None else value.text()
        if _valid(date_text):
            guessed = end == core.end and _year_guessed(text, core, future, value, published)
            mentions.append(DateMention(text[start:end], start, end, date_text, core.kind, lead, guessed))
    return _join_weekday_and_date(text, mentions)


def _tensed(
    text: str, core: _Core, start: int, lead: str, part: str, published: date | None
) -> tuple[bool, Span | None]:
    """Whether the phrase looks ahead, and its time. 'Until' looks ahead ('adjourned until
    September' in May, 'was delayed until January'), but in a past clause the nearer of a far coming and a gone reading wins: 'banks were lending up
    until February' in May is the February gone."""
    ahead = _looks_ahead(text, start) or _is_on(text, core, start)
    if lead in FUTURE_LEADS and not ahead and _past_after(text, core, start):
        return False, _resolve(text, core, lead, published, False, needs_part=not part)
    value = _resolve(text, core, lead, published, ahead or lead in FUTURE_LEADS, needs_part=not part)
    if ahead or lead not in FUTURE_LEADS or not _looks_back(text, start) or _PUT_OFF.search(text, 0, start):
        return ahead or lead in FUTURE_LEADS, value
    coming = _days_from(value, published) if published else 0
    if coming <= NEAR_AHEAD_DAYS:
        return True, value  # 'was adjourned until Tuesday'
    gone = _resolve(text, core, lead, published, False, needs_part=not part)
    return (False, gone) if -_days_from(gone, published) < coming else (True, value)


def _past_after(text: str, core: _Core, start: int) -> bool:
    """'By Tuesday, the White House had confirmed': a phrase opening its clause takes the tense
    of the clause it leads into."""
    main = _MAIN_CLAUSE.match(text, core.end)
    if main is None or not _OPENS_CLAUSE.search(text, 0, start):
        return False
    return bool(_PAST.search(main.group(1))) and not _FUTURE.search(main.group(1))


def _days_from(value: Span | None, published: date) -> int:
    """Days from the publication date to the time's start (0 when it has none)."""
    first = value.start if value else None
    return (date(first.year, first.month or 1, first.day or 1) - published).days if first else 0


def _year_guessed(text: str, core: _Core, future: bool, value: Span | None, published: date | None) -> bool:
    """A month or day without a year, no tense to say which, and far enough from the
    publication date that the year is a guess ('in June' in a December article); one the tense
    puts most of a year ahead when the same month just gone is as likely ('in December' in a
    January article); a winter named in its own first months, begun the year before; or a playing
    season in spring or early summer, when it may be this year's (baseball) or one begun last year
    (football)."""
    if core.kind == "play_season":
        return published is not None and SEASON_TURN_MONTH <= published.month < SEASON_SETTLED_MONTH
    if core.kind == "season" and core.match.group("season").lower() == "winter":
        return (
            published is not None and published.month <= SEASON_TURN_MONTH
        )  # 'this winter' in January: begun last year
    if not _without_year(core):
        return False
    before = text[: core.start].split()
    if (before and before[-1].lower() in ("last", "next", "this")) or _names_dated(text, core):
        return False
    first = value and (value.start or value.end)  # 'until February': its end
    if first is None or published is None:
        return not future
    days = (date(first.year, first.month or 1, first.day or 1) - published).days
    if future:
        return days - YEAR_DAYS > -NEAR_AHEAD_DAYS
    if -YEAR_DAYS < days < 0 and _looks_back(text, core.start):
        return False  # 'the flight that went missing on March 8': this year's, in the past
    return days > NEAR_AHEAD_DAYS or days < -MAX_SURE_DAYS_BACK


def _without_year(core: _Core) -> bool:
    return core.kind in ("day_month", "month_day", "day_range", "month") and not core.match.groupdict().get(
        "y"
    )


def _coming_year(core: _Core, value: Span | None, published: date | None) -> Span | None:
    """A month or day without a year, in a clause with no tense to say which, that falls in the
    next few weeks of the next year is that one: 'a wider release in January' in late December."""
    if value is None or value.start is None or published is None or not _without_year(core):
        return value
    first = value.start
    days_back = (published - date(first.year, first.month or 1, first.day or 1)).days
    if days_back <= MAX_SURE_DAYS_BACK:
        return value
    ahead = date(first.year + 1, first.month or 1, first.day or 1)
    if (ahead - published).days > NEAR_AHEAD_DAYS:
        return value
    return Span(*(replace(p, year=p.year + 1) if p else None for p in (value.start, value.end)))


def _gone_year(text: str, core: _Core, value: Span | None, published: date | None) -> Span | None:
    """A month or day without a year, in a past-tense clause, that would fall after the
    publication date is last year's: 'had apologized for taking the photo in July' in May (but
    'described what would follow November's election' is this year's)."""
    if value is None or value.start is None or published is None or not _without_year(core):
        return value
    if _names_dated(text, core):
        return value
    first = value.start
    if date(first.year, first.month or 1, first.day or 1) <= published:
        return value
    return Span(*(replace(p, year=p.year - 1) if p else None for p in (value.start, value.end)))


def _join_weekday_and_date(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """'Thursday (Dec. 11)', 'Monday, Nov. 3' and 'today (Oct. 28)' are one date: the written one."""
    joined: list[DateMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if (
            previous
            and (previous.kind == "weekday" or previous.phrase.lower().endswith(("today", "yesterday")))
            and mention.kind in ("day_month", "month_day")
            and _WEEKDAY_GLUE.fullmatch(text[previous.end : mention.start])
        ):
            end = mention.end + (1 if text[mention.end : mention.end + 1] == ")" else 0)
            agrees = previous.date == mention.date  # the weekday names the same day
            joined[-1] = replace(
                mention,
                phrase=text[previous.start : end],
                start=previous.start,
                end=end,
                guessed_year=mention.guessed_year and not agrees,
            )
            continue
        joined.append(mention)
    return joined


def _pick_cores(text: str) -> list[_Core]:
    """The longest date cores that do not overlap, in reading order."""
    lower = text.lower()
    has_digit = bool(_DIGIT.search(text))
    found = [
        _Core(kind, m)
        for kind, pattern, cues in _CORES
        if (has_digit if cues is None else cues.search(lower))
        for m in pattern.finditer(text)
    ]
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    picked: list[_Core] = []
    for core in found:
        if picked and core.start < picked[-1].end:
            continue
        picked.append(core)
    return picked


def _lead_in(text: str, start: int) -> tuple[int, str, str]:
    """(where the phrase starts, the lead word such as 'since', 'end' or 'start' if present)."""
    before = text[max(0, start - 40) : start]
    match = _LEAD.search(before) or _PART_ONLY.search(before)
    if not match:
        return start, "", ""
    lead = (match.groupdict().get("lead") or "").lower()
    lead = " ".join(lead.split())
    part = (match.group("part") or "").lower()
    return start - len(before) + match.start(), lead, part


def _looks_ahead(text: str, start: int) -> bool:
    """True when the phrase's clause speaks of the future ('will begin training ... in the spring').

    A clause too short or with no tense of its own takes the tense of the one before across a
    comma ('will be held in St. Charles, Mo., May 13'; "You'll hear a big, optimistic view ...
    on Tuesday"), but not across a dash or bracket, which open an aside, nor into a relative
    clause, which has its own verb ('a blow to Connecticut, which in December reduced taxes')."""
    parts = _CLAUSE_SPLIT.split(text[:start])
    clause = parts[-1]
    while len(parts) > 2 and parts[-2] == "," and not _RELATIVE.match(clause):
        if len(clause.split()) >= MIN_CLAUSE_WORDS and (
            _FUTURE.search(clause) or _PAST.search(clause) or _PRESENT.search(clause)
        ):
            break
        parts = parts[:-2]
        clause = parts[-1] + " " + clause
    return bool(_FUTURE.search(" ".join(clause.split()[-TENSE_WINDOW_WORDS:])))


def _is_on(text: str, core: _Core, start: int) -> bool:
    """'The game is on Sunday', 'the vote is Thursday', 'Tuesday is the deadline': what is on a
    weekday is to come."""
    return core.kind == "weekday" and bool(
        _COPULA.search(text, 0, start) or _COPULA_AFTER.match(text, core.end)
    )


def _looks_back(text: str, start: int) -> bool:
    """True when the phrase's clause is in the past tense ('the plane that went missing on March 8')."""
    parts = _CLAUSE_SPLIT.split(text[:start])
    if len(parts) > 2 and parts[-2] == "," and not parts[-1].strip():
        parts = parts[:-2]  # 'was flagged twice, in December': an aside of the clause before
    return bool(_PAST.search(" ".join(parts[-1].split()[-TENSE_WINDOW_WORDS:])))


def _is_range(text: str, first: _Core, second: _Core, lead: str) -> bool:
    between = text[first.end : second.start]
    if not _RANGE_JOIN.match(between):
        return False
    joiner = between.strip(" ,")
    if joiner == "and":
        return lead == "between"
    if joiner in ("-", "–", "—"):
        return True
    return lead == "from"


def _range(text: str, first: _Core, second: _Core, published: date | None) -> Span | None:
    end = _resolve(text, second, "", published, False, in_range=True)
    if end is None:
        return None
    year = (end.end or end.start).year
    start = _resolve(text, first, "", published, False, default_year=year, in_range=True)
    if start is None:
        return None
    return Span(start.start.first() if start.start else None, end.end.last() if end.end else None)


def _apply_lead(value: Span | None, lead: str, part: str) -> Span | None:
    """What 'since', 'until', 'before', 'around' and 'the end of' do to a resolved time."""
    if value is None:
        return None
    if part == "end":
        value = point(value.end.last()) if value.end else value
    elif part in ("start", "beginning"):
        value = point(value.start.first()) if value.start else value
    if lead in ("since", "from", "as early as", "back to", "as far back as"):
        return Span(value.start, None)
    if lead == "after":
        return Span(value.end.shifted(1) if value.end else None, None)
    if lead in ("until", "till", "through", "by", "no later than", "up to"):
        return Span(None, value.end)
    if lead == "before":
        return Span(None, value.end if part == "end" else value.start.shifted(-1))
    if lead in ("around", "about", "circa", "c.", "approximately", "roughly"):
        return Span(*(replace(p, qualifier="~") if p else None for p in (value.start, value.end)))
    return value


def _valid(text: str) -> bool:
    try:
        parse_partial_date(text)
    except DateError:
        return False
    return True


# --- resolving one core -----------------------------------------------------------------------


def _resolve(
    text: str,
    core: _Core,
    lead: str,
    published: date | None,
    future: bool,
    default_year: int | None = None,
    in_range: bool = False,
    needs_part: bool = False,
) -> Span | None:
    """The core's time; None when it needs the publication date and there is none.

    ``needs_part`` is true when no 'end of' or 'start of' precedes the core: then 'the year'
    alone is not a date ('the year the country joined')."""
    g = core.match.groupdict()
    kind = core.kind
    if needs_part and (g.get("mod") or "").lower() == "the" and kind == "relative":
        raise _NotADateError
    if kind in ("season", "weekend") and g["rel"].lower() == "the" and not lead:
        raise _NotADateError
    if kind == "iso":
        try:
            return point(day_point(date.fromisoformat(core.match.group())))
        except ValueError:
            raise _NotADateError from None
    if kind in ("day_month", "month_day", "day_range"):
        return _day_month(g, published, future, default_year)
    if kind == "month_year":
        return point(Point(int(g["y"]), MONTH_NUMBERS[g["m"]]))
    if kind == "few_days":
        return None if published is None else point(Point(published.year, published.month))
    if kind in ("month_rel", "play_season"):
        return None if published is None else _this_last_next(g, kind, published)
    if kind == "month":
        return _month(text, core, lead, published, future, default_year, in_range)
    if kind == "year":
        return point(Point(int(g["y"]))) if in_range else _year(text, core, lead)
    if kind == "decade":
        return point(Point(int(g["decade"]), decade=True))
    if kind == "century":
        return Span(Point((int(g["n"]) - 1) * 100), Point((int(g["n"]) - 1) * 100 + 99))
    if kind == "season_year":
        return point(Point(int(g["y"])))
    if kind in ("quarter", "half"):
        return _part_of_year(text, g, kind, published, future)
    if published is None:
        return None
    resolvers = {
        "season": _season,
        "weekday": _weekday,
        "day_word": _day_word,
        "relative": _relative,
        "ago": _ago,
        "past_span": _past_span,
        "past_years": _past_years,
        "weekend": _weekend,
    }
    return resolvers[kind](g, published, future)


def _day_month(g: dict, published: date | None, future: bool, default_year: int | None) -> Span | None:
    month = MONTH_NUMBERS[g["m"]]
    days = [int(re.sub(r"\D", "", g[key])) for key in ("d", "d1", "d2") if g.get(key)]
    if g.get("y") or default_year:
        year = int(g["y"]) if g.get("y") else default_year
    elif published is None:
        return None
    else:
        year = _year_of(published, (month, days[0]), (published.month, published.day), future)
    try:
        points = [day_point(date(year, month, day)) for day in days]
    except ValueError:
        raise _NotADateError from None
    return Span(points[0], points[-1])


def _month(
    text: str,
    core: _Core,
    lead: str,
    published: date | None,
    future: bool,
    default_year: int | None,
    in_range: bool,
) -> Span | None:
    """A month named alone is a date only after a date word: 'in May', 'by March', 'last June'."""
    before = text[: core.start].split()
    previous = before[-1].lower() if before else ""
    named_for = _names_dated(text, core)
    if not (in_range or lead or named_for or core.match.group("mod") or previous in ("last", "next", "this")):
        raise _NotADateError
    if lead == "of" and previous == "of" and before[-2:-1] != ["As"] and before[-2:-1] != ["as"]:
        raise _NotADateError  # 'the Ides of March'; 'the end of March' has lead ''.
    month = MONTH_NUMBERS[core.match.group("m")]
    if default_year:
        return point(Point(default_year, month))
    if published is None:
        return None
    if previous == "last":
        year = published.year if month < published.month else published.year - 1
    elif previous == "next":
        year = published.year if month > published.month else published.year + 1
    elif previous == "this" or named_for:
        year = published.year  # 'the November election' is this year's, past or coming
    else:
        year = _year_of(published, (month,), (published.month,), future)
    return point(Point(year, month))


def _names_dated(text: str, core: _Core) -> bool:
    """'the November election', "November's vote": a month naming a dated occasion; not
    "Theresa May's vote"."""
    before = text[: core.start].split()
    named = before and before[-1][:1].isupper() and before[-1].lower() not in COMMON_WORDS
    return core.kind == "month" and bool(_DATED_NOUN.match(text, core.end)) and not named


def _year(text: str, core: _Core, lead: str) -> Span:
    """'in 2019', 'mid-2026', 'its 2021 assessment' are years; '2000 troops' is not."""
    g = core.match.groupdict()
    before = text[: core.start]
    following = _NEXT_WORD.match(text, core.end)
    counted = (
        following
        and following.group(1) not in COMMON_WORDS
        and not (following.group(1).endswith("ed") and lead != "of")  # 'of 2000 armed men'
    )  # '2000 troops', not '2022 across' nor 'in 2021 showed'
    named = _NAME_WORD.match(text, core.end)  # 'the 2010 Australian Grand Prix', 'a 2018 Democratic primary'
    attributive = _DETERMINER.search(before) and (counted or named)
    modified = g["mod"] or core.match.group().lower().startswith("mid")
    listed = _DATE_LIST.search(before) or _YEAR_WORDS.search(before)
    if not (modified or lead or attributive or listed):
        raise _NotADateError
    if counted and lead in AMBIGUOUS_LEADS and not attributive:
        raise _NotADateError  # 'a force of 2000 troops', 'at 2000 metres'
    if _ADDRESS.match(text, core.end):
        raise _NotADateError  # 'at 2015 Washtenaw Avenue'
    return point(Point(int(g["y"])))


def _year_of(published: date, when: tuple, now: tuple, future: bool) -> int:
    """The year of a month or day named without one: forward or back by tense; without a tense,
    back, unless it is the coming days of this year ('out on Dec. 31' in a 29 December article)."""
    if future:
        return published.year if when >= now else published.year + 1
    if when <= now:
        return published.year
    ahead = date(published.year, when[0], when[1] if len(when) > 1 else 1)
    return published.year if (ahead - published).days <= NEAR_AHEAD_DAYS else published.year - 1


def _this_last_next(g: dict, kind: str, published: date) -> Span:
    """'March of last year', 'this season'."""
    year = published.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    if kind == "play_season" and published.month < SEASON_TURN_MONTH:
        year -= 1  # in January 'this season' is one that began last autumn (football, hockey)
    return point(Point(year, MONTH_NUMBERS[g["m"]] if kind == "month_rel" else None))


def _part_of_year(text: str, g: dict, kind: str, published: date | None, future: bool) -> Span | None:
    if kind == "quarter" and not (g.get("y") or g.get("qy") or g.get("rel")) and _GAME.search(text):
        raise _NotADateError  # 'a nine-point lead in the third quarter': of a game, not a year
    if kind == "quarter":
        number = int(g["qn"]) if g.get("qn") else ORDINALS[g["q"].lower()]
        first, last = 3 * number - 2, 3 * number
        year_text = g.get("y") or g.get("qy")
    else:
        number = ORDINALS[g["h"].lower()]
        first, last = 6 * number - 5, 6 * number
        year_text = g.get("y")
    if year_text:
        year = int(year_text)
    elif published is None:
        return None
    elif g.get("rel"):
        year = published.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    elif future:
        year = published.year if last >= published.month else published.year + 1
    else:
        year = published.year if first <= published.month else published.year - 1
    return Span(Point(year, first), Point(year, last))


def _season(g: dict, published: date, future: bool) -> Span:
    start = SEASON_START[g["season"].lower()]
    rel = g["rel"].lower()
    if rel == "this":  # 'could vote on it this spring' in November: the coming spring
        year = published.year + (1 if future and published.month >= start + 3 else 0)
    elif rel == "last":
        year = published.year if start < published.month else published.year - 1
    elif rel == "next" or future:
        year = published.year if start >= published.month - 2 else published.year + 1
    else:
        year = published.year if start <= published.month else published.year - 1
    return point(Point(year, qualifier="~" if start == SEASON_START["winter"] else ""))


def _weekday(g: dict, published: date, future: bool) -> Span:
    wanted = WEEKDAY_NUMBERS[g["wd"]]
    if g.get("week"):  # 'on Wednesday last week': that day of the week named
        return point(
            _week(published, {"last": -1, "this": 0, "next": 1}[g["week"].lower()]).start.shifted(wanted)
        )
    rel = (g.get("rel") or "").lower()
    back = (published.weekday() - wanted) % 7
    if rel == "last":
        day = published - timedelta(days=back or 7)
    elif rel == "next" or (future and rel != "this") or (rel == "this" and wanted > published.weekday()):
        ahead = (wanted - published.weekday()) % 7  # 'this Saturday' on a Thursday: this week's
        day = published + timedelta(days=ahead or (7 if rel == "next" else 0))
    else:
        day = published - timedelta(days=back)
    return point(day_point(day))


def _day_word(g: dict, published: date, future: bool) -> Span:
    word = g["word"].lower()
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(" ".join(word.split()), 0)
    return point(day_point(published + timedelta(days=shift)))


def _week(published: date, weeks: int) -> Span:
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=weeks)
    return Span(day_point(monday), day_point(monday + timedelta(days=6)))


def _relative(g: dict, published: date, future: bool) -> Span | None:
    mod = " ".join(g["mod"].lower().split())
    unit = g["unit"].lower()
    step = {"last": -1, "next": 1, "the coming": 1}.get(mod, 0)
    if mod in ("the past", "the last", "the previous"):
        return _past_span({"n": "1", "unit": unit}, published, future)
    if mod == "the" and unit == "week":
        return _week(published, 0)
    if unit == "week":
        if step == -1 and published.weekday() == SUNDAY:
            step = 0  # on a Sunday 'last week' is the one ending that day
        week = _week(published, step)
        if mod == "earlier this":
            return Span(week.start, day_point(published))
        if mod == "later this":
            return Span(day_point(published), week.end)
        return week
    if unit == "day":
        return point(day_point(published + timedelta(days=step)))  # 'later in the day'
    if unit == "month":
        return point(Point(published.year, published.month).shifted(step))
    if unit == "year":
        return point(Point(published.year + step))
    decade = Point(published.year // 10 * 10, decade=True).shifted(step)
    if mod == "later this":
        return Span(Point(published.year), decade.last())
    if mod == "earlier this":
        return Span(decade.first(), Point(published.year))
    return point(decade)


def _count(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def _ago(g: dict, published: date, future: bool) -> Span:
    n, unit = _count(g["n"]), g["unit"].lower()
    if unit == "day":
        return point(day_point(published - timedelta(days=n)))
    if unit == "week":
        return point(replace(day_point(published - timedelta(weeks=n)), qualifier="~"))
    if unit == "month":
        return point(replace(Point(published.year, published.month).shifted(-n), qualifier="~"))
    years = n * (10 if unit == "decade" else 1)
    return point(Point(published.year - years, qualifier="~"))


def _past_span(g: dict, published: date, future: bool) -> Span:
    n, unit = _count(g["n"]), g["unit"].lower()
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        return Span(day_point(published - timedelta(days=days)), day_point(published))
    if unit == "month":
        now = Point(published.year, published.month)
        return Span(now.shifted(-n), now)
    years = n * (10 if unit == "decade" else 1)
    return Span(Point(published.year - years), Point(published.year))


def _past_years(g: dict, published: date, future: bool) -> Span:
    last = published.year if g["which"].lower() == "recent" else published.year - 1
    return Span(None, Point(last))


def _weekend(g: dict, published: date, future: bool) -> Span:
    rel = g["rel"].lower()
    weekday = published.weekday()
    previous = published - timedelta(days=(weekday - 5) % 7)  # Saturday on or before
    upcoming = published + timedelta(days=(5 - weekday) % 7)  # Saturday on or after
    if rel == "last":
        saturday = previous - timedelta(weeks=1) if weekday >= 5 else previous
    elif rel == "next":
        saturday = upcoming if upcoming > published and weekday < 5 else upcoming + timedelta(weeks=1)
    elif rel == "this" or future:
        saturday = previous if weekday >= 5 else upcoming
    else:
        saturday = previous
    return Span(day_point(saturday), day_point(saturday + timedelta(days=1)))
