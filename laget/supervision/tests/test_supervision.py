"""Supervision and onboarding as the leader, the employee, the supervisor and the county use it."""

import dataclasses
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

from laget.core.models import AuditEntry
from laget.domain.suppression import Figure
from laget.supervision.models import (
    CheckIn,
    Onboarding,
    SessionReflection,
    SupervisionPlan,
    SupervisionSession,
)
from laget.supervision.selectors import service_supervision
from laget.supervision.services import new_employee_template, plans_from_template
from tests.factories import ServiceFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def _session_data(**changes):
    data = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "duration_minutes": "45",
        "status": "held",
        "kind": "process",
        "themes": ["workload", "emotional"],
        "notes": "Prioritering i en travel periode.",
    }
    data.update(changes)
    return data


def _plan(world, person=None, **kwargs) -> SupervisionPlan:
    return plans_from_template(
        actor=world.user("leader"),
        template=new_employee_template(world.service_a),
        persons=[person or world.employee_person],
        starts_on=kwargs.pop("starts_on", timezone.localdate() - timedelta(days=60)),
        **kwargs,
    )[0]


def test_a_leader_gives_two_employees_the_same_plan_in_one_step(client, world):
    client.force_login(world.user("leader"))
    url = reverse("supervision:plan_new", kwargs={"pk": world.service_a.pk})
    client.get(url)  # makes sure the template for new employees exists
    template = new_employee_template(world.service_a)
    response = client.post(
        url,
        {
            "template": template.pk,
            "persons": [world.person_a.pk, world.employee_person.pk],
            "starts_on": "2026-09-01",
        },
    )
    assert response.status_code == 302
    plans = SupervisionPlan.objects.filter(service=world.service_a)
    assert {p.person for p in plans} == {world.person_a, world.employee_person}
    assert all(p.steps == template.steps for p in plans)
    # a plan for someone outside the service cannot be made
    response = client.post(
        url, {"template": template.pk, "persons": [world.person_c.pk], "starts_on": "2026-09-01"}
    )
    assert response.status_code == 400 and plans.count() == 2


def test_logging_a_session_and_the_case_information_guard(client, world):
    plan = _plan(world)
    client.force_login(world.user("leader"))
    url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    response = client.post(url, _session_data(notes="Drøftet 12039912345 og mor til Sofie."))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ser ut som et fødselsnummer" in page and "Ser ut som et navn: «Sofie»" in page
    assert not SupervisionSession.objects.exists()
    response = client.post(
        url,
        _session_data(
            notes="Drøftet 12039912345 og mor til Sofie.", confirm_no_case_information="on"
        ),
    )
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    assert session.guard_overridden and session.themes == ["workload", "emotional"]
    override = AuditEntry.objects.get(summary__startswith="Lagret notat etter advarsel")
    assert "fødselsnummer" in json.dumps(override.changes, ensure_ascii=False)
    # a clean note saves at once, without any confirmation
    assert client.post(url, _session_data()).status_code == 302
    assert not SupervisionSession.objects.latest("pk").guard_overridden
    # cancelled needs a reason; a future date is refused
    assert client.post(url, _session_data(status="cancelled")).status_code == 400
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert client.post(url, _session_data(held_on=future)).status_code == 400
    assert SupervisionSession.objects.count() == 2


def test_the_employees_reflection_is_theirs_unless_shared(client, world):
    supervisor_user = UserFactory(username="kollega")
    world.person_a.user = supervisor_user
    world.person_a.save()
    plan = _plan(world, supervisor=world.person_a)
    plan.supervisor_category = "colleague"
    plan.save()
    session = SupervisionSession.objects.create(
        plan=plan, held_on=timezone.localdate() - timedelta(days=2), status="held", kind="case"
    )
    client.force_login(world.user("employee"))
    response = client.post(
        reverse("supervision_me:reflect", kwargs={"session_id": session.pk}),
        {"reflection": "Jeg trenger mer tid til refleksjon."},
    )
    assert response.status_code == 302
    assert SessionReflection.objects.get().shared_with_supervisor is False
    own_page = client.get(reverse("supervision_me:me")).content.decode()
    assert "Jeg trenger mer tid til refleksjon." in own_page

    plan_url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    pages = {
        "leader": [plan_url, reverse("supervision:service", kwargs={"pk": world.service_a.pk})],
        "hr": [plan_url],
        "kollega": [plan_url],
    }
    for username, urls in pages.items():
        user = supervisor_user if username == "kollega" else world.user(username)
        client.force_login(user)
        for url in urls:
            body = client.get(url).content.decode()
            assert "Jeg trenger mer tid" not in body, (username, url)
    # shared: the supervisor sees it; the leader, who is not the supervisor, still does not
    SessionReflection.objects.update(shared_with_supervisor=True)
    client.force_login(supervisor_user)
    assert "Jeg trenger mer tid" in client.get(plan_url).content.decode()
    client.force_login(world.user("leader"))
    assert "Jeg trenger mer tid" not in client.get(plan_url).content.decode()


def test_a_colleague_supervisor_logs_and_the_session_is_confirmed_by_the_supervisor(client, world):
    supervisor_user = UserFactory(username="kollega")
    world.person_a.user = supervisor_user
    world.person_a.save()
    plan = _plan(world, supervisor=world.person_a)
    client.force_login(supervisor_user)
    url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    assert client.post(url, _session_data()).status_code == 302
    assert SupervisionSession.objects.get().confirmed_by_supervisor_at is not None
    other = _plan(world)
    other.supervisor = None
    other.save()
    other_url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": other.pk})
    assert client.get(other_url).status_code == 404  # not their plan to supervise


def test_a_new_hire_gets_the_onboarding_programme_and_the_plan(client, world):
    client.force_login(world.user("leader"))
    start = timezone.localdate()
    response = client.post(
        reverse("people:hire", kwargs={"service_pk": world.service_a.pk}),
        {
            "person-given_name": "Nora",
            "person-family_name": "Ny",
            "person-email": "",
            "person-birth_year": "1995",
            "employment-employee_number": "N-1",
            "employment-position_title": "Barnevernskonsulent",
            "employment-role_category": "core",
            "employment-unit": "",
            "employment-fte_percent": "100",
            "employment-start_date": start.isoformat(),
            "employment-end_date": "",
            "employment-end_reason": "",
        },
    )
    assert response.status_code == 302
    onboarding = Onboarding.objects.get(employment__person__given_name="Nora")
    tasks = list(onboarding.tasks.all())
    assert len(tasks) == 8 and tasks[0].due_on == start
    assert tasks[-1].due_on == start + timedelta(days=182)
    plan = SupervisionPlan.objects.get(person__given_name="Nora")
    assert plan.steps[0] == {"until_day": 42, "interval_days": 7}
    # the leader ticks an item; the overview shows what is left
    task = tasks[0]
    url = reverse(
        "supervision_me:task_toggle", kwargs={"onboarding_id": onboarding.pk, "task_id": task.pk}
    )
    assert client.post(url, {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.done_on == timezone.localdate()


def test_a_roster_of_long_serving_staff_starts_no_onboarding(world):
    from laget.people.models import Employment
    from laget.people.signals import employee_hired

    old = staff(world.service_a, 1, start_date=date(2010, 1, 1))[0]
    employee_hired.send(sender=Employment, employment=old, actor=None)
    assert not Onboarding.objects.filter(employment=old).exists()


def test_overdue_tasks_and_the_mentor_page(client, world):
    mentor_user = UserFactory(username="fadder")
    world.person_a.user = mentor_user
    world.person_a.save()
    newcomer = staff(world.service_a, 1, start_date=timezone.localdate() - timedelta(days=20))[0]
    from laget.supervision.services import mentor_assign, onboarding_start

    onboarding = onboarding_start(actor=world.user("leader"), employment=newcomer)
    mentor_assign(actor=world.user("leader"), onboarding=onboarding, mentor=world.person_a)
    client.force_login(mentor_user)
    page = client.get(reverse("supervision_me:mentor")).content.decode()
    assert newcomer.person.full_name in page and "over frist" in page
    overview = service_supervision(
        user=world.user("leader"), service=world.service_a, today=timezone.localdate()
    )
    row = next(r for r in overview.rows if r.person == newcomer.person)
    assert row.overdue_tasks == 4  # due on days 0, 5, 7 and 14
    assert row.open_tasks == 8


def _figures(obj):
    if isinstance(obj, Figure):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _figures(getattr(obj, f.name))
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _figures(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from _figures(value)


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
    assert [f for f in _figures(overview) if not (f.suppressed or f.n >= 5)] == []
    assert overview.rows == []
    client.force_login(world.user("county"))
    page = client.get(reverse("supervision:service", kwargs={"pk": small.pk})).content.decode()
    assert "skjult (n&lt;5)" in page
    for employment in employments:
        assert employment.person.family_name not in page


def test_check_ins_are_shown_only_from_five_answers_even_to_the_leader(client, world):
    period = f"{timezone.localdate().year}-K{(timezone.localdate().month - 1) // 3 + 1}"
    for _answer in range(4):
        CheckIn.objects.create(
            service=world.service_a,
            role="employee",
            user=UserFactory(),
            period=period,
            q1=2,
            q2=1,
            q3=3,
        )
    leader = world.user("leader")
    overview = service_supervision(user=leader, service=world.service_a, today=timezone.localdate())
    assert all(f.suppressed for _q, f in overview.check_in_staff)
    CheckIn.objects.create(
        service=world.service_a,
        role="employee",
        user=UserFactory(),
        period=period,
        q1=4,
        q2=1,
        q3=3,
    )
    CheckIn.objects.create(
        service=world.service_a, role="leader", user=leader, period=period, q1=5, q2=4, q3=4
    )
    overview = service_supervision(user=leader, service=world.service_a, today=timezone.localdate())
    assert [f.value for _q, f in overview.check_in_staff] == [pytest.approx(2.4), 1.0, 3.0]
    assert [f.value for _q, f in overview.check_in_leaders] == [5.0, 4.0, 4.0]
    # the employee answers from their own page
    client.force_login(world.user("employee"))
    response = client.post(
        reverse("supervision:check_in", kwargs={"pk": world.service_a.pk}),
        {"q1": 3, "q2": 3, "q3": 6},
    )
    assert response.status_code == 302
    assert not CheckIn.objects.filter(user=world.user("employee")).exists()  # 6 is not 1–5
    client.post(
        reverse("supervision:check_in", kwargs={"pk": world.service_a.pk}),
        {"q1": 3, "q2": 3, "q3": 5},
    )
    assert CheckIn.objects.get(user=world.user("employee")).role == "employee"


def test_the_regularity_export_and_the_command(client, world, capsys):
    plan = _plan(world)
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


def test_templates_are_checked(client, world):
    client.force_login(world.user("leader"))
    url = reverse("supervision:templates", kwargs={"pk": world.service_a.pk})
    good = {
        "name": "Prosessgruppe",
        "form": "group",
        "kinds": ["process"],
        "supervisor_category": "external",
        "first_interval": "30",
        "goals": "",
    }
    backwards = {
        **good,
        "first_until_week": "8",
        "second_interval": "14",
        "second_until_week": "4",
        "third_interval": "30",
    }
    assert client.post(url, backwards).status_code == 400
    assert client.post(url, good).status_code == 302
    from laget.supervision.models import SupervisionTemplate

    template = SupervisionTemplate.objects.get(name="Prosessgruppe")
    assert template.steps == [{"interval_days": 30, "until_day": None}]


def test_the_service_page_makes_the_same_queries_for_10_and_200_staff(client, world):
    client.force_login(world.user("leader"))

    def grow(count: int) -> None:
        for employment in staff(world.service_a, count, start_date=date(2020, 1, 1)):
            plan = _plan(world, person=employment.person)
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


def test_a_pause_is_registered_and_lowers_what_is_planned(client, world):
    plan = _plan(world, starts_on=timezone.localdate() - timedelta(days=84))
    leader = world.user("leader")
    before = next(
        r
        for r in service_supervision(
            user=leader, service=world.service_a, today=timezone.localdate()
        ).rows
        if r.person == world.employee_person
    ).regularity.planned
    client.force_login(leader)
    url = reverse("supervision:pause_add", kwargs={"pk": world.service_a.pk})
    start = (timezone.localdate() - timedelta(days=60)).isoformat()
    end = (timezone.localdate() - timedelta(days=31)).isoformat()
    assert (
        client.post(
            url, {"person": world.employee_person.pk, "starts_on": end, "ends_on": start}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url, {"person": world.person_c.pk, "starts_on": start, "ends_on": end}
        ).status_code
        == 302
    )
    from laget.supervision.models import SupervisionPause

    assert not SupervisionPause.objects.exists()  # backwards dates, and someone from elsewhere
    client.post(
        url,
        {
            "person": world.employee_person.pk,
            "starts_on": start,
            "ends_on": end,
            "reason": "Permisjon",
        },
    )
    after = next(
        r
        for r in service_supervision(
            user=leader, service=world.service_a, today=timezone.localdate()
        ).rows
        if r.person == world.employee_person
    ).regularity.planned
    assert plan.pk and after < before


def test_a_group_session_counts_for_every_member(world):
    from laget.supervision.models import SupervisionTemplate

    group = SupervisionTemplate.objects.create(
        service=world.service_a,
        name="Prosessgruppe",
        form="group",
        kinds=["process"],
        supervisor_category="external",
        steps=[{"until_day": None, "interval_days": 30}],
    )
    plan = plans_from_template(
        actor=world.user("leader"),
        template=group,
        persons=[world.person_a, world.employee_person],
        starts_on=timezone.localdate() - timedelta(days=59),
        external_supervisor="RVTS",
    )[0]
    SupervisionSession.objects.create(
        plan=plan, held_on=timezone.localdate() - timedelta(days=10), status="held", kind="process"
    )
    SupervisionSession.objects.create(
        plan=plan,
        held_on=timezone.localdate() - timedelta(days=40),
        status="cancelled",
        kind="process",
        cancel_reason="Sykdom",
    )
    overview = service_supervision(
        user=world.user("leader"), service=world.service_a, today=timezone.localdate()
    )
    members = [r for r in overview.rows if r.person in (world.person_a, world.employee_person)]
    assert [(r.regularity.planned, r.regularity.held, r.regularity.cancelled) for r in members] == [
        (2, 1, 1),
        (2, 1, 1),
    ]
    assert overview.held.value == 2 and overview.group_share.value == 1.0
    assert overview.process_share.value == 1.0
    assert overview.by_supervisor["Ekstern veileder"].value == 2


def test_the_command_explains_an_unknown_service():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Fant ingen tjeneste"):
        call_command("supervision-status", "--service", "finnes-ikke")


def test_the_appointed_supervisor_confirms_a_session_hr_logged(client, world):
    supervisor_user = UserFactory(username="kollega")
    world.person_a.user = supervisor_user
    world.person_a.save()
    plan = _plan(world, supervisor=world.person_a)
    client.force_login(world.user("hr"))
    url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    client.post(url, _session_data())
    session = SupervisionSession.objects.get()
    assert session.confirmed_by_supervisor_at is None  # HR logged it; HR did not supervise
    confirm = reverse(
        "supervision:session_confirm",
        kwargs={"pk": world.service_a.pk, "plan_id": plan.pk, "session_id": session.pk},
    )
    assert client.post(confirm).status_code == 403
    client.force_login(supervisor_user)
    assert client.post(confirm).status_code == 302
    session.refresh_from_db()
    assert session.confirmed_by_supervisor_at is not None
