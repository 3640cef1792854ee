"""What the tests do in place of the worker (see `_worker_stand_in` in conftest.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from laget.core.models import RegisterRevision
from laget.publication import published as publishing
from laget.publication import registry
from laget.publication.calendar import is_release_day
from laget.publication.fill import counts_fill
from laget.publication.models import FillState, StoredPublication, WantedPublication
from laget.publication.published import Built, publications_store
from laget.publication.registry import Inputs
from laget.publication.stored import stored_counts


def stored_or_built(original, name: str, day: date) -> tuple[Any, Any]:
    """`publication.published._stored`, after building `name` for `day` as the worker would when it
    is missing or older than the register."""
    from laget.publication.release import is_out

    found, note = original(name, day)
    if note is None or not note.outdated or is_out(day, timezone.localdate()):
        return found, note  # missing: `built` below, with the key the reader gives
    _forget(note)
    _build(name, day, _key(name, day))
    return original(name, day)


def _forget(note) -> None:
    """The page did not show the figures it found out of date: the stand-in built them."""
    from laget.publication.published import _read

    notes = _read.get()
    if notes and note in notes:
        notes.remove(note)


def built(original, name: str, day: date, key: dict | None) -> Any:
    """`publication.published.missing`: what the worker's pass after the wish would have stored."""
    from laget.publication.published import NotComputed

    if not _build(name, day, key or {}):
        raise NotComputed(name, day)
    return original(name, day)[0]


def _build(name: str, day: date, key: dict) -> bool:
    build = _builder(name, key)
    if build is None:
        return False
    revision = RegisterRevision.current()
    if name in _named():
        for property_name in registry.fillers():
            if not FillState.objects.filter(
                property=property_name,
                end_time=day,
                revision=revision,
                state=FillState.State.DONE,
            ).exists():
                revision = min(revision, counts_fill(property_name, day))
    if name in _named():  # what the worker hands it: the counts, the publications it reads
        data = build(
            Inputs(
                day,
                counts=lambda property_name: stored_counts(property_name, day),
                publication=lambda read: publishing.published(read, day, exact=True),
            )
        )
    else:
        data = build(day)
    today = timezone.localdate()
    series = is_release_day(day) and day < today  # as the worker: releases only
    publications_store([Built(name, day, data, 0.0, key)], revision, series=series)
    return True


def _named() -> dict:
    from laget.publication.refresh import publications

    return publications()


def _key(name: str, day: date) -> dict:
    for source in (StoredPublication, WantedPublication):
        key = source.objects.filter(name=name, end_time=day).values_list("key", flat=True).first()
        if key:
            return key
    return {}


def _builder(name: str, key: dict):
    from laget.publication.refresh import set_builder

    named = _named()
    if name in named:
        return named[name]
    return set_builder(name, key) if key else None


def release_now(monkeypatch) -> date:
    """Send the register as it is now out as a release, as the worker does the day after the
    next fixed date: today moves there (for the rest of the test) and the pass runs. Readers
    outside then get the figures of the register as it is (issue 26: they read releases)."""
    from datetime import timedelta

    from laget.publication.calendar import next_release_day
    from laget.publication.refresh import refresh

    later = next_release_day(timezone.localdate()) + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    refresh()
    return later
