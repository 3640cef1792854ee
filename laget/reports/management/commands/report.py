"""`laget report`: a status report as DOCX, PDF or HTML, for one municipality or a county.

The report the service has made in Laget is used when there is one (exactly as finalised, if
it is); otherwise the template with today's figures and no text of the service's own.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from laget.organisations.lookup import service_from_argument
from laget.organisations.models import County, Municipality, Service
from laget.publication.refresh import figures_ready
from laget.reports import batch, services
from laget.reports.content.context import figures_date
from laget.reports.models import Comparison, StatusReport
from laget.reports.render import FORMATS


class Command(BaseCommand):
    help = "Lag tilstandsrapporten som DOCX, PDF eller HTML (én kommune, eller alle i et fylke)."
    #: the system checks (0.6 s) run with `laget check`, in the test suite and at deploy;
    #: not again before every document or import
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--service", help="tjenestens id, kortnavn (slug) eller fulle navn")
        parser.add_argument("--municipality", help="kommunenummer, for eksempel 5001")
        parser.add_argument(
            "--county", help="fylkesnummer: alle rapporter i fylket (med --out-dir)"
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=sorted(FORMATS), required=True)
        parser.add_argument("--out", help="filen som skal skrives")
        parser.add_argument("--out-dir", help="mappen rapportene skrives til (med --county)")
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="prosesser som lager rapportene i et fylke (standard: én per kjerne)",
        )

    def handle(self, *args, **options):
        year, fmt = options["year"], options["format"]
        today = timezone.localdate()
        if not 2021 <= year <= today.year:
            raise CommandError(f"Året må være mellom 2021 og {today.year}.")
        # a report not yet finalised reads the stored figures of its date: computed here, in
        # this process, if the worker never has (a report already final reads its own)
        figures_ready(figures_date(year, today), self.stdout.write)
        if options["county"]:
            if not options["out_dir"]:
                raise CommandError("Oppgi --out-dir sammen med --county.")
            if not 1 <= options["jobs"] <= 64:
                raise CommandError("--jobs må være mellom 1 og 64.")
            self._batch(options["county"], year, fmt, Path(options["out_dir"]), options["jobs"])
            return
        if not (options["service"] and options["municipality"] and options["out"]):
            raise CommandError("Oppgi --service, --municipality og --out (eller --county).")
        service = service_from_argument(options["service"])
        try:
            municipality = service.municipalities.get(number=options["municipality"])
        except Municipality.DoesNotExist:
            raise CommandError(
                f"{service.name} betjener ikke kommune {options['municipality']}."
            ) from None
        data = self._render(service, municipality, year, fmt)
        Path(options["out"]).write_bytes(data)
        self.stdout.write(f"Skrev {options['out']} ({len(data):,} byte)".replace(",", " "))

    def _render(
        self, service, municipality, year: int, fmt: str, shared: dict | None = None
    ) -> bytes:
        today, now = timezone.localdate(), timezone.now()
        report = StatusReport.objects.filter(
            service=service, municipality=municipality, year=year
        ).first()
        if report is not None:
            document = services.report_document(report, today=today, now=now)
        else:
            document = services.preview_document(
                service=service,
                municipality=municipality,
                year=year,
                comparisons=[Comparison.COUNTY, Comparison.NATIONAL],
                today=today,
                now=now,
                shared=shared,
            )
        return FORMATS[fmt][0](document)

    def _batch(self, number: str, year: int, fmt: str, out_dir: Path, jobs: int) -> None:
        try:
            county = County.objects.get(number=number)
        except County.DoesNotExist:
            raise CommandError(f"Fant ikke fylke {number}.") from None
        out_dir.mkdir(parents=True, exist_ok=True)
        groups = [
            (service.pk, list(service.municipalities.order_by("name").values_list("pk", flat=True)))
            for service in Service.objects.filter(municipalities__county=county)
            .distinct()
            .order_by("name")
        ]
        total = sum(len(municipalities) for _service, municipalities in groups)
        started = time.perf_counter()
        done = 0
        if (
            jobs > 1
            and len(groups) > 1
            and _shared_between_processes()
            and not connection.in_atomic_block  # what is not committed, no other process sees
        ):
            # one process per core, a service's reports in one process (its figures are
            # computed once there). Started afresh ("spawn"), not forked: a forked process
            # shares whatever connection the parent holds, and two processes reading one
            # socket read each other's rows (seen on PostgreSQL in CI)
            with ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=batch.worker_setup,
                initargs=(connection.settings_dict["NAME"],),
            ) as pool:
                futures = [
                    pool.submit(batch.render_service, pk, municipalities, year, fmt, out_dir)
                    for pk, municipalities in groups
                ]
                for future in as_completed(futures):
                    for line in future.result():
                        done += 1
                        self.stdout.write(f"[{done}/{total}] {line}")
        else:
            for pk, municipalities in groups:
                for line in batch.render_service(pk, municipalities, year, fmt, out_dir):
                    done += 1
                    self.stdout.write(f"[{done}/{total}] {line}")
        self.stdout.write(
            f"{total} rapporter i {time.perf_counter() - started:.1f} s, skrevet til {out_dir}"
        )


def _shared_between_processes() -> bool:
    """Whether worker processes see this database (not an SQLite database in memory: the
    tests')."""
    name = str(connection.settings_dict["NAME"])
    return not (connection.vendor == "sqlite" and ("memory" in name or name == ""))
