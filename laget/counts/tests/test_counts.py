import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.competence import publication
from laget.competence.selectors import competence_overview
from laget.competence.series import series
from laget.core.models import RegisterRevision
from laget.counts.models import FillState, PublishedFigure, ServiceCount, StoredPublication
from laget.counts.refresh import refresh, refresh_soon
from laget.demo.services import demo_create
from laget.domain.competence import Status
from laget.organisations.models import Service
from laget.workforce.selectors import workforce_overview, years_shown
from tests.factories import ServiceFactory, staff_with_register

pytestmark = pytest.mark.django_db


def _stored(property_name: str, day) -> dict[int, dict[str, int]]:
    rows: dict[int, dict[str, int]] = {}
    for service_id, subgroup, value in ServiceCount.objects.filter(
        property=property_name, end_time=day
    ).values_list("service_id", "subgroup", "value"):
        rows.setdefault(service_id, {})[subgroup] = value
    return rows


def test_the_stored_counts_agree_with_a_live_computation_for_every_demo_service():
    today = timezone.localdate()
    demo_create(today=today)
    refresh(today)
    admin = User.objects.get(username="admin")
    competence, flows = _stored("competence", today), _stored("flows", today)
    last = years_shown(today)[-1]
    for service in Service.objects.order_by("pk"):
        live = competence_overview(user=admin, services=[service], today=today, with_persons=False)
        stored = competence.get(service.pk, {})
        assert live.subject.value == stored.get("subject", 0), service.slug
        for row in live.statuses:
            if row.key != Status.NOT_SUBJECT.key:
                assert row.count.value == stored.get(f"status.{row.key}", 0), (service, row.key)
        workforce = workforce_overview(user=admin, services=[service], today=today)
        for row in workforce.rows:
            counted = flows.get(service.pk, {})
            assert row.at_start.value == counted.get(f"{row.year}.at_start", 0), service.slug
            assert row.leavers.value == counted.get(f"{row.year}.leavers", 0), service.slug
        assert flows[service.pk].get(f"{last}.at_start", 0) > 0, service.slug
    assert set(FillState.objects.values_list("property", "state", "revision")) == {
        (name, FillState.State.DONE, RegisterRevision.current())
        for name in ("competence", "flows", "exits")
    }


def _national_staff_of(service) -> int | None:
    published = publication.competence_publication(timezone.localdate())
    return published.figure(published.unit_for([service.pk]), "staff").value


def test_a_change_reaches_the_national_figures_within_the_documented_delay(
    world, settings, django_capture_on_commit_callbacks
):
    settings.LAGET_PUBLISHED_MAX_DELAY = 600
    staff_with_register(world.service_a, 10)
    refresh()
    before = _national_staff_of(world.service_a)
    with django_capture_on_commit_callbacks() as callbacks:
        staff_with_register(world.service_a, 5)
    # the change schedules a refresh off the request path; until it has run, pages show the
    # figures stored before it (younger than the delay)
    assert [callback.func for callback in callbacks] == [refresh_soon]  # one per transaction
    assert _national_staff_of(world.service_a) == before
    refresh()  # what the background thread (or `laget refresh-counts`) does
    assert _national_staff_of(world.service_a) == before + 5
    # had no refresh run, the page itself rebuilds once the stored figures pass the delay
    staff_with_register(world.service_a, 5)
    assert _national_staff_of(world.service_a) == before + 5
    StoredPublication.objects.update(built_at=timezone.now() - timedelta(seconds=601))
    assert _national_staff_of(world.service_a) == before + 10


def test_pages_for_the_nation_and_county_read_the_stored_figures_without_evaluating_anyone(
    client, world, monkeypatch
):
    staff_with_register(world.service_a, 10)
    staff_with_register(world.service_b, 7)
    refresh()

    def evaluated(*args, **kwargs):
        raise AssertionError("a national page evaluated the register")

    monkeypatch.setattr("laget.competence.selectors._evaluate", evaluated)
    monkeypatch.setattr("laget.workforce.selectors.register_for", evaluated)
    monkeypatch.setattr("laget.projection.selectors.population_for", evaluated)
    monkeypatch.setattr("laget.counts.fill.FILLERS", {})
    for username in ("national", "county"):
        client.force_login(world.user(username))
        for page in ("competence_overview:overview", "workforce_overview:overview"):
            response = client.get(reverse(page))
            assert response.status_code == 200, (username, page)
            assert "Tjeneste A" in response.content.decode(), (username, page)


def test_the_command_refreshes_and_refuses_a_bad_date(world):
    staff_with_register(world.service_a, 6)
    call_command("refresh-counts")
    assert StoredPublication.objects.filter(name="competence").exists()
    assert ServiceCount.objects.filter(service=world.service_a, subgroup="staff").get().value > 0
    before = ServiceCount.objects.count()
    with pytest.raises(CommandError, match="Ugyldig dato"):
        call_command("refresh-counts", "--date", "2026-13-01")
    with pytest.raises(CommandError, match="Datoen må være mellom"):
        call_command("refresh-counts", "--date", "9999-12-31")
    assert ServiceCount.objects.count() == before


def test_the_county_and_nation_get_a_time_series_of_what_was_published(client, world):
    staff_with_register(world.service_a, 10)
    staff_with_register(world.service_b, 7)
    first = date(2026, 10, 31)
    for day in (first, date(2026, 11, 15), date(2026, 11, 30)):
        refresh(day)
    refresh()
    published = publication.competence_publication(timezone.localdate())
    nation = series(published.unit_for([world.service_a.pk, world.service_b.pk]))
    # the last day of each month is kept, and today
    assert [p.day for p in nation][:2] == [first, date(2026, 11, 30)]
    assert nation[-1].day == timezone.localdate()
    unit = published.unit_for([world.service_a.pk, world.service_b.pk])
    assert nation[-1].subject.value == published.figure(unit, "subject").value
    assert nation[-1].meets.value == published.figure(unit, "status.meets").value
    assert all(not p.subject.suppressed and p.subject.value >= 17 for p in nation), nation
    # a service of 3 is hidden on every date, its value never stored
    small = ServiceFactory(name="Liten", host_municipality=world.service_a.host_municipality)
    staff_with_register(small, 3)
    refresh()
    hidden = PublishedFigure.objects.filter(unit=publication.service_unit(small.pk))
    assert hidden.exists() and all(f.hidden and f.value is None for f in hidden)
    client.force_login(world.user("national"))
    page = client.get(reverse("competence_overview:overview")).content.decode()
    assert "Utvikling" in page and "31.10.2026" in page


def test_above_the_joint_limit_the_groups_tables_are_hidden_and_a_service_keeps_its_own(
    world, settings
):
    settings.LAGET_PROTECT_JOINTLY_MAX_SERVICES = 1
    staff_with_register(world.service_a, 12)
    staff_with_register(world.service_b, 9)
    refresh()
    published = publication.competence_publication(timezone.localdate())
    both = [world.service_a.pk, world.service_b.pk]
    tables = published.staff_tables(both)
    assert tables.protected is None
    assert tables.figure(published.unit_for(both), publication.staff_role("core")).suppressed
    own = published.staff_tables([world.service_a.pk])
    assert own.protected is not None
    assert not own.figure(publication.service_unit(world.service_a.pk), "staff").suppressed


def test_the_watcher_refreshes_only_when_the_register_or_the_day_changes(world, monkeypatch):
    from laget.counts import refresh as refreshing

    calls = []
    monkeypatch.setattr(refreshing, "refresh", lambda day: calls.append(day) or {"x": 0.5})
    staff_with_register(world.service_a, 6)
    last, took = refreshing.refresh_if_changed(None)
    assert took == {"x": 0.5} and len(calls) == 1
    assert refreshing.refresh_if_changed(last) == (last, None)  # nothing new
    staff_with_register(world.service_a, 1)
    newer, took = refreshing.refresh_if_changed(last)
    assert newer[1] > last[1] and took is not None and len(calls) == 2
    tomorrow = last[0] + timedelta(days=1)
    monkeypatch.setattr(refreshing.timezone, "localdate", lambda: tomorrow)
    assert refreshing.refresh_if_changed(newer)[0] == (tomorrow, newer[1])
    assert calls[-1] == tomorrow


def test_the_watch_command_loops_until_stopped_and_refuses_a_senseless_interval(world, monkeypatch):
    from laget.counts import refresh as refreshing

    rounds = []
    monkeypatch.setattr(refreshing, "refresh", lambda day: {"x": 0.5})

    def sleep(seconds):
        rounds.append(seconds)
        if len(rounds) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr("time.sleep", sleep)
    out = io.StringIO()
    call_command("refresh-counts", "--watch", "30", stdout=out)
    assert rounds == [30, 30, 30]
    assert out.getvalue().count("revisjon") == 1 and "Stoppet." in out.getvalue()
    for wrong in ("5", "7200"):
        with pytest.raises(CommandError, match="mellom 10 og 3600"):
            call_command("refresh-counts", "--watch", wrong)
    with pytest.raises(CommandError, match="--date"):
        call_command("refresh-counts", "--watch", "30", "--date", "2026-11-01")


def test_a_publication_stored_by_an_earlier_version_is_built_again_not_read(world):
    """After an upgrade the stored views may be of classes that have changed shape."""
    import pickle

    from laget.core import published as publishing

    today = timezone.localdate()
    built = []

    def build(day):
        built.append(day)
        return {"figures": len(built)}

    assert publishing.published("probe", today, build) == {"figures": 1}
    publishing._memory.clear()  # another process
    assert publishing.published("probe", today, build) == {"figures": 1}  # read, not built
    for earlier in (pickle.dumps({"figures": "old"}), b"not a pickle at all"):
        StoredPublication.objects.filter(name="probe").update(data=earlier)
        publishing._memory.clear()
        assert publishing.published("probe", today, build) == {"figures": len(built)}
    assert len(built) == 3


def test_a_reports_comparison_of_a_stored_set_reads_it_without_building_anything(
    world, monkeypatch
):
    """The report asks for the county's and the nation's figures without rows per service:
    the refresh stored them with rows, and those are read (at ×10 the first report of a
    service built them, 41 s)."""
    from laget.organisations.selectors import outside_sets
    from laget.reports.content.context import PUBLIC

    staff_with_register(world.service_a, 10)
    staff_with_register(world.service_b, 7)
    refresh()
    today = timezone.localdate()
    nation = outside_sets()[0]
    with_rows = workforce_overview(user=PUBLIC, services=nation, today=today, per_service=True)

    def built(*args, **kwargs):
        raise AssertionError("built again")

    monkeypatch.setattr("laget.workforce.selectors.register_for", built)
    without = workforce_overview(user=PUBLIC, services=nation, today=today)
    assert without.service_rows == [] and with_rows.service_rows
    assert without.headcount == with_rows.headcount and without.rows == with_rows.rows
