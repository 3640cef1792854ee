"""The vacancy list: search by title, status and role kept in the address, 50 a page."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.workforce.models import Vacancy

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [v.title for v in response.context["page"]]


def _vacancy(service, title, advertised_on, **kwargs) -> Vacancy:
    return Vacancy.objects.create(
        service=service,
        title=title,
        role_category=kwargs.pop("role_category", "core"),
        requirement="none",
        advertised_on=advertised_on,
        **kwargs,
    )


@pytest.fixture
def vacancies(world):
    """Three named vacancies in service A (one open, one filled, one withdrawn), one in B."""
    _vacancy(world.service_a, "Barnevernspedagog Nord", date(2026, 3, 1))
    _vacancy(
        world.service_a,
        "Miljøterapeut",
        date(2026, 2, 1),
        filled_on=date(2026, 3, 15),
        role_category="measures",
    )
    _vacancy(
        world.service_a, "Barnevernskonsulent Sør", date(2026, 1, 1), closed_on=date(2026, 2, 1)
    )
    _vacancy(world.service_b, "Barnevernspedagog i B", date(2026, 3, 1))


def test_each_filter_narrows_the_vacancies_to_exactly_those_it_names(client, world, vacancies):
    client.force_login(world.user("leader"))
    url = reverse("workforce:vacancies", kwargs={"pk": world.service_a.pk})
    assert titles(client.get(url)) == [
        "Barnevernspedagog Nord",
        "Miljøterapeut",
        "Barnevernskonsulent Sør",
    ]
    assert titles(client.get(url, {"stilling": "barnevern"})) == [
        "Barnevernspedagog Nord",
        "Barnevernskonsulent Sør",
    ]
    assert titles(client.get(url, {"stilling": "barnevern SØR"})) == ["Barnevernskonsulent Sør"]
    assert titles(client.get(url, {"stilling": "MILJØ"})) == ["Miljøterapeut"]
    assert titles(client.get(url, {"status": "ledig"})) == ["Barnevernspedagog Nord"]
    assert titles(client.get(url, {"status": "besatt"})) == ["Miljøterapeut"]
    assert titles(client.get(url, {"status": "trukket"})) == ["Barnevernskonsulent Sør"]
    assert titles(client.get(url, {"rolle": "measures"})) == ["Miljøterapeut"]
    body = client.get(url, {"stilling": "barnevern", "status": "ledig"}).content.decode()
    assert "1 av 3 stillinger" in body
    bad = client.get(url, {"status": "alle-mulige", "rolle": "measures"})
    assert bad.status_code == 200 and titles(bad) == ["Miljøterapeut"]
    assert 'aria-invalid="true"' in bad.content.decode()


def test_the_vacancy_list_is_paged_and_the_page_links_keep_the_filters(client, world):
    for day in range(60):
        _vacancy(world.service_a, f"Konsulent {day}", date(2025, 1, 1) + timedelta(days=day))
    _vacancy(world.service_a, "Leder", date(2024, 1, 1), role_category="leader")
    client.force_login(world.user("leader"))
    url = reverse("workforce:vacancies", kwargs={"pk": world.service_a.pk})
    first = client.get(url, {"stilling": "konsulent", "status": "ledig"})
    assert len(titles(first)) == 50 and first.context["page"].paginator.count == 60
    body = first.content.decode()
    assert "60 av 61 stillinger" in body
    assert 'href="?stilling=konsulent&amp;status=ledig&amp;side=2"' in body
    second = client.get(url, {"stilling": "konsulent", "status": "ledig", "side": 2})
    assert titles(second) == [f"Konsulent {day}" for day in range(9, -1, -1)]


def test_the_vacancy_list_takes_the_same_queries_for_few_and_many(client, world):
    client.force_login(world.user("leader"))
    url = reverse("workforce:vacancies", kwargs={"pk": world.service_a.pk})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"stilling": "k", "status": "ledig"}).status_code == 200
        return len(captured)

    for day in range(3):
        _vacancy(world.service_a, f"Konsulent {day}", date(2025, 1, 1) + timedelta(days=day))
    small = queries()
    for day in range(3, 120):
        _vacancy(world.service_a, f"Konsulent {day}", date(2025, 1, 1) + timedelta(days=day))
    assert queries() == small
