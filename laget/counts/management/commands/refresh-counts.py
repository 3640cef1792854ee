import time
from datetime import date as _date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laget.counts.refresh import refresh, refresh_if_changed


class Command(BaseCommand):
    help = (
        "Fyll de lagrede tallene og bygg de beskyttede publiseringene for en dato (i dag). "
        "Kjøres hver natt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ÅÅÅÅ-MM-DD (standard: i dag)")
        parser.add_argument(
            "--watch",
            type=int,
            metavar="SEKUNDER",
            help="Gå i løkke: se etter endringer hvert SEKUNDER sekund (10–3600) og frisk opp "
            "når registeret eller dagen er ny. For en nasjonal tjeneste med LAGET_REFRESH=off.",
        )

    def handle(self, *args, date: str | None = None, watch: int | None = None, **options):
        if watch is not None:
            if date:
                raise CommandError(
                    "--watch frisker opp dagens tall; bruk ikke --date sammen med den."
                )
            if not 10 <= watch <= 3600:
                raise CommandError(f"--watch må være mellom 10 og 3600 sekunder, ikke {watch}.")
            return self._watch(watch)
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

    def _watch(self, seconds: int) -> None:
        last = None
        try:
            while True:
                last, took = refresh_if_changed(last)
                if took is not None:
                    total = sum(took.values())
                    self.stdout.write(
                        f"{timezone.localtime():%H:%M:%S} revisjon {last[1]}: {total:.1f} s"
                    )
                time.sleep(seconds)
        except KeyboardInterrupt:
            self.stdout.write("Stoppet.")


def _parse(text: str) -> _date:
    return _date.fromisoformat(text)
