"""`--service` in every command: an id, a short name or the full name, one error message."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from laget.organisations.lookup import ServiceNotFound, service_from_argument
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_a_service_is_found_by_id_short_name_and_full_name_in_any_case():
    fosen = ServiceFactory(name="Fosen barneverntjeneste", slug="fosen")
    assert service_from_argument(str(fosen.pk)) == fosen
    assert service_from_argument("fosen") == fosen
    assert service_from_argument("Fosen barneverntjeneste") == fosen
    assert service_from_argument("  FOSEN BARNEVERNTJENESTE ") == fosen


def test_a_miss_names_the_closest_services_and_is_a_command_error():
    ServiceFactory(name="Fosen barneverntjeneste", slug="fosen")
    ServiceFactory(name="Frøya barneverntjeneste", slug="froya")
    with pytest.raises(ServiceNotFound) as caught:
        service_from_argument("Fosen barnevern")
    message = str(caught.value)
    assert message.startswith("Fant ingen tjeneste «Fosen barnevern»")
    assert "Fosen barneverntjeneste (fosen)" in message
    assert isinstance(caught.value, CommandError)
    with pytest.raises(ServiceNotFound, match="oppgi id, kortnavn eller fullt navn"):
        service_from_argument("999999")
    with pytest.raises(ServiceNotFound, match="Oppgi en tjeneste"):
        service_from_argument("  ")


@pytest.mark.parametrize(
    "command, extra",
    [
        ("supervision-status", ["--json"]),
        ("compliance", ["--json"]),
    ],
)
def test_every_command_takes_the_full_name(world, command, extra):
    out = StringIO()
    call_command(command, "--service", "tjeneste a", *extra, stdout=out)
    data = json.loads(out.getvalue())
    name = data["service"] if isinstance(data["service"], str) else data["service"]["name"]
    assert name == "Tjeneste A"


@pytest.mark.parametrize("command", ["supervision-status", "compliance", "forecast"])
def test_every_command_gives_the_same_error_for_an_unknown_service(world, command):
    with pytest.raises(CommandError, match=r"Fant ingen tjeneste «Tjeneste Q».*Tjeneste A \(a\)"):
        call_command(command, "--service", "Tjeneste Q", "--json")


def test_import_roster_takes_the_full_name_too(world, tmp_path):
    path = tmp_path / "tom.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import-roster", str(path), "--service", "Tjeneste A", "--dry-run")
    assert "Fant ingen tjeneste" not in str(caught.value)
