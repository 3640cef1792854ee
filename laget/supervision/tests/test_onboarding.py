"""Onboarding of new employees: on hire, not for long-serving staff, overdue items, mentors."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.core.models import AuditEntry
from laget.supervision.models import (
    Onboarding,
    SupervisionPlan,
)
from laget.supervision.selectors import service_supervision
from tests.factories import UserFactory, hire_form, staff

pytestmark = pytest.mark.django_db


def test_a_new_hire_gets_the_onboarding_programme_and_the_plan(client, world):
    client.force_login(world.user("leader"))
    start = timezone.localdate()
    response = client.post(
        reverse("people:hire", kwargs={"service_pk": world.service_a.pk}),
        hire_form(start.isoformat()),
    )
    assert response.status_code == 302
    onboarding = Onboarding.objects.get(employment__person__given_name="Nora")
    tasks = list(onboarding.tasks.all())
    assert len(tasks) == 8 and tasks[0].due_on == start
    assert tasks[-1].due_on == start + timedelta(days=182)
    plan = SupervisionPlan.objects.get(person__given_name="Nora")
    assert plan.steps[0] == {"until_day": 42, "interval_days": 7}
    started = AuditEntry.objects.get(object_type="supervision.Onboarding")
    assert started.actor == world.user("leader") and started.summary.endswith("8 punkter")
    assert started.changes == {"person": plan.person_id, "employment": onboarding.employment_id}
    # the leader ticks an item; the overview shows what is left
    task = tasks[1]
    url = reverse(
        "supervision_me:task_toggle", kwargs={"onboarding_id": onboarding.pk, "task_id": task.pk}
    )
    assert client.post(url, {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.done_on == timezone.localdate()
    # «Fadder er utpekt» is done by choosing the mentor, not by a tick (issue 28: «Fadder: ikke
    # utpekt ennå» beside «✓ Gjort Fadder er utpekt»)
    mentor_task = tasks[0]
    assert mentor_task.follows_mentor
    toggle = reverse(
        "supervision_me:task_toggle",
        kwargs={"onboarding_id": onboarding.pk, "task_id": mentor_task.pk},
    )
    assert client.post(toggle, {"done": "1"}).status_code == 403
    mentor_task.refresh_from_db()
    assert mentor_task.done_on is None
    detail = reverse("supervision_me:onboarding", kwargs={"onboarding_id": onboarding.pk})
    assert "Gjøres ved å velge fadder" in client.get(detail).content.decode()
    client.post(detail, {"mentor": world.person_a.pk})
    mentor_task.refresh_from_db()
    assert mentor_task.done_on == timezone.localdate()
    client.post(detail, {"mentor": ""})
    mentor_task.refresh_from_db()
    assert mentor_task.done_on is None


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
    assert row.overdue_tasks == 3  # due on days 5, 7 and 14 (day 0's: the mentor, chosen)
    assert row.open_tasks == 7


def test_the_migration_takes_back_a_mentor_tick_stored_without_a_mentor(world):
    """Stored before the item followed the mentor: ticked without one (as the demo did)."""
    import importlib

    from django.apps import apps

    from laget.supervision.models import MENTOR_TASK
    from laget.supervision.services import onboarding_start

    migration = importlib.import_module(
        "laget.supervision.migrations.0004_mentor_task_follows_mentor"
    )
    assert migration.MENTOR_TASK == MENTOR_TASK
    newcomer = staff(world.service_a, 1, start_date=timezone.localdate() - timedelta(days=20))[0]
    onboarding = onboarding_start(actor=None, employment=newcomer)
    ticked = onboarding.tasks.get(title=MENTOR_TASK)
    ticked.done_on = timezone.localdate()
    ticked.save()
    other = onboarding.tasks.exclude(title=MENTOR_TASK).first()
    other.done_on = timezone.localdate()
    other.save()
    migration.untick_without_mentor(apps, None)
    ticked.refresh_from_db()
    other.refresh_from_db()
    assert ticked.done_on is None and other.done_on is not None
