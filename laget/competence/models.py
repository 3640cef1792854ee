"""Rule sets for the competence requirement: versioned data, not code."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.core.validators import GUARD_NOTES
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
        unknown = (rules.applies_to | rules.optional_roles) - set(RoleCategory.values)
        if unknown:
            raise ValidationError(
                {
                    "definition": _(
                        "Ukjente rollekategorier i applies_to eller optional_roles: %(roles)s. "
                        "Gyldige: %(valid)s"
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


class Exemption(models.Model):
    """An exemption from the competence requirement granted to the municipality, for a person
    or for a position (whoever holds it), for a period and on conditions. A person under it
    has their own status, «unntatt», never «oppfyller»; the end date drives a reminder on the
    leader's start page. The conditions and the reference are checked for case information."""

    service = models.ForeignKey(
        "organisations.Service",
        on_delete=models.CASCADE,
        related_name="exemptions",
        verbose_name=_("tjeneste"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exemptions",
        verbose_name=_("person"),
        help_text=_("Unntak for én ansatt. Fyll ut enten person eller stilling."),
    )
    position_title = models.CharField(
        _("stilling"),
        max_length=120,
        blank=True,
        help_text=_(
            "Unntak for en stilling: gjelder den som har denne stillingstittelen i tjenesten."
        ),
        validators=[GUARD_NOTES],
    )
    granted_by = models.CharField(
        _("innvilget av"),
        max_length=200,
        help_text=_("For eksempel Statsforvalteren i Trøndelag."),
        validators=[GUARD_NOTES],
    )
    granted_on = models.DateField(_("vedtaksdato"))
    valid_from = models.DateField(_("gjelder fra"))
    valid_until = models.DateField(_("gjelder til og med"))
    conditions = models.TextField(
        _("vilkår"), max_length=2000, blank=True, validators=[GUARD_NOTES]
    )
    document_reference = models.CharField(
        _("dokumentreferanse"),
        max_length=100,
        blank=True,
        help_text=_("Arkivreferansen til vedtaket om unntak."),
        validators=[GUARD_NOTES],
    )
    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["valid_until", "pk"]
        verbose_name = _("unntak fra kompetansekravet")
        verbose_name_plural = _("unntak fra kompetansekravet")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(position_title=""))
                | (models.Q(person__isnull=True) & ~models.Q(position_title="")),
                name="exemption_for_person_or_position",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="exemption_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return _("Unntak for %(who)s til %(until)s") % {
            "who": self.holder,
            "until": f"{self.valid_until:%d.%m.%Y}",
        }

    @property
    def holder(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return _("stillingen «%(title)s»") % {"title": self.position_title}

    def clean(self) -> None:
        errors = {}
        if bool(self.person_id) == bool(self.position_title.strip()):
            errors["position_title"] = _("Fyll ut enten person eller stilling, ikke begge.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Kan ikke være før «gjelder fra».")
        if self.granted_on and self.valid_until and self.granted_on > self.valid_until:
            errors["granted_on"] = _("Vedtaket kan ikke være gjort etter at unntaket gikk ut.")
        if errors:
            raise ValidationError(errors)
