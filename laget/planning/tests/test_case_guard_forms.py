"""The career plan and the competence plan's free text go through the case-information guard:
refused with the findings until confirmed; a confirmed override is logged with its kinds only."""

import pytest
from django.urls import reverse

from laget.planning.models import CareerPlan, CompetencePlan
from tests.case_guard import CASE_TEXT, CONFIRM, assert_override_logged, assert_refused

pytestmark = pytest.mark.django_db


def test_a_career_plan_is_guarded_and_its_override_logged(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("planning_person:career", kwargs={"pk": world.person_a.pk})
    data = {"goals": "Bli fagansvarlig", "development": CASE_TEXT, "agreed_on": ""}
    assert_refused(client.post(url, data))
    assert not CareerPlan.objects.exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    plan = CareerPlan.objects.get()
    assert plan.development == CASE_TEXT
    assert_override_logged(plan, leader)


@pytest.mark.parametrize(
    ("phase", "field", "extra"),
    [
        ("mapping", "mapping_notes", {}),
        ("need", "future_need", {"horizon_year": "2030"}),
        ("evaluation", "evaluation", {}),
    ],
)
def test_each_phase_of_the_competence_plan_is_guarded(client, world, phase, field, extra):
    leader = world.user("leader")
    client.force_login(leader)
    client.post(reverse("planning:index", kwargs={"pk": world.service_a.pk}), {"year": "2026"})
    plan = CompetencePlan.objects.get(service=world.service_a, year=2026)
    url = reverse("planning:detail", kwargs={"pk": plan.service_id, "year": plan.year})
    data = {"phase": phase, field: CASE_TEXT, **extra}
    assert_refused(client.post(url, data))
    plan.refresh_from_db()
    assert getattr(plan, field) == ""
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    plan.refresh_from_db()
    assert getattr(plan, field) == CASE_TEXT
    assert_override_logged(plan, leader)
