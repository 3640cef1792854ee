"""The stored counts (issue 14): what they hold, the pages that read them and the series
kept of them; the worker's passes are in test_worker_passes.py."""

import dataclasses
import threading
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
from laget.demo.services import demo_create
from laget.domain.competence import Status
from laget.organisations.models import Service
from laget.publication.calendar import latest_release_day, next_release_day
from laget.publication.models import (
    FillState,
    PublishedFigure,
    ServiceCount,
    StoredPublication,
)
from laget.publication.refresh import refresh
from laget.workforce.selectors import workforce_overview, years_shown
from tests.factories import ServiceFactory, hire_form, staff_with_register

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
    refresh(today, days=[today])  # today's counts, as for a date asked for
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


def _national_staff_of(service, *, today: bool = False) -> int | None:
    """The service's staff as readers outside get it (the latest release), or as the worker
    built it for today when asked to (`refresh(days=[today])`; no page reads it)."""
    from laget.publication.published import published as read

    day = timezone.localdate()
    published = (
        read(publication.NAME, day, exact=True)
        if today
        else (publication.competence_publication(day))
    )
    return published.figure(published.unit_for([service.pk]), "staff").value


@pytest.mark.separate_worker
def test_a_change_through_a_page_shows_at_once_inside_and_outside_with_the_next_release(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    """The service's own pages are live; outside, the latest release is shown, frozen, and the
    change goes out with the next one (issue 26); the web process runs no refresh code (no
    fill, no build, no thread)."""
    from laget.publication import fill, registry
    from laget.publication import refresh as refreshing
    from laget.workforce import exits_published, flows

    staff_with_register(world.service_a, 10)
    refresh()
    before = _national_staff_of(world.service_a)
    ran = []
    for module, name in [
        (fill, "counts_fill"),
        (refreshing, "refresh"),
        (publication, "build"),
        (flows, "build"),
        (exits_published, "build"),
    ]:
        monkeypatch.setattr(module, name, lambda *a, _n=name, **k: ran.append(_n))
    for table, field in [(registry._publications, "build"), (registry._fillers, "count")]:
        for key, item in list(table.items()):  # what the layer calls the areas' code by

            def recorder(*args, _n=key, **kwargs):
                ran.append(_n)

            monkeypatch.setitem(table, key, dataclasses.replace(item, **{field: recorder}))
    threads = threading.active_count()
    client.force_login(world.user("hr"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:hire", kwargs={"service_pk": world.service_a.pk}),
            hire_form("2026-01-05"),
        )
    assert response.status_code == 302
    # the leader's own page counts her at once
    page = client.get(reverse("competence:service", kwargs={"pk": world.service_a.pk}))
    assert page.status_code == 200 and "Nora" in page.content.decode()
    # outside, the latest release is shown as it went out, and says when the next one comes
    client.force_login(world.user("national"))
    page = client.get(reverse("competence_overview:overview")).content.decode()
    today = timezone.localdate()
    assert f"Tall per {latest_release_day(today).day}." in page
    assert "Neste utgivelse" in page and "Registeret er endret siden" not in page
    assert _national_staff_of(world.service_a) == before
    assert ran == [] and threading.active_count() == threads
    monkeypatch.undo()
    refresh()  # the worker's next pass: the release is out and frozen
    assert _national_staff_of(world.service_a) == before
    # the day after the next fixed date, the worker's pass sends its release, with her
    later = next_release_day(today) + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    refresh()
    assert _national_staff_of(world.service_a) == before + 1
    page = client.get(reverse("competence_overview:overview")).content.decode()
    assert f"Tall per {latest_release_day(later).day}." in page


def test_pages_for_the_nation_and_county_read_the_stored_figures_without_evaluating_anyone(
    client, world, monkeypatch
):
    staff_with_register(world.service_a, 10)
    staff_with_register(world.service_b, 7)
    refresh()

    def evaluated(*args, **kwargs):
        raise AssertionError("a national page evaluated the register")

    monkeypatch.setattr("laget.competence.selectors.overview.evaluate_services", evaluated)
    monkeypatch.setattr("laget.competence.selectors.across.evaluate_services", evaluated)
    monkeypatch.setattr("laget.workforce.selectors.register_for", evaluated)
    monkeypatch.setattr("laget.projection.selectors.population_for", evaluated)
    monkeypatch.setattr("laget.publication.registry._fillers", {})
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
    # the latest release (what readers outside get) and 1 January; never today, which
    # nobody reads
    today = timezone.localdate()
    staff = {
        ServiceCount.objects.get(service=world.service_a, subgroup="staff", end_time=day).value
        for day in (latest_release_day(today), date(today.year, 1, 1))
    }
    assert len(staff) == 1 and staff.pop() >= 6  # the six employed since 2020, on both
    assert not ServiceCount.objects.filter(end_time=today).exists()
    before = ServiceCount.objects.count()
    with pytest.raises(CommandError, match="Ugyldig dato"):
        call_command("refresh-counts", "--date", "2026-13-01")
    with pytest.raises(CommandError, match="Datoen må være mellom"):
        call_command("refresh-counts", "--date", "9999-12-31")
    assert ServiceCount.objects.count() == before


def test_the_county_and_nation_get_a_time_series_of_what_was_published(client, world):
    """The time series is of releases only: one point a month (its last release), each as it
    went out; today's figures, which no reader outside gets, are never in it."""
    staff_with_register(world.service_a, 10)
    staff_with_register(world.service_b, 7)
    small = ServiceFactory(name="Liten", host_municipality=world.service_a.host_municipality)
    staff_with_register(small, 3)
    for day in (date(2026, 10, 1), date(2026, 11, 1), date(2026, 11, 15), date(2026, 12, 1)):
        refresh(day)  # the worker's first pass of that day sends the release that is due
    refresh()
    today = timezone.localdate()
    latest = latest_release_day(today)
    published = publication.competence_publication(today)
    assert published.as_of == latest
    both = [world.service_a.pk, world.service_b.pk, small.pk]
    nation = series(published.unit_for(both))
    expected = [date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 30)]
    assert [p.day for p in nation] == expected + ([latest] if latest > expected[-1] else [])
    unit = published.unit_for(both)
    assert nation[-1].subject.value == published.figure(unit, "subject").value
    # as shown (32 covered: two groups, so not those who meet it on their own)
    assert nation[-1].meets.shown == published.figure(unit, "status.meets").shown
    assert all(not p.subject.suppressed and p.subject.value >= 20 for p in nation), nation
    # a service of 3 is hidden on every date, its value never stored
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
