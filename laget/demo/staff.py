"""The demo's synthetic staff: who works in a service (role categories, a leader and a
deputy), their education and further education by archetype, built as unsaved rows; the
Trøndelag demo (`laget.demo.services`) and the national one (`laget.demo.national`) save them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from laget.organisations.models import Service, ServiceUnit
from laget.people.models import (
    Education,
    EducationLevel,
    Employment,
    FurtherEducation,
    FurtherEducationStatus,
    Person,
    PriorExperience,
    RoleCategory,
)

TITLES: dict[str, str] = {
    RoleCategory.LEADER: "Barnevernleder",
    RoleCategory.DEPUTY_LEADER: "Fagleder",
    RoleCategory.CORE: "Barnevernskonsulent",
    RoleCategory.MEASURES: "Miljøterapeut",
    RoleCategory.ADMINISTRATIVE: "Konsulent, merkantil",
    RoleCategory.OTHER: "Familieterapeut",
}


RELEVANT_FIELDS = [
    ("Barnevern", "Nord universitet"),
    ("Barnevern", "NTNU"),
    ("Sosialt arbeid", "OsloMet"),
    ("Barnevernspedagogikk", "Høgskulen på Vestlandet"),
    ("Vernepleie", "Dronning Mauds Minne Høgskole"),
]
FURTHER_COURSES = [
    "Barnevernfaglig videreutdanning: barnevernsarbeid med minoritetsfamilier",
    "Barnevernfaglig videreutdanning: undersøkelsesarbeid",
    "Barnevernfaglig videreutdanning: arbeid med barn og unge med atferdsvansker",
    "Videreutdanning i barnevernsfaglig ledelse",
    "Kommunikasjon med barn",
]

#: (archetype, weight): the education each synthetic person gets, so every status appears.
ARCHETYPES = [
    ("master", 18),
    ("bachelor_with_further", 30),
    ("bachelor_half_done", 8),
    ("bachelor_admitted", 8),
    ("bachelor_waitlisted", 6),
    ("bachelor_only", 17),
    ("master_in_progress", 6),
    ("irrelevant_bachelor", 3),
    ("no_degree", 5),
]


def education_rows(
    person: Person, archetype: str, rng: random.Random, today: date
) -> list[Education | FurtherEducation | PriorExperience]:
    """Education, further education and prior experience for one synthetic person, unsaved
    and in the order they are to be saved."""
    rows: list[Education | FurtherEducation | PriorExperience] = []
    field, institution = rng.choice(RELEVANT_FIELDS)
    degree_year = rng.randint(max(1985, today.year - 40), today.year - 1)
    bachelor_done = date(degree_year, 6, 15)

    def education(
        level: str, relevant: bool = True, done: date | None = bachelor_done, expected=None
    ):
        rows.append(
            Education(
                person=person,
                level=level,
                relevant=relevant,
                field=field if relevant else "Økonomi og administrasjon",
                institution=institution if relevant else "BI",
                completed_on=done,
                expected_on=expected,
            )
        )

    def further(credits: int, status: str, ends_on: date) -> None:
        rows.append(
            FurtherEducation(
                person=person,
                course=rng.choice(FURTHER_COURSES),
                provider=rng.choice(RELEVANT_FIELDS)[1],
                credits=Decimal(credits),
                relevant=True,
                status=status,
                ends_on=ends_on,
                starts_on=add_days(ends_on, -365),
            )
        )

    semester_end = date(today.year + 1, 6, 30)
    if archetype == "master":
        education(EducationLevel.MASTER, done=date(min(degree_year + 2, today.year - 1), 6, 15))
    elif archetype == "no_degree":
        education(
            rng.choice([EducationLevel.UPPER_SECONDARY, EducationLevel.VOCATIONAL]),
            relevant=False,
            done=date(degree_year, 6, 20),
        )
    elif archetype == "irrelevant_bachelor":
        education(EducationLevel.BACHELOR, relevant=False)
    else:
        education(EducationLevel.BACHELOR)
        if archetype == "bachelor_with_further":
            further(
                30, FurtherEducationStatus.COMPLETED, date(rng.randint(2015, today.year - 1), 6, 30)
            )
        elif archetype == "bachelor_half_done":
            further(
                15,
                FurtherEducationStatus.COMPLETED,
                date(rng.randint(2018, today.year - 1), 12, 15),
            )
            further(15, FurtherEducationStatus.IN_PROGRESS, semester_end)
        elif archetype == "bachelor_admitted":
            further(30, FurtherEducationStatus.ADMITTED, date(today.year + 2, 6, 30))
        elif archetype == "bachelor_waitlisted":
            further(30, FurtherEducationStatus.WAITLISTED, date(today.year + 2, 6, 30))
        elif archetype == "master_in_progress":
            education(EducationLevel.MASTER, done=None, expected=date(today.year + 2, 6, 15))
    if rng.random() < 0.3:
        rows.append(
            PriorExperience(
                person=person,
                months=Decimal(rng.choice([6, 12, 18, 24, 36, 60])),
                employer=rng.choice(
                    ["Bufetat", "Barneverntjenesten i en annen kommune", "Barnevernsinstitusjon"]
                ),
            )
        )
    return rows


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def _role_categories(size: int, rng: random.Random) -> list[str]:
    """One leader, a deputy in all but the smallest, the rest mostly core child welfare work."""
    categories: list[str] = [RoleCategory.LEADER]
    if size >= 5:
        categories.append(RoleCategory.DEPUTY_LEADER)
    while len(categories) < size:
        categories.append(
            rng.choices(
                [
                    RoleCategory.CORE,
                    RoleCategory.MEASURES,
                    RoleCategory.ADMINISTRATIVE,
                    RoleCategory.OTHER,
                ],
                weights=[80, 10, 7, 3],
            )[0]
        )
    return categories


class Names(Protocol):
    """Where synthetic names come from: Faker, or lists drawn from it once (laget.demo.national)."""

    def first_name(self) -> str: ...

    def last_name(self) -> str: ...


@dataclass
class StaffMember:
    """One of today's staff, unsaved: the person, their education and their employment."""

    person: Person
    education: list[Education | FurtherEducation | PriorExperience]
    employment: Employment


def staff_build(
    service: Service,
    size: int,
    rng: random.Random,
    names: Names,
    today: date,
    units: list[ServiceUnit],
) -> list[StaffMember]:
    """A service's staff today (the leader first), unsaved and in the order they are saved."""
    members: list[StaffMember] = []
    for category in _role_categories(size, rng):
        person = Person(
            given_name=names.first_name(),
            family_name=names.last_name(),
            birth_year=rng.randint(today.year - 66, today.year - 24),
            is_synthetic=True,
        )
        start = today - timedelta(days=rng.randint(30, 365 * 18))
        education = education_rows(
            person, rng.choices(*zip(*ARCHETYPES, strict=True))[0], rng, today
        )
        employment = Employment(
            person=person,
            service=service,
            employee_number=f"{service.slug[:3].upper()}{len(members) + 1:04d}",
            unit=rng.choice(units) if units and category not in (RoleCategory.LEADER,) else None,
            position_title=TITLES[category],
            role_category=category,
            fte_percent=Decimal(rng.choices([100, 80, 60, 50], weights=[80, 10, 6, 4])[0]),
            start_date=start,
        )
        members.append(StaffMember(person, education, employment))
    return members
