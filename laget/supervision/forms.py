from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.core.fields import ModelMultipleChoiceField, search_field
from laget.core.forms import GuardedForm, GuardedPlainForm
from laget.core.validators import GUARD_PUBLIC, GUARD_REGISTER
from laget.organisations.forms import unit_filter_field
from laget.organisations.models import Service
from laget.people.models import Employment, Person
from laget.supervision.models import (
    THEMES,
    Debrief,
    Form,
    Kind,
    OnboardingItem,
    Status,
    SupervisionSession,
    SupervisionTemplate,
    SupervisorCategory,
)


class DateInput(forms.DateInput):
    input_type = "date"


class SessionForm(GuardedForm):
    """Logging a session in under half a minute: date, duration, held or cancelled, type,
    themes and a short note."""

    themes = forms.MultipleChoiceField(
        label=_("Tema"), choices=THEMES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SupervisionSession
        fields = [
            "held_on",
            "duration_minutes",
            "status",
            "cancel_reason",
            "kind",
            "themes",
            "notes",
        ]
        widgets = {
            "held_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["status"].initial = Status.HELD
        self.fields["held_on"].initial = timezone.localdate()
        kinds = [k for k in plan.kinds if k in Kind.values] or [Kind.CASE]
        self.fields["kind"].initial = kinds[0]

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("En samtale kan ikke føres før den er holdt."))
        if day < self._earliest():
            raise forms.ValidationError(
                _("Datoen er før den ansatte begynte i tjenesten.")
                if self.plan.person_id
                else _("Datoen er før planen begynte.")
            )
        return day

    def _earliest(self):
        """A session may be held before the plan was made (issue 28: a plan made today refused
        a session held two days ago), from the day the person began in the service; a group's
        from the plan's start."""
        if not self.plan.person_id:
            return self.plan.starts_on
        starts = (
            Employment.objects.active_on(self.plan.starts_on)
            .filter(person_id=self.plan.person_id, service_id=self.plan.service_id)
            .values_list("start_date", flat=True)
        )
        return min([self.plan.starts_on, *starts])

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.CANCELLED and not (data.get("cancel_reason") or "").strip():
            self.add_error("cancel_reason", _("Skriv kort hvorfor samtalen ble avlyst."))
        return data


class ReflectionForm(GuardedPlainForm):
    guarded_fields = ("reflection",)
    reflection = forms.CharField(
        label=_("Egen refleksjon (valgfritt)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bare du ser den, med mindre du deler den med veilederen."),
    )
    shared_with_supervisor = forms.BooleanField(label=_("Del med veilederen"), required=False)


STEP_CHOICES = [
    (7, _("hver uke")),
    (14, _("annenhver uke")),
    (21, _("hver tredje uke")),
    (30, _("hver måned")),
    (42, _("hver sjette uke")),
]


class NewPlansForm(GuardedPlainForm):
    """Give one or more employees a plan from a template, in one step. The group's name is
    checked as a title; the external supervisor is a person's or an organisation's name, and
    nothing else («Kari Hansen, RVTS Midt», never a year or a number)."""

    guarded_fields = ("group_name",)
    guard = GUARD_PUBLIC

    template = forms.ModelChoiceField(label=_("Mal"), queryset=SupervisionTemplate.objects.none())
    persons = ModelMultipleChoiceField(
        label=_("Ansatte"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(label=_("Fra"), widget=DateInput())
    supervisor = forms.ModelChoiceField(
        label=_("Veileder i tjenesten (tom: lederen)"),
        queryset=Person.objects.none(),
        required=False,
    )
    external_supervisor = forms.CharField(
        label=_("Ekstern veileder"), required=False, max_length=150, validators=[GUARD_REGISTER]
    )
    group_name = forms.CharField(
        label=_("Gruppens navn (for gruppemaler)"), required=False, max_length=120
    )

    def __init__(self, *args, service, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = SupervisionTemplate.objects.filter(service=service)
        self.fields["persons"].queryset = staff
        self.fields["supervisor"].queryset = staff
        self.fields["starts_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        template = data.get("template")
        if (
            template
            and template.supervisor_category == SupervisorCategory.EXTERNAL
            and not data.get("external_supervisor")
        ):
            self.add_error("external_supervisor", _("Malen har ekstern veileder: skriv hvem."))
        if (
            template
            and template.supervisor_category == SupervisorCategory.COLLEAGUE
            and not data.get("supervisor")
        ):
            self.add_error("supervisor", _("Malen har en kollega som veileder: velg hvem."))
        if template and template.form == Form.GROUP and len(data.get("persons") or []) < 2:
            self.add_error("persons", _("En gruppe må ha minst to deltakere."))
        return data


class TemplateForm(GuardedForm):
    """A template with up to three steps of frequency. Its goals are copied into each plan; its
    name and goals are checked by the guard (the model's)."""

    kinds = forms.MultipleChoiceField(
        label=_("Type veiledning"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    first_interval = forms.TypedChoiceField(label=_("Først"), choices=STEP_CHOICES, coerce=int)
    first_until_week = forms.IntegerField(
        label=_("… til uke (tom: hele tiden)"), required=False, min_value=1, max_value=104
    )
    second_interval = forms.TypedChoiceField(
        label=_("Så"),
        choices=[("", "–"), *STEP_CHOICES],
        coerce=int,
        required=False,
        empty_value=None,
    )
    second_until_week = forms.IntegerField(
        label=_("… til uke (tom: resten)"), required=False, min_value=1, max_value=104
    )
    third_interval = forms.TypedChoiceField(
        label=_("Deretter"),
        choices=[("", "–"), *STEP_CHOICES],
        coerce=int,
        required=False,
        empty_value=None,
    )

    class Meta:
        model = SupervisionTemplate
        fields = ["name", "form", "kinds", "supervisor_category", "goals", "for_new_employees"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        steps = (self.instance.steps if self.instance.pk else None) or [
            {"until_day": None, "interval_days": 14}
        ]
        names = [
            ("first_interval", "first_until_week"),
            ("second_interval", "second_until_week"),
            ("third_interval", None),
        ]
        for step, (interval_name, until_name) in zip(steps, names, strict=False):
            self.fields[interval_name].initial = step["interval_days"]
            if until_name and step["until_day"]:
                self.fields[until_name].initial = step["until_day"] // 7

    def clean(self):
        from laget.domain.supervision import steps_from_json

        data = super().clean()
        steps = [
            {
                "interval_days": data.get("first_interval"),
                "until_day": _days(data.get("first_until_week")),
            }
        ]
        if data.get("second_interval"):
            steps.append(
                {
                    "interval_days": data["second_interval"],
                    "until_day": _days(data.get("second_until_week")),
                }
            )
        if data.get("third_interval"):
            steps.append({"interval_days": data["third_interval"], "until_day": None})
        if steps[-1]["until_day"] is not None:
            steps[-1]["until_day"] = None  # the last step runs on
        try:
            steps_from_json(steps)
        except (ValueError, TypeError):
            raise forms.ValidationError(
                _(
                    "Ukene må komme etter hverandre, og bare det siste trinnet kan vare resten av tiden."
                )
            ) from None
        self.steps = steps
        return data

    def save(self, commit=True):
        template = super().save(commit=False)
        template.steps = self.steps
        if commit:
            template.save()
        return template


def _days(weeks: int | None) -> int | None:
    return None if weeks is None else weeks * 7


class DebriefForm(GuardedForm):
    class Meta:
        model = Debrief
        fields = ["person", "event_on", "event_kind", "offered_on", "held_on", "declined", "notes"]
        widgets = {"event_on": DateInput(), "offered_on": DateInput(), "held_on": DateInput()}

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in ("event_on", "offered_on", "held_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("Datoen kan ikke være fram i tid."))
        if (
            data.get("event_on")
            and data.get("offered_on")
            and data["offered_on"] < data["event_on"]
        ):
            self.add_error("offered_on", _("Debriefen kan ikke tilbys før hendelsen."))
        if data.get("held_on") and data.get("declined"):
            self.add_error("declined", _("En debrief som er holdt, er ikke avslått."))
        return data


class CheckInForm(forms.Form):
    q1 = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(1, 6)], coerce=int, widget=forms.RadioSelect
    )
    q2 = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(1, 6)], coerce=int, widget=forms.RadioSelect
    )
    q3 = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(1, 6)], coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        from laget.supervision.models import CHECK_IN_QUESTIONS

        super().__init__(*args, **kwargs)
        for name, question in zip(("q1", "q2", "q3"), CHECK_IN_QUESTIONS, strict=True):
            self.fields[name].label = question


class MentorForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Fadder"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = staff


class PauseForm(GuardedPlainForm):
    guarded_fields = ("reason",)
    person = forms.ModelChoiceField(label=_("Ansatt"), queryset=Person.objects.none())
    starts_on = forms.DateField(label=_("Fra"), widget=DateInput())
    ends_on = forms.DateField(label=_("Til"), widget=DateInput())
    reason = forms.CharField(
        label=_("Hvorfor (f.eks. foreldrepermisjon)"), max_length=120, required=False
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Slutten kan ikke være før starten."))
        return data


class OnboardingItemForm(GuardedForm):
    """An item a leader adds to the service's onboarding programme; every new employee's
    checklist gets it, so its title is checked like other free text (the model's guard)."""

    class Meta:
        model = OnboardingItem
        fields = ["title", "due_days", "responsible"]
        labels = {"title": _("Nytt punkt"), "due_days": _("Dager etter start")}


class RowFilterForm(forms.Form):
    """Narrow the overview's person table: part of a name, a unit, and those overdue or with
    onboarding items past their date (`vis`, as the start page links to it)."""

    navn = search_field(_("Søk på navn"))
    enhet = unit_filter_field()
    vis = forms.ChoiceField(
        label=_("Vis"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("forsinket", _("Forsinket veiledning")),
            ("introduksjon", _("Introduksjonspunkter over frist")),
        ],
    )

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = service.units.order_by("name")  # type: ignore[attr-defined]

    def filters(self) -> dict:
        """The valid filters as `selectors.rows_narrowed` takes them (a field that is not
        valid is left out and shows its error)."""
        if self.is_bound:
            self.is_valid()  # cleans every field; cleaned_data keeps those that are valid
        data = getattr(self, "cleaned_data", {})
        unit = data.get("enhet")
        return {
            "name": data.get("navn", ""),
            "unit_id": unit.pk if unit else None,
            "only": data.get("vis", ""),
        }
