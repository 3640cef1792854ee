"""Comment rounds that reach people (issue 28, item 4): a round has a deadline; the municipal
manager's start page shows the report waiting for their comment, with the deadline; the leader
answers a comment in its thread; the round's state is visible to both."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from laget.reports import services
from laget.reports.models import ReportComment, Status
from laget.reports.tests.helpers import NOW, TODAY, new_report, status

pytestmark = pytest.mark.django_db


def _overview(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse("organisations:overview")).content.decode()
    return (
        html.split('id="til-kommentar"')[1].split("</section>")[0]
        if "til-kommentar" in html
        else ""
    )


def _round(html: str) -> str:
    return re.sub(
        r"<[^>]+>|\s+", " ", html.split('class="ds-paragraph laget-round">')[1].split("</p>")[0]
    ).strip()


def test_a_round_needs_a_deadline_and_nothing_changes_without_one(world, report):
    for due in (None, TODAY - timedelta(days=1)):
        with pytest.raises(ValidationError, match="kommentarfristen"):
            services.status_change(
                actor=world.user("leader"), report=report, to="comments", today=TODAY, now=NOW,
                comments_due=due,
            )  # fmt: skip
        report.refresh_from_db()
        assert (report.status, report.comments_due) == (Status.DRAFT, None)
    status(world, report, "comments", comments_due=TODAY + timedelta(days=10))
    assert (report.status, report.comments_due) == (Status.COMMENTS, TODAY + timedelta(days=10))


def test_the_leader_sets_the_deadline_in_the_form_and_a_bad_date_changes_nothing(client, world):
    report = new_report(world.service_a, actor=world.user("leader"))
    client.force_login(world.user("leader"))
    page = client.get(reverse("reports:detail", kwargs={"report_id": report.pk})).content.decode()
    assert 'name="comments_due"' in page  # asked beside «Send på kommentarrunde»
    url = reverse("reports:status", kwargs={"report_id": report.pk})
    client.post(url, {"to": "comments", "comments_due": "31.02.2027"})
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    due = timezone.localdate() + timedelta(days=7)
    client.post(url, {"to": "comments", "comments_due": due.isoformat()})
    report.refresh_from_db()
    assert (report.status, report.comments_due) == (Status.COMMENTS, due)


def test_the_municipal_manager_sees_the_report_waiting_and_the_thread_reaches_both(client, world):
    today = timezone.localdate()
    report = new_report(world.service_a, actor=world.user("leader"))
    assert _overview(client, world.user("municipal")) == ""  # a draft waits for nobody
    services.status_change(
        actor=world.user("leader"), report=report, to="comments", today=today,
        now=timezone.now(), comments_due=today + timedelta(days=9),
    )  # fmt: skip
    waiting = _overview(client, world.user("municipal"))
    assert f"Tilstandsrapport {report.year} for {report.municipality.name}" in waiting
    assert (today + timedelta(days=9)).strftime("%d.%m.%Y") in waiting
    assert reverse("reports:detail", kwargs={"report_id": report.pk}) in waiting
    for outsider in ("county", "national", "municipal_os"):  # not theirs to comment
        assert _overview(client, world.user(outsider)) == "", outsider
    # the reviewer comments; the round says so to both
    comment = services.comment_add(
        actor=world.user("municipal"), report=report, key="sammendrag",
        title="Kommunedirektør", text="Hva gjør dere med sykefraværet?",
    )  # fmt: skip
    detail = reverse("reports:detail", kwargs={"report_id": report.pk})
    for role in ("leader", "municipal"):
        client.force_login(world.user(role))
        assert "1 kommentar: 0 besvart eller behandlet, 1 venter på svar" in _round(
            client.get(detail).content.decode()
        ), role
    assert "1 kommentar, 0 besvart" in _overview(client, world.user("municipal"))
    # the leader answers in the thread: the comment is answered, both read the answer
    client.force_login(world.user("leader"))
    answer_url = reverse(
        "reports:comment_answer", kwargs={"report_id": report.pk, "comment_id": comment.pk}
    )
    response = client.post(answer_url, {"text": "Vi følger opp med HMS-tjenesten i januar."})
    assert response.status_code == 302 and response["Location"].endswith(f"#k-{comment.pk}")
    comment.refresh_from_db()
    assert comment.handled_at is not None
    answer = ReportComment.objects.get(reply_to=comment)
    assert (answer.section_key, answer.author_title) == ("sammendrag", "leder")
    for role in ("leader", "municipal"):
        client.force_login(world.user(role))
        page = client.get(detail).content.decode()
        thread = page.split(f'id="k-{comment.pk}"')[1].split("</li>\n</ul>")[0]
        assert "Vi følger opp med HMS-tjenesten i januar." in thread, role
        assert "1 kommentar: 1 besvart eller behandlet, 0 venter på svar" in _round(page), role
    # the reviewer answers back in the same thread; it stays answered
    client.force_login(world.user("municipal"))
    client.post(answer_url, {"text": "Takk, det holder."})
    assert ReportComment.objects.filter(reply_to=comment).count() == 2
    assert "1 kommentar, 1 besvart" in _overview(client, world.user("municipal"))


def test_a_deadline_passed_is_said_to_have_passed(client, world):
    today = timezone.localdate()
    report = new_report(world.service_a, actor=world.user("leader"))
    services.status_change(
        actor=world.user("leader"), report=report, to="comments", today=today - timedelta(days=20),
        now=timezone.now(), comments_due=today - timedelta(days=6),
    )  # fmt: skip
    assert "passert" in _overview(client, world.user("municipal"))
    client.force_login(world.user("leader"))
    page = client.get(reverse("reports:detail", kwargs={"report_id": report.pk})).content.decode()
    assert f"Kommentarfristen {(today - timedelta(days=6)):%d.%m.%Y} er passert." in _round(page)


def test_only_the_leaders_and_reviewers_answer_and_never_case_information(client, world, report):
    status(world, report, "comments")
    comment = services.comment_add(
        actor=world.user("hr"), report=report, key="sammendrag", title="HR", text="Tydeligere mål"
    )
    for role in ("county", "national", "employee"):
        with pytest.raises(PermissionDenied):
            services.comment_answer(actor=world.user(role), comment=comment, text="x", now=NOW)
    client.force_login(world.user("leader"))
    url = reverse(
        "reports:comment_answer", kwargs={"report_id": report.pk, "comment_id": comment.pk}
    )
    refused = client.post(url, {"text": "Gutten (9) i sak 2026/123 flyttes til fosterhjem."})
    assert refused.status_code == 400
    assert not ReportComment.objects.filter(reply_to=comment).exists()
    comment.refresh_from_db()
    assert comment.handled_at is None
    status(world, report, "final")  # once final, the thread is closed
    with pytest.raises(PermissionDenied):
        services.comment_answer(actor=world.user("leader"), comment=comment, text="Sent", now=NOW)


def test_the_service_sees_the_comment_deadline_in_its_next_14_days(world, report):
    from laget.organisations.coming_up import coming_up

    status(world, report, "comments", comments_due=TODAY + timedelta(days=5))
    due = [d for g in coming_up(world.service_a, TODAY, []).groups for d in g.items]
    assert [(d.day, d.kind) for d in due if d.text.startswith("Kommentarfrist")] == [
        (TODAY + timedelta(days=5), "deadline")
    ]


def test_the_reports_waiting_for_comment_cost_the_same_queries_for_one_or_three(world):
    """A municipal manager's start page reads who reviews what once, not twice a report."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from laget.accounts.models import User
    from laget.reports.models import StatusReport
    from laget.reports.selectors import reports_to_comment

    def waiting(years: int) -> tuple[int, int]:
        for year in range(TODAY.year - years + 1, TODAY.year + 1):
            if not StatusReport.objects.filter(service=world.service_a, year=year).exists():
                services.report_create(
                    actor=world.user("leader"), service=world.service_a,
                    municipality=world.service_a.host_municipality, year=year, comparisons=[],
                    today=TODAY,
                )  # fmt: skip
        StatusReport.objects.update(status=Status.COMMENTS, comments_due=TODAY)
        user = User.objects.get(username="municipal")  # a new request's user: nothing cached
        with CaptureQueriesContext(connection) as queries:
            found = reports_to_comment(user, TODAY)
        return len(found), len(queries)

    one, three = waiting(1), waiting(3)
    assert (one[0], three[0]) == (1, 3)
    assert one[1] == three[1]
