"""Keeping the stored counts and publications current, off the request path.

- After every committed change to the register (`RegisterRevision.bump`), `refresh_soon`
  starts one background thread in that process, which waits `LAGET_REFRESH_DEBOUNCE`
  seconds (an import or a form saves many rows) and then refreshes everything; changes made
  while it runs make it go round once more.
- `laget refresh-counts` does the same from the command line: run it every night (cron or a
  systemd timer) so a new day's figures are ready before anyone asks for them.
- `laget refresh-counts --watch SECONDS` does it in a process of its own (`refresh_if_changed`
  every so many seconds), for a national service whose web workers run with
  `LAGET_REFRESH=off`: a refresh of the nation takes a minute and a half and some hundred MB,
  which a web worker should not spend.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import date

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from laget.core.models import RegisterRevision
from laget.counts.fill import FILLERS
from laget.counts.stored import is_filled

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_state = {"pending": False, "running": False}


def publications() -> dict[str, object]:
    """Every stored publication by name, with its builder (in the order they depend on)."""
    from laget.competence import publication
    from laget.workforce import exits_published, flows

    return {
        publication.NAME: publication.build,
        flows.NAME: flows.build,
        exits_published.NAME: exits_published.build,
    }


def refresh(day: date | None = None) -> dict[str, float]:
    """Fill every property's counts for `day` (today) where they are not of the current
    register revision, then build and store every publication; the seconds each took."""
    from laget.core.published import publication_store
    from laget.projection.selectors import outside_projections_refresh
    from laget.workforce.selectors import outside_overviews_refresh

    day = day or timezone.localdate()
    revision = RegisterRevision.current()
    seconds: dict[str, float] = {}
    for property_name in FILLERS:
        if not is_filled(property_name, day, revision):
            from laget.counts.fill import counts_fill

            started = time.perf_counter()
            counts_fill(property_name, day)
            seconds[f"counts.{property_name}"] = time.perf_counter() - started
    for name, build in publications().items():
        started = time.perf_counter()
        publication_store(name, day, build, revision)  # type: ignore[arg-type]
        seconds[name] = time.perf_counter() - started
    for name, store in (
        ("workforce", outside_overviews_refresh),
        ("projection", outside_projections_refresh),
    ):
        started = time.perf_counter()
        store(day)
        seconds[name] = time.perf_counter() - started
    started = time.perf_counter()
    _asked_for_refresh(day, revision)
    seconds["other sets"] = time.perf_counter() - started
    return seconds


def refresh_if_changed(
    last: tuple[date, int] | None,
) -> tuple[tuple[date, int], dict[str, float] | None]:
    """Refresh when the day or the register revision is not the one `last` refreshed (None:
    none yet); the day and revision now, and what the refresh took (None: nothing to do)."""
    now = (timezone.localdate(), RegisterRevision.current())
    if now == last:
        return now, None
    seconds = refresh(now[0])
    return now, seconds


def _asked_for_refresh(day: date, revision: int) -> None:
    """Build again every other set of services someone has asked for on `day` (a filter, a
    report's comparison), from the services its stored row names."""
    from laget.counts.models import StoredPublication
    from laget.organisations.models import Service
    from laget.projection.selectors import outside_projection
    from laget.workforce.selectors import outside_overview

    stale = StoredPublication.objects.filter(end_time=day, revision__lt=revision).exclude(key={})
    for name, key in stale.values_list("name", "key"):
        services = list(
            Service.objects.filter(pk__in=key.get("services", []))
            .select_related("host_municipality")
            .order_by("name", "pk")
        )
        if not services:
            continue
        if name.startswith("workforce:"):
            outside_overview(services, day, per_service=bool(key.get("per_service")), force=True)
        elif name.startswith("projection:"):
            outside_projection(services, day, force=True)


def refresh_soon() -> None:
    """Refresh in a background thread of this process, once, soon (see the module)."""
    if settings.LAGET_REFRESH != "background":
        return
    with _lock:
        _state["pending"] = True
        if _state["running"]:
            return
        _state["running"] = True
    threading.Thread(target=_run, name="laget-refresh", daemon=True).start()


def _run() -> None:
    try:
        while True:
            time.sleep(settings.LAGET_REFRESH_DEBOUNCE)
            with _lock:
                if not _state["pending"]:
                    _state["running"] = False
                    return
                _state["pending"] = False
            try:
                close_old_connections()
                refresh()
            except Exception:
                logger.exception("Refreshing the stored counts failed")
    finally:
        connection.close()
