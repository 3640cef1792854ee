"""The first template version, from laget/reports/data/bufdir-2021.json."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "bufdir-2021.json"


def load(apps, schema_editor):
    ReportTemplate = apps.get_model("reports", "ReportTemplate")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    ReportTemplate.objects.update_or_create(
        version=data["version"],
        defaults={
            "title": data["title"],
            "valid_from": date.fromisoformat(data["valid_from"]),
            "source": data["source"],
            "sections": data["sections"],
        },
    )


def unload(apps, schema_editor):
    apps.get_model("reports", "ReportTemplate").objects.filter(version="bufdir-2021").delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
