"""The supervision overview's person table: search by name and unit on top of `?vis=`."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.organisations.models import ServiceUnit
from laget.supervision.tests.helpers import plan_for
from tests.factories import EmploymentFactory, PersonFactory, staff

pytestmark = pytest.mark.django_db


def shown(response) -> list[str]:
    table = response.content.decode().split('id="regelmessighet"')[1].split("</table>")[0]
    return [name.strip() for name in re.findall(r'<th scope="row">([^<]+)', table)]


@pytest.fixture
def nord(world):
    """Kari and Per Nordmann in unit Nord (Kari with a plan and no session held: overdue),
    Ola Nordmann in Sør; the world's six have no unit."""
    nord = ServiceUnit.objects.create(service=world.service_a, name="Nord")
    sor = ServiceUnit.objects.create(service=world.service_a, name="Sør")
    for given, unit in [("Kari", nord), ("Ola", sor), ("Per", nord)]:
        employment = EmploymentFactory(
            person=PersonFactory(given_name=given, family_name="Nordmann"),
            service=world.service_a,
            unit=unit,
            start_date=date(2020, 1, 1),
        )
        if given == "Kari":
            plan_for(world, person=employment.person)
    return nord


def test_name_unit_and_vis_narrow_the_table_together(client, world, nord):
    client.force_login(world.user("leader"))
    url = reverse("supervision:service", kwargs={"pk": world.service_a.pk})
    assert len(shown(client.get(url))) == 9
    assert shown(client.get(url, {"navn": "nordmann"})) == [
        "Kari Nordmann",
        "Ola Nordmann",
        "Per Nordmann",
    ]
    assert shown(client.get(url, {"navn": "ola nord"})) == ["Ola Nordmann"]
    assert shown(client.get(url, {"navn": "NORDMANN KARI"})) == ["Kari Nordmann"]
    assert shown(client.get(url, {"enhet": nord.pk})) == ["Kari Nordmann", "Per Nordmann"]
    overdue = shown(client.get(url, {"vis": "forsinket"}))
    assert "Kari Nordmann" in overdue
    both = client.get(url, {"vis": "forsinket", "enhet": nord.pk, "navn": "nordmann"})
    expected = [name for name in overdue if name in ("Kari Nordmann", "Per Nordmann")]
    assert shown(both) == expected
    body = both.content.decode()
    assert f"{len(expected)} av 9 ansatte" in body
    # the filters stay in the form that narrows further
    assert 'name="navn" id="id_navn" value="nordmann"' in body
    assert f'<option value="{nord.pk}" selected>Nord</option>' in body
    assert '<option value="forsinket" selected>' in body
    nobody = client.get(url, {"navn": "finnes-ikke"})
    assert shown(nobody) == [] and "Ingen ansatte passer med søket." in nobody.content.decode()


def test_a_unit_of_another_service_shows_an_error_and_narrows_nothing(client, world, nord):
    client.force_login(world.user("leader"))
    foreign = ServiceUnit.objects.create(service=world.service_b, name="Bs enhet")
    url = reverse("supervision:service", kwargs={"pk": world.service_a.pk})
    for unit in (foreign.pk, "nord", 10**20):
        response = client.get(url, {"enhet": unit, "navn": "per"})
        assert response.status_code == 200
        assert shown(response) == ["Per Nordmann"]
        assert 'aria-invalid="true"' in response.content.decode()


def test_filtered_the_table_takes_the_same_queries_for_few_and_many(client, world, nord):
    client.force_login(world.user("leader"))
    url = reverse("supervision:service", kwargs={"pk": world.service_a.pk})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"enhet": nord.pk, "navn": "n"}).status_code == 200
        return len(captured)

    staff(world.service_a, 4, unit=nord)
    small = queries()
    staff(world.service_a, 200, unit=nord)
    assert queries() == small
