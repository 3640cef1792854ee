"""«Fadder er utpekt» follows the onboarding's mentor (issue 28): a tick stored without a mentor
is taken back, so no page says «✓ Gjort» beside «Fadder: ikke utpekt ennå». The leader
registers the mentor, and the item is done again."""

from django.db import migrations

MENTOR_TASK = "Fadder er utpekt"  # as `laget.supervision.models.MENTOR_TASK` at this migration


def untick_without_mentor(apps, schema_editor):
    task = apps.get_model("supervision", "OnboardingTask")
    task.objects.filter(
        title=MENTOR_TASK, done_on__isnull=False, onboarding__mentor__isnull=True
    ).update(done_on=None, done_by=None)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0003_case_guard")]

    operations = [migrations.RunPython(untick_without_mentor, migrations.RunPython.noop)]
