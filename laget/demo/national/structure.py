"""The nation's services, municipalities and sizes: the structure the generator fills."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from django.utils.text import slugify

from laget.demo.services import (
    SERVICE_SIZES,
    DemoLogin,
)
from laget.organisations.models import Municipality
from laget.organisations.services import DATA_DIR

#: Current staff in the nation at scale 1 (Trøndelag's regional demo included).
NATIONAL_STAFF = 7_200


MAX_SCALE = 20


MIN_SERVICE_STAFF = 3


MAX_SERVICE_STAFF = 5_000


HISTORY_YEARS = 10


ANNUAL_TURNOVER = 0.2  # about two leavers per post in ten years: three periods per post


BATCH_SIZE = 2_000


#: Rows are written when the services generated so far hold this many persons.
FLUSH_PERSONS = 10_000


STRUCTURE_SEED = "laget-national-structure"


#: The chance that a municipality (not one of the larger towns) runs a service of its own.
ALONE_SHARE = 0.6


#: (members, weight): the sizes of the inter-municipal services.
GROUP_SIZES = ((2, 70), (3, 18), (4, 7), (5, 3), (6, 2))


#: Municipalities that run a service alone and get the largest staff, largest first (a
#: rough order, not population figures). Names as in kommuner.csv before any " - ".
LARGE_TOWNS = (
    "Oslo",
    "Bergen",
    "Stavanger",
    "Bærum",
    "Kristiansand",
    "Drammen",
    "Asker",
    "Lillestrøm",
    "Fredrikstad",
    "Sandnes",
    "Tromsø",
    "Sarpsborg",
    "Skien",
    "Ålesund",
    "Bodø",
    "Larvik",
    "Tønsberg",
    "Sandefjord",
    "Nordre Follo",
    "Arendal",
    "Karmøy",
    "Ullensaker",
    "Indre Østfold",
    "Haugesund",
    "Porsgrunn",
    "Lørenskog",
    "Moss",
    "Ringsaker",
    "Øygarden",
    "Askøy",
    "Hamar",
    "Halden",
    "Lillehammer",
    "Molde",
    "Gjøvik",
    "Kongsberg",
    "Ringerike",
    "Kristiansund",
    "Sola",
    "Lier",
    "Horten",
    "Harstad",
    "Rana",
    "Alta",
    "Elverum",
)


OSLO = "0301"


OSLO_DISTRICTS = (
    "Bydel Alna",
    "Bydel Bjerke",
    "Bydel Frogner",
    "Bydel Gamle Oslo",
    "Bydel Grorud",
    "Bydel Grünerløkka",
    "Bydel Nordre Aker",
    "Bydel Nordstrand",
    "Bydel Sagene",
    "Bydel St. Hanshaugen",
    "Bydel Stovner",
    "Bydel Søndre Nordstrand",
    "Bydel Ullern",
    "Bydel Vestre Aker",
    "Bydel Østensjø",
)


#: Units of the services with at least this many staff at scale 1.
SECTION_UNITS = ("Mottak og undersøkelse", "Omsorg", "Tiltak")


SECTION_UNITS_FROM = 40


#: The regional resource centre (RVTS) that supervises process groups, by county number.
RVTS = {
    **dict.fromkeys(("03", "31", "32", "33", "34"), "RVTS Øst"),
    **dict.fromkeys(("39", "40", "42"), "RVTS Sør"),
    **dict.fromkeys(("11", "46"), "RVTS Vest"),
    **dict.fromkeys(("15", "50"), "RVTS Midt"),
    **dict.fromkeys(("18", "55", "56"), "RVTS Nord"),
}


#: Share of planned supervision held, drawn per service: some keep it, some do not.
KEEPING = (0.3, 0.35, 0.4, 0.6, 0.6, 0.6, 0.8, 0.85, 0.9)


#: Services with a leader login besides Trøndelag's.
LEADER_LOGINS = {"oslo": "leder.oslo", "bergen": "leder.bergen"}


NAME_POOL = 3_000


@dataclass(frozen=True)
class ServiceSpec:
    slug: str
    name: str
    county: str
    host: str
    members: tuple[str, ...]
    weight: float
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class NationalSummary:
    services: int
    municipalities: int
    current_staff: int
    employment_periods: int
    seconds: float
    logins: list[DemoLogin]

    def line(self, scale: int) -> str:
        def n(value: int) -> str:
            return f"{value:,}".replace(",", " ")

        return (
            f"Nasjonal demo, skala {scale}: {n(self.services)} tjenester, "
            f"{n(self.municipalities)} kommuner, {n(self.current_staff)} nåværende ansatte, "
            f"{n(self.employment_periods)} ansettelsesforhold, {self.seconds:.0f} s"
        )


def slug_of(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
    return slugify(text.translate(table))


def _short(name: str) -> str:
    """«Rana - Raane» → «Rana»: the first of a municipality's official names."""
    return name.split(" - ")[0]


def _trondelag_numbers() -> set[str]:
    spec = json.loads((DATA_DIR / "trondelag.json").read_text(encoding="utf-8"))
    return {number for item in spec["services"] for number in item["members"]}


def national_structure() -> list[ServiceSpec]:
    """Every municipality outside the regional demo, grouped into services (the same for
    every seed): the larger towns alone, the rest alone or with neighbours in their county."""
    rng = random.Random(STRUCTURE_SEED)  # noqa: S311 - synthetic demo data, not security
    regional = _trondelag_numbers()
    rows = [
        (number, _short(name), county)
        for number, name, county in Municipality.objects.order_by("number").values_list(
            "number", "name", "county__number"
        )
    ]
    # heavy-tailed, but no village outgrows the towns
    weights = {number: min(5.0, rng.lognormvariate(0, 0.9)) for number, _name, _county in rows}
    names = {number: name for number, name, _county in rows}
    rank = {name: i for i, name in enumerate(LARGE_TOWNS)}
    specs: list[ServiceSpec] = []
    others: dict[str, list[str]] = {}
    for number, name, county in rows:
        if number in regional:
            continue
        if name in rank:
            i = rank[name]
            specs.append(
                ServiceSpec(
                    slug=slug_of(name),
                    name=f"{name} barneverntjeneste",
                    county=county,
                    host=number,
                    members=(number,),
                    weight=(2 + 60 / (i + 1) ** 1.1) * weights[number] ** 0.25,
                    units=OSLO_DISTRICTS if number == OSLO else (),
                )
            )
        else:
            others.setdefault(county, []).append(number)
    missing = set(LARGE_TOWNS) - {names[s.host] for s in specs}
    assert not missing, f"not in kommuner.csv: {missing}"
    sizes, size_weights = zip(*GROUP_SIZES, strict=True)
    for county, numbers in others.items():
        i = 0
        while i < len(numbers):
            left = len(numbers) - i
            count = (
                1
                if left == 1 or rng.random() < ALONE_SHARE
                else rng.choices(sizes, size_weights)[0]
            )
            members = numbers[i : i + min(count, left)]
            i += len(members)
            host = max(members, key=lambda number: weights[number])
            ordered = [host, *(number for number in members if number != host)]
            labels = [names[number] for number in ordered]
            if len(ordered) == 1:
                slug, name = slug_of(labels[0]), f"{labels[0]} barneverntjeneste"
            elif len(ordered) <= 3:
                slug = "-".join(slug_of(label) for label in labels)
                name = f"{', '.join(labels[:-1])} og {labels[-1]} barneverntjeneste"
            else:
                slug = f"{slug_of(labels[0])}-og-omegn"
                name = f"{labels[0]} og omegn barneverntjeneste"
            specs.append(
                ServiceSpec(
                    slug=slug[:80],
                    name=name,
                    county=county,
                    host=host,
                    members=tuple(ordered),
                    weight=sum(weights[number] for number in members),
                )
            )
    slugs = [spec.slug for spec in specs] + list(SERVICE_SIZES)
    assert len(set(slugs)) == len(slugs), "national service slugs must be unique"
    return specs


def base_sizes(structure: list[ServiceSpec]) -> dict[str, int]:
    """Staff at scale 1: weights × one factor, at least three, the factor found so that the
    nation (with Trøndelag's regional demo) has about NATIONAL_STAFF."""
    target = NATIONAL_STAFF - sum(SERVICE_SIZES.values())

    def sizes(k: float) -> dict[str, int]:
        return {s.slug: max(MIN_SERVICE_STAFF, round(k * s.weight)) for s in structure}

    low, high = 0.0, float(target)
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if sum(sizes(middle).values()) < target else (low, middle)
    return sizes(high)


def national_sizes(
    structure: list[ServiceSpec], *, scale: int = 1, fraction: float = 1.0
) -> dict[str, int]:
    """Staff per synthetic service at `scale` (`fraction` < 1 shrinks them, for tests)."""
    return {
        slug: min(MAX_SERVICE_STAFF, max(MIN_SERVICE_STAFF, round(size * scale * fraction)))
        for slug, size in base_sizes(structure).items()
    }
