"""What the tilstandsrapport adds to the start pages' lists (`laget.organisations.attention`,
registered from `ReportsConfig.ready`): comments waiting for an answer, a report not finalised,
and, for overview users, services that have not sent last year's report to the council."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from laget.organisations.attention import Attention, Flagged, flag_register, item_register
from laget.organisations.coming_up import Due, due_register, user_due_register
from laget.organisations.models import Service


def register() -> None:
    item_register("report_comments", _comments_waiting)
    item_register("report_unfinished", _report_unfinished)
    flag_register("report_missing", _report_missing)
    due_register("report_due", _report_due)
    user_due_register("report_to_comment", _reports_to_comment)


def _comment_deadlines(service: Service, since: date, until: date) -> list[Due]:
    from laget.reports.models import Status, StatusReport

    return [
        Due(
            report.comments_due,
            _("Kommentarfrist for tilstandsrapporten %(year)d for %(municipality)s")
            % {"year": report.year, "municipality": report.municipality.name},
            reverse("reports:detail", kwargs={"report_id": report.pk}),
            "deadline",
        )
        for report in StatusReport.objects.filter(
            service=service, status=Status.COMMENTS, comments_due__range=(since, until)
        ).select_related("municipality")
        if report.comments_due is not None  # the filter says so; for the type checker
    ]


def _reports_to_comment(user, today: date) -> list[Due]:
    """The reports on a comment round `user` reviews, each dated by its deadline (a round
    without one by today), with where the round stands."""
    from laget.reports.selectors import reports_to_comment

    found = []
    for report, state in reports_to_comment(user, today):
        text = _("Tilstandsrapport %(year)d for %(municipality)s (%(service)s)") % {
            "year": report.year,
            "municipality": report.municipality.name,
            "service": report.service.name,
        }
        if state.comments:
            text += ": " + ngettext(
                "%(n)d kommentar, %(answered)d besvart",
                "%(n)d kommentarer, %(answered)d besvart",
                state.comments,
            ) % {"n": state.comments, "answered": state.answered}
        found.append(
            Due(
                report.comments_due or today,
                text,
                reverse("reports:detail", kwargs={"report_id": report.pk}) + "#ny-kommentar",
                "comments",
            )
        )
    return found


def _report_due(service: Service, today: date, until: date) -> list[Due]:
    """The tilstandsrapport's date to the council, where it falls in the fortnight before or
    after today and a municipality's report is not finalised."""
    from laget.reports.selectors import reports_unfinished

    since = today - (until - today)
    found = _comment_deadlines(service, since, until)
    for year in (today.year - 2, today.year - 1, today.year):
        due = report_due(year)
        if since <= due <= until and (waiting := reports_unfinished(service, year)):
            found.append(
                Due(
                    due,
                    ngettext(
                        "Tilstandsrapporten for %(year)d til kommunestyret (%(n)d kommune venter)",
                        "Tilstandsrapporten for %(year)d til kommunestyret (%(n)d kommuner venter)",
                        len(waiting),
                    )
                    % {"year": year, "n": len(waiting)},
                    f"{reverse('reports_service:index', kwargs={'pk': service.pk})}?"
                    f"{urlencode({'ar': year})}#ikke-ferdigstilt",
                    "deadline",
                )
            )
    return found


def _comments_waiting(service: Service, today: date) -> Attention:
    from laget.reports.models import ReportComment

    waiting = ReportComment.objects.filter(report__service=service, handled_at__isnull=True)
    count = waiting.count()
    return Attention(
        count,
        ngettext(
            "kommentar til tilstandsrapporten venter på svar",
            "kommentarer til tilstandsrapporten venter på svar",
            count,
        ),
        reverse("reports_service:index", kwargs={"pk": service.pk}),
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
    due = report_due(year)
    values = {"year": year, "due": due.strftime("%d.%m.%Y")}
    if due < today:  # a deadline passed is said to be passed, not worded as ahead
        text = ngettext(
            "tilstandsrapport for %(year)d er ikke ferdigstilt (fristen til kommunestyret, "
            "%(due)s, er passert)",
            "tilstandsrapporter for %(year)d er ikke ferdigstilt (fristen til kommunestyret, "
            "%(due)s, er passert)",
            len(waiting),
        )
    else:
        text = ngettext(
            "tilstandsrapport for %(year)d er ikke ferdigstilt (til kommunestyret innen %(due)s)",
            "tilstandsrapporter for %(year)d er ikke ferdigstilt (til kommunestyret innen %(due)s)",
            len(waiting),
        )
    return Attention(
        len(waiting),
        text % values,
        f"{reverse('reports_service:index', kwargs={'pk': service.pk})}?"
        f"{urlencode({'ar': year})}#ikke-ferdigstilt",
    )


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
