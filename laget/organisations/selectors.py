"""Reads for services, already scoped to the user and suppressed where the rule demands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from laget.accounts import access
from laget.competence.publication import competence_publication, staff_role
from laget.competence.selectors import status_by_person
from laget.domain.competence import Status
from laget.domain.suppression import Figure, unsuppressed
from laget.organisations.models import (
    County,
    LearningNetwork,
    Municipality,
    Service,
    ServiceUnit,
)
from laget.people.models import Employment, RoleCategory


def _active(prefix: str, today: date) -> Q:
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


def filter_services(
    services: QuerySet[Service],
    *,
    county: County | None = None,
    network: LearningNetwork | None = None,
) -> QuerySet[Service]:
    """Services serving a municipality in `county` and/or in `network`. Filtered through
    subqueries: a join would multiply any sum annotated afterwards."""
    if county is not None:
        services = services.filter(
            pk__in=Service.objects.filter(municipalities__county=county).values("pk")
        )
    if network is not None:
        services = services.filter(pk__in=network.services.values("pk"))
    return services


@dataclass(frozen=True)
class ServiceRow:
    service: Service
    headcount: Figure
    fte: Figure


def services_overview(
    *,
    user,
    today: date,
    county: County | None = None,
    network: LearningNetwork | None = None,
) -> list[ServiceRow]:
    """One row per visible service with headcount and FTE, in a constant number of queries."""
    active = _active("employments__", today)
    services: QuerySet[Service] = access.services_visible(user)
    services = filter_services(services, county=county, network=network)
    services = (
        services.select_related("host_municipality")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("number")),
            "learning_networks",
        )
        .annotate(
            active_headcount=Count("employments__person", filter=active, distinct=True),
            active_fte=Sum("employments__fte_percent", filter=active),
        )
        .order_by("name")
    )
    rows = []
    published = competence_publication(today)
    person_ids = access.access_for(user).person_level_service_ids
    is_admin = access.access_for(user).is_admin
    for service in services:
        headcount = service.active_headcount
        fte = (service.active_fte or Decimal(0)) / 100
        if is_admin or service.pk in person_ids:
            rows.append(
                ServiceRow(
                    service, unsuppressed(headcount, headcount), unsuppressed(fte, headcount)
                )
            )
        else:
            staff = published.figure(published.unit_for([service.pk]), "staff")
            rows.append(
                ServiceRow(
                    service,
                    staff,
                    Figure(fte, headcount, staff.suppressed, computed=staff.computed),
                )
            )
    return rows


@dataclass(frozen=True)
class RoleCategoryRow:
    label: str
    headcount: Figure


@dataclass(frozen=True)
class ServiceSummary:
    service: Service
    headcount: Figure
    fte: Figure
    by_role_category: list[RoleCategoryRow]
    suppressed_view: bool
    person_access: bool


def service_summary(*, user, service: Service, today: date) -> ServiceSummary:
    """Headcount, FTE and role mix of one service, suppressed unless the user is its leader/HR."""
    active = Employment.objects.active_on(today).filter(service=service)
    totals = active.aggregate(headcount=Count("person", distinct=True), fte=Sum("fte_percent"))
    by_role = dict(
        active.values_list("role_category").annotate(n=Count("person", distinct=True)).order_by()
    )
    counts = {value: by_role.get(value, 0) for value in RoleCategory.values}
    headcount = totals["headcount"]
    fte = (totals["fte"] or Decimal(0)) / 100
    person_access = access.has_person_access(user, service)
    if person_access:
        total_fig, fte_fig = unsuppressed(headcount, headcount), unsuppressed(fte, headcount)
        cells = {key: unsuppressed(count, count) for key, count in counts.items()}
    else:
        # as every page outside the service has them: the published staff figure, and the
        # roles protected around it
        published = competence_publication(today)
        total_fig = published.figure(published.unit_for([service.pk]), "staff")
        fte_fig = Figure(fte, headcount, total_fig.suppressed, computed=total_fig.computed)
        tables = published.staff_tables([service.pk])
        unit = published.unit_for([service.pk])
        cells = {key: tables.figure(unit, staff_role(key)) for key in counts}
    labels = dict(RoleCategory.choices)
    return ServiceSummary(
        service=service,
        headcount=total_fig,
        fte=fte_fig,
        by_role_category=[RoleCategoryRow(str(labels[key]), cells[key]) for key in counts],
        suppressed_view=not person_access,
        person_access=person_access,
    )


#: The staff list's orders by their key in the address; ties go by name, then id.
STAFF_ORDERS = {
    "navn": ("person__family_name", "person__given_name"),
    "enhet": ("unit__name",),
    "startdato": ("start_date",),
}


def has_words(text: str, words: str) -> bool:
    """Every word of `words` is in `text`, in any case («øyvind kri» is in «Øyvind
    Kristoffersen»). Compared in Python: SQLite's LIKE folds the case of ASCII letters only."""
    folded = text.casefold()
    return all(word in folded for word in words.casefold().split())


@dataclass(frozen=True)
class StaffList:
    employments: QuerySet[Employment]  # narrowed and ordered, not yet read
    total: int  # current employments before narrowing
    status_of: dict[int, Status]  # person id -> status against the competence requirement


def staff_list(
    *,
    user,
    service: Service,
    today: date,
    name: str = "",
    unit: ServiceUnit | None = None,
    role: str = "",
    status: Status | None = None,
    order: str = "navn",
) -> StaffList:
    """The service's current employments with their persons, narrowed to a name, a unit, a
    role category and a competence status when given, ordered by name, unit or start date
    («-» first: descending): leaders, HR and admins only. A constant number of queries."""
    if not access.has_person_access(user, service):
        return StaffList(Employment.objects.none(), 0, {})
    current = Employment.objects.active_on(today).filter(service=service)
    status_of = status_by_person(service=service, today=today)
    rows = current
    if name.strip():
        names = current.values_list("pk", "person__given_name", "person__family_name")
        rows = rows.filter(pk__in=[pk for pk, *n in names if has_words(" ".join(n), name)])
    if unit is not None:
        rows = rows.filter(unit=unit)
    if role:
        rows = rows.filter(role_category=role)
    if status is not None:
        rows = rows.filter(person_id__in=[pk for pk, s in status_of.items() if s is status])
    descending = order.startswith("-")
    primary = STAFF_ORDERS.get(order.removeprefix("-"), STAFF_ORDERS["navn"])
    ordering: list = [
        F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True) for f in primary
    ]
    ordering += [f for f in (*STAFF_ORDERS["navn"], "pk") if f not in primary]
    return StaffList(
        rows.select_related("person", "unit").order_by(*ordering), current.count(), status_of
    )


def unit_of_staff(*, service: Service, today: date) -> dict[int, str]:
    """Person id → the name of the unit each of the service's current staff works in (those
    without a unit left out): to group persons by unit in forms."""
    return dict(
        Employment.objects.active_on(today)
        .filter(service=service, unit__isnull=False)
        .order_by("unit__name")
        .values_list("person_id", "unit__name")
    )


def outside_sets() -> list[list[Service]]:
    """The sets of services users outside them open, each ordered by name as the pages list
    them: the nation's, each county governor's office's, each county's, each learning
    network's, and each municipality's (the services serving it, as its management sees
    them). What is built for these is stored in advance (`laget.publication.refresh`), so a
    release holds them as it went out; a set first asked for after that is rare."""
    from laget.organisations.models import GovernorOffice

    everyone = Service.objects.select_related("host_municipality").order_by("name", "pk")
    sets = [list(everyone)]
    for office in GovernorOffice.objects.prefetch_related("counties"):
        counties = [c.number for c in office.counties.all()]
        sets.append(list(everyone.filter(municipalities__county__number__in=counties).distinct()))
    for number in (
        Service.objects.values_list("municipalities__county__number", flat=True)
        .distinct()
        .order_by()
    ):
        if number is not None:
            sets.append(list(everyone.filter(municipalities__county__number=number).distinct()))
    for network in LearningNetwork.objects.order_by("pk"):
        sets.append(list(everyone.filter(pk__in=network.services.values("pk"))))
    by_id = {s.pk: s for s in sets[0]}
    serving: dict[int, list[int]] = {}
    for municipality_id, service_id in Service.municipalities.through.objects.values_list(
        "municipality_id", "service_id"
    ):
        serving.setdefault(municipality_id, []).append(service_id)
    for ids in serving.values():
        sets.append(sorted((by_id[pk] for pk in ids), key=lambda s: (s.name, s.pk)))
    unique = {tuple(s.pk for s in services): services for services in sets if services}
    return list(unique.values())


def set_name(prefix: str, services: list[Service]) -> str:
    """A short, stable name for what is stored about a set of services (in any order)."""
    import hashlib

    ids = ",".join(str(pk) for pk in sorted(s.pk for s in services))
    return f"{prefix}:{hashlib.sha256(ids.encode()).hexdigest()[:16]}"


def services_by_ids(ids: list[int]) -> list[Service] | None:
    """The services of a stored set, ordered by name as pages list them; None when one of
    them is gone since the set was stored."""
    services = list(
        Service.objects.filter(pk__in=ids)
        .select_related("host_municipality")
        .order_by("name", "pk")
    )
    if not services or len(services) != len(set(ids)):
        return None
    return services
