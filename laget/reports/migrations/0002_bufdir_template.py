"""The template versions shipped in laget/reports/data/ (the first: Bufdir's, 2021)."""

from django.db import migrations


def load(apps, schema_editor):
    from laget.reports.models import bundled_templates_load

    bundled_templates_load(
        model=apps.get_model("reports", "ReportTemplate"), only=("bufdir-2021.json",)
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
