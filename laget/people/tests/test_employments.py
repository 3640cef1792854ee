import pytest
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.people.models import Employment, Person
from tests.factories import hire_form

pytestmark = pytest.mark.django_db


def edit_url(employment):
    return reverse(
        "people:employment_edit",
        kwargs={"pk": employment.person_id, "employment_id": employment.pk},
    )


def data(employment, **changes):
    values = {
        "employee_number": employment.employee_number,
        "position_title": employment.position_title,
        "role_category": employment.role_category,
        "unit": str(employment.unit_id or ""),
        "fte_percent": str(employment.fte_percent),
        "start_date": employment.start_date.isoformat(),
        "end_date": "",
        "end_reason": "",
    }
    values.update(changes)
    return values


def test_a_leader_registers_that_someone_leaves(client, world):
    employment = world.person_a.employments.get()
    client.force_login(world.user("leader"))
    response = client.post(
        edit_url(employment), data(employment, end_date="2026-12-31", end_reason="Ny jobb i staten")
    )
    assert response.status_code == 302
    employment.refresh_from_db()
    assert (employment.end_date.isoformat(), employment.end_reason) == (
        "2026-12-31",
        "Ny jobb i staten",
    )
    entry = AuditEntry.objects.get()
    # the log names the text field that changed, never what it says; a date is a value
    assert entry.summary == "Endret ansettelsen (sluttdato, sluttårsak)"
    assert entry.changes["fields"] == ["end_date", "end_reason"]
    assert entry.changes["end_date"] == [None, "2026-12-31"] and "end_reason" not in entry.changes
    assert "Ny jobb" not in str(entry.changes)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fte_percent": "0"}, "fte_percent"),
        ({"fte_percent": "101"}, "fte_percent"),
        ({"end_date": "2019-01-01"}, "end_date"),
        ({"end_reason": "Flyttet"}, "end_reason"),
        ({"start_date": "2099-01-01"}, "start_date"),
        ({"role_category": "sjef"}, "role_category"),
    ],
)
def test_bad_employment_input_changes_nothing(client, world, changes, field):
    employment = world.person_a.employments.get()
    client.force_login(world.user("leader"))
    response = client.post(edit_url(employment), data(employment, **changes))
    assert response.status_code == 400 and field in response.context["form"].errors
    fresh = Employment.objects.get(pk=employment.pk)
    assert (fresh.fte_percent, fresh.end_date, fresh.end_reason, fresh.role_category) == (
        employment.fte_percent,
        None,
        "",
        employment.role_category,
    )
    assert not AuditEntry.objects.exists()


def test_a_unit_from_another_service_is_refused(client, world):
    from laget.organisations.models import ServiceUnit

    foreign_unit = ServiceUnit.objects.create(service=world.service_c, name="Bergen sentrum")
    employment = world.person_a.employments.get()
    client.force_login(world.user("leader"))
    response = client.post(edit_url(employment), data(employment, unit=str(foreign_unit.pk)))
    assert response.status_code == 400 and "unit" in response.context["form"].errors


def test_a_leader_registers_a_new_hire(client, world):
    client.force_login(world.user("hr"))
    url = reverse("people:hire", kwargs={"service_pk": world.service_a.pk})
    response = client.post(
        url,
        hire_form("2026-11-01"),
    )
    assert response.status_code == 302
    nora = Person.objects.get(given_name="Nora")
    assert nora.employments.get().service == world.service_a
    assert (
        AuditEntry.objects.filter(
            summary="Registrerte en ny ansatt", service=world.service_a
        ).count()
        == 1
    )


def test_a_duplicate_employee_number_is_refused(client, world):
    first, second = Employment.objects.filter(service=world.service_a)[:2]
    first.employee_number = "X1"
    first.save()
    client.force_login(world.user("leader"))
    response = client.post(edit_url(second), data(second, employee_number="X1"))
    assert response.status_code == 400 and "employee_number" in response.context["form"].errors
