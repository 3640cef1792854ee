"""`laget supervision-status --service <id> --json`: a service's supervision figures."""

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from laget.organisations.lookup import service_from_argument
from laget.supervision.selectors import service_supervision


class Command(BaseCommand):
    help = "Regelmessighet i veiledningen for en tjeneste: samletall (ingen navn)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--service", required=True, help="tjenestens id, kortnavn eller fulle navn"
        )
        parser.add_argument("--json", action="store_true", help="skriv JSON")

    def handle(self, *args, **options):
        service = service_from_argument(options["service"])
        overview = service_supervision(
            user=None, service=service, today=timezone.localdate(), operator=True
        )
        figures = {
            "service": service.name,
            "from": overview.start.isoformat(),
            "to": overview.today.isoformat(),
            "staff": overview.staff.value,
            "with_active_plan_share": overview.with_plan.value,
            "planned": overview.planned.value,
            "held": overview.held.value,
            "held_share": overview.held_share.value,
            "process_share": overview.process_share.value,
            "group_share": overview.group_share.value,
            "overdue": overview.overdue.value,
            "held_by_supervisor": {k: f.value for k, f in overview.by_supervisor.items()},
            "debriefs_offered": overview.debriefs_offered.value,
            "debriefs_held": overview.debriefs_held.value,
            "definitions": overview.definitions,
        }
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            for key, figure in figures.items():
                if key != "definitions":
                    self.stdout.write(f"{key}: {figure}")
