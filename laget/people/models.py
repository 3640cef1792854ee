"""Staff: persons and their employments in a service.

No national identity numbers and no child or case data: Laget is a workforce register.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from laget.core.numbers import norwegian
from laget.core.validators import GUARD_NOTES, GUARD_PUBLIC, GUARD_REGISTER, within
from laget.domain import ranges
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
    given_name = models.CharField(_("fornavn"), max_length=100, validators=[GUARD_REGISTER])
    family_name = models.CharField(_("etternavn"), max_length=100, validators=[GUARD_REGISTER])
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
    employee_number = models.CharField(
        _("ansattnummer"),
        max_length=40,
        blank=True,
        help_text=_("Nummeret i HR-systemet; brukes til å kjenne igjen personen ved ny import."),
        validators=[GUARD_REGISTER],
    )
    position_title = models.CharField(
        _("stillingstittel"), max_length=120, validators=[GUARD_PUBLIC]
    )
    role_category = models.CharField(
        _("rollekategori"), max_length=20, choices=RoleCategory.choices
    )
    fte_percent = models.DecimalField(_("stillingsprosent"), max_digits=5, decimal_places=1)
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("sluttdato"), null=True, blank=True)
    end_reason = models.CharField(
        _("sluttårsak"), max_length=200, blank=True, validators=[GUARD_PUBLIC]
    )

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
            models.UniqueConstraint(
                fields=["service", "employee_number"],
                condition=~Q(employee_number=""),
                name="unique_employee_number_per_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.position_title}, {self.service}"


class Source(models.TextChoices):
    MANUAL = "manual", _("Registrert i Laget")
    IMPORT = "import", _("Importert fra HR-fil")


class RelevanceBasis(models.TextChoices):
    """How a record's relevance was decided (laget.domain.competence.relevance)."""

    ON_LIST = "list", _("På listen over relevant utdanning")
    ASSESSED = "assessed", _("Vurdert av lederen")
    NOT_ASSESSED = "not_assessed", _("Ikke vurdert")


def _relevance_fields():
    """The fields every record of education keeps about its relevance: how it was decided,
    by which entry of the list of relevant education, and which version of the list."""
    return (
        models.CharField(
            _("relevans avgjort"),
            max_length=12,
            choices=RelevanceBasis.choices,
            default=RelevanceBasis.ASSESSED,
            editable=False,
        ),
        models.CharField(_("oppføring på listen"), max_length=60, blank=True, editable=False),
        models.CharField(_("listens versjon"), max_length=20, blank=True, editable=False),
    )


class EducationLevel(models.TextChoices):
    """The same levels, in the same order, as laget.domain.competence.EducationLevel."""

    NONE = "none", _("Ingen")
    UPPER_SECONDARY = "upper_secondary", _("Videregående")
    VOCATIONAL = "vocational", _("Fagskole")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    PHD = "phd", _("Doktorgrad")


class Education(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="educations")
    level = models.CharField(_("nivå"), max_length=20, choices=EducationLevel.choices)
    field = models.CharField(_("fagfelt"), max_length=150, blank=True, validators=[GUARD_PUBLIC])
    relevant = models.BooleanField(_("relevant for barnevern"), default=False)
    institution = models.CharField(
        _("lærested"), max_length=150, blank=True, validators=[GUARD_PUBLIC]
    )
    completed_on = models.DateField(_("fullført"), null=True, blank=True)
    expected_on = models.DateField(
        _("forventet fullført"), null=True, blank=True, help_text=_("For utdanning som pågår.")
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    relevance_basis, relevance_entry, relevance_version = _relevance_fields()

    class Meta:
        ordering = ["completed_on", "expected_on", "pk"]
        verbose_name = _("utdanning")
        verbose_name_plural = _("utdanninger")
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=False)
                | Q(expected_on__isnull=False)
                | Q(level="none"),
                name="education_has_a_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.field}".strip()


class FurtherEducationStatus(models.TextChoices):
    APPLIED = "applied", _("Søkt")
    WAITLISTED = "waitlisted", _("På venteliste")
    ADMITTED = "admitted", _("Tatt opp")
    IN_PROGRESS = "in_progress", _("Pågår")
    COMPLETED = "completed", _("Fullført")
    FAILED = "failed", _("Ikke bestått")
    WITHDRAWN = "withdrawn", _("Trukket")


class FurtherEducation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="further_educations")
    course = models.CharField(_("emne"), max_length=200, validators=[GUARD_PUBLIC])
    provider = models.CharField(
        _("tilbyder"), max_length=150, blank=True, validators=[GUARD_PUBLIC]
    )
    credits = models.DecimalField(_("studiepoeng"), max_digits=5, decimal_places=1)
    relevant = models.BooleanField(_("relevant for barnevern"), default=True)
    status = models.CharField(_("status"), max_length=20, choices=FurtherEducationStatus.choices)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(
        _("slutt"), null=True, blank=True, help_text=_("Faktisk eller forventet.")
    )
    waitlist_position = models.PositiveSmallIntegerField(
        _("plass på ventelisten"),
        null=True,
        blank=True,
        validators=within(ranges.WAITLIST_POSITION),
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    is_sum = models.BooleanField(
        _("sum fra fil"),
        default=False,
        editable=False,
        help_text=_(
            "Studiepoeng oppgitt som en sum i en importert fil, uten emnene bak: kan ikke regnes "
            "som én videreutdanning før emnene er registrert."
        ),
    )
    relevance_basis, relevance_entry, relevance_version = _relevance_fields()

    class Meta:
        ordering = ["ends_on", "pk"]
        verbose_name = _("videreutdanning")
        verbose_name_plural = _("videreutdanninger")
        constraints = [
            models.CheckConstraint(
                condition=Q(credits__gte=0) & Q(credits__lte=300), name="credits_in_range"
            )
        ]

    def __str__(self) -> str:
        decimals = 0 if self.credits == int(self.credits) else 1
        return f"{self.course} ({norwegian(self.credits, decimals)} stp)"  # «30 stp», «7,5 stp»


class PriorExperience(models.Model):
    """Child welfare experience before the employments registered in Laget."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="prior_experiences")
    months = models.DecimalField(
        _("måneder"), max_digits=5, decimal_places=1, help_text=_("Omregnet til heltid.")
    )
    employer = models.CharField(_("hvor"), max_length=200, blank=True, validators=[GUARD_PUBLIC])
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tidligere barnevernserfaring")
        verbose_name_plural = _("tidligere barnevernserfaring")
        constraints = [
            models.CheckConstraint(
                condition=Q(months__gte=0) & Q(months__lte=600), name="prior_months_in_range"
            )
        ]

    def __str__(self) -> str:
        """«12 mnd Bergen kommune», «4,5 mnd»: read out beside «Slett» (not «12.0 mnd»)."""
        decimals = 0 if self.months == int(self.months) else 1
        return f"{norwegian(self.months, decimals)} mnd {self.employer}".strip()


class ProposalKind(models.TextChoices):
    EDUCATION = "education", _("Ny utdanning")
    FURTHER_EDUCATION = "further_education", _("Ny videreutdanning")
    PRIOR_EXPERIENCE = "prior_experience", _("Tidligere barnevernserfaring")
    OTHER = "other", _("Annen retting")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Venter på leder")
    APPROVED = "approved", _("Godkjent")
    REJECTED = "rejected", _("Avvist")


class ChangeProposal(models.Model):
    """An employee's proposed correction to their own record, applied when a leader approves."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="change_proposals")
    kind = models.CharField(_("hva"), max_length=20, choices=ProposalKind.choices)
    data = models.JSONField(_("opplysninger"), default=dict, blank=True)
    message = models.TextField(
        _("kommentar"), blank=True, max_length=2000, validators=[GUARD_NOTES]
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("foreslått"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    decision_note = models.CharField(
        _("begrunnelse"), max_length=500, blank=True, validators=[GUARD_NOTES]
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("endringsforslag")
        verbose_name_plural = _("endringsforslag")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} ({self.get_status_display()})"


class RosterImport(models.Model):
    """An uploaded roster on its way in: the parsed table waits here between the mapping and
    confirmation steps, and is emptied once the import is done."""

    class State(models.TextChoices):
        PENDING = "pending", _("Ikke importert")
        IMPORTED = "imported", _("Importert")
        #: a newer upload or an import came after it (`laget.core.uploads`)
        SUPERSEDED = "superseded", _("Erstattet av en nyere fil")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="roster_imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("lastet opp"), auto_now_add=True)
    file_name = models.CharField(_("filnavn"), max_length=255)
    table = models.JSONField(default=dict)
    mapping = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("import av ansattliste")
        verbose_name_plural = _("importer av ansattlister")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.service})"
