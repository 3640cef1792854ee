"""Plans, sessions, the case-information guard, reflections and confirmation."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.core.models import AuditEntry
from laget.supervision.models import (
    SessionReflection,
    SupervisionPlan,
    SupervisionSession,
)
from laget.supervision.selectors import service_supervision
from laget.supervision.services import new_employee_template, plans_from_template
from laget.supervision.tests.helpers import plan_for, session_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


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
    page = client.get(response["Location"]).content.decode()
    assert "2 veiledningsplaner er opprettet." in page  # no «plan(er)»
    plans = SupervisionPlan.objects.filter(service=world.service_a)
    assert {p.person for p in plans} == {world.person_a, world.employee_person}
    assert all(p.steps == template.steps for p in plans)
    # a plan for someone outside the service cannot be made
    response = client.post(
        url, {"template": template.pk, "persons": [world.person_c.pk], "starts_on": "2026-09-01"}
    )
    assert response.status_code == 400 and plans.count() == 2


def test_logging_a_session_and_the_case_information_guard(client, world):
    plan = plan_for(world)
    client.force_login(world.user("leader"))
    url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    response = client.post(url, session_data(notes="Drøftet 12039912345 og mor til Sofie."))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ser ut som et fødselsnummer" in page and "Ser ut som et navn: «Sofie»" in page
    assert not SupervisionSession.objects.exists()
    response = client.post(
        url,
        session_data(
            notes="Drøftet 12039912345 og mor til Sofie.", confirm_no_case_information="on"
        ),
    )
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    assert session.guard_overridden and session.themes == ["workload", "emotional"]
    # the override is logged with the kinds of warning, never what was written
    override = AuditEntry.objects.get(changes__has_key="case_guard_override")
    assert override.changes == {"case_guard_override": ["fnr", "name"]}
    assert (override.object_id, override.actor) == (str(session.pk), world.user("leader"))
    logged = json.dumps(list(AuditEntry.objects.values()), default=str, ensure_ascii=False)
    assert "12039912345" not in logged and "Sofie" not in logged
    # a clean note saves at once, without any confirmation
    assert client.post(url, session_data()).status_code == 302
    assert not SupervisionSession.objects.latest("pk").guard_overridden
    # cancelled needs a reason; a future date is refused
    assert client.post(url, session_data(status="cancelled")).status_code == 400
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert client.post(url, session_data(held_on=future)).status_code == 400
    assert SupervisionSession.objects.count() == 2


def test_the_employees_reflection_is_theirs_unless_shared(client, world):
    supervisor_user = UserFactory(username="kollega")
    world.person_a.user = supervisor_user
    world.person_a.save()
    plan = plan_for(world, supervisor=world.person_a)
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
    plan = plan_for(world, supervisor=world.person_a)
    client.force_login(supervisor_user)
    url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    assert client.post(url, session_data()).status_code == 302
    assert SupervisionSession.objects.get().confirmed_by_supervisor_at is not None
    other = plan_for(world)
    other.supervisor = None
    other.save()
    other_url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": other.pk})
    assert client.get(other_url).status_code == 404  # not their plan to supervise


def test_the_appointed_supervisor_confirms_a_session_hr_logged(client, world):
    supervisor_user = UserFactory(username="kollega")
    world.person_a.user = supervisor_user
    world.person_a.save()
    plan = plan_for(world, supervisor=world.person_a)
    client.force_login(world.user("hr"))
    url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    client.post(url, session_data())
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


def test_a_pause_is_registered_and_lowers_what_is_planned(client, world):
    plan = plan_for(world, starts_on=timezone.localdate() - timedelta(days=84))
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


def test_the_employee_s_count_of_sessions_never_says_one_of_none_planned(client, world):
    """Issue 28: «1 av 0 planlagt» for a session held as the plan began."""
    plan = plan_for(world, starts_on=timezone.localdate())
    SupervisionSession.objects.create(
        plan=plan, held_on=timezone.localdate(), status="held", kind="case"
    )
    client.force_login(world.user("employee"))
    page = client.get(reverse("supervision_me:me")).content.decode()
    said = page.split('id="holdt-av-planlagt">')[1].split("</dd>")[0]
    assert said == "1 holdt, ingen planlagt ennå"


def test_a_plan_made_today_takes_a_session_held_before_it_but_not_before_the_employment(
    client, world
):
    """Issue 28: a plan made today refused a session held two days ago."""
    today = timezone.localdate()
    plan = plan_for(world, starts_on=today)
    employment = world.employee_person.employments.get(service=world.service_a)
    client.force_login(world.user("leader"))
    url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    two_days_ago = (today - timedelta(days=2)).isoformat()
    assert client.post(url, session_data(held_on=two_days_ago)).status_code == 302
    before = (employment.start_date - timedelta(days=1)).isoformat()
    response = client.post(url, session_data(held_on=before))
    assert response.status_code == 400
    assert "før den ansatte begynte i tjenesten" in response.content.decode()
    assert SupervisionSession.objects.filter(plan=plan).count() == 1
