from django import forms
from django.utils.translation import gettext_lazy as _

from laget.competence.models import Exemption
from laget.competence.text import STATUS_LABELS, STATUS_ORDER
from laget.core.forms import GuardedForm
from laget.domain.competence import RuleSet
from laget.people.models import RoleCategory


class PersonFilterForm(forms.Form):
    """Narrow a service's person list: part of a name, one status."""

    navn = forms.CharField(label=_("Navn"), required=False, max_length=100, strip=True)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle"))] + [(s.key, STATUS_LABELS[s]) for s in STATUS_ORDER],
    )


class ScopeForm(forms.Form):
    """Which of the roles the rule set leaves to the municipality the requirement covers here."""

    roles = forms.MultipleChoiceField(
        label=_("Kravet gjelder også for"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, rules: RuleSet, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(RoleCategory.choices)
        self.fields["roles"].choices = [  # type: ignore[attr-defined]
            (role, labels[role]) for role in RoleCategory.values if role in rules.optional_roles
        ]


class ExemptionForm(GuardedForm):
    """An exemption the municipality was granted: for a person or a position."""

    guarded_fields = ("conditions", "document_reference", "position_title", "granted_by")

    class Meta:
        model = Exemption
        fields = [
            "person",
            "position_title",
            "granted_by",
            "granted_on",
            "valid_from",
            "valid_until",
            "conditions",
            "document_reference",
        ]
        widgets = {
            "granted_on": forms.DateInput(attrs={"type": "date"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "conditions": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff
        self.fields["person"].label_from_instance = lambda p: p.full_name
        for name in ("granted_on", "valid_from", "valid_until"):
            self.fields[name].widget.format = "%Y-%m-%d"
