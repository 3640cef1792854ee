"""What needs a leader's attention on the service's start page: a count for each thing,
linking to the list of exactly those (issue 16). Person-level: leaders and HR only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from laget.domain.competence import Status
from laget.organisations.models import Service


@dataclass(frozen=True)
class Attention:
    count: int
    label: str
    url: str


def attention(user, service: Service, today: date) -> list[Attention]:
    """The things waiting in `service`, those with a count of none left out (the caller has
    checked that `user` has person access)."""
    from laget.competence.selectors import _evaluate
    from laget.reports.models import ReportComment
    from laget.supervision.selectors import service_supervision

    counts = _evaluate([service], today).result.counts()
    rows = service_supervision(user=user, service=service, today=today).rows
    supervision = reverse("supervision:service", kwargs={"pk": service.pk})
    persons = reverse("competence:persons", kwargs={"pk": service.pk})
    found = [
        Attention(
            counts[Status.CANNOT_MEET],
            _("kan ikke oppfylle kompetansekravet innen fristen"),
            f"{persons}?{urlencode({'status': Status.CANNOT_MEET.key})}",
        ),
        Attention(
            counts[Status.AT_RISK],
            _("er i faresonen for kompetansekravet: noe må startes snart"),
            f"{persons}?{urlencode({'status': Status.AT_RISK.key})}",
        ),
        Attention(
            sum(1 for row in rows if row.regularity.overdue),
            _("har gått for lenge uten veiledning etter planen sin"),
            f"{supervision}?vis=forsinket",
        ),
        Attention(
            sum(1 for row in rows if row.overdue_tasks),
            _("nyansatte har introduksjonspunkter over frist"),
            f"{supervision}?vis=introduksjon",
        ),
        Attention(
            ReportComment.objects.filter(report__service=service, handled_at__isnull=True).count(),
            _("kommentarer til tilstandsrapporten venter på svar"),
            reverse("reports_service:index", kwargs={"pk": service.pk}),
        ),
    ]
    return [item for item in found if item.count]
