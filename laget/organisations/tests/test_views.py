from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laget.competence.publication import competence_publication
from laget.organisations.models import County, LearningNetwork, Municipality
from laget.people.models import RoleCategory
from tests.factories import ServiceFactory, staff
from tests.worker import release_now

pytestmark = pytest.mark.django_db


def _count_queries(client, url: str, monkeypatch) -> int:
    release_now(monkeypatch)  # the register as it is now, out as a release
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("role", "url_name", "kwargs"),
    [
        ("county", "organisations:overview", False),
        ("county", "organisations:detail", True),
        ("leader", "organisations:detail", True),
        ("leader", "organisations:staff", True),
    ],
)
def test_pages_issue_a_constant_number_of_queries_whatever_the_staff_count(
    client, world, role, url_name, kwargs, monkeypatch
):
    client.force_login(world.user(role))
    url = reverse(url_name, kwargs={"pk": world.service_a.pk} if kwargs else None)
    staff(world.service_a, 4)  # 10 staff in service A
    release_now(monkeypatch)  # a release before: the overview compares the last two
    small = _count_queries(client, url, monkeypatch)
    staff(world.service_a, 490)  # 500 staff
    staff(ServiceFactory(members=["5006"]), 30)
    large = _count_queries(client, url, monkeypatch)
    assert small == large


def test_county_user_sees_small_services_suppressed_and_large_ones_shown(client, world):
    tiny = ServiceFactory(
        name="Liten tjeneste", host_municipality=world.service_a.host_municipality
    )
    staff(tiny, 3)
    client.force_login(world.user("county"))
    rows = {
        row.service.name: row
        for row in client.get(reverse("organisations:overview")).context["rows"]
    }
    assert rows["Liten tjeneste"].headcount.suppressed and rows["Liten tjeneste"].fte.suppressed
    assert rows["Liten tjeneste"].headcount.shown is None
    # the rows are the published figures, the same as on every other page (a larger service
    # may be hidden too, to protect the small one in the totals it shares)
    published = competence_publication(timezone.localdate())
    a = published.figure(published.unit_for([world.service_a.pk]), "staff")
    assert (rows["Tjeneste A"].headcount.shown, rows["Tjeneste A"].fte.suppressed) == (
        a.shown,
        a.suppressed,
    )
    body = client.get(reverse("organisations:overview")).content.decode()
    assert 'class="laget-suppressed"' in body


def test_leader_sees_own_small_service_unsuppressed(client, world):
    client.force_login(world.user("leader"))
    summary = client.get(
        reverse("organisations:detail", kwargs={"pk": world.service_a.pk})
    ).context["summary"]
    assert summary.headcount.shown == 6 and not summary.suppressed_view
    leaders = next(r for r in summary.by_role_category if r.label == "Leder")
    assert leaders.headcount.shown == 0 and not leaders.headcount.suppressed


def test_role_breakdown_for_an_aggregate_user_hides_small_cells_and_their_complement(client, world):
    staff(world.service_a, 1, role_category=RoleCategory.LEADER)
    staff(world.service_a, 7, role_category=RoleCategory.MEASURES)
    client.force_login(world.user("municipal"))
    summary = client.get(
        reverse("organisations:detail", kwargs={"pk": world.service_a.pk})
    ).context["summary"]
    cells = {r.label: r.headcount for r in summary.by_role_category}
    assert summary.headcount.shown == 14
    # Leader (1) is hidden, and another cell with it: the total less the shown cells leaves
    # at least five to share. An empty category of fourteen is shown: it is about no one.
    assert cells["Leder"].suppressed and cells["Annet"].shown == 0
    assert 14 - sum(c.shown for c in cells.values() if not c.suppressed) >= 5


def test_headcount_and_fte_count_only_current_employments(client, world):
    staff(world.service_a, 2, fte_percent=Decimal("50"))
    staff(world.service_a, 3, end_date=date(2021, 1, 1))
    staff(world.service_a, 2, start_date=date(2099, 1, 1))
    client.force_login(world.user("leader"))
    summary = client.get(
        reverse("organisations:detail", kwargs={"pk": world.service_a.pk})
    ).context["summary"]
    assert summary.headcount.shown == 8
    assert summary.fte.shown == Decimal("7")


def test_overview_filters_and_htmx_partial(client, world):
    client.force_login(world.user("national"))
    response = client.get(
        reverse("organisations:overview"), {"county": "46"}, headers={"HX-Request": "true"}
    )
    assert [row.service.slug for row in response.context["rows"]] == ["c"]
    assert "<html" not in response.content.decode()  # only the table
    response = client.get(reverse("organisations:overview"), {"county": "34"})
    assert [row.service.slug for row in response.context["rows"]] == ["b"]  # via Os
    assert "<html" in response.content.decode()


def test_an_unknown_filter_value_is_explained_and_ignored(client, world):
    client.force_login(world.user("national"))
    response = client.get(reverse("organisations:overview"), {"county": "99", "network": "abc"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3
    assert "Velg et gyldig valg" in response.content.decode()


def test_county_filter_does_not_multiply_fte_of_inter_municipal_services(client, world):
    client.force_login(world.user("national"))
    rows = client.get(reverse("organisations:overview"), {"county": "50"}).context["rows"]
    row_b = next(r for r in rows if r.service.slug == "b")
    assert row_b.fte.shown == Decimal("6")  # three member municipalities, still 6 persons at 100 %


@pytest.mark.parametrize(
    "name",
    ["organisations:overview", "competence_overview:overview", "workforce_overview:overview"],
)
def test_the_filters_offer_only_counties_and_networks_the_user_sees(client, world, name):
    """Trøndelag's county governor is not offered the other counties, nor another county's
    network; the nation is offered every county with a service."""
    bergen = Municipality.objects.get(number="4601")
    other = ServiceFactory(name="Bergen", host_municipality=bergen, members=["4601"])
    LearningNetwork.objects.create(
        name="Vestlandsnettverk", county=other.host_municipality.county
    ).services.set([other])
    client.force_login(world.user("county"))
    form = client.get(reverse(name)).context["form"]
    counties = set(form.fields["county"].queryset.values_list("number", flat=True))
    networks = set(form.fields["network"].queryset.values_list("name", flat=True))
    assert "46" not in counties and counties <= set(County.objects.values_list("number", flat=True))
    assert counties and "Vestlandsnettverk" not in networks
    client.force_login(world.user("national"))
    form = client.get(reverse(name)).context["form"]
    assert "46" in set(form.fields["county"].queryset.values_list("number", flat=True))
    # a county chosen from outside what the user sees is refused, not applied
    client.force_login(world.user("county"))
    response = client.get(reverse(name), {"county": "46"})
    assert response.context["form"].errors
