"""`laget report`: a status report as DOCX, PDF or HTML, for one municipality or a county.

The report the service has made in Laget is used when there is one (exactly as finalised, if
it is); otherwise the template with today's figures and no text of the service's own.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laget.organisations.lookup import service_from_argument
from laget.organisations.models import County, Municipality, Service
from laget.reports import services
from laget.reports.models import Comparison, StatusReport
from laget.reports.render import FORMATS


class Command(BaseCommand):
    help = "Lag tilstandsrapporten som DOCX, PDF eller HTML (én kommune, eller alle i et fylke)."

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

    def handle(self, *args, **options):
        year, fmt = options["year"], options["format"]
        today = timezone.localdate()
        if not 2021 <= year <= today.year:
            raise CommandError(f"Året må være mellom 2021 og {today.year}.")
        if options["county"]:
            if not options["out_dir"]:
                raise CommandError("Oppgi --out-dir sammen med --county.")
            self._batch(options["county"], year, fmt, Path(options["out_dir"]))
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

    def _batch(self, number: str, year: int, fmt: str, out_dir: Path) -> None:
        try:
            county = County.objects.get(number=number)
        except County.DoesNotExist:
            raise CommandError(f"Fant ikke fylke {number}.") from None
        out_dir.mkdir(parents=True, exist_ok=True)
        pairs = [
            (service, municipality)
            for service in Service.objects.filter(municipalities__county=county)
            .distinct()
            .order_by("name")
            for municipality in service.municipalities.order_by("name")
        ]
        started = time.perf_counter()
        shared: dict = {}  # the county's and each service's figures, computed once
        for index, (service, municipality) in enumerate(pairs, start=1):
            began = time.perf_counter()
            data = self._render(service, municipality, year, fmt, shared)
            path = out_dir / f"tilstandsrapport-{year}-{service.slug}-{municipality.number}.{fmt}"
            path.write_bytes(data)
            self.stdout.write(
                f"[{index}/{len(pairs)}] {service.name} – {municipality.name}: "
                f"{time.perf_counter() - began:.2f} s"
            )
        self.stdout.write(
            f"{len(pairs)} rapporter i {time.perf_counter() - started:.1f} s, skrevet til {out_dir}"
        )
