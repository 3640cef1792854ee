"""What waits on a user's start page: a count for each thing, linking to exactly those
(issue 16). A leader's (and HR's) on the service's page, an employee's on their own page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from laget.domain.competence import Status
from laget.organisations.models import Service

#: An exemption from the competence requirement is named this long before it runs out.
EXEMPTION_REMINDER_DAYS = 90


@dataclass(frozen=True)
class Attention:
    count: int
    label: str
    url: str


def attention(user, service: Service, today: date) -> list[Attention]:
    """The things waiting in `service`, those with a count of none left out (the caller has
    checked that `user` has person access)."""
    from laget.competence.exemptions import in_force
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
            in_force([service.pk], today)
            .filter(valid_until__lte=today + timedelta(days=EXEMPTION_REMINDER_DAYS))
            .count(),
            _("unntak fra kompetansekravet går ut innen %(days)d dager")
            % {"days": EXEMPTION_REMINDER_DAYS},
            reverse("competence:exemptions", kwargs={"pk": service.pk}),
        ),
        Attention(
            ReportComment.objects.filter(report__service=service, handled_at__isnull=True).count(),
            _("kommentarer til tilstandsrapporten venter på svar"),
            reverse("reports_service:index", kwargs={"pk": service.pk}),
        ),
    ]
    return [item for item in found if item.count]


def own_attention(person, today: date) -> list[Attention]:
    """What waits for an employee: sessions held to confirm, onboarding items left."""
    from laget.supervision.models import (
        Onboarding,
        SessionReflection,
        Status,
        SupervisionPlan,
        SupervisionSession,
    )

    plans = SupervisionPlan.objects.filter(Q(person=person) | Q(members=person)).values("pk")
    sessions = (
        SupervisionSession.objects.filter(plan__in=plans, status=Status.HELD, held_on__lte=today)
        .exclude(pk__in=SessionReflection.objects.filter(person=person).values("session_id"))
        .count()
    )
    found = [
        Attention(
            sessions,
            _("veiledningssamtaler venter på at du bekrefter dem"),
            reverse("supervision_me:me"),
        )
    ]
    for onboarding in Onboarding.objects.filter(employment__person=person).annotate(
        left=Count("tasks", filter=Q(tasks__done_on__isnull=True))
    ):
        found.append(
            Attention(
                onboarding.left,
                _("punkter igjen i introduksjonen din"),
                reverse("supervision_me:onboarding", kwargs={"onboarding_id": onboarding.pk}),
            )
        )
    return [item for item in found if item.count]
