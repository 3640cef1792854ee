from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.domain.projection.capacity import REPORT_2022


class CapacityForm(forms.Form):
    """The scenario, with shares as percentages (what people type); defaults from the report."""

    staff_subject_to_requirement = forms.IntegerField(
        label=_("Ansatte omfattet av kravet"), min_value=0, max_value=100_000
    )
    staff_with_master = forms.IntegerField(
        label=_("…av dem med master"), min_value=0, max_value=100_000
    )
    share_of_bachelors_with_further_education = forms.IntegerField(
        label=_("Bachelorer med relevant videreutdanning (%)"), min_value=0, max_value=100
    )
    further_education_completions_per_year = forms.IntegerField(
        label=_("Fullførte videreutdanninger per år"), min_value=0, max_value=10_000
    )
    share_of_completions_already_qualified = forms.IntegerField(
        label=_("Av dem: oppfylte kravet fra før (%)"), min_value=0, max_value=100
    )
    annual_turnover = forms.IntegerField(label=_("Turnover per år (%)"), min_value=0, max_value=100)
    master_graduates_per_year = forms.IntegerField(
        label=_("Nye relevante mastere per år"), min_value=0, max_value=10_000
    )
    first_year = forms.IntegerField(label=_("Første år"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Frist"), widget=forms.DateInput(attrs={"type": "date"}))

    PERCENT_FIELDS = (
        "share_of_bachelors_with_further_education",
        "share_of_completions_already_qualified",
        "annual_turnover",
    )

    @classmethod
    def initial_values(cls) -> dict:
        return {
            k: round(cast(float, v) * 100) if k in cls.PERCENT_FIELDS else v
            for k, v in REPORT_2022.items()
        }

    def scenario_data(self) -> dict:
        data = dict(self.cleaned_data)
        for key in self.PERCENT_FIELDS:
            data[key] = data[key] / 100
        data["deadline"] = data["deadline"].isoformat()
        return data


class ForecastForm(forms.Form):
    """What a leader may vary in the service projection (percentages as people type them)."""

    annual_turnover = forms.IntegerField(
        label=_("Turnover per år (%)"), min_value=0, max_value=100, required=False
    )
    completion_probability = forms.IntegerField(
        label=_("Andel som fullfører planlagte studier (%)"),
        min_value=0,
        max_value=100,
        required=False,
    )
    replacements_with_master = forms.IntegerField(
        label=_("Andel nyansatte med master (%)"), min_value=0, max_value=100, required=False
    )
    runs = forms.IntegerField(
        label=_("Antall simuleringer"), min_value=100, max_value=10_000, required=False
    )

    def changes(self) -> dict:
        """Parameter overrides for the fields filled in (shares as 0–1)."""
        changes: dict = {}
        for name, value in self.cleaned_data.items():
            if value is None:
                continue
            changes[name] = value if name == "runs" else value / 100
        return changes
