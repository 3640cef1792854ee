"""Filling the stored counts: every service's figures for one date, computed from the register
in one pass over the nation (the engine and the register read as arrays), written as rows.

Each area registers one function per property that returns `{service id: Counter(subgroup ->
count)}` (`laget.publication.registry`); `counts_fill` writes them for a date and records the
fill state. The publications are built from these rows only.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.db import connection, transaction

from laget.core.models import RegisterRevision
from laget.publication import registry
from laget.publication.models import FillState, ServiceCount

#: whether this process is reading inside a snapshot now (nothing may be written then)
_reading = {"now": False}


def in_snapshot() -> bool:
    return _reading["now"]


@contextmanager
def snapshot() -> Iterator[None]:
    """Read inside as of one moment, blocking no writer; write nothing inside it.

    PostgreSQL: a REPEATABLE READ transaction. SQLite in WAL mode: a deferred read transaction
    (`BEGIN DEFERRED`, by hand: the settings make Django's own transactions `IMMEDIATE`, which
    would hold the write lock, and so every write of the web process, for the whole read).
    Inside an outer transaction (a test, the demo's load) the outer one decides."""
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            _reading["now"] = True
            try:
                yield
            finally:
                _reading["now"] = False
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    _reading["now"] = True
    try:
        yield
    finally:
        _reading["now"] = False
        with connection.cursor() as cursor:
            cursor.execute("COMMIT")  # read only: nothing to keep or lose


def counts_fill(property_name: str, day: date) -> int:
    """Count `property_name` for every service on `day` and store the rows (replacing that
    date's), recording the fill state with the register revision read in the same snapshot
    as the data (so a fill is never complete for data it did not see); returns it."""
    started = time.perf_counter()
    with snapshot():
        revision = RegisterRevision.current()
        filler = registry.fillers()[property_name]
        counts = filler.count(day)
        rule_set = filler.version(day) if filler.version else ""
    rows = [
        ServiceCount(
            service_id=service_id,
            property=property_name,
            subgroup=subgroup,
            end_time=day,
            value=value,
            persons=value,
            rule_set=rule_set,
        )
        for service_id, counter in counts.items()
        for subgroup, value in counter.items()
        if value
    ]
    with transaction.atomic():
        ServiceCount.objects.filter(property=property_name, end_time=day).delete()
        ServiceCount.objects.bulk_create(rows, batch_size=2000)
        FillState.objects.update_or_create(
            property=property_name,
            end_time=day,
            defaults={
                "revision": revision,
                "state": FillState.State.DONE,
                "seconds": time.perf_counter() - started,
            },
        )
    return revision
