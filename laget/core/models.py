"""The audit log: who changed person-level data or exported data, what, and when."""

import functools

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Opprettet")
    UPDATE = "update", _("Endret")
    DELETE = "delete", _("Slettet")
    EXPORT = "export", _("Eksportert")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("utført av"),
    )
    action = models.CharField(_("handling"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("objekttype"), max_length=100)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    service = models.ForeignKey(
        "organisations.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tjeneste"),
    )
    summary = models.CharField(_("sammendrag"), max_length=300)
    changes = models.JSONField(_("endringer"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("revisjonslogg-innslag")
        verbose_name_plural = _("revisjonslogg")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor}: {self.summary}"


class RegisterRevision(models.Model):
    """One row, bumped by every change to what published figures are computed from (the
    register, an import, the services and their groups), so figures kept for a revision are
    known to be stale. Read once per page; a new revision makes them be computed again."""

    revision = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registerrevisjon")

    def __str__(self) -> str:
        return f"{self.revision}"

    @classmethod
    def current(cls) -> int:
        from django.db import connection

        connection.laget_revision_pending = None  # type: ignore[attr-defined]  # read
        return cls.objects.filter(pk=1).values_list("revision", flat=True).first() or 0

    @classmethod
    def bump(cls) -> None:
        """A new revision: the stored figures are out of date, and the worker (`laget
        refresh-counts --watch`) brings them up to date on its next pass. Within one transaction a change after a bump that nobody has read since makes no
        second one (a demo or an import changes thousands of rows): the revision is what
        figures are stored under, and none was stored in between."""
        from django.db import connection, transaction
        from django.db.models import F
        from django.utils import timezone

        pending = getattr(connection, "laget_revision_pending", None)
        if (
            connection.in_atomic_block
            and pending is not None
            # rolled back (to a savepoint), the bump's own callback is gone with it
            and any(entry[1] is pending for entry in connection.run_on_commit)
        ):
            return
        if not cls.objects.filter(pk=1).update(
            revision=F("revision") + 1, changed_at=timezone.now()
        ):
            cls.objects.get_or_create(pk=1, defaults={"revision": 1})
        callback = functools.partial(_committed)  # this bump's own: gone if rolled back
        connection.laget_revision_pending = callback  # type: ignore[attr-defined]
        transaction.on_commit(callback)


def _committed() -> None:
    """A bump's mark in the transaction's on-commit list (see `RegisterRevision.bump`)."""
