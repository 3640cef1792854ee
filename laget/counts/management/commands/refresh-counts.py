from datetime import date as _date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

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
            today = timezone.localdate()
            if not _date(2020, 1, 1) <= day <= today:
                raise CommandError(
                    f"Datoen må være mellom 01.01.2020 og i dag ({today:%d.%m.%Y}), ikke {date}."
                )
        for name, seconds in refresh(day).items():
            self.stdout.write(f"{name}: {seconds:.2f} s")


def _parse(text: str) -> _date:
    return _date.fromisoformat(text)
