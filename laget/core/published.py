"""Figures published outside the services are computed once per date and register revision
(`core.RegisterRevision`: any change to the register, an import or a service makes a new one)
and kept in the cache for a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.core.cache import cache

from laget.core.models import RegisterRevision

T = TypeVar("T")

KEPT_FOR = 24 * 3600


def for_revision(name: str, day: date, build: Callable[[date], T]) -> T:
    """`build(day)` once per register revision; later calls get the cached result."""
    key = f"laget:{name}:{day.isoformat()}:{RegisterRevision.current()}"
    published = cache.get(key)
    if published is None:
        published = build(day)
        cache.set(key, published, timeout=KEPT_FOR)
    return published
