"""Version 1 says which text it follows (the Act of 18 June 2021) and that the requirement is
under revision (see rulesets/)."""

from django.db import migrations


def add_notes(apps, schema_editor):
    from laget.competence.services import NOTES, bundled_rule_set_keys_add

    bundled_rule_set_keys_add(keys=NOTES, model=apps.get_model("competence", "CompetenceRuleSet"))


class Migration(migrations.Migration):
    dependencies = [("competence", "0002_rule_set_v1")]

    operations = [migrations.RunPython(add_notes, migrations.RunPython.noop)]
