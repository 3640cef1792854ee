"""Every free text in supervision goes through the case-information guard: debriefs, the
employee's reflections, onboarding items, templates' goals and the reason for a pause. Refused
with the findings until confirmed; a confirmed override is logged with its kinds only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.core.models import AuditEntry
from laget.domain.case_guard import find_case_information
from laget.supervision.models import (
    Debrief,
    OnboardingItem,
    OnboardingTask,
    SessionReflection,
    SupervisionPause,
    SupervisionSession,
    SupervisionTemplate,
)
from laget.supervision.services import DEFAULT_ONBOARDING, onboarding_start
from laget.supervision.tests.helpers import plan_for
from tests.case_guard import CASE_TEXT, CONFIRM, assert_override_logged, assert_refused
from tests.factories import staff

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def test_a_debrief_note_is_guarded_and_its_override_logged(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("supervision:debriefs", kwargs={"pk": world.service_a.pk})
    data = {
        "person": world.person_a.pk,
        "event_on": days_ago(3),
        "event_kind": "threat",
        "offered_on": days_ago(2),
        "notes": CASE_TEXT,
    }
    assert_refused(client.post(url, data))
    assert not Debrief.objects.exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    debrief = Debrief.objects.get()
    assert debrief.guard_overridden and debrief.notes == CASE_TEXT
    assert_override_logged(debrief, leader)


def test_the_employees_reflection_is_guarded_on_the_same_path(client, world):
    plan = plan_for(world)
    session = SupervisionSession.objects.create(
        plan=plan, held_on=timezone.localdate() - timedelta(days=2), status="held", kind="case"
    )
    employee = world.user("employee")
    client.force_login(employee)
    url = reverse("supervision_me:reflect", kwargs={"session_id": session.pk})
    data = {"reflection": CASE_TEXT, "shared_with_supervisor": "on"}
    response = client.post(url, data)
    assert_refused(response)
    assert CASE_TEXT in response.content.decode()  # the text is kept for the writer to edit
    assert not SessionReflection.objects.exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    reflection = SessionReflection.objects.get()
    assert reflection.reflection == CASE_TEXT and reflection.shared_with_supervisor
    assert_override_logged(reflection, employee)


def test_an_onboarding_item_is_guarded_and_its_override_logged(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("supervision:onboarding", kwargs={"pk": world.service_a.pk})
    client.get(url)  # the default programme
    before = OnboardingItem.objects.count()
    data = {"title": CASE_TEXT, "due_days": "10", "responsible": "leader"}
    assert_refused(client.post(url, data))
    assert OnboardingItem.objects.count() == before
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    item = OnboardingItem.objects.get(title=CASE_TEXT)
    assert_override_logged(item, leader)
    # an ordinary item is added at once; a bad deadline is explained
    ordinary = {"title": "Møte med tillitsvalgt", "due_days": "14", "responsible": "mentor"}
    assert client.post(url, ordinary).status_code == 302
    assert client.post(url, {**ordinary, "due_days": "-1"}).status_code == 400
    assert OnboardingItem.objects.count() == before + 2


def test_the_default_onboarding_programme_passes_the_guard():
    for title, _days, _who in DEFAULT_ONBOARDING:
        assert find_case_information(title) == [], title


def test_a_templates_goals_are_guarded_and_their_override_logged(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("supervision:templates", kwargs={"pk": world.service_a.pk})
    data = {
        "name": "Prosessgruppe",
        "form": "group",
        "kinds": ["process"],
        "supervisor_category": "external",
        "first_interval": "30",
        "goals": CASE_TEXT,
    }
    assert_refused(client.post(url, data))
    assert not SupervisionTemplate.objects.filter(name="Prosessgruppe").exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    assert_override_logged(SupervisionTemplate.objects.get(name="Prosessgruppe"), leader)


def test_the_reason_for_a_pause_is_guarded_and_its_override_logged(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("supervision:pause_add", kwargs={"pk": world.service_a.pk})
    data = {
        "person": world.employee_person.pk,
        "starts_on": days_ago(60),
        "ends_on": days_ago(31),
        "reason": CASE_TEXT,
    }
    response = client.post(url, data)
    assert_refused(response)
    assert CASE_TEXT in response.content.decode()
    assert not SupervisionPause.objects.exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    assert_override_logged(SupervisionPause.objects.get(), leader)


def test_ticking_off_a_task_does_not_copy_its_title_into_the_log(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("supervision:onboarding", kwargs={"pk": world.service_a.pk})
    client.get(url)
    client.post(url, {"title": CASE_TEXT, "due_days": "0", "responsible": "leader", **CONFIRM})
    newcomer = staff(world.service_a, 1, start_date=timezone.localdate())[0]
    onboarding = onboarding_start(actor=leader, employment=newcomer, with_plan=False)
    task = OnboardingTask.objects.get(onboarding=onboarding, title=CASE_TEXT)
    toggle = reverse(
        "supervision_me:task_toggle", kwargs={"onboarding_id": onboarding.pk, "task_id": task.pk}
    )
    assert client.post(toggle, {"done": "1"}).status_code == 302
    entry = AuditEntry.objects.get(object_type="supervision.OnboardingTask")
    assert "12031512345" not in entry.summary and entry.changes["due_on"] == str(task.due_on)
