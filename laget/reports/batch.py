"""The county batch's work (`laget report --county`), in worker processes or not.

The workers are started afresh ("spawn"), not forked: a forked process shares whatever
database connection the parent holds, and two processes reading one socket read each other's
rows (seen on PostgreSQL in CI). So this module imports nothing of Django's models at the top:
a worker imports it before Django is set up (`worker_setup`)."""

from __future__ import annotations

import time
from pathlib import Path


def worker_setup(database_name: str) -> None:
    """A worker process: Django set up afresh on the parent's database (a test database is
    named otherwise than the settings say)."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    settings.DATABASES["default"]["NAME"] = database_name
    connections["default"].settings_dict["NAME"] = database_name


def render_service(
    service_pk: int, municipality_pks: list[int], year: int, fmt: str, out_dir: Path
) -> list[str]:
    """A service's reports, one per municipality it serves."""
    from laget.organisations.models import Municipality, Service
    from laget.reports.management.commands.report import Command

    service = Service.objects.get(pk=service_pk)
    shared: dict = {}  # the county's and the service's figures, computed once
    lines = []
    for municipality in Municipality.objects.filter(pk__in=municipality_pks).order_by("name"):
        began = time.perf_counter()
        data = Command()._render(service, municipality, year, fmt, shared)
        path = out_dir / f"tilstandsrapport-{year}-{service.slug}-{municipality.number}.{fmt}"
        path.write_bytes(data)
        lines.append(f"{service.name} – {municipality.name}: {time.perf_counter() - began:.2f} s")
    return lines
