from django.core.management.base import BaseCommand

from laget.organisations.services import reference_data_load


class Command(BaseCommand):
    help = "Load or update counties, county governor offices and municipalities (SSB KLASS)."

    def handle(self, *args, **options):
        counts = reference_data_load()
        self.stdout.write(
            f"{counts.counties} fylker, {counts.governor_offices} statsforvalterembeter, "
            f"{counts.municipalities} kommuner lastet."
        )
