from django import forms
from django.utils.translation import gettext_lazy as _

from laget.accounts import access
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

    def __init__(self, *args, user, flagged=(), **kwargs):
        """Only the counties and networks that hold a service the user sees: Trøndelag's
        county governor is not offered the other fourteen counties. `flagged`: the sets of
        services «Dette bør dere se på» names (`laget.organisations.attention`), each a choice
        of what to show (the services' overview only)."""
        super().__init__(*args, **kwargs)
        if flagged:
            self.fields["vis"] = forms.ChoiceField(
                label=_("Vis"),
                required=False,
                choices=[("", _("Alle tjenester")), *((f.key, f.choice) for f in flagged)],
            )
        services = access.services_visible(user)
        self.fields["county"].queryset = County.objects.filter(
            municipalities__services__in=services
        ).distinct()
        self.fields["network"].queryset = LearningNetwork.objects.filter(
            services__in=services
        ).distinct()
