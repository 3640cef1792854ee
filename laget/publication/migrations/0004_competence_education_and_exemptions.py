"""The competence counts gain those whose formal education is in place and those under an
exemption (issue 15): the rows stored before are filled again on first use, by a new register
revision (nothing else about them changes)."""

from django.db import migrations
from django.db.models import F


def refill(apps, schema_editor):
    revision = apps.get_model("core", "RegisterRevision")
    if not revision.objects.filter(pk=1).update(revision=F("revision") + 1):
        revision.objects.create(pk=1, revision=1)


class Migration(migrations.Migration):
    dependencies = [
        ("counts", "0003_publication_key"),
        ("core", "0002_register_revision"),
        ("competence", "0006_exemption"),
    ]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
