"""«Må sjekkes» on the pages (issue 24): the person's page, the service's competence page and
person list, the leader's start page, the published figures and the glossary."""

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.competence.publication import COVERED, competence_publication, service_unit
from laget.domain.competence import Status
from tests.factories import EducationFactory, FurtherEducationFactory, staff

pytestmark = pytest.mark.django_db


def _with_sum(service, n=1):
    """Core staff since 2015 with a relevant bachelor and 30 credits known only as a sum."""
    persons = []
    for employment in staff(service, n, start_date=date(2015, 1, 1)):
        EducationFactory(person=employment.person)
        FurtherEducationFactory(
            person=employment.person,
            course="Relevant videreutdanning (fra HR-import)",
            credits=Decimal(30),
            is_sum=True,
            source="import",
            ends_on=None,
        )
        persons.append(employment.person)
    return persons


def test_the_persons_page_says_must_be_checked_with_what_is_missing(client, world):
    (person,) = _with_sum(world.service_a)
    client.force_login(world.user("leader"))
    page = unescape(client.get(reverse("people:detail", kwargs={"pk": person.pk})).content.decode())
    assert 'laget-status--needs_check">Må sjekkes (slik det er registrert: i faresonen;' in page
    assert "Vi kjenner bare summen av studiepoeng (30 fra en fil)" in page
    assert "registrer emnene for å se om ett av dem er på minst 30" in page


def test_the_competence_page_counts_them_and_the_list_finds_them(client, world):
    _with_sum(world.service_a, 2)
    client.force_login(world.user("leader"))
    url = reverse("competence:service", kwargs={"pk": world.service_a.pk})
    overview = client.get(url).context["overview"]
    rows = {row.key: row for row in overview.statuses}
    assert list(rows)[:3] == ["cannot_meet", "at_risk", "needs_check"]
    assert rows["needs_check"].label == "Må sjekkes"
    assert rows["needs_check"].count.value == 2
    (role,) = [cells for label, cells in overview.by_role if cells["needs_check"].value]
    assert role["needs_check"].value == 2
    bars = overview.status_chart["data"]["values"]
    assert {"status": "Må sjekkes", "key": "needs_check", "antall": 2} in bars
    persons = client.get(
        reverse("competence:persons", kwargs={"pk": world.service_a.pk}),
        {"status": "needs_check"},
    )
    assert len(persons.context["page"].object_list) == 2
    start = client.get(reverse("organisations:detail", kwargs={"pk": world.service_a.pk}))
    assert "har utdanning som må sjekkes før den kan regnes med i kompetansekravet" in unescape(
        start.content.decode()
    )


def test_the_published_figures_have_the_status_and_it_adds_up(world):
    _with_sum(world.service_a, 6)
    published = competence_publication(timezone.localdate())
    unit = service_unit(world.service_a.pk)
    assert Status.NEEDS_CHECK in COVERED
    counted = published.counts[world.service_a.pk]
    assert counted["status.needs_check"] == 6
    assert sum(counted[f"status.{s.key}"] for s in COVERED) == counted["subject"]
    figure = published.figure(unit, "status.needs_check")
    assert figure.suppressed or figure.value == 6


def test_the_glossary_explains_it(client):
    html = unescape(client.get(reverse("core:glossary")).content.decode())
    assert "Må sjekkes" in html and "bare er kjent som en sum" in html


def test_the_county_sees_the_column_per_service(client, world):
    _with_sum(world.service_a, 6)
    client.force_login(world.user("admin"))
    response = client.get(reverse("competence_overview:overview"))
    rows = {row.service.pk: row for row in response.context["rows"]}
    assert rows[world.service_a.pk].cells["needs_check"].value == 6
    html = unescape(response.content.decode())
    assert '<th scope="col" class="laget-num">Må sjekkes</th>' in html
