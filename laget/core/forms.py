"""Forms shared by the apps."""

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from laget.core.validators import GUARD_NOTES, CaseGuard, case_guard_of
from laget.domain.case_guard import Finding, kinds_of


class CaseGuardMixin:
    """Free text checked for case information before it is saved. When the guard finds
    something, the form is refused with the findings until the writer confirms. For the page:
    `guard_messages`; for the audit log: `guard_kinds` (never the text).

    The fields checked: those in `guarded_fields` (with the form's `guard`), and in a model
    form every field whose model field carries a guard the writer may confirm past (with that
    guard), so a text field given a guard in the model is checked here too."""

    guarded_fields: tuple[str, ...] = ()
    #: what the listed fields are checked with: as strictly as notes by default
    guard: CaseGuard = GUARD_NOTES
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

    @property
    def guards(self) -> dict[str, CaseGuard]:
        """Each field this form checks, with the guard it is checked with."""
        found = dict.fromkeys(self.guarded_fields, self.guard)
        model = getattr(getattr(self, "_meta", None), "model", None)
        if model is not None:
            for name in self.fields:  # type: ignore[attr-defined]
                try:
                    guard = case_guard_of(model._meta.get_field(name))
                except FieldDoesNotExist:
                    continue
                if guard is not None and guard.confirmable:
                    found[name] = guard
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        self.guard_findings = [
            finding
            for name, guard in self.guards.items()
            for finding in guard.find(str(data.get(name) or ""))
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

    def _get_validation_exclusions(self) -> set[str]:
        """The model's own guard would refuse what the writer confirmed past: the fields
        checked above are not checked again by the model's validators."""
        excluded = super()._get_validation_exclusions()  # type: ignore[misc]
        return excluded | set(self.guards)

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
