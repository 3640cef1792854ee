"""Deterministic, synthetic demo data: users for every role and staff for every Trøndelag service.

Every person made here is flagged `is_synthetic`; the UI shows a banner while any exist.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker

from laget.accounts.models import Role, RoleAssignment, User
from laget.competence.services import bundled_rule_sets_load
from laget.demo import reports as demo_reports
from laget.demo.history import history_clear, history_create
from laget.demo.supervision import recent_hires_onboard, supervision_clear, supervision_create
from laget.organisations.models import GovernorOffice, Municipality, Service, ServiceUnit
from laget.organisations.services import reference_data_load, trondelag_structure_load
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
from laget.reports.models import bundled_templates_load

DEMO_PASSWORD = "laget-demo-2026"
SEED = 2031

#: Staff per service: plausible sizes, from the smallest service to Trondheim.
SERVICE_SIZES = {
    "froya": 3,
    "hitra": 6,
    "heim": 5,
    "levanger": 17,
    "verdal": 14,
    "malvik": 12,
    "midtre-gauldal": 6,
    "orkland": 16,
    "trondheim": 100,
    "oppdal-rennebu": 8,
    "roros-holtalen-os": 8,
    "vaernesregionen": 30,
    "fosen": 15,
    "melhus-skaun": 18,
    "indre-namdal": 7,
    "ytre-namdal": 9,
    "midtre-namdal": 14,
    "inn-trondelag": 26,
}

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


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str


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


def _staff_for(
    service: Service, size: int, rng: random.Random, fake: Faker, today: date
) -> list[Person]:
    units = list(service.units.order_by("name"))
    persons: list[Person] = []
    for member in staff_build(service, size, rng, fake, today, units):
        person = member.person
        person.save()
        person.email = f"demo.{person.pk}@laget.invalid"
        person.save(update_fields=["email"])
        for row in member.education:
            row.save()
        member.employment.save()
        persons.append(person)
    return persons


#: The demo password hashed once for each set of hashers: Argon2 takes most of a second, and
#: the password is no secret.
_password_hashes: dict[tuple[str, ...], str] = {}


def demo_password_hash() -> str:
    hashers = tuple(settings.PASSWORD_HASHERS)
    if hashers not in _password_hashes:
        _password_hashes[hashers] = make_password(DEMO_PASSWORD)
    return _password_hashes[hashers]


def _user(username: str, first: str, last: str, *, superuser: bool = False) -> User:
    return User.objects.create(
        username=username,
        password=demo_password_hash(),
        first_name=first,
        last_name=last,
        is_staff=superuser,
        is_superuser=superuser,
    )


def demo_users_and_staff_clear() -> None:
    Person.objects.filter(is_synthetic=True).delete()
    User.objects.filter(username__in=[login.username for login in DEMO_LOGINS]).delete()


DEMO_LOGINS = [
    DemoLogin("leder.trondheim", "Leder, Trondheim barneverntjeneste (ca. 100 ansatte)"),
    DemoLogin("hr.trondheim", "HR, Trondheim barneverntjeneste"),
    DemoLogin("avdelingsleder.midtbyen", "Avdelingsleder, Midtbyen i Trondheim: enhetens ansatte"),
    DemoLogin("leder.froya", "Leder, Frøya barneverntjeneste (3 ansatte)"),
    DemoLogin("leder.roros", "Leder, Røros, Holtålen og Os (interkommunal, to fylker)"),
    DemoLogin("ansatt.trondheim", "Ansatt i Trondheim: ser bare seg selv"),
    DemoLogin("kommune.trondheim", "Kommuneledelse, Trondheim kommune"),
    DemoLogin("kommune.os", "Kommuneledelse, Os kommune (Innlandet)"),
    DemoLogin("statsforvalter.trondelag", "Statsforvalteren i Trøndelag"),
    DemoLogin("nasjonal", "Nasjonal bruker (Bufdir/KS)"),
    DemoLogin("admin", "Administrator"),
]


@transaction.atomic
def demo_create(*, today: date, seed: int = SEED) -> list[DemoLogin]:
    """Replace any earlier demo data with a fresh, identical set (same seed, same result)."""
    demo_users_and_staff_clear()
    history_clear(list(SERVICE_SIZES))
    supervision_clear(list(SERVICE_SIZES))
    demo_reports.clear(list(SERVICE_SIZES))
    reference_data_load()  # normally done by migrations; cheap and idempotent
    bundled_rule_sets_load()
    bundled_templates_load()
    services = {service.slug: service for service in trondelag_structure_load()}
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
    fake = Faker("no_NO")
    fake.seed_instance(seed)
    staff = {
        slug: _staff_for(services[slug], size, rng, fake, today)
        for slug, size in SERVICE_SIZES.items()
    }
    history_create(services, SERVICE_SIZES, today=today, seed=seed)
    demo_reports.local_units_create(services, seed)

    def assign(user: User, role: Role, **scope) -> None:
        RoleAssignment.objects.create(user=user, role=role, **scope)

    def link(user: User, person: Person) -> None:
        person.user = user
        person.save(update_fields=["user"])

    trondheim_leader = staff["trondheim"][0]
    user = _user("leder.trondheim", trondheim_leader.given_name, trondheim_leader.family_name)
    assign(user, Role.LEADER, service=services["trondheim"])
    link(user, trondheim_leader)
    assign(_user("hr.trondheim", "Hanne", "Rådgiver"), Role.HR, service=services["trondheim"])
    for slug, username in (("froya", "leder.froya"), ("roros-holtalen-os", "leder.roros")):
        leader = staff[slug][0]
        user = _user(username, leader.given_name, leader.family_name)
        assign(user, Role.LEADER, service=services[slug])
        link(user, leader)
    employee = staff["trondheim"][5]
    link(_user("ansatt.trondheim", employee.given_name, employee.family_name), employee)
    # Midtbyen's leader (avdelingsleder): sees the unit's staff and their supervision only
    midtbyen = ServiceUnit.objects.get(service=services["trondheim"], name="Midtbyen")
    unit_leader = (
        Person.objects.filter(
            employments__unit=midtbyen, employments__end_date=None, user__isnull=True
        )
        .order_by("pk")
        .first()
    )
    if unit_leader is not None:
        user = _user("avdelingsleder.midtbyen", unit_leader.given_name, unit_leader.family_name)
        assign(user, Role.UNIT_LEADER, unit=midtbyen)
        link(user, unit_leader)
    # the demo employee is a new hire: onboarding under way, no supervision plan yet (the
    # leader makes it; see README's walk-through)
    Employment.objects.filter(person=employee).update(start_date=today - timedelta(days=20))
    supervision_create(services, today=today, seed=seed, keep_free=employee)
    recent_hires_onboard(services, today)
    assign(
        _user("kommune.trondheim", "Kommunedirektør", "Trondheim"),
        Role.MUNICIPAL,
        municipality=Municipality.objects.get(number="5001"),
    )
    assign(
        _user("kommune.os", "Kommunedirektør", "Os"),
        Role.MUNICIPAL,
        municipality=Municipality.objects.get(number="3430"),
    )
    assign(
        _user("statsforvalter.trondelag", "Statsforvalteren", "i Trøndelag"),
        Role.COUNTY,
        governor_office=GovernorOffice.objects.get(counties__number="50"),
    )
    assign(_user("nasjonal", "Nasjonal bruker", "(Bufdir/KS)"), Role.NATIONAL)
    demo_reports.last_years_report_create(
        services["trondheim"], User.objects.get(username="leder.trondheim"), today
    )
    _user("admin", "Admin", "Laget", superuser=True)
    return DEMO_LOGINS
