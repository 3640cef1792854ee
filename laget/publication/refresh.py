"""The worker: the one place that brings the stored figures up to date (the way Zulip keeps its
analytics counts: a management command on a timer, with a lock).

`laget refresh-counts --watch SECONDS` runs it in a process of its own beside the web
processes (`Procfile`, `deploy/`); `laget refresh-counts` makes one pass (cron, `laget demo`).
A register change only bumps `core.RegisterRevision`: no web or command process refreshes
anything, and no thread of ours is started anywhere.

A pass, for every date that a page, export or report reads (the last fixed date that is over,
until its release is out: readers outside get that release, `calendar.serving_day`; 1 January,
`kept_days`; and every date someone asked for, `counts.WantedPublication`). Today's figures are
never built: the service's own pages are live and nobody outside reads them.
1. fills each property's counts whose fill is not of the current register revision (all with
   `force`), reading the revision in the same snapshot as the data (`counts.fill`);
2. builds every publication from them, in one read snapshot, in memory;
3. stores them all in one short transaction (`publication.published.publications_store`): readers
   see the earlier set until it commits. Stopped (SIGTERM, SIGINT) between steps, it stores
   nothing, and the earlier set stays current.

One pass runs at a time in the whole installation (`counts.WorkerLock`); a second waits.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from laget.core.models import RegisterRevision
from laget.publication import registry
from laget.publication.calendar import is_release_day, latest_release_day, serving_day
from laget.publication.fill import counts_fill, in_snapshot, snapshot
from laget.publication.models import (
    FillState,
    ServiceCount,
    StoredPublication,
    WantedPublication,
    WorkerLock,
)
from laget.publication.published import Built, building, kept_days, publications_store
from laget.publication.registry import Counts, Inputs
from laget.publication.release import is_out, release_store
from laget.publication.stored import stored_counts

logger = logging.getLogger(__name__)


class Stopped(Exception):
    """The worker was asked to stop (SIGTERM, SIGINT): nothing of this pass is stored."""


def never() -> bool:
    return False


def publications() -> dict[str, Callable[[Inputs], Any]]:
    """Every publication of the whole installation by name, with its builder, each after the
    ones it reads (the areas register them: `laget.publication.registry`)."""
    return registry.publications()


def set_builder(name: str, key: dict) -> Callable[[date], Any] | None:
    """The builder of a publication about a set of services, from its stored key (None: no
    area builds such sets, or a service in it is gone since it was asked for)."""
    family = registry.family_of(name)
    return family.builder(key) if family is not None and key else None


def sets_for(day: date, today: date) -> dict[str, tuple[dict, Callable[[date], Any]]]:
    """The publications about sets of services built for `day` besides the whole
    installation's: those the areas keep built (for a date not kept current, none), and every
    set stored or asked for that day before."""
    full = day in kept_days(today) or day == latest_release_day(today)
    keys: dict[str, dict] = {}
    for family in registry.set_families():
        keys.update(family.sets(day, today, full))
    asked = (
        StoredPublication.objects.filter(end_time=day).exclude(key={}).values_list("name", "key")
    )
    wanted = (
        WantedPublication.objects.filter(end_time=day).exclude(key={}).values_list("name", "key")
    )
    for name, key in [*asked, *wanted]:
        keys.setdefault(name, key)
    sets: dict[str, tuple[dict, Callable[[date], Any]]] = {}
    for name, key in keys.items():
        build = set_builder(name, key)
        if build is not None:
            sets[name] = (key, build)
    return sets


def days_to_refresh(today: date) -> list[date]:
    """The last fixed date that is over while its release has not gone out (what readers
    outside are waiting for), then the other dates kept current, then those asked for (oldest
    last)."""
    wanted = WantedPublication.objects.values_list("end_time", flat=True).distinct()
    days = kept_days(today)
    release = latest_release_day(today)
    if release not in days and not is_out(release, today):
        days = [release, *days]
    return days + sorted({d for d in wanted if d not in days}, reverse=True)


def up_to_date(today: date) -> bool:
    """Whether a pass would change nothing: every kept date built from the current register
    revision, the last release out, and nothing asked for."""
    if WantedPublication.objects.exists() or not is_out(latest_release_day(today), today):
        return False
    revision = RegisterRevision.current()
    days = kept_days(today)
    names = list(publications())
    built = StoredPublication.objects.filter(name__in=names, end_time__in=days, revision=revision)
    filled = FillState.objects.filter(
        end_time__in=days, revision=revision, state=FillState.State.DONE
    )
    fillers = registry.fillers()
    return built.count() == len(days) * len(names) and filled.count() == len(days) * len(fillers)


def refresh(
    today: date | None = None,
    *,
    force: bool = False,
    stop: Callable[[], bool] = never,
    days: list[date] | None = None,
) -> dict[str, float]:
    """One pass (see the module), holding the lock; the seconds each step took. `force`
    counts everything again, whatever revision it was counted from."""
    today = today or timezone.localdate()
    seconds: dict[str, float] = {}
    with worker_lock(stop):
        for day in days or days_to_refresh(today):
            day_seconds = _refresh_day(day, today, force=force, stop=stop)
            suffix = "" if day == today else f" ({day.isoformat()})"
            seconds.update({f"{name}{suffix}": s for name, s in day_seconds.items()})
        started = time.perf_counter()
        _prune(today)
        seconds["ryddet"] = time.perf_counter() - started
    return seconds


#: how long the figures of a date asked for (not kept current) are kept after they were built
ASKED_KEPT_DAYS = 30


def _prune(today: date) -> None:
    """Forget what no page reads any more: the figures of earlier days that were today when
    built (a page reads today's), and those of dates asked for more than `ASKED_KEPT_DAYS`
    ago; their counts and fill states with them. What was published stays in the time series
    (`PublishedFigure`), and a finalised report keeps its own."""
    kept = {*kept_days(today), latest_release_day(today)}  # the latest release: what is read
    asked_before = timezone.now() - timedelta(days=ASKED_KEPT_DAYS)
    gone = set()
    for day, built_at in StoredPublication.objects.exclude(end_time__in=kept).values_list(
        "end_time", "built_at"
    ):
        built_on = timezone.localtime(built_at).date()
        if (day < today and built_on <= day) or built_at < asked_before:
            gone.add(day)
    wanted = set(WantedPublication.objects.values_list("end_time", flat=True))
    gone -= wanted
    stored_days = set(StoredPublication.objects.values_list("end_time", flat=True))
    counted_days = set(FillState.objects.values_list("end_time", flat=True))
    gone |= counted_days - stored_days - kept - wanted  # counts nothing was built from
    if gone:
        with transaction.atomic():
            StoredPublication.objects.filter(end_time__in=gone).delete()
            ServiceCount.objects.filter(end_time__in=gone).delete()
            FillState.objects.filter(end_time__in=gone).delete()


def _refresh_day(day: date, today: date, *, force: bool, stop: Callable[[], bool]) -> dict:
    if is_out(day, today):
        return _refresh_released(day, stop=stop)
    seconds: dict[str, float] = {}
    revisions = []
    for property_name in registry.fillers():
        _check(stop)
        state = FillState.objects.filter(
            property=property_name, end_time=day, state=FillState.State.DONE
        ).first()
        if force or state is None or state.revision != RegisterRevision.current():
            started = time.perf_counter()
            revisions.append(counts_fill(property_name, day))
            seconds[f"counts.{property_name}"] = time.perf_counter() - started
        else:
            revisions.append(state.revision)
    built: list[Built] = []
    pending: dict[tuple[str, date], Any] = {}
    with snapshot(), building(pending):
        # one snapshot for the register and the counts: the set is of one revision (the
        # lowest read: a change committed since the counts were filled makes it older)
        revision = min([RegisterRevision.current(), *revisions])
        inputs = Inputs(
            day,
            counts=functools.partial(_counts_of, day),
            publication=lambda name: pending[(name, day)],
        )
        steps: list[tuple[str, dict, Callable[[date], Any]]] = [
            (name, {}, _given(build, inputs)) for name, build in publications().items()
        ]
        set_steps = sets_for(day, today)
        steps += [(name, key, build) for name, (key, build) in set_steps.items()]
        for name, key, build in steps:
            _check(stop)
            started = time.perf_counter()
            data = build(day)
            took = time.perf_counter() - started
            pending[(name, day)] = data
            built.append(Built(name, day, data, took, key))
            label = name if not key else name.split(":")[0] + " (sett)"
            seconds[label] = seconds.get(label, 0.0) + took
    _check(stop)
    started = time.perf_counter()
    # the time series is of releases only: what readers outside got, one point a month
    publications_store(built, revision, series=is_release_day(day) and day < today)
    seconds["lagret"] = time.perf_counter() - started
    if is_release_day(day) and day < today and not is_out(day, today):
        # the fixed date is over: its figures go out as its release, frozen from now on
        started = time.perf_counter()
        release_store(day, today=today)
        seconds["utgivelse"] = time.perf_counter() - started
    return seconds


def _refresh_released(day: date, *, stop: Callable[[], bool]) -> dict:
    """A release that is out is never built again: its counts and publications stay as they
    went out. Only a set of services asked for since (a page's, never published for that
    date) is built, from the register as it is now."""
    seconds: dict[str, float] = {}
    built: list[Built] = []
    pending: dict[tuple[str, date], Any] = {}
    stored_names = set(
        StoredPublication.objects.filter(end_time=day).values_list("name", flat=True)
    )
    wanted = WantedPublication.objects.filter(end_time=day).exclude(name__in=stored_names)
    with snapshot(), building(pending):
        revision = RegisterRevision.current()
        for name, key in wanted.values_list("name", "key"):
            build = set_builder(name, key)
            if build is None:
                continue
            _check(stop)
            started = time.perf_counter()
            data = build(day)
            pending[(name, day)] = data
            built.append(Built(name, day, data, time.perf_counter() - started, key))
            seconds[name.split(":")[0] + " (sett)"] = time.perf_counter() - started
    _check(stop)
    publications_store(built, revision, series=False)
    WantedPublication.objects.filter(end_time=day).delete()  # the rest stays as it went out
    return seconds


def _counts_of(day: date, property_name: str) -> Counts:
    return stored_counts(property_name, day)


def _given(build: Callable[[Inputs], Any], inputs: Inputs) -> Callable[[date], Any]:
    """A publication's builder with the inputs the layer hands it (one pass, one date)."""
    return lambda day: build(inputs)


def _check(stop: Callable[[], bool]) -> None:
    _beat()
    if stop():
        raise Stopped


_holder: dict[str, str] = {}


def _me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@contextmanager
def worker_lock(stop: Callable[[], bool] = never, poll: float = 1.0) -> Iterator[None]:
    """Hold the one lock of the installation for a pass; wait while another holds it (and
    give up with `Stopped` when asked to stop while waiting). Re-entrant in one process."""
    me = _me()
    if _holder.get("me") == me:
        yield
        return
    waited = False
    while not _lock_take(me):
        if not waited:
            logger.warning("Another worker is refreshing the figures; waiting for it.")
            waited = True
        if stop():
            raise Stopped
        time.sleep(poll)
    _holder["me"] = me
    try:
        yield
    finally:
        _holder.pop("me", None)
        WorkerLock.objects.filter(pk=1, holder=me).update(holder="", heartbeat=None)


def _lock_take(me: str) -> bool:
    now = timezone.now()
    stale = now - timedelta(seconds=WorkerLock.STALE_SECONDS)
    free = Q(holder="") | Q(heartbeat__lt=stale) | Q(holder=me)
    dead = _dead_holder_here()
    if dead:  # killed on this machine (SIGKILL after a stop timed out): no need to wait
        free |= Q(holder=dead)
    with transaction.atomic():
        if WorkerLock.objects.filter(pk=1).filter(free).update(holder=me, heartbeat=now):
            return True
        if WorkerLock.objects.filter(pk=1).exists():
            return False
        WorkerLock.objects.get_or_create(pk=1, defaults={"holder": "", "heartbeat": None})
    return _lock_take(me)


def _dead_holder_here() -> str | None:
    """The lock's holder when it is a process of this machine that no longer exists."""
    holder = WorkerLock.objects.filter(pk=1).values_list("holder", flat=True).first() or ""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return holder
    except PermissionError:
        return None  # alive, another user's
    return None


def _beat() -> None:
    me = _holder.get("me")
    if me is not None and not connection.in_atomic_block and not in_snapshot():  # no write there
        WorkerLock.objects.filter(pk=1, holder=me).update(heartbeat=timezone.now())


def watch(
    interval: float,
    *,
    stop: Callable[[], bool],
    report: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """The worker's loop: a pass whenever the day, the register or a wish is new, then wait
    `interval` seconds (in steps of at most one, so a stop is heard at once)."""
    while not stop():
        today = timezone.localdate()
        if not up_to_date(today):
            started = time.perf_counter()
            try:
                refresh(today, stop=stop)
            except Stopped:
                break
            except Exception:
                logger.exception("Refreshing the stored figures failed; trying again later")
            else:
                report(
                    f"{timezone.localtime():%H:%M:%S} revisjon {RegisterRevision.current()}: "
                    f"{time.perf_counter() - started:.1f} s"
                )
        if not connection.in_atomic_block:
            connection.close()  # no connection held between passes
        waited = 0.0
        while waited < interval and not stop():
            sleep(min(1.0, interval - waited))
            waited += 1.0


def figures_ready(day: date, say: Callable[[str], None]) -> None:
    """For a command (never a web process): make sure the figures for `day` are stored,
    making the worker's pass for that date in this process's main thread when they were
    never computed (a status report for a year nobody has asked about). For today, that is
    the latest release, which a report reads like every reader outside the services."""
    day = serving_day(day, timezone.localdate())
    names = list(publications())
    if StoredPublication.objects.filter(name__in=names, end_time=day).count() == len(names):
        return
    say(f"Tallene per {day:%d.%m.%Y} er ikke beregnet ennå; beregner dem nå …")
    started = time.perf_counter()
    refresh(days=[day])
    say(f"Beregnet på {time.perf_counter() - started:.0f} s.")
