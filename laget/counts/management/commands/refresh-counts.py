from datetime import date

from django.core.management.base import BaseCommand, CommandError

from laget.counts.refresh import refresh


class Command(BaseCommand):
    help = (
        "Fyll de lagrede tallene og bygg de beskyttede publiseringene for en dato (i dag). "
        "Kjøres hver natt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ÅÅÅÅ-MM-DD (standard: i dag)")

    def handle(self, *args, date: str | None = None, **options):
        day = None
        if date:
            try:
                day = _parse(date)
            except ValueError as error:
                raise CommandError(f"Ugyldig dato «{date}»: bruk ÅÅÅÅ-MM-DD.") from error
        for name, seconds in refresh(day).items():
            self.stdout.write(f"{name}: {seconds:.2f} s")


def _parse(text: str) -> date:
    return date.fromisoformat(text)
