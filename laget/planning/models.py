"""The competence plan of a service for a year: the four phases of the competence-development
cycle (mapping, future need, measures, evaluation) and its measures."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from laget.core.validators import GUARD_NOTES, GUARD_PUBLIC, within
from laget.domain import ranges
from laget.organisations.models import Service
from laget.people.models import Person


class Phase(models.TextChoices):
    MAPPING = "mapping", _("1 Kartlegging")
    NEED = "need", _("2 Framtidig behov")
    MEASURES = "measures", _("3 Tiltak")
    EVALUATION = "evaluation", _("4 Evaluering")


#: Competence needs beyond the formal requirement that services name in their plans.
NEED_AREAS = [
    ("law", _("Barnevernrett og forvaltningsrett")),
    ("documentation", _("Dokumentasjon og vurderinger")),
    ("leadership", _("Ledelse")),
    ("violence", _("Vold og overgrep")),
    ("mental_health", _("Psykisk helse")),
    ("minority", _("Minoritetskompetanse")),
    ("child_participation", _("Barns medvirkning og samtaler med barn")),
    ("digital", _("Digital kompetanse")),
]


class CompetencePlan(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="competence_plans")
    year = models.PositiveSmallIntegerField(_("år"))
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.MAPPING)
    mapping_notes = models.TextField(
        _("merknader til kartleggingen"), blank=True, max_length=5000, validators=[GUARD_NOTES]
    )
    other_needs = models.JSONField(_("andre kompetansebehov"), default=list, blank=True)
    future_need = models.TextField(
        _("framtidig behov"), blank=True, max_length=5000, validators=[GUARD_NOTES]
    )
    horizon_year = models.PositiveSmallIntegerField(_("tidshorisont (år)"), null=True, blank=True)
    evaluation = models.TextField(
        _("evaluering"), blank=True, max_length=5000, validators=[GUARD_NOTES]
    )
    mapping_snapshot = models.JSONField(
        _("kartleggingen slik den var"),
        default=dict,
        blank=True,
        help_text=_("Status mot kravet da kartleggingen ble lagret, til evalueringen."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service", "-year"]
        verbose_name = _("kompetanseplan")
        verbose_name_plural = _("kompetanseplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year"], name="one_plan_per_service_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.year}"


class MeasureKind(models.TextChoices):
    FURTHER_EDUCATION = "further_education", _("Videreutdanning")
    MASTER = "master", _("Masterstudium")
    COURSE = "course", _("Kurs uten studiepoeng")
    MENTORING = "mentoring", _("Mentor/veiledning")
    RECRUITMENT = "recruitment", _("Rekruttering med masterkrav")


class GrantOutcome(models.TextChoices):
    NONE = "", _("Ikke søkt")
    APPLIED = "applied", _("Søkt")
    GRANTED = "granted", _("Innvilget")
    REFUSED = "refused", _("Avslått")


class Measure(models.Model):
    plan = models.ForeignKey(CompetencePlan, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("type tiltak"), max_length=20, choices=MeasureKind.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plan_measures",
        verbose_name=_("ansatt"),
    )
    title = models.CharField(_("tiltak"), max_length=200, validators=[GUARD_PUBLIC])
    provider = models.CharField(
        _("tilbyder"), max_length=150, blank=True, validators=[GUARD_PUBLIC]
    )
    credits = models.DecimalField(
        _("studiepoeng"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(ranges.CREDITS),
    )
    semester = models.CharField(
        _("semester"), max_length=5, blank=True, help_text=_("For eksempel H2027 eller V2028.")
    )
    ends_on = models.DateField(_("ferdig"), null=True, blank=True)
    cost = models.PositiveIntegerField(
        _("kostnad (kr)"), null=True, blank=True, validators=within(ranges.COST_KRONER)
    )
    application_deadline = models.DateField(
        _("søknadsfrist studieplass"),
        null=True,
        blank=True,
        help_text=_("Når søknaden om plass på studiet må være sendt."),
    )
    grant_deadline = models.DateField(_("søknadsfrist tilskudd"), null=True, blank=True)
    grant_outcome = models.CharField(
        _("tilskudd"), max_length=10, choices=GrantOutcome.choices, blank=True
    )
    substitute_cover = models.BooleanField(_("vikar dekket"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ends_on", "pk"]
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        constraints = [
            models.CheckConstraint(
                condition=Q(credits__isnull=True) | (Q(credits__gt=0) & Q(credits__lte=300)),
                name="measure_credits_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def counts_in_projection(self) -> bool:
        """Studies for a named person with an end date are plans the projection counts."""
        return (
            self.person_id is not None
            and self.ends_on is not None
            and self.kind in (MeasureKind.FURTHER_EDUCATION, MeasureKind.MASTER)
        )


class CareerPlan(models.Model):
    """An employee's career plan (karriereplan) for a year, agreed in the annual employee
    conversation; seen by the employee and their leaders, nobody else."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="career_plans")
    year = models.PositiveSmallIntegerField(_("år"))
    goals = models.TextField(_("mål for utvikling"), max_length=5000, validators=[GUARD_NOTES])
    development = models.TextField(
        _("planlagt kompetanseutvikling"), blank=True, max_length=5000, validators=[GUARD_NOTES]
    )
    agreed_on = models.DateField(_("avtalt i medarbeidersamtalen"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person", "-year"]
        verbose_name = _("karriereplan")
        verbose_name_plural = _("karriereplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"], name="one_career_plan_per_person_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.year}"
