"""«Dette bør dere se på» on the overview of municipal, county and national users: each count
opens the overview filtered to exactly those services (issue 16)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laget.organisations.models import Municipality
from laget.publication.calendar import latest_release_day
from laget.publication.models import PublishedFigure
from laget.reports.attention import last_report_due, report_due
from laget.reports.models import ReportTemplate, StatusReport, bundled_templates_load
from tests.factories import ServiceFactory, staff
from tests.worker import release_now

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<li><a class="ds-link" href="([^"]+)"><strong>(\d+)</strong> ([^<]+)</a>')
ROW = re.compile(r'<th scope="row"><a class="ds-link" href="[^"]+">([^<]+)</a>')
OVERVIEW = reverse("organisations:overview")
MISSING = f"{OVERVIEW}?vis=uten-rapport"
FALLEN = f"{OVERVIEW}?vis=lavere-andel"


def _items(client) -> dict[str, tuple[int, str]]:
    html = client.get(OVERVIEW).content.decode()
    assert "Dette bør dere se på" in html
    return {url.replace("&amp;", "&"): (int(n), label) for url, n, label in ITEM.findall(html)}


def _listed(client, url: str) -> set[str]:
    html = client.get(url).content.decode()
    return set(ROW.findall(html.split('id="tjenestetabell"')[1]))


def _report(service, number: str, year: int, status: str) -> StatusReport:
    bundled_templates_load()
    return StatusReport.objects.create(
        service=service,
        municipality=Municipality.objects.get(number=number),
        year=year,
        template=ReportTemplate.objects.first(),
        status=status,
        snapshot=None if status == "draft" else {"as_of": f"{year + 1}-01-01"},
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("national", {"Tjeneste B", "Tjeneste C"}),
        ("county", {"Tjeneste B"}),  # Trøndelag: A and B (B serves Os in Innlandet too)
        ("county_other", {"Tjeneste C"}),
        ("municipal", set()),  # Trondheim: A has sent it
        ("municipal_os", {"Tjeneste B"}),  # B has not sent Os's
    ],
)
def test_services_that_have_not_sent_last_year_s_report(client, world, role, expected):
    year = last_report_due(timezone.localdate())
    _report(world.service_a, "5001", year, "sent")
    _report(world.service_b, "5025", year, "sent")
    _report(world.service_b, "5026", year, "sent")
    _report(world.service_b, "3430", year - 1, "sent")  # an earlier year's does not count
    _report(world.service_c, "4601", year, "final")  # finalised, not sent to the council
    client.force_login(world.user(role))
    items = _items(client)
    if not expected:
        assert MISSING not in items
        return
    count, label = items[MISSING]
    assert count == len(expected)
    assert f"tilstandsrapporten for {year} til kommunestyret" in label
    assert report_due(year).strftime("%d.%m.%Y") in label
    assert _listed(client, MISSING) == expected


def test_a_municipal_user_is_asked_about_their_own_municipality_s_report(client, world):
    year = last_report_due(timezone.localdate())
    _report(world.service_b, "3430", year, "sent")  # Os's is sent; Røros's and Holtålen's not
    client.force_login(world.user("municipal_os"))
    assert MISSING not in _items(client)
    client.force_login(world.user("county"))
    assert _items(client)[MISSING][0] == 2  # A and B


def _keep(day, service, value, hidden=False) -> None:
    PublishedFigure.objects.update_or_create(
        name="competence",
        end_time=day,
        unit=f"service:{service.pk}",
        metric="status.meets.share",
        defaults={
            "value": None if hidden else value,
            "persons": 0 if hidden else 10,
            "hidden": hidden,
        },
    )


def _history(world, today) -> None:
    """The figures kept 40 days before the latest release and with it, as published then
    (written over the release's)."""
    before = today - timedelta(days=40)
    _keep(before, world.service_a, 0.60)
    _keep(today, world.service_a, 0.50)  # fell
    _keep(before, world.service_b, 0.70)
    _keep(today, world.service_b, None, hidden=True)  # hidden today: never compared
    _keep(before, world.service_c, 0.40)
    _keep(today, world.service_c, 0.45)  # rose


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("national", {"Tjeneste A"}),
        ("county", {"Tjeneste A"}),
        ("county_other", set()),
        ("municipal_os", set()),  # B only: hidden today
    ],
)
def test_services_whose_published_share_fell(client, world, role, expected):
    client.force_login(world.user(role))
    today = latest_release_day(timezone.localdate())  # the release readers get
    client.get(OVERVIEW)  # the release published and kept
    _history(world, today)
    items = _items(client)
    if not expected:
        assert FALLEN not in items
        return
    count, label = items[FALLEN]
    assert count == len(expected)
    assert (today - timedelta(days=40)).strftime("%d.%m.%Y") in label
    assert _listed(client, FALLEN) == expected


def test_a_fall_within_the_whole_percent_shown_or_from_a_hidden_figure_is_no_fall(client, world):
    client.force_login(world.user("national"))
    today = timezone.localdate()
    client.get(OVERVIEW)
    before = today - timedelta(days=40)
    _keep(before, world.service_a, 0.604)
    _keep(today, world.service_a, 0.601)  # 60 % both times
    _keep(before, world.service_b, None, hidden=True)
    _keep(today, world.service_b, 0.10)
    _keep(before, world.service_c, 0.40)
    _keep(today, world.service_c, 0.40)
    assert FALLEN not in _items(client)
    assert _listed(client, FALLEN) == set()  # the filter, opened by hand, lists none


def test_an_unknown_filter_says_so_and_lists_every_service(client, world):
    client.force_login(world.user("national"))
    html = client.get(f"{OVERVIEW}?vis=tull").content.decode()
    assert 'aria-invalid="true"' in html and "Velg et gyldig valg" in html
    assert set(ROW.findall(html.split('id="tjenestetabell"')[1])) == {
        "Tjeneste A",
        "Tjeneste B",
        "Tjeneste C",
    }


def test_the_overview_makes_the_same_queries_for_3_and_13_services(client, world, monkeypatch):
    client.force_login(world.user("national"))
    year = last_report_due(timezone.localdate())

    def count() -> int:
        today = release_now(monkeypatch)  # the register as it is now, out as a release
        _history(world, latest_release_day(today))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(MISSING)
        assert response.status_code == 200
        return len(captured)

    _report(world.service_a, "5001", year, "sent")
    small = count()
    for _ in range(10):
        service = ServiceFactory(members=["5006"])
        staff(service, 6)
        _report(service, "5006", year, "sent")
    large = count()
    assert small == large
