"""Supervision (veiledning): plans, sessions, the employee's own reflection, check-ins,
debriefs after critical events, and the onboarding of new employees. Never case details."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from laget.core.validators import GUARD_NOTES, GUARD_PUBLIC, GUARD_REGISTER, within
from laget.domain import ranges
from laget.domain.supervision import NEW_EMPLOYEE_STEPS, steps_to_json
from laget.organisations.models import Service
from laget.people.models import Employment, Person


class Form(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuell")
    GROUP = "group", _("Gruppe")


class Kind(models.TextChoices):
    CASE = "case", _("Saksveiledning")
    PROCESS = "process", _("Prosessveiledning")
    ROLE = "role", _("Profesjonsrollen")
    METHOD = "method", _("Metode")


class SupervisorCategory(models.TextChoices):
    LEADER = "leader", _("Leder")
    COLLEAGUE = "colleague", _("Erfaren kollega utpekt av leder")
    EXTERNAL = "external", _("Ekstern veileder")


THEMES = [
    ("workload", _("Arbeidsmengde og prioritering")),
    ("emotional", _("Emosjonell belastning")),
    ("assessment", _("Vurderinger og beslutninger")),
    ("documentation", _("Dokumentasjon")),
    ("child_conversations", _("Samtaler med barn")),
    ("parents", _("Samarbeid med foreldre")),
    ("collaboration", _("Samarbeid med andre tjenester")),
    ("law", _("Regelverk")),
    ("ethics", _("Etikk og dilemmaer")),
    ("role", _("Egen rolle og utvikling")),
    ("violence", _("Vold og trusler")),
    ("method", _("Metoder og verktøy")),
]
THEME_KEYS = [key for key, _label in THEMES]


def _default_steps() -> list[dict]:
    return steps_to_json(NEW_EMPLOYEE_STEPS)


def _default_kinds() -> list[str]:
    return [Kind.CASE, Kind.PROCESS]


class SupervisionTemplate(models.Model):
    """A plan a leader gives several employees in one step; one per service is the default
    for new employees (weekly, then every two weeks, then monthly unless changed)."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="supervision_templates"
    )
    name = models.CharField(_("navn"), max_length=120, validators=[GUARD_PUBLIC])
    form = models.CharField(_("form"), max_length=12, choices=Form.choices, default=Form.INDIVIDUAL)
    kinds = models.JSONField(_("type veiledning"), default=_default_kinds)
    supervisor_category = models.CharField(
        _("veileder"), max_length=12, choices=SupervisorCategory.choices, default="leader"
    )
    steps = models.JSONField(_("hyppighet"), default=_default_steps)
    goals = models.TextField(_("mål"), blank=True, max_length=2000, validators=[GUARD_NOTES])
    for_new_employees = models.BooleanField(_("gis alle nyansatte"), default=False)

    class Meta:
        ordering = ["service", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(for_new_employees=True),
                name="one_new_employee_template_per_service",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SupervisionPlan(models.Model):
    """Planned supervision for one employee, or for a group with members."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="supervision_plans")
    form = models.CharField(_("form"), max_length=12, choices=Form.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="supervision_plans",
        verbose_name=_("ansatt"),
    )
    name = models.CharField(
        _("gruppens navn"), max_length=120, blank=True, validators=[GUARD_PUBLIC]
    )
    members = models.ManyToManyField(
        Person, blank=True, related_name="supervision_groups", verbose_name=_("deltakere")
    )
    kinds = models.JSONField(_("type veiledning"), default=_default_kinds)
    supervisor_category = models.CharField(
        _("veileder"), max_length=12, choices=SupervisorCategory.choices
    )
    supervisor = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervises",
        verbose_name=_("veileder i tjenesten"),
    )
    external_supervisor = models.CharField(
        _("ekstern veileder"), max_length=150, blank=True, validators=[GUARD_REGISTER]
    )
    steps = models.JSONField(_("hyppighet"), default=_default_steps)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)
    goals = models.TextField(_("mål"), blank=True, max_length=2000, validators=[GUARD_NOTES])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(form="individual") & Q(person__isnull=False))
                | (Q(form="group") & Q(person__isnull=True)),
                name="individual_plan_has_a_person",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="plan_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.person)

    @property
    def title(self) -> str:
        return self.name if self.form == Form.GROUP else str(self.person)


class Status(models.TextChoices):
    HELD = "held", _("Holdt")
    CANCELLED = "cancelled", _("Avlyst")


class SupervisionSession(models.Model):
    plan = models.ForeignKey(SupervisionPlan, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("dato"))
    duration_minutes = models.PositiveSmallIntegerField(_("varighet (minutter)"), default=60)
    status = models.CharField(_("holdt eller avlyst"), max_length=10, choices=Status.choices)
    cancel_reason = models.CharField(
        _("hvorfor avlyst"), max_length=200, blank=True, validators=[GUARD_NOTES]
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    themes = models.JSONField(_("tema"), default=list, blank=True)
    notes = models.TextField(
        _("korte notater"), blank=True, max_length=1000, validators=[GUARD_NOTES]
    )
    guard_overridden = models.BooleanField(default=False)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by_supervisor_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="session_duration_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.held_on}"


class SessionReflection(models.Model):
    """The employee's confirmation of a session and their own reflection: visible only to
    them, and to the supervisor if they choose."""

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="reflections"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)
    reflection = models.TextField(
        _("egen refleksjon"), blank=True, max_length=2000, validators=[GUARD_NOTES]
    )
    shared_with_supervisor = models.BooleanField(_("del med veilederen"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_reflection_each")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.session}"


class SupervisionPause(models.Model):
    """Leave during which no supervision is expected (parental leave, long sick leave)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="supervision_pauses")
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"))
    reason = models.CharField(_("hvorfor"), max_length=120, blank=True, validators=[GUARD_NOTES])

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="pause_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.starts_on}–{self.ends_on}"


CHECK_IN_QUESTIONS = [
    _("Veiledningen har hjulpet meg i arbeidet med sakene"),
    _("Veiledningen har gitt rom for det som er følelsesmessig krevende"),
    _("Veiledningen har vært regelmessig og forutsigbar"),
]


class CheckIn(models.Model):
    """A short periodic rating (1–5) of the supervision: employees of what they got, leaders
    of what they give. Shown only in aggregate, from 5 answers."""

    class Role(models.TextChoices):
        EMPLOYEE = "employee", _("Ansatt")
        LEADER = "leader", _("Leder")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="check_ins")
    role = models.CharField(max_length=10, choices=Role.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("periode"), max_length=7)  # 2026-K4
    q1 = models.PositiveSmallIntegerField()
    q2 = models.PositiveSmallIntegerField()
    q3 = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "user", "role", "period"], name="one_check_in_per_period"
            ),
            models.CheckConstraint(
                condition=Q(q1__gte=1, q1__lte=5)
                & Q(q2__gte=1, q2__lte=5)
                & Q(q3__gte=1, q3__lte=5),
                name="check_in_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.role}"


class EventKind(models.TextChoices):
    THREAT = "threat", _("Trusler")
    VIOLENCE = "violence", _("Vold")
    EMERGENCY = "emergency", _("Akuttplassering")
    OTHER = "other", _("Annen krevende hendelse")


class Debrief(models.Model):
    """A debrief offered (and held) after a demanding event; no case details."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="debriefs")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="debriefs", verbose_name=_("ansatt")
    )
    event_on = models.DateField(_("dato for hendelsen"))
    event_kind = models.CharField(_("hendelse"), max_length=10, choices=EventKind.choices)
    offered_on = models.DateField(_("tilbudt"))
    held_on = models.DateField(_("holdt"), null=True, blank=True)
    declined = models.BooleanField(_("takket nei"), default=False)
    notes = models.CharField(
        _("kort merknad"), max_length=300, blank=True, validators=[GUARD_NOTES]
    )
    guard_overridden = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-event_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offered_on__gte=models.F("event_on")), name="offered_after_event"
            ),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | Q(declined=False), name="held_or_declined"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_kind_display()} {self.event_on}"


class Responsible(models.TextChoices):
    LEADER = "leader", _("Leder")
    MENTOR = "mentor", _("Fadder")
    EMPLOYEE = "employee", _("Den nyansatte")


class OnboardingItem(models.Model):
    """One item of a service's onboarding programme, due a number of days after the start."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="onboarding_items")
    title = models.CharField(_("punkt"), max_length=200, validators=[GUARD_NOTES])
    due_days = models.PositiveSmallIntegerField(
        _("frist (dager etter oppstart)"), validators=within(ranges.DUE_DAYS)
    )
    responsible = models.CharField(_("ansvarlig"), max_length=10, choices=Responsible.choices)

    class Meta:
        ordering = ["service", "due_days", "pk"]

    def __str__(self) -> str:
        return self.title


class Onboarding(models.Model):
    employment = models.OneToOneField(
        Employment, on_delete=models.CASCADE, related_name="onboarding"
    )
    mentor = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentees",
        verbose_name=_("fadder"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.employment)


#: the onboarding item the choice of mentor settles (the first of the programme Laget starts
#: a service with): done when a mentor is saved, open again when none is
MENTOR_TASK = "Fadder er utpekt"


class OnboardingTask(models.Model):
    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200, validators=[GUARD_NOTES])
    due_on = models.DateField()
    responsible = models.CharField(max_length=10, choices=Responsible.choices)
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def follows_mentor(self) -> bool:
        """Whether the task is done by choosing the mentor, not by ticking it (issue 28:
        «Fadder: ikke utpekt ennå» beside «✓ Gjort Fadder er utpekt»)."""
        return self.title == MENTOR_TASK
