"""Forms shared by the apps."""

from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.domain.case_guard import Finding, find_case_information


class GuardedForm(forms.ModelForm):
    """A form with free text checked for case information before it is saved. When the guard
    finds something, the form is refused with the findings until the writer confirms."""

    guarded_fields: tuple[str, ...] = ()
    #: what the text is checked with: case information by default
    finder: Callable[[str], list[Finding]] = staticmethod(find_case_information)
    confirm_no_case_information = forms.BooleanField(
        label=_(
            "Jeg har sjekket: teksten inneholder ingen opplysninger som kan identifisere en sak"
        ),
        required=False,
    )

    def clean(self):
        data = super().clean()
        self.guard_findings = [
            finding.message
            for name in self.guarded_fields
            for finding in self.finder(data.get(name) or "")
        ]
        if self.guard_findings and not data.get("confirm_no_case_information"):
            raise forms.ValidationError(
                _(
                    "Teksten kan inneholde opplysninger som identifiserer en sak. Fjern dem, "
                    "eller bekreft at den ikke gjør det."
                ),
                code="case_information",
            )
        return data

    @property
    def overridden(self) -> bool:
        return bool(self.guard_findings) and bool(
            self.cleaned_data.get("confirm_no_case_information")
        )
