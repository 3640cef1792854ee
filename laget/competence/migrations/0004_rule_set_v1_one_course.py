"""Version 1 counts further education as the Act words it, «en relevant videreutdanning
tilsvarende minst 30 studiepoeng»: one course of at least 30 credits, not credits summed over
shorter courses (see rulesets/)."""

from django.db import migrations


def one_course(apps, schema_editor):
    from laget.competence.services import bundled_rule_set_keys_add

    bundled_rule_set_keys_add(
        keys=("credits_counting",), model=apps.get_model("competence", "CompetenceRuleSet")
    )


class Migration(migrations.Migration):
    dependencies = [("competence", "0003_rule_set_v1_source")]

    operations = [migrations.RunPython(one_course, migrations.RunPython.noop)]
