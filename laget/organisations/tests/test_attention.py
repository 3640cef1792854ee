"""The leader's start page says what waits, and each count opens exactly those (issue 16)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.accounts.access import landing_url
from laget.accounts.models import User
from laget.competence import selectors
from laget.demo.services import demo_create
from laget.organisations.models import Service
from laget.reports.models import ReportComment
from laget.supervision.selectors import service_supervision

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<li><a class="ds-link" href="([^"]+)"><strong>(\d+)</strong>')


def test_leder_trondheim_sees_the_counts_and_each_opens_exactly_those_persons(client):
    today = timezone.localdate()
    demo_create(today=today)
    leader = User.objects.get(username="leder.trondheim")
    trondheim = Service.objects.get(slug="trondheim")
    client.force_login(leader)
    html = client.get(landing_url(leader)).content.decode()  # where «/» sends the leader
    assert "Dette venter på deg" in html
    items = {url.replace("&amp;", "&"): int(n) for url, n in ITEM.findall(html)}
    lists = {url: n for url, n in items.items() if "/kompetanse/personer/" in url}
    assert len(lists) == 2  # the demo has staff at risk and staff who cannot make it
    for url, count in lists.items():
        status = url.rsplit("status=", 1)[1]
        listed = client.get(url).content.decode()
        assert re.search(rf"<caption[^>]*>{count} ansatte?\b", listed), url
        rows = selectors.service_persons(service=trondheim, today=today, status=status)
        assert len(rows) == count and {r.result.status.key for r in rows} == {status}
    overview = service_supervision(user=leader, service=trondheim, today=today)
    wanted = {
        "forsinket": {r.person.full_name for r in overview.rows if r.regularity.overdue},
        "introduksjon": {r.person.full_name for r in overview.rows if r.overdue_tasks},
    }
    for only, names in wanted.items():
        links = [n for url, n in items.items() if url.endswith(f"veiledning/?vis={only}")]
        assert links == ([len(names)] if names else []), only
        if names:
            listed = client.get(f"{reverse('supervision:service', args=[trondheim.pk])}?vis={only}")
            table = listed.content.decode().split('id="regelmessighet"')[1].split("</table>")[0]
            shown = set(re.findall(r'<th scope="row">([^<]+)', table))
            assert {name.strip() for name in shown} == names, only
    assert wanted["forsinket"]  # the demo has supervision overdue
    waiting = ReportComment.objects.filter(report__service=trondheim, handled_at__isnull=True)
    comments = [n for url, n in items.items() if url.endswith("/tilstandsrapport/")]
    assert comments == ([waiting.count()] if waiting.exists() else [])


def test_outside_the_service_nothing_waits_on_its_page(client):
    demo_create(today=timezone.localdate())
    trondheim = Service.objects.get(slug="trondheim")
    client.force_login(User.objects.get(username="statsforvalter.trondelag"))
    html = client.get(reverse("organisations:detail", kwargs={"pk": trondheim.pk})).content
    assert "Dette venter på deg".encode() not in html and not ITEM.findall(html.decode())


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
