from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from laget.people.roster.columns import COLUMNS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil fra HR-systemet"),
        help_text=_("Excel (.xlsx) eller CSV, én rad per ansatt. Høyst 10 MB."),
        validators=[
            FileExtensionValidator(
                ["xlsx", "csv", "txt"], message=_("Bare .xlsx- og .csv-filer kan importeres.")
            )
        ],
    )


class MappingForm(forms.Form):
    """One choice per template column: which of the file's columns holds it."""

    def __init__(self, *args, headers: list[str], initial_mapping: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(finnes ikke i filen)"))] + [
            (str(i), h or _("(kolonne %(n)d uten navn)") % {"n": i + 1})
            for i, h in enumerate(headers)
        ]
        for column in COLUMNS:
            position = initial_mapping.get(column.key)
            self.fields[column.key] = forms.ChoiceField(
                label=column.header,
                choices=choices,
                required=False,
                initial="" if position is None else str(position),
                help_text=column.help,
            )

    def mapping(self) -> dict[str, int | None]:
        return {
            key: (int(value) if value != "" else None) for key, value in self.cleaned_data.items()
        }
