"""Forms for education, further education and prior experience (leaders add them; employees
propose them for their own record)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.core.forms import GuardedForm
from laget.people.models import (
    Education,
    Employment,
    FurtherEducation,
    FurtherEducationStatus,
    Person,
    PriorExperience,
)


class DateInput(forms.DateInput):
    input_type = "date"


class SuggestingInput(forms.TextInput):
    """A text input with suggestions (an HTML datalist): any text may still be written."""

    def __init__(self, *args, datalist: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.datalist = datalist


def _suggest_from_list(form: forms.ModelForm, name: str, kinds: tuple[str, ...]) -> None:
    """Suggestions from the list of relevant education on `name`, and help on «relevant»
    that says the list decides for what is on it."""
    from laget.competence.relevance import relevance_list

    listed = relevance_list()
    form.fields[name].widget = SuggestingInput(
        attrs=form.fields[name].widget.attrs,
        datalist=tuple(e.name for kind in kinds for e in listed.of_kind(kind)),
    )
    form.fields[name].help_text = _(
        "Forslagene er Lagets liste over relevant utdanning (versjon %(version)s), med kilde "
        "for hver. Står utdanningen på listen, teller den som relevant."
    ) % {"version": listed.version}
    form.fields["relevant"].help_text = _(
        "Bare for utdanning som ikke står på listen: din vurdering av om den er relevant for "
        "barnevern. Personens side viser hvorfor en utdanning teller eller ikke."
    )


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["level", "field", "relevant", "institution", "completed_on", "expected_on"]
        widgets = {"completed_on": DateInput(), "expected_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _suggest_from_list(self, "field", ("bachelor", "master"))

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        completed, expected = data.get("completed_on"), data.get("expected_on")
        if data.get("level") != "none" and not completed and not expected:
            self.add_error(
                "completed_on",
                _("Oppgi når utdanningen ble fullført, eller forventet fullført om den pågår."),
            )
        if completed and expected:
            self.add_error(
                "expected_on", _("Oppgi enten fullført eller forventet fullført, ikke begge.")
            )
        if completed and completed > today:
            self.add_error(
                "completed_on",
                _("Fullført-datoen kan ikke være fram i tid; bruk «forventet fullført»."),
            )
        if expected and expected < today:
            self.add_error(
                "expected_on", _("Forventet fullført er passert; oppgi datoen den ble fullført.")
            )
        return data


class FurtherEducationForm(forms.ModelForm):
    class Meta:
        model = FurtherEducation
        fields = [
            "course",
            "provider",
            "credits",
            "relevant",
            "status",
            "waitlist_position",
            "starts_on",
            "ends_on",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _suggest_from_list(self, "course", ("further",))

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        status, ends_on, credits = data.get("status"), data.get("ends_on"), data.get("credits")
        if credits is not None and not 0 < credits <= 300:
            self.add_error("credits", _("Studiepoeng må være over 0 og høyst 300."))
        if (
            status
            and status not in (FurtherEducationStatus.FAILED, FurtherEducationStatus.WITHDRAWN)
            and not ends_on
        ):
            self.add_error("ends_on", _("Oppgi når videreutdanningen er (eller ble) ferdig."))
        if status == FurtherEducationStatus.COMPLETED and ends_on and ends_on > today:
            self.add_error("ends_on", _("En fullført videreutdanning kan ikke slutte fram i tid."))
        starts_on = data.get("starts_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Slutt kan ikke være før start."))
        return data


class PriorExperienceForm(forms.ModelForm):
    class Meta:
        model = PriorExperience
        fields = ["months", "employer"]

    def clean_months(self):
        months = self.cleaned_data["months"]
        if not 0 < months <= 600:
            raise forms.ValidationError(_("Oppgi mellom 1 og 600 måneder."))
        return months


#: URL name of a kind -> (proposal kind, form, title)
KINDS: dict[str, tuple[str, type[forms.ModelForm], Any]] = {
    "utdanning": ("education", EducationForm, _("Utdanning")),
    "videreutdanning": ("further_education", FurtherEducationForm, _("Videreutdanning")),
    "erfaring": ("prior_experience", PriorExperienceForm, _("Tidligere barnevernserfaring")),
}
FORM_BY_PROPOSAL_KIND = {kind: form for kind, form, _title in KINDS.values()}


def json_ready(data: dict) -> dict:
    """Cleaned form data as JSON values (dates as ISO text, numbers as text)."""
    ready: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, date):
            ready[key] = value.isoformat()
        elif value is None or isinstance(value, bool | str):
            ready[key] = value
        else:
            ready[key] = str(value)
    return ready


class EmploymentForm(GuardedForm):
    """An employment in one service; units are limited to that service's. The position title
    and the end reason are checked as titles (the writer may confirm past a warning), the
    employee number as register text (refused: it never holds a date or an identity
    number)."""

    class Meta:
        model = Employment
        fields = [
            "employee_number",
            "position_title",
            "role_category",
            "unit",
            "fte_percent",
            "start_date",
            "end_date",
            "end_reason",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["unit"].queryset = service.units.all()

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        fte, start, end = data.get("fte_percent"), data.get("start_date"), data.get("end_date")
        if fte is not None and not 0 < fte <= 100:
            self.add_error("fte_percent", _("Stillingsprosent må være over 0 og høyst 100."))
        if start and start > today:
            self.add_error(
                "start_date",
                _("Startdatoen kan ikke være fram i tid; registrer nyansatte når de begynner."),
            )
        if start and end and end < start:
            self.add_error("end_date", _("Sluttdato kan ikke være før startdato."))
        if data.get("end_reason") and not end:
            self.add_error("end_reason", _("Oppgi sluttdato sammen med sluttårsak."))
        number = data.get("employee_number")
        if number:
            clash = Employment.objects.filter(service=self.service, employee_number=number).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                self.add_error(
                    "employee_number", _("Ansattnummeret er allerede brukt i tjenesten.")
                )
        return data


class NewPersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["given_name", "family_name", "email", "birth_year"]
