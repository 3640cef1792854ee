"""Figures published outside the services are built by the worker (`laget refresh-counts
--watch`, `laget.publication.refresh`) from the stored counts, stored in the database for every
process to read (`counts.StoredPublication`), and kept in memory by each process.

A web or command process only reads them (`published`): the newest complete set stored for
the date, whatever register revision it was built from. Asked for today, a reader outside the
services gets the latest release instead (the last month end or 1 December that is over,
frozen once out: `calendar.serving_day`); the services' own pages are live and never ask.
It never builds one. What was never built (a date or a set of services nobody has asked for
before) raises `NotComputed`, after recording the wish (`counts.WantedPublication`) for the
worker's next pass; the page says «ikke beregnet ennå». Every read is noted for the request
(`freshness`), so the page can say which date its figures are for, when they were computed,
and when the next release comes (or, for another date, whether the register has changed).
"""

from __future__ import annotations

import contextvars
import pickle
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from laget.core.models import RegisterRevision
from laget.publication.calendar import (
    is_release_day,
    latest_release_day,
    next_release_day,
    serving_day,
)

#: The shape of what is stored: raise it when a stored class changes (a field added to
#: `Protected`, say); a publication stored in another shape is built again, never read.
FORMAT = 3
_OTHER_FORMAT = object()

#: (name, end_time) -> (revision, built_at) -> the publication, per process
_memory: dict[tuple[str, date], tuple[tuple[int, Any], Any]] = {}
_memory_lock = threading.Lock()


class NotComputed(Exception):
    """A publication the worker has not built yet: the page says «ikke beregnet ennå»."""

    def __init__(self, name: str, day: date):
        super().__init__(f"{name} per {day.isoformat()} er ikke beregnet ennå")
        self.name = name
        self.day = day

    def __reduce__(self):
        # raised in a process of a batch (`laget report --jobs`), it travels back pickled
        return (NotComputed, (self.name, self.day))


@dataclass(frozen=True)
class Freshness:
    """What a page's stored figures are: for which date, computed when, from which revision,
    and whether the register has changed since."""

    name: str
    day: date
    built_at: datetime
    revision: int
    current: int

    @property
    def outdated(self) -> bool:
        return self.revision < self.current


_read: contextvars.ContextVar[list[Freshness] | None] = contextvars.ContextVar(
    "laget_published_read", default=None
)
#: what the worker has built in this pass and not stored yet (name, day) -> publication: the
#: publications it builds read each other from here
_building: contextvars.ContextVar[dict[tuple[str, date], Any] | None] = contextvars.ContextVar(
    "laget_published_building", default=None
)


@contextmanager
def noting() -> Iterator[list[Freshness]]:
    """Note every stored publication read inside (a request, a report)."""
    notes: list[Freshness] = []
    outer = _read.get()
    token = _read.set(notes)
    try:
        yield notes
    finally:
        _read.reset(token)
        if outer is not None:
            outer.extend(notes)


def freshness() -> Freshness | None:
    """The oldest of the stored figures read so far in this request (None: none read)."""
    notes = _read.get()
    if not notes:
        return None
    return min(notes, key=lambda f: (f.revision, f.built_at))


def freshness_text() -> str:
    """«Tall per 6. desember 2026, beregnet 6. desember 2026 kl. 04.12.» for the stored figures
    read so far in this request ("" when none), and whether the register has changed since:
    the line under every page, and in every export, that reads them."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    note = freshness()
    if note is None:
        return ""
    built = timezone.localtime(note.built_at)
    text = _("Tall per %(day)s, beregnet %(built)s kl. %(time)s.") % {
        "day": date_format(note.day, "j. F Y"),
        "built": date_format(built.date(), "j. F Y"),
        "time": built.strftime("%H.%M"),
    }
    today = timezone.localdate()
    if released(note.day, today):
        # a release: frozen, whatever the register has become since
        text += " " + _("Neste utgivelse: tall per %(next)s, ute dagen etter.") % {
            "next": date_format(next_release_day(today), "j. F Y")
        }
    elif note.outdated:
        text += " " + _("Registeret er endret siden; tallene oppdateres om kort tid.")
    return text


@contextmanager
def building(pending: dict[tuple[str, date], Any]) -> Iterator[None]:
    """The worker's pass: publications built in it are read from `pending` before the store."""
    token = _building.set(pending)
    try:
        yield
    finally:
        _building.reset(token)


def published(name: str, day: date, key: dict | None = None, *, exact: bool = False) -> Any:
    """The publication `name` for `day` as last stored by the worker (any register revision:
    the newest complete set). A reader outside the services asking for today gets the latest
    release (`calendar.serving_day`: the last fixed date that is over), or the one before it
    while the worker has not built the latest yet; `exact` reads `day` itself (the worker and
    its stand-in). None stored: the wish is recorded and `NotComputed` raised."""
    pending = _building.get()
    if pending is not None and (name, day) in pending:
        return pending[(name, day)]
    today = timezone.localdate()
    asked = day
    if pending is None and not exact:
        day = serving_day(day, today)
    found, note = _stored(name, day)
    if note is None and day != asked:
        earlier = latest_release_day(day)  # the latest not built yet: the one before it
        found, note = _stored(name, earlier)
        if note is not None:
            return found
    if note is None:
        if pending is not None:  # the worker builds what it needs itself, never wishes
            raise NotComputed(name, day)
        return missing(name, day, key)
    if note.outdated and day not in kept_days(today) and not released(day, today):
        wish(name, day, key)  # a date the worker does not keep current by itself
    return found


def released(day: date, today: date) -> bool:
    """Whether `day` is a fixed date that is over: its figures go out as its release and are
    frozen (`release.release_store`), so a register change never asks for them again."""
    return is_release_day(day) and day < today


def kept_days(today: date) -> list[date]:
    """The dates the worker keeps current on every pass besides the latest release: the turn
    of the year that last year's status report and its comparisons read
    (`reports.content.figures_date`). Today is not one: readers outside get the latest release
    (`calendar.serving_day`) and the service's own pages are live, so nobody reads today's.
    Other dates are built when first asked for, and again when asked for after a change."""
    new_year = date(today.year, 1, 1)
    return [new_year] if today != new_year else []


def missing(name: str, day: date, key: dict | None) -> Any:
    """What a process that is not the worker does when a publication was never built: record
    the wish for the worker and raise `NotComputed` (tests stand in for the worker here)."""
    wish(name, day, key)
    raise NotComputed(name, day)


def stored(name: str, day: date, *, exact: bool = False) -> Any | None:
    """The stored publication `name` for `day` (noted for the page), as `published` serves it
    to a reader outside (the latest release for today; `exact`: `day` itself); None when none
    is."""
    if not exact and _building.get() is None:
        day = serving_day(day, timezone.localdate())
    return _stored(name, day)[0]


def _stored(name: str, day: date) -> tuple[Any | None, Freshness | None]:
    from laget.publication.models import StoredPublication

    row = (
        StoredPublication.objects.filter(name=name, end_time=day)
        .values_list("revision", "built_at")
        .first()
    )
    if row is None:
        return None, None
    revision, built_at = row
    loaded = _load(name, day, (revision, built_at))
    if loaded is _OTHER_FORMAT:
        return None, None
    note = Freshness(name, day, built_at, revision, RegisterRevision.current())
    notes = _read.get()
    if notes is not None:
        notes.append(note)
    return loaded, note


def last_published(name: str, day: date) -> Any | None:
    """What readers were last given of `name` for `day` (the stored publication a pass is
    about to replace; None when there is none, or only in another shape): a builder protects
    the new one with it as known to them. Not noted for a page, and never built."""
    from laget.publication.models import StoredPublication

    row = (
        StoredPublication.objects.filter(name=name, end_time=day)
        .values_list("revision", "built_at")
        .first()
    )
    if row is None:
        return None
    loaded = _load(name, day, row)
    return None if loaded is _OTHER_FORMAT else loaded


def wish(name: str, day: date, key: dict | None) -> None:
    """Ask the worker to build `name` for `day` on its next pass."""
    from laget.publication.models import WantedPublication

    try:
        with transaction.atomic():
            WantedPublication.objects.get_or_create(
                name=name, end_time=day, defaults={"key": key or {}}
            )
    except IntegrityError:
        pass  # asked for at the same time elsewhere


@dataclass
class Built:
    """A publication the worker has built and not yet stored."""

    name: str
    day: date
    data: Any
    seconds: float
    key: dict


def publications_store(built: list[Built], revision: int, *, series: bool = True) -> None:
    """Make `built` the current set in one short transaction: readers see the earlier set
    until it commits, and all of it after (a newer one stored meanwhile is left in place).
    With `series`, the figures a publication keeps for time series are kept for its date."""
    from laget.publication.models import StoredPublication, WantedPublication

    now = timezone.now()
    with transaction.atomic():
        for item in built:
            fields = {
                "revision": revision,
                "built_at": now,
                "seconds": item.seconds,
                "data": pickle.dumps((FORMAT, item.data), protocol=pickle.HIGHEST_PROTOCOL),
                "key": item.key,
            }
            stored = StoredPublication.objects.filter(
                name=item.name, end_time=item.day, revision__lte=revision
            ).update(**fields)
            if (
                not stored
                and not StoredPublication.objects.filter(name=item.name, end_time=item.day).exists()
            ):
                StoredPublication.objects.create(name=item.name, end_time=item.day, **fields)
                stored = 1
            kept = getattr(item.data, "kept_figures", None)
            if stored and series and kept is not None:
                _keep(item.name, item.day, kept())
            WantedPublication.objects.filter(name=item.name, end_time=item.day).delete()
    with _memory_lock:
        for item in built:
            _memory[(item.name, item.day)] = ((revision, now), item.data)


def _keep(name: str, day: date, figures) -> None:
    """Store the figures a publication keeps for time series, as published (a hidden one
    without its value); of earlier days in the same month, none are kept."""
    from laget.publication.models import PublishedFigure

    PublishedFigure.objects.filter(
        name=name, end_time__year=day.year, end_time__month=day.month, end_time__lte=day
    ).delete()
    PublishedFigure.objects.bulk_create(
        [
            PublishedFigure(
                name=name,
                end_time=day,
                unit=unit,
                metric=metric,
                value=None if figure.suppressed else figure.value,
                persons=0 if figure.suppressed else figure.n,
                hidden=figure.suppressed,
            )
            for unit, metric, figure in figures
        ],
        batch_size=2000,
    )


def _load(name: str, day: date, version: tuple[int, Any]) -> Any:
    from laget.publication.models import StoredPublication

    with _memory_lock:
        held = _memory.get((name, day))
    if held is not None and held[0] == version:
        return held[1]
    data = (
        StoredPublication.objects.filter(name=name, end_time=day)
        .values_list("data", flat=True)
        .first()
    )
    if data is None:
        return _OTHER_FORMAT
    try:
        stored = pickle.loads(bytes(data))  # noqa: S301 (written by this application only)
    except (AttributeError, ImportError, pickle.UnpicklingError, TypeError):
        return _OTHER_FORMAT  # classes an earlier version had
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == FORMAT):
        return _OTHER_FORMAT
    built = stored[1]
    with _memory_lock:
        _memory[(name, day)] = (version, built)
    return built
