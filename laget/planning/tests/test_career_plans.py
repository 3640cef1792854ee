import pytest
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.planning.models import CareerPlan

pytestmark = pytest.mark.django_db


def url(person):
    return reverse("planning_person:career", kwargs={"pk": person.pk})


def test_the_leader_writes_the_plan_and_the_employee_reads_it(client, world):
    me = world.employee_person
    client.force_login(world.user("leader"))
    response = client.post(
        url(me),
        {
            "goals": "Bli fagansvarlig for undersøkelser",
            "development": "Master i barnevern fra høsten",
            "agreed_on": "2026-10-15",
        },
    )
    assert response.status_code == 302
    plan = CareerPlan.objects.get(person=me)
    assert (plan.updated_by, plan.agreed_on.isoformat()) == (world.user("leader"), "2026-10-15")
    assert AuditEntry.objects.get().object_type == "planning.CareerPlan"
    client.force_login(world.user("employee"))
    page = client.get(url(me)).content.decode()
    assert (
        "Bli fagansvarlig for undersøkelser" in page
        and '<form method="post" class="laget-form"' not in page
    )
    assert client.post(url(me), {"goals": "Noe annet"}).status_code == 404
    plan.refresh_from_db()
    assert plan.goals == "Bli fagansvarlig for undersøkelser"


def test_employees_see_only_their_own_career_plan(client, world):
    CareerPlan.objects.create(person=world.person_a, year=2026, goals="Hemmelig mål")
    client.force_login(world.user("employee"))
    assert client.get(url(world.person_a)).status_code == 404
    for role in ("municipal", "county", "national"):
        client.force_login(world.user(role))
        assert client.get(url(world.person_a)).status_code == 404


def test_bad_career_plan_input_is_explained(client, world):
    client.force_login(world.user("leader"))
    response = client.post(url(world.person_a), {"goals": "", "agreed_on": "2099-01-01"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"goals", "agreed_on"}
    assert not CareerPlan.objects.exists()
