"""Word lists the entity rules read: titles, head words, type nouns, and words that are not names.

These are general English news conventions, not names from any article: a head word such as
"Ministry" or "Sea" types a name, a title such as "President" marks the person after it, and a
noun such as "icebreaker" or "exhibition" next to a name says what the name is.
"""

from __future__ import annotations

# Capitalised words that start sentences or headlines but are not names.
COMMON_WORDS = frozenset(
    """
    a about above according across after afterwards again against all almost along already also
    although always among an and another any anyone anything are around as at back be because
    been before behind being below beside besides between beyond both but by can could despite
    did do does doing down during each either else enough even ever every everyone everything
    few first for from further had has have having he her here hers herself him himself his how
    however i if in including inside instead into is it its itself just last late later least
    less like little many may meanwhile more moreover most much must my myself near neither never
    nevertheless next no nobody none nor not nothing now of off often on once one only onto or
    other others otherwise our ours out outside over own per perhaps rather same second several
    shall she should since so some someone something sometimes soon still such than that the
    their theirs them themselves then there therefore these they third this those though through
    throughout thus to today together tomorrow too toward towards under unless unlike until up
    upon us very via was we well were what whatever when where whereas whether which while who
    whom whose why will with within without would yesterday yet you your yours
    additionally already amid analysts asked backed because briefly but certainly clearly
    critics currently earlier eventually finally first former further historically ideally
    indeed initially it's last lately likewise locally meanwhile moreover nationally notably
    officials overall part partly please previously recently reportedly separately similarly
    so-called still subsequently then today traditionally ultimately under yes new old big
    small major minor high low top key early late mid full half
    """.split()
)

MONTHS = ("January February March April May June July August September October November December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Words that make a weekday a named day: 'Black Friday', 'Super Tuesday', 'Good Friday'.
NAMED_DAY_WORDS = frozenset(
    "Black Cyber Good Super Ash Palm Holy Maundy Shrove Bloody Giving Easter Fat Manic Blue".split()
)

# Words inside a name that join capitalised words: "Ministry of Defence", "Martijn de Groot".
NAME_PARTICLES = frozenset(
    "da das de del della der des di do dos du el la le van von al bin ibn bint ben y".split()
)
JOINERS = frozenset({"of", "for", "on"})  # joined only after a head word: "Bank of England"

# A capitalised title ends a role before a person's name: "Defence Minister Tomasz Wrona".
TITLE_WORDS = frozenset(
    """
    President Minister Secretary General Chancellor Governor Senator Sen. Mayor Ambassador
    Admiral Adm. Colonel Col. Lieutenant Lt. Major Maj. Captain Capt. Commander Cmdr. Sergeant
    Sgt. Brigadier Marshal Chief Director Chairman Chairwoman Chairperson Judge Justice Professor
    Prof. Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Miss Sir Dame Lord Lady King Queen Prince Princess Pope
    Sheikh Emir Premier Speaker Spokesman Spokeswoman Spokesperson Envoy Rep. Representative
    Gen. Deputy Vice Acting Prime Crown Ayatollah Patriarch Archbishop Bishop Cardinal Rabbi
    Imam Coach Inspector Superintendent Commissioner Attorney Counsel President-elect Gov.
    Librarian Detective Sheriff Officer Trooper Constable Patrol CEO CFO COO CTO MP MPs MEP MEPs MLA
    Secretary-General Director-General Comptroller Treasurer Prosecutor Councilman Councilwoman
    Councillor Councilor Alderman Assemblyman Assemblywoman Congressman Congresswoman Leader Whip
    """.split()
)

# Titles that are also surnames: last in a name they are the surname ('Peter King', 'John Major').
SURNAME_TITLES = frozenset("King Major Bishop Judge Marshal Constable".split())

# Lower-case role nouns just before a name mark a person: "chief executive Paul Hartigan".
ROLE_NOUNS = frozenset(
    """
    minister president ambassador executive officer director manager chairman chairwoman chair
    spokesman spokeswoman spokesperson secretary governor senator mayor founder co-founder
    analyst economist scientist researcher professor commander general leader head chief envoy
    negotiator lawmaker deputy adviser advisor editor reporter correspondent author engineer
    coach captain premier candidate judge prosecutor lawyer attorney diplomat official
    astronaut pilot commissioner inspector investor entrepreneur activist journalist historian
    physicist chemist biologist geologist epidemiologist virologist doctor surgeon nurse
    strategist consultant partner owner chancellor speaker rapporteur MP CEO CFO COO CTO
    actor actress singer musician player star producer writer artist meteorologist
    user resident shopper customer viewer reader student teacher worker employee victim witness
    neighbour neighbor friend husband wife son daughter mother father brother sister
    """.split()
)

# Head words that type a capitalised name, by type. A name's head is the word before
# "of/for/on" when it has one ("Ministry of Defence"), else its last word.
ORG_HEADS = frozenset(
    """
    Ministry Department Committee Commission Council Agency Service Services Office Bureau
    Authority Administration Directorate Secretariat Board Institute Institution University
    College Academy School Centre Center Laboratory Laboratories Lab Labs Observatory Survey
    Panel Court Tribunal Parliament Assembly Senate Congress Chamber Cabinet Government Party
    Union Alliance Association Federation Confederation League Organization Organisation Society
    Foundation Fund Trust Bank Corporation Corp Corp. Company Co Co. Inc Inc. Ltd Ltd. LLC plc
    AG SA GmbH NV BV SE ASA AB Oyj Group Holdings Holding Partners Capital Securities
    Investments Ventures Industries Systems Technologies Dynamics Electronics Semiconductor
    Semiconductors Pharmaceuticals Pharma Energy Motors Airlines Airways Aerospace Media
    Networks Telecom Communications Foods Insurance Shipping Logistics Railways Mining Steel
    Chemicals Robotics Software Army Navy Force Forces Guard Guards Corps Brigade Division
    Regiment Battalion Fleet Command Marines Police Coalition Movement Front Bloc Consortium
    Cooperative Club Team Commissariat Inspectorate Ombudsman Exchange Reserve Treasury
    Management Economics Productions Studios Entertainment Broadcasting Publishing Analytics
    Consulting Advisors Associates News Newspapers Press Magazine Radio Television TV
    International Electric Faculty Journal Plc PLC Limited LLP LP
    Kremlin Pentagon Duma Knesset Bundestag Bundeswehr Politburo Directorate-General
    Films Pictures Records Bros. Embassy Consulate Cartel Caucus
    """.split()
)
PLACE_HEADS = frozenset(
    """
    Sea Ocean Gulf Bay Strait Straits Channel River Lake Mountains Mountain Hills Hill Valley
    Island Islands Peninsula Desert Basin Coast Plateau Province Region Oblast Krai County
    District Prefecture Territory Territories Street Avenue Square Airport Airbase Port Harbour
    Harbor Canal Bridge Palace Castle Cathedral Park Stadium Crater Cosmodrome Spaceport Forest
    Glacier Shelf Pass Fjord Delta Steppe Strip Heights Corridor Republic Kingdom Emirates
    Field Ground Library Auditorium Boathouse Stand Arena Plaza Lakes Islands Mosque Church Temple
    Shrine Synagogue Monastery Lawn Garden Gardens Isles Highlands Perimeter Point Springs Falls Cove
    Reef Canyon Creek Peak Coliseum Colosseum Amphitheatre Amphitheater Velodrome Racecourse Speedway
    City Beach Side Boulevard Blvd. Monument Memorial Headquarters Hospital Jail Prison Mall Hotel
    """.split()
)
# Last words of newspapers' and research houses' names: 'Los Angeles Times', 'New Scientist',
# 'Baird Equity Research'. Only last: 'Center for Gun Policy and Research' is headed by 'Center'.
MASTHEAD_WORDS = frozenset(
    """Times Post Sun Herald Tribune Gazette Chronicle Telegraph Examiner Inquirer Courier Register
    Observer Guardian Independent Mirror Standard Express Review Monitor Dispatch Bulletin Sentinel
    Reporter Insider Scientist Ledger Advertiser Enquirer Research""".split()
)
# Other names of well-known bodies, each joined to the one name: 'ISIL' is the Islamic State.
WELL_KNOWN_ALIASES = {"ISIS": "Islamic State", "ISIL": "Islamic State", "Daesh": "Islamic State"}
# Parties that news names by a short form, named in full: 'Labour', 'the Greens', 'the Tories'.
PARTY_SHORT_NAMES = {
    "Labour": "Labour Party",
    "Greens": "Green Party",
    "Conservatives": "Conservative Party",
    "Tories": "Conservative Party",
}
# A legislature's one-word names: 'the state Senate', 'a House bill'.
LEGISLATURES = frozenset("Senate Legislature Assembly House Congress Parliament".split())
# First words that make a name an event: 'Hurricane Sandy', 'Storm Abigail'.
EVENT_FIRST_WORDS = frozenset("Hurricane Storm Typhoon Cyclone Tropical".split())
PLACE_FIRST_WORDS = frozenset(
    "Mount Mt. Lake Cape Fort Port Isle Gulf Bay Sea Strait Camp Jalan Rue Avenida Calle Rua".split()
)
EVENT_HEADS = frozenset(
    """
    Summit Conference Forum Exhibition Expo Show Fair Festival Games Olympics Championship
    Championships Cup War Revolution Crisis Election Elections Referendum Talks Exercise
    Exercises Operation Week Biennale Airshow Salon Uprising Offensive
    Olympiad Marathon Dialogue Meeting Day Recession Depression Pandemic Famine Bowl Playoff
    Playoffs Final Finals Semifinal Test Prix Fest Session Ceremony Rally Expedition
    """.split()
)
PROGRAMME_HEADS = frozenset(
    "Programme Program Plan Initiative Project Mission Strategy Scheme Agenda Deal Partnership Leave Allowance"
    " Benefit Credit".split()
)
OTHER_HEADS = frozenset(
    """
    Treaty Accord Accords Agreement Act Law Convention Declaration Protocol Charter Directive
    Regulation Report Index Prize Award Doctrine Pact Telescope Satellite Rover Probe Observatory
    Trophy Parade Flight Bill Medal Series Code Constitution Awards Amendment Ordinance Statute
    """.split()
)

# Lower-case nouns next to a name that say what it is: "the icebreaker Polarstern",
# "the Shackleton crater", "the MILEX events", "Mercosur, the trade bloc".
TYPE_NOUNS = {
    "organization": """
        company firm group maker manufacturer producer carrier lender bank insurer startup
        start-up developer operator contractor supplier retailer utility agency ministry
        committee party movement alliance bloc coalition union cooperative co-operative
        institute university regulator watchdog broadcaster newspaper outlet militia army navy
        brigade conglomerate giant chipmaker automaker carmaker airline complex organisation
        organization body council authority court consortium club team think-tank charity
        federation association network exchange holding subsidiary unit division shipbuilder
        shipyard miner refiner exporter importer distributor publisher insurer bank lender
        chain brand label studio band orchestra choir
        """,
    "place": """
        city town village region province oblast district county island crater river lake
        sea port base capital airport peninsula valley mountain desert territory
        municipality neighbourhood neighborhood suburb settlement constellation state
        track circuit nightclub venue hotel restaurant pub mall hospital prison
        """,
    "event": """
        exhibition show summit conference forum fair expo festival exercise exercises drill
        drills games election referendum talks event events war operation offensive
        tournament championship airshow race
        """,
    "programme": "programme program project plan initiative mission scheme strategy",
    "other": """
        probe lander rover satellite spacecraft telescope icebreaker ship vessel frigate
        destroyer submarine aircraft jet drone missile rocket treaty agreement accord law act
        bill vaccine instrument journal magazine rifle pistol gun tank helicopter airliner
        smartphone phone handset laptop console app crude film movie documentary sitcom series album
        song novel musical podcast award prize
        """,
}
NOUN_TYPES = {word: kind for kind, words in TYPE_NOUNS.items() for word in words.split()}
# Type nouns kept as part of the name when they follow it: "Shackleton crater", "Narew programme".
NAME_SUFFIX_TYPES = frozenset({"place", "programme"})
# Nouns that belong to the name before them whatever its type: 'Brent crude' is a benchmark,
# 'the Fars news agency' an agency (Fars is a province too).
NAME_NOUNS = frozenset({"crude", "news agency"})

# Verbs whose object is usually a company: "agreed to buy Van Aalst Snacks".
COMPANY_CONTEXT = frozenset(
    "buy bought buying acquire acquired acquiring acquisition merge merger stake shares owned".split()
)
# Words before a single unknown name that make it a place: "near Rovaniemi", "northern Lapland".
PLACE_CONTEXT = frozenset(
    """
    near around outside northern southern eastern western central north-eastern north-western
    south-eastern south-western northeastern northwestern southeastern southwestern
    """.split()
)
# 'in X', 'across X': a name after these is a place or a body, never a person.
LOCATIVE_WORDS = frozenset("in across throughout within into near around".split())
PLACE_CONTEXT_PAIRS = frozenset({("based", "in"), ("headquartered", "in"), ("located", "in"), ("born", "in")})
SPEECH_VERBS = frozenset("said says told added noted warned argued explained wrote".split())
PERSON_RELATIVE = frozenset(
    "leads heads chairs runs founded led headed chaired ran joined took became".split()
)
NAMING_CUES = frozenset({"named", "called", "dubbed", "codenamed", "code-named"})

# Upper-case words that are common nouns, not names.
COMMON_ACRONYMS = frozenset(
    """
    CEO CFO COO CTO CIO GDP GNP AI IT TV PM AM MP MPs MEP MEPs DNA RNA HIV AIDS COVID PhD R&D
    UAV UAVs IPO ETF EV EVs GMT UTC CPI PMI OK LNG LPG VAT FAQ PR HR IQ ID PDF USB GPS CO2 NGO
    NGOs SMS URL API PC PCs KM KG MW GW TWh MWh GWh BC AD BCE CE ICBM ICBMs SAM SAMs IED IEDs
    ATM ATMs VIP VIPs EST PST CET II III IV VI VII VIII IX XI XII Q1 Q2 Q3 Q4 H1 H2 FY
    QB MVP GP GPs IRA IRAs HTTP HTTPS SSL TLS DNS VPN ISP MRI ICU ER EMT PTSD ADHD IVF BMI SUV SUVs
    LED LCD DVD CD PIN SIM CCTV RSVP POW POWs MIA SMB SMBs SME SMEs B2B B2C CEOs SWAT PAC PACs MOOC MOOCs
    """.split()
)

# Month abbreviations and time zones: capitalised, never names.
MONTH_ABBREVIATIONS = "Feb Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()  # not 'Jan', 'Mar': names too
TIME_ZONES = frozenset("ET EDT EST CT CDT CST MT MDT MST PT PDT PST BST CEST".split())

# Party adjectives and members: 'a Republican lawmaker', 'Democrats said'. Not names alone, and
# not part of the name that follows ('Republican Donald Trump').
PARTY_WORDS = frozenset("Republican Republicans Democrat Democrats Democratic".split())

# Names that English-language news uses every day and that no head word or context types:
# news agencies and networks, platforms, international bodies, legislatures. General knowledge,
# like the gazetteers; the registry and ``ingest.yaml`` add a site's own.
WELL_KNOWN = {
    "organization": """
        Reuters|Associated Press|AP|AFP|Agence France-Presse|Xinhua|TASS|Interfax|Kyodo|Yonhap|Bloomberg
        |Dow Jones|CNN|BBC|BBC News|NPR|PBS|ABC|CBS|NBC|MSNBC|Fox News|Sky News|Al Jazeera|Euronews|Politico
        |Axios|Economist|Financial Times|Wall Street Journal|New York Times
        |Washington Post|USA Today|Der Spiegel|Le Monde|Global Times|China Daily|RIA Novosti|Sputnik
        |Google|Alphabet|Apple|Amazon|Microsoft|Meta|Tesla|Netflix|Samsung|Sony|Huawei|Alibaba
        |Tencent|Uber|Airbnb|Boeing|Airbus|Lockheed Martin|Raytheon|Exxon|ExxonMobil|Chevron|Shell|BP
        |Gazprom|Rosneft|Aramco|Toyota|Volkswagen|Nestle|Nestlé|Unilever|Tesco|Walmart|Pfizer|Moderna
        |AstraZeneca|Delta|United Airlines|Lufthansa|Ryanair|Amtrak
        |Congress|Senate|Parliament|Bundestag|Knesset|Duma|Kremlin|Pentagon|White House|White House Press Office
        |FBI|CIA|NSA|NASA|ESA|IMF|World Bank|WTO|OPEC|NATO|Nato|EU|European Union|UN|United Nations
        |ASEAN|African Union|Interpol|Europol|Red Cross|Red Crescent|UNICEF|UNESCO|Amnesty International
        |Human Rights Watch|Greenpeace|Taliban|Hamas|Hezbollah|Islamic State|ISIS|ISIL|Daesh|al-Qaeda|Al-Qaeda
        |Al Qaeda|al Qaeda|Al-Shabab|al-Shabab|Boko Haram
        |FIFA|UEFA|IOC|NFL|NBA|MLB|NHL|GOP|Labour|Greens|Conservatives|Tories
        """,
    "other": """
        Facebook|Twitter|Instagram|WhatsApp|YouTube|TikTok|Snapchat|LinkedIn|Telegram|WeChat|Weibo|Wikipedia
        |iPhone|Android|Windows|ChatGPT|Medicaid|Medicare|Obamacare|Brexit|Christmas|Easter|Ramadan
        |Eid|Diwali|Hanukkah|Kwanzaa|Thanksgiving|Halloween|Passover
        """,
}
# Services named as actors are their firms: 'Twitter told its employees', but 'wrote on Twitter'.
SERVICE_FIRMS = frozenset(
    "Facebook Twitter Instagram WhatsApp YouTube TikTok Snapchat LinkedIn Telegram WeChat Weibo".split()
)
ACTOR_VERBS = frozenset(
    """said says told announced added confirmed denied has have is was will would lets let began
    launched introduced banned suspended removed blocked plans wants""".split()
)
WELL_KNOWN_TYPES = {
    name.strip(): kind for kind, names in WELL_KNOWN.items() for name in names.split("|") if name.strip()
}

# Seats that stand for the government they house ('the White House said'), places only where
# the text puts something in them ('talks at the Kremlin').
SEATS = frozenset({"White House", "Kremlin", "Pentagon"})
SEAT_BEFORE = frozenset("in at into inside outside".split())

# Two-word heads that make a facility a place, where the last word alone would make it an
# organization: 'Salt Palace Convention Center' is a building, 'National Data Center' a body.
PLACE_HEAD_PAIRS = frozenset(
    {
        ("Convention", "Center"),
        ("Convention", "Centre"),
        ("Medical", "Center"),
        ("Heritage", "Center"),
        ("Records", "Center"),
        ("Funeral", "Home"),
        ("Shopping", "Center"),
        ("Cricket", "Ground"),
        ("Trade", "Center"),
        ("Conference", "Centre"),
        ("Exhibition", "Centre"),
        ("Branch", "Library"),
    }
)
# Aircraft and ship makers: their name and a model code is a product ('Airbus A320').
MAKERS = frozenset("Airbus Boeing Embraer Bombardier Sukhoi Tupolev Ilyushin Antonov Lockheed Cessna".split())

# Words of sport reporting: an article holding several of them is about a game, and there a
# country or city named as an actor is its team ('India’s batsmen', 'against Australia').
SPORT_WORDS = frozenset(
    """
    innings wicket wickets batting bowling bowler bowlers batsman batsmen quarterback touchdown
    touchdowns playoff playoffs halftime overtime goalkeeper striker midfielder pitcher inning
    coach coaches season league semifinal fixture squad tournament match matches game games
    scored overs teammates referee umpire defeat defeated victory stadium
    """.split()
)
MIN_SPORT_WORDS = 4
# After 'India’s' these make India a team: 'India’s batsmen', 'Australia’s captain'.
TEAM_NOUNS = frozenset(
    """
    batsmen batsman batting bowlers bowler bowling opener openers captain skipper coach
    quarterback striker goalkeeper keeper lineup line-up squad roster players player innings
    fans supporters offense offence defense defence attack tail lower-order top-order
    """.split()
)
# Before a place, these make it a team: 'against India', 'beat Australia', 'bat India out'.
TEAM_BEFORE = frozenset(
    "against beat beats beating defeated face faces faced facing vs vs. v v. bat host hosts hosted hosting".split()
)
# Two words before a place that make it a team: 'loss to Minnesota', 'traded to Washington'.
TEAM_BEFORE_PAIRS = frozenset(
    {
        ("loss", "to"),
        ("lost", "to"),
        ("losing", "to"),
        ("traded", "to"),
        ("win", "over"),
        ("victory", "over"),
        ("wins", "over"),
        ("defeat", "to"),
        ("trade", "to"),
        ("traded", "by"),
    }
)
# Words after a team's name that a person's name is not followed by: 'Dallas Cowboys owner'.
TEAM_NAME_AFTER = TEAM_NOUNS | frozenset("owner owners co-owner game games season franchise".split())
# Leagues whose possessive precedes a team: 'the NHL's New Jersey Devils'.
LEAGUES = frozenset("NFL NBA MLB NHL MLS WNBA NCAA".split())
TEAM_AFTER = frozenset("won beat beats lost drew declared batted bowled scored trailed leads trails".split())
