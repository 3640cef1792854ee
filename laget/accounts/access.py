"""The one place that decides what a user may see and do.

Every list and detail view starts from a queryset returned here, so an object outside the
user's scope is a 404 (its existence is not revealed), never a 403.

- Person-level data: the person themself, leaders and HR of a service the person is or was
  employed in, and admins.
- Aggregates: the above, plus municipal management for services serving their municipality
  (inter-municipal included), county governors for services serving a municipality in one of
  their counties, and national users for all. Outside a user's own service, aggregates pass
  through small-number suppression (see `aggregate_suppression_applies`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from laget.accounts.models import Role, RoleAssignment
from laget.organisations.models import Service
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
    access = Access(
        authenticated=True,
        is_admin=user.is_superuser,
        is_national=Role.NATIONAL in roles,
        own_person_id=own_person_id,
        person_level_service_ids=person_level,
        aggregate_service_ids=frozenset(aggregate),
        roles=roles,
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


def persons_visible(user) -> QuerySet[Person]:
    """Persons whose record the user may open: self, own services' staff, or all (admin)."""
    access = access_for(user)
    if access.is_admin:
        return Person.objects.all()
    condition = Q(employments__service__in=access.person_level_service_ids)
    if access.own_person_id is not None:
        condition |= Q(pk=access.own_person_id)
    if not access.person_level_service_ids and access.own_person_id is None:
        return Person.objects.none()
    return Person.objects.filter(condition).distinct()


def get_person_or_404(user, pk: int) -> Person:
    try:
        return persons_visible(user).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def employments_visible(user, person: Person) -> QuerySet[Employment]:
    """A person's employments the user may see: all for self/admin, else own services' only."""
    access = access_for(user)
    employments = person.employments.select_related("service", "unit")
    if access.is_admin or access.own_person_id == person.pk:
        return employments
    return employments.filter(service__in=access.person_level_service_ids)


def can_edit_person(user, person: Person) -> bool:
    """Leaders and HR of a service the person is employed in, and admins."""
    access = access_for(user)
    if access.is_admin:
        return True
    return person.employments.filter(service__in=access.person_level_service_ids).exists()


# Navigation -----------------------------------------------------------------------------


def landing_url(user) -> str:
    """Where a user lands after login: a leader on their service, others on the overview."""
    access = access_for(user)
    if access.is_admin or access.is_aggregate_user:
        return reverse("organisations:overview")
    if access.home_service_id is not None:
        return reverse("organisations:detail", kwargs={"pk": access.home_service_id})
    if access.own_person_id is not None:
        return reverse("people:me")
    return reverse("core:no_role")
