"""Credits a roster file gives as a sum are stored as a sum, never as one course (issue 24):
the records the import made before are marked as such."""

from django.db import migrations, models

#: the course names the import gave its sum records (laget.people.roster.importing)
SUM_COURSES = (
    "Relevant videreutdanning (fra HR-import)",
    "Relevant videreutdanning som pågår (fra HR-import)",
)


def mark_sums(apps, schema_editor):
    FurtherEducation = apps.get_model("people", "FurtherEducation")
    FurtherEducation.objects.filter(source="import", course__in=SUM_COURSES).update(is_sum=True)


class Migration(migrations.Migration):
    dependencies = [("people", "0005_number_ranges")]

    operations = [
        migrations.AddField(
            model_name="furthereducation",
            name="is_sum",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text=(
                    "Studiepoeng oppgitt som en sum i en importert fil, uten emnene bak: kan ikke "
                    "regnes som én videreutdanning før emnene er registrert."
                ),
                verbose_name="sum fra fil",
            ),
        ),
        migrations.RunPython(mark_sums, migrations.RunPython.noop),
    ]
