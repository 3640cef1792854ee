from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laget.competence.publication import competence_publication
from laget.competence.selectors import status_row
from laget.domain.protection import audit, narrowest
from laget.people.models import RoleCategory
from tests.factories import ServiceFactory, staff, staff_with_register
from tests.worker import release_now

pytestmark = pytest.mark.django_db


def url(service):
    return reverse("competence:service", kwargs={"pk": service.pk})


def persons_url(service):
    return reverse("competence:persons", kwargs={"pk": service.pk})


def test_the_person_list_is_paged_searchable_and_keeps_its_filters_in_the_address(client, world):
    staff_with_register(world.service_a, 60)  # 66 with the world's six
    client.force_login(world.user("leader"))
    first = client.get(persons_url(world.service_a))
    assert len(first.context["page"]) == 50 and first.context["page"].paginator.count == 66
    second = client.get(persons_url(world.service_a), {"side": 2})
    assert len(second.context["page"]) == 16
    shown = {r.person.pk for r in first.context["page"]} | {
        r.person.pk for r in second.context["page"]
    }
    assert len(shown) == 66
    at_risk = client.get(persons_url(world.service_a), {"status": "cannot_meet"})
    assert {r.result.status.key for r in at_risk.context["page"]} == {"cannot_meet"}
    one = list(world.service_a.employments.select_related("person"))[-1].person
    found = client.get(persons_url(world.service_a), {"navn": one.family_name.upper()})
    assert one.pk in {r.person.pk for r in found.context["page"]}
    # the filters go with the page links
    body = client.get(persons_url(world.service_a), {"status": "meets"}, HTTP_HX_REQUEST="true")
    assert "status=meets&amp;side=2" in body.content.decode()
    assert "<html" not in body.content.decode()  # the fragment, not the page
    # nobody without person access gets it
    client.force_login(world.user("municipal"))
    assert client.get(persons_url(world.service_a)).status_code == 404


def _queries(client, address, monkeypatch):
    """The queries of a page once the published figures are stored (they are built off the
    request path after a change, `laget.publication.refresh`, and go out as a release)."""
    release_now(monkeypatch)
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["leader", "county"])
def test_the_overview_issues_a_constant_number_of_queries(client, world, role, monkeypatch):
    client.force_login(world.user(role))
    staff_with_register(world.service_a, 4)  # 10 staff (6 from the world have no education)
    small = _queries(client, url(world.service_a), monkeypatch)
    staff_with_register(world.service_a, 490, credits=15)  # 500 staff
    assert _queries(client, url(world.service_a), monkeypatch) == small


def test_the_person_list_issues_a_constant_number_of_queries(client, world, monkeypatch):
    client.force_login(world.user("leader"))
    staff_with_register(world.service_a, 4)
    small = _queries(client, persons_url(world.service_a), monkeypatch)
    staff_with_register(world.service_a, 490, credits=15)
    assert _queries(client, persons_url(world.service_a), monkeypatch) == small


def test_leader_sees_every_person_with_what_is_missing_most_urgent_first(client, world):
    staff_with_register(world.service_a, 2, credits=15)
    client.force_login(world.user("leader"))
    persons = list(client.get(persons_url(world.service_a)).context["page"])
    assert len(persons) == 8
    statuses = [row.result.status.key for row in persons]
    # The six world staff have no degree at all: they cannot meet it; then the two at risk.
    assert statuses == ["cannot_meet"] * 6 + ["at_risk"] * 2
    # One course of 15 credits is not the one course of 30 that the rule set asks for.
    assert persons[-1].shortfalls == [
        "mangler 30 studiepoeng relevant videreutdanning innen 01.01.2031 (må starte senest 01.01.2030)"
    ]
    assert persons[-1].result.credits_not_counted == 15
    # the competence page itself loads the list after it has shown the figures
    page = client.get(url(world.service_a)).content.decode()
    assert f'hx-get="{persons_url(world.service_a)}"' in page
    body = client.get(url(world.service_a)).content.decode()
    assert "Kompetansekrav i kommunalt barnevern fra 2031 (versjon 2" in body
    assert 'data-vega-spec="statusdiagram-spec"' in body


def test_aggregate_users_get_no_person_list_and_small_cells_hidden(client, world):
    staff_with_register(world.service_a, 7)  # 7 meet, 6 cannot
    staff_with_register(world.service_a, 2, credits=15)  # 2 at risk
    client.force_login(world.user("municipal"))
    response = client.get(url(world.service_a))
    overview = response.context["overview"]
    assert overview.persons == [] and overview.suppressed_view
    # 15 covered: not the statuses (2 at risk would need a partner hidden beside it), but the
    # half «oppfyller eller vil oppfylle» lies in: 7 of 15, under half
    assert overview.subject.shown == 15
    cells = {key: status_row(overview, key).count for key in ("cannot_meet", "at_risk", "meets")}
    assert all(count.suppressed for count in cells.values())
    assert overview.statuses == [] and overview.recoded.form.key == "halves"
    assert (overview.recoded.band.low, overview.recoded.band.high) == (0, 7)
    body = " ".join(response.content.decode().replace("\xa0", " ").split())
    assert "Statusene vises her som intervall (halvdeler)." in body
    assert "Andelen som oppfyller eller vil oppfylle kravet: " in body
    assert "under 50 %" in body
    # no status table and no chart drawn from figures that are not shown
    assert 'data-vega-spec="statusdiagram-spec"' not in response.content.decode()


def test_a_service_under_five_subject_staff_shows_nothing_to_a_county_user(client, world):
    tiny = ServiceFactory(host_municipality=world.service_a.host_municipality)
    staff_with_register(tiny, 3)
    staff(tiny, 4, role_category=RoleCategory.ADMINISTRATIVE)
    client.force_login(world.user("county"))
    response = client.get(url(tiny))
    overview = response.context["overview"]
    assert overview.subject.suppressed
    # fewer than 12 covered: no distribution at all, no band, and the page says so
    assert overview.statuses == [] and overview.recoded.form.key == "none"
    assert overview.recoded.band is None and overview.recoded.state == "hidden"
    assert all(count.suppressed for _day, count, _share in overview.timeline)
    body = response.content.decode()
    assert "Statusene vises ikke: kravet omfatter færre enn 12 her." in body
    assert 'data-vega-spec="statusdiagram-spec"' not in body


def test_timeline_counts_planned_completions_at_each_year_end(client, world):
    from tests.factories import FurtherEducationFactory

    for employment in staff_with_register(world.service_a, 5, credits=0):
        FurtherEducationFactory(
            person=employment.person, status="in_progress", ends_on=date(2028, 6, 30)
        )
    client.force_login(world.user("leader"))
    overview = client.get(url(world.service_a)).context["overview"]
    counts = {day.year: count.shown for day, count, _share in overview.timeline}
    assert counts[2027] == 0 and counts[2028] == 5 and counts[2031] == 5


def test_the_cross_service_page_has_constant_queries_and_suppresses_small_services(
    client, world, monkeypatch
):
    overview_url = reverse("competence_overview:overview")
    client.force_login(world.user("county"))
    staff_with_register(world.service_b, 1)
    small = _queries(client, overview_url, monkeypatch)
    staff_with_register(world.service_a, 300)
    staff_with_register(ServiceFactory(members=["5006"]), 100, credits=15)
    assert _queries(client, overview_url, monkeypatch) == small
    response = client.get(overview_url)
    rows = {row.service.slug: row for row in response.context["rows"]}
    assert rows["b"].cells["meets"].suppressed  # 1 meets of 7
    # the rows and the county's total are protected together: no small hidden figure can be
    # worked out (those hidden only to protect one, and the unpublished parts of a total that
    # rest on 5 or more, may be)
    published = competence_publication(timezone.localdate())
    protected = published.protected
    intervals = audit(protected.view, protected.hidden, only=protected.primary)
    assert protected.primary and narrowest(intervals) >= 5
    assert "c" not in rows  # Vestland is not the Trøndelag governor's
    combined = response.context["overview"]
    assert combined.suppressed_view and combined.persons == []
    assert combined.subject.shown == 306 + 7 + 100


def test_employees_and_leaders_have_no_cross_service_page(client, world):
    for role in ("employee", "leader"):
        client.force_login(world.user(role))
        assert client.get(reverse("competence_overview:overview")).status_code == 404


def test_the_cross_service_page_projects_the_county_as_a_whole(client, world):
    staff_with_register(world.service_a, 20, credits=15)
    client.force_login(world.user("county"))
    projection = client.get(reverse("competence_overview:overview")).context["projection"]
    assert not projection.suppressed and projection.forecasts[0].persons == 32  # 26 in A, 6 in B
    assert projection.turnover.rate == 0.20
    assert [f.label for f in projection.forecasts][-1] == "Alle som erstattes, ansettes med master"


def test_a_small_cross_service_projection_is_suppressed(client, world):
    client.force_login(world.user("municipal_os"))  # sees only service B: 6 staff, all subject
    from laget.people.models import Employment

    Employment.objects.filter(service=world.service_b).exclude(
        pk=Employment.objects.filter(service=world.service_b).first().pk
    ).update(role_category="administrative")
    projection = client.get(reverse("competence_overview:overview")).context["projection"]
    assert projection.suppressed and projection.forecasts == []


def test_the_timeline_chart_of_a_small_service_carries_no_hidden_count(client, world):
    """The dashed line «alle som er omfattet» was drawn at the hidden count (issue 13)."""
    tiny = ServiceFactory(host_municipality=world.service_a.host_municipality)
    staff_with_register(tiny, 3)
    client.force_login(world.user("county"))
    response = client.get(url(tiny))
    overview = response.context["overview"]
    assert overview.subject.suppressed
    spec = overview.timeline_chart
    assert all(
        "datum" not in str(layer.get("encoding", {}).get("y", {})) for layer in spec["layer"][:2]
    )
    assert all(value.get("omfattet") is None for value in spec["data"]["values"])
    body = response.content.decode()
    assert '"datum": 3' not in body and '"datum":3' not in body
