"""The staff list: search, filters and sorting kept in the address, 50 a page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.organisations.models import ServiceUnit
from laget.people.models import RoleCategory
from laget.publication.refresh import refresh
from tests.factories import EmploymentFactory, PersonFactory, staff, staff_with_register

pytestmark = pytest.mark.django_db


def staff_url(service) -> str:
    return reverse("organisations:staff", kwargs={"pk": service.pk})


def names(response) -> list[str]:
    return [row[0].person.full_name for row in response.context["rows"]]


@pytest.fixture
def units(world):
    """Two units in service A: Kari (meets the requirement) and Per (a leader) in Nord, Ola in
    Sør; the world's six have no unit, no education (cannot meet) and started 1.1.2020."""
    nord = ServiceUnit.objects.create(service=world.service_a, name="Nord")
    sor = ServiceUnit.objects.create(service=world.service_a, name="Sør")
    kari = staff_with_register(world.service_a, 1, unit=nord, start_date=date(2019, 3, 1))[0]
    kari.person.given_name, kari.person.family_name = "Kari", "Nordmann"
    kari.person.save()
    for given, unit, role, start in [
        ("Ola", sor, RoleCategory.CORE, date(2022, 5, 1)),
        ("Per", nord, RoleCategory.LEADER, date(2021, 8, 15)),
    ]:
        EmploymentFactory(
            person=PersonFactory(given_name=given, family_name="Nordmann"),
            service=world.service_a,
            unit=unit,
            role_category=role,
            start_date=start,
        )
    return nord, sor


def test_each_filter_narrows_the_list_to_exactly_those_it_names(client, world, units):
    nord, _sor = units
    client.force_login(world.user("leader"))
    url = staff_url(world.service_a)
    assert len(names(client.get(url))) == 9
    assert names(client.get(url, {"navn": "nordmann"})) == [
        "Kari Nordmann",
        "Ola Nordmann",
        "Per Nordmann",
    ]
    assert names(client.get(url, {"navn": "ola nord"})) == ["Ola Nordmann"]
    oyvind = world.service_a.employments.filter(unit=None).first().person
    oyvind.given_name, oyvind.family_name = "Øyvind", "Ås"
    oyvind.save()
    assert names(client.get(url, {"navn": "øyvind ÅS"})) == ["Øyvind Ås"]
    assert names(client.get(url, {"enhet": nord.pk})) == ["Kari Nordmann", "Per Nordmann"]
    assert names(client.get(url, {"rolle": "leader"})) == ["Per Nordmann"]
    assert names(client.get(url, {"status": "meets"})) == ["Kari Nordmann"]
    assert names(client.get(url, {"enhet": nord.pk, "rolle": "core"})) == ["Kari Nordmann"]
    found = client.get(url, {"navn": "nordmann", "enhet": nord.pk})
    assert "2 av 9 ansatte" in found.content.decode()
    nobody = client.get(url, {"navn": "finnes-ikke"})
    assert names(nobody) == [] and "Ingen ansatte passer med søket." in nobody.content.decode()


def test_the_columns_sort_both_ways_and_the_sort_links_keep_the_filters(client, world, units):
    client.force_login(world.user("leader"))
    url = staff_url(world.service_a)
    query = {"navn": "nordmann"}
    assert names(client.get(url, {**query, "sorter": "startdato"})) == [
        "Kari Nordmann",  # 2019
        "Per Nordmann",  # 2021
        "Ola Nordmann",  # 2022
    ]
    assert names(client.get(url, {**query, "sorter": "-startdato"})) == [
        "Ola Nordmann",
        "Per Nordmann",
        "Kari Nordmann",
    ]
    assert names(client.get(url, {**query, "sorter": "-enhet"})) == [
        "Ola Nordmann",  # Sør
        "Kari Nordmann",  # Nord, then by name
        "Per Nordmann",
    ]
    # of the world's six, person_a is in «Enhet A1» (before «Nord»), the others have no unit:
    # last whichever way
    by_unit = names(client.get(url, {"sorter": "enhet"}))
    assert by_unit[:4] == [
        world.person_a.full_name,
        "Kari Nordmann",
        "Per Nordmann",
        "Ola Nordmann",
    ]
    page = client.get(url, {**query, "sorter": "startdato"})
    body = page.content.decode()
    # sorted by start date: its heading asks for the other direction, the others keep theirs
    assert 'href="?navn=nordmann&amp;sorter=-startdato"' in body
    assert 'href="?navn=nordmann&amp;sorter=enhet"' in body
    assert 'aria-sort="ascending"' in body
    # the search form carries the order along
    assert '<input type="hidden" name="sorter" value="startdato">' in body


def test_the_list_is_paged_and_the_page_links_keep_the_filters(client, world, units):
    nord, _sor = units
    staff(world.service_a, 60, unit=nord, role_category=RoleCategory.MEASURES)
    client.force_login(world.user("leader"))
    url = staff_url(world.service_a)
    first = client.get(url, {"enhet": nord.pk, "sorter": "-navn"})
    assert len(first.context["rows"]) == 50
    assert names(first)[:2] == ["Per Nordmann", "Kari Nordmann"]  # N after E(tternavn)
    assert first.context["page"].paginator.count == 62  # 60 + Kari and Per
    body = first.content.decode()
    assert "62 av 69 ansatte" in body and "viser 1–50" in body
    assert f'href="?enhet={nord.pk}&amp;sorter=-navn&amp;side=2"' in body
    second = client.get(url, {"enhet": nord.pk, "sorter": "-navn", "side": 2})
    assert len(second.context["rows"]) == 12
    assert not set(names(first)) & set(names(second))
    # the table alone for HTMX, with the same links
    fragment = client.get(
        url, {"enhet": nord.pk, "sorter": "-navn"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment and f"enhet={nord.pk}&amp;sorter=-navn&amp;side=2" in fragment
    # going back to an address the search pushed, when htmx no longer has it: the whole page
    restored = client.get(
        url,
        {"enhet": nord.pk, "sorter": "-navn"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    ).content.decode()
    assert "<html" in restored and 'role="search"' in restored


def test_a_filter_that_is_not_valid_shows_its_error_and_the_others_still_apply(
    client, world, units
):
    client.force_login(world.user("leader"))
    foreign = ServiceUnit.objects.create(service=world.service_b, name="Bs enhet")
    for unit in (foreign.pk, "nord", 10**20):
        response = client.get(staff_url(world.service_a), {"enhet": unit, "rolle": "leader"})
        assert response.status_code == 200
        assert names(response) == ["Per Nordmann"]
        assert response.context["form"].errors["enhet"]
        assert 'aria-invalid="true"' in response.content.decode()
    by_name = names(client.get(staff_url(world.service_a)))
    assert names(client.get(staff_url(world.service_a), {"sorter": "lønn"})) == by_name


def test_staff_only_of_the_service_and_only_for_those_with_person_access(client, world, units):
    client.force_login(world.user("leader"))
    shown = names(client.get(staff_url(world.service_a), {"navn": world.person_b.family_name}))
    assert shown == []
    client.force_login(world.user("municipal"))
    assert client.get(staff_url(world.service_a)).status_code == 404


def _queries(client, url: str, query: dict) -> int:
    refresh()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_filtered_and_sorted_the_list_takes_the_same_queries_for_few_and_many(client, world, units):
    nord, _sor = units
    client.force_login(world.user("leader"))
    url = staff_url(world.service_a)
    query = {"navn": "n", "enhet": nord.pk, "status": "cannot_meet", "sorter": "-startdato"}
    staff(world.service_a, 4, unit=nord)
    small = _queries(client, url, query)
    staff(world.service_a, 300, unit=nord, person__given_name="Nina")
    assert _queries(client, url, query) == small
