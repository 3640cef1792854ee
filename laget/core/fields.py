"""Form fields shared by the apps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from laget.domain.ranges import DATABASE_ID

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, with ids beyond the database's integer range refused as invalid
    choices: a filter on such an id overflows the database driver (a 500) instead of
    finding nothing."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value if isinstance(value, list | tuple) else ():
                try:
                    in_range = DATABASE_ID.contains(int(str(pk)))
                except ValueError:
                    continue  # Django's own check explains a value that is not a number
                if not in_range:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": str(pk)[:20]},
                    )
        return super()._check_values(value)


class UnitChoiceField(forms.ModelChoiceField):
    """One of a service's units, named without the service (a filter on the service's page)."""

    def label_from_instance(self, obj) -> str:
        return obj.name


def search_field(label: str | _StrPromise) -> forms.CharField:
    """A list's free-text search («Søk på navn»): optional, trimmed, bounded."""
    return forms.CharField(
        label=label, required=False, max_length=100, strip=True, widget=forms.SearchInput
    )


def group_by_unit(field: forms.Field, unit_of: dict[int, str]) -> None:
    """Show a person field's choices in `<optgroup>`s by the unit each person works in
    (`unit_of`: person id → unit name), units by name, those without one last. The field still
    validates against its queryset; a service without units keeps its plain list."""
    without = _("Uten enhet")
    first: list = []
    groups: dict[str, list] = {}
    choices: list = list(field.choices)  # type: ignore[attr-defined]
    for value, label in choices:
        if value == "":
            first.append((value, label))
        else:
            pk: int = getattr(value, "value", value)  # a ModelChoiceIteratorValue
            groups.setdefault(unit_of.get(pk) or without, []).append((value, label))
    if len(groups) > 1:
        ordered = sorted(groups.items(), key=lambda item: (item[0] == without, item[0]))
        field.choices = first + ordered  # type: ignore[attr-defined]
