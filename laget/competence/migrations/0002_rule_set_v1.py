"""The first rule set: the 2031 requirement of the Child Welfare Act 2021 (see rulesets/)."""

from django.db import migrations


def load(apps, schema_editor):
    from laget.competence.services import bundled_rule_sets_load

    bundled_rule_sets_load(model=apps.get_model("competence", "CompetenceRuleSet"))


class Migration(migrations.Migration):
    dependencies = [("competence", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
