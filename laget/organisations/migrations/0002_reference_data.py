"""Load counties, county governor offices and all 357 municipalities (SSB KLASS; see data/SOURCES.md)."""

from django.db import migrations


def load(apps, schema_editor):
    from laget.organisations.services import reference_data_load

    reference_data_load(
        office_model=apps.get_model("organisations", "GovernorOffice"),
        county_model=apps.get_model("organisations", "County"),
        municipality_model=apps.get_model("organisations", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
