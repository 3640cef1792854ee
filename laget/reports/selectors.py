"""Reads for status reports (what a user may see of them: `laget.reports.access`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from laget.organisations.models import Municipality, Service
from laget.reports.models import Status, StatusReport


def reports_unfinished(
    service: Service, year: int
) -> list[tuple[Municipality, StatusReport | None]]:
    """Each municipality the service serves whose tilstandsrapport about `year` is not
    finalised, with its draft (None: not started); by name, in two queries."""
    reports = {
        r.municipality_id: r for r in StatusReport.objects.filter(service=service, year=year)
    }
    return [
        (municipality, reports.get(municipality.pk))
        for municipality in service.municipalities.order_by("name")
        if municipality.pk not in reports
        or reports[municipality.pk].status not in (Status.FINAL, Status.SENT)
    ]


#: The comment round's default length: two weeks from the day it starts (Laget's own choice;
#: the leader sets the deadline).
ROUND_DAYS = 14


@dataclass(frozen=True)
class CommentRound:
    """Where a report's comment round stands, as its leader and its reviewers both see it."""

    open: bool
    due: date | None
    passed: bool
    comments: int
    answered: int

    @property
    def waiting(self) -> int:
        return self.comments - self.answered


def comment_round(report: StatusReport, threads: dict[str, list], today: date) -> CommentRound:
    """`threads`: each chapter's first comments (answers prefetched). A comment counts as
    answered when the leader has answered it or marked it handled."""
    roots = [c for cs in threads.values() for c in cs]
    due = report.comments_due if report.status == Status.COMMENTS else None
    return CommentRound(
        open=report.status == Status.COMMENTS,
        due=due,
        passed=due is not None and due < today,
        comments=len(roots),
        answered=sum(1 for c in roots if c.handled_at is not None),
    )


def reports_to_comment(user, today: date) -> list[tuple[StatusReport, CommentRound]]:
    """The reports on a comment round that `user` reviews (the municipality's management, the
    service's HR), soonest deadline first, each with its round."""
    from laget.reports import access

    found = []
    reviewer = access.reviewer(user)  # read once, not twice a report
    for report in (
        access.reports_visible(user).filter(status=Status.COMMENTS).prefetch_related("comments")
    ):
        if not reviewer.reviews(report):
            continue
        roots = [c for c in report.comments.all() if c.reply_to_id is None]
        found.append((report, comment_round(report, {"": roots}, today)))
    found.sort(key=lambda pair: (pair[0].comments_due or date.max, pair[0].pk))
    return found
