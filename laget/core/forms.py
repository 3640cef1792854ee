"""Forms shared by the apps."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.domain.case_guard import Finding, find_case_information, kinds_of


class CaseGuardMixin:
    """Free text checked for case information before it is saved. When the guard finds
    something, the form is refused with the findings until the writer confirms. For the page:
    `guard_messages`; for the audit log: `guard_kinds` (never the text)."""

    guarded_fields: tuple[str, ...] = ()
    #: what the text is checked with: case information by default
    finder: Callable[[str], list[Finding]] = staticmethod(find_case_information)
    guard_findings: list[Finding]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard_findings = []
        self.fields["confirm_no_case_information"] = forms.BooleanField(  # type: ignore[attr-defined]
            label=_(
                "Jeg har sjekket: teksten inneholder ingen opplysninger som kan identifisere en sak"
            ),
            required=False,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        self.guard_findings = [
            finding for name in self.guarded_fields for finding in self.finder(data.get(name) or "")
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
    def guard_messages(self) -> list[str]:
        """What the guard found, for the writer: «Ser ut som et fødselsnummer: «…»»."""
        return [finding.message for finding in self.guard_findings]

    @property
    def guard_kinds(self) -> list[str]:
        """The kinds of what the guard found («fnr», «name»), each once."""
        return kinds_of(self.guard_findings)

    @property
    def overridden(self) -> bool:
        """The guard warned and the writer confirmed that the text holds no case information."""
        return bool(self.guard_findings) and bool(
            self.cleaned_data.get("confirm_no_case_information")  # type: ignore[attr-defined]
        )

    @property
    def override_kinds(self) -> list[str]:
        """The kinds the writer confirmed past; empty when nothing was overridden."""
        return self.guard_kinds if self.overridden else []


class GuardedForm(CaseGuardMixin, forms.ModelForm):
    """A model form with guarded free text."""


class GuardedPlainForm(CaseGuardMixin, forms.Form):
    """A plain form with guarded free text."""
