from django import forms
from django.utils.translation import gettext_lazy as _

from laget.core.forms import GuardedForm
from laget.core.validators import GUARD_PUBLIC
from laget.reports.models import Comparison, ReportComment, StatusReport

TEXT_HELP = _(
    "Tom linje gir nytt avsnitt. Linjer som begynner med «- » blir en punktliste. Rapporten er "
    "offentlig: ingen navn på ansatte, barn eller familier, og ingen saksopplysninger."
)


class NewReportForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Kommune rapporten gjelder"))
    year = forms.TypedChoiceField(label=_("År"), coerce=int)
    comparisons = forms.MultipleChoiceField(
        label=_("Sammenlign med"),
        choices=Comparison.choices,
        required=False,
        initial=[Comparison.COUNTY.value, Comparison.NATIONAL.value],
    )

    def __init__(self, *args, service, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [
            (m.pk, m.name) for m in service.municipalities.order_by("name")
        ]
        self.fields["year"].choices = [(y, str(y)) for y in (today.year, today.year - 1)]


class ComparisonsForm(forms.Form):
    comparisons = forms.MultipleChoiceField(
        label=_("Sammenlign med"), choices=Comparison.choices, required=False
    )


class SectionForm(GuardedForm):
    """One section's own text, checked for names and identity numbers before it is saved."""

    guarded_fields = ("text",)
    guard = GUARD_PUBLIC
    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=TEXT_HELP,
    )

    class Meta:
        model = StatusReport
        fields: list[str] = []


class CommentForm(GuardedForm):
    """A comment on a chapter: its text and the writer's title are checked as public text
    (the model's guards)."""

    class Meta:
        model = ReportComment
        fields = ["section_key", "author_title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 3000})}

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_key"] = forms.ChoiceField(
            label=_("Kapittel"),
            choices=[(s["key"], f"{s['number']} {s['title']}") for s in sections],
        )


class AnswerForm(GuardedForm):
    """An answer in a comment's thread: checked as public text, as a comment is."""

    class Meta:
        model = ReportComment
        fields = ["text"]
        labels = {"text": _("Svar")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": 3000})}


class RoundForm(forms.Form):
    """The comment round's last day, asked for when the report is sent on it."""

    comments_due = forms.DateField(
        label=_("Kommentarfrist"), widget=forms.DateInput(attrs={"type": "date"})
    )


class SentForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Sendt kommunestyret"), widget=forms.DateInput(attrs={"type": "date"})
    )
    council_reference = forms.CharField(
        label=_("Saksnummer"), max_length=60, required=False, validators=[GUARD_PUBLIC]
    )
