"""Ingest entities: gazetteers, titles, head words, aliases, acronyms, surnames, the registry."""

from __future__ import annotations

import sys
import types

from generator.ingest.article import Article
from generator.ingest.curation import Curation
from generator.ingest.entities import find_entities
from generator.ingest.model_finder import model_finder
from generator.ingest.registry import known_names
from generator.ingest.sentences import article_sentences
from generator.model import Entity


def found(text: str, registry: dict | None = None, curation: Curation | None = None, finder=None):
    """{name: (type, aliases, known)} for the entities of a one-paragraph article."""
    curation = curation or Curation()
    article = Article("test.txt", "", tuple(p for p in text.split("\n") if p))
    findings = find_entities(
        article_sentences(article), known_names(registry or {}, curation), curation, finder
    )
    return {e.name: (e.type, set(e.aliases), e.known) for e in findings.entities}


def test_gazetteer_places_are_places_and_demonyms_are_not_entities():
    entities = found("Russian and Belarusian officials met in Minsk, and analysts in North America watched.")
    assert entities["Minsk"][0] == "place"
    assert entities["North America"][0] == "place"
    assert not {"Russian", "Belarusian"} & set(entities)


def test_states_and_provinces_of_other_countries_are_places():
    entities = found("Students were arrested in Uttar Pradesh and West Bengal, and others in Ontario.")
    assert entities["Uttar Pradesh"][0] == "place"
    assert entities["West Bengal"][0] == "place"
    assert entities["Ontario"][0] == "place"
    assert found("Nelson Koech spoke.")["Nelson Koech"][0] == "person"  # a one-word region is not kept
    assert found("Shares of Delta fell.").get("Delta", ("organization",))[0] != "place"  # the airline


def test_a_name_that_several_mentions_type_is_not_taken_for_a_person():
    entities = found(
        "The Lok Sabha met. The Lok Sabha adjourned.\nLok Sabha adjourned amid protests\nLok Sabha speaks"
    )
    assert entities["Lok Sabha"][0] == "organization"


def test_codes_constitutions_awards_sessions_and_coliseums_by_their_head_word():
    entities = found(
        "Under the Canada Labour Code and the Constitution of India, the Golden Globe Awards met in "
        "the Monsoon Session at the Oakland Coliseum."
    )
    assert entities["Canada Labour Code"][0] == "other"
    assert entities["Constitution of India"][0] == "other"
    assert entities["Golden Globe Awards"][0] == "other"
    assert entities["Monsoon Session"][0] == "event"
    assert entities["Oakland Coliseum"][0] == "place"


def test_a_body_and_a_title_in_capitals_before_a_name_are_cut_off():
    entities = found(
        "Biz2Credit CEO Rohit Arora said the Biz2Credit Lending Index fell. Arora added more.\n"
        "Congress MPs KC Venugopal and UN Secretary-General António Guterres spoke."
    )
    assert entities["Biz2Credit"][0] == "organization"
    assert entities["Rohit Arora"] == ("person", {"Arora"}, False)
    assert entities["KC Venugopal"][0] == "person"
    assert entities["António Guterres"][0] == "person"
    assert entities["Biz2Credit Lending Index"][0] == "other"


def test_a_type_noun_before_a_role_and_an_office_of_a_name():
    entities = found(
        "Jill Tokuda, a former state senator, met Shannon Barlow, managing director of Frog Recruitment."
    )
    assert entities["Jill Tokuda"][0] == "person"
    assert entities["Frog Recruitment"][0] == "organization"
    assert found("Ellis Harbour, a small town in Kent, flooded.")["Ellis Harbour"][0] == "place"


def test_a_mixed_case_acronym_counts_its_small_words_and_an_adverb_opening_is_no_name():
    entities = found("The Ministry of Defence said so. The MoD declined to comment.")
    assert entities["Ministry of Defence"] == ("organization", {"MoD"}, False)
    entities = found("People for the Ethical Treatment of Animals said so. PETA later added more.")
    assert "PETA" in entities["People for the Ethical Treatment of Animals"][1]
    entities = found("Fortunately, Washington's performance is powerful.")
    assert "Fortunately" not in entities


def test_a_body_less_its_acronym_owner_is_its_short_form():
    entities = found("The UN Security Council met on Monday. The Security Council later adjourned.")
    assert entities["UN Security Council"] == ("organization", {"Security Council"}, False)


def test_a_party_named_with_its_party_word_is_kept_whole():
    assert found("In Hawaii, Democratic Party primaries are packed.")["Democratic Party"][0] == "organization"
    assert "Donald Trump" in found("Republican Donald Trump spoke.")


def test_native_and_indigenous_peoples_are_not_names():
    entities = found("He would be the third Native Hawaiian in Congress, and Native Americans voted.")
    assert not {"Native Hawaiian", "Native Americans"} & set(entities)


def test_leaves_allowances_benefits_and_credits_are_programmes():
    entities = found("Australia expanded its Paid Parental Leave, and Britain its Universal Credit.")
    assert entities["Paid Parental Leave"][0] == "programme"
    assert entities["Universal Credit"][0] == "programme"


def test_a_name_set_off_before_said_is_a_person_not_the_noun_before_it():
    entities = found("The chair of the foreign relations committee, Nelson Koech, said talks would go on.")
    assert entities["Nelson Koech"][0] == "person"


def test_a_model_named_with_what_it_is_is_other():
    assert found("Police used an AK-47 rifle during the protest.")["AK-47"][0] == "other"
    assert "COVID-19" not in found("COVID-19 cases rose.")
    assert found("He flew C-17 jets as a colonel.")["C-17"][0] == "other"


def test_a_service_named_as_an_actor_is_its_firm():
    assert found("Twitter told most of its employees to stay home.")["Twitter"][0] == "organization"
    assert found("Shoppers took to Twitter to complain.")["Twitter"][0] == "other"


def test_a_first_name_alone_is_the_one_full_name_it_starts():
    entities = found("Tejashwi Yadav demanded their release. Tejashwi said the RJD would act.")
    assert entities["Tejashwi Yadav"] == ("person", {"Tejashwi"}, False)
    entities = found("Rahul Gandhi met Rahul Dravid. Rahul said little.")
    assert "Rahul" not in entities["Rahul Gandhi"][1] and "Rahul" not in entities["Rahul Dravid"][1]


def test_a_lone_head_word_is_the_one_name_of_its_kind_it_ends():
    entities = found(
        "WestJet sought an exemption from the Canada Labour Code. Rights under the Code are protected."
    )
    assert entities["Canada Labour Code"] == ("other", {"Code"}, False)


def test_a_body_of_a_field_is_the_field_s_body():
    entities = found("The Ministry of Labour said so. A Labour Ministry spokesman added more.")
    assert entities["Ministry of Labour"] == ("organization", {"Labour Ministry"}, False)


def test_country_abbreviations_map_to_the_country():
    entities = found("Troops arrived in the US on Monday. Later the United States said more.")
    assert entities["United States"] == ("place", {"US"}, False)


def test_titles_and_honorifics_mark_people_without_the_title():
    entities = found("Defence Minister Tomasz Wrona met Dr. Naomi Brandt and President Lukashenko.")
    assert entities["Tomasz Wrona"][0] == "person"
    assert entities["Naomi Brandt"][0] == "person"
    assert entities["Lukashenko"][0] == "person"


def test_who_leads_and_role_nouns_mark_people():
    entities = found(
        "Rui Paiva Costa, who heads the General Union of Workers, spoke. Chief executive Ingrid Solheim agreed."
    )
    assert entities["Rui Paiva Costa"][0] == "person"
    assert entities["Ingrid Solheim"][0] == "person"
    assert entities["General Union of Workers"][0] == "organization"


def test_head_words_type_organizations_places_events_and_programmes():
    entities = found(
        "The Ministry of Industry and Trade and the Federal Service for Military-Technical Cooperation "
        "met at the Palace of the Parliament near the North Sea during the Munich Security Conference "
        "to discuss the Clean Skies Initiative."
    )
    assert entities["Ministry of Industry and Trade"][0] == "organization"
    assert entities["Federal Service for Military-Technical Cooperation"][0] == "organization"
    assert entities["Palace of the Parliament"][0] == "place"
    assert entities["North Sea"][0] == "place"
    assert entities["Munich Security Conference"][0] == "event"
    assert entities["Clean Skies Initiative"][0] == "programme"


def test_and_joins_inside_a_name_but_not_two_names():
    entities = found(
        "Negotiators from the European Union and Mercosur, the trade bloc, met in Canada and the United States."
    )
    assert "European Union" in entities and entities["Mercosur"][0] == "organization"
    assert "European Union and Mercosur" not in entities
    assert {"Canada", "United States"} <= set(entities)


def test_type_nouns_beside_a_name_type_it():
    entities = found(
        "The German icebreaker Polarstern sailed. The MILEX events drew crowds. "
        "The probe touched down near the Shackleton crater as part of the Artemis programme."
    )
    assert entities["Polarstern"][0] == "other"
    assert entities["MILEX"][0] == "event"
    assert entities["Shackleton crater"][0] == "place"
    assert entities["Artemis programme"] == ("programme", {"Artemis"}, False)


def test_also_known_as_and_parenthesised_acronyms_are_aliases():
    entities = found(
        "Dmitry Pantus chairs the Belarusian State Military-Industrial Committee, also called Goskomvoenprom. "
        "The European Investment Bank (EIB) lent money. Later the EIB and Goskomvoenprom met."
    )
    assert entities["Belarusian State Military-Industrial Committee"][1] == {"Goskomvoenprom"}
    assert entities["European Investment Bank"][1] == {"EIB"}
    assert "EIB" not in entities and "Goskomvoenprom" not in entities


def test_acronyms_resolve_to_names_or_phrases_whose_initials_spell_them():
    entities = found(
        "The Russian military-industrial complex has shown new systems. The MIC took part in shows. "
        "The North Atlantic Treaty Organization met; NATO said little."
    )
    assert entities["Russian military-industrial complex"] == ("organization", {"MIC"}, False)
    assert entities["North Atlantic Treaty Organization"][1] == {"NATO"}


def test_word_order_variants_of_an_organization_are_one_entity():
    entities = found(
        "The Belarusian State Military-Industrial Committee met. "
        "Officials of the Belarusian State Committee of Military Industry spoke."
    )
    organizations = [name for name, (kind, *_) in entities.items() if kind == "organization"]
    assert organizations == ["Belarusian State Military-Industrial Committee"]


def test_surnames_and_short_forms_resolve_to_the_full_name():
    entities = found(
        "Pantus spoke first. Dmitry Pantus, who leads the committee, said more. "
        "Nordvik Foods agreed to buy a rival. Shares in Nordvik rose."
    )
    assert entities["Dmitry Pantus"] == ("person", {"Pantus"}, False)
    assert entities["Nordvik Foods"][1] == {"Nordvik"}
    assert "Pantus" not in entities and "Nordvik" not in entities


def test_lone_capitalised_words_without_a_clue_are_not_entities():
    entities = found("Historically, the plan worked. Stakeholders in Canada may watch. Steel prices rose.")
    assert set(entities) == {"Canada"}


def test_registry_names_and_aliases_map_to_their_ids():
    registry = {
        "goskomvoenprom": Entity(
            "goskomvoenprom",
            "Belarusian State Military-Industrial Committee",
            "organization",
            ("Goskomvoenprom",),
        ),
        "alexander-lukashenko": Entity("alexander-lukashenko", "Alexander Lukashenko", "person"),
        "joint-programme": Entity(
            "joint-programme", "Joint programme to 2025", "programme", ("199-point program",)
        ),
    }
    curation = Curation()
    article = Article(
        "t.txt",
        "",
        ("Goskomvoenprom runs a 199-point program. President Lukashenko approved it in Minsk.",),
    )
    findings = find_entities(article_sentences(article), known_names(registry, curation), curation)
    ids = [e.id for e in findings.entities]
    assert ids == ["goskomvoenprom", "joint-programme", "alexander-lukashenko", "minsk"]
    assert [e.known for e in findings.entities] == [True, True, True, False]


def test_a_new_entity_never_takes_a_known_id():
    registry = {"minsk": Entity("minsk", "Minsk Tractor Works", "organization")}
    entities = found("Officials met in Minsk.", registry)
    assert entities["Minsk"][0] == "place"
    curation = Curation()
    article = Article("t.txt", "", ("Officials met in Minsk.",))
    findings = find_entities(article_sentences(article), known_names(registry, curation), curation)
    assert findings.entities[0].id == "minsk-2"


def test_curation_blocks_names_and_merges_aliases():
    registry = {"russia": Entity("russia", "Russia", "place")}
    curation = Curation(block=frozenset({"canada"}), merge={"Kremlin": "russia"})
    entities = found("The Kremlin said Canada should wait.", registry, curation)
    assert entities == {"Russia": ("place", set(), True)}


def test_model_option_falls_back_to_rules_when_spacy_is_missing(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy raises ImportError
    assert model_finder("en_core_web_sm") is None
    assert "using the built-in rules" in caplog.text


def test_model_option_uses_a_spacy_pipeline_when_installed(monkeypatch):
    def load(name):
        def nlp(text):
            start = text.index("Kestrel")
            span = types.SimpleNamespace(start_char=start, end_char=start + len("Kestrel"), label_="ORG")
            return types.SimpleNamespace(ents=[span])

        return nlp

    monkeypatch.setitem(sys.modules, "spacy", types.SimpleNamespace(load=load))
    finder = model_finder("fake_model")
    assert found("Investors backed Kestrel yesterday.", finder=finder) == {
        "Kestrel": ("organization", set(), False)
    }


def test_a_sentence_opening_head_or_title_before_of_stays_in_the_name():
    entities = found("Bank of America halted foreclosures. Chancellor of the Exchequer George Osborne spoke.")
    assert entities["Bank of America"][0] == "organization"
    assert entities["George Osborne"][0] == "person"


def test_and_inside_a_complement_joins_even_before_a_head_like_word():
    entities = found(
        "Analysts at the Center for Strategic and International Studies and the Center for a New Era agreed."
    )
    assert entities["Center for Strategic and International Studies"][0] == "organization"
    assert entities["Center for a New Era"][0] == "organization"


def test_common_acronyms_and_head_words_of_events_and_places():
    entities = found(
        "The QB had an MRI before the Brazilian Grand Prix at Camp Pendleton in the Western Isles."
    )
    assert not {"QB", "MRI"} & set(entities)
    assert entities["Brazilian Grand Prix"][0] == "event"
    assert entities["Camp Pendleton"][0] == "place"
    assert entities["Western Isles"][0] == "place"


def test_names_listed_with_a_sure_place_or_organization_share_its_type():
    entities = found("Trains ran from Glasgow to Ardrossan/Largs.")
    assert entities["Ardrossan"][0] == "place"
    assert entities["Largs"][0] == "place"


def test_a_places_council_or_police_is_an_organization_holding_the_place():
    entities = found("The Western Isles council shut schools, and Shetland Islands police warned drivers.")
    assert entities["Western Isles council"][0] == "organization"
    assert entities["Western Isles"][0] == "place"
    assert entities["Shetland Islands police"][0] == "organization"


def test_a_team_named_by_its_city_after_a_loss_or_a_host():
    entities = found(
        "The quarterback missed the game. He was hurt in the upset loss to Minnesota on Saturday, "
        "and the coach said the team will host Dallas in the league playoff after the season."
    )
    assert entities["Minnesota"][0] == "organization"
    assert entities["Dallas"][0] == "organization"


def test_trailing_common_letters_are_not_part_of_a_name():
    entities = found("The Minnesota Vikings QB said he was the NFL MVP once.")
    assert "Minnesota Vikings" in entities and "Minnesota Vikings QB" not in entities


def test_titles_and_months_that_are_surnames_end_a_persons_name():
    entities = found("According to MMQB's Peter King, analysts Lou Holtz and Mark May disagreed on May 5.")
    assert entities["Peter King"][0] == "person"
    assert entities["Mark May"][0] == "person"
    assert found("King Charles met Prime Minister John Major.")["John Major"][0] == "person"


def test_named_days_and_facilities_named_by_a_noun():
    entities = found("Shoppers braced for Black Friday. Hamilton spoke at the Interlagos track.")
    assert entities["Black Friday"][0] == "event"
    assert entities["Interlagos track"] == ("place", {"Interlagos"}, False)


def test_a_bare_country_abbreviation_after_a_preposition_modifies_the_noun():
    assert "United States" not in found("As many as 47% of US merchants will be ready.")
    assert found("Sales fell in the US last year.")["United States"][0] == "place"


def test_what_only_a_company_has_makes_a_name_an_organization():
    for text in (
        "Zorvex Holt's chief executive said profits rose.",
        "Zorvex Holt shares fell 5 percent.",
        "Zorvex Holt, which makes chips, said sales rose.",
    ):
        assert found(text)["Zorvex Holt"][0] == "organization"
    assert found("Anna Berg, who leads the team, said sales rose.")["Anna Berg"][0] == "person"


def test_a_one_word_brand_in_camel_case_is_an_organization_and_a_blend_is_an_alias():
    entities = found(
        "ScotRail said trains were late. Caledonian MacBrayne sailings were cancelled, CalMac said."
    )
    assert entities["ScotRail"][0] == "organization"
    assert entities["Caledonian MacBrayne"] == ("organization", {"CalMac"}, False)
    assert "McConnell" not in found("McConnell spoke.")


def test_of_continues_a_complement_and_house_heads_a_name_before_of():
    entities = found("She joined the Board for Certification of Genealogists and shopped at House of Fraser.")
    assert entities["Board for Certification of Genealogists"][0] == "organization"
    assert entities["House of Fraser"][0] == "organization"


def test_a_possessive_common_in_names_before_a_head_is_one_name():
    entities = found("Researchers at King's College London found it.")
    assert entities["King's College London"][0] == "organization"
    assert entities["London"][0] == "place"


def test_everyday_roles_mark_people_and_a_county_inside_a_name_is_a_place():
    entities = found("Twitter user Jimmy said it was bad, and his wife, Anna, agreed.")
    assert entities["Jimmy"][0] == "person" and entities["Anna"][0] == "person"
    entities = found("She pleaded no contest in Los Angeles County Superior Court.")
    assert entities["Los Angeles County"][0] == "place"
    assert entities["Los Angeles County Superior Court"][0] == "organization"


def test_a_first_name_that_is_a_head_word_and_a_place_opening_a_sentence():
    assert found("Microsoft founder Bill Gates said so.")["Bill Gates"][0] == "person"
    assert found("The Climate Bill passed.")["Climate Bill"][0] == "other"
    assert found("New York City Mayor Bill Smith spoke.")["Bill Smith"][0] == "person"


def test_storms_are_events_and_a_place_named_club_before_its_manager_is_kept():
    assert found("Hurricane Sandy hit the East Coast.")["Hurricane Sandy"][0] == "event"
    entities = found("Manchester United manager Jose Mourinho praised the team.")
    assert entities["Manchester United"][0] == "organization"
    assert entities["Jose Mourinho"][0] == "person"


def test_people_for_and_city_of_head_names():
    entities = found("Activists from People for the Ethical Treatment of Animals met in the City of London.")
    assert entities["People for the Ethical Treatment of Animals"][0] == "organization"
    assert entities["City of London"][0] == "place"


def test_a_flight_and_a_plural_model_are_short_forms_of_their_full_names():
    entities = found(
        "Indonesia AirAsia Flight 8501 vanished on Sunday. Flight 8501 was an Airbus A320. "
        "The airline flies 30 Airbus A320s."
    )
    assert "Flight 8501" in entities["Indonesia AirAsia Flight 8501"][1]
    assert "Airbus A320s" in entities["Airbus A320"][1]


def test_a_lone_head_word_is_the_one_organization_it_heads():
    entities = found("The Marine Corps will shrink. Gates said the Corps had grown too big.")
    assert entities["Marine Corps"] == ("organization", {"Corps"}, False)


def test_a_name_no_person_bears_that_says_something_is_an_organization():
    entities = found("Scottish Hydro Electric Power Distribution said it had moved to yellow alert.")
    assert entities["Scottish Hydro Electric Power Distribution"][0] == "organization"
    assert found("Brian M. Good said it was fine.")["Brian M. Good"][0] == "person"


def test_storms_and_a_places_facility_named_with_a_lower_case_noun():
    assert found("Schools shut as storm Abigail brought winds.")["storm Abigail"][0] == "event"
    assert found("Storm Abigail hit Scotland.")["Storm Abigail"][0] == "event"
    entities = found("Flights from Dublin airport were cancelled.")
    assert entities["Dublin airport"][0] == "place" and entities["Dublin"][0] == "place"


def test_geographic_heads_type_places():
    assert found("He graduated from the academy at West Point.")["West Point"][0] == "place"
    assert found("Tourists visited Niagara Falls.")["Niagara Falls"][0] == "place"


def test_an_ampersand_closes_a_listed_complement():
    entities = found("The rules come from the Department for Environment, Food & Rural Affairs.")
    assert entities["Department for Environment, Food & Rural Affairs"][0] == "organization"
    entities = found(
        "Rules come from the Department for Environment, Food & Rural Affairs. "
        "A source from the Department for Food, Environment and Rural Affairs said so."
    )
    assert len([n for n in entities if n.startswith("Department")]) == 1


def test_what_a_paper_is_published_in_is_a_journal():
    assert found("The paper was published in Oxford Open Climate Change.")["Oxford Open Climate Change"][
        0
    ] == ("organization")


def test_studios_newspapers_and_facilities_by_their_head_word():
    entities = found(
        "Open Road Films won, the San Bernardino Sun reported from Melbourne Beach and the Upper East Side."
    )
    assert entities["Open Road Films"][0] == "organization"
    assert entities["San Bernardino Sun"][0] == "organization"
    assert entities["Melbourne Beach"][0] == "place"
    assert entities["Upper East Side"][0] == "place"


def test_a_lone_plural_name_in_a_sport_article_is_a_team():
    entities = found(
        "The coach said the Dolphins scored a touchdown late in the game. The Dolphins won the match, "
        "and the season's playoff hopes rose with the quarterback's form."
    )
    assert entities["Dolphins"][0] == "organization"
    article = Article(
        "test.txt",
        "",
        (
            "The coach said the Dolphins scored a touchdown in the game's overtime "
            "and the season's playoff hopes rose.",
        ),
    )
    findings = find_entities(article_sentences(article), known_names({}, Curation()), Curation())
    assert [e.accepted for e in findings.entities if e.name == "Dolphins"] == [True]


def test_a_dateline_that_lost_its_dash_and_a_companys_acronym_without_its_form():
    def entities(*paragraphs):
        article = Article("test.txt", "Headline here", paragraphs)
        findings = find_entities(article_sentences(article), known_names({}, Curation()), Curation())
        return {e.name: (e.type, set(e.aliases)) for e in findings.entities}

    assert entities("NEW YORK General Electric Co said it will move. GE said so.")["General Electric Co"] == (
        "organization",
        {"GE"},
    )
    assert entities("CHICAGO The Cook County Jail shut.")["Cook County Jail"][0] == "place"


def test_religious_and_compound_regional_adjectives_are_not_entities():
    entities = found("Middle Eastern officials and Shiite Muslim communities met in the Middle East.")
    assert "Middle East" in entities
    assert not {"Middle Eastern", "Shiite Muslim"} & set(entities)


def test_a_places_cartel_or_jail_named_with_a_lower_case_noun_is_the_named_one():
    entities = found("He led the Sinaloa Cartel. Rivals of the Sinaloa cartel fled to Cook County jail.")
    assert entities["Sinaloa Cartel"][0] == "organization"
    assert "Sinaloa cartel" not in entities  # the same name
    assert entities["Cook County jail"][0] == "place"


def test_a_surname_joins_a_full_name_with_a_suffix_a_title_or_a_guessed_title():
    entities = found(
        "Officer Caesar Goodson Jr. is charged. Goodson, 46, drove the van. Jeremy Douglas, a United Nations "
        "official, spoke. Mr. Douglas said so. It led to a Doug Baldwin touchdown. Later Doug Baldwin scored "
        "again. " + " ".join(["The crowd cheered."] * 4) + " But Baldwin slipped."
    )
    assert "Goodson" in entities["Caesar Goodson Jr."][1]
    assert "Douglas" in entities["Jeremy Douglas"][1]
    assert "Baldwin" in entities["Doug Baldwin"][1]


def test_a_surname_named_again_and_again_in_a_sport_article_is_a_player():
    text = (
        "The coach saw the game slip. Walsh kicked a field goal in the season's playoff. The quarterback "
        "threw. Walsh missed late. Walsh cried after the match."
    )
    assert found(text)["Walsh"][0] == "person"
    assert "Walsh" not in found("Walsh kicked a ball. Walsh missed. Walsh cried.")  # no sport: no clue


def test_a_title_before_a_surname_that_is_a_head_word_and_more_titles():
    entities = found("Board Chairman Steve Hill spoke, and Comptroller Scott Stringer replied.")
    assert entities["Steve Hill"][0] == "person"
    assert entities["Scott Stringer"][0] == "person"


def test_a_bracketed_full_name_of_someone_else_is_not_an_alias():
    entities = found(
        "The film follows Rubin Carter (Denzel Washington) in prison, and Joko Widodo (Jokowi) too."
    )
    assert "Denzel Washington" in entities and "Denzel Washington" not in entities["Rubin Carter"][1]


def test_films_series_and_songs_named_by_a_type_noun():
    entities = found("Critics loved the film Spotlight, and the series Transparent won an award.")
    assert entities["Spotlight"][0] == entities["Transparent"][0] == "other"


def test_state_of_the_union_is_an_address_and_the_state_of_new_jersey_is_new_jersey():
    entities = found("He gave his State of the Union address in New Jersey, for the State of New Jersey.")
    assert entities["State of the Union"][0] == "event"
    assert entities["State of New Jersey"] == ("place", {"New Jersey"}, False)  # one place


def test_crude_belongs_to_the_benchmark_it_follows():
    entities = found("Energy firms fell as Brent crude fell to a low.")
    assert entities["Brent crude"][0] == "other"
    assert "Brent" not in entities


def test_a_country_acronym_before_a_noun_is_attributive():
    assert "U.S." not in found("He made reducing U.S. dependence on atomic weapons a goal.")
    assert "United States" in {
        n for e, (_, aliases, _) in found("Then U.S. imposed sanctions.").items() for n in (e, *aliases)
    }


def test_a_tv_channel_is_an_organization_and_the_english_channel_a_place():
    entities = found("Fox News said on Fox News Channel that ships crossed the English Channel.")
    assert entities["Fox News Channel"][0] == "organization" and entities["English Channel"][0] == "place"


def test_the_state_senate_is_named_with_its_lower_case_state():
    entities = found("Democrats control the state Senate, and the Senate met on Monday.")
    assert entities["state Senate"] == ("organization", {"Senate"}, False)


def test_a_dateline_named_as_its_state_is_the_city():
    article = Article(
        "test.txt", "Headline here", ("NEW YORK (Reuters) - Shelters in New York City filled up.",)
    )
    findings = find_entities(article_sentences(article), known_names({}, Curation()), Curation())
    city = [e for e in findings.entities if e.name == "New York City"]
    assert city and "NEW YORK" in city[0].aliases


def test_two_word_type_nouns_an_aircraft_carrier_and_a_news_agency():
    entities = found(
        "The semiofficial Fars news agency said boats neared the aircraft carrier Harry S. Truman."
    )
    assert entities["Fars news agency"][0] == "organization" and "Fars" not in entities
    assert entities["Harry S. Truman"][0] == "other"


def test_a_legislature_before_a_type_noun_owns_it():
    assert found("The White House threatened a veto against a House bill.")["House"][0] == "organization"


def test_other_names_of_the_islamic_state_are_one_entity():
    entities = found("Islamic State claimed the attack. ISIS fighters and ISIL members fled.")
    assert entities["Islamic State"] == ("organization", {"ISIS", "ISIL"}, False)


def test_the_north_and_the_south_of_a_divided_country():
    entities = found("North Korea tested a bomb, and South Korea protested. The North angered the South.")
    assert "North" in entities["North Korea"][1] and "South" in entities["South Korea"][1]


def test_a_dateline_before_a_one_letter_word():
    article = Article("test.txt", "Headline here", ("HOUSTON A committee of owners backed the plan.",))
    findings = find_entities(article_sentences(article), known_names({}, Curation()), Curation())
    assert {e.name for e in findings.entities} == {"Houston"}


def test_a_place_of_another_place_is_two_places():
    entities = found("The missile landed near the Marshall Islands of the South Pacific, officials said.")
    assert entities["Marshall Islands"][0] == "place" and "South Pacific" in entities
    assert "Bank of England" in found("The Bank of England raised rates.")


def test_a_lone_word_of_a_two_word_place_is_that_place():
    entities = found("The city drew water from Lake Huron until 2014, when it left Huron for the river.")
    assert "Huron" in entities["Lake Huron"][1]


def test_an_events_plural_is_the_event():
    entities = found("They won the Super Bowl in 2014 and have played in two Super Bowls since.")
    assert entities["Super Bowl"] == ("event", {"Super Bowls"}, False)


def test_a_store_named_with_its_possessive_after_a():
    entities = found("He sat outside a Trader Joe's on the Upper West Side, and at a McDonald's later.")
    assert entities["Trader Joe's"][0] == entities["McDonald's"][0] == "organization"


def test_a_leader_is_a_title():
    assert found("Senate Majority Leader Mitch McConnell said no.")["Mitch McConnell"][0] == "person"


def test_what_is_published_in_is_no_person_though_named_like_one():
    entities = found(
        "The interview, published in Rolling Stone late Saturday, drew criticism. Rolling Stone said so."
    )
    assert entities["Rolling Stone"][0] == "organization"


def test_what_is_won_is_an_award():
    assert found("He lost the Oscar but deservedly won a Golden Globe.")["Golden Globe"][0] == "other"


def test_a_city_club_in_a_sport_article():
    text = (
        "The coach saw his squad beat Manchester City in the league match, a victory that lifted the "
        "season. The striker scored twice in the game, and Kansas City fans cheered."
    )
    entities = found(text)
    assert entities["Manchester City"][0] == "organization"


def test_a_space_station_is_a_spacecraft():
    assert (
        found("He spent eight months aboard the International Space Station.")["International Space Station"][
            0
        ]
        == "other"
    )


def test_a_type_noun_before_a_name_beats_its_head_word():
    assert found("Law firm AJ Park offers 18 weeks of paid leave.")["AJ Park"][0] == "organization"


def test_an_office_named_by_its_title_is_not_an_entity():
    entities = found(
        "The UN Special Envoy for Yemen met the Ministry of Finance in Aden, Yemen, and the High Commissioner."
    )
    assert "UN Special Envoy for Yemen" not in entities and "Ministry of Finance" in entities
    assert "High Commissioner" not in entities


def test_a_lone_government_or_opposition_is_no_name():
    entities = found("The Opposition walked out, and the Government said the Lok Sabha would sit.")
    assert not {"Opposition", "Government"} & set(entities)


def test_a_slot_in_a_schedule_is_no_name():
    assert "Week" not in found("Kevin Kolb, the starter in Week 1, was hurt in Week 2.")


def test_credits_of_a_signoff_split_without_semicolons():
    entities = found(
        "The firm said so.\n(Reporting By Naomi Tajitsu and Norihiko Shirouzu; Editing by Bill Rigby)\n"
        "(Reporting by Victoria Cavaliere Editing by Jeremy Gaunt)"
    )
    for name in ("Naomi Tajitsu", "Norihiko Shirouzu", "Bill Rigby", "Victoria Cavaliere", "Jeremy Gaunt"):
        assert entities[name][0] == "person"


def test_lower_case_arabic_articles_stay_in_names():
    entities = found("Forces loyal to President Bashar al-Assad shelled Deir ez-Zor, a monitor said.")
    assert entities["Bashar al-Assad"][0] == "person"
    assert "Deir ez-Zor" in entities


def test_a_seat_of_government_is_its_body_unless_something_is_in_it():
    assert found("The White House said it would act.")["White House"][0] == "organization"
    assert found("Leaders held talks at the Kremlin on Monday.")["Kremlin"][0] == "place"


def test_mastheads_and_research_houses_by_their_last_word():
    entities = found(
        "Kim Lee told the Yamhill Valley News-Register and New Scientist, Baird Equity Research wrote."
    )
    assert entities["Yamhill Valley News-Register"][0] == "organization"
    assert entities["New Scientist"][0] == "organization"
    assert entities["Baird Equity Research"][0] == "organization"


def test_a_place_and_a_plural_is_a_team_where_a_league_or_team_noun_says_so():
    entities = found(
        "A co-owner of the NHL's New Jersey Devils spoke, and Dallas Cowboys owner Jerry Jones agreed."
    )
    assert entities["New Jersey Devils"][0] == "organization"
    assert entities["Dallas Cowboys"][0] == "organization"
    assert "New Jersey" not in entities
    assert found("Chad Woods said it rained.")["Chad Woods"][0] == "person"


def test_headline_gerunds_open_no_name():
    entities = found("Shuttering Guantanamo Bay\nThe prison at Guantanamo Bay stays open.")
    assert "Shuttering Guantanamo Bay" not in entities
    assert entities["Guantanamo Bay"][0] == "place"


def test_a_surname_drops_its_arabic_article():
    entities = found("President Bashar al-Assad spoke. Assad said the war would end.")
    assert entities["Bashar al-Assad"] == ("person", {"Assad"}, False)


def test_parties_named_by_their_short_form_get_their_full_name():
    entities = found("Labour Sen. Alex White said the Greens would quit, and the Conservatives agreed.")
    assert entities["Labour Party"] == ("organization", {"Labour"}, False)
    assert entities["Green Party"] == ("organization", {"Greens"}, False)
    assert entities["Conservative Party"][0] == "organization"
    assert entities["Alex White"][0] == "person"


def test_a_party_word_before_a_body_is_part_of_its_name():
    entities = found("The Democratic National Committee met in Philadelphia.")
    assert entities["Democratic National Committee"][0] == "organization"


def test_a_compass_initial_before_a_place_is_its_compass_word():
    entities = found("N. Korea fired a missile, and North Korea said S. Korea was to blame.")
    names = {frozenset({name, *aliases}): kind for name, (kind, aliases, _) in entities.items()}
    assert names[frozenset({"N. Korea", "North Korea"})] == "place"
    assert next(kind for group, kind in names.items() if "S. Korea" in group) == "place"


def test_whips_swat_teams_and_super_pacs_name_no_one():
    entities = found("Before stepping aside to become Chief Whip he called a SWAT team, and super PACs paid.")
    assert not {"Whip", "Chief Whip", "SWAT", "PACs"} & set(entities)


def test_brands_in_lower_camel_case_are_names():
    entities = found("Apple will show the iPad next week, and iSight Partners sold it on eBay.")
    assert entities["iPad"][0] == "other"
    assert entities["iSight Partners"][0] == "organization"
    assert entities["eBay"][0] == "organization"
    assert "mRNA" not in found("The mRNA vaccine worked.")


def test_a_given_name_is_no_people_and_a_regnal_number_stays_in_the_name():
    entities = found("The Vatican under Pope Francis spoke, as Pope Benedict XVI had, and so did the Iraqis.")
    assert entities["Francis"][0] == "person"
    assert entities["Benedict XVI"][0] == "person"
    assert "Iraqis" not in entities


def test_a_saints_possessive_belongs_to_the_name_but_a_citys_does_not():
    entities = found("She teaches at St. Joseph’s University. St. Louis's mayor agreed.")
    assert entities["St. Joseph’s University"][0] == "organization"
    assert entities["St. Louis"][0] == "place"
