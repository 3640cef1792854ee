from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.competence.text import STATUS_ORDER, STATUS_SHORT_LABELS
from laget.core.fields import search_field
from laget.core.forms import GuardedForm
from laget.planning.models import NEED_AREAS, CareerPlan, CompetencePlan, Measure, MeasureKind


class DateInput(forms.DateInput):
    input_type = "date"


class NewPlanForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2020, max_value=2040)


class MappingForm(GuardedForm):
    guarded_fields = ("mapping_notes",)
    other_needs = forms.MultipleChoiceField(
        label=_("Andre kompetansebehov"),
        choices=NEED_AREAS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CompetencePlan
        fields = ["other_needs", "mapping_notes"]


class NeedForm(GuardedForm):
    guarded_fields = ("future_need",)

    class Meta:
        model = CompetencePlan
        fields = ["future_need", "horizon_year"]

    def clean_horizon_year(self):
        year = self.cleaned_data["horizon_year"]
        if year is not None and not self.instance.year <= year <= self.instance.year + 10:
            raise forms.ValidationError(_("Tidshorisonten må være mellom planåret og ti år fram."))
        return year


class EvaluationForm(GuardedForm):
    guarded_fields = ("evaluation",)

    class Meta:
        model = CompetencePlan
        fields = ["evaluation"]


PHASE_FORMS = {"mapping": MappingForm, "need": NeedForm, "evaluation": EvaluationForm}


class MeasureForm(GuardedForm):
    """A measure in the plan: its title and provider are checked as titles (the model's
    guards), and the writer may confirm past a warning."""

    class Meta:
        model = Measure
        fields = [
            "kind",
            "person",
            "title",
            "provider",
            "credits",
            "semester",
            "ends_on",
            "cost",
            "application_deadline",
            "grant_deadline",
            "grant_outcome",
            "substitute_cover",
        ]
        widgets = {
            "ends_on": DateInput(),
            "application_deadline": DateInput(),
            "grant_deadline": DateInput(),
        }

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff
        self.fields["person"].required = False

    def clean(self):
        data = super().clean()
        kind, person, ends_on, credits = (
            data.get("kind"),
            data.get("person"),
            data.get("ends_on"),
            data.get("credits"),
        )
        semester = data.get("semester") or ""
        if semester and not (len(semester) == 5 and semester[0] in "HV" and semester[1:].isdigit()):
            self.add_error("semester", _("Skriv semesteret som H2027 (høst) eller V2028 (vår)."))
        if kind in (MeasureKind.FURTHER_EDUCATION, MeasureKind.MASTER):
            if person is None:
                self.add_error("person", _("Velg hvem studiet gjelder."))
            if ends_on is None:
                self.add_error("ends_on", _("Oppgi når studiet er ferdig."))
            elif ends_on < timezone.localdate():
                self.add_error("ends_on", _("Et planlagt studium kan ikke være ferdig i fortiden."))
        if kind == MeasureKind.FURTHER_EDUCATION and not credits:
            self.add_error("credits", _("Oppgi studiepoeng for videreutdanningen."))
        if credits is not None and not 0 < credits <= 300:
            self.add_error("credits", _("Studiepoeng må være over 0 og høyst 300."))
        return data


class CareerPlanForm(GuardedForm):
    guarded_fields = ("goals", "development")

    class Meta:
        model = CareerPlan
        fields = ["goals", "development", "agreed_on"]
        widgets = {"agreed_on": DateInput()}

    def clean_agreed_on(self):
        agreed_on = self.cleaned_data["agreed_on"]
        if agreed_on and agreed_on > timezone.localdate():
            raise forms.ValidationError(
                _("Datoen for medarbeidersamtalen kan ikke være fram i tid.")
            )
        return agreed_on


class PipelineFilterForm(forms.Form):
    """Narrow the further-education list: part of a name, a status, those not yet applied."""

    navn = search_field(_("Søk på navn"))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *((s.key, STATUS_SHORT_LABELS[s]) for s in STATUS_ORDER)],
    )
    ikke_sokt = forms.BooleanField(label=_("Bare de som ikke har søkt"), required=False)

    def filters(self) -> dict:
        """The valid filters as `pipeline_narrowed` takes them (a field that is not valid is
        left out and shows its error)."""
        if self.is_bound:
            self.is_valid()  # cleans every field; cleaned_data keeps those that are valid
        data = getattr(self, "cleaned_data", {})
        return {
            "name": data.get("navn", ""),
            "status": data.get("status", ""),
            "not_applied": data.get("ikke_sokt", False),
        }
