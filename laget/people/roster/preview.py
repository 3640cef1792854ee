"""What an import will do, person by person, for the leader checking the file before importing:
new, unchanged, or changed with every field's old and new value. Shown on the page only; the
audit entry keeps field names, never values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class PersonPreview:
    employee_number: str
    name: str
    change: str  # NEW, CHANGED or UNCHANGED
    fields: list[FieldChange] = field(default_factory=list)


def shown(model, name: str, value, units: dict[int, str]) -> str:
    """A stored or incoming value as the page shows it."""
    if value is None or value == "":
        return "–"
    if name == "unit_id":
        return units.get(value, "–")
    choices = dict(model._meta.get_field(name).flatchoices)
    if value in choices:
        return str(choices[value])
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return number_format(value.normalize(), use_l10n=True)
    return str(value)


def field_changes(obj, changes: dict, units: dict[int, str]) -> list[FieldChange]:
    """Each changed field of a person or an employment (before the change is set on it) with
    its value before and after."""
    model = type(obj)
    return [
        FieldChange(
            label=str(model._meta.get_field("unit" if key == "unit_id" else key).verbose_name),
            old=shown(model, key, getattr(obj, key), units),
            new=shown(model, key, value, units),
        )
        for key, value in changes.items()
    ]


def records_change() -> FieldChange:
    return FieldChange(
        label=_("utdanning, videreutdanning og erfaring"),
        old=_("som registrert"),
        new=_("som i filen"),
    )
