"""Turnover says what it counts («sluttet i tjenesten»), and beside it how many of those who
left went to another child-welfare service, as far as exit interviews say (issue 15)."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from laget.workforce.exits_published import exits_publication
from laget.workforce.models import ExitInterview
from laget.workforce.tests.test_flows import _network_with_leavers
from laget.workforce.tests.test_views import _history

pytestmark = pytest.mark.django_db


def _interviews(leavers, destinations: list[str]) -> None:
    for employment, destination in zip(leavers, destinations, strict=False):
        ExitInterview.objects.create(
            employment=employment,
            held_on=employment.end_date,
            destination=destination,
            would_return="maybe",
        )


def test_the_leader_sees_leavers_of_the_service_and_how_many_went_to_another_service(client, world):
    year = timezone.localdate().year - 1
    leavers = _history(world.service_a, stayers=10, leavers=4, year=year)
    _interviews(leavers, ["other_service", "other_service", "state"])  # the fourth had none
    client.force_login(world.user("leader"))
    response = client.get(reverse("workforce:service", kwargs={"pk": world.service_a.pk}))
    overview = response.context["overview"]
    assert overview.to_other_service.value == 2 and not overview.to_other_service.suppressed
    page = response.content.decode()
    assert "Turnover (KS)" not in page
    assert "Sluttet i tjenesten (turnover)" in page
    assert "Gikk til en annen kommunal barneverntjeneste" in page
    workbook = load_workbook(
        io.BytesIO(
            client.get(reverse("workforce:export", kwargs={"pk": world.service_a.pk})).content
        )
    )
    headers = [cell for sheet in workbook for cell in next(sheet.iter_rows(values_only=True))]
    assert "Sluttet i tjenesten, turnover (%)" in headers
    assert not any("KS" in str(h) for h in headers if h and "urnover" in str(h))
    # no «gjennomtrekk»: no source Laget is built from defines one for the services
    assert "Gjennomtrekk (SSB)" not in page and "Gjennomtrekk</th>" not in page
    assert not any("jennomtrekk" in str(h) for h in headers)
    # KS's and SSB's figures are said to measure something else, not compared with
    assert "tallene måler ikke det samme som tjenestens" in page


def test_without_interviews_that_say_where_no_figure_is_claimed(client, world):
    _history(world.service_a, stayers=10, leavers=3, year=timezone.localdate().year - 1)
    client.force_login(world.user("leader"))
    response = client.get(reverse("workforce:service", kwargs={"pk": world.service_a.pk}))
    assert response.context["overview"].to_other_service is None
    page = response.content.decode()
    assert "Gikk til en annen kommunal barneverntjeneste" not in page
    assert "teller bare dem som slutter i kommunalt barnevern" in page


def test_outside_the_service_the_figure_is_the_published_one(client, world):
    _network, services = _network_with_leavers(world)
    for slug, service in services.items():
        leavers = list(service.employments.exclude(end_date=None))
        _interviews(leavers, ["other_service"] * (5 if slug == "fosen" else 1))
    client.force_login(world.user("county"))
    published = exits_publication(timezone.localdate())
    for service in services.values():
        shown = client.get(reverse("workforce:service", kwargs={"pk": service.pk})).context[
            "overview"
        ]
        expected = published.figure([service], "destination.other_service")
        assert (shown.to_other_service.value, shown.to_other_service.suppressed) == (
            expected.value,
            expected.suppressed,
        )
    froya = client.get(reverse("workforce:service", kwargs={"pk": services["froya"].pk}))
    assert froya.context["overview"].to_other_service.suppressed
