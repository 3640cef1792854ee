"""The worker's passes (issue 14): when it passes, what a pass stopped or raced leaves, and
what it forgets; split from test_counts.py, which keeps what the stored counts are."""

import dataclasses
import io
import os
import signal
import socket
import subprocess
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from laget.competence import publication
from laget.core.models import RegisterRevision
from laget.publication.calendar import latest_release_day, next_release_day
from laget.publication.models import (
    FillState,
    PublishedFigure,
    ServiceCount,
    StoredPublication,
    WantedPublication,
    WorkerLock,
)
from laget.publication.published import NotComputed
from laget.publication.refresh import Stopped, refresh
from laget.publication.tests.test_counts import _national_staff_of
from laget.workforce.selectors import workforce_overview
from tests.factories import staff_with_register

pytestmark = pytest.mark.django_db


@pytest.mark.separate_worker
def test_the_worker_passes_only_when_the_register_the_day_or_a_wish_is_new(world, monkeypatch):
    from laget.publication import refresh as refreshing

    staff_with_register(world.service_a, 6)
    calls = []
    real = refreshing.refresh
    monkeypatch.setattr(
        refreshing, "refresh", lambda day, stop: calls.append(day) or real(day, stop=stop)
    )
    rounds = []

    def sleep(seconds):
        rounds.append(seconds)

    def stop_after(n):
        return lambda: len(rounds) >= n

    def watch(n):
        refreshing.watch(1, stop=stop_after(n), report=lambda line: None, sleep=sleep)

    watch(1)
    assert len(calls) == 1 and refreshing.up_to_date(timezone.localdate())
    watch(2)
    assert len(calls) == 1  # nothing new
    staff_with_register(world.service_a, 1)
    watch(3)
    assert len(calls) == 2
    # a page asks for a date the worker does not keep: the next pass builds it
    with pytest.raises(NotComputed):
        publication.competence_publication(date(2025, 6, 30))
    assert WantedPublication.objects.filter(end_time=date(2025, 6, 30)).exists()
    watch(4)
    assert len(calls) == 3 and not WantedPublication.objects.exists()
    assert publication.competence_publication(date(2025, 6, 30)).as_of == date(2025, 6, 30)
    # a new day is no reason for a pass (nobody reads today's figures); the day after the
    # next fixed date is: its release goes out
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    monkeypatch.setattr(refreshing.timezone, "localdate", lambda: tomorrow)
    watch(5)
    assert len(calls) == 3 or next_release_day(today) == today
    later = next_release_day(tomorrow) + timedelta(days=1)
    monkeypatch.setattr(refreshing.timezone, "localdate", lambda: later)
    watch(6)
    assert calls[-1] == later


def test_the_watch_command_stops_on_a_signal_and_refuses_a_senseless_interval(world, monkeypatch):
    from laget.publication import refresh as refreshing

    passes = []

    def watch(interval, *, stop, report, sleep=None):
        passes.append(interval)
        os.kill(os.getpid(), signal.SIGTERM)  # what systemd or honcho sends
        assert stop()

    monkeypatch.setattr(refreshing, "watch", watch)
    monkeypatch.setattr(os, "nice", lambda n: 0)
    previous = signal.getsignal(signal.SIGTERM)
    out = io.StringIO()
    try:
        call_command("refresh-counts", "--watch", "30", stdout=out)
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    assert passes == [30] and "Stoppet." in out.getvalue()
    for wrong in ("5", "7200"):
        with pytest.raises(CommandError, match="mellom 10 og 3600"):
            call_command("refresh-counts", "--watch", wrong)
    with pytest.raises(CommandError, match="--date"):
        call_command("refresh-counts", "--watch", "30", "--date", "2026-11-01")


@pytest.mark.separate_worker
def test_a_pass_stopped_between_steps_stores_nothing_and_the_earlier_set_stays(world):
    staff_with_register(world.service_a, 8)
    refresh()  # the latest release goes out
    shown = _national_staff_of(world.service_a)
    today = timezone.localdate()
    refresh(days=[today])  # today's, as for a date asked for
    before = dict(StoredPublication.objects.values_list("name", "built_at"))
    revision = StoredPublication.objects.get(name="competence", end_time=today).revision
    staff_with_register(world.service_a, 3)
    steps = []

    def stop():
        steps.append(1)
        return len(steps) > 6  # in the middle: counts filled, publications being built

    with pytest.raises(Stopped):
        refresh(force=True, stop=stop, days=[today])
    assert dict(StoredPublication.objects.values_list("name", "built_at")) == before
    assert StoredPublication.objects.get(name="competence", end_time=today).revision == revision
    assert _national_staff_of(world.service_a, today=True) == shown
    assert WorkerLock.objects.get().holder == ""  # released
    refresh(days=[today])
    assert _national_staff_of(world.service_a, today=True) == shown + 3
    assert _national_staff_of(world.service_a) == shown  # the release out stays as it went


@pytest.mark.separate_worker
def test_a_fill_records_the_revision_it_read_and_force_counts_again(world, monkeypatch):
    """A change committed while the counts are read makes the fill older than the register,
    so the next pass counts again; `--force` counts what is already current."""
    from laget.publication import fill, registry

    staff_with_register(world.service_a, 6)
    today = timezone.localdate()
    refresh(days=[today])
    real = registry.fillers()["competence"]

    def counting_while_a_change_commits(day):
        counted = real.count(day)
        RegisterRevision.bump()  # another process's change, committed meanwhile
        return counted

    monkeypatch.setitem(
        registry._fillers,
        "competence",
        dataclasses.replace(real, count=counting_while_a_change_commits),
    )
    read = fill.counts_fill("competence", timezone.localdate())
    assert read < RegisterRevision.current()
    monkeypatch.undo()
    counted = []
    from laget.publication import refresh as refreshing

    real_fill = refreshing.counts_fill
    monkeypatch.setattr(
        refreshing, "counts_fill", lambda name, day: counted.append(name) or real_fill(name, day)
    )
    refresh(days=[today])
    # its fill was older than the register: counted again (the others were filled before
    # the change, and are older too)
    assert counted == ["competence", "flows", "exits"]
    refresh(days=[today])
    assert len(counted) == 3  # current: nothing counted again
    call_command("refresh-counts", "--force", "--date", today.isoformat(), stdout=io.StringIO())
    assert counted[3:] == ["competence", "flows", "exits"]
    assert (
        ServiceCount.objects.get(service=world.service_a, subgroup="staff", end_time=today).value
        == 12
    )


@pytest.mark.separate_worker
def test_a_second_worker_waits_for_the_first(world):
    from laget.publication.refresh import worker_lock

    WorkerLock.objects.create(pk=1, holder="other-host:1", heartbeat=timezone.now())
    waited = []

    def stop():
        waited.append(1)
        if len(waited) == 3:  # the other one finishes
            WorkerLock.objects.filter(pk=1).update(holder="", heartbeat=None)
        return False

    with worker_lock(stop, poll=0):
        assert WorkerLock.objects.get().holder.endswith(f":{os.getpid()}")
    assert len(waited) == 3 and WorkerLock.objects.get().holder == ""
    # a holder silent for longer than the limit has died: its lock is taken
    WorkerLock.objects.filter(pk=1).update(
        holder="dead:1", heartbeat=timezone.now() - timedelta(seconds=WorkerLock.STALE_SECONDS + 1)
    )
    with worker_lock(lambda: pytest.fail("waited for a dead worker"), poll=0):
        pass
    # a holder on this machine that no longer exists (killed): taken at once, however recent
    gone = subprocess.Popen(["true"])
    gone.wait()
    WorkerLock.objects.filter(pk=1).update(
        holder=f"{socket.gethostname()}:{gone.pid}", heartbeat=timezone.now()
    )
    with worker_lock(lambda: pytest.fail("waited for a killed worker"), poll=0):
        assert WorkerLock.objects.get().holder.endswith(f":{os.getpid()}")


@pytest.mark.separate_worker
def test_a_publication_stored_by_an_earlier_version_is_not_read(world):
    """After an upgrade the stored views may be of classes that have changed shape: they
    count as not computed (the worker builds them again), never as read."""
    import pickle

    from laget.publication import published as publishing

    today = timezone.localdate()
    publishing.publications_store([publishing.Built("probe", today, {"f": 1}, 0.1, {})], 1)
    assert publishing.published("probe", today, exact=True) == {"f": 1}
    publishing._memory.clear()  # another process
    assert publishing.published("probe", today, exact=True) == {"f": 1}  # from the database
    for earlier in (pickle.dumps({"figures": "old"}), b"not a pickle at all"):
        StoredPublication.objects.filter(name="probe").update(data=earlier)
        publishing._memory.clear()
        with pytest.raises(NotComputed):
            publishing.published("probe", today, exact=True)


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


@pytest.mark.separate_worker
def test_a_pass_forgets_what_no_page_reads_any_more(world):
    """Yesterday's figures (asked for) are read by no page (the time series keeps what was published), a
    date asked for is kept 30 days; their counts go with them."""
    staff_with_register(world.service_a, 6)
    today = timezone.localdate()
    yesterday, asked = today - timedelta(days=1), date(2024, 6, 30)
    refresh(days=[yesterday, asked])
    StoredPublication.objects.filter(end_time=yesterday).update(
        built_at=timezone.now() - timedelta(days=1)
    )
    kept_figures = PublishedFigure.objects.filter(end_time=yesterday).count()
    refresh()
    days = set(StoredPublication.objects.values_list("end_time", flat=True))
    # and the last fixed date that is over, built for its release
    assert days == {date(today.year, 1, 1), asked, latest_release_day(today)}
    assert not ServiceCount.objects.filter(end_time=yesterday).exists()
    assert not FillState.objects.filter(end_time=yesterday).exists()
    assert PublishedFigure.objects.filter(end_time=yesterday).count() == kept_figures
    StoredPublication.objects.filter(end_time=asked).update(
        built_at=timezone.now() - timedelta(days=31)
    )
    refresh()
    assert not StoredPublication.objects.filter(end_time=asked).exists()
    assert not ServiceCount.objects.filter(end_time=asked).exists()
