from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laget.demo.services import DEMO_PASSWORD, SEED, demo_create
from laget.people.models import Person


class Command(BaseCommand):
    help = "Create deterministic synthetic demo data and demo users (replaces earlier demo data)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args, seed: int, **options):
        if Person.objects.filter(is_synthetic=False).exists():
            raise CommandError(
                "Databasen inneholder ekte personer. Demodata lages bare i en egen database "
                "(demobrukerne har et kjent passord)."
            )
        logins = demo_create(today=timezone.localdate(), seed=seed)
        self.stdout.write(self.style.SUCCESS("Demodata laget (syntetiske personer, Trøndelag)."))
        self.stdout.write(f"Passord for alle demobrukere: {DEMO_PASSWORD}")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.description}")
