"""Exports of service data. Every export is written to the audit log."""

import csv
import io
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.organisations import selectors
from laget.organisations.models import Service


@transaction.atomic
def staff_csv_export(*, actor, service: Service, today: date) -> tuple[str, str]:
    """The current staff list as semicolon-separated CSV (as Norwegian Excel expects).

    Returns (filename, text). The caller must already have checked person access.
    """
    employments = list(selectors.staff_list(user=actor, service=service, today=today))
    buffer = io.StringIO()
    buffer.write("\ufeff")  # BOM, so Excel reads the file as UTF-8
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            _("Etternavn"),
            _("Fornavn"),
            _("Stilling"),
            _("Rollekategori"),
            _("Enhet"),
            _("Stillingsprosent"),
            _("Startdato"),
        ]
    )
    for e in employments:
        writer.writerow(
            [
                e.person.family_name,
                e.person.given_name,
                e.position_title,
                e.get_role_category_display(),
                e.unit.name if e.unit else "",
                str(e.fte_percent).replace(".", ","),
                e.start_date.isoformat(),
            ]
        )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        summary=_("Eksporterte ansattlisten (%(n)d personer)") % {"n": len(employments)},
        obj=service,
        service=service,
    )
    return f"ansatte-{service.slug}-{today:%Y-%m-%d}.csv", buffer.getvalue()
