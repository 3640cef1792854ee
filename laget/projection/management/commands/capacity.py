"""laget capacity --scenario <file.json> --json

The national capacity model (section 3.5 of the 2022 competence-needs mapping) for a scenario.
Without --scenario it uses the report's own inputs.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laget.domain.projection.capacity import (
    REPORT_2022,
    ScenarioError,
    capacity,
    scenario_from_dict,
)


class Command(BaseCommand):
    help = "Nasjonal kapasitetsmodell for kompetansekravet 2031, som JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scenario",
            type=Path,
            help="JSON-fil med scenarioet (standard: tallene fra kartleggingen 2022)",
        )
        parser.add_argument(
            "--json", action="store_true", help="Skriv JSON (det eneste formatet foreløpig)"
        )

    def handle(self, *args, scenario: Path | None, **options):
        if scenario is None:
            data = REPORT_2022
        else:
            try:
                data = json.loads(scenario.read_text(encoding="utf-8"))
            except OSError as error:
                raise CommandError(f"Kan ikke lese {scenario}: {error.strerror}") from None
            except json.JSONDecodeError as error:
                raise CommandError(
                    f"{scenario} er ikke gyldig JSON: {error.msg} (linje {error.lineno})"
                ) from None
        try:
            result = capacity(scenario_from_dict(data))
        except ScenarioError as error:
            raise CommandError("Ugyldig scenario:\n  " + "\n  ".join(error.problems)) from None
        self.stdout.write(json.dumps(result.as_dict(), indent=2))
