"""The words the name check knows: institutions and roles that are no persons, common first
names and surnames (SSB), and which of them are also ordinary Norwegian words."""

#: Capitalised words that are not persons (institutions, programmes, tools, places of work).
ALLOWED = {
    "bufetat", "bufdir", "nav", "bup", "abup", "dps", "ks", "ssb", "statsforvalteren",
    "fylkesnemnda", "nemnda", "barneverns", "helsenemnda", "barneverntjenesten", "barnevernet",
    "barnevernstjenesten", "barnehusets", "barnehuset", "politiet", "helsestasjonen", "ppt",
    "skolen", "kommunen", "laget", "ledvei", "nord", "ntnu", "oslomet", "rvts", "rbup", "rkbu",
    "nubu", "tiltak", "jeg", "vi", "de", "du", "dere", "han", "hun", "teams", "zoom",
    "microsoft", "outlook", "excel", "mtm", "fft", "mst", "pmto", "tibir", "icdp", "cos", "kvello",
    "kvellomalen", "signs", "safety", "familia", "modulus", "visma", "acos", "barneombudet",
    "helsedirektoratet", "udir", "fagforbundet", "fo", "krisesenteret", "familievernkontoret",
    "familievernet", "konfliktrådet", "sykehuset", "legevakta", "legevakten", "statped", "norge",
    "midt", "sør", "øst", "vest",  # regions in institution names: RVTS Midt, Bufetat region øst
    # counties, in the governors' names: «Statsforvalteren i Trøndelag» granted an exemption
    "trøndelag", "vestland", "rogaland", "agder", "innlandet", "oslo", "viken", "akershus",
    "buskerud", "østfold", "vestfold", "telemark", "møre", "romsdal", "nordland", "troms",
    "finnmark",
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    # methods and programmes written with a capital letter inside a sentence
    "familieråd", "familierådet", "familierådsmodellen", "nettverksråd", "nettverksmøte",
    "circle", "security", "parenting", "dialogos", "abc", "tbo", "kfk", "bti", "multifunc",
    "nfp", "ddp", "barnesamtalen", "stafettloggen", "kompetanseløftet",
    "kompetansestrategien", "oppvekstreformen", "barnevernsreformen", "barnevernreformen", "kvalitetsløftet", "nettverkssamling", "handlingsplan",
    "statsbudsjettet", "fosterhjemstjenesten", "kommunestyret", "bystyret", "formannskapet",
    "fylkeskommunen", "storting", "stortinget", "regjeringen", "helsetilsynet",
    "arbeidstilsynet", "kommunedirektøren", "rådmannen", "ks-rapporten", "kostra",
    "bufdirs", "utdanningsdirektoratet", "kunnskapsdepartementet", "barne",
    "familiedepartementet", "vid", "usn", "uia", "uit", "hvl", "dmmh", "inn", "nla",
    "diakonhjemmet", "lovisenberg", "kristiania", "nkvts",
    # institutions and regions: «Studiet ved Universitetet i Agder», «Høgskulen på Vestlandet»
    "universitetet", "universitet", "høgskolen", "høyskolen", "høgskulen", "høgskole",
    "høyskole", "høgskule", "vestlandet", "sørlandet", "østlandet", "sørøst", "nord-norge",
}  # fmt: skip

#: Common Norwegian first names (SSB's most frequent, all ages): a name in any position and case.
FIRST_NAMES = {
    # men
    "jan", "per", "bjørn", "ole", "lars", "kjell", "knut", "arne", "svein", "thomas", "hans",
    "geir", "tor", "morten", "terje", "odd", "erik", "martin", "andreas", "john", "anders",
    "rune", "trond", "tore", "jon", "olav", "harald", "gunnar", "rolf", "leif", "einar", "nils",
    "helge", "espen", "stian", "kristian", "øyvind", "magnus", "daniel", "jørgen", "kristoffer",
    "petter", "eirik", "marius", "even", "christian", "fredrik", "tommy", "kenneth", "frode",
    "roger", "vidar", "ivar", "egil", "steinar", "sindre", "alexander", "sander", "jonas", "emil",
    "noah", "oskar", "oliver", "lucas", "filip", "william", "henrik", "jakob", "isak", "aksel",
    "mathias", "elias", "sebastian", "adrian", "tobias", "johannes", "sigurd", "theodor",
    "ludvig", "olai", "håkon", "mohammed", "muhammad", "ahmed", "dag", "stein", "tom", "finn",
    "kim", "asbjørn", "reidar", "kåre", "ragnar", "sverre", "bård", "audun", "vegard", "halvor",
    "torbjørn", "arild", "trygve", "gustav", "edvard", "jens", "karl", "johan", "peder", "paul",
    "atle", "endre", "stig", "rasmus", "simen", "joakim", "vetle", "sondre", "mats", "ola",
    # women
    "anne", "inger", "kari", "marit", "ingrid", "liv", "eva", "berit", "astrid", "bjørg",
    "hilde", "anna", "solveig", "marianne", "randi", "ida", "nina", "maria", "elisabeth",
    "kristin", "nora", "emma", "ella", "sofie", "olivia", "leah", "sara", "ingeborg", "maja",
    "hanne", "heidi", "tone", "silje", "ellen", "gerd", "wenche", "camilla", "linda", "mette",
    "hege", "ragnhild", "gunn", "torill", "grete", "siri", "kirsten", "monica", "tove", "ann",
    "karin", "aud", "bente", "unni", "lene", "elin", "ingvild", "julie", "marte", "thea",
    "emilie", "frida", "vilde", "sofia", "tuva", "selma", "amalie", "hedda", "mia", "aurora",
    "jenny", "tonje", "stine", "kristine", "mari", "guro", "karoline", "marthe", "line", "trine",
    "lise", "gro", "siv", "åse", "laila", "jorunn", "irene", "sissel", "mona", "helene",
    "cecilie", "vibeke", "synnøve", "ane", "kaja", "iselin", "malin", "martine", "eli", "ruth",
    "britt", "toril", "turid", "elise", "kjersti", "susanne",
}  # fmt: skip

#: First names that are also ordinary words («per uke», «liv og helse», «hans leder», «dag for
#: dag», «endre rutiner»): a name only when clearly used as one.
AMBIGUOUS_FIRST_NAMES = {
    "per", "liv", "odd", "hans", "bjørn", "tor", "jan", "svein", "dag", "stein", "tom", "finn",
    "even", "stig", "endre", "vetle", "mette", "lene", "tone", "gro", "siv", "vilde", "line",
    "ane", "aksel", "rune",
}  # fmt: skip

#: The most common Norwegian surnames (SSB), and the one every form example uses.
SURNAMES = {
    "hansen", "johansen", "olsen", "larsen", "andersen", "pedersen", "nilsen", "kristiansen",
    "jensen", "karlsen", "johnsen", "pettersen", "eriksen", "berg", "haugen", "hagen",
    "johannessen", "andreassen", "jacobsen", "dahl", "jørgensen", "henriksen", "lund",
    "halvorsen", "sørensen", "jakobsen", "moen", "gundersen", "iversen", "strand", "solberg",
    "svendsen", "eide", "knutsen", "martinsen", "paulsen", "bakken", "kristoffersen",
    "mathisen", "lie", "amundsen", "nguyen", "rasmussen", "ali", "lunde", "solheim", "berge",
    "moe", "nordmann", "bakke", "nygård", "fredriksen", "christensen", "holm", "lien",
    "danielsen", "vik", "ahmed", "aas", "hauge", "mikkelsen", "myhre", "sæther", "arnesen",
    "thorsen", "evensen", "helland", "nielsen", "khan", "tran", "ellingsen", "ødegård",
    "brekke", "aasen", "andresen", "tveit", "hovland", "sandvik", "isaksen", "edvardsen",
    "christiansen", "clausen", "michelsen", "samuelsen", "gabrielsen", "abrahamsen",
}  # fmt: skip

#: Endings of nouns in «-sen» that are no surnames («Prosessen», «Analysen», «Pausen»,
#: «Undersøkelsen», «Kompetansen», «Konsekvensen»); the surnames that end so are in SURNAMES.
NOUN_ENDINGS_SEN = (
    "ssen", "ysen", "osen", "isen", "usen", "asen", "elsen", "ansen", "kvensen", "densen",
)  # fmt: skip

#: Surnames that are also ordinary words («i hagen», «på bakken», «en nordmann»).
AMBIGUOUS_SURNAMES = {
    "berg", "haugen", "hagen", "lund", "moen", "strand", "eide", "bakken", "lie", "berge",
    "lunde", "nordmann", "bakke", "holm", "lien", "vik", "aas", "hauge", "brekke", "tran",
    "tveit",
}  # fmt: skip

#: Verbs that, after a capitalised first name that is also a word, show it is a name: «Per har».
NAME_VERBS = {
    "har", "hadde", "er", "var", "sa", "sier", "skal", "skulle", "vil", "ville", "kan", "kunne",
    "må", "måtte", "fikk", "får", "ble", "blir", "gikk", "går", "kom", "kommer", "trenger",
    "ønsker", "mener", "forteller", "fortalte", "bor", "flyttet", "jobber", "ringte", "sluttet",
    "begynte", "startet", "gråt",
}  # fmt: skip

MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|des"
)

#: Words that, among the four before a date, make it a deadline or an event rather than a
#: date of birth: «Fristen er 01.01.2031», «vedtatt 14.11.2024», «gjelder fra 01.08.2025».
EVENT_WORDS = {
    "frist", "fristen", "innen", "senest", "seinast", "per", "pr", "gjelder", "gjaldt",
    "gyldig", "fom", "tom", "f.o.m", "t.o.m", "vedtatt", "vedtak", "vedtaket", "behandlet",
    "behandling", "ferdigstilt", "sendt", "levert", "mottatt", "oppdatert", "datert",
    "utlyst", "utlysning", "tiltrer", "tiltrådte", "tiltredelse", "oppstart", "startdato",
    "sluttdato", "avsluttes", "avsluttet", "evaluering", "evalueringen", "evalueres",
    "tilsyn", "tilsynet", "eksamen", "eksamenen", "permisjon", "permisjonen", "sykmeldt",
    "sykmelding", "sykmeldingen", "kommunestyret", "bystyret", "formannskapet",
    "fagdag", "fagdagen", "planleggingsdag", "ferdig", "fullført", "fullførte",
    "kraft",  # «trer i kraft 01.01.2031»
}  # fmt: skip
#: Endings that do the same: «veiledningssamtale 2025-03-12», «personalmøtet 14.05.2025».
EVENT_SUFFIXES = (
    "frist", "fristen", "møte", "møtet", "samtale", "samtalen", "samtaler", "møtedato",
    "møtedatoen", "kurs", "kurset", "samling", "samlingen", "seminar", "seminaret", "konferanse",
    "konferansen", "webinar", "webinaret",
)  # fmt: skip

#: Words for a child, a young person or a sibling: what a year, an age or a name after them
#: describes («jenta (2015)», «gutten på 13», «Barnet Lilly», «jenta heter Aisha»).
CHILD_WORDS = (
    "jente|jenta|jenten|jentene|jenter|gutt|gutten|guttene|gutter|barn|barnet|barna|barnene"
    "|sønn|sønnen|sønnene|datter|dattera|datteren|døtrene|pike|piken|baby|babyen|spedbarn"
    "|spedbarnet|ungdom|ungdommen|tenåring|tenåringen|søster|søstera|søsteren|bror|broren"
    "|lillebror|lillesøster|storebror|storesøster|tvilling|tvillingen|tvillingene"
    "|fosterbarn|fosterbarnet|eldstemann|yngstemann|minstemann"
)

#: Number words for ages: «tretten-åringen».
AGE_WORDS = (
    "ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten"
    "|sytten|atten|nitten|tjue"
)

#: The first part of «…-familien» that is a kind of family, not a family's name.
FAMILY_KINDS = {
    "foster", "beredskaps", "besøks", "verts", "kjerne", "stor", "opprinnelses", "bio",
    "ny", "steb", "ste", "adoptiv", "sam", "bonus", "beredskapshjems", "fosterhjems",
}  # fmt: skip

#: Words ending a law, a regulation or a convention: «Barnevernloven», «Grunnloven»,
#: «Forvaltningslova», «Kvalitetsforskriften», «Barnekonvensjonen» are not persons.
LAW_ENDINGS = (
    "loven", "lova", "lovens", "lovas", "lov", "forskriften", "forskrifta", "forskriftens",
    "konvensjonen", "konvensjonens", "reformen", "reforma", "reformens", "strategien",
    "meldingen", "meldinga", "proposisjonen", "rundskrivet", "veilederen",
)  # fmt: skip

#: Names of methods, programmes and tools (several words, some of them also first names):
#: taken out before names are looked for.
PROGRAMME_PHRASES = (
    r"circle of security(?: parenting| virginia family| intensive)?",
    r"signs of safety",
    r"marte meo",
    r"de utrolige årene",
    r"trygghetssirkelen",
    r"traumebevisst omsorg",
    r"nurse family partnership",
    r"familie for første gang",
    r"parent management training(?: oregon)?",
    r"multisystemisk terapi",
    r"funksjonell familieterapi",
    r"tidlig innsats for barn i risiko",
    r"international child development programme",
    r"kvellomodellen",
    r"barnas stemme",
    r"hjelp til foreldre",
    r"foreldreveiledning",
    r"dialogisk samtalemetodikk",
    r"motiverende intervju",
)
