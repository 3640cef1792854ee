"""Form fields shared by the apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from laget.domain.ranges import DATABASE_ID


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
