from django import forms
from django.utils.translation import gettext_lazy as _

from laget.core.forms import GuardedPlainForm
from laget.core.validators import GUARD_REGISTER
from laget.people.models import Person


class PersonForm(forms.Form):
    """Basic details. A plain Form: a ModelForm would change the instance before the service
    has checked permission and computed what changed for the audit log."""

    given_name = forms.CharField(label=_("Fornavn"), max_length=100, validators=[GUARD_REGISTER])
    family_name = forms.CharField(label=_("Etternavn"), max_length=100, validators=[GUARD_REGISTER])
    email = forms.EmailField(label=_("E-post"), required=False)
    birth_year = forms.IntegerField(
        label=_("Fødselsår"), required=False, min_value=1940, max_value=2010
    )

    @classmethod
    def for_person(cls, person: Person, data=None) -> "PersonForm":
        initial = {field: getattr(person, field) for field in cls.base_fields}
        return cls(data, initial=initial)


class ProposalMessageForm(GuardedPlainForm):
    """The employee's comment to the leader with a proposed correction: free text a leader
    reads, so it is checked for case information."""

    guarded_fields = ("message",)
    message = forms.CharField(
        label=_("Kommentar til lederen (valgfritt)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )


class DecisionForm(GuardedPlainForm):
    """A leader's decision on a proposed correction, with the reason the employee reads."""

    guarded_fields = ("note",)
    decision = forms.ChoiceField(choices=[("approve", _("Godkjenn")), ("reject", _("Avvis"))])
    note = forms.CharField(label=_("Begrunnelse (valgfritt)"), required=False, max_length=500)
