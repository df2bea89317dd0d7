"""Partial dates: the EDTF level 0/1 subset briefs use for events.

A partial date is stored as what the text says, never more: "2025" stays a year, "../2025"
stays "until 2025". Each date knows its lower and upper bounds (None when open or unknown),
its precision, and how to show itself; timelines sort by ``sort_key``.

Accepted forms::

    2025  2024-03  2024-03-05        year, month, day
    201X  19XX  2024-XX              unspecified digits (decade, century, month in a year)
    2019~  2019?  2019%              approximate, uncertain, both
    2019/2021  ../2025  2024/..      intervals; ".." is an open end
    /2025  2024/                     an unknown end
    ../..                            a wholly unknown date
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from functools import lru_cache

from generator.errors import DateError

FORMS_HINT = "use YYYY, YYYY-MM, YYYY-MM-DD, 201X, a ~ or ? suffix, or an interval like 2019/2021 or ../2025"

MONTHS = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class Precision(IntEnum):
    """How finely a date is known; coarser dates sort before finer ones that start together."""

    CENTURY = 0
    DECADE = 1
    YEAR = 2
    MONTH = 3
    DAY = 4


_POINT = re.compile(
    r"^(?P<year>\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}))?)?"
    r"(?P<qual>[~?%])?$"
)


@dataclass(frozen=True)
class DatePoint:
    """One end of a date: a day, month, year, decade or century, maybe approximate or uncertain."""

    lower: date
    upper: date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False

    def label(self) -> str:
        """Human text at the true precision: '2025', 'March 2024', '5 March 2024', '2010s'."""
        y = self.lower.year
        text = {
            Precision.CENTURY: f"{y}s",
            Precision.DECADE: f"{y}s",
            Precision.YEAR: f"{y}",
            Precision.MONTH: f"{MONTHS[self.lower.month]} {y}",
            Precision.DAY: f"{self.lower.day} {MONTHS[self.lower.month]} {y}",
        }[self.precision]
        if self.approximate:
            text = f"c. {text}"
        if self.uncertain:
            text = f"{text}?"
        return text

    def machine(self) -> str:
        """A valid HTML ``datetime`` value at the same precision (decades give their first year)."""
        if self.precision >= Precision.DAY:
            return self.lower.isoformat()
        if self.precision == Precision.MONTH:
            return self.lower.isoformat()[:7]
        return f"{self.lower.year:04d}"


def _parse_point(text: str) -> DatePoint:
    m = _POINT.match(text)
    if not m:
        raise DateError(f"'{text}' is not a date")
    year, month, day, qual = m["year"], m["month"], m["day"], m["qual"]
    approximate = qual in ("~", "%")
    uncertain = qual in ("?", "%")
    if "X" in year:
        if month:
            raise DateError(f"'{text}': a month needs a full year")
        stars = year.count("X")
        start = int(year.replace("X", "0"))
        span = 10**stars
        precision = Precision.DECADE if stars == 1 else Precision.CENTURY
        return DatePoint(
            date(max(start, 1), 1, 1), date(start + span - 1, 12, 31), precision, approximate, uncertain
        )
    y = int(year)
    if y == 0:
        raise DateError(f"'{text}': year 0000 is not supported")
    if month is None or month == "XX":
        if day:
            raise DateError(f"'{text}': a day needs a month")
        return DatePoint(date(y, 1, 1), date(y, 12, 31), Precision.YEAR, approximate, uncertain)
    mo = int(month)
    if not 1 <= mo <= 12:
        raise DateError(f"'{text}': month {mo} does not exist")
    last = calendar.monthrange(y, mo)[1]
    if day is None:
        return DatePoint(date(y, mo, 1), date(y, mo, last), Precision.MONTH, approximate, uncertain)
    d = int(day)
    if not 1 <= d <= last:
        raise DateError(f"'{text}': {MONTHS[mo]} {y} has no day {d}")
    return DatePoint(date(y, mo, d), date(y, mo, d), Precision.DAY, approximate, uncertain)


# An interval end is a point, ".." (open: no limit) or "" (unknown).
OPEN = ".."
UNKNOWN = ""


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the source supports: a point or an interval with open/unknown ends."""

    text: str
    start: DatePoint | None
    end: DatePoint | None
    is_interval: bool = False
    start_marker: str = ""  # OPEN or UNKNOWN when start is None
    end_marker: str = ""

    @property
    def lower(self) -> date | None:
        """Earliest day the event can be on, or None when the start is open or unknown."""
        return self.start.lower if self.start else None

    @property
    def upper(self) -> date | None:
        """Latest day the event can be on, or None when the end is open or unknown."""
        return self.end.upper if self.end else None

    @property
    def precision(self) -> Precision:
        """The precision of the best-known end (YEAR for a wholly unknown date)."""
        point = self.start or self.end
        return point.precision if point else Precision.YEAR

    @property
    def is_known(self) -> bool:
        """False for a date with no known end at all ('../..')."""
        return self.start is not None or self.end is not None

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in (self.start, self.end) if p)

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in (self.start, self.end) if p)

    @property
    def is_open(self) -> bool:
        """True when either end is open or unknown."""
        return self.is_interval and (self.start is None or self.end is None)

    def sort_key(self) -> tuple:
        """Chronological order: (lower bound, precision, upper bound); open ends sort outward."""
        return (
            self.lower or date.min,
            self.precision,
            self.upper or date.max,
            self.text,
        )

    @property
    def year(self) -> int | None:
        """The year a timeline files this date under: its lower bound's, else its upper's."""
        if self.lower:
            return self.lower.year
        return self.upper.year if self.upper else None

    def label(self) -> str:
        """Display text at the true precision, e.g. 'until 2025', 'c. 2019', '2019–2021'."""
        if not self.is_interval:
            return self.start.label()
        if not self.is_known:
            return "date unknown"
        if self.start is None:
            prefix = "until" if self.start_marker == OPEN else "unknown start, until"
            return f"{prefix} {self.end.label()}"
        if self.end is None:
            tail = "" if self.end_marker == OPEN else ", end unknown"
            return f"from {self.start.label()}{tail}"
        return _join_range(self.start, self.end)

    def machine(self) -> str | None:
        """The HTML ``datetime`` value: the known start, else the known end; None if unknown."""
        point = self.start or self.end
        return point.machine() if point else None

    def __str__(self) -> str:
        return self.text


def _join_range(a: DatePoint, b: DatePoint) -> str:
    """'2019–2021', 'March–May 2024'; each side keeps its own qualifiers."""
    plain = not (a.approximate or a.uncertain or b.approximate or b.uncertain)
    if plain and a.precision == b.precision == Precision.MONTH and a.lower.year == b.lower.year:
        return f"{MONTHS[a.lower.month]}–{MONTHS[b.lower.month]} {a.lower.year}"
    return f"{a.label()}–{b.label()}"


def parse_partial_date(value: object) -> PartialDate:
    """Parse a front-matter date; raises DateError with a message that says what is wrong."""
    if isinstance(value, date):  # YAML reads 2024-03-05 as a date already
        value = value.isoformat()
    if isinstance(value, int):  # and 2025 as an int
        value = str(value)
    if not isinstance(value, str):
        raise DateError(f"a date must be text, not {type(value).__name__}")
    return _parse_text(value.strip())


@lru_cache(maxsize=65536)  # event dates recur across briefs
def _parse_text(text: str) -> PartialDate:
    if not text:
        raise DateError("the date is empty")
    if "/" not in text:
        point = _parse_point(text)
        return PartialDate(text, point, point)
    left, _, right = text.partition("/")
    if "/" in right:
        raise DateError(f"'{text}' has more than one '/'")
    start = None if left in (OPEN, UNKNOWN) else _parse_point(left)
    end = None if right in (OPEN, UNKNOWN) else _parse_point(right)
    if start and end and start.lower > end.upper:
        raise DateError(f"'{text}' ends before it starts")
    return PartialDate(
        text,
        start,
        end,
        is_interval=True,
        start_marker=left if start is None else "",
        end_marker=right if end is None else "",
    )
