"""Creating and clearing the national demo: services, staff, logins, in one transaction."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from typing import cast

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.signals import m2m_changed, post_delete, post_save

from laget.accounts.models import Role, RoleAssignment, User
from laget.core.models import RegisterRevision
from laget.demo.history import (
    references_create,
)
from laget.demo.national.rows import Context, Rows, Writer, name_pool, service_generate
from laget.demo.national.structure import (
    FLUSH_PERSONS,
    HISTORY_YEARS,
    LEADER_LOGINS,
    MAX_SCALE,
    SECTION_UNITS,
    SECTION_UNITS_FROM,
    NationalSummary,
    ServiceSpec,
    base_sizes,
    national_sizes,
    national_structure,
    slug_of,
)
from laget.demo.services import (
    SEED,
    DemoLogin,
    demo_create,
    demo_password_hash,
)
from laget.demo.supervision import (
    RESPONDENT_PREFIX,
)
from laget.organisations.models import GovernorOffice, Municipality, Service, ServiceUnit
from laget.people.models import (
    Employment,
    Person,
)
from laget.publication.models import StoredPublication
from laget.reports.models import StatusReport
from laget.supervision.selectors import quarter


def _services_create(
    writer: Writer, structure: list[ServiceSpec], base: dict[str, int]
) -> tuple[dict[str, Service], dict[str, list[ServiceUnit]]]:
    municipalities = {m.number: m for m in Municipality.objects.all()}
    services = {
        s.slug: Service(slug=s.slug, name=s.name, host_municipality=municipalities[s.host])
        for s in structure
    }
    writer.insert(list(services.values()))
    through = Service.municipalities.through
    writer.insert(
        [
            through(service=services[s.slug], municipality=municipalities[number])
            for s in structure
            for number in s.members
        ]
    )
    units: dict[str, list[ServiceUnit]] = {
        s.slug: [
            ServiceUnit(service=services[s.slug], name=name)
            for name in sorted(
                s.units or (SECTION_UNITS if base[s.slug] >= SECTION_UNITS_FROM else ())
            )
        ]
        for s in structure
    }
    writer.insert([unit for service_units in units.values() for unit in service_units])
    return services, units


def _office_slug(office: GovernorOffice) -> str:
    return slug_of(office.name.removeprefix("Statsforvalteren i "))


def _national_usernames() -> list[str]:
    offices = [
        f"statsforvalter.{_office_slug(office)}"
        for office in GovernorOffice.objects.exclude(counties__number="50")
    ]
    return [*offices, *LEADER_LOGINS.values()]


def _user(username: str, first: str, last: str) -> User:
    return User.objects.create(
        username=username, password=demo_password_hash(), first_name=first, last_name=last
    )


def _logins_create(services: dict[str, Service], leaders: dict[str, Person]) -> list[DemoLogin]:
    logins = []
    for office in GovernorOffice.objects.exclude(counties__number="50").order_by("name"):
        username = f"statsforvalter.{_office_slug(office)}"
        user = _user(username, "Statsforvalteren", office.name.removeprefix("Statsforvalteren "))
        RoleAssignment.objects.create(user=user, role=Role.COUNTY, governor_office=office)
        logins.append(DemoLogin(username, office.name))
    for slug, username in LEADER_LOGINS.items():
        person = leaders[slug]
        user = _user(username, person.given_name, person.family_name)
        RoleAssignment.objects.create(user=user, role=Role.LEADER, service=services[slug])
        Person.objects.filter(pk=person.pk).update(user=user)
        logins.append(DemoLogin(username, f"Leder, {services[slug].name}"))
    return logins


@contextmanager
def _revision_signals_off() -> Iterator[None]:
    """Without the register-revision receivers (laget/people/revision.py, by their
    dispatch_uid): the regional demo saves row by row, and a revision per row is slow."""
    from laget.people import revision

    for model in apps.get_models(include_auto_created=True):
        post_save.disconnect(sender=model, dispatch_uid=f"revision-save-{model.__name__}")
        post_delete.disconnect(sender=model, dispatch_uid=f"revision-delete-{model.__name__}")
        m2m_changed.disconnect(sender=model, dispatch_uid=f"revision-m2m-{model}")
    try:
        yield
    finally:
        revision.connect()


def _delete(rows: models.QuerySet, depth: int = 0) -> None:
    """`rows.delete()` without reading them or sending signals: what refers to them is
    deleted first (CASCADE, by subquery), set to null (SET_NULL) or stops it (anything
    else that finds rows), as `on_delete` says. Django's delete reads every row of a model
    that has relations of its own, which for the nation takes minutes."""
    assert depth < 10, "a cycle of CASCADE relations"
    for relation in get_candidate_relations_to_delete(rows.model._meta):
        field = cast(models.ForeignObjectRel, relation).field
        model = field.model
        referring = model._base_manager.filter(**{f"{field.name}__in": rows})
        on_delete = field.remote_field.on_delete
        if on_delete is models.CASCADE:
            if model is rows.model:
                # a relation of a model to itself (an answer to a comment): the rows not
                # being deleted already, until none are left
                referring = referring.exclude(pk__in=rows.values("pk"))
                if not referring.exists():
                    continue
            _delete(referring, depth + 1)
        elif on_delete is models.SET_NULL:
            referring.update(**{field.name: None})
        elif on_delete is not models.DO_NOTHING and referring.exists():
            raise models.ProtectedError(f"{model.__name__} refers to {rows.model.__name__}", set())
    rows._raw_delete(rows.db)


def national_exists() -> bool:
    return Service.objects.filter(slug__in=[s.slug for s in national_structure()]).exists()


@transaction.atomic
def national_clear() -> None:
    """Every synthetic person, the national services and their data, the national logins
    and the check-in respondents (Trøndelag's services stay for `demo_create` to replace).
    Also the stored publications: built from the register being replaced, they would be
    shown (and the regional demo's status report written from them) for minutes after."""
    slugs = [s.slug for s in national_structure()]
    StoredPublication.objects.all().delete()
    _delete(Person.objects.filter(is_synthetic=True))
    _delete(StatusReport.objects.filter(service__slug__in=slugs))
    _delete(Service.objects.filter(slug__in=slugs))
    _delete(
        User.objects.filter(
            models.Q(username__in=_national_usernames())
            | models.Q(username__startswith=RESPONDENT_PREFIX)
        )
    )
    RegisterRevision.bump()


def national_create(
    *, today: date, seed: int = SEED, scale: int = 1, fraction: float = 1.0
) -> NationalSummary:
    """Replace any earlier demo data with the nation at `scale` (same seed, same result), in
    one transaction. `fraction` < 1 shrinks the synthetic services, for tests."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be from 1 to {MAX_SCALE}")
    started = time.perf_counter()
    with transaction.atomic():
        logins = _national_write(today=today, seed=seed, scale=scale, fraction=fraction)
        current = Employment.objects.active_on(today)
        summary = NationalSummary(
            services=Service.objects.count(),
            municipalities=Municipality.objects.filter(services__isnull=False).distinct().count(),
            current_staff=current.count(),
            employment_periods=Employment.objects.count(),
            seconds=0,
            logins=logins,
        )
    return replace(summary, seconds=time.perf_counter() - started)  # the commit included


def _national_write(*, today: date, seed: int, scale: int, fraction: float) -> list[DemoLogin]:
    national_clear()  # a new register revision: nothing cached from before is read
    with _revision_signals_off():  # the regional demo saves row by row: one revision each
        logins = list(demo_create(today=today, seed=seed))
    structure = national_structure()
    base = base_sizes(structure)
    sizes = national_sizes(structure, scale=scale, fraction=fraction)
    writer = Writer()
    services, units = _services_create(writer, structure, base)
    ctx = Context(
        today=today,
        seed=seed,
        names=name_pool(seed),
        unusable_password=make_password(None),
        period=quarter(today.replace(day=1) - timedelta(days=80)),  # the last closed quarter
    )
    pending = Rows()
    leaders: dict[str, Person] = {}
    for spec in structure:
        rows, staff = service_generate(
            spec, services[spec.slug], units[spec.slug], sizes[spec.slug], ctx
        )
        if spec.slug in LEADER_LOGINS:
            leaders[spec.slug] = staff[0].person
        for name in rows.__dataclass_fields__:
            getattr(pending, name).extend(getattr(rows, name))
        if len(pending.persons) >= FLUSH_PERSONS:
            pending.write(writer)
    pending.write(writer)
    writer.finish()
    references_create(today, years=HISTORY_YEARS)
    logins += _logins_create(services, leaders)
    RegisterRevision.bump()
    return logins
