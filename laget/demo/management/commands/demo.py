import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from laget.demo.national import MAX_SCALE, national_clear, national_create, national_exists
from laget.demo.services import DEMO_PASSWORD, SEED, demo_create
from laget.people.models import Person
from laget.publication.refresh import refresh


class Command(BaseCommand):
    help = "Create deterministic synthetic demo data and demo users (replaces earlier demo data)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument(
            "--national",
            action="store_true",
            help="Hele landet: alle barneverntjenester, Trøndelag som i den regionale demoen.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=None,
            help=f"Med --national: N ganger så mange ansatte i hver tjeneste (1–{MAX_SCALE}).",
        )

    def handle(self, *args, seed: int, national: bool, scale: int | None, **options):
        if scale is not None and not national:
            raise CommandError("--scale gjelder bare sammen med --national.")
        scale = 1 if scale is None else scale
        if not 1 <= scale <= MAX_SCALE:
            raise CommandError(
                f"--scale må være et heltall fra 1 til {MAX_SCALE}, ikke {scale}. "
                "Ingenting er endret."
            )
        # Persons without the synthetic flag in a database that holds the demo were added while
        # trying it (a form, an import): demo data too, replaced with the rest, so `make run`
        # works again on the same var/. Only a database without the demo is refused.
        added = Person.objects.filter(is_synthetic=False)
        if added.exists() and not Person.objects.filter(is_synthetic=True).exists():
            raise CommandError(
                "Databasen inneholder ekte personer. Demodata lages bare i en egen database "
                "(demobrukerne har et kjent passord)."
            )
        removed = added.count()
        today = timezone.localdate()
        if national:
            added.delete()
            summary = national_create(today=today, seed=seed, scale=scale)
            logins = summary.logins
            self.stdout.write(
                self.style.SUCCESS("Demodata laget (syntetiske personer, hele landet).")
            )
            self.stdout.write(summary.line(scale))
        else:
            with transaction.atomic():
                added.delete()
                if national_exists():
                    national_clear()  # the nation's services go, and quickly
                logins = demo_create(today=today, seed=seed)
            self.stdout.write(
                self.style.SUCCESS("Demodata laget (syntetiske personer, Trøndelag).")
            )
        if removed:
            self.stdout.write(f"Personer lagt til i demoen siden sist, fjernet: {removed}.")
        started = time.perf_counter()
        refresh(today)  # the figures for users outside the services, stored before anyone asks
        self.stdout.write(
            f"Tall for kommune, statsforvalter og nasjonalt lagret på "
            f"{time.perf_counter() - started:.0f} s."
        )
        self.stdout.write(f"Passord for alle demobrukere: {DEMO_PASSWORD}")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.description}")
