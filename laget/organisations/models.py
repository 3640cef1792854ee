"""Counties, county governor offices, municipalities, child welfare services and networks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class GovernorOffice(models.Model):
    """A Statsforvalter office; each county belongs to exactly one."""

    name = models.CharField(_("navn"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("statsforvalterembete")
        verbose_name_plural = _("statsforvalterembeter")

    def __str__(self) -> str:
        return self.name


class County(models.Model):
    number = models.CharField(_("fylkesnummer"), max_length=2, unique=True)
    name = models.CharField(_("navn"), max_length=80)
    governor_office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        related_name="counties",
        verbose_name=_("statsforvalterembete"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("fylke")
        verbose_name_plural = _("fylker")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Municipality(models.Model):
    number = models.CharField(_("kommunenummer"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=120)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("fylke")
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Service(models.Model):
    """A child welfare service (barneverntjeneste).

    A service is a single municipality's, or inter-municipal with a host municipality
    (vertskommune) and member municipalities. The host is always also a member, and members
    may lie in different counties (Røros/Holtålen/Os).
    """

    name = models.CharField(_("navn"), max_length=150, unique=True)
    slug = models.SlugField(_("kortnavn"), max_length=80, unique=True)
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="hosted_services",
        verbose_name=_("vertskommune"),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="services", verbose_name=_("kommuner som betjenes")
    )
    max_share_on_studies = models.PositiveSmallIntegerField(
        _("høyeste andel borte på studier samtidig (%)"),
        default=20,
        help_text=_("Over dette varsler videreutdanningsoversikten om kapasitet i et semester."),
    )
    requirement_extra_roles = models.JSONField(
        _("roller tjenesten regner kompetansekravet for i tillegg"),
        default=list,
        blank=True,
        help_text=_(
            "Av rollene regelsettet lar kommunen avgjøre (i versjon 1: tiltak): de kommunen har "
            "bestemt at kravet også gjelder for. Tom: som regelsettet."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("barneverntjeneste")
        verbose_name_plural = _("barneverntjenester")

    def __str__(self) -> str:
        return self.name

    @property
    def extra_roles(self) -> frozenset[str]:
        return frozenset(self.requirement_extra_roles or ())

    def clean(self) -> None:
        from laget.people.models import RoleCategory

        roles = self.requirement_extra_roles
        if not isinstance(roles, list) or not set(roles) <= set(RoleCategory.values):
            raise ValidationError(
                {
                    "requirement_extra_roles": _("Må være en liste med rollekategorier: %(valid)s")
                    % {"valid": ", ".join(RoleCategory.values)}
                }
            )


class ServiceUnit(models.Model):
    """An optional sub-unit of a service, such as one of Trondheim's districts."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="units", verbose_name=_("tjeneste")
    )
    name = models.CharField(_("navn"), max_length=120)
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kommune enheten betjener"),
        help_text=_(
            "I en interkommunal tjeneste: kommunen enheten (for eksempel et lokalkontor) "
            "betjener. Da får kommunens tilstandsrapport egne tall for enheten."
        ),
    )

    class Meta:
        ordering = ["service", "name"]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="unique_unit_name_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.name}"

    def clean(self) -> None:
        if (
            self.municipality_id
            and self.service_id
            and not self.service.municipalities.filter(pk=self.municipality_id).exists()
        ):
            raise ValidationError({"municipality": _("Tjenesten betjener ikke denne kommunen.")})


class LearningNetwork(models.Model):
    """A regional learning network (læringsnettverk) grouping services."""

    name = models.CharField(_("navn"), max_length=120, unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="learning_networks", verbose_name=_("fylke")
    )
    services = models.ManyToManyField(
        Service, related_name="learning_networks", verbose_name=_("tjenester")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("læringsnettverk")
        verbose_name_plural = _("læringsnettverk")

    def __str__(self) -> str:
        return self.name
