"""`laget audit-reports [--json]`: the small-number check of every finalised or sent report.

Each report is audited with the other reports of its service and figures date (the same
people); the outcome is stored on the report, where its leaders see it. Prints per report
whether it passed, how many views and hidden cells were attacked and the narrowest interval
found (never a hidden figure). Exits with status 1 when a report fails, for a scheduled run.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laget.reports.checking import audit_reports


class Command(BaseCommand):
    help = "Kontroller at ingen ferdigstilt tilstandsrapport gir bort tall om færre enn fem."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="skriv JSON")

    def handle(self, *args, **options):
        checked = audit_reports(now=timezone.now())
        rows = [
            {
                "report": c.report.pk,
                "service": c.report.service.name,
                "municipality": c.report.municipality.name,
                "year": c.report.year,
                "status": c.report.status,
                "figures_as_of": (
                    c.report.figures_as_of.isoformat() if c.report.figures_as_of else None
                ),
                "passed": not c.outcome.failed,
                "views": c.outcome.views,
                "hidden": c.outcome.hidden,
                "narrowest": c.outcome.narrowest,
                "finding": c.outcome.finding,
            }
            for c in checked
        ]
        if options["json"]:
            self.stdout.write(json.dumps({"reports": rows}, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                width = "–" if row["narrowest"] is None else f"{row['narrowest']:g}"
                self.stdout.write(
                    f"{'BESTÅTT' if row['passed'] else 'FEILET'}  {row['year']} "
                    f"{row['service']} – {row['municipality']}: {row['views']} visninger, "
                    f"{row['hidden']} skjulte tall, smaleste intervall {width}. {row['finding']}"
                )
            if not rows:
                self.stdout.write("Ingen ferdigstilte rapporter å kontrollere.")
        failed = sum(not row["passed"] for row in rows)
        if failed:
            raise CommandError(f"{failed} rapport(er) feilet kontrollen av små tall.")
