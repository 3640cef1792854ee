"""laget forecast --service <id> [--scenario <file.json>] [--runs N] [--seed S] --json

The projection to the deadline for a service, with the standard scenarios side by side.
The scenario file holds parameter overrides, e.g. {"annual_turnover": 0.15}.
"""

import json
from dataclasses import fields
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laget.accounts.models import User
from laget.domain.projection.forecast import Parameters
from laget.organisations.lookup import service_from_argument
from laget.projection.selectors import service_projection

ALLOWED = {f.name for f in fields(Parameters)} - {"runs", "seed"}


class Command(BaseCommand):
    help = "Framskriving av kompetansekravet mot fristen for en tjeneste, som JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "--service", required=True, help="tjenestens id, kortnavn eller fulle navn"
        )
        parser.add_argument("--scenario", type=Path)
        parser.add_argument("--runs", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2031)
        parser.add_argument(
            "--json", action="store_true", help="Skriv JSON (det eneste formatet foreløpig)"
        )

    def handle(self, *args, service: str, scenario: Path | None, runs: int, seed: int, **options):
        target = service_from_argument(service)
        changes: dict = {"runs": runs, "seed": seed}
        if scenario:
            try:
                data = json.loads(scenario.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as error:
                raise CommandError(f"Kan ikke lese scenarioet {scenario}: {error}") from None
            if not isinstance(data, dict):
                raise CommandError("Scenarioet må være et JSON-objekt.")
            unknown = set(data) - ALLOWED
            if unknown:
                raise CommandError(
                    f"Ukjente nøkler: {', '.join(sorted(unknown))}. Gyldige: {', '.join(sorted(ALLOWED))}"
                )
            wrong = [
                k
                for k, v in data.items()
                if k != "pending_applications_admitted"
                and (isinstance(v, bool) or not isinstance(v, int | float))
            ]
            if wrong:
                raise CommandError(f"Må være tall: {', '.join(sorted(wrong))}")
            changes.update(data)
        problems = Parameters(**changes).problems()
        if problems:
            raise CommandError("Ugyldige parametre:\n  " + "\n  ".join(problems))
        admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if admin is None:
            raise CommandError("Kommandoen krever at det finnes en aktiv administrator.")
        projection = service_projection(
            user=admin, service=target, today=timezone.localdate(), changes=changes
        )
        output = {
            "service": {"id": target.pk, "name": target.name},
            "deadline": projection.deadline.isoformat(),
            "turnover_source": projection.turnover.described,
            "forecasts": [f.as_dict() for f in projection.forecasts],
        }
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
