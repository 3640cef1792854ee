"""A service's own goal for the share meeting the requirement at the deadline.

No source sets such a share (the requirement covers everyone it covers); a service that wants
a goal sets it here, recorded with who set it and when, and every page and report that uses it
says it is the service's own."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.organisations.models import Service


class ServiceGoal(models.Model):
    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="own_goal")
    percent = models.PositiveSmallIntegerField(
        _("tjenestens eget mål (prosent)"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Andelen tjenesten selv vil at skal oppfylle kravet ved fristen."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tjenestens eget mål")
        verbose_name_plural = _("tjenestenes egne mål")

    def __str__(self) -> str:
        return f"{self.service}: {self.percent} %"

    @property
    def share(self) -> float:
        return self.percent / 100
