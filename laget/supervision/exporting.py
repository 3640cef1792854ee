"""The regularity table as Excel: one row per employee, and the service's figures."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from laget.core.xlsx import style_header, workbook_bytes
from laget.supervision.selectors import ServiceSupervision


def regularity_xlsx(overview: ServiceSupervision) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Regelmessighet")
    sheet.append(
        [
            _("Navn"),
            _("Stilling"),
            _("Veileder"),
            _("Planlagt"),
            _("Holdt"),
            _("Avlyst"),
            _("Holdt av planlagt (%)"),
            _("Lengste opphold (dager)"),
            _("Dager siden siste"),
            _("Prosessveiledning"),
            _("I gruppe"),
            _("Forsinket"),
        ]
    )
    for row in overview.rows:
        r = row.regularity
        sheet.append(
            [
                row.person.full_name,
                row.employment.position_title,
                ", ".join(row.supervisors) or _("ingen plan"),
                r.planned,
                r.held,
                r.cancelled,
                None if r.held_share is None else round(r.held_share * 100),
                r.longest_gap_days,
                r.days_since_last,
                r.process_held,
                r.group_held,
                _("ja") if r.overdue else "",
            ]
        )
    style_header(sheet, widths=[28, 26, 28, 10, 10, 10, 14, 14, 14, 14, 10, 10])
    figures = workbook.create_sheet(_("Tjenesten"))
    figures.append([_("Mål"), _("Verdi")])
    for label, figure, percent in (
        (_("Ansatte"), overview.staff, False),
        (_("Andel med aktiv plan (%)"), overview.with_plan, True),
        (_("Planlagte samtaler siste 12 måneder"), overview.planned, False),
        (_("Holdte samtaler"), overview.held, False),
        (_("Holdt av planlagt (%)"), overview.held_share, True),
        (_("Andel prosessveiledning (%)"), overview.process_share, True),
        (_("Andel i gruppe (%)"), overview.group_share, True),
        (_("Forsinket"), overview.overdue, False),
    ):
        value = figure.shown
        figures.append(
            [label, None if value is None else round(float(value) * (100 if percent else 1), 1)]
        )
    figures.append([])
    for key, text in overview.definitions.items():
        figures.append([key, text])
    style_header(figures, widths=[40, 100])
    return workbook_bytes(workbook)
