"""Each record of education says how its relevance was decided (issue 24, item 5): by the
shared list of relevant education, by the leader, or not yet. Records already relevant whose
name is on version 1 of the list are marked as on the list; every other record keeps its
relevance as the leader's judgement (nothing changes a status here)."""

import json
from pathlib import Path

from django.db import migrations, models

LIST_V1 = Path(__file__).resolve().parents[2] / "competence" / "data" / "relevant-utdanning-v1.json"


def mark_listed(apps, schema_editor):
    from laget.domain.competence import EducationLevel
    from laget.domain.competence.relevance import FURTHER, relevance_list_from_dict

    listed = relevance_list_from_dict(json.loads(LIST_V1.read_text(encoding="utf-8")))
    Education = apps.get_model("people", "Education")
    FurtherEducation = apps.get_model("people", "FurtherEducation")
    fields = ["relevance_basis", "relevance_entry", "relevance_version"]

    def mark(record, entry) -> bool:
        if entry is None:
            return False
        record.relevance_basis = "list"
        record.relevance_entry, record.relevance_version = entry.key, listed.version
        return True

    educations = [
        record
        for record in Education.objects.filter(relevant=True, level__in=["bachelor", "master"])
        if mark(record, listed.find_education(EducationLevel[record.level.upper()], record.field))
    ]
    Education.objects.bulk_update(educations, fields, batch_size=1000)
    further = [
        record
        for record in FurtherEducation.objects.filter(relevant=True, is_sum=False)
        if mark(record, listed.find(FURTHER, record.course))
    ]
    FurtherEducation.objects.bulk_update(further, fields, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_merge_0006_case_guard_0006_furthereducation_is_sum"),
    ]

    operations = [
        migrations.AddField(
            model_name="education",
            name="relevance_basis",
            field=models.CharField(
                choices=[
                    ("list", "På listen over relevant utdanning"),
                    ("assessed", "Vurdert av lederen"),
                    ("not_assessed", "Ikke vurdert"),
                ],
                default="assessed",
                editable=False,
                max_length=12,
                verbose_name="relevans avgjort",
            ),
        ),
        migrations.AddField(
            model_name="education",
            name="relevance_entry",
            field=models.CharField(
                blank=True, editable=False, max_length=60, verbose_name="oppføring på listen"
            ),
        ),
        migrations.AddField(
            model_name="education",
            name="relevance_version",
            field=models.CharField(
                blank=True, editable=False, max_length=20, verbose_name="listens versjon"
            ),
        ),
        migrations.AddField(
            model_name="furthereducation",
            name="relevance_basis",
            field=models.CharField(
                choices=[
                    ("list", "På listen over relevant utdanning"),
                    ("assessed", "Vurdert av lederen"),
                    ("not_assessed", "Ikke vurdert"),
                ],
                default="assessed",
                editable=False,
                max_length=12,
                verbose_name="relevans avgjort",
            ),
        ),
        migrations.AddField(
            model_name="furthereducation",
            name="relevance_entry",
            field=models.CharField(
                blank=True, editable=False, max_length=60, verbose_name="oppføring på listen"
            ),
        ),
        migrations.AddField(
            model_name="furthereducation",
            name="relevance_version",
            field=models.CharField(
                blank=True, editable=False, max_length=20, verbose_name="listens versjon"
            ),
        ),
        migrations.RunPython(mark_listed, migrations.RunPython.noop),
    ]
