"""Staff: persons and their employments in a service.

No national identity numbers and no child or case data: Laget is a workforce register.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from laget.organisations.models import Service, ServiceUnit


class RoleCategory(models.TextChoices):
    """Role categories; leaders, deputies and core work fall under the 2031 requirement."""

    LEADER = "leader", _("Leder")
    DEPUTY_LEADER = "deputy_leader", _("Stedfortreder")
    CORE = "core", _("Kjerneoppgaver i barnevernet")
    MEASURES = "measures", _("Tiltak")
    ADMINISTRATIVE = "administrative", _("Administrasjon")
    OTHER = "other", _("Annet")


class Person(models.Model):
    given_name = models.CharField(_("fornavn"), max_length=100)
    family_name = models.CharField(_("etternavn"), max_length=100)
    email = models.EmailField(_("e-post"), blank=True)
    birth_year = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("brukerkonto"),
    )
    is_synthetic = models.BooleanField(
        _("syntetisk demoperson"),
        default=False,
        help_text=_("Laget av `laget demo`, ikke en ekte person."),
    )

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class EmploymentQuerySet(models.QuerySet["Employment"]):
    def active_on(self, day) -> "EmploymentQuerySet":
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)


class Employment(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="employments", verbose_name=_("person")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="employments", verbose_name=_("tjeneste")
    )
    unit = models.ForeignKey(
        ServiceUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employments",
        verbose_name=_("enhet"),
    )
    position_title = models.CharField(_("stillingstittel"), max_length=120)
    role_category = models.CharField(
        _("rollekategori"), max_length=20, choices=RoleCategory.choices
    )
    fte_percent = models.DecimalField(_("stillingsprosent"), max_digits=5, decimal_places=1)
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("sluttdato"), null=True, blank=True)
    end_reason = models.CharField(_("sluttårsak"), max_length=200, blank=True)

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("ansettelse")
        verbose_name_plural = _("ansettelser")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte_percent__gt=0) & Q(fte_percent__lte=100),
                name="fte_percent_in_range",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="employment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.position_title}, {self.service}"
