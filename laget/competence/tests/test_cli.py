import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from laget.people.tests.roster_files import row, xlsx
from tests.factories import staff_with_register

pytestmark = pytest.mark.django_db


def compliance(*args) -> dict:
    out = StringIO()
    call_command("compliance", *args, stdout=out)
    return json.loads(out.getvalue())


def test_compliance_prints_aggregates_and_person_ids_without_names(world):
    staff_with_register(world.service_a, 5)
    data = compliance("--service", str(world.service_a.pk), "--json")
    assert data["service"]["name"] == "Tjeneste A"
    assert data["rule_set"]["version"] == "2" and data["rule_set"]["deadline"] == "2031-01-01"
    assert (
        data["subject"] == 11
        and data["statuses"]["meets"] == 5
        and data["statuses"]["cannot_meet"] == 6
    )
    assert {p["status"] for p in data["persons"]} == {"meets", "cannot_meet"}
    assert all("name" not in p for p in data["persons"])
    assert world.person_a.family_name not in json.dumps(data)
    cannot = next(p for p in data["persons"] if p["status"] == "cannot_meet")
    assert cannot["missing"] and cannot["shortfalls"][0]["complete_by"] == "2031-01-01"


def test_compliance_with_names_and_by_short_name(world):
    data = compliance("--service", "a", "--json", "--with-names")
    assert {p["name"] for p in data["persons"]} >= {world.person_a.full_name}


def test_compliance_for_an_unknown_service_is_a_clear_error(world):
    with pytest.raises(CommandError, match="Fant ingen tjeneste"):
        compliance("--service", "finnes-ikke", "--json")


def test_import_roster_command_imports_and_reports(world, tmp_path):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(
        xlsx(
            [
                row(employee_number="C1"),
                row(employee_number="C2", given_name="Ola", birth_year="1990"),
            ]
        )
    )
    out = StringIO()
    call_command("import-roster", str(path), "--service", "a", stdout=out)
    assert out.getvalue().strip() == "Importert: 2 nye, 0 endret, 0 uendret."
    call_command("import-roster", str(path), "--service", "a", stdout=out)
    assert "0 nye, 0 endret, 2 uendret" in out.getvalue()


def test_import_roster_command_lists_every_error_and_fails(world, tmp_path):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(
        xlsx(
            [
                row(employee_number="C1", fte_percent="200"),
                row(employee_number="C2", given_name="Ola", start_date="i går"),
            ]
        )
    )
    err = StringIO()
    with pytest.raises(CommandError, match="Ingenting importert: 2 feil") as error:
        call_command("import-roster", str(path), "--service", "a", stderr=err)
    assert error.value.returncode == 1
    lines = err.getvalue().splitlines()
    assert any(line.startswith("Rad 2, Stillingsprosent") for line in lines)
    assert any(line.startswith("Rad 3, Startdato") for line in lines)


def test_import_roster_command_with_a_mapping_file(world, tmp_path):
    from laget.people.tests.roster_files import csv_bytes

    headers = ["Nr", "Fornavn", "Etternavn", "Tittel", "Rolle", "Andel", "Fra"]
    path = tmp_path / "hr.csv"
    path.write_bytes(
        csv_bytes(
            [["M1", "Per", "Hansen", "Konsulent", "kjerne", "100", "01.01.2020"]], headers=headers
        )
    )
    mapping = tmp_path / "map.json"
    mapping.write_text(
        json.dumps(
            {
                "employee_number": "Nr",
                "position_title": "Tittel",
                "role_category": "Rolle",
                "fte_percent": "Andel",
                "start_date": "Fra",
            }
        )
    )
    out = StringIO()
    call_command(
        "import-roster", str(path), "--service", "a", "--mapping", str(mapping), stdout=out
    )
    assert "1 nye" in out.getvalue()


def test_compliance_as_of_a_date_after_the_deadline_holds_the_transition_rule_to_it(world):
    """Hand-made persons in a service of their own, on 1 June 2031: the register as it is,
    the rule set in force then."""
    from datetime import date

    from laget.people.models import PriorExperience
    from tests.factories import EmploymentFactory, ServiceFactory

    service = ServiceFactory(name="Tjeneste 2031", slug="t2031")
    march = staff_with_register(service, 1, start_date=date(2027, 3, 1))[0].person
    PriorExperience.objects.create(person=march, months=1)
    january = staff_with_register(service, 1, start_date=date(2027, 1, 1))[0].person
    EmploymentFactory(service=service, start_date=date(2020, 1, 1), end_date=date(2030, 6, 30))

    data = compliance("--service", "t2031", "--as-of", "2031-06-01", "--json")
    assert (data["date"], data["as_of"]) == ("2031-06-01", True)
    assert data["rule_set"]["version"] == "2"
    assert data["rule_set"]["legal_paragraph"] == "barnevernsloven (2021) § 3-3"
    assert "deadline" in [r["key"] for r in data["rule_set"]["readings"]]
    by_id = {p["person_id"]: p for p in data["persons"]}
    # who left in 2030 is not on the staff on that date
    assert set(by_id) == {march.pk, january.pk}
    # 1 + 46 months by 1 January 2031: one short, for good; exactly 48: meets
    assert by_id[march.pk]["status"] == "cannot_meet"
    assert [(s["kind"], s["amount"]) for s in by_id[march.pk]["shortfalls"]] == [
        ("experience", 1.0)
    ]
    assert by_id[january.pk]["status"] == "meets"
    assert by_id[january.pk]["met_on"] == "2031-01-01"
    assert data["statuses"]["meets"] == 1 and data["statuses"]["cannot_meet"] == 1

    before = compliance("--service", "t2031", "--as-of", "2027-02-01", "--json")
    assert {p["person_id"]: p["status"] for p in before["persons"]}[january.pk] == "will_meet"
    assert march.pk not in {p["person_id"] for p in before["persons"]}


def test_compliance_as_of_refuses_what_is_not_a_date(world):
    with pytest.raises(CommandError, match="--as-of"):
        compliance("--service", "a", "--as-of", "1.6.2031", "--json")
