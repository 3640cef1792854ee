"""Wherever the rule set is named, it says which text it follows and that the requirement is
under revision (issue 15)."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from laget.competence.models import CompetenceRuleSet
from laget.competence.profiles import rule_set_in_force
from laget.competence.services import NOTES, bundled_rule_set_keys_add
from laget.domain.competence import RuleSetError, rule_set_from_dict
from tests.factories import staff_with_register

pytestmark = pytest.mark.django_db
REVISION = "Kravet er under revisjon"


def test_version_1_follows_the_act_of_18_june_2021_and_says_it_is_on_hearing():
    _record, rules = rule_set_in_force(date(2026, 11, 23))
    assert rules.source_date == date(2021, 6, 18)
    assert rules.status_note.startswith(REVISION) and "høring" in rules.status_note
    assert rules.source_text.startswith(
        "Laget følger kravet slik det står i teksten av 18.06.2021."
    )


def test_a_bad_source_date_is_refused_with_the_reason():
    record = CompetenceRuleSet.objects.get(version="1")
    with pytest.raises(RuleSetError, match="source_date: «i fjor» er ikke en dato"):
        rule_set_from_dict({**record.definition, "source_date": "i fjor"})
    with pytest.raises(RuleSetError, match="status_note: må være tekst"):
        rule_set_from_dict({**record.definition, "status_note": 3})


def test_a_version_registered_before_the_notes_gets_them_and_keeps_its_own():
    record = CompetenceRuleSet.objects.get(version="1")
    bare = {k: v for k, v in record.definition.items() if k not in NOTES}
    CompetenceRuleSet.objects.filter(pk=record.pk).update(definition=bare)
    assert rule_set_from_dict(bare).source_text == ""
    assert bundled_rule_set_keys_add() == 1
    record.refresh_from_db()
    assert record.definition["source_date"] == "2021-06-18"
    assert bundled_rule_set_keys_add() == 0  # nothing left to add
    CompetenceRuleSet.objects.filter(pk=record.pk).update(
        definition={**record.definition, "status_note": "Eget notat."}
    )
    bundled_rule_set_keys_add()
    record.refresh_from_db()
    assert record.definition["status_note"] == "Eget notat."


def test_the_competence_page_the_person_page_and_the_command_say_it(client, world):
    staff_with_register(world.service_a, 2)
    client.force_login(world.user("leader"))
    page = client.get(
        reverse("competence:service", kwargs={"pk": world.service_a.pk})
    ).content.decode()
    assert "18.06.2021" in page and REVISION in page
    person = client.get(
        reverse("people:detail", kwargs={"pk": world.employee_person.pk})
    ).content.decode()
    assert 'id="regelsett-kilde"' in person and REVISION in person
    client.force_login(world.user("county"))
    outside = client.get(reverse("competence_overview:overview")).content.decode()
    assert REVISION in outside
    out = StringIO()
    call_command("compliance", "--service", "a", "--json", stdout=out)
    rule_set = json.loads(out.getvalue())["rule_set"]
    assert rule_set["source_date"] == "2021-06-18"
    assert rule_set["status_note"].startswith(REVISION)


def test_the_status_report_says_it_where_it_names_the_rule_set(world, tmp_path):
    staff_with_register(world.service_a, 2)
    out = tmp_path / "rapport.html"
    year = timezone.localdate().year - 1
    call_command(
        "report",
        "--service",
        "a",
        "--municipality",
        "5001",
        "--year",
        str(year),
        "--format",
        "html",
        "--out",
        str(out),
        stdout=StringIO(),
    )
    html = out.read_text(encoding="utf-8")
    assert "vurdert etter regelsettet" in html and REVISION in html
