"""The annual status report to the municipal council (tilstandsrapport).

A report belongs to a service, one municipality it serves and a year. Its sections follow a
version of Bufdir's template, stored as data (`ReportTemplate`), so a new template version is
a new row, not new code. The author's text lives in `texts` (section key -> text); every save
and every change of status adds a `ReportRevision`. When the report is finalised, the figures
it shows are frozen in `snapshot`, so it can be produced again exactly as it was sent.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from laget.core.validators import GUARD_PUBLIC
from laget.organisations.models import Municipality, Service


class ReportTemplate(models.Model):
    """One version of the template: sections with number, title, level, guidance and the
    generated blocks each shows."""

    version = models.CharField(_("versjon"), max_length=40, unique=True)
    title = models.CharField(_("tittel"), max_length=200)
    valid_from = models.DateField(_("gjelder fra"))
    source = models.CharField(_("kilde"), max_length=300)
    sections = models.JSONField(_("seksjoner"))

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("mal for tilstandsrapport")
        verbose_name_plural = _("maler for tilstandsrapport")

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    @classmethod
    def in_force(cls, day: date) -> ReportTemplate:
        template = cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        if template is None:
            raise cls.DoesNotExist(f"Ingen mal for tilstandsrapport gjelder {day}")
        return template

    def section(self, key: str) -> dict | None:
        return next((s for s in self.sections if s["key"] == key), None)


TEMPLATES = Path(__file__).resolve().parent / "data"


def bundled_templates_load(*, model=None, only: tuple[str, ...] = ()) -> int:
    """Register the template versions shipped in data/ that are missing (never changes an
    existing version: a new template is a new file). The data migration passes its historical
    model; the demo calls it too, as tests flush the tables."""
    model = model or ReportTemplate
    created = 0
    for path in sorted(TEMPLATES.glob("*.json")):
        if only and path.name not in only:
            continue  # a migration loads the versions of its own time
        data = json.loads(path.read_text(encoding="utf-8"))
        _, was_created = model.objects.get_or_create(
            version=data["version"],
            defaults={
                "title": data["title"],
                "valid_from": date.fromisoformat(data["valid_from"]),
                "source": data["source"],
                "sections": data["sections"],
            },
        )
        created += was_created
    return created


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    COMMENTS = "comments", _("Kommentarrunde")
    FINAL = "final", _("Endelig")
    SENT = "sent", _("Sendt kommunestyret")


class Comparison(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunens sykefravær (alle tjenester)")
    COUNTY = "county", _("Barneverntjenestene i fylket")
    NATIONAL = "national", _("Barneverntjenestene i landet")


class StatusReport(models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="status_reports", verbose_name=_("tjeneste")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("kommune")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("mal")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    texts = models.JSONField(_("tekster"), default=dict, blank=True)
    comparisons = models.JSONField(_("sammenligninger"), default=list, blank=True)
    snapshot = models.JSONField(
        _("tallgrunnlag frosset ved ferdigstilling"), null=True, blank=True, editable=False
    )
    #: the last day of the comment round, set when the report is sent on it
    comments_due = models.DateField(_("kommentarfrist"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("ferdigstilt"), null=True, blank=True)
    sent_on = models.DateField(_("sendt kommunestyret"), null=True, blank=True)
    council_reference = models.CharField(
        _("saksnummer"), max_length=60, blank=True, validators=[GUARD_PUBLIC]
    )
    #: the small-number check of the published figures (see `laget.reports.audit`)
    audit_checked_at = models.DateTimeField(_("kontrollert"), null=True, blank=True)
    audit_failed = models.BooleanField(_("feilet kontrollen"), default=False)
    audit_finding = models.CharField(_("funn i kontrollen"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "service", "municipality"]
        verbose_name = _("tilstandsrapport")
        verbose_name_plural = _("tilstandsrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "municipality", "year"],
                name="one_status_report_per_municipality_and_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "comments"]) | Q(snapshot__isnull=False),
                name="final_status_report_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"Tilstandsrapport {self.year}: {self.service} ({self.municipality.name})"

    @property
    def editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.COMMENTS)

    @property
    def frozen(self) -> bool:
        return self.snapshot is not None

    @property
    def figures_as_of(self) -> date | None:
        """The day the frozen figures were taken on."""
        if self.snapshot is None or "as_of" not in self.snapshot:
            return None
        return date.fromisoformat(self.snapshot["as_of"])


class WithdrawnReportVersion(models.Model):
    """A finalised version replaced by a corrected one: kept for the record, readable only by
    the service's leaders and HR."""

    report = models.ForeignKey(
        StatusReport, on_delete=models.CASCADE, related_name="withdrawn_versions"
    )
    snapshot = models.JSONField(_("tallgrunnlag"))
    texts = models.JSONField(_("tekster"), default=dict)
    finalised_at = models.DateTimeField(_("ferdigstilt"))
    sent_on = models.DateField(_("sendt kommunestyret"), null=True, blank=True)
    council_reference = models.CharField(
        _("saksnummer"), max_length=60, blank=True, validators=[GUARD_PUBLIC]
    )
    withdrawn_at = models.DateTimeField(_("trukket tilbake"))
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("grunn"), max_length=300)

    class Meta:
        ordering = ["report", "-withdrawn_at", "-pk"]
        verbose_name = _("tilbaketrukket versjon av tilstandsrapport")
        verbose_name_plural = _("tilbaketrukne versjoner av tilstandsrapport")

    def __str__(self) -> str:
        return f"{self.report}: trukket tilbake {self.withdrawn_at:%d.%m.%Y}"


class ReportRevision(models.Model):
    """The report's texts and status after one change, in order: the version history."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("versjon"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    texts = models.JSONField(_("tekster"), default=dict)
    summary = models.CharField(_("endring"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("versjon av tilstandsrapport")
        verbose_name_plural = _("versjoner av tilstandsrapport")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_report_revision")
        ]

    def __str__(self) -> str:
        return f"{self.report}: versjon {self.number}"


class ReportComment(models.Model):
    """A reviewer's comment on one section, with the reviewer's name and title as written; or
    an answer in its thread (`reply_to`: the comment that began it), by the leader or a
    reviewer."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="comments")
    reply_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("svar på"),
    )
    section_key = models.CharField(_("seksjon"), max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("navn"), max_length=150)
    author_title = models.CharField(
        _("rolle"),
        max_length=100,
        blank=True,
        help_text=_("For eksempel kommunedirektør, HR-rådgiver eller saksordfører."),
        validators=[GUARD_PUBLIC],
    )
    text = models.TextField(_("kommentar"), max_length=3000, validators=[GUARD_PUBLIC])
    revision_number = models.PositiveIntegerField(_("gjelder versjon"))
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("kommentar til tilstandsrapport")
        verbose_name_plural = _("kommentarer til tilstandsrapport")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.section_key}"
