"""What waits on a user's start page: a count for each thing, linking to exactly those
(issue 16). A leader's (and HR's) on the service's page, an employee's on their own page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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

    evaluated = _evaluate([service], today)
    counts = evaluated.result.counts()
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
            counts[Status.NEEDS_CHECK],
            _("har utdanning som må sjekkes før den kan regnes med i kompetansekravet"),
            f"{persons}?{urlencode({'status': Status.NEEDS_CHECK.key})}",
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
        _without_measures(service, evaluated, today),
        _report_unfinished(service, today),
        *_imports_waiting(service),
    ]
    return [item for item in found if item.count]


def _without_measures(service: Service, evaluated, today: date) -> Attention:
    """Those at risk or unable to meet the requirement with no measure in this year's
    competence plan: on the plan's page by name, or the plans' page when there is none yet."""
    from laget.planning.models import CompetencePlan
    from laget.planning.selectors import without_measures

    count = len(without_measures(evaluated, today.year))
    values = {"year": today.year}
    if CompetencePlan.objects.filter(service=service, year=today.year).exists():
        return Attention(
            count,
            _(
                "i faresonen eller uten mulighet til å nå kompetansekravet har ikke tiltak i "
                "kompetanseplanen for %(year)d"
            )
            % values,
            reverse("planning:detail", kwargs={"pk": service.pk, "year": today.year})
            + "#uten-tiltak",
        )
    return Attention(
        count,
        _(
            "i faresonen eller uten mulighet til å nå kompetansekravet har ingen tiltak: "
            "kompetanseplanen for %(year)d er ikke laget"
        )
        % values,
        reverse("planning:index", kwargs={"pk": service.pk}),
    )


#: The tilstandsrapport about a year goes to the municipal council in the first half of the
#: year after: Laget takes it as due by 30 June then (the Act says «minst én gang i året»).
REPORT_DUE = (6, 30)


def report_due(year: int) -> date:
    """When the tilstandsrapport about `year` should have been sent to the council."""
    return date(year + 1, *REPORT_DUE)


def last_report_due(today: date) -> int:
    """The latest year whose tilstandsrapport should have been sent by `today`."""
    return today.year - 1 if today > report_due(today.year - 1) else today.year - 2


#: A leader is reminded of the tilstandsrapport about a year from this day of it.
REPORT_REMINDER = (10, 1)


def report_year(today: date) -> int:
    """The newest year whose tilstandsrapport a leader is reminded of: this year's from
    1 October, else last year's."""
    return today.year if today >= date(today.year, *REPORT_REMINDER) else today.year - 1


def _report_unfinished(service: Service, today: date) -> Attention:
    """Last year's tilstandsrapport while it is not finalised, then this year's from
    `REPORT_REMINDER` on: the reports page lists the municipalities still waiting."""
    from laget.reports.selectors import reports_unfinished

    year = today.year - 1
    waiting = reports_unfinished(service, year)
    if not waiting and report_year(today) == today.year:
        year, waiting = today.year, reports_unfinished(service, today.year)
    values = {"year": year, "due": report_due(year).strftime("%d.%m.%Y")}
    return Attention(
        len(waiting),
        ngettext(
            "tilstandsrapport for %(year)d er ikke ferdigstilt (til kommunestyret innen %(due)s)",
            "tilstandsrapporter for %(year)d er ikke ferdigstilt (til kommunestyret innen %(due)s)",
            len(waiting),
        )
        % values,
        f"{reverse('reports_service:index', kwargs={'pk': service.pk})}?"
        f"{urlencode({'ar': year})}#ikke-ferdigstilt",
    )


def _imports_waiting(service: Service) -> list[Attention]:
    """Roster and sick-leave files uploaded and neither imported nor discarded: each upload
    page lists its own."""
    from laget.people.models import RosterImport
    from laget.workforce.models import SickLeaveImport

    roster = RosterImport.objects.filter(service=service, state=RosterImport.State.PENDING).count()
    sick = SickLeaveImport.objects.filter(
        service=service, state=SickLeaveImport.State.PENDING
    ).count()
    return [
        Attention(
            roster,
            ngettext(
                "opplastet ansattliste er verken importert eller forkastet",
                "opplastede ansattlister er verken importert eller forkastet",
                roster,
            ),
            reverse("roster:upload", kwargs={"pk": service.pk}) + "#venter",
        ),
        Attention(
            sick,
            ngettext(
                "opplastet sykefraværsfil er verken importert eller forkastet",
                "opplastede sykefraværsfiler er verken importert eller forkastet",
                sick,
            ),
            reverse("workforce:sick_leave_upload", kwargs={"pk": service.pk}) + "#venter",
        ),
    ]


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


# For municipal, county and national users ----------------------------------------------


@dataclass(frozen=True)
class Flagged:
    """Services an overview user should look at, for one reason; the overview's filter `key`
    lists exactly these."""

    key: str
    label: str  # after the count, on the start page
    choice: str  # in the overview's filter
    service_ids: frozenset[int]

    def attention(self) -> Attention:
        url = f"{reverse('organisations:overview')}?{urlencode({'vis': self.key})}"
        return Attention(len(self.service_ids), self.label, url)


def services_flagged(user, today: date) -> list[Flagged]:
    """For the overview of a municipal, county or national user: the services they see that
    have not sent last year's report, and those whose published share meeting the requirement
    fell. Stored rows only, in a constant number of queries; nothing about persons."""
    from laget.accounts import access
    from laget.competence.publication import competence_publication

    competence_publication(today)  # today's figures kept, as every overview publishes them
    visible = list(access.services_visible(user).values_list("pk", flat=True))
    flagged = [_report_missing(user, visible, today), _share_fallen(visible)]
    return [f for f in flagged if f is not None]


def _report_missing(user, visible: list[int], today: date) -> Flagged:
    """Services with a municipality whose tilstandsrapport about the last year due has not been
    sent to the council (a sent report is a public document; until then it is the service's and
    the municipality's). A municipal user is asked about their own municipality's only."""
    from laget.accounts import access
    from laget.accounts.models import Role, RoleAssignment
    from laget.reports.models import Status, StatusReport

    year = last_report_due(today)
    served = Service.municipalities.through.objects.filter(service_id__in=visible)
    acc = access.access_for(user)
    if not (acc.sees_all_services or Role.COUNTY in acc.roles):
        served = served.filter(
            municipality_id__in=RoleAssignment.objects.filter(
                user=user, role=Role.MUNICIPAL
            ).values("municipality_id")
        )
    sent = set(
        StatusReport.objects.filter(
            year=year, status=Status.SENT, service_id__in=visible
        ).values_list("service_id", "municipality_id")
    )
    missing = frozenset(
        service_id
        for service_id, municipality_id in served.values_list("service_id", "municipality_id")
        if (service_id, municipality_id) not in sent
    )
    values = {"year": year, "due": report_due(year).strftime("%d.%m.%Y")}
    return Flagged(
        "uten-rapport",
        ngettext(
            "tjeneste har ikke sendt tilstandsrapporten for %(year)d til kommunestyret "
            "(frist %(due)s)",
            "tjenester har ikke sendt tilstandsrapporten for %(year)d til kommunestyret "
            "(frist %(due)s)",
            len(missing),
        )
        % values,
        _("Ikke sendt tilstandsrapport for %(year)d") % values,
        missing,
    )


def _share_fallen(visible: list[int]) -> Flagged | None:
    """None before two dates are kept: nothing to compare."""
    from laget.competence.series import share_fallen

    fallen = share_fallen(visible)
    if fallen.since is None:
        return None
    since = fallen.since.strftime("%d.%m.%Y")
    return Flagged(
        "lavere-andel",
        ngettext(
            "tjeneste har lavere andel som oppfyller kompetansekravet enn per %(since)s",
            "tjenester har lavere andel som oppfyller kompetansekravet enn per %(since)s",
            len(fallen.service_ids),
        )
        % {"since": since},
        _("Lavere andel som oppfyller kompetansekravet enn per %(since)s") % {"since": since},
        fallen.service_ids,
    )
