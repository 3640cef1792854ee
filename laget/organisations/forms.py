from django import forms
from django.utils.translation import gettext_lazy as _

from laget.organisations.models import County, LearningNetwork


class OverviewFilterForm(forms.Form):
    county = forms.ModelChoiceField(
        queryset=County.objects.all(),
        required=False,
        label=_("Fylke"),
        empty_label=_("Alle fylker"),
        to_field_name="number",
    )
    network = forms.ModelChoiceField(
        queryset=LearningNetwork.objects.all(),
        required=False,
        label=_("Læringsnettverk"),
        empty_label=_("Alle nettverk"),
    )
