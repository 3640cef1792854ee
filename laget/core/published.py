"""Figures published outside the services are built from the stored counts
(`laget.counts`) once per date and register revision (`core.RegisterRevision`: any change to
the register, an import or a service makes a new one), stored in the database for every
process to read (`counts.StoredPublication`), and kept in memory by each process.

A page never waits for a rebuild that is under way elsewhere: after a change, the stored
publication of the earlier revision is served while it is younger than
`LAGET_PUBLISHED_MAX_DELAY` seconds and a refresh (`laget.counts.refresh`) builds the new one
off the request path. An older one, or none, is rebuilt by the request itself. So the longest
a user outside a service waits to see a change is `LAGET_PUBLISHED_MAX_DELAY`.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from laget.core.models import RegisterRevision

T = TypeVar("T")

#: The shape of what is stored: raise it when a stored class changes (a field added to
#: `Protected`, say); a publication stored in another shape is built again, never read.
FORMAT = 2
_OTHER_FORMAT = object()

#: name -> (end_time, revision, built_at) -> the publication, per process
_memory: dict[str, tuple[tuple[date, int, Any], Any]] = {}
_memory_lock = threading.Lock()


def published(name: str, day: date, build: Callable[[date], T], key: dict | None = None) -> T:
    """The publication `name` for `day`: the stored one when it is of the current register
    revision or young enough (see above), else `build(day)`, stored for the next request."""
    found, revision = _stored(name, day)
    if found is not _OTHER_FORMAT:
        return found
    return publication_store(name, day, build, revision, key)


def stored(name: str, day: date) -> Any | None:
    """The publication `name` for `day` when one is stored that `published` would serve;
    None, and nothing built, when not."""
    found, _revision = _stored(name, day)
    return None if found is _OTHER_FORMAT else found


def _stored(name: str, day: date) -> tuple[Any, int]:
    """The stored publication `published` serves (`_OTHER_FORMAT` when none), and the
    register revision now."""
    from laget.counts.models import StoredPublication
    from laget.counts.refresh import refresh_soon

    revision = RegisterRevision.current()
    row = (
        StoredPublication.objects.filter(name=name, end_time=day)
        .values_list("revision", "built_at")
        .first()
    )
    if row is not None:
        stored_revision, built_at = row
        young = timezone.now() - built_at <= timedelta(seconds=settings.LAGET_PUBLISHED_MAX_DELAY)
        if stored_revision == revision or young:
            loaded = _load(name, (day, stored_revision, built_at))
            if loaded is not _OTHER_FORMAT:
                if stored_revision != revision:
                    refresh_soon()
                return loaded, revision
    return _OTHER_FORMAT, revision


def publication_store(
    name: str, day: date, build: Callable[[date], T], revision: int, key: dict | None = None
) -> T:
    """Build the publication from the counts of `revision` and store it (a newer one stored
    meanwhile by another process is left in place)."""
    from laget.counts.models import StoredPublication

    started = time.perf_counter()
    built = build(day)
    now = timezone.now()
    fields = {
        "revision": revision,
        "built_at": now,
        "seconds": time.perf_counter() - started,
        "data": pickle.dumps((FORMAT, built), protocol=pickle.HIGHEST_PROTOCOL),
        "key": key or {},
    }
    with transaction.atomic():
        # the update locks the row: a second process storing the same waits for this one
        stored = StoredPublication.objects.filter(
            name=name, end_time=day, revision__lte=revision
        ).update(**fields)
        if not stored and not StoredPublication.objects.filter(name=name, end_time=day).exists():
            try:
                with transaction.atomic():
                    StoredPublication.objects.create(name=name, end_time=day, **fields)
                stored = 1
            except IntegrityError:
                pass  # another process stored it first
        kept = getattr(built, "kept_figures", None)
        if stored and kept is not None:
            _keep(name, day, kept())
    with _memory_lock:
        _memory[name] = ((day, revision, now), built)
    return built


def _keep(name: str, day: date, figures) -> None:
    """Store the figures a publication keeps for time series, as published (a hidden one
    without its value); of earlier days in the same month, none are kept."""
    from laget.counts.models import PublishedFigure

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


def _load(name: str, version: tuple[date, int, Any]) -> Any:
    from laget.counts.models import StoredPublication

    with _memory_lock:
        held = _memory.get(name)
    if held is not None and held[0] == version:
        return held[1]
    data = (
        StoredPublication.objects.filter(name=name, end_time=version[0])
        .values_list("data", flat=True)
        .get()
    )
    try:
        stored = pickle.loads(bytes(data))  # noqa: S301 (written by this application only)
    except (AttributeError, ImportError, pickle.UnpicklingError, TypeError):
        return _OTHER_FORMAT  # classes an earlier version had
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == FORMAT):
        return _OTHER_FORMAT
    built = stored[1]
    with _memory_lock:
        _memory[name] = (version, built)
    return built
