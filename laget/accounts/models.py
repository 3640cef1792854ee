"""Users and the roles that bind them to an organisation."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from laget.organisations.models import GovernorOffice, Municipality, Service, ServiceUnit


class User(AbstractUser):
    """A Laget user. Employees are linked to their person record via Person.user."""

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")


class Role(models.TextChoices):
    LEADER = "leader", _("Leder")
    #: the leader of one unit of a service (avdelingsleder): that unit's staff and their
    #: supervision only (issue 28, item 9)
    UNIT_LEADER = "unit_leader", _("Avdelingsleder")
    HR = "hr", _("HR")
    MUNICIPAL = "municipal", _("Kommuneledelse")
    COUNTY = "county", _("Statsforvalter")
    NATIONAL = "national", _("Nasjonal")


#: Which organisation field each role is bound to; national users are bound to none.
ROLE_SCOPE_FIELD = {
    Role.LEADER: "service",
    Role.UNIT_LEADER: "unit",
    Role.HR: "service",
    Role.MUNICIPAL: "municipality",
    Role.COUNTY: "governor_office",
    Role.NATIONAL: None,
}


def _scope_check(role: Role) -> Q:
    scope = ROLE_SCOPE_FIELD[role]
    fields = ("service", "unit", "municipality", "governor_office")
    condition = Q(role=role)
    for field in fields:
        condition &= Q(**{f"{field}__isnull": field != scope})
    return condition


class RoleAssignment(models.Model):
    """A role held by a user over one organisation (a service, municipality or office)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("tjeneste")
    )
    unit = models.ForeignKey(
        ServiceUnit, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("enhet")
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("kommune")
    )
    governor_office = models.ForeignKey(
        GovernorOffice,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("statsforvalterembete"),
    )

    class Meta:
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        constraints = [
            models.CheckConstraint(
                condition=(
                    _scope_check(Role.LEADER)
                    | _scope_check(Role.UNIT_LEADER)
                    | _scope_check(Role.HR)
                    | _scope_check(Role.MUNICIPAL)
                    | _scope_check(Role.COUNTY)
                    | _scope_check(Role.NATIONAL)
                ),
                name="role_bound_to_matching_organisation",
            ),
            # One constraint per scope field: NULLs never compare equal in a unique index.
            *(
                models.UniqueConstraint(
                    fields=["user", "role", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"unique_role_per_{field}",
                )
                for field in ("service", "unit", "municipality", "governor_office")
            ),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(role="national"), name="unique_national_role"
            ),
        ]

    def __str__(self) -> str:
        target = (
            self.service
            or self.unit
            or self.municipality
            or self.governor_office
            or _("hele landet")
        )
        return f"{self.user}: {self.get_role_display()} ({target})"
