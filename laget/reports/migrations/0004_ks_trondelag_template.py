"""The template version that adds what KS Trøndelag's report (June 2024) asks of a status
report: surveys, the municipality's other plans and who took part (issue 24, item 4)."""

from django.db import migrations


def load(apps, schema_editor):
    from laget.reports.models import bundled_templates_load

    bundled_templates_load(model=apps.get_model("reports", "ReportTemplate"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_audit_and_withdrawn_versions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
