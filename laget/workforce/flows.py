"""What leaves a service about the flows of staff: turnover (those employed on the reference
date and gone a year later), hires and separations, by year, and the last year's turnover by
role, protected as one whole for every service and every group a page can show.

The same figures reach users outside the services on the service's page, the county's, a
network's, the nation's, the exports and the per-service rows: a county's leavers less its
shown services' must not give a hidden service's, nor a year's leavers less the shown roles
the leaders'. So, as with the competence figures (`laget.competence.publication`), every
service's and group's counts are one view, protected once per date and register revision,
and each page reads from it. Turnover is published as a share of those employed on the
reference date, which is published too: it gives the leavers back, and the stayers, so those
are in the view as well (never shown; protected when small).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from laget.competence.publication import NAME as COMPETENCE
from laget.competence.publication import service_unit
from laget.domain.protection import Protected, View, protect
from laget.domain.suppression import Figure
from laget.people.models import RoleCategory
from laget.publication.published import published
from laget.publication.registry import Inputs
from laget.workforce.models import HireSource

#: The stored counts and the publication built from them.
NAME = "flows"
#: Turnover is shown as a percent with one decimal: three decimals of the fraction.
SHARE_DECIMALS = 3
COUNTS = ("at_start", "leavers", "stayers", "hires", "separations")


def key(unit: str, year: int, metric: str, role: str | None = None) -> str:
    return f"{unit}|flows.{year}.{f'role.{role}.' if role else ''}{metric}"


def recruited(unit: str, source: str | None = None) -> str:
    """Those hired into the vacancies advertised in the five years, by where they came from."""
    return f"{unit}|flows.recruited{f'.{source}' if source else ''}"


@dataclass
class FlowsPublication:
    today: date
    years: list[int]
    protected: Protected
    units: dict[frozenset[int], str]

    def figure(self, services, year: int, metric: str, role: str | None = None) -> Figure:
        """A figure as published for a set of services («skjult» for a set that is no
        publishable group, whose totals nobody gets)."""
        ids = frozenset(s.pk for s in services)
        unit = self.units.get(ids)
        if unit is None and any(frozenset({pk}) not in self.units for pk in ids):
            return Figure(None, 0, True, computed=False)  # a service newer than the figures
        if unit is None or key(unit, year, metric, role) not in self.protected.view.cells:
            return Figure(None, 0, True)
        value, persons, hidden = self.protected.read(key(unit, year, metric, role))
        population = self.protected.view.cells[key(unit, year, "at_start", role)].persons
        if metric == "turnover" or not persons:
            # a rate, or a count of none, rests on the population it is taken from
            persons = population
        return Figure(value, persons, hidden, source=key(unit, year, metric, role))

    def recruited(self, services, source: str) -> Figure:
        """Those hired from `source` into the services' vacancies (a none rests on all)."""
        unit = self.units.get(frozenset(s.pk for s in services))
        if unit is None:
            return Figure(None, 0, True)
        value, persons, hidden = self.protected.read(recruited(unit, source))
        everyone = self.protected.view.cells[recruited(unit)].persons
        return Figure(value, persons or everyone, hidden, source=recruited(unit, source))

    def churn(self, services, year: int, figure: Figure) -> Figure:
        """SSB's churn gives hires and separations back with the head counts: hidden with
        them."""
        hidden = figure.suppressed or any(
            self.figure(services, year, metric).suppressed for metric in ("hires", "separations")
        )
        return Figure(figure.value, figure.n, hidden)


def _add_unit(view: View, unit: str, year: int, counts: dict[str, int], role: str | None) -> None:
    def k(metric: str) -> str:
        return key(unit, year, metric, role)

    for metric in ("at_start", "leavers", "stayers"):
        view.add(k(metric), counts[metric])
    view.total(k("at_start"), [k("leavers"), k("stayers")])
    view.share(k("turnover"), k("leavers"), k("at_start"), SHARE_DECIMALS)
    if role is None:
        view.add(k("hires"), counts["hires"])
        view.add(k("separations"), counts["separations"])


def build(inputs: Inputs) -> FlowsPublication:
    """Protect every service's and group's flows as one view, from the stored counts."""
    from laget.workforce.years import years_shown

    today = inputs.day
    years = years_shown(today)
    stored = inputs.counts(NAME)

    def counted(service_id: int, year: int, metric: str, role: str | None) -> int:
        return stored[service_id][f"{year}.{f'role.{role}.' if role else ''}{metric}"]

    roles = list(RoleCategory.values)
    units = inputs.publication(COMPETENCE).units
    view = View()
    for members, unit in sorted(units.items(), key=lambda item: (len(item[0]), item[1])):
        sources = [
            view.add(recruited(unit, s), sum(stored[pk][f"recruited.{s}"] for pk in members))
            for s in HireSource.values
        ]
        view.add(recruited(unit), sum(view.cells[k].value for k in sources))
        view.total(recruited(unit), sources)
        if len(members) > 1:
            for s in [None, *HireSource.values]:
                view.total(recruited(unit, s), [recruited(service_unit(pk), s) for pk in members])
        for year in years:
            slices: list[str | None] = [None, *roles] if year == years[-1] else [None]
            for role in slices:
                summed = {
                    metric: sum(counted(pk, year, metric, role) for pk in members)
                    for metric in COUNTS
                }
                _add_unit(view, unit, year, summed, role)
                if len(members) > 1:
                    for metric in COUNTS if role is None else COUNTS[:3]:
                        view.total(
                            key(unit, year, metric, role),
                            [key(service_unit(pk), year, metric, role) for pk in sorted(members)],
                        )
        for metric in ("at_start", "leavers", "stayers"):
            # a person in two roles of one service counts in both: then the roles are no
            # partition, and the attacker has no sum either
            total = key(unit, years[-1], metric)
            parts = [key(unit, years[-1], metric, r) for r in roles]
            if view.cells[total].value == sum(view.cells[p].value for p in parts):
                view.total(total, parts)
    stayers = {k for k in view.cells if k.endswith(".stayers")}
    return FlowsPublication(
        today, years, protect(view, unpublished=stayers, scope=today.isoformat()), units
    )


def flows_publication(today: date) -> FlowsPublication:
    """The protected flows for `today`, once per register revision (kept for a day)."""
    return published(NAME, today)
