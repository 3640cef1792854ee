"""Rule sets are data: an admin adds a new version without code, and results name it."""

import json
from datetime import date

import pytest
from django.urls import reverse

from laget.competence.models import CompetenceRuleSet
from laget.competence.profiles import rule_set_in_force
from laget.competence.services import RULE_SETS

pytestmark = pytest.mark.django_db
V1 = json.loads((RULE_SETS / "kompetansekrav-2031-v1.json").read_text(encoding="utf-8"))
ADD = reverse("admin:competence_competenceruleset_add")


def test_the_rule_sets_are_loaded_by_migration():
    record, rules = rule_set_in_force(date(2022, 6, 30))
    assert (record.version, rules.deadline, rules.applies_to) == (
        "1",
        date(2031, 1, 1),
        frozenset({"leader", "deputy_leader", "core"}),
    )
    # version 2 from 1 January 2023, when the Act of 2021 came into force
    record, rules = rule_set_in_force(date(2026, 11, 23))
    assert (record.version, rules.legal_paragraph, rules.deadline) == (
        "2",
        "barnevernsloven (2021) § 3-3",
        date(2031, 1, 1),
    )


def test_an_admin_adds_a_revised_version_and_it_takes_over_from_its_date(client, world):
    client.force_login(world.user("admin"))
    revised = {**V1, "version": "3", "valid_from": "2027-07-01", "deadline": "2032-01-01"}
    response = client.post(ADD, {"definition": json.dumps(revised)})
    assert response.status_code == 302, response.content.decode()[:500]
    record = CompetenceRuleSet.objects.get(version="3")
    assert (record.name, record.deadline, record.created_by) == (
        V1["name"],
        date(2032, 1, 1),
        world.user("admin"),
    )
    assert rule_set_in_force(date(2027, 6, 30))[0].version == "2"
    assert rule_set_in_force(date(2027, 7, 1))[0].version == "3"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"applies_to": ["core", "vaktmester"]}, "Ukjente rollekategorier"),
        ({"deadline": "snart"}, "er ikke en dato"),
        ({"paths": []}, "paths: må være en ikke-tom liste"),
        ({}, "finnes allerede"),
    ],
)
def test_a_bad_definition_is_refused_with_the_reason(client, world, change, message):
    client.force_login(world.user("admin"))
    response = client.post(ADD, {"definition": json.dumps({**V1, **change})})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CompetenceRuleSet.objects.count() == 2


def test_a_version_in_use_cannot_be_edited_or_deleted(client, world):
    client.force_login(world.user("admin"))
    record = CompetenceRuleSet.objects.get(version="1")
    change = reverse("admin:competence_competenceruleset_change", args=[record.pk])
    response = client.post(change, {"definition": json.dumps({**V1, "deadline": "2040-01-01"})})
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.deadline == date(2031, 1, 1)
