"""The one place that decides what a user may see and do.

Every list and detail view starts from a queryset returned here, so an object outside the
user's scope is a 404 (its existence is not revealed), never a 403.

- Person-level data (the person's page, details, education records, career plans, proposals)
  is decided per employment, for the person themself, admins, and the leaders and HR of:
  - a service the person works in now or will start in (an employment with no end date or one
    today or later): read and write;
  - a service the person has left, read only, for `LAGET_FORMER_SERVICE_READ_DAYS` days (60)
    after the end date, and only while the person works in no service at all (left child
    welfare, or between two jobs): the former leader holds the exit interview and closes the
    paperwork. The window closes the day the person starts in another service: from then on
    the new service keeps the person's record, and the former service sees none of it.
  After a move, a former service keeps its own rows, which are service data, not the person's:
  the employment (statistics, turnover), the exit interview, the onboarding and supervision
  plans it made, the measures in its competence plan. It corrects its own employment rows
  through its roster import, which then updates that row only (see `persons_editable`).
  The same holds the other way: a colleague appointed supervisor or mentor in a service keeps
  that role only while working there (`works_in`).
- Aggregates: the above, plus municipal management for services serving their municipality
  (inter-municipal included), county governors for services serving a municipality in one of
  their counties, and national users for all. Outside a user's own service, aggregates pass
  through small-number suppression (see `aggregate_suppression_applies`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import Role, RoleAssignment
from laget.organisations.models import Service, ServiceUnit
from laget.people.models import Employment, Person

_CACHE_ATTRIBUTE = "_laget_access"


@dataclass(frozen=True)
class Access:
    """What one user's roles add up to, computed once per request."""

    authenticated: bool
    is_admin: bool
    is_national: bool
    own_person_id: int | None
    person_level_service_ids: frozenset[int]
    aggregate_service_ids: frozenset[int]
    roles: frozenset[str]
    #: the units the user leads (avdelingsleder): their staff's pages and supervision only
    unit_ids: frozenset[int] = frozenset()

    @property
    def sees_all_services(self) -> bool:
        return self.is_admin or self.is_national

    @property
    def home_service_id(self) -> int | None:
        """The service a leader or HR user lands on (the lowest id when they have several)."""
        return min(self.person_level_service_ids, default=None)

    @property
    def is_aggregate_user(self) -> bool:
        """Municipal, county or national: sees aggregates beyond any own service."""
        return bool(self.roles & {Role.MUNICIPAL, Role.COUNTY, Role.NATIONAL})


_ANONYMOUS = Access(False, False, False, None, frozenset(), frozenset(), frozenset())


def access_for(user) -> Access:
    """The user's access, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached

    assignments = list(RoleAssignment.objects.filter(user=user))
    roles = frozenset(a.role for a in assignments)
    person_level = frozenset(
        a.service_id for a in assignments if a.role in (Role.LEADER, Role.HR) and a.service_id
    )
    municipality_ids = [a.municipality_id for a in assignments if a.role == Role.MUNICIPAL]
    office_ids = [a.governor_office_id for a in assignments if a.role == Role.COUNTY]
    aggregate = set(person_level)
    if municipality_ids or office_ids:
        aggregate.update(
            Service.objects.filter(
                Q(municipalities__in=municipality_ids)
                | Q(municipalities__county__governor_office__in=office_ids)
            ).values_list("pk", flat=True)
        )
    own_person_id = Person.objects.filter(user=user).values_list("pk", flat=True).first()
    units = frozenset(a.unit_id for a in assignments if a.role == Role.UNIT_LEADER and a.unit_id)
    access = Access(
        authenticated=True,
        is_admin=user.is_superuser,
        is_national=Role.NATIONAL in roles,
        own_person_id=own_person_id,
        person_level_service_ids=person_level,
        aggregate_service_ids=frozenset(aggregate),
        roles=roles,
        unit_ids=units,
    )
    setattr(user, _CACHE_ATTRIBUTE, access)
    return access


# Services -------------------------------------------------------------------------------


def services_visible(user) -> QuerySet[Service]:
    """Services whose overview (aggregates) the user may see."""
    access = access_for(user)
    if access.sees_all_services:
        return Service.objects.all()
    return Service.objects.filter(pk__in=access.aggregate_service_ids)


def services_with_person_access(user) -> QuerySet[Service]:
    """Services whose person-level data the user may see (leaders, HR, admin)."""
    access = access_for(user)
    if access.is_admin:
        return Service.objects.all()
    return Service.objects.filter(pk__in=access.person_level_service_ids)


def has_person_access(user, service: Service) -> bool:
    access = access_for(user)
    return access.is_admin or service.pk in access.person_level_service_ids


def aggregate_suppression_applies(user, service: Service | None = None) -> bool:
    """Whether figures shown to this user must hide small numbers.

    Only a service's own leaders/HR (and admins) see its figures unsuppressed: they may see
    the persons behind them anyway. Figures across several services are always suppressed
    for users who lack person access to every one of them (pass service=None).
    """
    if service is None:
        return not access_for(user).is_admin
    return not has_person_access(user, service)


def get_service_or_404(user, pk: int) -> Service:
    try:
        return services_visible(user).get(pk=pk)
    except Service.DoesNotExist:
        raise Http404 from None


def get_service_with_person_access_or_404(user, pk: int) -> Service:
    try:
        return services_with_person_access(user).get(pk=pk)
    except Service.DoesNotExist:
        raise Http404 from None


# Persons --------------------------------------------------------------------------------
#
# Decided per employment (see the module docstring): write for a service the person works in
# now or will start in; read only, for a short while, for a service they have left when they
# work nowhere now.


def _current(today: date, prefix: str = "") -> Q:
    """An employment not ended by `today` (a future start counts: the hiring service prepares)."""
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})


def former_service_read_days() -> int:
    return int(settings.LAGET_FORMER_SERVICE_READ_DAYS)


def _employed_ids(service_ids, today: date) -> QuerySet[Employment, Any]:
    """Ids of persons with a current or future employment in `service_ids` (a subquery)."""
    return Employment.objects.filter(_current(today), service__in=service_ids).values("person_id")


def _unit_staff_ids(unit_ids, today: date) -> QuerySet[Employment, Any]:
    """Ids of persons working in one of `unit_ids` now or starting there (a subquery)."""
    return Employment.objects.filter(_current(today), unit__in=unit_ids).values("person_id")


def _recently_left_ids(service_ids, today: date) -> QuerySet[Employment, Any]:
    """Ids of persons who left one of `service_ids` within the read window and work nowhere
    today (a subquery)."""
    working_today = Employment.objects.filter(_current(today), start_date__lte=today)
    return (
        Employment.objects.filter(
            service__in=service_ids,
            end_date__lt=today,
            end_date__gte=today - timedelta(days=former_service_read_days()),
        )
        .exclude(person_id__in=working_today.values("person_id"))
        .values("person_id")
    )


def persons_editable(user) -> QuerySet[Person]:
    """Persons whose record the user may change: staff of the user's services now (or soon),
    or all (admin). Not the user's own record: an employee proposes changes instead."""
    access = access_for(user)
    if access.is_admin:
        return Person.objects.all()
    if not access.person_level_service_ids:
        return Person.objects.none()
    today = timezone.localdate()
    return Person.objects.filter(pk__in=_employed_ids(access.person_level_service_ids, today))


def persons_visible(user, *, units: bool = False) -> QuerySet[Person]:
    """Persons whose record the user may open: self, the editable ones, those who left one of
    the user's services within the read window and work nowhere now, or all (admin). With
    `units`, also the staff of the units the user leads (avdelingsleder): their person page
    only, read only; no other person page opens to a unit's leader."""
    access = access_for(user)
    if access.is_admin:
        return Person.objects.all()
    unit_ids = access.unit_ids if units else frozenset()
    if not access.person_level_service_ids and access.own_person_id is None and not unit_ids:
        return Person.objects.none()
    condition = Q(pk=access.own_person_id) if access.own_person_id is not None else Q(pk__in=[])
    if unit_ids:
        condition |= Q(pk__in=_unit_staff_ids(unit_ids, timezone.localdate()))
    if access.person_level_service_ids:
        today = timezone.localdate()
        services = access.person_level_service_ids
        condition |= Q(pk__in=_employed_ids(services, today))
        condition |= Q(pk__in=_recently_left_ids(services, today))
    return Person.objects.filter(condition)


def get_person_or_404(user, pk: int, *, units: bool = False) -> Person:
    try:
        return persons_visible(user, units=units).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def employments_visible(user, person: Person) -> QuerySet[Employment]:
    """A person's employments the user may see: all for self/admin, else own services' only
    (the caller has checked that the user may see the person)."""
    access = access_for(user)
    employments = person.employments.select_related("service", "unit")
    if access.is_admin or access.own_person_id == person.pk:
        return employments
    return employments.filter(
        Q(service__in=access.person_level_service_ids)
        | Q(_current(timezone.localdate()), unit__in=access.unit_ids)
    )


def employments_editable(user, person: Person) -> QuerySet[Employment]:
    """The person's employments the user may change: in the user's services, while the user
    may change the person (none in the read window after the person has left)."""
    if not can_edit_person(user, person):
        return Employment.objects.none()
    employments = person.employments.select_related("service", "unit")
    if access_for(user).is_admin:
        return employments
    return employments.filter(service__in=access_for(user).person_level_service_ids)


def can_edit_person(user, person: Person) -> bool:
    """Leaders and HR of a service the person works in now (or will start in), and admins."""
    return persons_editable(user).filter(pk=person.pk).exists()


def read_only_until(user, person: Person) -> date | None:
    """The last day a former service's leader or HR may read the person (None: not in the
    read window, e.g. because the user may change the person)."""
    access = access_for(user)
    if access.is_admin or access.own_person_id == person.pk or can_edit_person(user, person):
        return None
    last_end = (
        person.employments.filter(service__in=access.person_level_service_ids)
        .order_by("-end_date")
        .values_list("end_date", flat=True)
        .first()
    )
    if last_end is None:
        return None
    return last_end + timedelta(days=former_service_read_days())


def works_in(user, service: Service) -> bool:
    """Whether the user works in `service` today. A colleague's roles in a service (appointed
    supervisor, mentor) last as long as that employment: they end with it, like the rest."""
    own = access_for(user).own_person_id
    if own is None:
        return False
    today = timezone.localdate()
    return Employment.objects.filter(
        _current(today), start_date__lte=today, person_id=own, service=service
    ).exists()


def services_of_person(user, person: Person) -> QuerySet[Service]:
    """The user's services the person works in now or will start in (for the audit log)."""
    today = timezone.localdate()
    return services_with_person_access(user).filter(
        pk__in=Employment.objects.filter(_current(today), person=person).values("service_id")
    )


# Units ----------------------------------------------------------------------------------


def get_unit_or_404(user, service_pk: int, unit_pk: int) -> ServiceUnit:
    """A unit's page: for its leader (avdelingsleder) and those with person access to its
    service; a 404 for everyone else."""
    unit = ServiceUnit.objects.select_related("service").filter(pk=unit_pk, service_id=service_pk)
    found = unit.first()
    if found is None:
        raise Http404
    access = access_for(user)
    if (
        access.is_admin
        or found.pk in access.unit_ids
        or service_pk in (access.person_level_service_ids)
    ):
        return found
    raise Http404


# Navigation -----------------------------------------------------------------------------


def landing_url(user) -> str:
    """Where a user lands after login: a leader on their service, others on the overview."""
    access = access_for(user)
    if access.is_admin or access.is_aggregate_user:
        return reverse("organisations:overview")
    if access.home_service_id is not None:
        return reverse("organisations:detail", kwargs={"pk": access.home_service_id})
    if access.unit_ids:
        unit = ServiceUnit.objects.get(pk=min(access.unit_ids))
        return reverse("organisations:unit", kwargs={"pk": unit.service_id, "unit_id": unit.pk})
    if access.own_person_id is not None:
        return reverse("people:me")
    return reverse("core:no_role")
