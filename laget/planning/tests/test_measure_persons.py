"""Whom a measure in the competence plan can name: those the requirement covers, by unit."""

import re

import pytest
from django.urls import reverse

from laget.organisations.models import ServiceUnit
from laget.people.models import Person, RoleCategory
from laget.planning.models import CompetencePlan, Measure
from tests.factories import EmploymentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_measure_form_lists_only_those_the_requirement_covers_grouped_by_unit(client, world):
    nord = ServiceUnit.objects.create(service=world.service_a, name="Nord")
    sor = ServiceUnit.objects.create(service=world.service_a, name="Sør")
    for given, unit, role in [
        ("Kari", nord, RoleCategory.CORE),
        ("Ola", sor, RoleCategory.LEADER),
        ("Per", nord, RoleCategory.ADMINISTRATIVE),  # not covered
    ]:
        EmploymentFactory(
            person=PersonFactory(given_name=given, family_name="Nordmann"),
            service=world.service_a,
            unit=unit,
            role_category=role,
        )
    client.force_login(world.user("leader"))
    client.post(reverse("planning:index", kwargs={"pk": world.service_a.pk}), {"year": "2026"})
    plan = CompetencePlan.objects.get(service=world.service_a, year=2026)
    page = client.get(reverse("planning:detail", kwargs={"pk": world.service_a.pk, "year": 2026}))
    select = re.search(r'<select[^>]*name="person".*?</select>', page.content.decode(), re.S)
    assert select
    groups = {
        label: re.findall(r">([^<]+)</option>", options)
        for label, options in re.findall(
            r'<optgroup label="([^"]+)">(.*?)</optgroup>', select.group(0), re.S
        )
    }
    world_six = [e.person.full_name for e in world.service_a.employments.filter(unit=None)]
    assert groups == {
        "Enhet A1": [world.person_a.full_name],  # the world's unit (its leader's)
        "Nord": ["Kari Nordmann"],
        "Sør": ["Ola Nordmann"],
        "Uten enhet": sorted(world_six, key=lambda name: name.split()[::-1]),
    }
    # the one not covered is not offered, and cannot be posted either
    per = Person.objects.get(given_name="Per")
    response = client.post(
        reverse("planning:measure_add", kwargs={"pk": world.service_a.pk, "year": plan.year}),
        {
            "kind": "further_education",
            "person": str(per.pk),
            "title": "Barnevernfaglig videreutdanning",
            "credits": "30",
            "semester": "H2027",
            "ends_on": "2028-06-30",
            "cost": "25000",
            "grant_outcome": "applied",
        },
    )
    assert response.status_code == 400 and "person" in response.context["measure_form"].errors
    assert not Measure.objects.exists()


def test_a_service_without_units_keeps_a_plain_list(client, world):
    ServiceUnit.objects.filter(service=world.service_a).delete()  # the world's «Enhet A1»
    client.force_login(world.user("leader"))
    page = client.get(reverse("supervision:service", kwargs={"pk": world.service_a.pk}))
    body = page.content.decode()
    assert 'name="person"' in body and "<optgroup" not in body


def test_the_pause_form_groups_the_staff_by_unit(client, world):
    nord = ServiceUnit.objects.create(service=world.service_a, name="Nord")
    EmploymentFactory(
        person=PersonFactory(given_name="Kari", family_name="Nordmann"),
        service=world.service_a,
        unit=nord,
    )
    client.force_login(world.user("leader"))
    body = client.get(
        reverse("supervision:service", kwargs={"pk": world.service_a.pk})
    ).content.decode()
    assert re.search(
        r'<optgroup label="Nord"><option value="\d+">Kari Nordmann</option></optgroup>', body
    )
    assert '<optgroup label="Uten enhet">' in body
