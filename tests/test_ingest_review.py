"""Ingest on real news layout: confidence, review items, datelines, sign-offs and the shared date rules."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.ingest.article import Article
from generator.ingest.confidence import ENTITY_REVIEW_BELOW, EVENT_REVIEW_BELOW
from generator.ingest.curation import Curation
from generator.ingest.draft import render_brief
from generator.ingest.entities import find_entities
from generator.ingest.events import find_events
from generator.ingest.pipeline import DraftOptions, draft_brief
from generator.ingest.registry import known_names
from generator.ingest.sentences import article_sentences

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = date(2014, 12, 30)  # a Tuesday


def drafted(*paragraphs: str, published: date = PUBLISHED, title: str = ""):
    article = Article("test.txt", title, paragraphs, published)
    return draft_brief(article, known_names({}, Curation()), Curation(), DraftOptions(today=published))


def found(text: str) -> dict:
    article = Article("test.txt", "", (text,))
    findings = find_entities(article_sentences(article), known_names({}, Curation()), Curation())
    return {e.name: (e.type, set(e.aliases)) for e in findings.entities}


def events(text: str, published: date = PUBLISHED) -> list[tuple[str, str]]:
    article = Article("test.txt", "", (text,))
    return [(e.phrase, e.date) for e in find_events(article_sentences(article), published, {})]


# --- confidence and review --------------------------------------------------------------------


def test_every_entity_and_event_carries_a_confidence():
    draft = drafted("Defence Minister Tomasz Wrona said on Monday that Poland would buy more batteries.")
    assert draft.events and all(0 < e.confidence <= 1 for e in draft.events)
    assert draft.new_entities and all(0 < e.confidence <= 1 for e in draft.new_entities)


def test_a_month_whose_year_is_a_guess_goes_to_review_not_the_timeline():
    draft = drafted("The film gets a wider release in June.", published=date(2014, 12, 29))
    assert not draft.events
    assert [(e.phrase, e.date) for e in draft.review_events] == [("in June", "2014-06")]
    assert draft.review_events[0].confidence < EVENT_REVIEW_BELOW


def test_a_month_just_ahead_across_the_new_year_is_next_years():
    draft = drafted("The film gets a wider release in January.", published=date(2014, 12, 29))
    assert [(e.phrase, e.date) for e in draft.events] == [("in January", "2015-01")]
    draft = drafted("He takes office in January.", published=date(2016, 11, 10))
    assert [(e.phrase, e.date) for e in draft.events] == [("in January", "2017-01")]


def test_a_past_tense_day_earlier_in_the_year_is_this_years_not_a_guess():
    draft = drafted("The flight that went missing on March 8 was never found.", published=date(2014, 12, 29))
    assert [(e.phrase, e.date) for e in draft.events] == [("on March 8", "2014-03-08")]
    draft = drafted("The plane disappeared on March 8.", published=date(2014, 12, 29))
    assert [(e.phrase, e.date) for e in draft.events] == [("on March 8", "2014-03-08")]


def test_review_items_are_commented_out_in_the_draft_and_kept_out_of_the_registry():
    draft = drafted("The film gets a wider release in June, said Zorblat.", published=date(2014, 12, 29))
    lone = [e for e in draft.review_entities if e.name == "Zorblat"]
    assert lone and lone[0].confidence < ENTITY_REVIEW_BELOW
    assert "zorblat" not in {e.id for e in draft.new_entities}
    text = render_brief(draft)
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["events"] == [] and "zorblat" not in front["entities"]
    review = [line for line in text.split("---\n")[1].splitlines() if line.startswith("#")]
    assert any("in June" in line for line in review)
    assert any("Zorblat" in line and "confidence" in line for line in review)


def test_sure_items_are_not_marked_for_review():
    draft = drafted("MUMBAI (Reuters) - Shares ended flat on Tuesday.")
    assert [(e.phrase, e.date) for e in draft.events] == [("on Tuesday", "2014-12-30")]
    assert "For review" not in render_brief(draft)


# --- the shared date conventions --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town was founded in the 1870s.", []),  # decades are not events
        ("Prices have risen over the past three years.", []),  # durations are not events
        ("It has grown in recent years.", []),
        ("The lead held until today.", []),
        ("Flooding hit the city last week.", [("last week", "2014-12")]),  # weeks to the month
        ("It happened over the weekend.", [("over the weekend", "2014-12")]),
        ("A ceremony was held Thursday (Dec. 11) at noon.", [("Thursday (Dec. 11)", "2014-12-11")]),
        ("It was made on Oct 28 in a letter.", [("on Oct 28", "2014-10-28")]),
        ("I checked into my flight last night.", [("last night", "2014-12-29")]),
        ("Smith batted through today’s morning session.", [("today", "2014-12-30")]),
        ("A man entered the bank at 2015 Washtenaw Avenue.", []),  # an address, not a year
        ("The film is out on Dec. 31 in limited release.", [("on Dec. 31", "2014-12-31")]),
        ("Officials would investigate a spill sighted on Monday.", [("on Monday", "2014-12-29")]),
        (
            "Shares ended flat on Tuesday, a day after the order was passed.",
            [("on Tuesday", "2014-12-30"), ("a day after", "2014-12-29")],
        ),
        ("Defaults fell in the third quarter.", [("in the third quarter", "2014")]),  # quarters to the year
        ("It reported third-quarter profit.", [("third-quarter", "2014")]),
        ("Steps must be taken before 2016 arrives.", [("before 2016", "../2016")]),  # dated by X
        ("Take a distribution before December 31st.", [("before December 31st", "../2014-12-31")]),
        ("Shoppers braced for Black Friday.", []),  # a named day, not this week's Friday
        ("Drivers talk to reporters on the Thursday before a race.", []),
        ("WASHINGTON (Dec. 30) -- Gates ordered a review.", []),  # the dateline's day of filing
        ("AUSTIN, Texas, Dec. 30 (Reuters) - Oil rose.", []),
        ("It was published today (Dec. 30) in a journal.", [("today (Dec. 30)", "2014-12-30")]),
        ("Distributions are due by April of next year.", [("by April of next year", "../2015-04")]),
        ("He set career highs this season.", [("this season", "2014")]),
        ("At the 2010 Australian Grand Prix, he was fined.", [("2010", "2010")]),
        ("The market is open every Sunday.", []),  # a habit
        (
            "The final vote is on Thursday.",
            [("on Thursday", "2015-01-01")],
        ),  # what is on a weekday is to come
    ],
)
def test_dates_follow_the_labelling_conventions(text, expected):
    assert events(text) == expected


def test_a_past_tense_month_still_ahead_this_year_is_last_years():
    draft = drafted("She had apologized for taking the photo in July.", published=date(2017, 5, 25))
    assert [(e.phrase, e.date) for e in draft.events] == [("in July", "2016-07")]
    draft = drafted("The agency said it would publish guidance in July.", published=date(2017, 5, 25))
    assert [(e.phrase, e.date) for e in draft.events] == [("in July", "2017-07")]


def test_until_a_month_in_a_past_clause_is_the_nearer_reading():
    published = date(2020, 5, 21)
    assert events("Banks were lending money up until February consistently.", published) == [
        ("until February", "../2020-02")
    ]
    assert events("Parliament was suspended until September, officials said.", published) == [
        ("until September", "../2020-09")
    ]
    assert events("The talks were delayed until January.", published) == [("until January", "../2021-01")]
    assert events("The chamber was adjourned until Tuesday.", published) == [
        ("until Tuesday", "../2020-05-26")
    ]
    draft = drafted("Banks were lending money up until February consistently.", published=published)
    assert [e.phrase for e in draft.events] == ["until February"]


def test_a_month_of_this_year_is_one_date():
    assert events("Leave was expanded to 26 weeks from July this year.", date(2026, 7, 28)) == [
        ("from July this year", "2026-07/..")
    ]
    assert events("Sales fell in May last year.", date(2026, 7, 28)) == [("in May last year", "2025-05")]


def test_today_as_the_present_state_goes_to_review():
    draft = drafted(
        "Then the settlers came. Today, three new settlements are being built near the city.",
        "What is happening in the region today cannot be divorced from it.",
    )
    assert not draft.events and len(draft.review_events) == 2
    draft = drafted(
        "The company said today it would cut jobs.",
        "Today, in a paper published in Nature, he brings a new warning.",
        "The vote is today.",
    )
    assert len(draft.events) == 3


def test_that_year_and_the_same_day_count_from_the_last_date_read():
    draft = drafted(
        "He has been a senator since 2016. He was elected later that year.",
        "He tested positive on Monday. On the same day, his wife did too. The next day he left.",
        published=date(2020, 8, 1),
    )
    assert [(e.phrase, e.date) for e in draft.events] == [
        ("since 2016", "2016/.."),
        ("later that year", "2016"),
        ("on Monday", "2020-07-27"),
        ("On the same day", "2020-07-27"),
        ("The next day", "2020-07-28"),
    ]
    assert events("Prices rose that year.") == []  # no year read before
    assert events("The next year will be hard.", date(2020, 8, 1)) == [("next year", "2021")]


def test_as_of_a_month_a_year_before_a_verb_and_a_start_after_an_adverb():
    published = date(2020, 5, 21)
    assert events("As of early May, the rate had risen to 14.7%.", published) == [("of early May", "2020-05")]
    assert events("Research for the ministry in 2019 showed a gap.", published) == [("in 2019", "2019")]
    assert events("A force of 2000 armed men crossed.", published) == []
    draft = drafted("Restrictions are likely to be relaxed slightly from 28 May.", published=published)
    assert [e.phrase for e in draft.events] == ["from 28 May"]
    draft = drafted("Defaults were up slightly from the second quarter.", published=published)
    assert not draft.events


def test_a_month_naming_an_election_and_the_past_few_days():
    published = date(2020, 6, 10)
    assert events("They spoke of the upcoming November election.", published) == [("November", "2020-11")]
    assert events("He described what would follow if Biden won November's election.", published) == [
        ("November", "2020-11")
    ]
    assert events("Theresa May's vote failed.", published) == []
    assert events("Scenes played out over the past few days.", published) == [
        ("over the past few days", "2020-06")
    ]
    assert events("He has worked for the past few days.", published) == []
    assert events("In the last few days of the trial he spoke.", published) == []


def test_a_subheading_restated_below_it_goes_to_review():
    draft = drafted(
        "Deadlock likely to end on Tuesday, leader to speak on bill",
        "The deadlock in the house is likely to end on Tuesday, sources said.",
    )
    assert [e.sentence for e in draft.events] == [1]
    assert len(draft.review_events) == 1
    draft = drafted("Polls open on Tuesday", "Turnout was high on Monday.")
    assert [e.phrase for e in draft.events] == ["on Tuesday", "on Monday"]


def test_a_baseline_of_a_change_and_a_current_year_label_go_to_review():
    draft = drafted(
        "Defaults were down 32.5 percent from a year ago, but up slightly from the second quarter.",
        "Sales rose compared with the same time last year.",
        "He raced in the penultimate race of the 2014 season.",
        "The death rate is up slightly from its all-time low of 0.09 last year.",
    )
    assert not draft.events
    assert len(draft.review_events) == 5


def test_a_week_across_two_months_is_dated_by_most_of_its_days():
    # Friday 11 November 2016: last week ran from 31 October to 6 November.
    assert events("Strikes near Kunduz last week killed 30.", date(2016, 11, 11)) == [
        ("last week", "2016-11")
    ]


# --- news layout ------------------------------------------------------------------------------


def test_a_dateline_gives_a_place_and_an_agency_not_one_entity():
    entities = found("MUMBAI (Reuters) - The Sensex ended flat as investors in Mumbai waited.")
    assert entities["Mumbai"][0] == "place"  # the dateline MUMBAI and the body Mumbai
    assert entities["Reuters"][0] == "organization"
    assert not any("Reuters" in aliases for _, aliases in entities.values())


def test_a_signoff_names_people_and_the_cities_they_wrote_from():
    entities = found("(Additional reporting by Wilda Asmarini in JAKARTA; Editing by Michael Perry)")
    assert entities["Wilda Asmarini"][0] == "person"
    assert entities["Michael Perry"][0] == "person"
    assert entities["Jakarta"][0] == "place"


def test_a_title_in_quotes_is_one_work():
    entities = found("He stars in “A Most Violent Year” this winter.")
    assert entities["A Most Violent Year"][0] == "other"


def test_a_place_inside_an_organizations_name_is_an_entity_too():
    entities = found("Detective Lt. Robert Pfannes of the Ann Arbor Police Department said so.")
    assert entities["Ann Arbor Police Department"][0] == "organization"
    assert entities["Ann Arbor"][0] == "place"


def test_attributive_countries_plural_demonyms_and_party_words_are_not_entities():
    entities = found(
        "The US election worried Australians, and Republican Donald Trump said Democrats were wrong."
    )
    assert "United States" not in entities and "Australians" not in entities
    assert "Democrats" not in entities and entities["Donald Trump"][0] == "person"


def test_a_body_named_by_its_country_or_people_is_an_organization():
    entities = found(
        "The Kenyan government said the UK government and the Israeli army had not replied to the French police."
    )
    for name in ("Kenyan government", "UK government", "Israeli army", "French police"):
        assert entities[name][0] == "organization"
    assert "United Kingdom" not in entities and "Kenyan" not in entities
    assert "Kenyan government" not in found("Kenyan government bonds fell.")
    assert found("The Bihar assembly was adjourned.")["Bihar assembly"][0] == "organization"


def test_party_tags_nicknames_initials_and_words_in_capitals():
    entities = found(
        "Sen. Ted Cruz, R-Texas, met Joko “Jokowi” Widodo and MS Dhoni, who said Comey HELPED the helped."
    )
    assert entities["Texas"][0] == "place"
    assert entities["Joko “Jokowi” Widodo"] == ("person", {"Joko Widodo", "Jokowi"})
    assert entities["MS Dhoni"][0] == "person"
    assert "HELPED" not in entities


def test_codes_and_makers_make_flights_and_aircraft():
    entities = found("Flight 8501 was an Airbus A320 flying from Surabaya.")
    assert entities["Flight 8501"][0] == "other"
    assert entities["Airbus A320"][0] == "other"


# --- the evaluation set -----------------------------------------------------------------------


def _benchmark(name: str):
    path = ROOT / "benchmarks" / "ingest" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"ingest_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_real_label_occurs_verbatim_in_its_article():
    check = _benchmark("check_labels")
    assert [p for path in sorted(check.REAL.glob("*.txt")) for p in check.problems_of(path)] == []


def test_dates_are_compared_by_the_shared_rule():
    evaluate = _benchmark("evaluate")
    assert evaluate.comparable_date("2025-07/2025-12") == "2025-07"
    assert evaluate.comparable_date("../2027") == "2027"
    assert evaluate.comparable_date("2024-02-29~") == "2024-02-29"
    assert evaluate.comparable_date("2014-12") != evaluate.comparable_date("2014-12-15")


def test_initials_do_not_end_a_sentence():
    from generator.ingest.sentences import split_sentences

    assert split_sentences("A role in J.C. Chandor’s film. J.J. Abrams is amazing.") == [
        "A role in J.C. Chandor’s film.",
        "J.J. Abrams is amazing.",
    ]


def test_court_cases_tweet_authors_and_ranked_teams():
    entities = found(
        "Decisions known as Abbott v. Burke stood. No. 4 Ohio State met them. "
        "Wrong shape. -- Angela Night (@Angelheartnight) November 8, 2016"
    )
    assert entities["Abbott v. Burke"][0] == "other"
    assert entities["Ohio State"][0] == "organization"
    assert entities["Angela Night"][0] == "person"


def test_a_year_that_labels_a_noun_goes_to_review():
    draft = drafted(
        "Long before the 2014 midterm elections, candidates began scoping out their 2016 prospects.",
        published=date(2014, 11, 4),
    )
    assert not draft.events
    assert [e.phrase for e in draft.review_events] == ["2014", "2016"]
    draft = drafted(
        "The report invites comparison with the 2009 crash of the airline.", published=date(2014, 12, 29)
    )
    assert [(e.phrase, e.date) for e in draft.events] == [("2009", "2009")]


def test_a_company_before_its_stock_ticker_is_named_whole():
    names = found(
        "Infrastructure stocks gained with Larsen and Toubro (LART.NS) adding 0.5 percent while "
        "Lanco Infratech (LAIN.NS) rose 4.3 percent."
    )
    assert names["Larsen and Toubro"][0] == "organization"
    assert names["Lanco Infratech"][0] == "organization"
    assert not any("." in name for name in names)


def test_initials_and_a_surname_are_a_person_even_after_in():
    names = found("He finishes the year with a masterful performance in J.C. Chandor’s new film.")
    assert names["J.C. Chandor"][0] == "person"


def test_a_name_after_a_comma_that_says_something_is_a_person():
    names = found("The plane could be at the bottom of the sea, Soelistyo said on Monday.")
    assert names["Soelistyo"][0] == "person"


def test_a_place_named_fan_supports_a_club():
    names = found("Dane Chinnery, a 19-year-old Crystal Palace fan, was identified.")
    assert names["Crystal Palace"][0] == "organization"


def test_bowls_playoffs_finals_and_tests_are_events():
    names = found("Ohio State meets Alabama in the Sugar Bowl, a semifinal of the College Football Playoff.")
    assert names["Sugar Bowl"][0] == "event"
    assert names["College Football Playoff"][0] == "event"


SPORT = ("The coach praised the batting and bowling after the match, the last game of the season.",)


def test_in_a_sport_article_a_country_named_as_an_actor_is_its_team():
    names = found_in(
        *SPORT,
        "India’s batsmen struggled as Australia declared.",
        "The series win brings the trophy back to Australia.",
    )
    assert names["India"][0] == "organization"
    assert names["Australia"][0] == "organization"


def test_a_city_and_its_team_name_are_one_team_unless_the_city_is_the_dateline():
    names = found_in(*SPORT, "The Detroit Lions lost, and the defeat left Detroit vulnerable.")
    assert names["Detroit Lions"] == ("organization", {"Detroit"})
    names = found_in(
        "GREEN BAY, Wis. -- The Green Bay Packers won.",
        *SPORT,
        "Green Bay coach Mike McCarthy was less diplomatic.",
    )
    assert names["GREEN BAY"][0] == "place"
    assert names["Green Bay Packers"] == ("organization", set())


def test_outside_sport_a_country_stays_a_place():
    names = found_in("India’s defence minister met officials against the wishes of Australia.")
    assert names["India"][0] == "place"
    assert names["Australia"][0] == "place"


def found_in(*paragraphs: str) -> dict:
    article = Article("test.txt", "", paragraphs)
    findings = find_entities(article_sentences(article), known_names({}, Curation()), Curation())
    return {e.name: (e.type, set(e.aliases)) for e in findings.entities}


def test_a_country_before_a_title_or_a_modified_noun_is_attributive():
    names = found_in(
        "Doherty was a supporter of U.S. Rep. Ron Paul.",
        "More than 30 people were killed when US aircraft carried out strikes in support of US special forces.",
    )
    assert "United States" not in names
    assert names["Ron Paul"][0] == "person"
    names = found_in(
        "Political uncertainty in Greece left investors hesitant.", "He came to the U.S. sometime later."
    )
    assert "Greece" in names and "United States" in names


def test_a_surname_used_long_before_another_full_name_stays_with_its_own_person():
    names = found_in(
        "President Obama met Donald Trump.",
        "Obama said the talks went well.",
        "Trump agreed.",
        "The meeting lasted 90 minutes.",
        "Reporters waited outside.",
        "First Lady Michelle Obama met Melania Trump.",
        "Obama thanked them.",
    )
    assert "Michelle Obama" in names
    assert names["Michelle Obama"][1] == set()


def test_given_names_that_share_a_surname_are_each_a_person():
    names = found_in(
        "He and his offspring, Kent, Stephanie, Marlon and Rachel Jordan, will headline the concert."
    )
    everyone = {alias for _, aliases in names.values() for alias in aliases} | set(names)
    assert {"Kent Jordan", "Stephanie Jordan", "Marlon Jordan", "Rachel Jordan"} <= everyone
    names = found_in("Michelle Obama also met privately with Trump's wife, Melania, in the residence.")
    assert any("Melania Trump" in (name, *aliases) for name, (_, aliases) in names.items())
    names = found_in("Ships came from Indonesia, Australia, Malaysia and South Korea.")
    assert names["South Korea"][0] == "place" and names["Malaysia"][0] == "place"


def test_a_flight_name_holds_its_airline():
    names = found_in("On July 17, Malaysia Airlines Flight 17, another Boeing 777, was shot down.")
    assert names["Malaysia Airlines"][0] == "organization"
    assert "Malaysia Airlines Flight 17" in names


def test_a_name_between_a_and_a_noun_is_a_title_not_a_person():
    names = found_in("He had become a Big Brother inmate.", "It started with a Golden Globe nomination.")
    assert names["Big Brother"][0] == "other"
    assert names["Golden Globe"][0] == "other"
    names = found_in("The award went to a Jessica Chastain fan favourite, said Anna Kowalska.")
    assert names["Anna Kowalska"][0] == "person"


def test_the_publishers_own_name_in_the_text_is_an_organization():
    article = Article("t.txt", "", ("Expert told Live Science about the study.",), PUBLISHED, "Live Science")
    draft = draft_brief(article, known_names({}, Curation()), Curation(), DraftOptions(today=PUBLISHED))
    assert [(e.name, e.type) for e in draft.new_entities] == [("Live Science", "organization")]


def test_datelines_with_a_date_name_the_city_not_the_date():
    entities = found("WASHINGTON (Aug. 13) -- Gates ordered a review.")
    assert entities["Washington"][0] == "place" and not any("Aug" in name for name in entities)
    assert found("MOSCOW, April 10 (RIA Novosti)")["Moscow"][0] == "place"


def test_an_office_after_a_title_is_not_a_person():
    entities = found("Minister for Life Sciences, George Freeman, told the BBC.")
    assert "Sciences" not in entities and entities["George Freeman"][0] == "person"


def test_a_weekday_named_twice_is_one_day_the_coming_one_when_a_clause_says_so():
    text = (
        "He addressed the speech on Tuesday evening. You'll hear a big, optimistic view from him on Tuesday."
    )
    assert events(text, date(2016, 1, 10)) == [
        ("on Tuesday evening", "2016-01-12"),
        ("on Tuesday", "2016-01-12"),
    ]


def test_a_week_or_a_year_later_and_the_same_month_count_from_the_last_date_read():
    text = (
        "The navy seized a ship in 2007. A year later, it released a report. Gray was arrested in April. "
        "He died a week later. The search intensified last summer. The same month, he wrote to staff. "
        "Revenue rose 38 percent from a year earlier."
    )
    assert events(text, date(2016, 1, 12)) == [
        ("in 2007", "2007"),
        ("A year later", "2008"),
        ("in April", "2015-04"),
        ("a week later", "2015-04"),
        ("last summer", "2015"),
        ("The same month", "2015"),
    ]


def test_in_a_sport_article_a_quarter_without_a_year_is_the_games():
    text = (
        "The coach praised the quarterback after the game. Seattle's fourth-quarter magic won the playoff. "
        "The league said the season's touchdown record fell. Profits rose in the fourth quarter of 2015."
    )
    assert events(text, date(2016, 1, 10)) == [("in the fourth quarter of 2015", "2015")]


def test_a_weekday_gone_yesterday_stays_gone_though_another_clause_puts_it_a_week_ahead():
    text = "The company said on Monday it had cut jobs. The board will meet on Monday."
    assert events(text, date(2016, 1, 12)) == [("on Monday", "2016-01-11"), ("on Monday", "2016-01-18")]


def test_spans_ahead_named_days_and_after_x_by_the_shared_rules():
    published = date(2015, 11, 10)
    assert events("He said that in the next year you may get a deal.", published) == []
    assert events("Obama can spend the next year or so on it.", published) == []
    assert events("She was a cast member of Saturday Night Live.", published) == []
    assert events("That's a Tuesday, not a Wednesday.", published) == []
    assert events("A lease was unveiled during a Thursday gathering.", published) == [
        ("Thursday", "2015-11-05")
    ]
    assert events("It will wait until after Jan. 18 to say more.", date(2016, 1, 8)) == [
        ("after Jan. 18", "2016-01-18/..")
    ]
    assert events(
        "Sales fell in December. Sales shrank compared to the same time a year earlier.", published
    ) == [("in December", "2014-12")]


def test_a_day_read_before_and_naming_a_thing_goes_to_review():
    draft = drafted(
        "The Vatican released its report on Tuesday.",
        "Tuesday's report was a synthesis. Critics met on Tuesday evening.",
        published=date(2014, 12, 18),
    )
    assert [e.phrase for e in draft.events] == ["on Tuesday", "on Tuesday evening"]
    assert [e.phrase for e in draft.review_events] == ["Tuesday"]
    draft = drafted("Monday's announcement could kick-start projects.", published=date(2014, 12, 30))
    assert [e.phrase for e in draft.events] == ["Monday"]


def test_a_comparison_point_after_than_goes_to_review():
    draft = drafted("The system is more elaborate now than it was a decade ago.", published=date(2015, 8, 1))
    assert not draft.events and [e.phrase for e in draft.review_events] == ["a decade ago"]


def test_a_day_of_the_month_named_again_without_its_year_is_the_same_day():
    draft = drafted(
        "Cowen announced a general election on March 11, 2011.",
        "He said of the March 11 election that the party would fight.",
        published=date(2011, 1, 22),
    )
    assert [(e.phrase, e.date) for e in draft.events] == [("on March 11, 2011", "2011-03-11")]
    assert [(e.phrase, e.date) for e in draft.review_events] == [("March 11", "2011-03-11")]


def test_a_quoted_day_word_read_before_goes_to_review():
    draft = drafted(
        "Owners voted today to let the Rams return to Los Angeles.",
        '"Today we achieved this goal," he said. Fans celebrated today.',
        published=date(2016, 1, 12),
    )
    assert [e.phrase for e in draft.events] == ["today", "today"]
    assert [e.phrase for e in draft.review_events] == ["Today"]


def test_a_habit_is_not_an_event_and_a_clause_opened_by_by_takes_the_main_clauses_tense():
    published = date(2015, 5, 20)
    assert events("Every year in May, the town holds a fair.", published) == []
    assert events("The fair is held in May each year.", published) == []
    assert events("The fair was held in May.", published) == [("in May", "2015-05")]
    assert events("A court ruled on Monday, and by Tuesday, the White House confirmed it.", published) == [
        ("on Monday", "2015-05-18"),
        ("by Tuesday", "../2015-05-19"),
    ]
    assert events("By Tuesday, officials will have left the town.", published) == [
        ("By Tuesday", "../2015-05-26")
    ]
    assert events("The talks were adjourned until Tuesday, officials said.", published) == [
        ("until Tuesday", "../2015-05-26")
    ]
