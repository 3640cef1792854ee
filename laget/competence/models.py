"""Rule sets for the competence requirement: versioned data, not code."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.domain.competence import RuleSet, RuleSetError, rule_set_from_dict
from laget.people.models import RoleCategory


class CompetenceRuleSet(models.Model):
    """One version of a competence requirement. The version in force on a day is the one with
    the latest `valid_from` on or before it, so a revised requirement is a new row."""

    name = models.CharField(_("navn"), max_length=200, editable=False)
    version = models.CharField(_("versjon"), max_length=40, editable=False)
    valid_from = models.DateField(_("gyldig fra"), editable=False)
    deadline = models.DateField(_("frist"), editable=False)
    definition = models.JSONField(
        _("definisjon"),
        help_text=_("Regelsettet som JSON; se laget/competence/rulesets/ for et eksempel."),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("regelsett for kompetansekrav")
        verbose_name_plural = _("regelsett for kompetansekrav")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="unique_rule_set_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (versjon {self.version}, fra {self.valid_from:%d.%m.%Y})"

    def rules(self) -> RuleSet:
        return rule_set_from_dict(self.definition)

    def clean(self) -> None:
        try:
            rules = rule_set_from_dict(self.definition)
        except RuleSetError as error:
            raise ValidationError({"definition": error.problems}) from None
        unknown = rules.applies_to - set(RoleCategory.values)
        if unknown:
            raise ValidationError(
                {
                    "definition": _(
                        "Ukjente rollekategorier i applies_to: %(roles)s. Gyldige: %(valid)s"
                    )
                    % {"roles": ", ".join(sorted(unknown)), "valid": ", ".join(RoleCategory.values)}
                }
            )
        duplicate = CompetenceRuleSet.objects.filter(name=rules.name, version=rules.version)
        if duplicate.exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "definition": _(
                        "Versjon %(version)s av «%(name)s» finnes allerede; gi den nye en ny versjon."
                    )
                    % {"version": rules.version, "name": rules.name}
                }
            )
        self.name, self.version = rules.name, rules.version
        self.valid_from, self.deadline = rules.valid_from, rules.deadline
