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

