"""Version 2: cites the paragraph of the Act of 2021 in force, names its readings (credits,
experience, the deadline, coverage), holds the transition rule to 1 January 2031 and drops the
2027 footnote as a rule of its own (see rulesets/). Version 1 stays as it was."""

from django.db import migrations


def load(apps, schema_editor):
    from laget.competence.services import bundled_rule_sets_load

    bundled_rule_sets_load(model=apps.get_model("competence", "CompetenceRuleSet"))


class Migration(migrations.Migration):
    dependencies = [("competence", "0006_exemption")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
