from django import forms
from django.utils.translation import gettext_lazy as _

from laget.accounts import access
from laget.competence.text import STATUS_ORDER, STATUS_SHORT_LABELS
from laget.core.fields import UnitChoiceField, search_field
from laget.domain.competence import Status
from laget.organisations.models import County, LearningNetwork, Service, ServiceUnit
from laget.people.models import RoleCategory


def unit_filter_field() -> UnitChoiceField:
    """A list's unit filter; the form sets the service's units as its queryset."""
    return UnitChoiceField(
        label=_("Enhet"), queryset=ServiceUnit.objects.none(), required=False, empty_label=_("Alle")
    )


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


#: The staff list's sort keys as they stand in the address («-» first: descending).
STAFF_SORTS = ("navn", "enhet", "startdato")


class StaffFilterForm(forms.Form):
    """Narrow and order a service's staff list: part of a name, a unit, a role category, a
    status against the competence requirement; sorted by name, unit or start date."""

    navn = search_field(_("Søk på navn"))
    enhet = unit_filter_field()
    rolle = forms.ChoiceField(label=_("Rollekategori"), required=False)
    status = forms.ChoiceField(
        label=_("Kompetansekravet"),
        required=False,
        choices=[("", _("Alle"))]
        + [(s.key, STATUS_SHORT_LABELS[s]) for s in [*STATUS_ORDER, Status.NOT_SUBJECT]],
    )
    sorter = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in STAFF_SORTS for key in (name, f"-{name}")],
    )

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = service.units.order_by("name")  # type: ignore[attr-defined]
        self.fields["rolle"].choices = [("", _("Alle")), *RoleCategory.choices]  # type: ignore[attr-defined]

    def filters(self) -> dict:
        """The valid filters as the selector takes them (a field that is not valid is left out
        and shows its error)."""
        if self.is_bound:
            self.is_valid()  # cleans every field; cleaned_data keeps those that are valid
        data = getattr(self, "cleaned_data", {})
        status = data.get("status")
        return {
            "name": data.get("navn", ""),
            "unit": data.get("enhet"),
            "role": data.get("rolle", ""),
            "status": Status[status.upper()] if status else None,
            "order": data.get("sorter") or "navn",
        }
