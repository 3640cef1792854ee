import pytest
from django.urls import reverse

from laget.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def edit_url(person):
    return reverse("people:edit", kwargs={"pk": person.pk})


def test_leader_edits_a_person_and_the_change_is_audited(client, world):
    client.force_login(world.user("leader"))
    person = world.person_a
    old_name = person.given_name
    response = client.post(
        edit_url(person),
        {
            "given_name": "Kari",
            "family_name": person.family_name,
            "email": "kari@example.no",
            "birth_year": "1980",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.given_name, person.email, person.birth_year) == ("Kari", "kari@example.no", 1980)
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.UPDATE and entry.actor == world.user("leader")
    assert entry.summary == "Endret personopplysninger (fornavn, e-post, fødselsår)"
    assert entry.changes["fields"] == ["given_name", "email", "birth_year"]
    assert entry.changes["birth_year"] == [1985, 1980]
    assert entry.service == world.service_a
    assert old_name not in str(entry.changes) and "Kari" not in str(entry.changes)
    assert entry.object_id == str(person.pk)


def test_saving_without_changes_writes_no_audit_entry(client, world):
    client.force_login(world.user("leader"))
    p = world.person_a
    client.post(
        edit_url(p),
        {
            "given_name": p.given_name,
            "family_name": p.family_name,
            "email": "",
            "birth_year": p.birth_year,
        },
    )
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"given_name": "", "family_name": "X"},
        {"given_name": "A", "family_name": "B", "email": "ikke-en-epost"},
        {"given_name": "A", "family_name": "B", "birth_year": "nitten"},
        {"given_name": "A", "family_name": "B", "birth_year": "1800"},
        {"given_name": "A" * 500, "family_name": "B"},
    ],
)
def test_bad_input_is_explained_and_changes_nothing(client, world, data):
    client.force_login(world.user("leader"))
    person = world.person_a
    before = (person.given_name, person.family_name, person.email, person.birth_year)
    response = client.post(edit_url(person), data)
    assert response.status_code == 400
    assert "Skjemaet har feil som må rettes" in response.content.decode()
    person.refresh_from_db()
    assert (person.given_name, person.family_name, person.email, person.birth_year) == before
    assert not AuditEntry.objects.exists()


def test_employee_page_shows_own_record_only(client, world):
    client.force_login(world.user("employee"))
    response = client.get(reverse("people:me"))
    body = response.content.decode()
    assert world.employee_person.family_name in body
    assert world.person_a.family_name not in body
    assert "Endre personopplysninger" not in body


def test_person_update_service_refuses_an_unauthorised_actor(world):
    from django.core.exceptions import PermissionDenied

    from laget.people.services import person_update

    with pytest.raises(PermissionDenied):
        person_update(
            actor=world.user("municipal"),
            person=world.person_a,
            given_name="X",
            family_name="Y",
            email="",
            birth_year=None,
        )
    world.person_a.refresh_from_db()
    assert world.person_a.given_name != "X"
