"""The generated content of a status report: for each block key in the template, the blocks
built from what Laget knows, as plain JSON (the snapshot that is frozen at finalisation)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from laget.organisations.models import Municipality, Service
from laget.people.models import Person
from laget.publication.published import freshness, noting
from laget.reports.content import comparison, competence, stability, staffing, supervision
from laget.reports.content.context import Context
from laget.reports.content.format import Block, Formatter

BUILDERS: dict[str, Callable[[Context], list[Block]]] = {
    "key_figures": staffing.key_figures,
    "organisation": staffing.organisation,
    "staffing": staffing.staffing,
    "municipality_figures": staffing.municipality_figures,
    "development": staffing.development,
    "competence": competence.competence,
    "projection": competence.projection,
    "competence_plan": competence.competence_plan,
    "measures": competence.measures,
    "turnover": stability.turnover,
    "sick_leave": stability.sick_leave,
    "exit_reasons": stability.exit_reasons,
    "recruitment": stability.recruitment,
    "supervision": supervision.supervision,
    "onboarding": supervision.onboarding,
    "comparisons": comparison.comparisons,
    "signals": comparison.signals,
}

CONTENT_VERSION = 1


def build_content(
    *,
    service: Service,
    municipality: Municipality,
    year: int,
    as_of: date,
    sections: list[dict],
    comparisons: list[str],
    formatter: Formatter | None = None,
    shared: dict | None = None,
) -> dict:
    """Every block the template's sections ask for, with what the figures rest on. `shared`
    lets a batch of reports made on the same day reuse each other's figures."""
    ctx = Context(
        service,
        municipality,
        year,
        as_of,
        comparisons,
        formatter or Formatter(),
        shared if shared is not None else {},
    )
    keys = [key for section in sections for key in section.get("blocks", [])]
    unknown = sorted(set(keys) - set(BUILDERS))
    if unknown:
        raise ValueError(f"Ukjente blokker i malen: {', '.join(unknown)}")
    with noting():
        blocks = {key: BUILDERS[key](ctx) for key in dict.fromkeys(keys)}
        rule_set = f"{ctx.competence.record.name}, versjon {ctx.competence.record.version}"
        note = freshness()
    return {
        "version": CONTENT_VERSION,
        "service": service.name,
        "municipality": municipality.name,
        "municipality_number": municipality.number,
        "members": [m.name for m in ctx.members],
        "inter_municipal": ctx.inter_municipal,
        "year": year,
        "as_of": as_of.isoformat(),
        "rule_set": rule_set,
        # when the stored figures it read were computed (the oldest of them)
        "computed_at": note.built_at.isoformat() if note else None,
        # the date of the release they are from (readers outside get releases: issue 26)
        "figures_day": note.day.isoformat() if note else None,
        # made from demo data: said on the document's first page
        "synthetic": Person.objects.filter(
            is_synthetic=True, employments__service=service
        ).exists(),
        "blocks": blocks,
    }
