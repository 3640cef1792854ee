"""The roster template: one row per employee in a service."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    help: str = ""
    example: str = ""
    synonyms: tuple[str, ...] = field(default=())


ROLE_VALUES = {
    "leder": "leader",
    "stedfortreder": "deputy_leader",
    "nestleder": "deputy_leader",
    "kjerne": "core",
    "kjerneoppgaver": "core",
    "tiltak": "measures",
    "administrasjon": "administrative",
    "annet": "other",
}
LEVEL_VALUES = {
    "ingen": "none",
    "videregående": "upper_secondary",
    "vgs": "upper_secondary",
    "fagskole": "vocational",
    "bachelor": "bachelor",
    "master": "master",
    "doktorgrad": "phd",
    "phd": "phd",
}
YES = {"ja", "j", "yes", "y", "1", "true", "sann", "x"}
NO = {"nei", "n", "no", "0", "false", "usann"}

COLUMNS: tuple[Column, ...] = (
    Column(
        "employee_number",
        "Ansattnummer",
        True,
        "Nummeret i HR-systemet. Brukes til å kjenne igjen personen ved ny import.",
        "10234",
        ("ansattnr", "ansatt nr", "lønnsnummer", "ressursnummer", "employee id"),
    ),
    Column("given_name", "Fornavn", True, "", "Kari", ("first name", "navn fornavn")),
    Column(
        "family_name",
        "Etternavn",
        True,
        "",
        "Nordmann",
        ("last name", "slektsnavn", "navn etternavn"),
    ),
    Column(
        "email",
        "E-post",
        False,
        "",
        "kari.nordmann@kommune.no",
        ("epost", "e-postadresse", "email"),
    ),
    Column("birth_year", "Fødselsår", False, "Fire sifre. Ikke fødselsnummer.", "1985", ("født",)),
    Column(
        "position_title", "Stillingstittel", True, "", "Barnevernskonsulent", ("stilling", "tittel")
    ),
    Column(
        "role_category",
        "Rollekategori",
        True,
        "leder, stedfortreder, kjerne, tiltak, administrasjon eller annet. «kjerne» er barnevernfaglige oppgaver etter loven.",
        "kjerne",
        ("rolle", "kategori"),
    ),
    Column(
        "unit",
        "Enhet",
        False,
        "Navnet på en enhet i tjenesten, eller tomt.",
        "",
        ("avdeling", "bydel"),
    ),
    Column(
        "fte_percent",
        "Stillingsprosent",
        True,
        "Over 0 og høyst 100.",
        "100",
        ("stilling prosent", "stilling i prosent", "stillingsandel", "prosent", "fte"),
    ),
    Column(
        "start_date",
        "Startdato",
        True,
        "Første dag i stillingen (dd.mm.åååå eller åååå-mm-dd). Ikke fram i tid.",
        "01.08.2019",
        ("ansatt fra", "tiltredelse"),
    ),
    Column(
        "end_date",
        "Sluttdato",
        False,
        "Siste dag, for dem som har sluttet eller har sagt opp.",
        "",
        ("ansatt til", "fratredelse"),
    ),
    Column("end_reason", "Sluttårsak", False, "Bare sammen med sluttdato.", "", ("årsak",)),
    Column(
        "education_level",
        "Høyeste utdanning",
        False,
        "ingen, videregående, fagskole, bachelor, master eller doktorgrad.",
        "bachelor",
        ("utdanning", "utdanningsnivå"),
    ),
    Column("education_field", "Fagfelt", False, "", "Barnevern", ("fag", "utdanningsfelt")),
    Column(
        "education_relevant",
        "Relevant utdanning",
        False,
        "ja eller nei: relevant for barnevern. Står fagfeltet på Lagets liste over relevant "
        "utdanning (for eksempel barnevern eller sosialt arbeid), avgjør listen. Tomt og ikke på "
        "listen: ikke vurdert; lederen avgjør det på personens side.",
        "ja",
        ("relevant",),
    ),
    Column("education_institution", "Lærested", False, "", "NTNU", ("studiested",)),
    Column(
        "education_completed",
        "Utdanning fullført",
        False,
        "Dato utdanningen ble fullført. Ikke fram i tid.",
        "15.06.2012",
        ("fullført",),
    ),
    Column(
        "further_completed_credits",
        "Relevant videreutdanning fullført (studiepoeng)",
        False,
        "Sum fullførte studiepoeng relevant videreutdanning, medregnet emnene i kolonnene "
        "«Videreutdanning 1–5». Oppgi emnene der om du kan: det summen har utover dem, lagres "
        "som en sum, og en sum kan ikke regnes som én videreutdanning på minst 30 studiepoeng "
        "(status «må sjekkes» til emnene er registrert).",
        "",
        ("videreutdanning fullført", "studiepoeng fullført"),
    ),
    Column(
        "further_in_progress_credits",
        "Relevant videreutdanning pågår (studiepoeng)",
        False,
        "Studiepoeng i videreutdanning som pågår.",
        "15",
        ("videreutdanning pågår", "studiepoeng pågår"),
    ),
    Column(
        "further_expected_end",
        "Videreutdanning forventet fullført",
        False,
        "Påkrevd når videreutdanning pågår.",
        "30.06.2027",
        ("forventet fullført",),
    ),
    Column(
        "prior_experience_months",
        "Tidligere barnevernserfaring (måneder)",
        False,
        "Før ansettelsen i tjenesten, omregnet til heltid.",
        "12",
        ("tidligere erfaring", "erfaring måneder"),
    ),
    Column(
        "prior_experience_from", "Tidligere erfaring fra", False, "", "Bufetat", ("erfaring fra",)
    ),
)
#: Laget's choice: up to five completed courses of further education per employee, each in
#: four columns (name, credits, date, relevant); more can be registered in Laget by hand.
COURSES = 5
COURSE_FIELDS = ("name", "credits", "completed", "relevant")


def course_key(n: int, part: str) -> str:
    return f"course_{n}_{part}"


def _course_columns(n: int) -> tuple[Column, ...]:
    first = n == 1
    return (
        Column(
            course_key(n, "name"),
            f"Videreutdanning {n} – navn",
            False,
            "Navnet på ett fullført emne eller studium (for eksempel «Vurdering av barnets "
            "beste»). Står det på Lagets liste over relevant utdanning, teller det som relevant."
            if first
            else "",
            "Vurdering av barnets beste" if first else "",
            (f"emne {n}", f"videreutdanning {n}", f"emne {n} navn"),
        ),
        Column(
            course_key(n, "credits"),
            f"Videreutdanning {n} – studiepoeng",
            False,
            "Emnets studiepoeng: over 0 og høyst 300." if first else "",
            "30" if first else "",
            (f"emne {n} studiepoeng", f"studiepoeng {n}"),
        ),
        Column(
            course_key(n, "completed"),
            f"Videreutdanning {n} – fullført",
            False,
            "Datoen emnet ble fullført (dd.mm.åååå). Ikke fram i tid: videreutdanning som pågår, "
            "oppgis i kolonnene for videreutdanning som pågår. Tomt: datoen er ukjent."
            if first
            else "",
            "15.06.2024" if first else "",
            (f"emne {n} fullført", f"videreutdanning {n} fullført dato"),
        ),
        Column(
            course_key(n, "relevant"),
            f"Videreutdanning {n} – relevant",
            False,
            "ja eller nei, for et emne som ikke står på listen over relevant utdanning. Tomt: "
            "ikke vurdert; lederen avgjør det på personens side."
            if first
            else "",
            "",
            (f"emne {n} relevant",),
        ),
    )


COLUMNS = COLUMNS + tuple(c for n in range(1, COURSES + 1) for c in _course_columns(n))
BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED = tuple(c.key for c in COLUMNS if c.required)


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, no accents except æøå, single spaces, no punctuation: for matching headers."""
    text = unicodedata.normalize("NFC", str(text)).strip().lower()
    text = re.sub(r"[^\wæøå]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
