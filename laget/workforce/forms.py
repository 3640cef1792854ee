from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.core.fields import search_field
from laget.core.forms import GuardedForm
from laget.people.models import RoleCategory
from laget.workforce.models import ExitInterview, ExitReason, Hire, Importance, Vacancy


class DateInput(forms.DateInput):
    input_type = "date"


class SickLeaveUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil med sykefravær per måned"),
        help_text=_("Excel (.xlsx) eller CSV fra lønns- eller HR-systemet. Høyst 10 MB."),
        validators=[
            FileExtensionValidator(
                ["xlsx", "csv", "txt"], message=_("Bare .xlsx- og .csv-filer kan importeres.")
            )
        ],
    )


def _not_in_future(value, message):
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class ExitInterviewForm(GuardedForm):
    """The structured exit interview: each reason rated, where they go, whether they would
    come back, and free text only when the employee agrees to it being stored."""

    guarded_fields = ("free_text",)
    store_free_text = forms.BooleanField(
        label=_("Den ansatte har sagt ja til at friteksten lagres"),
        required=False,
        help_text=_("Uten ja lagres ingen fritekst. Friteksten vises bare for leder og HR."),
    )

    class Meta:
        model = ExitInterview
        fields = ["held_on", "destination", "would_return", "free_text"]
        widgets = {"held_on": DateInput(), "free_text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, employment, **kwargs):
        super().__init__(*args, **kwargs)
        self.employment = employment
        for reason, label in ExitReason.choices:
            self.fields[f"reason_{reason}"] = forms.TypedChoiceField(
                label=label,
                choices=Importance.choices,
                coerce=int,
                initial=Importance.NONE,
                required=False,
                empty_value=int(Importance.NONE),
            )

    def reason_fields(self):
        return [self[f"reason_{reason}"] for reason, _label in ExitReason.choices]

    def other_fields(self):
        return [self[name] for name in ("held_on", "destination", "would_return")]

    def clean_held_on(self):
        held_on = _not_in_future(
            self.cleaned_data["held_on"], _("Samtalen kan ikke være holdt fram i tid.")
        )
        if held_on < self.employment.start_date:
            raise forms.ValidationError(_("Samtalen kan ikke være før ansettelsen begynte."))
        return held_on

    def clean(self):
        data = super().clean()
        if data.get("free_text", "").strip() and not data.get("store_free_text"):
            self.add_error(
                "free_text",
                _(
                    "Den ansatte har ikke sagt ja til at friteksten lagres. Fjern teksten, "
                    "eller kryss av for ja."
                ),
            )
        return data

    def ratings(self) -> dict[str, int]:
        return {reason: self.cleaned_data[f"reason_{reason}"] for reason, _l in ExitReason.choices}


class VacancyForm(GuardedForm):
    """A vacancy: its title is checked as a title (the model's guard)."""

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "role_category",
            "requirement",
            "positions",
            "advertised_on",
            "applicants",
            "qualified_applicants",
            "filled_on",
            "closed_on",
        ]
        widgets = {
            "advertised_on": DateInput(),
            "filled_on": DateInput(),
            "closed_on": DateInput(),
        }

    def clean_advertised_on(self):
        return _not_in_future(
            self.cleaned_data["advertised_on"], _("Utlysningsdatoen kan ikke være fram i tid.")
        )

    def clean_filled_on(self):
        return _not_in_future(
            self.cleaned_data["filled_on"], _("Stillingen kan ikke være besatt fram i tid.")
        )

    def clean(self):
        data = super().clean()
        applicants, qualified = data.get("applicants"), data.get("qualified_applicants")
        if applicants is not None and qualified is not None and qualified > applicants:
            self.add_error(
                "qualified_applicants",
                _("Det kan ikke være flere kvalifiserte søkere enn søkere."),
            )
        advertised = data.get("advertised_on")
        for name in ("filled_on", "closed_on"):
            value = data.get(name)
            if advertised and value and value < advertised:
                self.add_error(name, _("Datoen kan ikke være før stillingen ble utlyst."))
        if data.get("filled_on") and data.get("closed_on"):
            self.add_error("closed_on", _("En stilling er enten besatt eller trukket, ikke begge."))
        return data


class HireForm(forms.ModelForm):
    class Meta:
        model = Hire
        fields = ["source", "experience_years", "has_master"]

    def __init__(self, *args, vacancy, **kwargs):
        super().__init__(*args, **kwargs)
        self.vacancy = vacancy

    def clean_experience_years(self):
        years = self.cleaned_data["experience_years"]
        if not 0 <= years <= 50:
            raise forms.ValidationError(_("Erfaring må være mellom 0 og 50 år."))
        return years

    def clean(self):
        data = super().clean()
        if self.vacancy.hires.count() >= self.vacancy.positions:
            raise forms.ValidationError(
                _("Alle %(n)d stillinger i utlysningen har alt en ansettelse registrert.")
                % {"n": self.vacancy.positions}
            )
        return data


class VacancyFilterForm(forms.Form):
    """Narrow the vacancy list: words of the title, a status, a role category."""

    stilling = search_field(_("Søk på stilling"))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("ledig", _("Ledig")),
            ("besatt", _("Besatt")),
            ("trukket", _("Trukket")),
        ],
    )
    rolle = forms.ChoiceField(
        label=_("Rollekategori"),
        required=False,
        choices=[("", _("Alle")), *RoleCategory.choices],
    )

    def filters(self) -> dict:
        """The valid filters as `vacancies.vacancies_list` takes them (a field that is not
        valid is left out and shows its error)."""
        if self.is_bound:
            self.is_valid()  # cleans every field; cleaned_data keeps those that are valid
        data = getattr(self, "cleaned_data", {})
        return {
            "title": data.get("stilling", ""),
            "status": data.get("status", ""),
            "role": data.get("rolle", ""),
        }
