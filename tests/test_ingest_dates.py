"""Ingest dates: explicit, relative and false dates, resolved at the precision the text supports."""

from __future__ import annotations

from datetime import date

import pytest

from generator.ingest.temporal import find_dates
from generator.model.dates import parse_partial_date

PUBLISHED = date(2024, 3, 14)  # a Thursday


def dates(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str]]:
    found = [(m.phrase, m.date) for m in find_dates(text, published)]
    for _, value in found:
        parse_partial_date(value)  # every emitted date is valid for the content contract
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was signed on 5 March 2024.", [("on 5 March 2024", "2024-03-05")]),
        ("It was signed on March 5, 2024.", [("on March 5, 2024", "2024-03-05")]),
        ("The plant opened in June 2019.", [("in June 2019", "2019-06")]),
        ("The firm was founded in 1948.", [("in 1948", "1948")]),
        ("Prices peaked in the 1990s.", [("in the 1990s", "199X")]),
        ("It grew between 2026 and 2030.", [("between 2026 and 2030", "2026/2030")]),
        (
            "It ran from July 2022 to December 2022.",
            [("from July 2022 to December 2022", "2022-07/2022-12")],
        ),
        ("The plan runs 2019-2021.", [("2019-2021", "2019/2021")]),
        (
            "It held meetings on 5 and 6 December 2024.",
            [("on 5 and 6 December 2024", "2024-12-05/2024-12-06")],
        ),
        (
            "Revenue for the fourth quarter of 2024 rose.",
            [("for the fourth quarter of 2024", "2024-10/2024-12")],
        ),
        (
            "Deliveries start in the second half of 2025.",
            [("in the second half of 2025", "2025-07/2025-12")],
        ),
        ("The site closed around 2019.", [("around 2019", "2019~")]),
        ("Plants will expand by mid-2026.", [("by mid-2026", "../2026")]),
        ("The rules apply to careers started before 1990.", [("before 1990", "../1989")]),
        ("Output has grown since the early 2000s.", [("since the early 2000s", "200X/..")]),
        ("The programme runs through 2025.", [("through 2025", "../2025")]),
        ("Its 2021 assessment was cautious.", [("2021", "2021")]),
    ],
)
def test_explicit_dates(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote took place on Wednesday.", [("on Wednesday", "2024-03-13")]),
        ("The minister will visit on Monday.", [("on Monday", "2024-03-18")]),
        ("She took office last year.", [("last year", "2023")]),
        ("It signed a mandate earlier in the year.", [("earlier in the year", "2024")]),
        ("Talks resumed earlier this month.", [("earlier this month", "2024-03")]),
        ("The report came out last month.", [("last month", "2024-02")]),
        ("Figures were released two weeks ago.", [("two weeks ago", "2024-02-29~")]),
        ("He joined three years ago.", [("three years ago", "2021~")]),
        ("The proposal was presented in October.", [("in October", "2023-10")]),
        ("The law will take effect in October.", [("in October", "2024-10")]),
        (
            "The bank expects to close the deal in the second quarter.",
            [("in the second quarter", "2024-04/2024-06")],
        ),
        ("He said he would sign by the end of April.", [("by the end of April", "../2024-04")]),
        ("Costs rose over the past three years.", [("over the past three years", "2021/2024")]),
        ("It has exhibited there in past years.", [("in past years", "../2023")]),
        ("Margins shrank in recent years.", [("in recent years", "../2024")]),
        ("Spending has risen since last year.", [("since last year", "2023/..")]),
        (
            "The line stays busy until the end of the decade.",
            [("until the end of the decade", "../2029")],
        ),
        ("Ministers meet next week.", [("next week", "2024-03-18/2024-03-24")]),
        ("Officials met earlier this week.", [("earlier this week", "2024-03-11/2024-03-14")]),
        ("Astronauts could land later this decade.", [("later this decade", "2024/2029")]),
        ("The test on Wednesday last week angered China.", [("on Wednesday last week", "2024-03-06")]),
        ("You'll hear a big, optimistic view from him on Tuesday.", [("on Tuesday", "2024-03-19")]),
        ("It will not endorse anyone — contrary to reports over the summer.", [("over the summer", "2023")]),
        ("The plant will close, according to a statement on Monday.", [("on Monday", "2024-03-11")]),
    ],
)
def test_relative_phrases_resolve_against_the_publication_date(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a relative clause has its own tense: not the planned move's
        ("The planned move hits the state, which in December cut taxes.", date(2016, 1, 13), "2015-12"),
        ("They were beaten twice this season.", date(2016, 1, 10), "2015"),  # a season begun last autumn
        ("Last week, officials said so.", date(2016, 1, 10), "2016-01-04/2016-01-10"),  # on a Sunday
    ],
)
def test_dates_near_the_turn_of_the_year(text, published, expected):
    assert [value for _, value in dates(text, published)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The search intensified last summer as lawmakers passed a budget.", "2023"),
        ("The court has scheduled a March hearing on the dispute.", "2024-03"),
        ("He lost to her in a 2018 Democratic primary.", "2018"),
    ],
)
def test_a_season_before_as_a_month_naming_a_hearing_and_a_year_naming_an_edition(text, expected):
    assert [value for _, value in dates(text)] == [expected]


def test_a_playing_season_in_spring_a_month_most_of_a_year_ahead_and_a_winter_in_january_are_guesses():
    assert [m.guessed_year for m in find_dates("He scored twice this season.", date(2016, 5, 2))] == [True]
    assert [m.guessed_year for m in find_dates("It will open in December.", date(2016, 1, 13))] == [True]
    assert [m.guessed_year for m in find_dates("It will open in October.", date(2016, 1, 13))] == [False]
    assert [m.guessed_year for m in find_dates("Snow fell this winter.", date(2016, 1, 13))] == [True]


def test_without_a_publication_date_relative_phrases_are_unknown_and_explicit_years_work():
    text = "A decree signed earlier in the year runs through 2025; it was shown in past years and last March."
    assert dates(text, published=None) == [
        ("earlier in the year", "../.."),
        ("through 2025", "../2025"),
        ("in past years", "../.."),
        ("last March", "../.."),
    ]


def test_build_clock_is_never_used():
    assert dates("The vote was on Monday.", published=None) == [("on Monday", "../..")]


@pytest.mark.parametrize(
    "text",
    [
        "Unions may still challenge the law.",
        "May I ask a question, said Theresa May.",
        "Protesters began the march on the capital.",
        "At the core is a 199-point program of joint work.",
        "The army deployed 2000 troops and 1,500 vehicles.",
        "A force of 1500 soldiers crossed the river.",
        "The deal is worth 2.4 billion dollars and 30,600 jobs.",
        "The retirement age rises from 66 to 67.",
        "The year the country joined was a turning point.",
        "They plan a 2025-point checklist.",
        "He kicked a field goal for a nine-point lead in the third quarter.",
        "The defence wilted in fourth quarters.",
    ],
)
def test_words_and_numbers_that_only_look_like_dates_are_not_dates(text):
    assert dates(text) == []


def test_dating_back_to_a_year_starts_a_span_there():
    assert dates("It has formed governments following elections dating back to 1987.") == [
        ("back to 1987", "1987/..")
    ]
    assert dates("He was convicted of criminal activities as far back as 2010.") == [
        ("as far back as 2010", "2010/..")
    ]


def test_a_weekday_that_is_the_deadline_is_to_come():
    published = date(2015, 5, 20)  # a Wednesday
    assert dates("Tuesday is the deadline.", published) == [("Tuesday", "2015-05-26")]
    assert dates("Tuesday was the deadline.", published) == [("Tuesday", "2015-05-19")]
