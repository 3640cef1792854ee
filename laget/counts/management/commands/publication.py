"""`laget publication show --date ÅÅÅÅ-MM-DD [--json]`: what was published outside the services
for a date, cell by cell (`laget.counts.release`)."""

import json
from datetime import date as _date

from django.core.management.base import BaseCommand, CommandError

from laget.counts.release import release


class Command(BaseCommand):
    help = "Vis det som er publisert utenfor tjenestene per en dato, celle for celle."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="Vis publiseringen for en dato.")
        show.add_argument("--date", required=True, help="ÅÅÅÅ-MM-DD")
        show.add_argument("--name", help="bare denne publiseringen (for eksempel competence)")
        show.add_argument("--json", action="store_true", dest="as_json", help="som JSON")

    def handle(self, *args, action=None, date=None, name=None, as_json=False, **options):
        try:
            day = _date.fromisoformat(date)
        except ValueError as error:
            raise CommandError(f"--date må være ÅÅÅÅ-MM-DD, ikke «{date}».") from error
        found = release(day)
        if name is not None:
            if name not in found:
                raise CommandError(
                    f"Ingen publisering «{name}» per {day.isoformat()}. "
                    f"Finnes: {', '.join(found) or 'ingen'}."
                )
            found = {name: found[name]}
        if not found:
            raise CommandError(
                f"Ingenting er publisert per {day.isoformat()} (kjør `laget refresh-counts`)."
            )
        if as_json:
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True))
            return
        for publication, cells in found.items():
            self.stdout.write(f"{publication} ({len(cells)} celler)")
            for path, cell in cells.items():
                self.stdout.write(f"  {path}: {_text(cell)}")


def _text(cell: dict) -> str:
    if cell.get("computed") is False:
        return "ikke beregnet ennå"
    if cell.get("hidden"):
        return f"skjult ({cell['why']})" if "why" in cell else "skjult"
    value = cell["value"]
    return f"{value} ({cell['persons']} personer)" if "persons" in cell else str(value)
