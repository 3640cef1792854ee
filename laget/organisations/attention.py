"""What waits on a user's start page: a count for each thing, linking to exactly those
(issue 16). A leader's (and HR's) on the service's page, an employee's on their own page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
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


#: What areas that read organisations add to the lists, registered in their `AppConfig.ready`
#: (organisations imports none of them): a service's items by name, and overview flags.
_items: dict[str, Callable[[Service, date], Attention]] = {}
_flags: dict[str, Callable[[Any, list[int], date], Flagged | None]] = {}


def item_register(name: str, function: Callable[[Service, date], Attention]) -> None:
    _items[name] = function


def flag_register(name: str, function: Callable[[Any, list[int], date], Flagged | None]) -> None:
    _flags[name] = function


def _provided(name: str, service: Service, today: date) -> list[Attention]:
    function = _items.get(name)
    return [] if function is None else [function(service, today)]


def attention(user, service: Service, today: date, rows=None) -> list[Attention]:
    """The things waiting in `service`, those with a count of none left out (the caller has
    checked that `user` has person access). `rows`: the service's supervision rows, where the
    caller has them."""
    from laget.competence.exemptions import in_force
    from laget.competence.selectors import evaluate_services
    from laget.supervision.selectors import service_supervision

    evaluated = evaluate_services([service], today)
    counts = evaluated.result.counts()
    if rows is None:
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
            (late := sum(1 for row in rows if row.overdue_tasks)),
            ngettext(
                "nyansatt har introduksjonspunkter over frist",
                "nyansatte har introduksjonspunkter over frist",
                late,
            ),
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
        *_provided("report_comments", service, today),
        _without_measures(service, evaluated, today),
        *_provided("report_unfinished", service, today),
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
            ngettext(
                "veiledningssamtale venter på at du bekrefter den",
                "veiledningssamtaler venter på at du bekrefter dem",
                sessions,
            ),
            reverse("supervision_me:me"),
        )
    ]
    for onboarding in Onboarding.objects.filter(employment__person=person).annotate(
        left=Count("tasks", filter=Q(tasks__done_on__isnull=True))
    ):
        found.append(
            Attention(
                onboarding.left,
                ngettext(
                    "punkt igjen i introduksjonen din",
                    "punkter igjen i introduksjonen din",
                    onboarding.left,
                ),
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
    flagged = [*(flag(user, visible, today) for flag in _flags.values()), _share_fallen(visible)]
    return [f for f in flagged if f is not None]


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
