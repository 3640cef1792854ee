"""Deterministic, synthetic demo data: users for every role and staff for every Trøndelag service.

Every person made here is flagged `is_synthetic`; the UI shows a banner while any exist.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker

from laget.accounts.models import Role, RoleAssignment, User
from laget.competence.services import bundled_rule_sets_load
from laget.demo import reports as demo_reports
from laget.demo.history import history_clear, history_create
from laget.demo.staff import staff_build
from laget.demo.supervision import recent_hires_onboard, supervision_clear, supervision_create
from laget.organisations.models import GovernorOffice, Municipality, Service, ServiceUnit
from laget.organisations.services import reference_data_load, trondelag_structure_load
from laget.people.models import (
    Employment,
    Person,
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


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str


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
