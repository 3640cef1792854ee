from django import forms
from django.utils.translation import gettext_lazy as _

from laget.competence.text import STATUS_LABELS, STATUS_ORDER


class PersonFilterForm(forms.Form):
    """Narrow a service's person list: part of a name, one status."""

    navn = forms.CharField(label=_("Navn"), required=False, max_length=100, strip=True)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle"))] + [(s.key, STATUS_LABELS[s]) for s in STATUS_ORDER],
    )
