"""A unit's leader (avdelingsleder, issue 28 item 9): the unit's staff and their supervision,
nothing else of the service; access follows a person who moves out of the unit."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.organisations.models import ServiceUnit
from laget.people.models import Employment
from laget.supervision.models import (
    Form,
    Status,
    SupervisionPlan,
    SupervisionSession,
    SupervisorCategory,
)

pytestmark = pytest.mark.django_db


def _unit(world) -> ServiceUnit:
    return ServiceUnit.objects.get(service=world.service_a, name="Enhet A1")


def test_the_unit_leader_lands_on_the_unit_and_sees_its_staff_and_their_supervision(client, world):
    today = timezone.localdate()
    plan = SupervisionPlan.objects.create(
        service=world.service_a, form=Form.INDIVIDUAL, person=world.person_a,
        supervisor_category=SupervisorCategory.LEADER,
        steps=[{"until_day": None, "interval_days": 14}], starts_on=today - timedelta(days=60),
    )  # fmt: skip
    SupervisionSession.objects.create(
        plan=plan, held_on=today - timedelta(days=4), status=Status.HELD, kind="case"
    )
    unit = _unit(world)
    client.force_login(world.user("unit_leader"))
    landing = client.get("/")
    url = reverse("organisations:unit", kwargs={"pk": world.service_a.pk, "unit_id": unit.pk})
    assert landing.status_code == 302 and landing["Location"] == url
    page = client.get(url).content.decode()
    assert world.person_a.full_name in page
    assert world.employee_person.full_name not in page  # in service A, not in the unit
    assert "1 ansatt i enheten i dag" in page
    assert "1 holdt" in page  # the session held four days ago
    assert (today + timedelta(days=10)).strftime("%d.%m.%Y") in page  # the next one is due
    assert reverse("people:detail", kwargs={"pk": world.person_a.pk}) in page
    assert client.get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).status_code == 200
    closed = [
        reverse("people:detail", kwargs={"pk": world.employee_person.pk}),
        reverse("people:detail", kwargs={"pk": world.person_c.pk}),
        reverse("people:edit", kwargs={"pk": world.person_a.pk}),
        reverse("planning_person:career", kwargs={"pk": world.person_a.pk}),
        reverse("organisations:detail", kwargs={"pk": world.service_a.pk}),
        reverse("organisations:staff", kwargs={"pk": world.service_a.pk}),
        reverse("supervision:service", kwargs={"pk": world.service_a.pk}),
        reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk}),
    ]
    for address in closed:
        assert client.get(address).status_code == 404, address


def test_a_person_who_moves_out_of_the_unit_leaves_its_leader_s_view(client, world):
    unit = _unit(world)
    other = ServiceUnit.objects.create(service=world.service_a, name="Enhet A2")
    client.force_login(world.user("unit_leader"))
    person_page = reverse("people:detail", kwargs={"pk": world.person_a.pk})
    assert client.get(person_page).status_code == 200
    Employment.objects.filter(person=world.person_a, unit=unit).update(unit=other)
    assert client.get(person_page).status_code == 404
    unit_page = reverse("organisations:unit", kwargs={"pk": world.service_a.pk, "unit_id": unit.pk})
    assert world.person_a.full_name not in client.get(unit_page).content.decode()
    other_page = reverse(
        "organisations:unit", kwargs={"pk": world.service_a.pk, "unit_id": other.pk}
    )
    assert client.get(other_page).status_code == 404  # not the unit they lead


def test_the_service_s_leaders_open_each_unit_and_nobody_else_does(client, world):
    unit = _unit(world)
    url = reverse("organisations:unit", kwargs={"pk": world.service_a.pk, "unit_id": unit.pk})
    for role in ("leader", "hr", "admin"):
        client.force_login(world.user(role))
        assert client.get(url).status_code == 200, role
    for role in ("employee", "municipal", "county", "national"):
        client.force_login(world.user(role))
        assert client.get(url).status_code == 404, role
    # a unit asked for under another service is no unit of it
    client.force_login(world.user("leader"))
    wrong = reverse("organisations:unit", kwargs={"pk": world.service_c.pk, "unit_id": unit.pk})
    assert client.get(wrong).status_code == 404
    # the service's page links its units for those who may open them
    page = client.get(reverse("organisations:detail", kwargs={"pk": world.service_a.pk}))
    assert url in page.content.decode()
