"""The workforce overview as an Excel workbook: the same figures as the page, suppressed the
same way (a hidden figure is written «skjult»), with the definitions on their own sheet."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from laget.core.numbers import half_up, norwegian, quarter_text
from laget.core.xlsx import style_header, workbook_bytes
from laget.domain.protection import ledger
from laget.domain.suppression import Figure
from laget.publication.published import freshness_text
from laget.workforce.selectors import ServiceRow, WorkforceOverview

HIDDEN = "skjult"


def _cell(figure: Figure, percent: bool = False, decimals: int = 1) -> Any:
    """A figure as a cell: its number, «skjult», or empty; the number written is told to the
    ledger as a page's are (a crawl reads a workbook as a reader does)."""
    ledger.shown(figure)
    if figure.suppressed:
        return HIDDEN
    if figure.value is None:
        return None
    value = float(figure.value)
    decimals = 1 if percent else decimals
    written = float(half_up(value * 100 if percent else value, decimals))
    ledger.written(norwegian(written, decimals))
    return written


def _plain(value: float | int | None, decimals: int = 0) -> Any:
    """A number that is no figure (a year, a published reference value), told to the ledger."""
    if value is None:
        return None
    ledger.written(norwegian(value, decimals), figure=False)
    return value


def _reference(value: float | None) -> Any:
    return None if value is None else _plain(float(half_up(value * 100, 1)), 1)


def workforce_xlsx(overview: WorkforceOverview, rows: list[ServiceRow] | None = None) -> bytes:
    workbook = Workbook()
    years = workbook.active
    assert years is not None
    years.title = _("Per år")
    years.append(
        [
            _("År"),
            _("Sluttet i tjenesten, turnover (%)"),
            _("Ansatt 1. des. året før"),
            _("Sluttet"),
            _("Tilganger"),
            _("Avganger"),
            _("Sluttet innen 12 mnd (%)"),
            _("Sluttet innen 24 mnd (%)"),
            _("Sykefravær (%)"),
            _("Egenmeldt (%)"),
            _("Legemeldt (%)"),
            _("Korttid (%)"),
            _("Langtid (%)"),
            _("Kommunen (%)"),
            _("Landet (%)"),
        ]
    )
    for row in overview.rows:
        years.append(
            [
                _plain(row.year),
                _cell(row.turnover, percent=True),
                _cell(row.at_start, decimals=0),
                _cell(row.leavers, decimals=0),
                _cell(row.hires, decimals=0),
                _cell(row.separations, decimals=0),
                _cell(row.early_12, percent=True),
                _cell(row.early_24, percent=True),
                _cell(row.sick_leave, percent=True),
                _cell(row.sick_self, percent=True),
                _cell(row.sick_doctor, percent=True),
                _cell(row.sick_short, percent=True),
                _cell(row.sick_long, percent=True),
                _reference(row.reference_municipality),
                _reference(row.reference_national),
            ]
        )
    style_header(years, widths=[8] + [18] * 14)

    quarters = workbook.create_sheet(_("Sykefravær per kvartal"))
    quarters.append([_("Kvartal"), _("Sykefravær (%)")])
    for label, figure in overview.sick_quarters:
        quarters.append([quarter_text(label), _cell(figure, percent=True)])
    if overview.sick_units:
        quarters.append([])
        quarters.append([_("Enhet (%(year)s)") % {"year": overview.years[-1]}, _("Sykefravær (%)")])
        for name, figure in overview.sick_units:
            quarters.append([name, _cell(figure, percent=True)])
    style_header(quarters, widths=[12, 16])

    staff = workbook.create_sheet(_("Ansatte i dag"))
    staff.append([_("Mål"), _("Verdi")])
    staff.append([_("Antall ansatte"), _cell(overview.headcount, decimals=0)])
    staff.append([_("Årsverk"), _cell(overview.fte)])
    staff.append([_("Ansiennitet (år)"), _cell(overview.tenure)])
    for band, figure in overview.age_bands.items():
        staff.append([_("Alder %(band)s") % {"band": band}, _cell(figure, decimals=0)])
    style_header(staff, widths=[28, 14])

    roles = workbook.create_sheet(_("Etter rolle"))
    roles.append(
        [
            _("Rollekategori"),
            _("Ansatte"),
            _("Årsverk"),
            _("Sluttet i tjenesten, turnover (%)"),
        ]
    )
    for role in overview.by_role:
        roles.append(
            [
                role.label,
                _cell(role.headcount, decimals=0),
                _cell(role.fte),
                _cell(role.turnover, percent=True),
            ]
        )
    style_header(roles, widths=[32, 10, 10, 14])

    reasons = workbook.create_sheet(_("Sluttårsaker"))
    reasons.append(
        [_("Årsak (andel som sa stor betydning eller avgjørende, %)")]
        + [str(y) for y in overview.years]
        + [_("Alle år")]
    )
    reasons.append(
        [_("Antall sluttsamtaler")] + [_cell(f, decimals=0) for f in overview.interviews_by_year]
    )
    for reason in overview.reasons:
        reasons.append(
            [reason.label]
            + [_cell(f, percent=True) for f in reason.by_year]
            + [_cell(reason.total, percent=True)]
        )
    style_header(reasons, widths=[50] + [10] * (len(overview.years) + 1))

    recruitment = workbook.create_sheet(_("Rekruttering"))
    r = overview.recruitment
    recruitment.append([_("Mål"), _("Verdi")])
    for label, figure, kind in (
        (_("Utlyste stillinger"), r.advertised, "count"),
        (_("Ledige nå"), r.open_now, "count"),
        (_("Median dager til besatt"), r.median_days, "number"),
        (_("Søkere per stilling"), r.mean_applicants, "number"),
        (_("Kvalifiserte søkere per stilling"), r.mean_qualified, "number"),
        (_("Andel med krav om master (%)"), r.master_required_share, "percent"),
    ):
        recruitment.append(
            [label, _cell(figure, percent=kind == "percent", decimals=0 if kind == "count" else 1)]
        )
    recruitment.append([])
    recruitment.append([_("Ansatt fra"), _("Antall"), _("Års erfaring i snitt")])
    for label, hires, experience in r.hires_by_source:
        recruitment.append([label, _cell(hires, decimals=0), _cell(experience)])
    style_header(recruitment, widths=[40, 14, 20])

    if rows is not None:
        services = workbook.create_sheet(_("Per tjeneste"))
        services.append(
            [
                _("Tjeneste"),
                _("Ansatte"),
                _("Sluttet i tjenesten, turnover (%)"),
                _("Sykefravær (%)"),
            ]
        )
        for service_row in rows:
            services.append(
                [
                    service_row.service.name,
                    _cell(service_row.headcount, decimals=0),
                    _cell(service_row.turnover, percent=True),
                    _cell(service_row.sick_leave, percent=True),
                ]
            )
        style_header(services, widths=[44, 10, 16, 16])

    definitions = workbook.create_sheet(_("Definisjoner"))
    definitions.append([_("Mål"), _("Definisjon")])
    for key, text in overview.definitions.items():
        definitions.append([key, text])
    definitions.append([])
    definitions.append(
        [
            _("Skjult"),
            _(
                "Tall som bygger på færre enn 5 personer, og tall som ville avsløre dem, vises ikke utenfor tjenesten («skjult»)."
            ),
        ]
    )
    computed = freshness_text()
    if computed:  # the stored figures of users outside the service: their date and time
        definitions.append([_("Tallene"), computed])
    style_header(definitions, widths=[16, 120])
    return workbook_bytes(workbook)
