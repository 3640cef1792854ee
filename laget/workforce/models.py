"""Sick leave (monthly aggregates, never per person or diagnosis), exit interviews and
recruitment for a service. The turnover figures come from the employment register itself."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from laget.core.validators import GUARD_NOTES, GUARD_PUBLIC, within
from laget.domain import ranges
from laget.organisations.models import Municipality, Service, ServiceUnit
from laget.people.models import Employment, RoleCategory


class SickLeaveMonth(models.Model):
    """One month's sick leave for a service or one of its units, as HR/payroll delivers it."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="sick_leave")
    unit = models.ForeignKey(
        ServiceUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sick_leave",
        verbose_name=_("enhet"),
    )
    month = models.DateField(_("måned"), help_text=_("Første dag i måneden."))
    agreed_days = models.DecimalField(_("avtalte dagsverk"), max_digits=10, decimal_places=2)
    self_certified_days = models.DecimalField(
        _("egenmeldte fraværsdagsverk"), max_digits=10, decimal_places=2
    )
    doctor_certified_days = models.DecimalField(
        _("legemeldte fraværsdagsverk"), max_digits=10, decimal_places=2
    )
    short_term_days = models.DecimalField(
        _("korttidsfravær (1–16 dager)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    long_term_days = models.DecimalField(
        _("langtidsfravær (over 16 dager)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    persons = models.PositiveIntegerField(_("antall ansatte"))
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service", "month", "unit"]
        verbose_name = _("sykefravær for en måned")
        verbose_name_plural = _("sykefravær per måned")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "month"],
                condition=Q(unit__isnull=True),
                name="one_sick_leave_month_per_service",
            ),
            models.UniqueConstraint(
                fields=["service", "unit", "month"],
                condition=Q(unit__isnull=False),
                name="one_sick_leave_month_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(self_certified_days__gte=0)
                & Q(doctor_certified_days__gte=0)
                & Q(agreed_days__gt=0),
                name="sick_leave_days_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(agreed_days__gte=F("self_certified_days") + F("doctor_certified_days")),
                name="sick_leave_lost_within_agreed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.month:%Y-%m}"


class SickLeaveImport(models.Model):
    """A checked sick-leave file waiting for the leader's confirmation (or imported)."""

    class State(models.TextChoices):
        PENDING = "pending", _("venter")
        IMPORTED = "imported", _("importert")
        #: a newer upload or an import came after it (`laget.core.uploads`)
        SUPERSEDED = "superseded", _("erstattet av en nyere fil")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="sick_leave_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    rows = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class ReferenceScope(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen")
    NATIONAL = "national", _("Landet")


class SickLeaveReference(models.Model):
    """A reference value for comparison (the municipality's or the nation's), entered by an
    administrator from SSB/KS or the municipality's own statistics."""

    scope = models.CharField(_("gjelder"), max_length=12, choices=ReferenceScope.choices)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    rate_percent = models.DecimalField(_("sykefravær i prosent"), max_digits=4, decimal_places=1)
    source = models.CharField(_("kilde"), max_length=200)

    class Meta:
        ordering = ["scope", "municipality", "year"]
        verbose_name = _("referanseverdi for sykefravær")
        verbose_name_plural = _("referanseverdier for sykefravær")
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="municipality") & Q(municipality__isnull=False))
                | (Q(scope="national") & Q(municipality__isnull=True)),
                name="sick_leave_reference_scope",
            ),
            models.CheckConstraint(
                condition=Q(rate_percent__gte=0) & Q(rate_percent__lte=100),
                name="sick_leave_reference_percent",
            ),
            models.UniqueConstraint(
                fields=["scope", "municipality", "year"], name="one_reference_per_year"
            ),
        ]

    def __str__(self) -> str:
        where = self.municipality or _("Landet")
        return f"{where} {self.year}: {self.rate_percent} %"


class ExitReason(models.TextChoices):
    WORKLOAD = "workload", _("Arbeidsmengde")
    EMOTIONAL_STRAIN = "emotional_strain", _("Emosjonell belastning")
    PAY = "pay", _("Lønn")
    PAY_COMPARED = "pay_compared", _("Lønn sammenlignet med andre arbeidsgivere")
    LEADERSHIP = "leadership", _("Ledelse og oppfølging")
    SUPERVISION = "supervision", _("Veiledning")
    WORK_ENVIRONMENT = "work_environment", _("Kolleger og arbeidsmiljø")
    COMPETENCE = "competence", _("Mangel på kompetanseutvikling")
    CAREER_CHANGE = "career_change", _("Karriereskifte")
    MOVING = "moving", _("Flytting")
    FAMILY = "family", _("Familie")
    RETIREMENT = "retirement", _("Pensjon")
    OTHER = "other", _("Annet")


class Importance(models.IntegerChoices):
    NONE = 0, _("Ingen betydning")
    SOME = 1, _("Litt betydning")
    MUCH = 2, _("Stor betydning")
    DECISIVE = 3, _("Avgjørende")


#: Ratings counted as "an important reason" when reasons are aggregated.
IMPORTANT = (Importance.MUCH, Importance.DECISIVE)


class Destination(models.TextChoices):
    OTHER_CHILD_WELFARE = "other_service", _("En annen kommunal barneverntjeneste")
    MUNICIPALITY = "municipality", _("En annen del av kommunen")
    STATE = "state", _("Statlig barnevern (Bufetat)")
    OUTSIDE = "outside", _("Utenfor barnevern og kommune")
    UNKNOWN = "unknown", _("Vil ikke si / vet ikke")


class WouldReturn(models.TextChoices):
    YES = "yes", _("Ja")
    MAYBE = "maybe", _("Kanskje")
    NO = "no", _("Nei")


class ExitInterview(models.Model):
    """The structured exit interview (sluttsamtale) held with an employee who leaves."""

    employment = models.OneToOneField(
        Employment, on_delete=models.CASCADE, related_name="exit_interview"
    )
    held_on = models.DateField(_("dato for samtalen"))
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    destination = models.CharField(
        _("hvor går den ansatte"), max_length=16, choices=Destination.choices
    )
    would_return = models.CharField(
        _("kunne tenke seg å komme tilbake"), max_length=8, choices=WouldReturn.choices
    )
    free_text = models.TextField(
        _("fritekst"), blank=True, max_length=4000, validators=[GUARD_NOTES]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("sluttsamtale")
        verbose_name_plural = _("sluttsamtaler")

    def __str__(self) -> str:
        return f"{self.employment.person} {self.held_on}"


class ExitReasonRating(models.Model):
    interview = models.ForeignKey(ExitInterview, on_delete=models.CASCADE, related_name="ratings")
    reason = models.CharField(max_length=20, choices=ExitReason.choices)
    importance = models.PositiveSmallIntegerField(choices=Importance.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "reason"], name="one_rating_per_reason"),
            models.CheckConstraint(condition=Q(importance__lte=3), name="importance_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.reason}: {self.importance}"


class Requirement(models.TextChoices):
    MASTER_REQUIRED = "master_required", _("Master kreves")
    MASTER_DESIRED = "master_desired", _("Master ønskes")
    NONE = "none", _("Ikke krav om master")


class Vacancy(models.Model):
    """An advertised position: applicants, qualified applicants, and when it was filled."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(_("stilling"), max_length=150, validators=[GUARD_PUBLIC])
    role_category = models.CharField(
        _("rollekategori"), max_length=20, choices=RoleCategory.choices
    )
    requirement = models.CharField(_("utdanningskrav"), max_length=16, choices=Requirement.choices)
    positions = models.PositiveSmallIntegerField(
        _("antall stillinger"), default=1, validators=within(ranges.VACANCY_POSITIONS)
    )
    advertised_on = models.DateField(_("utlyst"))
    applicants = models.PositiveIntegerField(
        _("antall søkere"), null=True, blank=True, validators=within(ranges.APPLICANTS)
    )
    qualified_applicants = models.PositiveIntegerField(
        _("kvalifiserte søkere"), null=True, blank=True, validators=within(ranges.APPLICANTS)
    )
    filled_on = models.DateField(_("besatt"), null=True, blank=True)
    closed_on = models.DateField(_("trukket uten ansettelse"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-advertised_on"]
        verbose_name = _("utlyst stilling")
        verbose_name_plural = _("utlyste stillinger")
        constraints = [
            models.CheckConstraint(
                condition=Q(qualified_applicants__isnull=True)
                | Q(applicants__isnull=True)
                | Q(qualified_applicants__lte=F("applicants")),
                name="qualified_not_more_than_applicants",
            ),
            models.CheckConstraint(
                condition=Q(filled_on__isnull=True) | Q(filled_on__gte=F("advertised_on")),
                name="filled_after_advertised",
            ),
            models.CheckConstraint(
                condition=Q(filled_on__isnull=True) | Q(closed_on__isnull=True),
                name="filled_or_closed_not_both",
            ),
            models.CheckConstraint(condition=Q(positions__gte=1), name="at_least_one_position"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.advertised_on})"

    @property
    def days_to_fill(self) -> int | None:
        return (self.filled_on - self.advertised_on).days if self.filled_on else None


class HireSource(models.TextChoices):
    GRADUATE = "graduate", _("Nyutdannet")
    OTHER_SERVICE = "other_service", _("Annen kommunal barneverntjeneste")
    MUNICIPALITY = "municipality", _("Annen del av kommunen")
    STATE = "state", _("Statlig barnevern (Bufetat)")
    OTHER = "other", _("Annet")


class Hire(models.Model):
    """Who was hired into a vacancy: where from, how much experience, whether with a master."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="hires")
    source = models.CharField(_("kommer fra"), max_length=16, choices=HireSource.choices)
    experience_years = models.DecimalField(
        _("års erfaring fra barnevern"), max_digits=4, decimal_places=1
    )
    has_master = models.BooleanField(_("har relevant master"), default=False)

    class Meta:
        verbose_name = _("ansettelse")
        verbose_name_plural = _("ansettelser")
        constraints = [
            models.CheckConstraint(
                condition=Q(experience_years__gte=0) & Q(experience_years__lte=50),
                name="hire_experience_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.vacancy}: {self.get_source_display()}"
