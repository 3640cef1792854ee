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
        "ja eller nei: relevant for barnevern.",
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
        "Sum fullførte studiepoeng relevant videreutdanning.",
        "15",
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
BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED = tuple(c.key for c in COLUMNS if c.required)


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, no accents except æøå, single spaces, no punctuation: for matching headers."""
    text = unicodedata.normalize("NFC", str(text)).strip().lower()
    text = re.sub(r"[^\wæøå]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
