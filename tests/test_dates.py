"""Partial dates: parsing, bounds, ordering and display at the true precision."""

from datetime import date

import pytest

from generator.errors import DateError
from generator.model.dates import Precision, parse_partial_date


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31), Precision.YEAR),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2024-03-05", date(2024, 3, 5), date(2024, 3, 5), Precision.DAY),
        ("201X", date(2010, 1, 1), date(2019, 12, 31), Precision.DECADE),
        ("19XX", date(1900, 1, 1), date(1999, 12, 31), Precision.CENTURY),
        ("2019/2021", date(2019, 1, 1), date(2021, 12, 31), Precision.YEAR),
        ("../2025", None, date(2025, 12, 31), Precision.YEAR),
        ("2024/..", date(2024, 1, 1), None, Precision.YEAR),
        ("../..", None, None, Precision.YEAR),
    ],
)
def test_bounds_and_precision(text, lower, upper, precision):
    d = parse_partial_date(text)
    assert (d.lower, d.upper, d.precision) == (lower, upper, precision)


@pytest.mark.parametrize(
    ("text", "label", "machine"),
    [
        ("2025", "2025", "2025"),
        ("2024-03", "March 2024", "2024-03"),
        ("2024-03-05", "5 March 2024", "2024-03-05"),
        ("2019~", "c. 2019", "2019"),
        ("2019?", "2019?", "2019"),
        ("2019%", "c. 2019?", "2019"),
        ("2019/2021", "2019–2021", "2019"),
        ("2024-03/2024-05", "March–May 2024", "2024-03"),
        ("../2025", "until 2025", "2025"),
        ("2024/..", "from 2024", "2024"),
        ("201X", "2010s", "2010"),
        ("../..", "date unknown", None),
    ],
)
def test_display_never_invents_a_day(text, label, machine):
    d = parse_partial_date(text)
    assert d.label() == label
    assert d.machine() == machine


def test_yaml_native_values_are_accepted():
    assert parse_partial_date(date(2024, 1, 2)).precision == Precision.DAY
    assert parse_partial_date(2025).label() == "2025"


def test_timeline_orders_partial_dates():
    texts = ["2024-03-05", "2024", "2023/2025", "2024-03", "../2024", "2024-01-01", "2024~", "2025/.."]
    ordered = [d.text for d in sorted(map(parse_partial_date, texts), key=lambda d: d.sort_key())]
    # open start first, then by lower bound; at the same start, coarser before finer
    assert ordered == [
        "../2024",
        "2023/2025",
        "2024",
        "2024~",
        "2024-01-01",
        "2024-03",
        "2024-03-05",
        "2025/..",
    ]


@pytest.mark.parametrize(
    "bad", ["", "March 2024", "2024-13", "2023-02-29", "2025/2020", "1/2/3", "24", "2024-XX-05", "0000"]
)
def test_bad_dates_raise_a_clear_error(bad):
    with pytest.raises(DateError):
        parse_partial_date(bad)


def test_flags():
    d = parse_partial_date("../2025?")
    assert d.uncertain and d.is_open and not d.approximate
    assert parse_partial_date("2019~").approximate
