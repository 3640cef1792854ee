"""Version 1 leaves it to each municipality whether the requirement covers staff working with
measures (tiltak), which many have not decided (seed 000): `optional_roles` (see rulesets/).
Not covered unless a service brings them under it, as before."""

from django.db import migrations


def optional_roles(apps, schema_editor):
    from laget.competence.services import bundled_rule_set_keys_add

    bundled_rule_set_keys_add(
        keys=("optional_roles",), model=apps.get_model("competence", "CompetenceRuleSet")
    )


class Migration(migrations.Migration):
    dependencies = [("competence", "0004_rule_set_v1_one_course")]

    operations = [migrations.RunPython(optional_roles, migrations.RunPython.noop)]
