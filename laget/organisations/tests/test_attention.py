"""The leader's start page says what waits, and each count opens exactly those (issue 16)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.accounts.access import landing_url
from laget.accounts.models import User
from laget.demo.services import demo_create
from laget.organisations.models import Service

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<li><a class="ds-link" href="([^"]+)"><strong>(\d+)</strong>')


def test_the_start_page_makes_the_same_queries_for_5_and_50_staff(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import staff_with_register

    client.force_login(world.user("leader"))
    url = reverse("organisations:detail", kwargs={"pk": world.service_a.pk})
    counts = []
    for more in (5, 45):
        staff_with_register(world.service_a, more)
        client.get(url)  # the stored figures, read once
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_an_employee_sees_sessions_to_confirm_and_onboarding_items_left(client, world):
    from datetime import timedelta

    from laget.supervision.models import SessionReflection, SupervisionSession
    from laget.supervision.services import onboarding_start
    from laget.supervision.tests.helpers import plan_for

    employee = world.user("employee")
    client.force_login(employee)
    me = reverse("people:me")
    assert "Dette venter på deg" not in client.get(me).content.decode()  # nothing waits
    plan = plan_for(world)
    held = [
        SupervisionSession.objects.create(
            plan=plan, held_on=timezone.localdate() - timedelta(days=d), status="held", kind="case"
        )
        for d in (3, 10)
    ]
    SupervisionSession.objects.create(
        plan=plan, held_on=timezone.localdate() - timedelta(days=5), status="cancelled"
    )
    onboarding = onboarding_start(
        actor=world.user("leader"),
        employment=world.employee_person.employments.get(),
        with_plan=False,
    )
    html = client.get(me).content.decode()
    items = {url: int(n) for url, n in ITEM.findall(html)}
    assert items[reverse("supervision_me:me")] == 2
    left = onboarding.tasks.filter(done_on__isnull=True).count()
    assert (
        left
        and items[reverse("supervision_me:onboarding", kwargs={"onboarding_id": onboarding.pk})]
        == left
    )
    SessionReflection.objects.create(session=held[0], person=world.employee_person)
    items = dict(ITEM.findall(client.get(me).content.decode()))
    assert items[reverse("supervision_me:me")] == "1"


def test_those_at_risk_without_a_measure_in_this_year_s_plan_are_counted_and_listed(client):
    from laget.competence.selectors import evaluate_services
    from laget.domain.competence import Status
    from laget.organisations.attention import attention
    from laget.people.models import Person
    from laget.planning.models import Measure
    from laget.planning.services import plan_create

    today = timezone.localdate()
    demo_create(today=today)
    leader = User.objects.get(username="leder.trondheim")
    trondheim = Service.objects.get(slug="trondheim")
    evaluated = evaluate_services([trondheim], today)
    needing = {
        pk
        for pk, status in zip(
            evaluated.keys.person_id.tolist(), evaluated.result.status.tolist(), strict=True
        )
        if status in (Status.CANNOT_MEET, Status.AT_RISK)
    }
    assert len(needing) > 2  # the demo has them
    client.force_login(leader)
    index = reverse("planning:index", kwargs={"pk": trondheim.pk})
    items = {
        url: int(n) for url, n in ITEM.findall(client.get(landing_url(leader)).content.decode())
    }
    assert items[index] == len(needing)  # no plan for the year yet
    plan = plan_create(actor=leader, service=trondheim, year=today.year)
    first, second = sorted(needing)[:2]
    Measure.objects.create(plan=plan, kind="course", person_id=first, title="Kurs")
    later = plan_create(actor=leader, service=trondheim, year=today.year + 1)
    Measure.objects.create(plan=later, kind="course", person_id=second, title="Neste år")
    found = {item.url: item.count for item in attention(leader, trondheim, today) if item.count}
    url = reverse("planning:detail", kwargs={"pk": trondheim.pk, "year": today.year})
    assert found[url + "#uten-tiltak"] == len(needing) - 1 and index not in found
    html = client.get(url).content.decode().split('id="uten-tiltak"')[1].split("</div>")[0]
    names = set(re.findall(r'<li><a class="ds-link" href="[^"]+">([^<]+)</a>', html))
    wanted = Person.objects.filter(pk__in=needing - {first})
    assert names == {p.full_name for p in wanted}


def _report(service, number: str, year: int, status: str):
    from laget.organisations.models import Municipality
    from laget.reports.models import ReportTemplate, StatusReport, bundled_templates_load

    bundled_templates_load()
    return StatusReport.objects.create(
        service=service,
        municipality=Municipality.objects.get(number=number),
        year=year,
        template=ReportTemplate.objects.first(),
        status=status,
        snapshot=None if status in ("draft", "comments") else {"as_of": f"{year + 1}-01-01"},
    )


def test_the_report_due_is_last_year_s_until_finalised_then_this_year_s_from_october(client, world):
    from datetime import date

    from laget.organisations.attention import attention

    admin, service = world.user("admin"), world.service_b  # Røros, Holtålen and Os

    def due(today):
        return [
            (item.count, item.label, item.url)
            for item in attention(admin, service, today)
            if "tilstandsrapport" in item.url and "ar=" in item.url
        ]

    index = reverse("reports_service:index", kwargs={"pk": service.pk})
    spring = date(2026, 5, 1)
    ((count, label, url),) = due(spring)
    assert count == 3 and "for 2025 er ikke ferdigstilt" in label and "30.06.2026" in label
    assert "innen 30.06.2026" in label and "passert" not in label
    assert url == f"{index}?ar=2025#ikke-ferdigstilt"
    # after the deadline it is said to be passed, not worded as ahead (issue 28: «til
    # kommunestyret innen 30.06.2026» on 6 December 2026)
    ((_count, late, _url),) = due(date(2026, 7, 1))
    assert "fristen til kommunestyret, 30.06.2026, er passert" in late and "innen" not in late
    _report(service, "5025", 2025, "sent")
    _report(service, "5026", 2025, "final")
    draft = _report(service, "3430", 2025, "comments")
    assert [c for c, _l, _u in due(spring)] == [1]
    client.force_login(admin)
    html = client.get(url).content.decode().split('id="ikke-ferdigstilt"')[1].split("</section>")[0]
    assert re.findall(r"<li>(.*?)</li>", html) == [
        f'<a class="ds-link" href="{reverse("reports:detail", args=[draft.pk])}">Os</a>: '
        "kommentarrunde"
    ]
    draft.status, draft.snapshot = "final", {"as_of": "2026-01-01"}
    draft.save()
    assert due(spring) == [] and due(date(2026, 9, 30)) == []
    ((count, label, url),) = due(date(2026, 10, 1))  # this year's from 1 October
    assert count == 3 and "for 2026" in label and "30.06.2027" in label
    html = client.get(url).content.decode().split('id="ikke-ferdigstilt"')[1].split("</section>")[0]
    assert re.findall(r"<li>(.*?)</li>", html) == [
        "Holtålen: ikke påbegynt",
        "Os: ikke påbegynt",
        "Røros - Rosse: ikke påbegynt",
    ]


def test_uploads_waiting_are_counted_listed_and_discarded(client, world):
    from laget.core.models import AuditEntry
    from laget.people.models import RosterImport
    from laget.workforce.models import SickLeaveImport

    leader, service = world.user("leader"), world.service_a
    client.force_login(leader)
    waiting = RosterImport.objects.create(service=service, file_name="ansatte-mars.xlsx")
    imported = RosterImport.objects.create(
        service=service, file_name="ansatte-februar.xlsx", state="imported"
    )
    RosterImport.objects.create(service=world.service_b, file_name="en-annen.xlsx")
    sick = SickLeaveImport.objects.create(service=service, file_name="fravaer.csv")
    home = reverse("organisations:detail", kwargs={"pk": service.pk})
    roster = reverse("roster:upload", kwargs={"pk": service.pk}) + "#venter"
    sick_page = reverse("workforce:sick_leave_upload", kwargs={"pk": service.pk}) + "#venter"
    items = {url: int(n) for url, n in ITEM.findall(client.get(home).content.decode())}
    assert (items[roster], items[sick_page]) == (1, 1)
    for page, name in ((roster, "ansatte-mars.xlsx"), (sick_page, "fravaer.csv")):
        listed = client.get(page).content.decode().split('id="venter"')[1]
        assert re.findall(r'<th scope="row"><a class="ds-link" href="[^"]+">([^<]+)', listed) == [
            name
        ]
    discard = reverse("roster:discard", kwargs={"pk": service.pk, "import_id": imported.pk})
    assert client.post(discard).status_code == 404  # imported: nothing to discard
    assert RosterImport.objects.filter(pk=imported.pk).exists()
    discard = reverse("roster:discard", kwargs={"pk": service.pk, "import_id": waiting.pk})
    assert client.post(discard).status_code == 302
    discard = reverse(
        "workforce:sick_leave_discard", kwargs={"pk": service.pk, "import_id": sick.pk}
    )
    assert client.post(discard).status_code == 302
    assert not RosterImport.objects.filter(pk=waiting.pk).exists()
    assert not SickLeaveImport.objects.filter(pk=sick.pk).exists()
    # the log says a file was discarded, never its name (the user's text)
    assert AuditEntry.objects.filter(summary="Forkastet en opplastet ansattliste").exists()
    assert AuditEntry.objects.filter(summary="Forkastet en opplastet sykefraværsfil").exists()
    assert not AuditEntry.objects.filter(summary__contains="ansatte-mars").exists()
    items = {url: int(n) for url, n in ITEM.findall(client.get(home).content.decode())}
    assert roster not in items and sick_page not in items


def test_a_count_of_one_is_said_in_the_singular(world):
    """Issue 28: «1 kommentarer», «1 veiledningssamtaler» on the start pages."""
    from datetime import timedelta

    from django.utils import timezone

    from laget.organisations.attention import own_attention
    from laget.supervision.models import SupervisionSession
    from laget.supervision.tests.helpers import plan_for

    today = timezone.localdate()
    plan = plan_for(world)
    SupervisionSession.objects.create(
        plan=plan, held_on=today - timedelta(days=3), status="held", kind="case"
    )
    labels = {item.count: item.label for item in own_attention(world.employee_person, today)}
    assert labels[1] == "veiledningssamtale venter på at du bekrefter den"
    SupervisionSession.objects.create(
        plan=plan, held_on=today - timedelta(days=2), status="held", kind="case"
    )
    labels = [item.label for item in own_attention(world.employee_person, today)]
    assert "veiledningssamtaler venter på at du bekrefter dem" in labels
