"""The service overview: suppression outside the service, check-ins, export, command, queries."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from laget.core.numbers import quarter_text
from laget.supervision.models import (
    CheckIn,
    SupervisionSession,
)
from laget.supervision.selectors import quarter, service_supervision
from laget.supervision.services import new_employee_template, plans_from_template
from laget.supervision.tests.helpers import plan_for
from tests.factories import ServiceFactory, UserFactory, staff
from tests.figures import shown_below

pytestmark = pytest.mark.django_db


def test_outside_the_service_nothing_rests_on_fewer_than_five(client, world):
    small = ServiceFactory(name="Lita", host_municipality=world.service_a.host_municipality)
    employments = staff(small, 3, start_date=date(2020, 1, 1))
    for employment in employments:
        plan = plans_from_template(
            actor=None,
            template=new_employee_template(small),
            persons=[employment.person],
            starts_on=date(2026, 1, 1),
            check=False,
        )[0]
        SupervisionSession.objects.create(
            plan=plan, held_on=date(2026, 2, 1), status="held", kind="process"
        )
    overview = service_supervision(
        user=world.user("county"), service=small, today=timezone.localdate()
    )
    assert shown_below(overview) == []
    assert overview.rows == []
    client.force_login(world.user("county"))
    page = client.get(reverse("supervision:service", kwargs={"pk": small.pk})).content.decode()
    assert 'class="laget-suppressed"' in page
    for employment in employments:
        assert employment.person.family_name not in page


def _answer(world, period: str, q1: int, q2: int = 1, q3: int = 3, role: str = "employee"):
    user = world.user("leader") if role == "leader" else UserFactory()
    CheckIn.objects.create(
        service=world.service_a, role=role, user=user, period=period, q1=q1, q2=q2, q3=q3
    )


def test_check_ins_are_shown_only_from_five_answers_even_to_the_leader(client, world):
    """Means of the last closed quarter only, from five answers; of the quarter under way
    only how many have answered, in steps: a sixth answer moves nothing a reader can
    difference (before: «svar hittil: 6» beside the mean gave 6·m₆ − 5·m₅ = the answer)."""
    today = timezone.localdate()
    current = f"{today.year}-K{(today.month - 1) // 3 + 1}"
    closed = quarter(today.replace(day=1) - timedelta(days=80))
    for _answer_no in range(4):
        _answer(world, closed, 2)
    leader = world.user("leader")
    overview = service_supervision(user=leader, service=world.service_a, today=today)
    assert all(f.suppressed for _q, f in overview.check_in_staff)
    assert overview.check_in_n == "færre enn 5"
    _answer(world, closed, 4)
    _answer(world, closed, 5, 4, 4, role="leader")
    overview = service_supervision(user=leader, service=world.service_a, today=today)
    assert [f.value for _q, f in overview.check_in_staff] == [pytest.approx(2.4), 1.0, 3.0]
    assert [f.suppressed for _q, f in overview.check_in_staff] == [False, True, False]
    assert [f.value for _q, f in overview.check_in_leaders] == [5.0, 4.0, 4.0]
    assert (overview.check_in_period, overview.check_in_n) == (closed, "5 eller flere")
    shown = [(f.value, f.suppressed) for _q, f in overview.check_in_staff]
    # answers in the quarter under way: the means stay as they are, the count moves in steps
    for so_far, step in ((1, "færre enn 5"), (5, "5 eller flere"), (6, "5 eller flere")):
        while CheckIn.objects.filter(period=current, role="employee").count() < so_far:
            _answer(world, current, 1)
        overview = service_supervision(user=leader, service=world.service_a, today=today)
        assert [(f.value, f.suppressed) for _q, f in overview.check_in_staff] == shown
        assert overview.check_in_so_far == step
    client.force_login(leader)
    page = client.get(reverse("supervision:service", kwargs={"pk": world.service_a.pk}))
    text = page.content.decode()
    assert f"Snitt for {quarter_text(closed)}" in text and "Svar så langt i" in text
    assert "svar hittil" not in text
    # the employee answers from their own page, once they have a plan (before it: nothing to
    # rate, issue 28)
    client.force_login(world.user("employee"))
    check_in = reverse("supervision:check_in", kwargs={"pk": world.service_a.pk})
    assert (
        "Hvor nyttig var veiledningen?"
        not in client.get(reverse("supervision_me:me")).content.decode()
    )
    assert client.post(check_in, {"q1": 3, "q2": 3, "q3": 3}).status_code == 404
    plan_for(world)
    assert (
        "Hvor nyttig var veiledningen?" in client.get(reverse("supervision_me:me")).content.decode()
    )
    response = client.post(check_in, {"q1": 3, "q2": 3, "q3": 6})
    assert response.status_code == 302
    assert not CheckIn.objects.filter(user=world.user("employee")).exists()  # 6 is not 1–5
    client.post(
        reverse("supervision:check_in", kwargs={"pk": world.service_a.pk}),
        {"q1": 3, "q2": 3, "q3": 5},
    )
    assert CheckIn.objects.get(user=world.user("employee")).role == "employee"


def test_the_regularity_export_and_the_command(client, world, capsys):
    plan = plan_for(world)
    for days in (50, 40, 30):
        SupervisionSession.objects.create(
            plan=plan,
            held_on=timezone.localdate() - timedelta(days=days),
            status="held",
            kind="case",
        )
    client.force_login(world.user("hr"))
    response = client.get(reverse("supervision:export", kwargs={"pk": world.service_a.pk}))
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Regelmessighet"].iter_rows(values_only=True))
    mine = next(r for r in rows if r[0] == world.employee_person.full_name)
    assert mine[4] == 3 and mine[11] == "ja"  # held 3; 30 days since the last > 1.5 × 14
    call_command("supervision-status", "--service", str(world.service_a.pk), "--json")
    figures = json.loads(capsys.readouterr().out)
    assert figures["held"] == 3 and figures["staff"] == 6 and figures["overdue"] == 1
    assert "Familienavn" not in json.dumps(figures)


def test_the_command_explains_an_unknown_service():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Fant ingen tjeneste"):
        call_command("supervision-status", "--service", "finnes-ikke")


def test_the_service_page_makes_the_same_queries_for_10_and_200_staff(client, world):
    client.force_login(world.user("leader"))

    def grow(count: int) -> None:
        for employment in staff(world.service_a, count, start_date=date(2020, 1, 1)):
            plan = plan_for(world, person=employment.person)
            SupervisionSession.objects.create(
                plan=plan,
                held_on=timezone.localdate() - timedelta(days=9),
                status="held",
                kind="case",
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(
                    reverse("supervision:service", kwargs={"pk": world.service_a.pk})
                ).status_code
                == 200
            )
        return len(captured)

    grow(4)
    small = queries()
    grow(190)
    assert queries() == small


def test_one_overdue_employee_is_not_a_figure_outside_the_service(world):
    """«Ansatte med for lang tid siden forrige samtale: 1» was in a sent report: the count
    rests on the one employee, not on the service's staff."""
    staff(world.service_a, 6, start_date=date(2020, 1, 1))
    late = world.person_a
    plans_from_template(
        actor=None,
        template=new_employee_template(world.service_a),
        persons=[late],
        starts_on=timezone.localdate() - timedelta(days=200),
        check=False,
    )
    today = timezone.localdate()
    leader = service_supervision(user=world.user("leader"), service=world.service_a, today=today)
    county = service_supervision(user=world.user("county"), service=world.service_a, today=today)
    assert leader.overdue.value == 1 and not leader.overdue.suppressed
    assert county.overdue.suppressed and not county.staff.suppressed
    assert county.with_plan.suppressed  # 1 of 12 with a plan gives the one back
    assert shown_below(county) == []


def test_sessions_by_supervisor_add_up_to_sessions_held(world, capsys):
    """A session before the person's employment began, or one cancelled, counts in neither."""
    today = timezone.localdate()
    newcomer = staff(world.service_a, 1, start_date=today - timedelta(days=20))[0].person
    early = plan_for(world, person=newcomer, starts_on=today - timedelta(days=90))
    early.supervisor_category = "external"
    early.save()
    for days, status in ((60, "held"), (10, "held"), (5, "cancelled")):
        SupervisionSession.objects.create(
            plan=early, held_on=today - timedelta(days=days), status=status, kind="case"
        )
    own = plan_for(world)  # the leader supervises
    for days in (30, 15):
        SupervisionSession.objects.create(
            plan=own, held_on=today - timedelta(days=days), status="held", kind="case"
        )
    overview = service_supervision(user=None, service=world.service_a, today=today, operator=True)
    by_supervisor = {label: f.value for label, f in overview.by_supervisor.items()}
    assert by_supervisor == {
        "Leder": 2,
        "Erfaren kollega utpekt av leder": 0,
        "Ekstern veileder": 1,
    }
    assert overview.held.value == 3 == sum(by_supervisor.values())
    call_command("supervision-status", "--service", "Tjeneste A", "--json")
    figures = json.loads(capsys.readouterr().out)
    assert sum(figures["held_by_supervisor"].values()) == figures["held"] == 3
    assert "summen er holdte samtaler" in figures["definitions"]["held_by_supervisor"]


def test_sessions_that_two_persons_dominate_are_hidden_outside_the_service(world):
    """The dominance rule: eight staff, two of them with 20 sessions each and the rest with
    one: the service's «Holdte samtaler» (46) is nearly the two persons' own, so the county
    does not see it; the leader does."""
    service = ServiceFactory(name="Storvik", host_municipality=world.service_a.host_municipality)
    employments = staff(service, 8, start_date=date(2020, 1, 1))
    today = timezone.localdate()
    for index, employment in enumerate(employments):
        plan = plans_from_template(
            actor=None,
            template=new_employee_template(service),
            persons=[employment.person],
            starts_on=today - timedelta(days=200),
            check=False,
        )[0]
        for day in range(20 if index < 2 else 1):
            SupervisionSession.objects.create(
                plan=plan, held_on=today - timedelta(days=day + 1), status="held", kind="process"
            )
    county = service_supervision(user=world.user("county"), service=service, today=today)
    inside = service_supervision(user=None, service=service, today=today, operator=True)
    assert inside.held.value == 46 and not inside.held.suppressed
    assert county.held.suppressed and county.held_share.suppressed
    assert not county.staff.suppressed  # the count of staff is no magnitude
