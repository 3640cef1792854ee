"""The workforce pages: figures as computed by hand, suppression for everyone outside the
service, exit interviews, vacancies, exports and a constant number of queries."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from laget.workforce.models import (
    ExitInterview,
    ExitReason,
    ExitReasonRating,
    Hire,
    SickLeaveMonth,
    SickLeaveReference,
    Vacancy,
)
from laget.workforce.selectors import workforce_overview
from tests.factories import EmploymentFactory, ServiceFactory, staff
from tests.figures import all_figures

pytestmark = pytest.mark.django_db


def _history(service, *, stayers: int, leavers: int, year: int):
    """`stayers` employed since 2015, `leavers` employed since 2015 who left in `year`."""
    staff(service, stayers, start_date=date(2015, 1, 1))
    return [
        EmploymentFactory(service=service, start_date=date(2015, 1, 1), end_date=date(year, 6, 30))
        for _ in range(leavers)
    ]


def _interview(employment, **ratings):
    interview = ExitInterview.objects.create(
        employment=employment,
        held_on=employment.end_date,
        destination="state",
        would_return="maybe",
        free_text="Fortrolig: for mye å gjøre.",
    )
    for reason, importance in ratings.items():
        ExitReasonRating.objects.create(interview=interview, reason=reason, importance=importance)
    return interview


def test_the_service_page_shows_turnover_as_computed_by_hand(client, world):
    last_year = timezone.localdate().year - 1
    leavers = _history(world.service_a, stayers=14, leavers=4, year=last_year)
    _interview(leavers[0], workload=3, pay=1)
    _interview(leavers[1], workload=2, emotional_strain=3)
    client.force_login(world.user("leader"))
    response = client.get(reverse("workforce:service", kwargs={"pk": world.service_a.pk}))
    assert response.status_code == 200
    overview = response.context["overview"]
    row = next(r for r in overview.rows if r.year == last_year)
    # the 6 world staff started 2020-01-01: all present on 1 Dec of last year - 1
    assert (row.at_start.value, row.leavers.value) == (24, 4)
    assert row.turnover.value == pytest.approx(4 / 24)
    # churn: 24 at the start of the year, 20 at the end, no hires, four separations
    assert row.churn.value == pytest.approx((0 + 4 - 4) / 22)
    workload = next(r for r in overview.reasons if r.reason == "workload")
    assert workload.by_year[-1].value == 1.0 and not workload.by_year[-1].suppressed
    page = response.content.decode()
    assert "17\u00a0%" in page  # 4/24
    assert "turnover-chart" in page and "data-vega-json" in page


def test_a_county_user_sees_no_figure_resting_on_fewer_than_five(client, world):
    """A small service (4 staff a year ago, 2 leavers with interviews, 3 in the sick-leave
    figures, 1 vacancy)."""
    last_year = timezone.localdate().year - 1
    small = ServiceFactory(
        name="Lille tjeneste", host_municipality=world.service_a.host_municipality
    )
    leavers = _history(small, stayers=2, leavers=2, year=last_year)
    _interview(leavers[0], workload=3)
    _interview(leavers[1], workload=3)
    SickLeaveMonth.objects.create(
        service=small,
        month=date(last_year, 3, 1),
        agreed_days=Decimal(63),
        self_certified_days=Decimal(2),
        doctor_certified_days=Decimal(5),
        persons=3,
    )
    Vacancy.objects.create(
        service=small,
        title="Konsulent",
        role_category="core",
        requirement="master_required",
        advertised_on=date(last_year, 1, 10),
        applicants=2,
        qualified_applicants=1,
        filled_on=date(last_year, 3, 1),
    )
    county = world.user("county")
    overview = workforce_overview(user=county, services=[small], today=timezone.localdate())
    figures = list(all_figures(overview))
    assert len(figures) > 40
    # a zero the county's own zero already says («nobody left in 2022») is news about nobody;
    # a figure not published outside the service («–») is no figure
    shown_small = [f for f in figures if not f.suppressed and f.n < 5 and f.value is not None]
    assert all(f.value == 0 for f in shown_small), shown_small
    assert any(f.suppressed for f in figures)
    assert not any(f.shown for f in figures if f.n < 5)
    assert "sick_leave" not in overview.charts and "applicants" not in overview.charts
    assert overview.recruitment.vacancies == []
    client.force_login(county)
    page = client.get(reverse("workforce:service", kwargs={"pk": small.pk})).content.decode()
    assert 'class="laget-suppressed"' in page
    assert "Fortrolig" not in page and "11,1" not in page  # 7/63 sick leave
    for leaver in leavers:
        assert leaver.person.family_name not in page
    # the export says the same
    response = client.get(reverse("workforce:export", kwargs={"pk": small.pk}))
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]
    assert "skjult" in cells
    years = workbook["Per år"]
    last = next(row for row in years.iter_rows(values_only=True) if row[0] == last_year)
    assert last[1] == "skjult" and last[9] == "skjult"


def test_the_leader_of_the_small_service_sees_everything(world):
    last_year = timezone.localdate().year - 1
    _history(world.service_a, stayers=0, leavers=1, year=last_year)
    overview = workforce_overview(
        user=world.user("leader"), services=[world.service_a], today=timezone.localdate()
    )
    assert not any(f.suppressed for f in all_figures(overview))


def test_the_overview_across_services_and_its_export(client, world):
    last_year = timezone.localdate().year - 1
    _history(world.service_a, stayers=10, leavers=5, year=last_year)
    _history(world.service_b, stayers=1, leavers=0, year=last_year)
    SickLeaveReference.objects.create(
        scope="national", year=last_year, rate_percent=Decimal("9.5"), source="SSB"
    )
    client.force_login(world.user("county"))
    response = client.get(reverse("workforce_overview:overview"))
    assert response.status_code == 200
    rows = {r.service.name: r for r in response.context["rows"]}
    assert set(rows) == {"Tjeneste A", "Tjeneste B"}  # Trøndelag only
    assert rows["Tjeneste A"].turnover.shown == pytest.approx(5 / 21)
    assert rows["Tjeneste B"].headcount.suppressed is False  # 6 + 1 = 7 persons
    page = response.content.decode()
    assert "9,5\u00a0%" in page  # the national reference
    response = client.get(reverse("workforce_overview:export"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Per tjeneste" in workbook.sheetnames and "Definisjoner" in workbook.sheetnames
    per_service = list(workbook["Per tjeneste"].iter_rows(values_only=True))
    assert per_service[1][0] == "Tjeneste A" and per_service[1][2] == pytest.approx(23.8)


def test_exit_interview_free_text_needs_consent(client, world):
    leaver = EmploymentFactory(
        service=world.service_a, start_date=date(2020, 1, 1), end_date=date(2026, 1, 31)
    )
    client.force_login(world.user("leader"))
    url = reverse(
        "workforce:exit_add", kwargs={"pk": world.service_a.pk, "employment_id": leaver.pk}
    )
    listing = client.get(reverse("workforce:exits", kwargs={"pk": world.service_a.pk}))
    assert url in listing.content.decode()
    data = {
        "held_on": "2026-01-25",
        "destination": "other_service",
        "would_return": "yes",
        "free_text": "Lønnen var bedre der.",
        "reason_workload": "3",
        "reason_pay_compared": "2",
    }
    others = [r for r, _label in ExitReason.choices if r not in ("workload", "pay_compared")]
    data.update(dict.fromkeys([f"reason_{r}" for r in others], "0"))
    response = client.post(url, data)
    assert response.status_code == 400
    assert "ikke sagt ja til at friteksten lagres" in response.content.decode()
    assert not ExitInterview.objects.exists()
    response = client.post(url, {**data, "held_on": "2099-01-01", "store_free_text": "on"})
    assert response.status_code == 400 and not ExitInterview.objects.exists()
    response = client.post(url, {**data, "store_free_text": "on"})
    assert response.status_code == 302
    interview = ExitInterview.objects.get()
    assert interview.free_text == "Lønnen var bedre der."
    assert interview.ratings.get(reason="workload").importance == 3
    assert interview.ratings.count() == 13
    detail = client.get(
        reverse(
            "workforce:exit_detail", kwargs={"pk": world.service_a.pk, "interview_id": interview.pk}
        )
    )
    assert "Lønnen var bedre der." in detail.content.decode()
    assert client.get(url).status_code == 404  # one interview per employment


def test_exit_interview_without_free_text(client, world):
    leaver = EmploymentFactory(
        service=world.service_a, start_date=date(2020, 1, 1), end_date=date(2026, 1, 31)
    )
    client.force_login(world.user("hr"))
    url = reverse(
        "workforce:exit_add", kwargs={"pk": world.service_a.pk, "employment_id": leaver.pk}
    )
    response = client.post(
        url, {"held_on": "2026-01-20", "destination": "outside", "would_return": "no"}
    )
    assert response.status_code == 302
    assert ExitInterview.objects.get().free_text == ""


def test_vacancies_and_hires(client, world):
    client.force_login(world.user("leader"))
    url = reverse("workforce:vacancies", kwargs={"pk": world.service_a.pk})
    good = {
        "title": "Barnevernskonsulent",
        "role_category": "core",
        "requirement": "master_required",
        "positions": "1",
        "advertised_on": "2026-03-01",
        "applicants": "12",
        "qualified_applicants": "4",
    }
    for bad, message in (
        ({"qualified_applicants": "13"}, "flere kvalifiserte søkere enn søkere"),
        ({"filled_on": "2026-02-01"}, "før stillingen ble utlyst"),
        ({"filled_on": "2026-04-01", "closed_on": "2026-04-01"}, "enten besatt eller trukket"),
        ({"advertised_on": "2099-01-01"}, "fram i tid"),
    ):
        response = client.post(url, {**good, **bad})
        assert response.status_code == 400 and message in response.content.decode(), bad
    assert not Vacancy.objects.exists()
    response = client.post(url, {**good, "filled_on": "2026-04-15"})
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302 and vacancy.days_to_fill == 45
    hire_url = reverse(
        "workforce:hire_add", kwargs={"pk": world.service_a.pk, "vacancy_id": vacancy.pk}
    )
    assert (
        client.post(hire_url, {"source": "graduate", "experience_years": "-1"}).status_code == 400
    )
    assert (
        client.post(
            hire_url, {"source": "graduate", "experience_years": "0", "has_master": "on"}
        ).status_code
        == 302
    )
    response = client.post(hire_url, {"source": "state", "experience_years": "3"})
    assert response.status_code == 400 and "har alt en ansettelse" in response.content.decode()
    assert Hire.objects.count() == 1
    overview = workforce_overview(
        user=world.user("leader"), services=[world.service_a], today=timezone.localdate()
    )
    assert overview.recruitment.median_days.value == 45
    assert overview.recruitment.hires_by_source[0][0] == "Nyutdannet"


def _page_queries(client, service) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("workforce:service", kwargs={"pk": service.pk}))
    assert response.status_code == 200
    return len(queries)


def test_the_service_page_makes_the_same_queries_for_10_and_500_staff(client, world):
    client.force_login(world.user("leader"))
    today = timezone.localdate()

    def grow(count: int) -> None:
        for employment in staff(world.service_a, count, start_date=date(2018, 1, 1)):
            if employment.pk % 4 == 0:
                employment.end_date = today - timedelta(days=employment.pk % 700 + 1)
                employment.save()
                _interview(employment, workload=2)
        Vacancy.objects.create(
            service=world.service_a,
            title="Konsulent",
            role_category="core",
            requirement="none",
            advertised_on=today - timedelta(days=count),
        )

    grow(4)
    small = _page_queries(client, world.service_a)
    grow(490)
    assert _page_queries(client, world.service_a) == small


def test_leaving_out_old_periods_changes_no_figure(world):
    """The page reads periods that ended before its first reference date only for today's
    staff; every figure must be what the whole register gives."""
    import random

    from laget.domain import workforce as metrics
    from laget.workforce.years import register_for, years_shown

    rng = random.Random(5)
    today = timezone.localdate()
    for _ in range(80):
        start = date(2012, 1, 1) + timedelta(days=rng.randrange(365 * 14))
        end = start + timedelta(days=rng.randrange(30, 2500)) if rng.random() < 0.6 else None
        employment = EmploymentFactory(
            service=rng.choice([world.service_a, world.service_b]),
            start_date=start,
            end_date=end if end is None or end < today else None,
            role_category=rng.choice(["core", "leader"]),
        )
        if rng.random() < 0.3:  # a back-to-back contract for the same person
            following = (employment.end_date or today) + timedelta(days=1)
            if following < today:
                EmploymentFactory(
                    person=employment.person, service=employment.service, start_date=following
                )
    services = [world.service_a, world.service_b]
    years = years_shown(today)
    whole = register_for(services)
    part = register_for(services, since=date(years[0] - 1, 11, 30), today=today)
    assert part.size < whole.size

    def figures(register):
        return (
            metrics.turnover_ks_years(register, years),
            [metrics.churn_between(register, *metrics.calendar_year(y)) for y in years],
            [
                metrics.early_leavers_between(register, *metrics.calendar_year(y), today)
                for y in years
            ],
            metrics.snapshot(register, today),
        )

    assert figures(whole) == figures(part)


def test_the_reference_date_can_be_configured(world, settings):
    last_year = timezone.localdate().year - 1
    EmploymentFactory(
        service=world.service_a, start_date=date(2015, 1, 1), end_date=date(last_year, 12, 15)
    )
    leader = world.user("leader")

    def leavers() -> int:
        overview = workforce_overview(
            user=leader, services=[world.service_a], today=timezone.localdate()
        )
        return next(r for r in overview.rows if r.year == last_year).leavers.value

    assert leavers() == 0  # still employed on 1 December
    settings.LAGET_TURNOVER_REFERENCE_DATE = "12-31"
    assert leavers() == 1


def test_exit_interviews_are_listed_fifty_to_a_page(client, world):
    for day in range(55):
        employment = EmploymentFactory(
            service=world.service_a,
            start_date=date(2020, 1, 1),
            end_date=date(2025, 1, 1) + timedelta(days=day),
        )
        _interview(employment)
    client.force_login(world.user("leader"))
    url = reverse("workforce:exits", kwargs={"pk": world.service_a.pk})
    first = client.get(url).content.decode()
    assert "55 sluttsamtaler" in first and "Side 1 av 2" in first
    assert first.count("/sluttsamtaler/") - first.count("/sluttsamtaler/ny/") >= 50
    second = client.get(url, {"side": "2"}).content.decode()
    assert "Side 2 av 2" in second
    assert client.get(url, {"side": "x"}).status_code == 200  # a bad page number is page 1


def test_a_rate_over_a_published_head_count_is_hidden_when_it_gives_a_few_persons_back(
    client, world
):
    """3 leavers of 19, with the 19 published, is «3 left»: a count of three persons."""
    last_year = timezone.localdate().year - 1
    _history(world.service_a, stayers=10, leavers=3, year=last_year)
    client.force_login(world.user("county"))
    overview = client.get(reverse("workforce:service", kwargs={"pk": world.service_a.pk})).context[
        "overview"
    ]
    year = next(row for row in overview.rows if row.year == last_year)
    assert not year.at_start.suppressed and year.at_start.shown == 19
    assert year.leavers.suppressed and year.turnover.suppressed
    client.force_login(world.user("leader"))
    own = client.get(reverse("workforce:service", kwargs={"pk": world.service_a.pk}))
    year = next(row for row in own.context["overview"].rows if row.year == last_year)
    assert year.turnover.shown == pytest.approx(3 / 19)  # the service's own leader sees it
