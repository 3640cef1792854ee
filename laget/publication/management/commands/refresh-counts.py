"""`laget refresh-counts`: the worker that keeps the stored figures current (`laget.publication.
refresh`). One pass, or with `--watch` the loop a `Procfile` or systemd service runs."""

import os
import signal
import time
from datetime import date as _date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laget.publication import refresh as worker


class Command(BaseCommand):
    help = (
        "Fyll de lagrede tallene og bygg de beskyttede publiseringene for siste utgivelsesdato "
        "som er over (til utgivelsen er ute), 1. januar og datoer noen har bedt om. Med "
        "--watch: arbeideren som holder dem oppdatert."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ÅÅÅÅ-MM-DD: bare denne datoen (standard: alle)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Tell alt på nytt, også det som alt er talt fra gjeldende registerrevisjon.",
        )
        parser.add_argument(
            "--watch",
            type=int,
            metavar="SEKUNDER",
            help="Gå i løkke: se etter endringer hvert SEKUNDER sekund (10–3600) og frisk opp "
            "når registeret, dagen eller det noen ber om er nytt. Stopper rent på SIGTERM/SIGINT.",
        )

    def handle(self, *args, date=None, force=False, watch=None, **options):
        stopping = {"asked": False}

        def asked_to_stop(signum, frame):
            stopping["asked"] = True

        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, asked_to_stop)

        def stop() -> bool:
            return stopping["asked"]

        if watch is not None:
            if date or force:
                raise CommandError(
                    "--watch frisker opp alle datoer; bruk ikke --date eller --force."
                )
            if not 10 <= watch <= 3600:
                raise CommandError(f"--watch må være mellom 10 og 3600 sekunder, ikke {watch}.")
            if hasattr(os, "nice"):
                os.nice(10)  # pages first: the worker yields the processor to the web processes
            self.stdout.write(f"Arbeideren ser etter endringer hvert {watch}. sekund.")
            self.stdout.flush()
            _watch(self, watch, stop)
            self.stdout.write("Stoppet.")
            return
        days = None
        if date:
            try:
                day = _date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"Ugyldig dato «{date}»: bruk ÅÅÅÅ-MM-DD.") from error
            today = timezone.localdate()
            if not _date(2020, 1, 1) <= day <= today:
                raise CommandError(
                    f"Datoen må være mellom 01.01.2020 og i dag ({today:%d.%m.%Y}), ikke {date}."
                )
            days = [day]
        started = time.perf_counter()
        try:
            seconds = worker.refresh(force=force, stop=stop, days=days)
        except worker.Stopped:
            self.stdout.write("Stoppet før tallene var ferdige; de forrige gjelder fortsatt.")
            return
        for name, took in seconds.items():
            self.stdout.write(f"{name}: {took:.2f} s")
        self.stdout.write(f"I alt {time.perf_counter() - started:.1f} s.")


def _watch(command: BaseCommand, interval: int, stop) -> None:
    def report(line: str) -> None:
        command.stdout.write(line)
        command.stdout.flush()

    worker.watch(interval, stop=stop, report=report)
