"""The audit log holds no free text: `audit_record` takes fixed sentences, numbers, choices,
dates, ids and field names, and refuses a string where a value belongs (issue 23, item 4)."""

from datetime import date
from decimal import Decimal

import pytest

from laget.core.audit import audit_findings, audit_record, changed_fields, field_values
from laget.core.models import AuditAction
from laget.people.models import Employment, Person, RoleCategory
from laget.planning.models import Phase

pytestmark = pytest.mark.django_db

CASE_TEXT = "Ola Nordmann f. 12.03.2015, fnr 12031512345"


def test_a_summary_takes_numbers_choices_and_model_classes(world):
    entry = audit_record(
        actor=world.user("leader"),
        action=AuditAction.UPDATE,
        summary="Oppdaterte %(what)s %(year)d, fase %(phase)s",
        values={"what": Person, "year": 2026, "phase": Phase.NEED},
    )
    assert entry.summary == "Oppdaterte person 2026, fase 2 Framtidig behov"
    assert entry.actor == world.user("leader") and entry.changes == {}


@pytest.mark.parametrize("value", [CASE_TEXT, "Kari", "", date(2015, 3, 12), True])
def test_a_summary_refuses_text_and_dates(world, value):
    with pytest.raises(TypeError, match="audit summary"):
        audit_record(
            actor=None, action=AuditAction.UPDATE, summary="Endret %(x)s", values={"x": value}
        )


@pytest.mark.parametrize(
    "value", [CASE_TEXT, "Kari", "jenta heter Aisha", ["ok", "Ola Nordmann"], {"a": "B c"}]
)
def test_details_refuse_text(world, value):
    with pytest.raises(TypeError, match="audit details"):
        audit_record(actor=None, action=AuditAction.UPDATE, summary="Endret", changes={"x": value})


def test_details_refuse_a_key_that_is_not_a_code(world):
    with pytest.raises(TypeError, match="not a code"):
        audit_record(
            actor=None, action=AuditAction.UPDATE, summary="Endret", changes={CASE_TEXT: 1}
        )


def test_details_take_numbers_dates_choices_objects_and_codes(world):
    entry = audit_record(
        actor=None,
        action=AuditAction.CREATE,
        summary="Registrerte",
        changes={
            "person": world.person_a,
            "valid_until": date(2027, 6, 30),
            "fte": Decimal("80.5"),
            "role": RoleCategory.CORE,
            "kinds": ["fnr", "name"],
            "nested": {"fields": ["end_date"], "new": True, "n": None},
            "outcome": "",
        },
    )
    assert entry.changes == {
        "person": world.person_a.pk,
        "valid_until": "2027-06-30",
        "fte": "80.5",
        "role": "core",
        "kinds": ["fnr", "name"],
        "nested": {"fields": ["end_date"], "new": True, "n": None},
        "outcome": "",
    }


def test_changed_fields_are_named_and_only_values_that_hold_no_text_are_kept(world):
    employment = world.person_a.employments.get()
    before = Employment.objects.get(pk=employment.pk)
    employment.end_date, employment.end_reason = date(2026, 12, 31), CASE_TEXT
    employment.position_title = "Kontaktperson for Ola Nordmann"
    fields = changed_fields(
        before,
        {
            "end_date": employment.end_date,
            "end_reason": employment.end_reason,
            "position_title": employment.position_title,
            "fte_percent": employment.fte_percent,
        },
    )
    assert fields == ["end_date", "end_reason", "position_title"]
    entry = audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        summary="Endret ansettelsen",
        obj=employment,
        fields=[*fields, "confirm_no_case_information"],  # not a field: left out
        before=before,
    )
    assert entry.summary == "Endret ansettelsen (sluttdato, sluttårsak, stillingstittel)"
    assert entry.changes == {
        "fields": ["end_date", "end_reason", "position_title"],
        "end_date": [None, "2026-12-31"],
    }
    assert (entry.object_type, entry.object_id) == ("people.Employment", str(employment.pk))


def test_field_values_keep_numbers_dates_choices_and_ids_only(world):
    employment = world.person_a.employments.get()
    employment.end_reason = CASE_TEXT
    values = field_values(
        employment, ["person", "fte_percent", "role_category", "start_date", "end_reason", "x"]
    )
    assert values == {
        "person": employment.person_id,
        "fte_percent": employment.fte_percent,
        "role_category": employment.role_category,
        "start_date": employment.start_date,
    }


def test_a_flagged_summary_is_withheld(world):
    # a fixed sentence with the case guard's findings cannot be built from the values the
    # summary takes; should one be written anyway, the log keeps none of it
    entry = audit_record(actor=None, action=AuditAction.UPDATE, summary=f"Endret {CASE_TEXT}")
    assert entry.summary == "(innhold fjernet: kunne inneholde saksopplysninger)"
    assert entry.changes == {"withheld": ["summary"]}


def test_audit_findings_read_the_summary_and_the_details_but_not_dates():
    today = date(2026, 11, 1)
    assert audit_findings("Endret ansettelsen", {"end_date": ["2015-03-12"]}, today=today) == []
    assert audit_findings(f"Endret {CASE_TEXT}", {}, today=today)
    assert audit_findings("Endret", {"x": ["jenta heter Aisha"]}, today=today)


def test_an_admin_change_names_the_kind_of_object_and_the_fields_not_the_object(client, world):
    from django.urls import reverse

    from laget.core.models import AuditEntry
    from tests.html_forms import forms_on

    client.force_login(world.user("admin"))
    person = world.person_a
    Person.objects.filter(pk=person.pk).update(family_name="Nordmann")
    url = reverse("admin:people_person_change", args=[person.pk])
    [form] = [
        f for f in forms_on(client.get(url).content.decode(), url) if "given_name" in f.fields
    ]
    data = {
        name: (field.initial if field.kind != "select" or field.initial else field.options[:1])
        for name, field in form.fields.items()
        if field.kind not in ("button",)
    }
    data["given_name"] = ["Ola"]
    response = client.post(url, {k: v for k, v in data.items() if v})
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert entry.summary == "Admin: endret person (fornavn)"
    assert entry.changes == {"fields": ["given_name"], "inlines": []}
    assert "Nordmann" not in entry.summary and "Ola" not in str(entry.changes)
